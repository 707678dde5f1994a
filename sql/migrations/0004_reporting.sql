-- Training conferences (hội nghị tập huấn) and the weekly reporting cycle: periods with
-- their deadlines, each department's report (narrative drafts, frozen submitted versions),
-- and Sở Nội vụ's consolidated report (frozen versions).

CREATE TABLE trainings (
    id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id      integer NOT NULL REFERENCES units (id),
    title        text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
    round        integer NOT NULL CHECK (round BETWEEN 1 AND 1000),
    starts_at    timestamptz NOT NULL,
    format       text NOT NULL CHECK (format IN ('online', 'in_person')),
    link         text CHECK (length(link) <= 500),
    contents     text NOT NULL DEFAULT '' CHECK (length(contents) <= 20000),
    minutes      text NOT NULL DEFAULT '' CHECK (length(minutes) <= 50000),
    created_by   integer NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1
);
CREATE INDEX trainings_unit_idx ON trainings (unit_id, starts_at DESC);
-- What a department did in a period (reports) and when things happened (statistics).
CREATE INDEX issue_events_unit_action_idx ON issue_events (unit_id, action, at);
CREATE INDEX issue_events_action_at_idx ON issue_events (action, at);
CREATE INDEX issues_lead_created_idx ON issues (lead_unit_id, created_at);
CREATE INDEX issues_due_idx ON issues (due_date, id);
CREATE INDEX issues_answered_by_idx ON issues (answered_by_unit) WHERE answered_by_unit IS NOT NULL;
CREATE INDEX trainings_starts_idx ON trainings (starts_at DESC);

CREATE TABLE training_fields (
    training_id integer NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
    field_slug  text NOT NULL REFERENCES fields (slug),
    PRIMARY KEY (training_id, field_slug)
);

-- Who attended, with how many people; the total is always the sum, never typed.
CREATE TABLE training_attendance (
    training_id  integer NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
    commune_id   integer NOT NULL REFERENCES units (id),
    participants integer NOT NULL CHECK (participants BETWEEN 1 AND 10000),
    PRIMARY KEY (training_id, commune_id)
);
CREATE INDEX training_attendance_commune_idx ON training_attendance (commune_id);

-- Issues answered during the conference.
CREATE TABLE training_issues (
    training_id integer NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
    issue_id    integer NOT NULL REFERENCES issues (id),
    PRIMARY KEY (training_id, issue_id)
);

ALTER TABLE issues ADD CONSTRAINT issues_training_fk FOREIGN KEY (training_id)
    REFERENCES trainings (id);

CREATE TABLE periods (
    id                     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code                   text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{4}-(R[0-9]+|W[0-9]{2})$'),
    name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    starts_on              date NOT NULL,
    ends_on                date NOT NULL CHECK (ends_on >= starts_on),
    report_deadline        timestamptz NOT NULL,
    consolidation_deadline timestamptz NOT NULL CHECK (consolidation_deadline >= report_deadline),
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    version                integer NOT NULL DEFAULT 1
);
CREATE INDEX periods_dates_idx ON periods (starts_on, ends_on);

CREATE TABLE reports (
    id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id  integer NOT NULL REFERENCES periods (id),
    unit_id    integer NOT NULL REFERENCES units (id),
    state      text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned')),
    narrative  jsonb NOT NULL DEFAULT '{}',
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by integer REFERENCES users (id),
    UNIQUE (period_id, unit_id)
);

-- What was sent: a frozen snapshot per submission; later edits never change it.
CREATE TABLE report_versions (
    id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id     integer NOT NULL REFERENCES reports (id),
    number        integer NOT NULL,
    snapshot      jsonb NOT NULL,
    submitted_at  timestamptz NOT NULL DEFAULT now(),
    submitted_by  integer NOT NULL REFERENCES users (id),
    late_seconds  integer NOT NULL DEFAULT 0,
    returned_at   timestamptz,
    returned_by   integer REFERENCES users (id),
    return_reason text,
    UNIQUE (report_id, number)
);

CREATE TABLE consolidated_reports (
    id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id  integer NOT NULL UNIQUE REFERENCES periods (id),
    narrative  jsonb NOT NULL DEFAULT '{}',
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by integer REFERENCES users (id)
);

