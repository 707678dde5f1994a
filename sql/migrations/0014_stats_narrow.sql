-- Statistics over a year in a few tens of milliseconds (docs/performance.md). On the generated
-- year (50,000 issues) the overview took ~85-110 ms a call, a breakdown ~55-105 ms (by period
-- 120-240 ms) and the weekly series ~90 ms; now ~33, ~27 (by period ~22) and ~18 ms. auto_explain
-- of the nested statements showed where the time went:
-- - the overview read the wide issues heap (title, description, search text) once per call, and
--   its filters on first_answered_at and closed_at, the last columns, deformed every row to its
--   end; participants probed the attendance heap once per training (1,768 bitmap heap scans);
--   escalations looked up each escalated issue by primary key even without a filter;
-- - the generic plans (these functions are planned with their parameters unknown) estimated
--   each unset filter, `(p IS NULL OR column = p)`, as keeping a few percent of the rows: the
--   four together left one row of 50,000, so breakdowns sorted their 50,000 rows by a text key
--   (spilling to disk) where a hash of 42 groups would do, and the period breakdown sorted
--   them all by id to keep each issue in one period;
-- - the weekly series converted every issue's time to a Vietnam date to find its period.
-- The cure, with the same results: narrow indexes that answer each measure with an index-only
-- range scan (the filter columns included, so filtering stays in the index); filters written
-- so that an unset one is not taken as selective; a scan per period for the weekly series and
-- the period breakdown (each period's own part of the time line computed first, so no issue
-- is counted twice and nothing needs sorting). An overlap of periods starting the same day
-- now goes to the greater code; before, to either.

-- Created in a range: raised, the breakdowns, the weekly series.
CREATE INDEX issues_stats_created_idx ON issues (created_at)
    INCLUDE (field_slug, commune_id, lead_unit_id, level, state, due_date, answered_at);
-- First answered in a range, with the seconds it took (an index expression: an index-only
-- scan returns it instead of computing a numeric extract per row). Replaces 0012's index.
DROP INDEX issues_first_answered_idx;
CREATE INDEX issues_stats_answered_idx ON issues
    (first_answered_at, (extract(epoch FROM first_answered_at - created_at)::float8))
    INCLUDE (created_at, field_slug, commune_id, lead_unit_id, level)
    WHERE first_answered_at IS NOT NULL;
-- Closed in a range.
CREATE INDEX issues_stats_closed_idx ON issues (closed_at)
    INCLUDE (field_slug, commune_id, lead_unit_id, level) WHERE state = 'closed';
-- Open now (a fraction of all issues), with the due date for overdue.
CREATE INDEX issues_stats_open_idx ON issues (created_at)
    INCLUDE (due_date, field_slug, commune_id, lead_unit_id, level)
    WHERE state NOT IN ('answered', 'closed', 'withdrawn');
-- Participants of the trainings in a range: each training's total, kept by a trigger on its
-- attendance (the overview sums one row per training, not its ~25 attendance rows: 13 of its
-- ~50 ms); one commune's, from the attendance index without visiting the table.
CREATE INDEX training_attendance_stats_idx ON training_attendance (training_id, commune_id)
    INCLUDE (participants);
CREATE TABLE training_participants (
    training_id integer PRIMARY KEY REFERENCES trainings ON DELETE CASCADE,
    total       bigint NOT NULL
);
INSERT INTO training_participants (training_id, total)
SELECT training_id, sum(participants) FROM training_attendance GROUP BY training_id;
CREATE FUNCTION training_participants_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE training_participants SET total = total - OLD.participants
        WHERE training_id = OLD.training_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO training_participants AS t (training_id, total)
        VALUES (NEW.training_id, NEW.participants)
        ON CONFLICT (training_id) DO UPDATE SET total = t.total + EXCLUDED.total;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER training_participants_sync
    AFTER INSERT OR UPDATE OF training_id, participants OR DELETE ON training_attendance
    FOR EACH ROW EXECUTE FUNCTION training_participants_sync();

-- Whether an issue is in scope of the filters (NULL = any). The same test as 0006's, written
-- with CASE: the planner takes `p IS NULL OR column = p` on an unknown p as keeping 1-25 % of
-- the rows (p IS NULL looks unlikely), and a CASE it cannot see into as keeping half of them,
-- nearer the truth when p is unset.
CREATE OR REPLACE FUNCTION stats_match(i issues, p_field text, p_commune integer, p_unit integer,
                                       p_level text)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_field IS NULL THEN true ELSE i.field_slug = p_field END
       AND CASE WHEN p_commune IS NULL THEN true ELSE i.commune_id = p_commune END
       AND CASE WHEN p_unit IS NULL THEN true ELSE i.lead_unit_id = p_unit END
       AND CASE WHEN p_level IS NULL THEN true ELSE i.level = p_level END
