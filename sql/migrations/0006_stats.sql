-- Statistics for the leadership and the Party committee's analysts: counts over any date
-- range with filters, breakdowns, the share of communes running smoothly ("thông suốt": no
-- open issue older than a set number of days) over time, and the reporting compliance
-- history. Every function takes Vietnam dates and counts what the data says now.

INSERT INTO issue_settings VALUES ('smooth_days', 14) ON CONFLICT DO NOTHING;

-- Whether an issue is in scope of the filters (NULL = any). Inlined into the queries below,
-- so the planner joins the real tables with their statistics.
CREATE FUNCTION stats_match(i issues, p_field text, p_commune integer, p_unit integer,
                            p_level text)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT (p_field IS NULL OR i.field_slug = p_field)
       AND (p_commune IS NULL OR i.commune_id = p_commune)
       AND (p_unit IS NULL OR i.lead_unit_id = p_unit)
       AND (p_level IS NULL OR i.level = p_level)
$$;

CREATE FUNCTION vn_start(d date) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
    SELECT d::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
$$;

CREATE FUNCTION stats_overview(p_from date, p_to date, p_field text, p_commune integer,
                               p_unit integer, p_level text)
RETURNS json LANGUAGE sql STABLE AS $$
    WITH w AS (SELECT vn_start(p_from) AS t0, vn_start(p_to + 1) AS t1),
    -- The first answer of each issue answered in the range.
    answers AS (SELECT e.issue_id, min(e.at) AS at, min(i.created_at) AS created_at
                FROM issue_events e JOIN issues i ON i.id = e.issue_id, w
                WHERE e.action IN ('answer', 'resolve', 'record_reply')
                  AND stats_match(i, p_field, p_commune, p_unit, p_level)
                GROUP BY e.issue_id
                HAVING min(e.at) >= (SELECT t0 FROM w) AND min(e.at) < (SELECT t1 FROM w)),
    tr AS (SELECT t.id FROM trainings t, w WHERE t.starts_at >= w.t0 AND t.starts_at < w.t1
           AND (p_unit IS NULL OR t.unit_id = p_unit)
           AND (p_field IS NULL OR EXISTS (SELECT 1 FROM training_fields f
                WHERE f.training_id = t.id AND f.field_slug = p_field)))
    SELECT json_build_object(
        'from', p_from, 'to', p_to,
        'raised', (SELECT count(*) FROM issues i, w WHERE i.created_at >= w.t0
                   AND i.created_at < w.t1 AND stats_match(i, p_field, p_commune, p_unit, p_level)),
        'answered', (SELECT count(*) FROM answers),
        'escalated', (SELECT count(DISTINCT e.issue_id) FROM issue_events e
                      JOIN issues i ON i.id = e.issue_id, w
                      WHERE e.action = 'escalate' AND e.at >= w.t0 AND e.at < w.t1
                        AND stats_match(i, p_field, p_commune, p_unit, p_level)),
        'closed', (SELECT count(*) FROM issues i, w WHERE i.closed_at >= w.t0
                   AND i.closed_at < w.t1 AND i.state = 'closed'
                   AND stats_match(i, p_field, p_commune, p_unit, p_level)),
        'open', (SELECT count(*) FROM issues i, w WHERE i.created_at < w.t1
                 AND i.state NOT IN ('answered', 'closed', 'withdrawn')
                 AND stats_match(i, p_field, p_commune, p_unit, p_level)),
        'overdue', (SELECT count(*) FROM issues i, w WHERE i.created_at < w.t1
                    AND i.state NOT IN ('answered', 'closed', 'withdrawn')
                    AND i.due_date < vn_today()
                    AND stats_match(i, p_field, p_commune, p_unit, p_level)),
        'median_hours_to_answer', (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY
                 extract(epoch FROM a.at - a.created_at)) / 3600)::numeric, 1) FROM answers a),
        'trainings', (SELECT count(*) FROM tr),
        'participants', (SELECT coalesce(sum(a.participants), 0) FROM training_attendance a
                         WHERE a.training_id IN (SELECT id FROM tr)
                           AND (p_commune IS NULL OR a.commune_id = p_commune)))
$$;

-- Counts per group: by 'field', 'commune', 'department' (lead), 'level' or 'period'.
CREATE FUNCTION stats_breakdown(p_by text, p_from date, p_to date, p_field text,
                                p_commune integer, p_unit integer, p_level text)
