-- Deterministic test data at real size, loaded through SQL in minutes (ops/gen-data).
-- Variables (psql -v): scale = 'province' (one year of Thanh Hóa: ~50,000 issues) or
-- 'national' (about 3,300 communes and a million issues); seed (0..1) for repeatability.
-- Everything generated is marked so it can be told from real data: users 'gen.*', issue
-- titles starting with '[gen]'.
\set ON_ERROR_STOP on
SELECT setseed(:seed);

-- National scale: 3,134 more communes under UBND tỉnh (ids from 900000), so 3,300 in all.
INSERT INTO units (id, kind, code, name, commune_type, parent_id, position)
SELECT 900000 + g, 'commune', lpad((40000 + g)::text, 5, '0'), 'Xã Mẫu ' || g, 'xã', 21, 1000 + g
FROM generate_series(1, CASE WHEN :'scale' = 'national' THEN 3134 ELSE 0 END) g
ON CONFLICT (id) DO NOTHING;

-- One commune officer per commune and one officer per department, all with the demo
-- password (copied from an existing demo account's hash).
INSERT INTO users (username, full_name, role, unit_id, password_hash, must_change_password, demo)
SELECT 'gen.xa' || u.id, 'Cán bộ ' || u.name, 'commune_officer', u.id,
       (SELECT password_hash FROM users WHERE username = 'xa.hacthanh'), false, true
FROM units u WHERE u.kind = 'commune'
ON CONFLICT ((lower(username))) DO NOTHING;
INSERT INTO users (username, full_name, role, unit_id, password_hash, must_change_password, demo)
SELECT 'gen.so' || u.id, 'Chuyên viên ' || u.name, 'department_officer', u.id,
       (SELECT password_hash FROM users WHERE username = 'xa.hacthanh'), false, true
FROM units u WHERE u.kind = 'department'
ON CONFLICT ((lower(username))) DO NOTHING;

-- Fields with the department that leads them.
CREATE TEMP TABLE gen_fields AS
SELECT row_number() OVER (ORDER BY f.position) AS n, f.slug,
       (SELECT uf.unit_id FROM unit_fields uf JOIN units un ON un.id = uf.unit_id
        WHERE uf.field_slug = f.slug AND un.kind = 'department' ORDER BY un.position LIMIT 1) AS lead
FROM fields f;
DELETE FROM gen_fields WHERE lead IS NULL;
CREATE TEMP TABLE gen_communes AS
SELECT row_number() OVER (ORDER BY u.id) AS n, u.id,
       (SELECT us.id FROM users us WHERE lower(us.username) = 'gen.xa' || u.id) AS user_id
FROM units u WHERE u.kind = 'commune';
CREATE UNIQUE INDEX ON gen_communes (n);
CREATE TEMP TABLE gen_dept_users AS
SELECT u.id AS unit_id, (SELECT us.id FROM users us WHERE lower(us.username) = 'gen.so' || u.id) AS user_id
FROM units u WHERE u.kind = 'department';
CREATE UNIQUE INDEX ON gen_dept_users (unit_id);
ANALYZE gen_fields; ANALYZE gen_communes; ANALYZE gen_dept_users;

-- Issues over the past year, with a realistic spread of states.
CREATE TEMP TABLE gen_issues AS
SELECT g AS n,
       now() - (random() * interval '365 days') AS created_at,
       1 + floor(random() * (SELECT count(*) FROM gen_communes))::int AS cn,
       1 + floor(random() * (SELECT count(*) FROM gen_fields))::int AS fn,
       random() AS r, random() AS r2, random() AS r3
FROM generate_series(1, CASE WHEN :'scale' = 'national' THEN 1000000 ELSE 50000 END) g;

-- The issues go in with their scope rows (migration 0007) written in bulk afterwards, all
-- in one transaction: the per-row trigger that keeps issue_scope in step is made for one
-- issue at a time, and queued a million times after one statement it slowed with every row
-- (stopped after 18 minutes at about ten rows a second). If anything fails, the whole block
-- rolls back with the trigger switched on again.
BEGIN;
ALTER TABLE issues DISABLE TRIGGER issue_scope_insert;
INSERT INTO issues (code, title, description, field_slug, kind, commune_id, holder_unit_id,
                    lead_unit_id, state, level, held_since, due_date, answer, legal_basis,
                    answered_at, answered_by_unit, shareable, closed_at, created_by, created_at,
                    updated_at)
SELECT issue_code_next((g.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date),
       '[gen] Vướng mắc ' || (ARRAY['về thủ tục', 'trong thực hiện', 'khi áp dụng', 'về thẩm quyền',
           'về hồ sơ'])[1 + (g.n % 5)] || ' ' || f.slug || ' số ' || g.n,
       'Xã đề nghị hướng dẫn cụ thể về ' || replace(f.slug, '-', ' ')
           || ' theo quy định hiện hành, trường hợp ' || g.n || '.',
       f.slug, CASE WHEN g.r3 < 0.6 THEN 'difficulty' ELSE 'proposal' END::issue_kind,
       c.id,
       CASE s.state WHEN 'answered' THEN c.id WHEN 'closed' THEN c.id
                    WHEN 'returned' THEN c.id WHEN 'withdrawn' THEN c.id
                    WHEN 'escalated_province' THEN 21 WHEN 'escalated_central' THEN 8
                    ELSE f.lead END,
       f.lead, s.state::issue_state,
       CASE s.state WHEN 'answered' THEN 'commune' WHEN 'closed' THEN 'commune'
                    WHEN 'returned' THEN 'commune' WHEN 'withdrawn' THEN 'commune'
                    WHEN 'escalated_province' THEN 'province' WHEN 'escalated_central' THEN 'central'
                    ELSE 'department' END,
       g.created_at + interval '1 hour',
       (g.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 14,
       CASE WHEN s.state IN ('answered', 'closed') THEN 'Thực hiện theo hướng dẫn tại văn bản số '
            || (g.n % 900 + 100) || '/HD-UBND.' END,
       CASE WHEN s.state IN ('answered', 'closed') THEN (g.n % 900 + 100) || '/HD-UBND' END,
       CASE WHEN s.state IN ('answered', 'closed') THEN g.created_at + (1 + g.r2 * 19) * interval '1 day' END,
       CASE WHEN s.state IN ('answered', 'closed') THEN f.lead END,
       s.state IN ('answered', 'closed') AND g.r3 < 0.3,
       CASE WHEN s.state IN ('closed', 'withdrawn') THEN g.created_at + (3 + g.r2 * 25) * interval '1 day' END,
       c.user_id, g.created_at, g.created_at
FROM gen_issues g
JOIN gen_fields f ON f.n = g.fn
JOIN gen_communes c ON c.n = g.cn
CROSS JOIN LATERAL (SELECT CASE
    WHEN g.created_at > now() - interval '7 days' AND g.r < 0.6 THEN 'submitted'
    WHEN g.r < 0.55 THEN 'closed' WHEN g.r < 0.70 THEN 'answered'
    WHEN g.r < 0.80 THEN 'in_progress' WHEN g.r < 0.86 THEN 'submitted'
    WHEN g.r < 0.90 THEN 'escalated_province' WHEN g.r < 0.92 THEN 'escalated_central'
    WHEN g.r < 0.96 THEN 'returned' ELSE 'withdrawn' END AS state) s;
ALTER TABLE issues ENABLE TRIGGER issue_scope_insert;
INSERT INTO issue_scope (unit_id, id, due_date, created_at, state, field_slug, kind, level,
                         commune_id, holder_unit_id, group_id)
SELECT DISTINCT r.unit_id, i.id, i.due_date, i.created_at, i.state, i.field_slug, i.kind,
       i.level, i.commune_id, i.holder_unit_id, i.group_id
FROM issues i CROSS JOIN LATERAL (
    SELECT i.holder_unit_id UNION ALL SELECT i.lead_unit_id
    UNION ALL SELECT i.answered_by_unit WHERE i.answered_by_unit IS NOT NULL
    UNION ALL SELECT u.unit_id FROM issue_supporting_units u WHERE u.issue_id = i.id) r (unit_id)
WHERE i.title LIKE '[gen]%'
ON CONFLICT (unit_id, id) DO NOTHING;
COMMIT;

-- Their events: created, then what happened to them.
INSERT INTO issue_events (issue_id, at, actor_id, unit_id, action, from_state, to_state)
SELECT i.id, i.created_at, i.created_by, i.commune_id, 'created', NULL, 'submitted'
FROM issues i WHERE i.title LIKE '[gen]%'
  AND NOT EXISTS (SELECT 1 FROM issue_events e WHERE e.issue_id = i.id);
INSERT INTO issue_events (issue_id, at, actor_id, unit_id, action, from_state, to_state)
SELECT i.id, i.created_at + interval '1 hour', (SELECT user_id FROM gen_dept_users WHERE unit_id = i.lead_unit_id),
       i.lead_unit_id, 'accept', 'submitted', 'in_progress'
FROM issues i WHERE i.title LIKE '[gen]%' AND i.state NOT IN ('submitted', 'withdrawn', 'returned')
  AND NOT EXISTS (SELECT 1 FROM issue_events e WHERE e.issue_id = i.id AND e.action = 'accept');
INSERT INTO issue_events (issue_id, at, actor_id, unit_id, action, from_state, to_state, note)
SELECT i.id, i.answered_at, (SELECT user_id FROM gen_dept_users WHERE unit_id = i.lead_unit_id),
       i.lead_unit_id, 'answer', 'in_progress', 'answered', i.answer
FROM issues i WHERE i.title LIKE '[gen]%' AND i.answered_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM issue_events e WHERE e.issue_id = i.id AND e.action = 'answer');
INSERT INTO issue_events (issue_id, at, actor_id, unit_id, action, from_state, to_state)
SELECT i.id, i.closed_at, i.created_by, i.commune_id,
       CASE i.state WHEN 'closed' THEN 'confirm' ELSE 'withdraw' END,
       (CASE i.state WHEN 'closed' THEN 'answered' ELSE 'submitted' END)::issue_state, i.state
FROM issues i WHERE i.title LIKE '[gen]%' AND i.closed_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM issue_events e WHERE e.issue_id = i.id
                  AND e.action IN ('confirm', 'withdraw'));
INSERT INTO issue_events (issue_id, at, actor_id, unit_id, action, from_state, to_state, note)
SELECT i.id, i.created_at + interval '3 days', (SELECT user_id FROM gen_dept_users WHERE unit_id = i.lead_unit_id),
       i.lead_unit_id, 'escalate', 'in_progress', 'escalated_province', 'Vượt thẩm quyền'
FROM issues i WHERE i.title LIKE '[gen]%' AND i.state IN ('escalated_province', 'escalated_central')
  AND NOT EXISTS (SELECT 1 FROM issue_events e WHERE e.issue_id = i.id AND e.action = 'escalate');

-- Trainings: each department about twice a week, with 10–40 communes attending.
INSERT INTO trainings (unit_id, title, round, starts_at, format, link, contents, created_by)
SELECT d.id, '[gen] Hội nghị tập huấn ' || d.code || ' tuần ' || w, w,
       now() - (w * interval '3.5 days') + interval '2 hours', 'online',
       'https://hop.thanhhoa.gov.vn/' || d.code || '/' || w, 'Hướng dẫn nghiệp vụ',
       (SELECT user_id FROM gen_dept_users WHERE unit_id = d.id)
FROM units d, generate_series(1, 104) w
WHERE d.kind = 'department'
  AND NOT EXISTS (SELECT 1 FROM trainings t WHERE t.title = '[gen] Hội nghị tập huấn ' || d.code || ' tuần ' || w);
INSERT INTO training_attendance (training_id, commune_id, participants)
SELECT t.id, c.id, 1 + (abs(hashint4(t.id * 7919 + c.id)) % 8)
FROM trainings t
JOIN gen_communes c ON abs(hashint4(t.id * 31 + c.id::int)) % (SELECT count(*) FROM gen_communes) < 10 + abs(hashint4(t.id)) % 31
WHERE t.title LIKE '[gen]%'
ON CONFLICT DO NOTHING;

-- Reports for the past 52 weekly periods: nine departments in ten submit, most on time.
INSERT INTO reports (period_id, unit_id, state, narrative)
SELECT p.id, d.id, 'submitted', jsonb_build_object('other', 'Không có đề xuất khác.')
FROM periods p, units d
WHERE d.kind = 'department' AND p.report_deadline < now()
  AND p.report_deadline > now() - interval '365 days'
  AND abs(hashint4(p.id * 101 + d.id)) % 10 <> 0
ON CONFLICT (period_id, unit_id) DO NOTHING;
INSERT INTO report_versions (report_id, number, snapshot, submitted_at, submitted_by, late_seconds)
SELECT r.id, 1, report_compile(r.period_id, r.unit_id) || jsonb_build_object('narrative', r.narrative,
       'version', 1), p.report_deadline - interval '2 hours',
       (SELECT user_id FROM gen_dept_users WHERE unit_id = r.unit_id),
       CASE WHEN abs(hashint4(r.id)) % 8 = 0 THEN 3600 ELSE 0 END
FROM reports r JOIN periods p ON p.id = r.period_id
WHERE NOT EXISTS (SELECT 1 FROM report_versions v WHERE v.report_id = r.id);

-- The statistics' day counts (migration 0015): the deltas the loads above wrote, folded as the
-- maintenance process does every minute on a live system.
SELECT stats_days_fold() AS stats_day_deltas_folded;
-- Statistics for the planner, and the visibility map that index-only scans rely on (what
-- autovacuum keeps up to date on a live system).
VACUUM (ANALYZE) issues, issue_scope, issue_events, issue_list_counts, stats_days, stats_day_deltas;
ANALYZE;
SELECT (SELECT count(*) FROM issues) AS issues, (SELECT count(*) FROM issue_events) AS events,
       (SELECT count(*) FROM trainings) AS trainings,
       (SELECT count(*) FROM training_attendance) AS attendance,
       (SELECT count(*) FROM report_versions) AS report_versions,
       (SELECT count(*) FROM units WHERE kind = 'commune') AS communes;
