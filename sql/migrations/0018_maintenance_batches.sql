-- The maintenance process's work in pieces that each fit the statement timeout. It ran as one
-- statement (auto-close, reminders, folding the list totals' and the statistics' deltas): after
-- a backlog (1,260 answered issues due to close at once on the benchmark's province data,
-- 2.9 s alone) it passed the 10 s timeout under load, was rolled back, and tried the same
-- again every minute, so nothing was closed and no delta folded. Now the folds run in their
-- own transaction first, and the auto-close takes at most 200 issues per call (the oldest
-- answers first); the maintenance process calls it again while it closes a full batch.

CREATE OR REPLACE FUNCTION issues_maintenance() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    closed_count integer := 0;
    r record;
BEGIN
    FOR r IN
        SELECT * FROM issues
        WHERE state = 'answered' AND answered_at < now() - make_interval(days =>
            (SELECT value FROM issue_settings WHERE name = 'auto_close_days'))
        ORDER BY answered_at, id LIMIT 200
        FOR UPDATE SKIP LOCKED
    LOOP
        UPDATE issues SET state = 'closed', closed_at = now(), version = version + 1,
            updated_at = now() WHERE id = r.id;
        INSERT INTO issue_events (issue_id, action, from_state, to_state, note)
        VALUES (r.id, 'auto_close', 'answered', 'closed',
                'Tự động đóng sau ' || (SELECT value FROM issue_settings WHERE name = 'auto_close_days')
                || ' ngày không có phản hồi');
        closed_count := closed_count + 1;
    END LOOP;

    INSERT INTO notifications (user_id, issue_id, kind, message)
    SELECT us.id, i.id, 'overdue', 'Kiến nghị ' || i.code || ' đã quá hạn xử lý'
    FROM issues i JOIN users us ON us.unit_id = i.holder_unit_id AND us.disabled_at IS NULL
    WHERE i.state NOT IN ('answered', 'closed', 'withdrawn') AND i.due_date < vn_today()
    ON CONFLICT DO NOTHING;
    INSERT INTO notifications (user_id, issue_id, kind, message)
    SELECT us.id, i.id, 'due_soon', 'Kiến nghị ' || i.code || ' sắp đến hạn ('
        || to_char(i.due_date, 'DD/MM/YYYY') || ')'
    FROM issues i JOIN users us ON us.unit_id = i.holder_unit_id AND us.disabled_at IS NULL
    WHERE i.state NOT IN ('answered', 'closed', 'withdrawn')
      AND i.due_date >= vn_today()
      AND i.due_date <= add_working_days(vn_today(),
            (SELECT value FROM issue_settings WHERE name = 'due_soon_days'))
    ON CONFLICT DO NOTHING;
    RETURN closed_count;
END $$;
