-- Issues (kiến nghị, vướng mắc) from commune to province to central government: the issue,
-- its supporting departments, its events (every transition, comment and edit, kept
-- forever), groups, attachments, notifications, idempotent retries, and the working-day
-- calendar that due dates are counted in.

-- Public holidays and make-up working days (Asia/Ho_Chi_Minh dates). Weekends are days off
-- unless listed as 'workday'; listed 'holiday' dates are days off.
CREATE TABLE calendar_days (
    day  date PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name text NOT NULL
);

CREATE FUNCTION is_working_day(d date) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT kind = 'workday' FROM calendar_days WHERE day = d),
                    extract(isodow FROM d) < 6)
$$;

-- The date n working days after d (d itself not counted).
CREATE FUNCTION add_working_days(d date, n integer) RETURNS date LANGUAGE plpgsql STABLE AS $$
DECLARE
    cur date := d;
    left_ integer := n;
BEGIN
    WHILE left_ > 0 LOOP
        cur := cur + 1;
        IF is_working_day(cur) THEN
            left_ := left_ - 1;
        END IF;
    END LOOP;
    RETURN cur;
END $$;

-- Working days allowed at each level before an issue is overdue.
CREATE TABLE level_due_days (
    level text PRIMARY KEY CHECK (level IN ('commune', 'department', 'province', 'central')),
    days  integer NOT NULL CHECK (days BETWEEN 1 AND 365)
);
INSERT INTO level_due_days VALUES ('commune', 5), ('department', 10), ('province', 15),
    ('central', 30);

-- Rules that are data: days after an answer before it closes by itself, days the commune
-- may reopen a closed issue, days before the due date that count as "due soon".
CREATE TABLE issue_settings (
    name  text PRIMARY KEY,
    value integer NOT NULL CHECK (value BETWEEN 0 AND 365)
);
INSERT INTO issue_settings VALUES ('auto_close_days', 10), ('reopen_days', 30),
    ('due_soon_days', 2);

CREATE TYPE issue_state AS ENUM ('submitted', 'in_progress', 'answered', 'closed', 'returned',
    'escalated_province', 'escalated_central', 'reopened', 'withdrawn');
CREATE TYPE issue_kind AS ENUM ('difficulty', 'proposal');

CREATE TABLE issue_groups (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    unit_id     integer NOT NULL REFERENCES units (id),
    created_by  integer NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE issue_code_seq;

CREATE TABLE issues (
    id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code             text NOT NULL UNIQUE CHECK (code ~ '^KN-[0-9]{4}-[0-9]{6}$'),
    title            text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
    description      text NOT NULL CHECK (length(description) BETWEEN 1 AND 20000),
    field_slug       text NOT NULL REFERENCES fields (slug),
    kind             issue_kind NOT NULL,
    commune_id       integer NOT NULL REFERENCES units (id),
    holder_unit_id   integer NOT NULL REFERENCES units (id),
    lead_unit_id     integer NOT NULL REFERENCES units (id),
    state            issue_state NOT NULL DEFAULT 'submitted',
    level            text NOT NULL CHECK (level IN ('commune', 'department', 'province', 'central')),
    held_since       timestamptz NOT NULL DEFAULT now(),
    due_date         date NOT NULL,
    answer           text CHECK (length(answer) <= 20000),
    legal_basis      text CHECK (length(legal_basis) <= 500),
    answered_at      timestamptz,
    answered_by_unit integer REFERENCES units (id),
    shareable        boolean NOT NULL DEFAULT false,
    group_id         integer REFERENCES issue_groups (id),
    ministry_id      integer REFERENCES units (id),
    dispatch_no      text CHECK (length(dispatch_no) <= 100),
    dispatch_date    date,
    ministry_reply   text CHECK (length(ministry_reply) <= 20000),
    training_id      integer,
    closed_at        timestamptz,
    created_by       integer NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    -- Diacritic-free text for search ("dat dai" finds "đất đai").
    search_text      text NOT NULL DEFAULT ''
);
CREATE INDEX issues_commune_idx ON issues (commune_id, id DESC);
CREATE INDEX issues_holder_idx ON issues (holder_unit_id, state, due_date);
CREATE INDEX issues_lead_idx ON issues (lead_unit_id, id DESC);
CREATE INDEX issues_state_idx ON issues (state, due_date);
CREATE INDEX issues_created_idx ON issues (created_at DESC, id DESC);
CREATE INDEX issues_group_idx ON issues (group_id) WHERE group_id IS NOT NULL;
CREATE INDEX issues_search_trgm ON issues USING gin (search_text gin_trgm_ops);

CREATE TABLE issue_supporting_units (
    issue_id integer NOT NULL REFERENCES issues (id),
    unit_id  integer NOT NULL REFERENCES units (id),
    PRIMARY KEY (issue_id, unit_id)
);
CREATE INDEX issue_supporting_unit_idx ON issue_supporting_units (unit_id);

CREATE TABLE issue_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issue_id   integer NOT NULL REFERENCES issues (id),
    at         timestamptz NOT NULL DEFAULT now(),
    actor_id   integer REFERENCES users (id),
    unit_id    integer REFERENCES units (id),
    action     text NOT NULL CHECK (action ~ '^[a-z_]{1,40}$'),
    from_state issue_state,
    to_state   issue_state,
    note       text CHECK (length(note) <= 20000),
    data       jsonb
);
CREATE INDEX issue_events_issue_idx ON issue_events (issue_id, id);

