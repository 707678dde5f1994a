-- The issue list at scale (docs/performance.md). A department sees what it holds, leads,
-- answered or supports: four relations that the list used to OR together on the wide issues
-- table, so that every call read most of the table's pages to count and sort. issue_scope
-- keeps one narrow row per (department, issue) with the columns the list filters and sorts
-- on, kept in step with issues by triggers in the same transaction; the list then counts
-- and pages with index-only scans. The commune and province-wide lists get covering indexes
-- on issues itself for the same reason.

CREATE TABLE issue_scope (
    unit_id        integer NOT NULL REFERENCES units (id),
    id             integer NOT NULL REFERENCES issues (id),
    due_date       date NOT NULL,
    created_at     timestamptz NOT NULL,
    state          issue_state NOT NULL,
    field_slug     text NOT NULL,
    kind           issue_kind NOT NULL,
    level          text NOT NULL,
    commune_id     integer NOT NULL,
    holder_unit_id integer NOT NULL,
    group_id       integer,
    PRIMARY KEY (unit_id, id)
);
CREATE INDEX issue_scope_due_idx ON issue_scope (unit_id, due_date, id)
    INCLUDE (state, field_slug, kind, level, commune_id, holder_unit_id, group_id, created_at);
CREATE INDEX issue_scope_created_idx ON issue_scope (unit_id, created_at DESC, id DESC)
    INCLUDE (state, field_slug, kind, level, commune_id, holder_unit_id, group_id, due_date);
CREATE INDEX issue_scope_issue_idx ON issue_scope (id);

-- Brings the scope rows of one issue in line with the issue: one row per related unit.
CREATE FUNCTION issue_scope_sync(p_issue integer) RETURNS void LANGUAGE sql AS $$
    DELETE FROM issue_scope s WHERE s.id = p_issue AND s.unit_id NOT IN (
        SELECT i.holder_unit_id FROM issues i WHERE i.id = p_issue
        UNION ALL SELECT i.lead_unit_id FROM issues i WHERE i.id = p_issue
        UNION ALL SELECT i.answered_by_unit FROM issues i
                  WHERE i.id = p_issue AND i.answered_by_unit IS NOT NULL
        UNION ALL SELECT u.unit_id FROM issue_supporting_units u WHERE u.issue_id = p_issue);
    INSERT INTO issue_scope (unit_id, id, due_date, created_at, state, field_slug, kind, level,
                             commune_id, holder_unit_id, group_id)
    SELECT DISTINCT r.unit_id, i.id, i.due_date, i.created_at, i.state, i.field_slug, i.kind,
           i.level, i.commune_id, i.holder_unit_id, i.group_id
    FROM issues i CROSS JOIN LATERAL (
        SELECT i.holder_unit_id UNION ALL SELECT i.lead_unit_id
        UNION ALL SELECT i.answered_by_unit WHERE i.answered_by_unit IS NOT NULL
        UNION ALL SELECT u.unit_id FROM issue_supporting_units u WHERE u.issue_id = i.id) r (unit_id)
    WHERE i.id = p_issue
    ON CONFLICT (unit_id, id) DO UPDATE SET
        due_date = EXCLUDED.due_date, created_at = EXCLUDED.created_at, state = EXCLUDED.state,
        field_slug = EXCLUDED.field_slug, kind = EXCLUDED.kind, level = EXCLUDED.level,
        commune_id = EXCLUDED.commune_id, holder_unit_id = EXCLUDED.holder_unit_id,
        group_id = EXCLUDED.group_id
    WHERE (issue_scope.due_date, issue_scope.created_at, issue_scope.state,
           issue_scope.field_slug, issue_scope.kind, issue_scope.level, issue_scope.commune_id,
           issue_scope.holder_unit_id, issue_scope.group_id)
          IS DISTINCT FROM
          (EXCLUDED.due_date, EXCLUDED.created_at, EXCLUDED.state, EXCLUDED.field_slug,
           EXCLUDED.kind, EXCLUDED.level, EXCLUDED.commune_id, EXCLUDED.holder_unit_id,
           EXCLUDED.group_id);
