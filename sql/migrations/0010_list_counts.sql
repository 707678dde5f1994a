-- The total of an issue list without counting it (docs/performance.md). At national size a
-- department relates to some hundred thousand issues and the province-wide roles see a
-- million: counting them on every call costs tens to hundreds of milliseconds even from an
-- index. The lists filtered by state only (the inbox, "everything") read their totals here
-- instead: signed deltas per (unit, state) written by statement triggers in the same
-- transaction as the change, so a total is always exact; the maintenance process folds them
-- into one row per (unit, state) now and then. unit_id 0 counts every issue (the
-- province-wide list); other units count their issue_scope rows.

CREATE TABLE issue_list_counts (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id integer NOT NULL,
    state   issue_state NOT NULL,
    n       integer NOT NULL
);
CREATE INDEX issue_list_counts_idx ON issue_list_counts (unit_id, state) INCLUDE (n);

CREATE FUNCTION issue_scope_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO issue_list_counts (unit_id, state, n)
        SELECT unit_id, state, count(*) FROM new_rows GROUP BY unit_id, state;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO issue_list_counts (unit_id, state, n)
        SELECT unit_id, state, -count(*) FROM old_rows GROUP BY unit_id, state;
    ELSE
        INSERT INTO issue_list_counts (unit_id, state, n)
        SELECT unit_id, state, sum(d) FROM (
            SELECT unit_id, state, 1 AS d FROM new_rows
            UNION ALL SELECT unit_id, state, -1 FROM old_rows) x
        GROUP BY unit_id, state HAVING sum(d) <> 0;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER issue_scope_count_insert AFTER INSERT ON issue_scope
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION issue_scope_count();
CREATE TRIGGER issue_scope_count_update AFTER UPDATE ON issue_scope
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION issue_scope_count();
CREATE TRIGGER issue_scope_count_delete AFTER DELETE ON issue_scope
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION issue_scope_count();

CREATE FUNCTION issues_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO issue_list_counts (unit_id, state, n)
        SELECT 0, state, count(*) FROM new_rows GROUP BY state;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO issue_list_counts (unit_id, state, n)
        SELECT 0, state, -count(*) FROM old_rows GROUP BY state;
    ELSE
        INSERT INTO issue_list_counts (unit_id, state, n)
        SELECT 0, state, sum(d) FROM (
            SELECT state, 1 AS d FROM new_rows UNION ALL SELECT state, -1 FROM old_rows) x
        GROUP BY state HAVING sum(d) <> 0;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER issues_count_insert AFTER INSERT ON issues
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION issues_count();
CREATE TRIGGER issues_count_update AFTER UPDATE ON issues
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION issues_count();
CREATE TRIGGER issues_count_delete AFTER DELETE ON issues
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION issues_count();

INSERT INTO issue_list_counts (unit_id, state, n)
SELECT unit_id, state, count(*) FROM issue_scope GROUP BY unit_id, state;
INSERT INTO issue_list_counts (unit_id, state, n)
SELECT 0, state, count(*) FROM issues GROUP BY state;

-- Folds the deltas into one row per (unit, state). Deltas written meanwhile by transactions
-- this one cannot see are neither read nor deleted, so no change is lost or counted twice.
CREATE FUNCTION issue_list_counts_fold() RETURNS integer LANGUAGE sql AS $$
    WITH gone AS (DELETE FROM issue_list_counts RETURNING unit_id, state, n),
    kept AS (INSERT INTO issue_list_counts (unit_id, state, n)
             SELECT unit_id, state, sum(n) FROM gone GROUP BY unit_id, state
             HAVING sum(n) <> 0 RETURNING 1)
    SELECT (SELECT count(*) FROM gone)::integer - (SELECT count(*) FROM kept)::integer
$$;