$$;

-- Counts over the range: one index-only range scan per measure. Escalations without a filter
-- need not look at the issues at all (every event's issue exists: a foreign key).
CREATE OR REPLACE FUNCTION stats_overview(p_from date, p_to date, p_field text,
                                          p_commune integer, p_unit integer, p_level text)
RETURNS json LANGUAGE sql STABLE AS $$
    WITH answered AS (
        SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY a.seconds) AS median
        FROM (SELECT extract(epoch FROM i.first_answered_at - i.created_at)::float8 AS seconds
              FROM issues i
              WHERE i.first_answered_at >= vn_start(p_from)
                AND i.first_answered_at < vn_start(p_to + 1)
                AND stats_match(i, p_field, p_commune, p_unit, p_level)) a),
    open AS (SELECT count(*) AS n,
                    count(*) FILTER (WHERE i.due_date < (SELECT vn_today())) AS overdue
             FROM issues i
             WHERE i.state NOT IN ('answered', 'closed', 'withdrawn')
               AND i.created_at < vn_start(p_to + 1)
               AND stats_match(i, p_field, p_commune, p_unit, p_level)),
    tr AS (SELECT t.id FROM trainings t
           WHERE t.starts_at >= vn_start(p_from) AND t.starts_at < vn_start(p_to + 1)
             AND (p_unit IS NULL OR t.unit_id = p_unit)
             AND (p_field IS NULL OR EXISTS (SELECT 1 FROM training_fields f
                  WHERE f.training_id = t.id AND f.field_slug = p_field)))
    SELECT json_build_object(
        'from', p_from, 'to', p_to,
        'raised', (SELECT count(*) FROM issues i
                   WHERE i.created_at >= vn_start(p_from) AND i.created_at < vn_start(p_to + 1)
                     AND stats_match(i, p_field, p_commune, p_unit, p_level)),
        'answered', (SELECT n FROM answered),
        'escalated', CASE WHEN p_field IS NULL AND p_commune IS NULL AND p_unit IS NULL
                               AND p_level IS NULL
                     THEN (SELECT count(DISTINCT e.issue_id) FROM issue_events e
                           WHERE e.action = 'escalate' AND e.at >= vn_start(p_from)
                             AND e.at < vn_start(p_to + 1))
                     ELSE (SELECT count(DISTINCT e.issue_id) FROM issue_events e
                           JOIN issues i ON i.id = e.issue_id
                           WHERE e.action = 'escalate' AND e.at >= vn_start(p_from)
                             AND e.at < vn_start(p_to + 1)
                             AND stats_match(i, p_field, p_commune, p_unit, p_level)) END,
        'closed', (SELECT count(*) FROM issues i
                   WHERE i.closed_at >= vn_start(p_from) AND i.closed_at < vn_start(p_to + 1)
                     AND i.state = 'closed'
                     AND stats_match(i, p_field, p_commune, p_unit, p_level)),
        'open', (SELECT n FROM open),
        'overdue', (SELECT overdue FROM open),
        'median_hours_to_answer', (SELECT round((median / 3600)::numeric, 1) FROM answered),
        'trainings', (SELECT count(*) FROM tr),
        'participants', CASE WHEN p_commune IS NULL
                        THEN (SELECT coalesce(sum(n.total), 0)
                              FROM tr JOIN training_participants n ON n.training_id = tr.id)
                        ELSE (SELECT coalesce(sum(a.participants), 0)
                              FROM tr JOIN training_attendance a ON a.training_id = tr.id
                              WHERE a.commune_id = p_commune) END)
$$;

-- Counts per group: by 'field', 'commune', 'department' (lead), 'level' or 'period'. An issue
-- belongs to the latest-starting period whose window holds its creation time (of periods
-- starting the same day, the greatest code). The group key is kept as text or integer, as the
-- column is, and made text once per group. jit is off: the generic plan's cost grows with the
-- table, not with the range read, and at national size compiling would cost more than running.
CREATE OR REPLACE FUNCTION stats_breakdown(p_by text, p_from date, p_to date, p_field text,
                                           p_commune integer, p_unit integer, p_level text)