$$;

CREATE FUNCTION issue_scope_on_issue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM issue_scope_sync(NEW.id);
    RETURN NULL;
END $$;

CREATE TRIGGER issue_scope_insert AFTER INSERT ON issues
    FOR EACH ROW EXECUTE FUNCTION issue_scope_on_issue();
CREATE TRIGGER issue_scope_update AFTER UPDATE ON issues FOR EACH ROW
    WHEN ((OLD.holder_unit_id, OLD.lead_unit_id, OLD.answered_by_unit, OLD.due_date,
           OLD.created_at, OLD.state, OLD.field_slug, OLD.kind, OLD.level, OLD.commune_id,
           OLD.group_id)
          IS DISTINCT FROM
          (NEW.holder_unit_id, NEW.lead_unit_id, NEW.answered_by_unit, NEW.due_date,
           NEW.created_at, NEW.state, NEW.field_slug, NEW.kind, NEW.level, NEW.commune_id,
           NEW.group_id))
    EXECUTE FUNCTION issue_scope_on_issue();

CREATE FUNCTION issue_scope_on_supporting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM issue_scope_sync(CASE WHEN TG_OP = 'DELETE' THEN OLD.issue_id ELSE NEW.issue_id END);
    RETURN NULL;
END $$;

CREATE TRIGGER issue_scope_supporting AFTER INSERT OR DELETE ON issue_supporting_units
    FOR EACH ROW EXECUTE FUNCTION issue_scope_on_supporting();

INSERT INTO issue_scope (unit_id, id, due_date, created_at, state, field_slug, kind, level,
                         commune_id, holder_unit_id, group_id)
SELECT DISTINCT r.unit_id, i.id, i.due_date, i.created_at, i.state, i.field_slug, i.kind,
       i.level, i.commune_id, i.holder_unit_id, i.group_id
FROM issues i CROSS JOIN LATERAL (
    SELECT i.holder_unit_id UNION ALL SELECT i.lead_unit_id
    UNION ALL SELECT i.answered_by_unit WHERE i.answered_by_unit IS NOT NULL
    UNION ALL SELECT u.unit_id FROM issue_supporting_units u WHERE u.issue_id = i.id) r (unit_id);

-- The commune's and the province-wide lists read issues itself: covering indexes let them
-- count and page without visiting the table.
CREATE INDEX issues_commune_due_idx ON issues (commune_id, due_date, id)
    INCLUDE (state, field_slug, kind, level, holder_unit_id, group_id, created_at);
CREATE INDEX issues_commune_created_idx ON issues (commune_id, created_at DESC, id DESC)
    INCLUDE (state, field_slug, kind, level, holder_unit_id, group_id, due_date);
DROP INDEX issues_due_idx;
CREATE INDEX issues_due_idx ON issues (due_date, id)
    INCLUDE (state, field_slug, kind, level, commune_id, holder_unit_id, group_id, created_at);
DROP INDEX issues_created_idx;
CREATE INDEX issues_created_idx ON issues (created_at DESC, id DESC)
    INCLUDE (state, field_slug, kind, level, commune_id, holder_unit_id, group_id, due_date);

-- Index-only scans need the visibility map to be current: vacuum these tables often (they
-- are updated on every transition).
ALTER TABLE issues SET (autovacuum_vacuum_scale_factor = 0.02,
                        autovacuum_vacuum_insert_scale_factor = 0.02,
                        autovacuum_analyze_scale_factor = 0.05);
ALTER TABLE issue_scope SET (autovacuum_vacuum_scale_factor = 0.02,
                             autovacuum_vacuum_insert_scale_factor = 0.02,
                             autovacuum_analyze_scale_factor = 0.05);
