-- A user's unit must exist before its role can fit it: name the missing unit (400) instead
-- of calling it a role mismatch.
CREATE OR REPLACE FUNCTION users_check_role_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM units WHERE id = NEW.unit_id) THEN
        RAISE EXCEPTION 'unknown_unit' USING ERRCODE = 'P0001',
            DETAIL = json_build_object('field', 'unit_id')::text;
    END IF;
    IF NOT coalesce(role_fits_unit(NEW.role, NEW.unit_id), false) THEN
        RAISE EXCEPTION 'role_unit_mismatch' USING ERRCODE = 'P0001',
            DETAIL = json_build_object('role', NEW.role, 'unit_id', NEW.unit_id)::text;
    END IF;
    RETURN NEW;
END $$;