RETURNS json LANGUAGE sql STABLE SET jit = off AS $$
    WITH w AS MATERIALIZED (SELECT vn_start(p_from) AS t0, vn_start(p_to + 1) AS t1),
    -- The periods overlapping the range, cut to it ('period' only).
    pw AS MATERIALIZED (SELECT p.code, p.starts_on,
                               tstzrange(greatest(period_from(p), w.t0),
                                         least(period_to(p), w.t1)) AS win
                        FROM periods p, w WHERE p_by = 'period' AND w.t0 < w.t1
                          AND period_to(p) > w.t0 AND period_from(p) < w.t1),
    -- Each period's own part: its window less those of the periods starting later, as '[)'
    -- ranges.
    own AS MATERIALIZED (SELECT pw.code, lower(r) AS t0, upper(r) AS t1
                         FROM pw, unnest(tstzmultirange(pw.win) - coalesce(
                             (SELECT range_agg(q.win) FROM pw q
                              WHERE (q.starts_on, q.code) > (pw.starts_on, pw.code)),
                             '{}')) r),
    -- The issues in the range with their group: one index range scan, or for 'period' one
    -- per part (OFFSET 0 keeps it so).
    g AS (SELECT CASE p_by WHEN 'field' THEN i.field_slug WHEN 'level' THEN i.level END AS tkey,
                 CASE p_by WHEN 'commune' THEN i.commune_id
                           WHEN 'department' THEN i.lead_unit_id END AS ikey,
                 i.answered_at, i.state, i.due_date
          FROM issues i WHERE p_by <> 'period' AND i.created_at >= vn_start(p_from)
            AND i.created_at < vn_start(p_to + 1)
            AND stats_match(i, p_field, p_commune, p_unit, p_level)
          UNION ALL
          SELECT own.code, NULL, i.answered_at, i.state, i.due_date
          FROM own CROSS JOIN LATERAL (
              SELECT i.answered_at, i.state, i.due_date FROM issues i
              WHERE i.created_at >= own.t0 AND i.created_at < own.t1
                AND stats_match(i, p_field, p_commune, p_unit, p_level)
              OFFSET 0) i),
    c AS (SELECT coalesce(g.tkey, g.ikey::text) AS key,
            count(*) AS raised,
            count(*) FILTER (WHERE g.answered_at IS NOT NULL) AS answered,
            count(*) FILTER (WHERE g.state IN ('escalated_province', 'escalated_central')) AS escalated,
            count(*) FILTER (WHERE g.state = 'closed') AS closed,
            count(*) FILTER (WHERE g.state NOT IN ('answered', 'closed', 'withdrawn')) AS open,
            count(*) FILTER (WHERE g.state NOT IN ('answered', 'closed', 'withdrawn')
                             AND g.due_date < (SELECT vn_today())) AS overdue
          FROM g WHERE g.tkey IS NOT NULL OR g.ikey IS NOT NULL GROUP BY g.tkey, g.ikey)
    SELECT json_build_object('by', p_by, 'from', p_from, 'to', p_to,
        'items', coalesce(json_agg(x ORDER BY x.raised DESC, x.key), '[]'::json))
    FROM (SELECT c.key,
            CASE p_by WHEN 'field' THEN (SELECT name FROM fields WHERE slug = c.key)
                      WHEN 'commune' THEN (SELECT name FROM units WHERE id = c.key::integer)
                      WHEN 'department' THEN (SELECT name FROM units WHERE id = c.key::integer)
                      ELSE c.key END AS name,
            c.raised, c.answered, c.escalated, c.closed, c.open, c.overdue
          FROM c) x
$$;

-- The weekly series: one index range scan per period for raised and one for first answers,
-- the Vietnam day boundaries computed once per period rather than a date per issue. jit is
-- off for the reason given above.
CREATE OR REPLACE FUNCTION stats_weekly(p_from date, p_to date, p_weeks integer, p_field text,
                                        p_commune integer, p_unit integer, p_level text)
RETURNS json LANGUAGE sql STABLE SET jit = off AS $$
    WITH periods AS (SELECT k, greatest(p_from, p_to - (k + 1) * 7 * p_weeks + 1) AS f,
                            p_to - k * 7 * p_weeks AS t
                     FROM generate_series(0, (p_to - p_from) / (7 * p_weeks)) k)
    SELECT json_build_object('from', p_from, 'to', p_to, 'weeks', p_weeks,
        'items', json_agg(json_build_object('from', p.f, 'to', p.t,
            'raised', r.n, 'answered', a.n,
            'median_hours_to_answer', round((a.median / 3600)::numeric, 1)) ORDER BY p.k DESC))
    FROM periods p
    CROSS JOIN LATERAL (SELECT count(*) AS n FROM issues i
                        WHERE i.created_at >= vn_start(p.f) AND i.created_at < vn_start(p.t + 1)
                          AND stats_match(i, p_field, p_commune, p_unit, p_level)) r
    CROSS JOIN LATERAL (
        SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY x.seconds) AS median
        FROM (SELECT extract(epoch FROM i.first_answered_at - i.created_at)::float8 AS seconds
              FROM issues i
              WHERE i.first_answered_at >= vn_start(p.f)
                AND i.first_answered_at < vn_start(p.t + 1)
                AND stats_match(i, p_field, p_commune, p_unit, p_level)) x) a
$$;