CREATE TABLE consolidated_versions (
    id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consolidated_id integer NOT NULL REFERENCES consolidated_reports (id),
    number        integer NOT NULL,
    snapshot      jsonb NOT NULL,
    submitted_at  timestamptz NOT NULL DEFAULT now(),
    submitted_by  integer NOT NULL REFERENCES users (id),
    late_seconds  integer NOT NULL DEFAULT 0,
    UNIQUE (consolidated_id, number)
);

-- Frozen means frozen: the database refuses to change a submitted snapshot.
CREATE FUNCTION snapshot_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.snapshot IS DISTINCT FROM OLD.snapshot
       OR NEW.submitted_at IS DISTINCT FROM OLD.submitted_at THEN
        RAISE EXCEPTION 'submitted snapshots are frozen' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER report_versions_frozen BEFORE UPDATE OR DELETE ON report_versions
    FOR EACH ROW EXECUTE FUNCTION snapshot_frozen();
CREATE TRIGGER consolidated_versions_frozen BEFORE UPDATE OR DELETE ON consolidated_versions
    FOR EACH ROW EXECUTE FUNCTION snapshot_frozen();

-- The window of a period in time: from its first day 00:00 to the day after its last, in
-- Vietnam time.
CREATE FUNCTION period_from(p periods) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
    SELECT p.starts_on::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
