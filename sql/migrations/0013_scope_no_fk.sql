-- issue_scope and issue_list_counts are derived rows, written only by the triggers of
-- migrations 0007 and 0010 from issues, whose own constraints hold the real data. Their
-- foreign keys made every transition look up and lock the issue and unit rows again, and
-- made loading a million issues' scope rows take over twenty minutes of key checks
-- (docs/performance.md); they go.
ALTER TABLE issue_scope DROP CONSTRAINT issue_scope_id_fkey;
ALTER TABLE issue_scope DROP CONSTRAINT issue_scope_unit_id_fkey;