RETURNS json LANGUAGE sql STABLE AS $$
    WITH w AS (SELECT vn_start(p_from) AS t0, vn_start(p_to + 1) AS t1),
    g AS (SELECT s.*,
            CASE p_by WHEN 'field' THEN s.field_slug
                      WHEN 'commune' THEN s.commune_id::text
                      WHEN 'department' THEN s.lead_unit_id::text
                      WHEN 'level' THEN s.level
                      WHEN 'period' THEN (SELECT p.code FROM periods p
                           WHERE s.created_at >= period_from(p) AND s.created_at < period_to(p)
                           ORDER BY p.starts_on DESC LIMIT 1) END AS key
          FROM issues s, w WHERE s.created_at >= w.t0 AND s.created_at < w.t1
            AND stats_match(s, p_field, p_commune, p_unit, p_level))
    SELECT json_build_object('by', p_by, 'from', p_from, 'to', p_to,
        'items', coalesce(json_agg(x ORDER BY x.raised DESC, x.key), '[]'::json))
    FROM (SELECT g.key,
            CASE p_by WHEN 'field' THEN (SELECT name FROM fields WHERE slug = g.key)
                      WHEN 'commune' THEN (SELECT name FROM units WHERE id = g.key::integer)
                      WHEN 'department' THEN (SELECT name FROM units WHERE id = g.key::integer)
                      ELSE g.key END AS name,
            count(*) AS raised,
            count(*) FILTER (WHERE g.answered_at IS NOT NULL) AS answered,
            count(*) FILTER (WHERE g.state IN ('escalated_province', 'escalated_central')) AS escalated,
            count(*) FILTER (WHERE g.state = 'closed') AS closed,
            count(*) FILTER (WHERE g.state NOT IN ('answered', 'closed', 'withdrawn')) AS open,
            count(*) FILTER (WHERE g.state NOT IN ('answered', 'closed', 'withdrawn')
                             AND g.due_date < vn_today()) AS overdue
          FROM g WHERE g.key IS NOT NULL GROUP BY g.key) x
$$;

-- The share of communes running smoothly at the end of each week in the range: no issue of
-- theirs open (not yet answered, closed or withdrawn) for more than smooth_days days.
CREATE FUNCTION stats_smooth(p_from date, p_to date) RETURNS json LANGUAGE sql STABLE AS $$
    WITH n AS (SELECT value AS days FROM issue_settings WHERE name = 'smooth_days'),
    weeks AS (SELECT d::date AS day FROM generate_series(p_from, p_to, interval '7 days') d
              UNION SELECT p_to),
    communes AS (SELECT id FROM units WHERE kind = 'commune'),
    stuck AS (SELECT w.day, i.commune_id FROM weeks w, issues i, n
              WHERE i.created_at < vn_start(w.day + 1) - make_interval(days => n.days)
                AND coalesce(i.answered_at, i.closed_at, 'infinity') >= vn_start(w.day + 1)
              GROUP BY w.day, i.commune_id)
    SELECT json_build_object('smooth_days', (SELECT days FROM n), 'communes',
        (SELECT count(*) FROM communes),
        'items', coalesce(json_agg(json_build_object('date', w.day,
            'smooth', (SELECT count(*) FROM communes) - (SELECT count(*) FROM stuck s WHERE s.day = w.day),
            'share', round(1 - (SELECT count(*) FROM stuck s WHERE s.day = w.day)::numeric
                       / greatest(1, (SELECT count(*) FROM communes)), 4))
            ORDER BY w.day), '[]'::json))
    FROM weeks w
$$;

-- Which department reported on time, late, or not at all, period by period.
CREATE FUNCTION stats_compliance(p_from date, p_to date) RETURNS json LANGUAGE sql STABLE AS $$
    WITH ps AS (SELECT * FROM periods WHERE report_deadline >= vn_start(p_from)
                AND report_deadline < vn_start(p_to + 1) AND report_deadline < now()),
    rows_ AS (SELECT p.id AS period_id, p.code, d.id AS unit_id, d.name,
                (SELECT v.late_seconds FROM reports r JOIN report_versions v ON v.report_id = r.id
                 WHERE r.period_id = p.id AND r.unit_id = d.id ORDER BY v.number LIMIT 1) AS first_late
              FROM ps p, units d WHERE d.kind = 'department')
    SELECT json_build_object('from', p_from, 'to', p_to,
        'items', coalesce((SELECT json_agg(json_build_object('period', r.code, 'unit_id',
            r.unit_id, 'unit', r.name, 'status', CASE WHEN r.first_late IS NULL THEN 'missing'
            WHEN r.first_late = 0 THEN 'on_time' ELSE 'late' END, 'late_seconds', r.first_late)
            ORDER BY r.code, r.unit_id) FROM rows_ r), '[]'::json),
        'rates', coalesce((SELECT json_agg(json_build_object('unit_id', x.unit_id, 'unit', x.name,
            'periods', x.n, 'on_time', x.on_time, 'late', x.late, 'missing', x.missing,
            'on_time_rate', CASE WHEN x.n > 0 THEN round(x.on_time::numeric / x.n, 4) END)
            ORDER BY x.unit_id) FROM (SELECT unit_id, name, count(*) AS n,
            count(*) FILTER (WHERE first_late = 0) AS on_time,
            count(*) FILTER (WHERE first_late > 0) AS late,
            count(*) FILTER (WHERE first_late IS NULL) AS missing
            FROM rows_ GROUP BY unit_id, name) x), '[]'::json))
$$;

-- Every call made with an API token, for the per-token rate limit and the record.
CREATE TABLE api_token_calls (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_id integer NOT NULL REFERENCES api_tokens (id),
    at       timestamptz NOT NULL DEFAULT now(),
    method   text NOT NULL,
    path     text NOT NULL,
    query    text,
    status   integer NOT NULL
);
CREATE INDEX api_token_calls_token_idx ON api_token_calls (token_id, at DESC);
