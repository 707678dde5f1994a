-- The statistics of a year without reading a year of issues (docs/performance.md). After 0014
-- the overview still read every issue of the range three times through narrow indexes (raised,
-- first answers with their median, closes: ~115,000 index entries for the province's year)
-- and a breakdown once (~50,000): ~37 and ~25 ms a call, ~43 ms of PostgreSQL CPU for each
-- call of the benchmark's pair at half load, where the target needs about half of it. After
-- this migration: ~6-8 and ~2-5 ms, the same JSON byte for byte.
--
-- Now the counts come from stats_days: for every Vietnam day (and every month), the issues
-- created that day by their state now, and the first answers and closes that happened that
-- day; once for every issue ('a') and once per value of each filter (field 'f', commune 'c',
-- lead department 'u', level 'l'). A range is read as its whole months plus the days at
-- either end: a year is ~42 rows, a breakdown of a year by field ~1,800. The rows are kept
-- exactly, in the same transaction as the change, as signed deltas per day (stats_day_deltas)
-- written by statement triggers with transition tables, the way 0010 keeps the list totals:
-- writers only append, so no row is hot and issue creation does not serialise; the
-- maintenance process folds the deltas into the day and month rows (stats_days_fold), and
-- readers add both.
--
-- What day counts cannot give is computed from the issues, exactly:
-- - overdue (open, due before today): open from the days, less the open issues not yet due
--   (due today or later: the recent ones), counted from an index of open issues by due date;
-- - the median time to a first answer: the count from the days says which one or two answers
--   are the middle ones; they are read in order of that time from an index on it (half of the
--   answers of the range, no sort), or for a short range from the range and sorted, whichever
--   the planner finds cheaper for the actual range (the query is planned with its values);
--   percentile_cont over those one or two values is the same number as over all of them;
-- - escalations (distinct issues escalated in the range), trainings and participants, as 0014.
-- Two or more filters together, and a breakdown by one dimension filtered on another, are not
-- in the day counts: those calls run 0014's functions, kept as stats_*_scan.

-- Contributions of one issue to the day rows, with sign s (+1 for a row as it is now, -1 for
-- a row as it was): on the Vietnam day it was created, raised and its state now; on the day of
-- its first answer, a first answer; on the day it was closed, if it is closed, a close. Each
-- for every issue and for its field, commune, lead department and level.
CREATE FUNCTION stats_issue_cells(p_created timestamptz, p_answered timestamptz,
                                  p_first_answered timestamptz, p_closed timestamptz,
                                  p_state issue_state, p_field text, p_commune integer,
                                  p_lead integer, p_level text, s integer)
RETURNS TABLE (dim "char", key text, day date, raised integer, answered integer,
               escalated integer, closed integer, open_now integer, first_answers integer,
               closes integer)
LANGUAGE sql IMMUTABLE AS $$
    SELECT k.dim, k.key, a.day, s * a.raised, s * a.answered, s * a.escalated, s * a.closed,
           s * a.open_now, s * a.first_answers, s * a.closes
    FROM (VALUES
            ((p_created AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 1,
             (p_answered IS NOT NULL)::integer,
             (p_state IN ('escalated_province', 'escalated_central'))::integer,
             (p_state = 'closed')::integer,
             (p_state NOT IN ('answered', 'closed', 'withdrawn'))::integer, 0, 0),
            ((p_first_answered AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 0, 0, 0, 0, 0, 1, 0),
            ((p_closed AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 0, 0, 0, 0, 0, 0,
             (p_state = 'closed')::integer))
         AS a (day, raised, answered, escalated, closed, open_now, first_answers, closes)
    CROSS JOIN (VALUES ('a'::"char", ''), ('f', p_field), ('c', p_commune::text),
                       ('u', p_lead::text), ('l', p_level)) AS k (dim, key)
    WHERE a.day IS NOT NULL AND a.raised + a.first_answers + a.closes > 0
$$;

-- The row of grain g ('d': the day itself, 'm': its month) that a day counts in.
CREATE FUNCTION stats_bucket(g "char", d date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE g WHEN 'd' THEN d ELSE date_trunc('month', d::timestamp)::date END
$$;

-- The folded counts: one row per (dim, key, grain, day). key: '' for 'a', else the field's
-- slug, the commune's or department's id as text, or the level. grain 'd': a Vietnam day;
-- 'm': a month, day being its first day. raised … open_now count the issues created on the
-- day(s) (answered: those with an answer now; escalated, closed, open_now: by their state now);
-- first_answers and closes count what happened on the day(s).
CREATE TABLE stats_days (
    dim           "char" NOT NULL CHECK (dim IN ('a', 'f', 'c', 'u', 'l')),
    key           text NOT NULL,
    grain         "char" NOT NULL CHECK (grain IN ('d', 'm')),
    day           date NOT NULL,
    raised        integer NOT NULL,
    answered      integer NOT NULL,
    escalated     integer NOT NULL,
    closed        integer NOT NULL,
    open_now      integer NOT NULL,
    first_answers integer NOT NULL,
    closes        integer NOT NULL,
    PRIMARY KEY (dim, key, grain, day)
);
-- Every key of a dimension over a range (the breakdowns).
CREATE INDEX stats_days_keys_idx ON stats_days (dim, grain, day)
    INCLUDE (key, raised, answered, escalated, closed, open_now);
-- Folding updates a few rows a minute; vacuumed early, their pages stay all-visible and the
-- reads above index-only.
ALTER TABLE stats_days SET (autovacuum_vacuum_scale_factor = 0.01);
-- What changed since the last fold, by day only (the fold adds each to its day's and its
-- month's row), appended by the triggers below (no primary key: rows are only added, and
-- deleted by the fold).
CREATE TABLE stats_day_deltas (
    dim           "char" NOT NULL,
    key           text NOT NULL,
    day           date NOT NULL,
    raised        integer NOT NULL,
    answered      integer NOT NULL,
    escalated     integer NOT NULL,
    closed        integer NOT NULL,
    open_now      integer NOT NULL,
    first_answers integer NOT NULL,
    closes        integer NOT NULL
);
CREATE INDEX stats_day_deltas_idx ON stats_day_deltas (dim, day);

INSERT INTO stats_days
SELECT c.dim, c.key, g.grain, stats_bucket(g.grain, c.day) AS day, sum(c.raised),
       sum(c.answered), sum(c.escalated), sum(c.closed), sum(c.open_now), sum(c.first_answers),
       sum(c.closes)
FROM issues i, stats_issue_cells(i.created_at, i.answered_at, i.first_answered_at, i.closed_at,
                                 i.state, i.field_slug, i.commune_id, i.lead_unit_id, i.level, 1) c,
     (VALUES ('d'::"char"), ('m')) g (grain)
GROUP BY 1, 2, 3, 4
ORDER BY 1, 3, 4, 2;
ANALYZE stats_days;

CREATE FUNCTION stats_days_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_day_deltas
        SELECT c.dim, c.key, c.day, sum(c.raised), sum(c.answered), sum(c.escalated),
               sum(c.closed), sum(c.open_now), sum(c.first_answers), sum(c.closes)
        FROM new_rows r, stats_issue_cells(r.created_at, r.answered_at, r.first_answered_at,
            r.closed_at, r.state, r.field_slug, r.commune_id, r.lead_unit_id, r.level, 1) c
        GROUP BY c.dim, c.key, c.day;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_day_deltas
        SELECT c.dim, c.key, c.day, sum(c.raised), sum(c.answered), sum(c.escalated),
               sum(c.closed), sum(c.open_now), sum(c.first_answers), sum(c.closes)
        FROM old_rows r, stats_issue_cells(r.created_at, r.answered_at, r.first_answered_at,
            r.closed_at, r.state, r.field_slug, r.commune_id, r.lead_unit_id, r.level, -1) c
        GROUP BY c.dim, c.key, c.day;
    ELSE
        -- An update that changes nothing the counts depend on (an accept, an edit, a proposal
        -- to escalate, a new version) returns at once; another writes the rows that moved.
        IF NOT EXISTS (
            SELECT 1 FROM new_rows n FULL JOIN old_rows o ON o.id = n.id
            WHERE n.id IS NULL OR o.id IS NULL
               OR (n.created_at, n.answered_at IS NULL, n.first_answered_at,
                   n.state = 'closed', CASE WHEN n.state = 'closed' THEN n.closed_at END,
                   n.state IN ('escalated_province', 'escalated_central'),
                   n.state NOT IN ('answered', 'closed', 'withdrawn'), n.field_slug,
                   n.commune_id, n.lead_unit_id, n.level)
                  IS DISTINCT FROM
                  (o.created_at, o.answered_at IS NULL, o.first_answered_at,
                   o.state = 'closed', CASE WHEN o.state = 'closed' THEN o.closed_at END,
                   o.state IN ('escalated_province', 'escalated_central'),
                   o.state NOT IN ('answered', 'closed', 'withdrawn'), o.field_slug,
                   o.commune_id, o.lead_unit_id, o.level)) THEN
            RETURN NULL;
        END IF;
        INSERT INTO stats_day_deltas
        SELECT c.dim, c.key, c.day, sum(c.raised), sum(c.answered), sum(c.escalated),
               sum(c.closed), sum(c.open_now), sum(c.first_answers), sum(c.closes)
        FROM (SELECT n.created_at, n.answered_at, n.first_answered_at, n.closed_at, n.state,
                     n.field_slug, n.commune_id, n.lead_unit_id, n.level, 1 AS s FROM new_rows n
              UNION ALL
              SELECT o.created_at, o.answered_at, o.first_answered_at, o.closed_at, o.state,
                     o.field_slug, o.commune_id, o.lead_unit_id, o.level, -1 FROM old_rows o) r,
             stats_issue_cells(r.created_at, r.answered_at, r.first_answered_at, r.closed_at,
                 r.state, r.field_slug, r.commune_id, r.lead_unit_id, r.level, r.s) c
        GROUP BY c.dim, c.key, c.day
        HAVING sum(c.raised) <> 0 OR sum(c.answered) <> 0 OR sum(c.escalated) <> 0
            OR sum(c.closed) <> 0 OR sum(c.open_now) <> 0 OR sum(c.first_answers) <> 0
            OR sum(c.closes) <> 0;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER stats_days_insert AFTER INSERT ON issues
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_days_track();
CREATE TRIGGER stats_days_update AFTER UPDATE ON issues
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_days_track();
CREATE TRIGGER stats_days_delete AFTER DELETE ON issues
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_days_track();

-- Adds the deltas into stats_days, each to its day's and its month's row. Deltas written
-- meanwhile by transactions this one cannot see are neither read nor deleted, so no change is
-- lost or counted twice; a reader sees the deltas or their sum, never both (the delete and the
-- update commit together). Returns how many delta rows it folded.
CREATE FUNCTION stats_days_fold() RETURNS integer LANGUAGE sql AS $$
    WITH gone AS (DELETE FROM stats_day_deltas RETURNING *),
    kept AS (INSERT INTO stats_days AS s
             SELECT d.dim, d.key, g.grain, stats_bucket(g.grain, d.day), sum(d.raised),
                    sum(d.answered), sum(d.escalated), sum(d.closed), sum(d.open_now),
                    sum(d.first_answers), sum(d.closes)
             FROM gone d, (VALUES ('d'::"char"), ('m')) g (grain)
             GROUP BY 1, 2, 3, 4
             ON CONFLICT (dim, key, grain, day) DO UPDATE SET
                 raised = s.raised + EXCLUDED.raised, answered = s.answered + EXCLUDED.answered,
                 escalated = s.escalated + EXCLUDED.escalated, closed = s.closed + EXCLUDED.closed,
                 open_now = s.open_now + EXCLUDED.open_now,
                 first_answers = s.first_answers + EXCLUDED.first_answers,
                 closes = s.closes + EXCLUDED.closes)
    SELECT count(*)::integer FROM gone
$$;

-- The rows that make up the Vietnam days a to b: the whole months inside as month rows, the
-- days before and after them as day rows ([lo, hi) each). a may be '-infinity' (everything
-- up to b).
CREATE FUNCTION stats_spans(a date, b date) RETURNS TABLE (grain "char", lo date, hi date)
LANGUAGE sql IMMUTABLE AS $$
    SELECT s.grain, s.lo, s.hi
    FROM (SELECT (date_trunc('month', (a - 1)::timestamp) + interval '1 month')::date AS m0,
                 date_trunc('month', (b + 1)::timestamp)::date AS m1) m
    CROSS JOIN LATERAL (VALUES
        ('d'::"char", a, CASE WHEN m.m0 < m.m1 THEN m.m0 ELSE b + 1 END),
        ('m', m.m0, m.m1),
        ('d', CASE WHEN m.m0 < m.m1 THEN m.m1 ELSE b + 1 END, b + 1)) s (grain, lo, hi)
    WHERE s.lo < s.hi
$$;

-- The rows of one key of a dimension (stats_cells) or of all its keys (stats_cells_all) in a
-- span of grain p_grain, folded, and the deltas of its days not yet folded.
CREATE FUNCTION stats_cells(p_dim "char", p_key text, p_grain "char", p_lo date, p_hi date)
RETURNS SETOF stats_days LANGUAGE sql STABLE AS $$
    SELECT * FROM stats_days d
    WHERE d.dim = p_dim AND d.key = p_key AND d.grain = p_grain AND d.day >= p_lo AND d.day < p_hi
    UNION ALL
    SELECT d.dim, d.key, p_grain, d.day, d.raised, d.answered, d.escalated, d.closed, d.open_now,
           d.first_answers, d.closes
    FROM stats_day_deltas d
    WHERE d.dim = p_dim AND d.key = p_key AND d.day >= p_lo AND d.day < p_hi
$$;
CREATE FUNCTION stats_cells_all(p_dim "char", p_grain "char", p_lo date, p_hi date)
RETURNS SETOF stats_days LANGUAGE sql STABLE AS $$
    SELECT * FROM stats_days d
    WHERE d.dim = p_dim AND d.grain = p_grain AND d.day >= p_lo AND d.day < p_hi
    UNION ALL
    SELECT d.dim, d.key, p_grain, d.day, d.raised, d.answered, d.escalated, d.closed, d.open_now,
           d.first_answers, d.closes
    FROM stats_day_deltas d
    WHERE d.dim = p_dim AND d.day >= p_lo AND d.day < p_hi
$$;

-- Which day rows answer the filters: 'a' with none, the filter's dimension with one (its value
-- is coalesce(p_field, p_commune::text, p_unit::text, p_level, '')), none (NULL) with more.
CREATE FUNCTION stats_dim(p_field text, p_commune integer, p_unit integer, p_level text)
RETURNS "char" LANGUAGE sql IMMUTABLE AS $$
    SELECT (CASE num_nonnulls(p_field, p_commune, p_unit, p_level)
                WHEN 0 THEN 'a'
                WHEN 1 THEN CASE WHEN p_field IS NOT NULL THEN 'f'
                                 WHEN p_commune IS NOT NULL THEN 'c'
                                 WHEN p_unit IS NOT NULL THEN 'u' ELSE 'l' END END)::"char"
$$;

-- The open issues not yet due (due today or later), by due date: overdue = open - these.
CREATE INDEX issues_stats_due_idx ON issues (due_date, created_at)
    INCLUDE (field_slug, commune_id, lead_unit_id, level)
    WHERE state NOT IN ('answered', 'closed', 'withdrawn');
-- First answers in order of the time they took: the median is read from the middle.
CREATE INDEX issues_stats_answer_time_idx ON issues
    ((extract(epoch FROM first_answered_at - created_at)::float8))
    INCLUDE (first_answered_at, created_at, field_slug, commune_id, lead_unit_id, level)
    WHERE first_answered_at IS NOT NULL;

-- 0014's functions, for what the day rows do not answer.
ALTER FUNCTION stats_overview(date, date, text, integer, integer, text)
    RENAME TO stats_overview_scan;
ALTER FUNCTION stats_breakdown(text, date, date, text, integer, integer, text)
    RENAME TO stats_breakdown_scan;
ALTER FUNCTION stats_weekly(date, date, integer, text, integer, integer, text)
    RENAME TO stats_weekly_scan;

-- The median time to a first answer (seconds) of the n answers first given in [t0, t1) to
-- the issues in scope of the filters: percentile_cont(0.5) of the middle one (n odd) or two
-- (n even), the same value as over all n. Planned with its values (EXECUTE), so that a year
-- reads half of its answers in order from issues_stats_answer_time_idx and a week sorts its
-- few from issues_stats_answered_idx.
CREATE FUNCTION stats_median_seconds(n bigint, t0 timestamptz, t1 timestamptz, p_field text,
                                     p_commune integer, p_unit integer, p_level text)
RETURNS float8 LANGUAGE plpgsql STABLE AS $$
DECLARE
    m float8;
BEGIN
    IF n <= 0 THEN
        RETURN NULL;
    END IF;
    EXECUTE $q$
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x.seconds)
        FROM (SELECT extract(epoch FROM i.first_answered_at - i.created_at)::float8 AS seconds
              FROM issues i
              WHERE i.first_answered_at >= $1 AND i.first_answered_at < $2
                AND stats_match(i, $3, $4, $5, $6)
              ORDER BY 1 OFFSET $7 LIMIT $8) x$q$
    INTO m USING t0, t1, p_field, p_commune, p_unit, p_level, (n - 1) / 2, 2 - n % 2;
    RETURN m;
END $$;

-- The functions below are PL/pgSQL with each statement planned with its values
-- (plan_cache_mode): a generic plan cannot tell a year from a day, and read every open issue
-- to count the few not yet due, or sorted a breakdown's rows instead of hashing them.
CREATE FUNCTION stats_overview(p_from date, p_to date, p_field text, p_commune integer,
                               p_unit integer, p_level text)
RETURNS json LANGUAGE plpgsql STABLE SET plan_cache_mode = force_custom_plan AS $$
DECLARE
    v_dim "char" := stats_dim(p_field, p_commune, p_unit, p_level);
    v_key text := coalesce(p_field, p_commune::text, p_unit::text, p_level, '');
    v_t0 timestamptz := vn_start(p_from);
    v_t1 timestamptz := vn_start(p_to + 1);
    v_today date := vn_today();
    n_raised bigint;
    n_answered bigint;
    n_closed bigint;
    n_open bigint;
    n_not_due bigint;
BEGIN
    IF v_dim IS NULL THEN
        RETURN stats_overview_scan(p_from, p_to, p_field, p_commune, p_unit, p_level);
    END IF;
    SELECT coalesce(sum(c.raised), 0), coalesce(sum(c.first_answers), 0),
           coalesce(sum(c.closes), 0)
    INTO n_raised, n_answered, n_closed
    FROM stats_spans(p_from, p_to) s, stats_cells(v_dim, v_key, s.grain, s.lo, s.hi) c;
    SELECT coalesce(sum(c.open_now), 0) INTO n_open
    FROM stats_spans('-infinity', p_to) s,
         stats_cells(v_dim, v_key, s.grain, s.lo, s.hi) c;
    SELECT count(*) INTO n_not_due FROM issues i
    WHERE i.state NOT IN ('answered', 'closed', 'withdrawn') AND i.due_date >= v_today
      AND i.created_at < v_t1 AND stats_match(i, p_field, p_commune, p_unit, p_level);
    RETURN (WITH tr AS (
        SELECT t.id FROM trainings t
        WHERE t.starts_at >= v_t0 AND t.starts_at < v_t1
          AND (p_unit IS NULL OR t.unit_id = p_unit)
          AND (p_field IS NULL OR EXISTS (SELECT 1 FROM training_fields f
               WHERE f.training_id = t.id AND f.field_slug = p_field)))
    SELECT json_build_object(
        'from', p_from, 'to', p_to,
        'raised', n_raised,
        'answered', n_answered,
        'escalated', CASE WHEN v_dim = 'a'
                     THEN (SELECT count(DISTINCT e.issue_id) FROM issue_events e
                           WHERE e.action = 'escalate' AND e.at >= v_t0 AND e.at < v_t1)
                     -- A commune's or a department's issues come from their index; a field
                     -- or a level has none, and each escalation's issue is looked up by its
                     -- key (planned with the real range, a join would read every issue).
                     WHEN v_dim IN ('c', 'u')
                     THEN (SELECT count(DISTINCT e.issue_id) FROM issue_events e
                           JOIN issues i ON i.id = e.issue_id
                           WHERE e.action = 'escalate' AND e.at >= v_t0 AND e.at < v_t1
                             AND stats_match(i, p_field, p_commune, p_unit, p_level))
                     ELSE (SELECT count(DISTINCT e.issue_id) FROM issue_events e
                           CROSS JOIN LATERAL (SELECT 1 FROM issues i WHERE i.id = e.issue_id
                               AND stats_match(i, p_field, p_commune, p_unit, p_level)
                               OFFSET 0) i
                           WHERE e.action = 'escalate' AND e.at >= v_t0 AND e.at < v_t1) END,
        'closed', n_closed,
        'open', n_open,
        'overdue', n_open - n_not_due,
        'median_hours_to_answer', round((stats_median_seconds(n_answered, v_t0, v_t1, p_field,
            p_commune, p_unit, p_level) / 3600)::numeric, 1),
        'trainings', (SELECT count(*) FROM tr),
        'participants', CASE WHEN p_commune IS NULL
                        THEN (SELECT coalesce(sum(n.total), 0)
                              FROM tr JOIN training_participants n ON n.training_id = tr.id)
                        ELSE (SELECT coalesce(sum(a.participants), 0)
                              FROM tr JOIN training_attendance a ON a.training_id = tr.id
                              WHERE a.commune_id = p_commune) END));
END $$;

-- Counts per group, as 0014: by 'field', 'commune', 'department' (lead), 'level' or 'period'
-- (an issue belongs to the latest-starting period whose window holds its creation time; of
-- periods starting the same day, the greatest code). Without a filter, or filtered on the
-- dimension it groups by, from the day rows of that dimension; by period, from the day rows
-- of each period's own part of the time line.
CREATE FUNCTION stats_breakdown(p_by text, p_from date, p_to date, p_field text,
                                p_commune integer, p_unit integer, p_level text)
RETURNS json LANGUAGE plpgsql STABLE SET plan_cache_mode = force_custom_plan AS $$
DECLARE
    v_dim "char" := stats_dim(p_field, p_commune, p_unit, p_level);
    v_key text := coalesce(p_field, p_commune::text, p_unit::text, p_level, '');
    by_dim "char" := CASE p_by WHEN 'field' THEN 'f' WHEN 'commune' THEN 'c'
                               WHEN 'department' THEN 'u' WHEN 'level' THEN 'l' END;
    v_t0 timestamptz := vn_start(p_from);
    v_t1 timestamptz := vn_start(p_to + 1);
    v_today date := vn_today();
BEGIN
    IF v_dim IS NULL OR (by_dim IS NULL AND p_by IS DISTINCT FROM 'period')
       OR (by_dim IS NOT NULL AND v_dim NOT IN ('a', by_dim)) THEN
        RETURN stats_breakdown_scan(p_by, p_from, p_to, p_field, p_commune, p_unit, p_level);
    END IF;
    IF by_dim IS NOT NULL THEN
        RETURN (WITH c AS (
            SELECT x.key, sum(x.raised) AS raised, sum(x.answered) AS answered,
                   sum(x.escalated) AS escalated, sum(x.closed) AS closed,
                   sum(x.open_now) AS open
            FROM stats_spans(p_from, p_to) s, stats_cells_all(by_dim, s.grain, s.lo, s.hi) x
            WHERE v_dim = 'a' OR x.key = v_key
            GROUP BY x.key HAVING sum(x.raised) <> 0),
        not_due AS (
            SELECT CASE by_dim WHEN 'f' THEN i.field_slug WHEN 'c' THEN i.commune_id::text
                               WHEN 'u' THEN i.lead_unit_id::text ELSE i.level END AS key,
                   count(*) AS n
            FROM issues i
            WHERE i.state NOT IN ('answered', 'closed', 'withdrawn') AND i.due_date >= v_today
              AND i.created_at >= v_t0 AND i.created_at < v_t1
              AND stats_match(i, p_field, p_commune, p_unit, p_level)
            GROUP BY 1)
        SELECT json_build_object('by', p_by, 'from', p_from, 'to', p_to,
            'items', coalesce(json_agg(x ORDER BY x.raised DESC, x.key), '[]'::json))
        FROM (SELECT c.key,
                CASE p_by WHEN 'field' THEN (SELECT name FROM fields WHERE slug = c.key)
                          WHEN 'commune' THEN (SELECT name FROM units WHERE id = c.key::integer)
                          WHEN 'department' THEN (SELECT name FROM units WHERE id = c.key::integer)
                          ELSE c.key END AS name,
                c.raised, c.answered, c.escalated, c.closed, c.open,
                c.open - coalesce(d.n, 0) AS overdue
              FROM c LEFT JOIN not_due d ON d.key = c.key) x);
    END IF;
    RETURN (WITH w AS MATERIALIZED (SELECT v_t0 AS t0, v_t1 AS t1),
    -- The periods overlapping the range, cut to it; each one's own part of it (its window
    -- less those of the periods starting later), as 0014, then as Vietnam days [d0, d1).
    pw AS MATERIALIZED (SELECT p.code, p.starts_on,
                               tstzrange(greatest(period_from(p), w.t0),
                                         least(period_to(p), w.t1)) AS win
                        FROM periods p, w WHERE w.t0 < w.t1
                          AND period_to(p) > w.t0 AND period_from(p) < w.t1),
    own AS MATERIALIZED (SELECT pw.code, (lower(r) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS d0,
                                (upper(r) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS d1
                         FROM pw, unnest(tstzmultirange(pw.win) - coalesce(
                             (SELECT range_agg(q.win) FROM pw q
                              WHERE (q.starts_on, q.code) > (pw.starts_on, pw.code)),
                             '{}')) r),
    c AS (SELECT own.code AS key, sum(x.raised) AS raised, sum(x.answered) AS answered,
                 sum(x.escalated) AS escalated, sum(x.closed) AS closed,
                 sum(x.open_now) AS open
          FROM own, stats_spans(own.d0, own.d1 - 1) s,
               stats_cells(v_dim, v_key, s.grain, s.lo, s.hi) x
          GROUP BY own.code HAVING sum(x.raised) <> 0),
    -- Open issues not yet due, by the day they were created, then by period.
    not_due AS (SELECT own.code AS key, sum(y.n)::bigint AS n
                FROM (SELECT (i.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day,
                             count(*) AS n
                      FROM issues i
                      WHERE i.state NOT IN ('answered', 'closed', 'withdrawn')
                        AND i.due_date >= v_today AND i.created_at >= v_t0
                        AND i.created_at < v_t1
                        AND stats_match(i, p_field, p_commune, p_unit, p_level)
                      GROUP BY 1) y
                JOIN own ON y.day >= own.d0 AND y.day < own.d1
                GROUP BY own.code)
    SELECT json_build_object('by', p_by, 'from', p_from, 'to', p_to,
        'items', coalesce(json_agg(x ORDER BY x.raised DESC, x.key), '[]'::json))
    FROM (SELECT c.key, c.key AS name, c.raised, c.answered, c.escalated, c.closed, c.open,
                 c.open - coalesce(d.n, 0) AS overdue
          FROM c LEFT JOIN not_due d ON d.key = c.key) x);
END $$;

-- The weekly series, as 0014, with each period's raised from the day rows; first answers and
-- their median still from a range scan per period.
CREATE FUNCTION stats_weekly(p_from date, p_to date, p_weeks integer, p_field text,
                             p_commune integer, p_unit integer, p_level text)
RETURNS json LANGUAGE plpgsql STABLE SET plan_cache_mode = force_custom_plan AS $$
DECLARE
    v_dim "char" := stats_dim(p_field, p_commune, p_unit, p_level);
    v_key text := coalesce(p_field, p_commune::text, p_unit::text, p_level, '');
BEGIN
    IF v_dim IS NULL THEN
        RETURN stats_weekly_scan(p_from, p_to, p_weeks, p_field, p_commune, p_unit, p_level);
    END IF;
    RETURN (WITH periods AS (SELECT k, greatest(p_from, p_to - (k + 1) * 7 * p_weeks + 1) AS f,
                                    p_to - k * 7 * p_weeks AS t
                             FROM generate_series(0, (p_to - p_from) / (7 * p_weeks)) k)
    SELECT json_build_object('from', p_from, 'to', p_to, 'weeks', p_weeks,
        'items', json_agg(json_build_object('from', p.f, 'to', p.t,
            'raised', r.n, 'answered', a.n,
            'median_hours_to_answer', round((a.median / 3600)::numeric, 1)) ORDER BY p.k DESC))
    FROM periods p
    CROSS JOIN LATERAL (SELECT coalesce(sum(c.raised), 0) AS n
                        FROM stats_spans(p.f, p.t) s,
                             stats_cells(v_dim, v_key, s.grain, s.lo, s.hi) c) r
    CROSS JOIN LATERAL (
        SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY x.seconds) AS median
        FROM (SELECT extract(epoch FROM i.first_answered_at - i.created_at)::float8 AS seconds
              FROM issues i
              WHERE i.first_answered_at >= vn_start(p.f)
                AND i.first_answered_at < vn_start(p.t + 1)
                AND stats_match(i, p_field, p_commune, p_unit, p_level)) x) a);
END $$;