CREATE FUNCTION issue_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'issue_events is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER issue_events_no_change BEFORE UPDATE OR DELETE ON issue_events
    FOR EACH ROW EXECUTE FUNCTION issue_events_append_only();

CREATE TABLE attachments (
    id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issue_id     integer NOT NULL REFERENCES issues (id),
    filename     text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
    content_type text NOT NULL,
    size         integer NOT NULL CHECK (size BETWEEN 1 AND 10485760),
    sha256       bytea NOT NULL,
    data         bytea NOT NULL,
    created_by   integer NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_issue_idx ON attachments (issue_id);

CREATE TABLE notifications (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    integer NOT NULL REFERENCES users (id),
    issue_id   integer REFERENCES issues (id),
    kind       text NOT NULL CHECK (kind IN ('new_issue', 'answered', 'returned', 'escalated',
                   'due_soon', 'overdue', 'reopened', 'rerouted', 'ministry_reply', 'comment',
                   'closed')),
    message    text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at    timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
-- One due-soon and one overdue reminder per issue and user.
CREATE UNIQUE INDEX notifications_reminder_once ON notifications (user_id, issue_id, kind)
    WHERE kind IN ('due_soon', 'overdue');

-- A retried create or transition returns the first response instead of doing it twice.
CREATE TABLE idempotency_keys (
    user_id      integer NOT NULL REFERENCES users (id),
    key          text NOT NULL CHECK (key ~ '^[A-Za-z0-9_-]{8,128}$'),
    request_hash bytea NOT NULL,
    status       integer NOT NULL,
    body         text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

CREATE FUNCTION issues_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := unaccent(lower(NEW.code || ' ' || NEW.title || ' ' || NEW.description
        || ' ' || coalesce(NEW.answer, '')));
    RETURN NEW;
END $$;
CREATE TRIGGER issues_search BEFORE INSERT OR UPDATE OF title, description, answer ON issues
    FOR EACH ROW EXECUTE FUNCTION issues_search_text();

-- The life of an issue, as one table (DESIGN §3): from which state, by which action, who
-- (role, and how they relate to the issue: 'commune' = the commune that raised it, 'holder'
-- = the unit holding it, 'province' = the province office while UBND tỉnh holds it), to
-- which state, and which inputs are required. `to_state` NULL keeps the state.
CREATE TABLE issue_transitions (
    from_state issue_state NOT NULL,
    action     text NOT NULL,
    role       user_role NOT NULL,
    relation   text NOT NULL CHECK (relation IN ('commune', 'holder', 'province')),
    to_state   issue_state,
    required   text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (from_state, action, role)
);

INSERT INTO issue_transitions (from_state, action, role, relation, to_state, required)
SELECT s::issue_state, a, r::user_role, rel, t::issue_state, req
FROM (VALUES
    -- the department holding it
    ('submitted',   'accept',             'department_officer', 'holder', 'in_progress', '{}'::text[]),
    ('submitted',   'accept',             'department_head',    'holder', 'in_progress', '{}'),
    ('reopened',    'accept',             'department_officer', 'holder', 'in_progress', '{}'),
    ('reopened',    'accept',             'department_head',    'holder', 'in_progress', '{}'),
    ('submitted',   'answer',             'department_officer', 'holder', 'answered', '{answer}'),
    ('submitted',   'answer',             'department_head',    'holder', 'answered', '{answer}'),
    ('in_progress', 'answer',             'department_officer', 'holder', 'answered', '{answer}'),
    ('in_progress', 'answer',             'department_head',    'holder', 'answered', '{answer}'),
    ('reopened',    'answer',             'department_officer', 'holder', 'answered', '{answer}'),
    ('reopened',    'answer',             'department_head',    'holder', 'answered', '{answer}'),
    ('submitted',   'return',             'department_officer', 'holder', 'returned', '{reason}'),
    ('submitted',   'return',             'department_head',    'holder', 'returned', '{reason}'),
    ('in_progress', 'return',             'department_officer', 'holder', 'returned', '{reason}'),
    ('in_progress', 'return',             'department_head',    'holder', 'returned', '{reason}'),
    ('submitted',   'reroute',            'department_officer', 'holder', 'submitted', '{unit_id,reason}'),
    ('submitted',   'reroute',            'department_head',    'holder', 'submitted', '{unit_id,reason}'),
    ('in_progress', 'reroute',            'department_officer', 'holder', 'submitted', '{unit_id,reason}'),
    ('in_progress', 'reroute',            'department_head',    'holder', 'submitted', '{unit_id,reason}'),
    ('submitted',   'propose_escalation', 'department_officer', 'holder', NULL, '{reason}'),
    ('in_progress', 'propose_escalation', 'department_officer', 'holder', NULL, '{reason}'),
    ('reopened',    'propose_escalation', 'department_officer', 'holder', NULL, '{reason}'),
    ('submitted',   'escalate',           'department_head',    'holder', 'escalated_province', '{reason}'),
    ('in_progress', 'escalate',           'department_head',    'holder', 'escalated_province', '{reason}'),
    ('reopened',    'escalate',           'department_head',    'holder', 'escalated_province', '{reason}'),
    -- the province office, while UBND tỉnh holds it
    ('escalated_province', 'resolve',         'province_office', 'province', 'answered', '{answer}'),
    ('escalated_province', 'forward_central', 'province_office', 'province', 'escalated_central', '{ministry_id,dispatch_no,dispatch_date}'),
    ('escalated_province', 'send_back',       'province_office', 'province', 'in_progress', '{reason}'),
    ('escalated_central',  'record_reply',    'province_office', 'province', 'answered', '{answer}'),
    -- the commune that raised it
    ('returned',    'resubmit',           'commune_officer', 'commune', 'submitted', '{}'),
    ('answered',    'confirm',            'commune_officer', 'commune', 'closed', '{}'),
    ('answered',    'reopen',             'commune_officer', 'commune', 'reopened', '{reason}'),
    ('closed',      'reopen',             'commune_officer', 'commune', 'reopened', '{reason}'),
    ('submitted',   'withdraw',           'commune_officer', 'commune', 'withdrawn', '{}'),
    ('returned',    'withdraw',           'commune_officer', 'commune', 'withdrawn', '{}'),
    ('in_progress', 'withdraw',           'commune_officer', 'commune', 'withdrawn', '{}')
) AS v (s, a, r, rel, t, req);

-- Who may see an issue: the commune that raised it; a department that holds, leads, supports
-- or answered it; Sở Nội vụ, the province office and the leadership see all.
CREATE FUNCTION issue_visible(i issues, r user_role, u integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
    -- Never NULL: a missing answered_by_unit must not make NOT issue_visible(...) unknown.
    SELECT coalesce(CASE
        WHEN r IN ('home_affairs', 'province_office', 'leadership') THEN true
        WHEN r = 'commune_officer' THEN i.commune_id = u
        WHEN r IN ('department_officer', 'department_head') THEN
            i.holder_unit_id = u OR i.lead_unit_id = u OR i.answered_by_unit = u
            OR EXISTS (SELECT 1 FROM issue_supporting_units s
                       WHERE s.issue_id = i.id AND s.unit_id = u)
        ELSE false
    END, false)
$$;

-- How the actor relates to the issue, for the transition table.
CREATE FUNCTION issue_relation_holds(i issues, relation text, r user_role, u integer)
RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(CASE relation
        WHEN 'commune' THEN i.commune_id = u
        WHEN 'holder' THEN i.holder_unit_id = u
        -- The province office acts for UBND tỉnh, also on what it forwarded to a ministry.
        WHEN 'province' THEN i.level IN ('province', 'central') AND r = 'province_office'
        ELSE false
    END, false)
$$;

-- Actions this actor may take on this issue now.
CREATE FUNCTION issue_allowed_actions(i issues, r user_role, u integer) RETURNS text[]
LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(t.action ORDER BY t.action), '{}')
    FROM issue_transitions t
    WHERE t.from_state = i.state AND t.role = r AND issue_relation_holds(i, t.relation, r, u)
      AND (t.action <> 'reopen' OR coalesce(i.closed_at, i.answered_at) >
           now() - make_interval(days => (SELECT value FROM issue_settings WHERE name = 'reopen_days')))
$$;

-- Today in Vietnam.
CREATE FUNCTION vn_today() RETURNS date LANGUAGE sql STABLE AS $$
    SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
$$;

CREATE FUNCTION level_of_unit(u integer) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT kind::text FROM units WHERE id = u
$$;

CREATE FUNCTION due_for_level(level text) RETURNS date LANGUAGE sql STABLE AS $$
    SELECT add_working_days(vn_today(), (SELECT days FROM level_due_days d WHERE d.level = $1))
$$;

-- Notifies every active user of unit u.
CREATE FUNCTION notify_unit(u integer, issue integer, k text, msg text) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO notifications (user_id, issue_id, kind, message)
    SELECT id, issue, k, msg FROM users WHERE unit_id = u AND disabled_at IS NULL
$$;

-- The JSON of an issue for its detail page, as seen by actor role r of unit u.
CREATE FUNCTION issue_json(i issues, r user_role, u integer) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT json_build_object(
        'id', i.id, 'code', i.code, 'title', i.title, 'description', i.description,
        'kind', i.kind, 'state', i.state, 'level', i.level,
        'field', (SELECT json_build_object('slug', f.slug, 'name', f.name) FROM fields f
                  WHERE f.slug = i.field_slug),
        'commune', (SELECT json_build_object('id', x.id, 'code', x.code, 'name', x.name)
                    FROM units x WHERE x.id = i.commune_id),
        'holder', (SELECT json_build_object('id', x.id, 'kind', x.kind, 'name', x.name)
                   FROM units x WHERE x.id = i.holder_unit_id),
        'lead', (SELECT json_build_object('id', x.id, 'code', x.code, 'name', x.name)
                 FROM units x WHERE x.id = i.lead_unit_id),
        'supporting', coalesce((SELECT json_agg(json_build_object('id', x.id, 'code', x.code,
                 'name', x.name) ORDER BY x.position) FROM issue_supporting_units s
                 JOIN units x ON x.id = s.unit_id WHERE s.issue_id = i.id), '[]'::json),
        'held_since', i.held_since, 'due_date', i.due_date,
        'overdue', i.state NOT IN ('answered', 'closed', 'withdrawn') AND i.due_date < vn_today(),
        'answer', i.answer, 'legal_basis', i.legal_basis, 'answered_at', i.answered_at,
        'answered_by', (SELECT json_build_object('id', x.id, 'name', x.name) FROM units x
                        WHERE x.id = i.answered_by_unit),
        'shareable', i.shareable, 'group_id', i.group_id,
        'ministry', (SELECT json_build_object('id', x.id, 'name', x.name) FROM units x
                     WHERE x.id = i.ministry_id),
        'dispatch_no', i.dispatch_no, 'dispatch_date', i.dispatch_date,
        'ministry_reply', i.ministry_reply, 'closed_at', i.closed_at,
        'created_at', i.created_at, 'updated_at', i.updated_at, 'version', i.version,
        'created_by', (SELECT json_build_object('id', x.id, 'full_name', x.full_name)
                       FROM users x WHERE x.id = i.created_by),
        'attachments', coalesce((SELECT json_agg(json_build_object('id', a.id, 'filename',
                 a.filename, 'content_type', a.content_type, 'size', a.size, 'created_at',
                 a.created_at) ORDER BY a.id) FROM attachments a WHERE a.issue_id = i.id),
                 '[]'::json),
        'allowed_actions', issue_allowed_actions(i, r, u))
$$;

-- A row of an issue list.
CREATE FUNCTION issue_list_json(i issues) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT json_build_object(
        'id', i.id, 'code', i.code, 'title', i.title, 'kind', i.kind, 'state', i.state,
        'level', i.level, 'field', i.field_slug,
        'commune', (SELECT json_build_object('id', x.id, 'name', x.name) FROM units x
                    WHERE x.id = i.commune_id),
        'holder', (SELECT json_build_object('id', x.id, 'name', x.name) FROM units x
                   WHERE x.id = i.holder_unit_id),
        'held_since', i.held_since, 'due_date', i.due_date,
        'overdue', i.state NOT IN ('answered', 'closed', 'withdrawn') AND i.due_date < vn_today(),
        'created_at', i.created_at, 'updated_at', i.updated_at, 'group_id', i.group_id)
$$;

CREATE FUNCTION raise_rule(code text, detail json) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', code USING ERRCODE = 'P0001', DETAIL = coalesce(detail::text, 'null');
END $$;

-- Raises an issue for commune u. Returns the new issue's id.
CREATE FUNCTION issue_create(p_actor integer, p_commune integer, p_title text, p_description text,
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
    VALUES ('KN-' || extract(year FROM vn_today()) || '-'
                || lpad(nextval('issue_code_seq')::text, 6, '0'),
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

-- Applies one action of the transition table. Raises a rule error when the issue is not
-- visible, the version is stale, the action is not allowed now or an input is missing.
CREATE FUNCTION issue_apply(p_issue integer, p_action text, p_actor integer, p_role user_role,
                            p_unit integer, p_in jsonb, p_version integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    i issues;
    t issue_transitions;
    allowed text[];
    k text;
    new_holder integer;
    new_state issue_state;
    note text;
    target integer;
    commune_name text;
BEGIN
    SELECT * INTO i FROM issues WHERE id = p_issue FOR UPDATE;
    IF NOT FOUND OR NOT issue_visible(i, p_role, p_unit) THEN
        PERFORM raise_rule('issue_not_found', NULL);
    END IF;
    IF p_version IS NOT NULL AND p_version <> i.version THEN
        PERFORM raise_rule('stale_version', json_build_object('version', i.version));
    END IF;
    allowed := issue_allowed_actions(i, p_role, p_unit);
    IF NOT p_action = ANY (allowed) THEN
        PERFORM raise_rule('transition_not_allowed',
            json_build_object('state', i.state, 'action', p_action, 'allowed_actions', allowed));
    END IF;
    SELECT * INTO t FROM issue_transitions
    WHERE from_state = i.state AND action = p_action AND role = p_role;
    FOREACH k IN ARRAY t.required LOOP
        IF p_in ->> k IS NULL OR btrim(p_in ->> k) = '' THEN
            PERFORM raise_rule('missing_input', json_build_object('field', k));
        END IF;
    END LOOP;

    new_state := coalesce(t.to_state, i.state);
    new_holder := i.holder_unit_id;
    note := coalesce(p_in ->> 'reason', p_in ->> 'answer', p_in ->> 'note');
    commune_name := (SELECT name FROM units WHERE id = i.commune_id);

    IF p_action IN ('answer', 'resolve', 'record_reply') THEN
        UPDATE issues SET answer = p_in ->> 'answer',
            legal_basis = nullif(btrim(coalesce(p_in ->> 'legal_basis', '')), ''),
            answered_at = now(), answered_by_unit = i.holder_unit_id,
            shareable = coalesce((p_in ->> 'shareable')::boolean, shareable),
            ministry_reply = CASE WHEN p_action = 'record_reply' THEN p_in ->> 'answer'
                                  ELSE ministry_reply END
        WHERE id = i.id;
        new_holder := i.commune_id;
        PERFORM notify_unit(i.commune_id, i.id, 'answered', 'Kiến nghị ' || i.code || ' đã được trả lời');
    ELSIF p_action = 'return' THEN
        new_holder := i.commune_id;
        PERFORM notify_unit(i.commune_id, i.id, 'returned', 'Kiến nghị ' || i.code || ' bị trả lại: ' || left(p_in ->> 'reason', 200));
    ELSIF p_action = 'resubmit' THEN
        new_holder := i.lead_unit_id;
        PERFORM notify_unit(new_holder, i.id, 'new_issue', 'Kiến nghị ' || i.code || ' được gửi lại từ ' || commune_name);
    ELSIF p_action = 'reroute' THEN
        target := (p_in ->> 'unit_id')::integer;
        IF target = i.holder_unit_id
           OR NOT EXISTS (SELECT 1 FROM units WHERE id = target AND kind = 'department') THEN
            PERFORM raise_rule('invalid_reroute', json_build_object('unit_id', target));
        END IF;
        new_holder := target;
        UPDATE issues SET lead_unit_id = target WHERE id = i.id;
        DELETE FROM issue_supporting_units WHERE issue_id = i.id AND unit_id = target;
        PERFORM notify_unit(target, i.id, 'rerouted', 'Kiến nghị ' || i.code || ' được chuyển đến đơn vị');
    ELSIF p_action = 'propose_escalation' THEN
        PERFORM notify_unit(i.holder_unit_id, i.id, 'escalated', 'Đề xuất trình UBND tỉnh kiến nghị ' || i.code);
    ELSIF p_action = 'escalate' THEN
        new_holder := (SELECT id FROM units WHERE kind = 'province' AND code = 'UBND');
        PERFORM notify_unit((SELECT id FROM units WHERE kind = 'department' AND code = 'VPUBND'),
            i.id, 'escalated', 'Kiến nghị ' || i.code || ' được trình UBND tỉnh');
        PERFORM notify_unit(i.commune_id, i.id, 'escalated', 'Kiến nghị ' || i.code || ' đã được trình UBND tỉnh');
    ELSIF p_action = 'forward_central' THEN
        target := (p_in ->> 'ministry_id')::integer;
        IF NOT EXISTS (SELECT 1 FROM units WHERE id = target AND kind = 'central') THEN
            PERFORM raise_rule('invalid_ministry', json_build_object('ministry_id', target));
        END IF;
        IF (p_in ->> 'dispatch_date')::date > vn_today() THEN
            PERFORM raise_rule('invalid_dispatch_date', json_build_object('field', 'dispatch_date'));
        END IF;
        new_holder := target;
        UPDATE issues SET ministry_id = target, dispatch_no = p_in ->> 'dispatch_no',
            dispatch_date = (p_in ->> 'dispatch_date')::date WHERE id = i.id;
        PERFORM notify_unit(i.commune_id, i.id, 'escalated', 'Kiến nghị ' || i.code || ' đã được gửi lên Trung ương');
    ELSIF p_action = 'send_back' THEN
        new_holder := i.lead_unit_id;
        PERFORM notify_unit(new_holder, i.id, 'returned', 'UBND tỉnh chuyển lại kiến nghị ' || i.code);
    ELSIF p_action = 'confirm' THEN
        UPDATE issues SET closed_at = now() WHERE id = i.id;
        PERFORM notify_unit(coalesce(i.answered_by_unit, i.lead_unit_id), i.id, 'closed', 'Xã đã xác nhận kiến nghị ' || i.code);
    ELSIF p_action = 'reopen' THEN
        new_holder := i.lead_unit_id;
        UPDATE issues SET closed_at = NULL WHERE id = i.id;
        PERFORM notify_unit(new_holder, i.id, 'reopened', 'Kiến nghị ' || i.code || ' được mở lại: ' || left(p_in ->> 'reason', 200));
    ELSIF p_action = 'withdraw' THEN
        UPDATE issues SET closed_at = now() WHERE id = i.id;
    END IF;

    UPDATE issues SET state = new_state, holder_unit_id = new_holder,
        level = level_of_unit(new_holder),
        held_since = CASE WHEN new_holder <> i.holder_unit_id THEN now() ELSE held_since END,
        due_date = CASE WHEN new_holder <> i.holder_unit_id
                        THEN due_for_level(level_of_unit(new_holder)) ELSE due_date END,
        version = version + 1, updated_at = now()
    WHERE id = i.id;

    INSERT INTO issue_events (issue_id, actor_id, unit_id, action, from_state, to_state, note, data)
    VALUES (i.id, p_actor, p_unit, p_action, i.state, new_state, note,
            nullif(p_in - 'answer' - 'reason' - 'note', '{}'::jsonb));
END $$;

-- Closes answered issues nobody reacted to, and sends due-soon and overdue reminders.
-- Run by the backend's maintenance process every minute; safe to run at any time.
CREATE FUNCTION issues_maintenance() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    closed_count integer := 0;
    r record;
BEGIN
    FOR r IN
        SELECT * FROM issues
        WHERE state = 'answered' AND answered_at < now() - make_interval(days =>
            (SELECT value FROM issue_settings WHERE name = 'auto_close_days'))
        FOR UPDATE SKIP LOCKED
    LOOP
        UPDATE issues SET state = 'closed', closed_at = now(), version = version + 1,
            updated_at = now() WHERE id = r.id;
        INSERT INTO issue_events (issue_id, action, from_state, to_state, note)
        VALUES (r.id, 'auto_close', 'answered', 'closed',
                'Tự động đóng sau ' || (SELECT value FROM issue_settings WHERE name = 'auto_close_days')
                || ' ngày không có phản hồi');
        closed_count := closed_count + 1;
    END LOOP;

    INSERT INTO notifications (user_id, issue_id, kind, message)
    SELECT us.id, i.id, 'overdue', 'Kiến nghị ' || i.code || ' đã quá hạn xử lý'
    FROM issues i JOIN users us ON us.unit_id = i.holder_unit_id AND us.disabled_at IS NULL
    WHERE i.state NOT IN ('answered', 'closed', 'withdrawn') AND i.due_date < vn_today()
    ON CONFLICT DO NOTHING;
    INSERT INTO notifications (user_id, issue_id, kind, message)
    SELECT us.id, i.id, 'due_soon', 'Kiến nghị ' || i.code || ' sắp đến hạn ('
        || to_char(i.due_date, 'DD/MM/YYYY') || ')'
    FROM issues i JOIN users us ON us.unit_id = i.holder_unit_id AND us.disabled_at IS NULL
    WHERE i.state NOT IN ('answered', 'closed', 'withdrawn')
      AND i.due_date >= vn_today()
      AND i.due_date <= add_working_days(vn_today(),
            (SELECT value FROM issue_settings WHERE name = 'due_soon_days'))
    ON CONFLICT DO NOTHING;
    RETURN closed_count;
END $$;

-- Edits an issue with the version the editor read. The commune that raised it may change
-- title, description and kind while it is submitted or returned; the department holding it
-- may change whether the answer is shareable and the supporting departments.
CREATE FUNCTION issue_edit(p_issue integer, p_actor integer, p_role user_role, p_unit integer,
                           p_version integer, p_in jsonb)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    i issues;
    before_ jsonb := '{}';
    after_ jsonb := '{}';
    k text;
    s integer;
BEGIN
    SELECT * INTO i FROM issues WHERE id = p_issue FOR UPDATE;
    IF NOT FOUND OR NOT issue_visible(i, p_role, p_unit) THEN
        PERFORM raise_rule('issue_not_found', NULL);
    END IF;
    IF p_version <> i.version THEN
        PERFORM raise_rule('stale_version', json_build_object('version', i.version));
    END IF;
    FOR k IN SELECT jsonb_object_keys(p_in) LOOP
        IF k IN ('title', 'description', 'kind') AND NOT (p_role = 'commune_officer'
                AND i.commune_id = p_unit AND i.state IN ('submitted', 'returned')) THEN
            PERFORM raise_rule('edit_not_allowed', json_build_object('field', k, 'state', i.state));
        END IF;
        IF k IN ('shareable', 'supporting_unit_ids') AND NOT (p_role IN ('department_officer',
                'department_head') AND i.holder_unit_id = p_unit) THEN
            PERFORM raise_rule('edit_not_allowed', json_build_object('field', k, 'state', i.state));
        END IF;
    END LOOP;
    IF p_in ? 'title' THEN
        before_ := before_ || jsonb_build_object('title', i.title);
        after_ := after_ || jsonb_build_object('title', p_in ->> 'title');
        UPDATE issues SET title = p_in ->> 'title' WHERE id = i.id;
    END IF;
    IF p_in ? 'description' THEN
        before_ := before_ || jsonb_build_object('description', i.description);
        after_ := after_ || jsonb_build_object('description', p_in ->> 'description');
        UPDATE issues SET description = p_in ->> 'description' WHERE id = i.id;
    END IF;
    IF p_in ? 'kind' THEN
        before_ := before_ || jsonb_build_object('kind', i.kind);
        after_ := after_ || jsonb_build_object('kind', p_in ->> 'kind');
        UPDATE issues SET kind = (p_in ->> 'kind')::issue_kind WHERE id = i.id;
    END IF;
    IF p_in ? 'shareable' THEN
        before_ := before_ || jsonb_build_object('shareable', i.shareable);
        after_ := after_ || jsonb_build_object('shareable', (p_in ->> 'shareable')::boolean);
        UPDATE issues SET shareable = (p_in ->> 'shareable')::boolean WHERE id = i.id;
    END IF;
    IF p_in ? 'supporting_unit_ids' THEN
        before_ := before_ || jsonb_build_object('supporting_unit_ids',
            (SELECT coalesce(jsonb_agg(unit_id ORDER BY unit_id), '[]') FROM issue_supporting_units
             WHERE issue_id = i.id));
        after_ := after_ || jsonb_build_object('supporting_unit_ids', p_in -> 'supporting_unit_ids');
        DELETE FROM issue_supporting_units WHERE issue_id = i.id;
        FOR s IN SELECT jsonb_array_elements_text(p_in -> 'supporting_unit_ids')::integer LOOP
            IF s = i.lead_unit_id
               OR NOT EXISTS (SELECT 1 FROM units WHERE id = s AND kind = 'department') THEN
                PERFORM raise_rule('invalid_supporting_unit', json_build_object('unit_id', s));
            END IF;
            INSERT INTO issue_supporting_units VALUES (i.id, s) ON CONFLICT DO NOTHING;
        END LOOP;
    END IF;
    UPDATE issues SET version = version + 1, updated_at = now() WHERE id = i.id;
    INSERT INTO issue_events (issue_id, actor_id, unit_id, action, data)
    VALUES (i.id, p_actor, p_unit, 'edited', jsonb_build_object('before', before_, 'after', after_));
END $$;

-- A comment on the timeline; the other side is notified.
CREATE FUNCTION issue_comment(p_issue integer, p_actor integer, p_role user_role, p_unit integer,
                              p_text text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    i issues;
    ev bigint;
BEGIN
    SELECT * INTO i FROM issues WHERE id = p_issue;
    IF NOT FOUND OR NOT issue_visible(i, p_role, p_unit) THEN
        PERFORM raise_rule('issue_not_found', NULL);
    END IF;
    INSERT INTO issue_events (issue_id, actor_id, unit_id, action, note)
    VALUES (i.id, p_actor, p_unit, 'comment', p_text) RETURNING id INTO ev;
    PERFORM notify_unit(CASE WHEN p_unit = i.commune_id THEN i.holder_unit_id ELSE i.commune_id END,
        i.id, 'comment', 'Ý kiến mới về kiến nghị ' || i.code);
    RETURN ev;
END $$;

-- The timeline of an issue.
CREATE FUNCTION issue_events_json(p_issue integer) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT json_build_object('items', coalesce(json_agg(json_build_object(
        'id', e.id, 'at', e.at, 'action', e.action, 'from_state', e.from_state,
        'to_state', e.to_state, 'note', e.note, 'data', e.data,
        'actor', (SELECT json_build_object('id', u.id, 'full_name', u.full_name) FROM users u
                  WHERE u.id = e.actor_id),
        'unit', (SELECT json_build_object('id', x.id, 'name', x.name) FROM units x
                 WHERE x.id = e.unit_id)) ORDER BY e.id), '[]'::json))
    FROM issue_events e WHERE e.issue_id = p_issue
$$;

-- Groups the same question from several communes under the department holding them all.
CREATE FUNCTION issue_group_create(p_actor integer, p_unit integer, p_title text,
                                   p_issues integer[])
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    g integer;
    bad integer[];
BEGIN
    IF coalesce(array_length(p_issues, 1), 0) < 2 THEN
        PERFORM raise_rule('group_too_small', NULL);
    END IF;
    SELECT array_agg(x) INTO bad FROM unnest(p_issues) x
    WHERE NOT EXISTS (SELECT 1 FROM issues i WHERE i.id = x AND i.holder_unit_id = p_unit
                      AND i.state IN ('submitted', 'in_progress', 'reopened'));
    IF bad IS NOT NULL THEN
        PERFORM raise_rule('group_member_not_held', json_build_object('issue_ids', bad));
    END IF;
    INSERT INTO issue_groups (title, unit_id, created_by) VALUES (p_title, p_unit, p_actor)
    RETURNING id INTO g;
    UPDATE issues SET group_id = g, version = version + 1, updated_at = now()
    WHERE id = ANY (p_issues);
    INSERT INTO issue_events (issue_id, actor_id, unit_id, action, data)
    SELECT x, p_actor, p_unit, 'grouped', jsonb_build_object('group_id', g, 'title', p_title)
    FROM unnest(p_issues) x;
    RETURN g;
END $$;

CREATE FUNCTION issue_group_json(g issue_groups) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT json_build_object('id', g.id, 'title', g.title, 'unit_id', g.unit_id,
        'created_at', g.created_at,
        'issues', coalesce((SELECT json_agg(issue_list_json(i) ORDER BY i.id) FROM issues i
                            WHERE i.group_id = g.id), '[]'::json))
$$;

-- Answers every member of a group once; each member gets the answer and its own event.
CREATE FUNCTION issue_group_answer(p_group integer, p_actor integer, p_role user_role,
                                   p_unit integer, p_in jsonb)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    r record;
    n integer := 0;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM issue_groups WHERE id = p_group AND unit_id = p_unit) THEN
        PERFORM raise_rule('group_not_found', NULL);
    END IF;
    FOR r IN SELECT i.id FROM issues i WHERE i.group_id = p_group
             AND 'answer' = ANY (issue_allowed_actions(i, p_role, p_unit)) ORDER BY i.id LOOP
        PERFORM issue_apply(r.id, 'answer', p_actor, p_role, p_unit,
                            p_in || jsonb_build_object('group_id', p_group), NULL);
        n := n + 1;
    END LOOP;
    IF n = 0 THEN
        PERFORM raise_rule('group_nothing_to_answer', NULL);
    END IF;
    RETURN n;
END $$;
