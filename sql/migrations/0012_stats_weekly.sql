-- The weekly series of the province overview in one call: issues raised, first answers and
-- the median time to a first answer per period of p_weeks weeks, counted back from p_to (so
-- the latest period is whole and only the oldest may be shorter). The overview used to ask
-- /stats/overview once per period, twelve calls for one chart.
CREATE FUNCTION stats_weekly(p_from date, p_to date, p_weeks integer, p_field text,
                             p_commune integer, p_unit integer, p_level text)
RETURNS json LANGUAGE sql STABLE AS $$
    WITH w AS MATERIALIZED (SELECT vn_start(p_from) AS t0, vn_start(p_to + 1) AS t1,
                                   7 * p_weeks AS span),
    periods AS (SELECT k, greatest(p_from, p_to - (k + 1) * w.span + 1) AS f,
                       p_to - k * w.span AS t
                FROM w, generate_series(0, (p_to - p_from) / w.span) k),
    raised AS (SELECT (p_to - (i.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) / w.span AS k,
                      count(*) AS n
               FROM issues i, w WHERE i.created_at >= w.t0 AND i.created_at < w.t1
                 AND stats_match(i, p_field, p_commune, p_unit, p_level)
               GROUP BY 1),
    answered AS (SELECT (p_to - (i.first_answered_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
                            / w.span AS k,
                        count(*) AS n,
                        percentile_cont(0.5) WITHIN GROUP (ORDER BY
                            extract(epoch FROM i.first_answered_at - i.created_at)) AS median
                 FROM issues i, w WHERE i.first_answered_at >= w.t0 AND i.first_answered_at < w.t1
                   AND stats_match(i, p_field, p_commune, p_unit, p_level)
                 GROUP BY 1)
    SELECT json_build_object('from', p_from, 'to', p_to, 'weeks', p_weeks,
        'items', json_agg(json_build_object('from', p.f, 'to', p.t,
            'raised', coalesce(r.n, 0), 'answered', coalesce(a.n, 0),
            'median_hours_to_answer', round((a.median / 3600)::numeric, 1)) ORDER BY p.k DESC))
    FROM periods p LEFT JOIN raised r ON r.k = p.k LEFT JOIN answered a ON a.k = p.k
$$;

-- First answers in a range: an index, so the series and the overview need not read every
-- issue for them.
CREATE INDEX issues_first_answered_idx ON issues (first_answered_at)
    WHERE first_answered_at IS NOT NULL;