$$;
CREATE FUNCTION period_to(p periods) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
    SELECT (p.ends_on + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
$$;

CREATE FUNCTION period_json(p periods) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT json_build_object('id', p.id, 'code', p.code, 'name', p.name,
        'starts_on', p.starts_on, 'ends_on', p.ends_on,
        'report_deadline', p.report_deadline,
        'consolidation_deadline', p.consolidation_deadline, 'version', p.version)
$$;

CREATE FUNCTION training_json(t trainings) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT json_build_object('id', t.id, 'title', t.title, 'round', t.round,
        'starts_at', t.starts_at, 'format', t.format, 'link', t.link, 'contents', t.contents,
        'minutes', t.minutes, 'version', t.version, 'created_at', t.created_at,
        'organizer', (SELECT json_build_object('id', u.id, 'code', u.code, 'name', u.name)
                      FROM units u WHERE u.id = t.unit_id),
        'fields', coalesce((SELECT json_agg(f.field_slug ORDER BY f.field_slug)
                            FROM training_fields f WHERE f.training_id = t.id), '[]'::json),
        'attendance', coalesce((SELECT json_agg(json_build_object('commune_id', a.commune_id,
                 'name', u.name, 'participants', a.participants) ORDER BY u.position)
                 FROM training_attendance a JOIN units u ON u.id = a.commune_id
                 WHERE a.training_id = t.id), '[]'::json),
        'participants_total', (SELECT coalesce(sum(participants), 0) FROM training_attendance
                               WHERE training_id = t.id),
        'communes_total', (SELECT count(*) FROM training_attendance WHERE training_id = t.id),
        'answered_issues', coalesce((SELECT json_agg(json_build_object('id', i.id, 'code',
                 i.code, 'title', i.title, 'state', i.state) ORDER BY i.id)
                 FROM training_issues ti JOIN issues i ON i.id = ti.issue_id
                 WHERE ti.training_id = t.id), '[]'::json),
        'recommendations', coalesce((SELECT json_agg(json_build_object('id', i.id, 'code',
                 i.code, 'title', i.title, 'commune_id', i.commune_id, 'state', i.state)
                 ORDER BY i.id) FROM issues i WHERE i.training_id = t.id), '[]'::json))
$$;

-- A department's figures and lists for a period, compiled from the data (never typed).
CREATE FUNCTION report_compile(p_period integer, p_unit integer) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    WITH p AS (SELECT * FROM periods WHERE id = p_period),
    w AS (SELECT period_from(p) AS t0, period_to(p) AS t1 FROM p),
    tr AS (SELECT t.* FROM trainings t, w WHERE t.unit_id = p_unit
           AND t.starts_at >= w.t0 AND t.starts_at < w.t1),
    -- Raised with the department as lead, or rerouted to it, in the period (two indexed
    -- lookups rather than one OR that would scan every issue).
    received AS (SELECT i.* FROM issues i, w WHERE i.lead_unit_id = p_unit
                   AND i.created_at >= w.t0 AND i.created_at < w.t1
                 UNION
                 SELECT i.* FROM issues i JOIN issue_events e ON e.issue_id = i.id, w
                 WHERE e.action = 'reroute' AND e.at >= w.t0 AND e.at < w.t1
                   AND (e.data ->> 'unit_id')::integer = p_unit),
    resolved AS (SELECT DISTINCT ON (i.id) i.*, e.at AS done_at FROM issues i
           JOIN issue_events e ON e.issue_id = i.id, w
           WHERE e.unit_id = p_unit AND e.action = 'answer' AND e.at >= w.t0 AND e.at < w.t1
           ORDER BY i.id, e.at DESC),
    higher AS (SELECT DISTINCT ON (i.id) i.*, e.at AS escalated_at FROM issues i
           JOIN issue_events e ON e.issue_id = i.id, w
           WHERE e.unit_id = p_unit AND e.action = 'escalate' AND e.at >= w.t0 AND e.at < w.t1
           ORDER BY i.id, e.at DESC)
    SELECT jsonb_build_object(
        'period', (SELECT period_json(p) FROM p),
        'unit', (SELECT jsonb_build_object('id', u.id, 'code', u.code, 'name', u.name)
                 FROM units u WHERE u.id = p_unit),
        'figures', jsonb_build_object(
            'trainings', (SELECT count(*) FROM tr),
            'participants', (SELECT coalesce(sum(a.participants), 0) FROM training_attendance a
                             WHERE a.training_id IN (SELECT id FROM tr)),
            'communes_attended', (SELECT count(DISTINCT a.commune_id) FROM training_attendance a
                                  WHERE a.training_id IN (SELECT id FROM tr)),
            'received', (SELECT count(*) FROM received),
            'resolved', (SELECT count(*) FROM resolved),
            'higher', (SELECT count(*) FROM higher)),
        'trainings', coalesce((SELECT jsonb_agg(jsonb_build_object('id', t.id, 'title', t.title,
            'round', t.round, 'starts_at', t.starts_at, 'format', t.format,
            'participants', (SELECT coalesce(sum(participants), 0) FROM training_attendance
                             WHERE training_id = t.id),
            'communes', (SELECT count(*) FROM training_attendance WHERE training_id = t.id))
            ORDER BY t.starts_at, t.id) FROM tr t), '[]'::jsonb),
        'received', coalesce((SELECT jsonb_agg(jsonb_build_object('id', r.id, 'code', r.code,
            'title', r.title, 'commune', (SELECT name FROM units WHERE id = r.commune_id),
            'field', (SELECT name FROM fields WHERE slug = r.field_slug), 'kind', r.kind,
            'state', r.state, 'created_at', r.created_at)
            ORDER BY r.id) FROM received r), '[]'::jsonb),
        'resolved', coalesce((SELECT jsonb_agg(jsonb_build_object('id', r.id, 'code', r.code,
            'title', r.title, 'commune', (SELECT name FROM units WHERE id = r.commune_id),
            'answer', r.answer, 'legal_basis', r.legal_basis, 'answered_at', r.done_at)
            ORDER BY r.id) FROM resolved r), '[]'::jsonb),
        'higher', coalesce((SELECT jsonb_agg(jsonb_build_object('id', h.id, 'code', h.code,
            'title', h.title, 'commune', (SELECT name FROM units WHERE id = h.commune_id),
            'state', h.state, 'level', h.level,
            'holder', (SELECT name FROM units WHERE id = h.holder_unit_id),
            'escalated_at', h.escalated_at) ORDER BY h.id) FROM higher h), '[]'::jsonb))
$$;

-- The state of each department's report for a period, for the compliance board.
CREATE FUNCTION compliance_json(p_period integer) RETURNS jsonb LANGUAGE sql STABLE AS $$
    WITH p AS (SELECT * FROM periods WHERE id = p_period),
    d AS (SELECT u.* FROM units u WHERE u.kind = 'department'),
    latest AS (SELECT DISTINCT ON (r.unit_id) r.unit_id, r.state, r.updated_at, v.number,
                      v.submitted_at, v.late_seconds, v.returned_at, v.return_reason
               FROM reports r LEFT JOIN report_versions v ON v.report_id = r.id
               WHERE r.period_id = p_period
               ORDER BY r.unit_id, v.number DESC NULLS LAST)
    SELECT jsonb_build_object(
        'period', (SELECT period_json(p) FROM p),
        'now', now(),
        'items', coalesce(jsonb_agg(jsonb_build_object(
            'unit', jsonb_build_object('id', d.id, 'code', d.code, 'name', d.name),
            'status', CASE
                WHEN l.state = 'returned' THEN 'returned'
                WHEN l.state = 'submitted' AND l.late_seconds > 0 THEN 'late'
                WHEN l.state = 'submitted' THEN 'on_time'
                WHEN now() >= (SELECT report_deadline FROM p) THEN 'missing'
                WHEN l.state = 'draft' THEN 'draft'
                ELSE 'not_started' END,
            'version', l.number, 'submitted_at', l.submitted_at,
            'late_seconds', l.late_seconds, 'returned_at', l.returned_at,
            'return_reason', l.return_reason) ORDER BY d.position), '[]'::jsonb))
    FROM d LEFT JOIN latest l ON l.unit_id = d.id
$$;

-- The consolidated report compiled from every department's latest submitted snapshot.
CREATE FUNCTION consolidated_compile(p_period integer) RETURNS jsonb LANGUAGE sql STABLE AS $$
    WITH snaps AS (SELECT DISTINCT ON (r.unit_id) v.snapshot
                   FROM reports r JOIN report_versions v ON v.report_id = r.id
                   WHERE r.period_id = p_period AND r.state = 'submitted'
                   ORDER BY r.unit_id, v.number DESC),
    fig AS (SELECT key, sum(value::text::bigint) AS total
            FROM snaps, jsonb_each(snaps.snapshot -> 'figures') GROUP BY key)
    SELECT jsonb_build_object(
        'period', (SELECT period_json(p) FROM periods p WHERE p.id = p_period),
        'totals', jsonb_build_object(
            'trainings', coalesce((SELECT total FROM fig WHERE key = 'trainings'), 0),
            'participants', coalesce((SELECT total FROM fig WHERE key = 'participants'), 0),
            'communes_attended', coalesce((SELECT total FROM fig WHERE key = 'communes_attended'), 0),
            'received', coalesce((SELECT total FROM fig WHERE key = 'received'), 0),
            'resolved', coalesce((SELECT total FROM fig WHERE key = 'resolved'), 0),
            'higher', coalesce((SELECT total FROM fig WHERE key = 'higher'), 0),
            'departments_reported', (SELECT count(*) FROM snaps)),
        'departments', coalesce((SELECT jsonb_agg(s.snapshot ORDER BY (s.snapshot -> 'unit' ->> 'id')::integer)
                                 FROM snaps s), '[]'::jsonb),
        'compliance', compliance_json(p_period) -> 'items',
        'higher', coalesce((SELECT jsonb_agg(h ORDER BY (h ->> 'id')::integer)
                            FROM snaps s, jsonb_array_elements(s.snapshot -> 'higher') h), '[]'::jsonb),
        'other_proposals', coalesce((SELECT jsonb_agg(jsonb_build_object('unit', s.snapshot -> 'unit',
                 'text', s.snapshot -> 'narrative' ->> 'other'))
                 FROM snaps s WHERE coalesce(s.snapshot -> 'narrative' ->> 'other', '') <> ''),
                 '[]'::jsonb))
$$;

-- Creates (p_id NULL) or updates a training from its JSON: title, round, starts_at, format,
-- link, contents, minutes, fields [slug], attendance [{commune_id, participants}],
-- answered_issue_ids [id]. Only the organizing department may change it.
CREATE FUNCTION training_save(p_id integer, p_actor integer, p_unit integer, p_version integer,
                              p_in jsonb)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    t trainings;
    tid integer := p_id;
    a jsonb;
    f text;
    iid integer;
BEGIN
    IF tid IS NULL THEN
        INSERT INTO trainings (unit_id, title, round, starts_at, format, link, contents,
                               minutes, created_by)
        VALUES (p_unit, p_in ->> 'title', (p_in ->> 'round')::integer,
                (p_in ->> 'starts_at')::timestamptz, p_in ->> 'format',
                nullif(p_in ->> 'link', ''), coalesce(p_in ->> 'contents', ''),
                coalesce(p_in ->> 'minutes', ''), p_actor)
        RETURNING id INTO tid;
    ELSE
        SELECT * INTO t FROM trainings WHERE id = tid FOR UPDATE;
        IF NOT FOUND THEN
            PERFORM raise_rule('training_not_found', NULL);
        END IF;
        IF t.unit_id <> p_unit THEN
            PERFORM raise_rule('training_not_yours', NULL);
        END IF;
        IF p_version IS NOT NULL AND p_version <> t.version THEN
            PERFORM raise_rule('stale_version', json_build_object('version', t.version));
        END IF;
        UPDATE trainings SET
            title = coalesce(p_in ->> 'title', title),
            round = coalesce((p_in ->> 'round')::integer, round),
            starts_at = coalesce((p_in ->> 'starts_at')::timestamptz, starts_at),
            format = coalesce(p_in ->> 'format', format),
            link = CASE WHEN p_in ? 'link' THEN nullif(p_in ->> 'link', '') ELSE link END,
            contents = coalesce(p_in ->> 'contents', contents),
            minutes = coalesce(p_in ->> 'minutes', minutes),
            version = version + 1, updated_at = now()
        WHERE id = tid;
    END IF;
    IF p_in ? 'fields' THEN
        DELETE FROM training_fields WHERE training_id = tid;
        FOR f IN SELECT jsonb_array_elements_text(p_in -> 'fields') LOOP
            IF NOT EXISTS (SELECT 1 FROM fields WHERE slug = f) THEN
                PERFORM raise_rule('unknown_field', json_build_object('field', f));
            END IF;
            INSERT INTO training_fields VALUES (tid, f) ON CONFLICT DO NOTHING;
        END LOOP;
    END IF;
    IF p_in ? 'attendance' THEN
        DELETE FROM training_attendance WHERE training_id = tid;
        FOR a IN SELECT jsonb_array_elements(p_in -> 'attendance') LOOP
            IF NOT EXISTS (SELECT 1 FROM units WHERE id = (a ->> 'commune_id')::integer
                           AND kind = 'commune') THEN
                PERFORM raise_rule('invalid_commune', json_build_object('commune_id', a -> 'commune_id'));
            END IF;
            INSERT INTO training_attendance VALUES (tid, (a ->> 'commune_id')::integer,
                                                    (a ->> 'participants')::integer);
        END LOOP;
    END IF;
    IF p_in ? 'answered_issue_ids' THEN
        DELETE FROM training_issues WHERE training_id = tid;
        FOR iid IN SELECT jsonb_array_elements_text(p_in -> 'answered_issue_ids')::integer LOOP
            IF NOT EXISTS (SELECT 1 FROM issues i WHERE i.id = iid
                           AND (i.lead_unit_id = p_unit OR i.answered_by_unit = p_unit
                                OR i.holder_unit_id = p_unit)) THEN
                PERFORM raise_rule('invalid_issue', json_build_object('issue_id', iid));
            END IF;
            INSERT INTO training_issues VALUES (tid, iid);
        END LOOP;
    END IF;
    RETURN tid;
END $$;

-- Recommendations collected in a training, raised as issues attributed to their communes in
-- one step: [{commune_id, title, description, field, kind, lead_unit_id?}].
CREATE FUNCTION training_recommendations(p_training integer, p_actor integer, p_unit integer,
                                         p_items jsonb)
RETURNS integer[] LANGUAGE plpgsql AS $$
DECLARE
    it jsonb;
    ids integer[] := '{}';
    new_id integer;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM trainings WHERE id = p_training AND unit_id = p_unit) THEN
        PERFORM raise_rule('training_not_found', NULL);
    END IF;
    FOR it IN SELECT jsonb_array_elements(p_items) LOOP
        IF NOT EXISTS (SELECT 1 FROM training_attendance WHERE training_id = p_training
                       AND commune_id = (it ->> 'commune_id')::integer) THEN
            PERFORM raise_rule('commune_not_attending', json_build_object('commune_id', it -> 'commune_id'));
        END IF;
        new_id := issue_create(p_actor, (it ->> 'commune_id')::integer, it ->> 'title',
            it ->> 'description', it ->> 'field', (it ->> 'kind')::issue_kind,
            coalesce((it ->> 'lead_unit_id')::integer,
                     CASE WHEN EXISTS (SELECT 1 FROM unit_fields WHERE unit_id = p_unit
                                       AND field_slug = it ->> 'field') THEN p_unit END),
            NULL);
        UPDATE issues SET training_id = p_training WHERE id = new_id;
        INSERT INTO issue_events (issue_id, actor_id, unit_id, action, data)
        VALUES (new_id, p_actor, p_unit, 'collected_in_training',
                jsonb_build_object('training_id', p_training));
        ids := ids || new_id;
    END LOOP;
    RETURN ids;
