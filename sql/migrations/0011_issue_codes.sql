-- Issue codes past 999,999. A code is KN-<year>-<number>, the number from one sequence
-- padded to six digits; lpad() cut a seventh digit off, so the millionth issue would have
-- repeated the code of the 100,000th and been refused (found loading national-sized data).
-- Numbers now keep every digit: six at least, more when they need them.

ALTER TABLE issues DROP CONSTRAINT issues_code_check;
ALTER TABLE issues ADD CONSTRAINT issues_code_check CHECK (code ~ '^KN-[0-9]{4}-[0-9]{6,12}$');

CREATE FUNCTION issue_code_next(p_day date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    n text := nextval('issue_code_seq')::text;
BEGIN
    RETURN 'KN-' || extract(year FROM p_day) || '-' || lpad(n, greatest(6, length(n)), '0');
END $$;

CREATE OR REPLACE FUNCTION issue_create(p_actor integer, p_commune integer, p_title text, p_description text,
                             p_field text, p_kind issue_kind, p_lead integer,
                             p_supporting integer[])
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    candidates integer[];
    lead integer := p_lead;
    new_id integer;
    s integer;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM fields WHERE slug = p_field) THEN
        PERFORM raise_rule('unknown_field', json_build_object('field', 'field'));
    END IF;
    SELECT array_agg(uf.unit_id ORDER BY un.position) INTO candidates
    FROM unit_fields uf JOIN units un ON un.id = uf.unit_id
    WHERE uf.field_slug = p_field AND un.kind = 'department';
    IF lead IS NULL THEN
        IF coalesce(array_length(candidates, 1), 0) <> 1 THEN
            PERFORM raise_rule('lead_required', json_build_object('candidates', candidates));
        END IF;
        lead := candidates[1];
    ELSIF NOT lead = ANY (coalesce(candidates, '{}')) THEN
        PERFORM raise_rule('lead_not_candidate', json_build_object('candidates', candidates));
    END IF;
    INSERT INTO issues (code, title, description, field_slug, kind, commune_id, holder_unit_id,
                        lead_unit_id, level, due_date, created_by)
    VALUES (issue_code_next(vn_today()),
            p_title, p_description, p_field, p_kind, p_commune, lead, lead, 'department',
            due_for_level('department'), p_actor)
    RETURNING id INTO new_id;
    FOREACH s IN ARRAY coalesce(p_supporting, '{}') LOOP
        IF s = lead OR NOT EXISTS (SELECT 1 FROM units WHERE id = s AND kind = 'department') THEN
            PERFORM raise_rule('invalid_supporting_unit', json_build_object('unit_id', s));
        END IF;
        INSERT INTO issue_supporting_units VALUES (new_id, s) ON CONFLICT DO NOTHING;
    END LOOP;
    INSERT INTO issue_events (issue_id, actor_id, unit_id, action, to_state)
    VALUES (new_id, p_actor, p_commune, 'created', 'submitted');
    PERFORM notify_unit(lead, new_id, 'new_issue',
        'Kiến nghị mới từ ' || (SELECT name FROM units WHERE id = p_commune));
    RETURN new_id;
END $$;
