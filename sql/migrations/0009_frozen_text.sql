-- Frozen reports are read far more often than they are written (the Chairman's office, the
-- Party committee, every department looking back), and a submitted version never changes.
-- Keep each version's snapshot also as the text it is sent as, made once when it is frozen,
-- and build the report's answer as json around that text instead of converting every
-- snapshot from jsonb on every read (docs/performance.md).

ALTER TABLE report_versions ADD COLUMN snapshot_text text GENERATED ALWAYS AS (snapshot::text) STORED;
ALTER TABLE consolidated_versions ADD COLUMN snapshot_text text GENERATED ALWAYS AS (snapshot::text) STORED;

DROP FUNCTION report_json(integer, integer, boolean);
CREATE FUNCTION report_json(p_period integer, p_unit integer, p_with_draft boolean)
RETURNS json LANGUAGE sql STABLE AS $$
    SELECT json_build_object(
        'period', (SELECT period_json(p) FROM periods p WHERE p.id = p_period),
        'unit', (SELECT json_build_object('id', u.id, 'code', u.code, 'name', u.name)
                 FROM units u WHERE u.id = p_unit),
        'state', coalesce(r.state, 'draft'),
        'version', coalesce(r.version, 0),
        'narrative', CASE WHEN p_with_draft THEN coalesce(r.narrative, '{}') END,
        'compiled', CASE WHEN p_with_draft THEN report_compile(p_period, p_unit) END,
        'updated_at', r.updated_at,
        'versions', coalesce((SELECT json_agg(json_build_object('number', v.number,
            'submitted_at', v.submitted_at, 'late_seconds', v.late_seconds,
            'submitted_by', (SELECT full_name FROM users WHERE id = v.submitted_by),
            'returned_at', v.returned_at, 'return_reason', v.return_reason,
            'snapshot', v.snapshot_text::json) ORDER BY v.number)
            FROM report_versions v WHERE v.report_id = r.id), '[]'::json))
    FROM (SELECT 1) one LEFT JOIN reports r ON r.period_id = p_period AND r.unit_id = p_unit
$$;

DROP FUNCTION consolidated_json(integer, boolean);
CREATE FUNCTION consolidated_json(p_period integer, p_live boolean) RETURNS json
LANGUAGE sql STABLE AS $$
    SELECT json_build_object(
        'period', (SELECT period_json(p) FROM periods p WHERE p.id = p_period),
        'narrative', CASE WHEN p_live THEN coalesce(c.narrative, '{}') END,
        'version', coalesce(c.version, 0),
        'compiled', CASE WHEN p_live THEN consolidated_compile(p_period) END,
        'versions', coalesce((SELECT json_agg(json_build_object('number', v.number,
            'submitted_at', v.submitted_at, 'late_seconds', v.late_seconds,
            'submitted_by', (SELECT full_name FROM users WHERE id = v.submitted_by),
            'snapshot', v.snapshot_text::json) ORDER BY v.number)
            FROM consolidated_versions v WHERE v.consolidated_id = c.id), '[]'::json))
    FROM (SELECT 1) one LEFT JOIN consolidated_reports c ON c.period_id = p_period
$$;