END $$;

-- The report as one department sees it: live figures, its narrative, every frozen version.
CREATE FUNCTION report_json(p_period integer, p_unit integer, p_with_draft boolean)
RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'period', (SELECT period_json(p) FROM periods p WHERE p.id = p_period),
        'unit', (SELECT jsonb_build_object('id', u.id, 'code', u.code, 'name', u.name)
                 FROM units u WHERE u.id = p_unit),
        'state', coalesce(r.state, 'draft'),
        'version', coalesce(r.version, 0),
        'narrative', CASE WHEN p_with_draft THEN coalesce(r.narrative, '{}') END,
        'compiled', CASE WHEN p_with_draft THEN report_compile(p_period, p_unit) END,
        'updated_at', r.updated_at,
        'versions', coalesce((SELECT jsonb_agg(jsonb_build_object('number', v.number,
            'submitted_at', v.submitted_at, 'late_seconds', v.late_seconds,
            'submitted_by', (SELECT full_name FROM users WHERE id = v.submitted_by),
            'returned_at', v.returned_at, 'return_reason', v.return_reason,
            'snapshot', v.snapshot) ORDER BY v.number)
            FROM report_versions v WHERE v.report_id = r.id), '[]'::jsonb))
    FROM (SELECT 1) one LEFT JOIN reports r ON r.period_id = p_period AND r.unit_id = p_unit
