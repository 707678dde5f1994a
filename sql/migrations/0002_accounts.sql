-- Accounts: users of every unit with one role each, login throttling, refresh-token
-- families, API tokens for the reporting API, and the append-only audit log.
CREATE TYPE user_role AS ENUM (
    'commune_officer', 'department_officer', 'department_head', 'home_affairs',
    'province_office', 'leadership', 'party_reader', 'admin');

CREATE TABLE users (
    id                   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username             text NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
    full_name            text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    role                 user_role NOT NULL,
    unit_id              integer NOT NULL REFERENCES units (id),
    password_hash        text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    must_change_password boolean NOT NULL DEFAULT true,
    demo                 boolean NOT NULL DEFAULT false,
    disabled_at          timestamptz,
    token_version        integer NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    password_changed_at  timestamptz NOT NULL DEFAULT now()
);
-- Usernames are stored lower-case; the index makes them unique regardless of case anyway.
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE INDEX users_unit_idx ON users (unit_id);

-- Failed logins are counted per name, existing or not, so a lockout never reveals whether
-- a name exists.
CREATE TABLE login_throttle (
    username     text PRIMARY KEY CHECK (length(username) <= 64),
    failures     integer NOT NULL DEFAULT 0,
    locks        integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    last_failure timestamptz
);

CREATE TABLE refresh_tokens (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     integer NOT NULL REFERENCES users (id),
    family      uuid NOT NULL,
    token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

CREATE TABLE api_tokens (
    id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    user_id      integer NOT NULL REFERENCES users (id),
    prefix       text NOT NULL,
    token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_by   integer NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    integer REFERENCES users (id),
    unit_id     integer REFERENCES units (id),
    action      text NOT NULL CHECK (action ~ '^[a-z_.]{1,64}$'),
    object_type text,
    object_id   text,
    before      jsonb,
    after       jsonb,
    client_addr text,
    request_id  text
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id DESC);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, id DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Which unit kinds a role may belong to (DESIGN §2); checked by the database too.
CREATE FUNCTION role_fits_unit(r user_role, u integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT CASE r
        WHEN 'commune_officer' THEN un.kind = 'commune'
        WHEN 'department_officer' THEN un.kind = 'department'
        WHEN 'department_head' THEN un.kind = 'department'
        WHEN 'home_affairs' THEN un.kind = 'department' AND un.code = 'SNV'
        WHEN 'province_office' THEN un.kind = 'department' AND un.code = 'VPUBND'
        WHEN 'leadership' THEN un.kind = 'province' AND un.code IN ('UBND', 'DUUBND')
        WHEN 'party_reader' THEN un.kind = 'province' AND un.code = 'TU'
        WHEN 'admin' THEN un.kind IN ('department', 'province')
    END
    FROM units un WHERE un.id = u
$$;

CREATE FUNCTION users_check_role_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT coalesce(role_fits_unit(NEW.role, NEW.unit_id), false) THEN
        RAISE EXCEPTION 'role_unit_mismatch' USING ERRCODE = 'P0001',
            DETAIL = format('role %s cannot belong to unit %s', NEW.role, NEW.unit_id);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER users_role_unit BEFORE INSERT OR UPDATE OF role, unit_id ON users
    FOR EACH ROW EXECUTE FUNCTION users_check_role_unit();

-- The one JSON shape of a user, used by every endpoint that returns users.
CREATE FUNCTION user_json(u users) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT json_build_object(
        'id', u.id, 'username', u.username, 'full_name', u.full_name, 'role', u.role,
        'unit', (SELECT json_build_object('id', un.id, 'kind', un.kind, 'code', un.code,
                                          'name', un.name)
                 FROM units un WHERE un.id = u.unit_id),
        'must_change_password', u.must_change_password,
        'disabled', u.disabled_at IS NOT NULL, 'disabled_at', u.disabled_at,
        'created_at', u.created_at, 'updated_at', u.updated_at)
$$;