$$;

CREATE FUNCTION report_save(p_period integer, p_unit integer, p_actor integer, p_version integer,
                            p_narrative jsonb)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    r reports;
    created boolean;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM periods WHERE id = p_period) THEN
        PERFORM raise_rule('period_not_found', NULL);
    END IF;
    INSERT INTO reports (period_id, unit_id) VALUES (p_period, p_unit)
    ON CONFLICT (period_id, unit_id) DO NOTHING;
    created := FOUND;
    SELECT * INTO r FROM reports WHERE period_id = p_period AND unit_id = p_unit FOR UPDATE;
    IF r.state = 'submitted' THEN
        PERFORM raise_rule('report_submitted', NULL);
    END IF;
    -- A report never saved shows version 0: the first save may say so.
    IF p_version IS NOT NULL AND p_version <> r.version AND NOT (created AND p_version = 0) THEN
        PERFORM raise_rule('stale_version', json_build_object('version', r.version));
    END IF;
    UPDATE reports SET narrative = p_narrative, version = version + 1, updated_at = now(),
        updated_by = p_actor WHERE id = r.id;
END $$;

-- Freezes what is sent: the compiled figures and lists with the narrative, as a new version.
-- "Before 09:00" means a submission at 09:00:00 is already late.
CREATE FUNCTION report_submit(p_period integer, p_unit integer, p_actor integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    r reports;
    p periods;
    n integer;
BEGIN
    SELECT * INTO p FROM periods WHERE id = p_period;
    IF NOT FOUND THEN
        PERFORM raise_rule('period_not_found', NULL);
    END IF;
    INSERT INTO reports (period_id, unit_id) VALUES (p_period, p_unit)
    ON CONFLICT (period_id, unit_id) DO NOTHING;
    SELECT * INTO r FROM reports WHERE period_id = p_period AND unit_id = p_unit FOR UPDATE;
    IF r.state = 'submitted' THEN
        PERFORM raise_rule('report_submitted', NULL);
    END IF;
    n := coalesce((SELECT max(number) FROM report_versions WHERE report_id = r.id), 0) + 1;
    INSERT INTO report_versions (report_id, number, snapshot, submitted_by, late_seconds)
    VALUES (r.id, n, report_compile(p_period, p_unit) || jsonb_build_object('narrative',
            r.narrative, 'version', n, 'submitted_at', now()), p_actor,
            CASE WHEN now() >= p.report_deadline
                 THEN greatest(1, extract(epoch FROM now() - p.report_deadline)::integer)
                 ELSE 0 END);
    UPDATE reports SET state = 'submitted', version = version + 1, updated_at = now()
    WHERE id = r.id;
    PERFORM notify_unit((SELECT id FROM units WHERE kind = 'department' AND code = 'SNV'), NULL,
        'new_issue', (SELECT name FROM units WHERE id = p_unit) || ' đã gửi báo cáo ' || p.name);
    RETURN n;
END $$;

CREATE FUNCTION report_return(p_period integer, p_unit integer, p_actor integer, p_reason text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    r reports;
BEGIN
    SELECT * INTO r FROM reports WHERE period_id = p_period AND unit_id = p_unit FOR UPDATE;
    IF NOT FOUND OR r.state <> 'submitted' THEN
        PERFORM raise_rule('report_not_submitted', NULL);
    END IF;
    UPDATE report_versions SET returned_at = now(), returned_by = p_actor, return_reason = p_reason
    WHERE report_id = r.id AND number = (SELECT max(number) FROM report_versions WHERE report_id = r.id);
    UPDATE reports SET state = 'returned', version = version + 1, updated_at = now() WHERE id = r.id;
    PERFORM notify_unit(p_unit, NULL, 'returned', 'Sở Nội vụ trả lại báo cáo: ' || left(p_reason, 200));
END $$;

CREATE FUNCTION consolidated_json(p_period integer, p_live boolean) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'period', (SELECT period_json(p) FROM periods p WHERE p.id = p_period),
        'narrative', CASE WHEN p_live THEN coalesce(c.narrative, '{}') END,
        'version', coalesce(c.version, 0),
        'compiled', CASE WHEN p_live THEN consolidated_compile(p_period) END,
        'versions', coalesce((SELECT jsonb_agg(jsonb_build_object('number', v.number,
            'submitted_at', v.submitted_at, 'late_seconds', v.late_seconds,
            'submitted_by', (SELECT full_name FROM users WHERE id = v.submitted_by),
            'snapshot', v.snapshot) ORDER BY v.number)
            FROM consolidated_versions v WHERE v.consolidated_id = c.id), '[]'::jsonb))
    FROM (SELECT 1) one LEFT JOIN consolidated_reports c ON c.period_id = p_period
$$;

CREATE FUNCTION consolidated_save(p_period integer, p_actor integer, p_version integer,
                                  p_narrative jsonb)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    c consolidated_reports;
    created boolean;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM periods WHERE id = p_period) THEN
        PERFORM raise_rule('period_not_found', NULL);
    END IF;
    INSERT INTO consolidated_reports (period_id) VALUES (p_period) ON CONFLICT DO NOTHING;
    created := FOUND;
    SELECT * INTO c FROM consolidated_reports WHERE period_id = p_period FOR UPDATE;
    IF p_version IS NOT NULL AND p_version <> c.version AND NOT (created AND p_version = 0) THEN
        PERFORM raise_rule('stale_version', json_build_object('version', c.version));
    END IF;
    UPDATE consolidated_reports SET narrative = p_narrative, version = version + 1,
        updated_at = now(), updated_by = p_actor WHERE id = c.id;
END $$;

CREATE FUNCTION consolidated_submit(p_period integer, p_actor integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    c consolidated_reports;
    p periods;
    n integer;
BEGIN
    SELECT * INTO p FROM periods WHERE id = p_period;
    IF NOT FOUND THEN
        PERFORM raise_rule('period_not_found', NULL);
    END IF;
    INSERT INTO consolidated_reports (period_id) VALUES (p_period) ON CONFLICT DO NOTHING;
    SELECT * INTO c FROM consolidated_reports WHERE period_id = p_period FOR UPDATE;
    n := coalesce((SELECT max(number) FROM consolidated_versions WHERE consolidated_id = c.id), 0) + 1;
    INSERT INTO consolidated_versions (consolidated_id, number, snapshot, submitted_by, late_seconds)
    VALUES (c.id, n, consolidated_compile(p_period) || jsonb_build_object('narrative',
            c.narrative, 'version', n, 'submitted_at', now()), p_actor,
            CASE WHEN now() >= p.consolidation_deadline
                 THEN greatest(1, extract(epoch FROM now() - p.consolidation_deadline)::integer)
                 ELSE 0 END);
    UPDATE consolidated_reports SET version = version + 1, updated_at = now() WHERE id = c.id;
    RETURN n;
END $$;
