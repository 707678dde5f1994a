/* Every SQL statement the workers run, by name. They are prepared once per connection; JSON
 * for lists is built by PostgreSQL and passed through untouched. */
#ifndef TS_STATEMENTS_H
#define TS_STATEMENTS_H

/* X(enum name, number of parameters, SQL) */
#define DB_STATEMENTS(X)                                                                           \
	X(STMT_PING, 0, "SELECT 1")                                                                \
	X(STMT_MAINTENANCE, 0, "SELECT issues_maintenance()")                                      \
	X(STMT_MAINTENANCE_FOLD, 0, "SELECT issue_list_counts_fold(), stats_days_fold()")          \
	X(STMT_UNITS_LIST, 2,                                                                      \
	  "SELECT json_build_object('items', coalesce(json_agg(json_build_object("                 \
	  " 'id', un.id, 'kind', un.kind, 'code', un.code, 'name', un.name,"                       \
	  " 'commune_type', un.commune_type, 'parent_id', un.parent_id,"                           \
	  " 'fields', coalesce((SELECT json_agg(uf.field_slug ORDER BY f.position)"                \
	  "   FROM unit_fields uf JOIN fields f ON f.slug = uf.field_slug"                         \
	  "   WHERE uf.unit_id = un.id), '[]'::json))"                                             \
	  " ORDER BY array_position(ARRAY['commune','department','province','central']"            \
	  "   ::unit_kind[], un.kind), un.position, un.id), '[]'::json),"                          \
	  " 'total', count(*))::text FROM units un"                                                \
	  " WHERE ($1::unit_kind IS NULL OR un.kind = $1::unit_kind)"                              \
	  " AND ($2::integer IS NULL OR un.parent_id = $2::integer)")                              \
	X(STMT_UNIT_GET, 1,                                                                        \
	  "SELECT json_build_object('id', un.id, 'kind', un.kind, 'code', un.code,"                \
	  " 'name', un.name, 'commune_type', un.commune_type, 'parent_id', un.parent_id,"          \
	  " 'merged_from', un.merged_from,"                                                        \
	  " 'parent', (SELECT json_build_object('id', p.id, 'kind', p.kind, 'name', p.name)"       \
	  "   FROM units p WHERE p.id = un.parent_id),"                                            \
	  " 'fields', coalesce((SELECT json_agg(json_build_object('slug', f.slug, 'name', f.name)" \
	  "   ORDER BY f.position) FROM unit_fields uf JOIN fields f ON f.slug = uf.field_slug"    \
	  "   WHERE uf.unit_id = un.id), '[]'::json))::text"                                       \
	  " FROM units un WHERE un.id = $1::integer")                                              \
	X(STMT_FIELDS_LIST, 0,                                                                     \
	  "SELECT json_build_object('items', coalesce(json_agg(json_build_object("                 \
	  " 'slug', f.slug, 'name', f.name, 'units', coalesce((SELECT json_agg(uf.unit_id"         \
	  "   ORDER BY u.kind DESC, u.position) FROM unit_fields uf"                               \
	  "   JOIN units u ON u.id = uf.unit_id WHERE uf.field_slug = f.slug), '[]'::json))"       \
	  " ORDER BY f.position), '[]'::json), 'total', count(*))::text FROM fields f")

/* Accounts and sessions (session.c, users.c, api_tokens.c, audit.c). */
#define DB_STATEMENTS_ACCOUNTS(X)                                                                  \
	X(STMT_SESSION_CHECK, 2,                                                                   \
	  "SELECT u.role, u.unit_id, u.must_change_password, u.demo"                               \
	  " FROM users u WHERE u.id = $1::integer AND u.token_version = $2::integer"               \
	  " AND u.disabled_at IS NULL")                                                            \
	X(STMT_APITOKEN_CHECK, 1,                                                                  \
	  "UPDATE api_tokens t SET last_used_at = now() FROM users u"                              \
	  " WHERE t.token_hash = $1::bytea AND t.revoked_at IS NULL AND t.expires_at > now()"      \
	  " AND u.id = t.user_id AND u.disabled_at IS NULL"                                        \
	  " RETURNING t.id, u.id, u.role, u.unit_id")                                              \
	X(STMT_THROTTLE_LOCKED, 1,                                                                 \
	  "SELECT greatest(1, ceil(extract(epoch FROM locked_until - now())))::integer"            \
	  " FROM login_throttle WHERE username = $1 AND locked_until > now()")                     \
	X(STMT_THROTTLE_FAIL, 1,                                                                   \
	  "INSERT INTO login_throttle AS t (username, failures, last_failure)"                     \
	  " VALUES ($1, 1, now()) ON CONFLICT (username) DO UPDATE SET"                            \
	  " failures = CASE WHEN t.failures + 1 >= 5 THEN 0 ELSE t.failures + 1 END,"              \
	  " locks = t.locks + CASE WHEN t.failures + 1 >= 5 THEN 1 ELSE 0 END,"                    \
	  " locked_until = CASE WHEN t.failures + 1 >= 5"                                          \
	  "   THEN now() + make_interval(mins => least(60, power(2, t.locks))::integer)"           \
	  "   ELSE t.locked_until END,"                                                            \
	  " last_failure = now()"                                                                  \
	  " RETURNING coalesce(locked_until > now(), false),"                                      \
	  " greatest(1, coalesce(ceil(extract(epoch FROM locked_until - now())), 0))::integer")    \
	X(STMT_THROTTLE_CLEAR, 1, "DELETE FROM login_throttle WHERE username = $1")                \
	X(STMT_USER_FOR_LOGIN, 1,                                                                  \
	  "SELECT id, password_hash, disabled_at IS NOT NULL, must_change_password, demo, unit_id" \
	  " FROM users WHERE lower(username) = lower($1)")                                         \
	X(STMT_USER_SESSION, 1,                                                                    \
	  "SELECT u.role, u.unit_id, u.token_version, u.must_change_password, u.demo,"             \
	  " user_json(u)::text FROM users u WHERE u.id = $1::integer AND u.disabled_at IS NULL")   \
	X(STMT_REFRESH_CREATE, 4,                                                                  \
	  "INSERT INTO refresh_tokens (user_id, family, token_hash, expires_at)"                   \
	  " VALUES ($1::integer, coalesce($2::uuid, gen_random_uuid()), $3::bytea,"                \
	  "  now() + make_interval(secs => $4::integer))")                                         \
	X(STMT_REFRESH_FIND, 1,                                                                    \
	  "SELECT id, user_id, family, used_at IS NOT NULL OR revoked_at IS NOT NULL,"             \
	  " expires_at <= now() FROM refresh_tokens WHERE token_hash = $1::bytea FOR UPDATE")      \
	X(STMT_REFRESH_MARK_USED, 1, "UPDATE refresh_tokens SET used_at = now() WHERE id = $1")    \
	X(STMT_REFRESH_REVOKE_FAMILY, 1,                                                           \
	  "UPDATE refresh_tokens SET revoked_at = now()"                                           \
	  " WHERE family = $1::uuid AND revoked_at IS NULL")                                       \
	X(STMT_REFRESH_REVOKE_USER, 1,                                                             \
	  "UPDATE refresh_tokens SET revoked_at = now()"                                           \
	  " WHERE user_id = $1::integer AND revoked_at IS NULL")                                   \
	X(STMT_PASSWORD_GET, 1,                                                                    \
	  "SELECT password_hash, username FROM users WHERE id = $1::integer FOR UPDATE")           \
	X(STMT_PASSWORD_SET, 3,                                                                    \
	  "UPDATE users SET password_hash = $2, must_change_password = $3::boolean,"               \
	  " token_version = token_version + 1, password_changed_at = now(), updated_at = now()"    \
	  " WHERE id = $1::integer RETURNING username")                                            \
	X(STMT_AUDIT, 9,                                                                           \
	  "INSERT INTO audit_log (actor_id, unit_id, action, object_type, object_id, before,"      \
	  " after, client_addr, request_id) VALUES ($1::integer, $2::integer, $3, $4, $5,"         \
	  " $6::jsonb, $7::jsonb, $8, $9)")                                                        \
	X(STMT_USER_GET, 1, "SELECT user_json(u)::text FROM users u WHERE u.id = $1::integer")     \
	X(STMT_USERS_LIST, 6,                                                                      \
	  "WITH f AS (SELECT u.* FROM users u"                                                     \
	  "  WHERE ($1::text IS NULL OR unaccent(lower(u.username || ' ' || u.full_name))"         \
	  "         LIKE '%' || unaccent(lower($1)) || '%')"                                       \
	  "  AND ($2::user_role IS NULL OR u.role = $2::user_role)"                                \
	  "  AND ($3::integer IS NULL OR u.unit_id = $3::integer)"                                 \
	  "  AND ($4::boolean IS NULL OR (u.disabled_at IS NOT NULL) = $4::boolean)),"             \
	  " page AS (SELECT * FROM f WHERE ($5::integer IS NULL OR f.id > $5::integer)"            \
	  "  ORDER BY f.id LIMIT $6::integer + 1)"                                                 \
	  " SELECT json_build_object('items', coalesce((SELECT json_agg(user_json(p) ORDER BY"     \
	  "  p.id) FROM (SELECT * FROM page ORDER BY id LIMIT $6::integer) p), '[]'::json),"       \
	  " 'total', (SELECT count(*) FROM f), 'next_cursor', CASE WHEN (SELECT count(*) FROM"     \
	  "  page) > $6::integer THEN (SELECT max(id)::text FROM (SELECT id FROM page ORDER BY"    \
	  "  id LIMIT $6::integer) l) END)::text")                                                 \
	X(STMT_USER_CREATE, 5,                                                                     \
	  "INSERT INTO users AS u (username, full_name, role, unit_id, password_hash)"             \
	  " VALUES (lower($1), $2, $3::user_role, $4::integer, $5)"                                \
	  " RETURNING u.id, user_json(u)::text")                                                   \
	X(STMT_USER_UPDATE, 5,                                                                     \
	  "WITH old AS (SELECT * FROM users WHERE id = $1::integer FOR UPDATE),"                   \
	  " new AS (UPDATE users u SET full_name = coalesce($2, u.full_name),"                     \
	  "  role = coalesce($3::user_role, u.role), unit_id = coalesce($4::integer, u.unit_id),"  \
	  "  disabled_at = CASE WHEN $5::boolean IS NULL THEN u.disabled_at"                       \
	  "   WHEN $5::boolean THEN coalesce(u.disabled_at, now()) ELSE NULL END,"                 \
	  "  token_version = u.token_version + CASE WHEN coalesce($3::user_role, u.role) <> "      \
	  "u.role"                                                                                 \
	  "   OR coalesce($4::integer, u.unit_id) <> u.unit_id OR ($5::boolean IS NOT NULL AND"    \
	  "   $5::boolean <> (u.disabled_at IS NOT NULL)) THEN 1 ELSE 0 END,"                      \
	  "  updated_at = now() FROM old WHERE u.id = old.id RETURNING u.*)"                       \
	  " SELECT user_json(new)::text, user_json(old)::text,"                                    \
	  "  new.token_version <> old.token_version FROM new, old")                                \
	X(STMT_APITOKENS_LIST, 0,                                                                  \
	  "SELECT json_build_object('items', coalesce(json_agg(json_build_object('id', t.id,"      \
	  " 'name', t.name, 'user', json_build_object('id', u.id, 'username', u.username,"         \
	  " 'full_name', u.full_name, 'role', u.role), 'prefix', t.prefix,"                        \
	  " 'created_at', t.created_at, 'expires_at', t.expires_at, 'revoked_at', t.revoked_at,"   \
	  " 'last_used_at', t.last_used_at) ORDER BY t.id DESC), '[]'::json),"                     \
	  " 'total', count(*))::text FROM api_tokens t JOIN users u ON u.id = t.user_id")          \
	X(STMT_APITOKEN_CREATE, 6,                                                                 \
	  "INSERT INTO api_tokens AS t (name, user_id, prefix, token_hash, created_by, "           \
	  "expires_at)"                                                                            \
	  " SELECT $1, u.id, $3, $4::bytea, $5::integer,"                                          \
	  "  ($6::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'"                            \
	  " FROM users u WHERE u.id = $2::integer AND u.role IN ('party_reader', 'leadership')"    \
	  " AND u.disabled_at IS NULL AND $6::date >= (now() AT TIME ZONE "                        \
	  "'Asia/Ho_Chi_Minh')::date"                                                              \
	  " AND $6::date <= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 366"                   \
	  " RETURNING t.id, json_build_object('id', t.id, 'name', t.name, 'user',"                 \
	  "  (SELECT json_build_object('id', u.id, 'username', u.username, 'full_name',"           \
	  "  u.full_name, 'role', u.role) FROM users u WHERE u.id = t.user_id), 'prefix', "        \
	  "t.prefix,"                                                                              \
	  "  'created_at', t.created_at, 'expires_at', t.expires_at, 'revoked_at', t.revoked_at,"  \
	  "  'last_used_at', t.last_used_at)::text")                                               \
	X(STMT_APITOKEN_REVOKE, 1,                                                                 \
	  "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now())"                         \
	  " WHERE id = $1::integer RETURNING name")                                                \
	X(STMT_AUDIT_LIST, 8,                                                                      \
	  "SELECT json_build_object('items', coalesce(json_agg(json_build_object('id', a.id,"      \
	  " 'at', a.at, 'actor', CASE WHEN a.actor_id IS NULL THEN NULL ELSE json_build_object("   \
	  " 'id', a.actor_id, 'username', (SELECT username FROM users WHERE id = a.actor_id)) "    \
	  "END,"                                                                                   \
	  " 'unit_id', a.unit_id, 'action', a.action, 'object_type', a.object_type,"               \
	  " 'object_id', a.object_id, 'before', a.before, 'after', a.after,"                       \
	  " 'client_addr', a.client_addr, 'request_id', a.request_id) ORDER BY a.id DESC),"        \
	  " '[]'::json), 'next_before', CASE WHEN count(*) = $8::integer THEN min(a.id) "          \
	  "END)::text"                                                                             \
	  " FROM (SELECT * FROM audit_log WHERE ($1::text IS NULL OR action = $1)"                 \
	  "  AND ($2::integer IS NULL OR actor_id = $2::integer)"                                  \
	  "  AND ($3::text IS NULL OR object_type = $3) AND ($4::text IS NULL OR object_id = $4)"  \
	  "  AND ($5::date IS NULL OR at >= ($5::date)::timestamp AT TIME ZONE "                   \
	  "'Asia/Ho_Chi_Minh')"                                                                    \
	  "  AND ($6::date IS NULL OR at < ($6::date + 1)::timestamp AT TIME ZONE"                 \
	  "   'Asia/Ho_Chi_Minh') AND ($7::bigint IS NULL OR id < $7::bigint)"                     \
	  "  ORDER BY id DESC LIMIT $8::integer) a")

/* What the caller may see, as in issue_visible() but spelled out per kind of caller so that
 * the planner can use the indexes ($1 role, $2 unit). A department's list reads issue_scope,
 * one narrow row per (unit, issue) it holds, leads, answered or supports (migration 0007);
 * the others read issues through covering indexes. */
#define SCOPE_ALL "issues i WHERE $1::user_role IS NOT NULL AND $2::integer IS NOT NULL"
#define SCOPE_COMMUNE "issues i WHERE $1::user_role IS NOT NULL AND i.commune_id = $2::integer"
#define SCOPE_DEPARTMENT "issue_scope i WHERE $1::user_role IS NOT NULL AND i.unit_id = $2::integer"

/* The search ($11): the issues whose words (issues.search_words, migration 0016) hold every
 * word of what the user typed, diacritics and case ignored, the last word also as the start
 * of a word, a word also as a near spelling next to the word typed before or after it
 * (search_query(), docs/issues.md); no text is compared at search time. The province-wide
 * and commune lists read the matches through the GIN index of the words (work in proportion
 * to the matches, not to the issues); a department's list finds the matching ids once the
 * same way and probes each issue of its scope against them (a hashed sub-plan, in custom and
 * generic plans alike). */
#define SEARCH_QUERY "(SELECT search_query($11))"
#define SEARCH_ISSUES "i.search_words @@ " SEARCH_QUERY
#define SEARCH_SCOPED "i.id IN (SELECT t.id FROM issues t WHERE t.search_words @@ " SEARCH_QUERY ")"

/* The filters of the issue list, within a scope: every column is in the covering indexes but
 * the search text, looked up in issues only when there is a search. */
#define ISSUE_LIST_FILTER(scope, search)                                                       \
	" FROM " scope " AND ($3::issue_state[] IS NULL OR i.state = ANY ($3::issue_state[]))" \
	" AND ($4::text IS NULL OR i.field_slug = $4)"                                         \
	" AND ($5::integer IS NULL OR i.commune_id = $5::integer)"                             \
	" AND ($6::integer IS NULL OR i.holder_unit_id = $6::integer)"                         \
	" AND ($7::text IS NULL OR i.level = $7)"                                              \
	" AND ($8::boolean IS NULL OR (i.state NOT IN ('answered', 'closed', 'withdrawn')"     \
	"      AND i.due_date < vn_today()) = $8::boolean)"                                    \
	" AND ($9::date IS NULL OR i.created_at >= $9::date::timestamp AT TIME ZONE"           \
	"      'Asia/Ho_Chi_Minh')"                                                            \
	" AND ($10::date IS NULL OR i.created_at < ($10::date + 1)::timestamp AT TIME ZONE"    \
	"      'Asia/Ho_Chi_Minh')"                                                            \
	" AND ($11::text IS NULL OR " search ")"                                               \
	" AND ($12::issue_kind IS NULL OR i.kind = $12::issue_kind)"                           \
	" AND ($13::integer IS NULL OR i.group_id = $13::integer)"

/* One row of the list (the shape of issue_list_json(), built here with joins rather than a
 * sub-select per row). */
#define ISSUE_LIST_ROW                                                                         \
	"json_build_object('id', i.id, 'code', i.code, 'title', i.title, 'kind', i.kind,"      \
	" 'state', i.state, 'level', i.level, 'field', i.field_slug,"                          \
	" 'commune', json_build_object('id', c.id, 'name', c.name),"                           \
	" 'holder', json_build_object('id', h.id, 'name', h.name),"                            \
	" 'held_since', i.held_since, 'due_date', i.due_date,"                                 \
	" 'overdue', i.state NOT IN ('answered', 'closed', 'withdrawn') AND i.due_date < t.d," \
	" 'created_at', i.created_at, 'updated_at', i.updated_at, 'group_id', i.group_id)"
#define ISSUE_LIST_ROWS(order)                                                          \
	" SELECT json_build_object('items', coalesce((SELECT json_agg(" ISSUE_LIST_ROW  \
	" ORDER BY " order ") FROM shown s JOIN issues i ON i.id = s.id"                \
	" JOIN units c ON c.id = i.commune_id JOIN units h ON h.id = i.holder_unit_id," \
	" (SELECT vn_today() AS d) t), '[]'::json),"

/* The list sorted newest first, one page after the cursor ($14 created_at, $15 id), $16 rows;
 * the page and the total are two index scans of the same filter. (clang-format cannot lay
 * out string pasting with macro calls.) */
/* clang-format off */
#define ISSUE_LIST_COUNT(scope, search) "(SELECT count(*)" ISSUE_LIST_FILTER(scope, search) ")"
/* The total: from issue_list_counts (migration 0010) when the list is filtered by state only
 * and the scope is counted there (unit: the department, 0 for every issue), else counted. */
#define ISSUE_LIST_TOTAL(scope, search, unit)                                                        \
	" 'total', CASE WHEN " unit " IS NOT NULL AND $4::text IS NULL AND $5::integer IS NULL" \
	"  AND $6::integer IS NULL AND $7::text IS NULL AND $8::boolean IS NULL"              \
	"  AND $9::date IS NULL AND $10::date IS NULL AND $11::text IS NULL"                  \
	"  AND $12::issue_kind IS NULL AND $13::integer IS NULL"                              \
	" THEN (SELECT coalesce(sum(n.n), 0) FROM issue_list_counts n"                        \
	"  WHERE n.unit_id = " unit " AND ($3::issue_state[] IS NULL"                         \
	"  OR n.state = ANY ($3::issue_state[])))"                                            \
	" ELSE " ISSUE_LIST_COUNT(scope, search) " END,"
#define ISSUE_LIST_CREATED(scope, search, unit)                                                            \
	"WITH page AS MATERIALIZED (SELECT i.id, i.created_at" ISSUE_LIST_FILTER(scope, search)\
	" AND ($15::integer IS NULL"                                                         \
	"      OR (i.created_at, i.id) < ($14::timestamptz, $15::integer))"                  \
	" ORDER BY i.created_at DESC, i.id DESC LIMIT $16::integer + 1),"                    \
	" shown AS (SELECT * FROM page ORDER BY created_at DESC, id DESC LIMIT $16::integer)" \
	ISSUE_LIST_ROWS("s.created_at DESC, s.id DESC")                                      \
	ISSUE_LIST_TOTAL(scope, search, unit)                                                        \
	" 'next_cursor', CASE WHEN (SELECT count(*) FROM page) > $16::integer THEN (SELECT"  \
	"  to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"    \
	"  || '~' || s.id FROM shown s ORDER BY s.created_at, s.id LIMIT 1) END)::text"

/* The inbox order: earliest due date first (overdue ones come first by themselves). */
#define ISSUE_LIST_DUE(scope, search, unit)                                                                \
	"WITH page AS MATERIALIZED (SELECT i.id, i.due_date" ISSUE_LIST_FILTER(scope, search)  \
	" AND ($15::integer IS NULL OR (i.due_date, i.id) > ($14::date, $15::integer))"      \
	" ORDER BY i.due_date, i.id LIMIT $16::integer + 1),"                                \
	" shown AS (SELECT * FROM page ORDER BY due_date, id LIMIT $16::integer)"            \
	ISSUE_LIST_ROWS("s.due_date, s.id")                                                  \
	ISSUE_LIST_TOTAL(scope, search, unit)                                                        \
	" 'next_cursor', CASE WHEN (SELECT count(*) FROM page) > $16::integer THEN (SELECT"  \
	"  s.due_date::text || '~' || s.id FROM shown s ORDER BY s.due_date DESC, s.id DESC" \
	"  LIMIT 1) END)::text"

/* The first page of a list filtered by state alone, as the inbox opens ($3 the states, all
 * when NULL; $4 rows). Every call has the same plan (the page reads at most 201 rows, the most
 * a page can show and one more), so PostgreSQL keeps one generic plan instead of planning each
 * call (planning was 40 % of the inbox's database time); the statements above, with their many
 * optional filters, need a plan per call. The total comes from issue_list_counts where the
 * scope is counted there (unit), else it is counted. */
#define ISSUE_PLAIN_STATES_OF(t)                                                            \
	"($3::issue_state[] IS NULL OR " t ".state = ANY ($3::issue_state[]))"
#define ISSUE_PLAIN_STATES ISSUE_PLAIN_STATES_OF("i")
#define ISSUE_PLAIN_CREATED(scope, total)                                                    \
	"WITH page AS MATERIALIZED (SELECT i.id, i.created_at FROM " scope " AND "             \
	ISSUE_PLAIN_STATES " ORDER BY i.created_at DESC, i.id DESC LIMIT 201),"    \
	" shown AS (SELECT * FROM page ORDER BY created_at DESC, id DESC LIMIT $4::integer)"   \
	ISSUE_LIST_ROWS("s.created_at DESC, s.id DESC") total                                  \
	" 'next_cursor', CASE WHEN (SELECT count(*) FROM page) > $4::integer THEN (SELECT"    \
	"  to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"      \
	"  || '~' || s.id FROM shown s ORDER BY s.created_at, s.id LIMIT 1) END)::text"
#define ISSUE_PLAIN_DUE(scope, total)                                                        \
	"WITH page AS MATERIALIZED (SELECT i.id, i.due_date FROM " scope " AND "               \
	ISSUE_PLAIN_STATES " ORDER BY i.due_date, i.id LIMIT 201),"                \
	" shown AS (SELECT * FROM page ORDER BY due_date, id LIMIT $4::integer)"               \
	ISSUE_LIST_ROWS("s.due_date, s.id") total                                              \
	" 'next_cursor', CASE WHEN (SELECT count(*) FROM page) > $4::integer THEN (SELECT"    \
	"  s.due_date::text || '~' || s.id FROM shown s ORDER BY s.due_date DESC, s.id DESC"   \
	"  LIMIT 1) END)::text"
#define ISSUE_PLAIN_KEPT(unit)                                                               \
	" 'total', (SELECT coalesce(sum(n.n), 0) FROM issue_list_counts n"                    \
	"  WHERE n.unit_id = " unit " AND " ISSUE_PLAIN_STATES_OF("n") "),"
#define ISSUE_PLAIN_COUNTED(scope) " 'total', (SELECT count(*) FROM " scope " AND " ISSUE_PLAIN_STATES "),"
/* clang-format on */

/* Issues, groups, comments, attachments, notifications, the library (issues.c and friends). */
#define DB_STATEMENTS_ISSUES(X)                                                                   \
	X(STMT_ISSUES_LIST_CREATED, 16, ISSUE_LIST_CREATED(SCOPE_ALL, SEARCH_ISSUES, "0"))        \
	X(STMT_ISSUES_LIST_DUE, 16, ISSUE_LIST_DUE(SCOPE_ALL, SEARCH_ISSUES, "0"))                \
	X(STMT_ISSUES_LIST_CREATED_COMMUNE, 16,                                                   \
	  ISSUE_LIST_CREATED(SCOPE_COMMUNE, SEARCH_ISSUES, "NULL::integer"))                      \
	X(STMT_ISSUES_LIST_DUE_COMMUNE, 16,                                                       \
	  ISSUE_LIST_DUE(SCOPE_COMMUNE, SEARCH_ISSUES, "NULL::integer"))                          \
	X(STMT_ISSUES_LIST_CREATED_DEPARTMENT, 16,                                                \
	  ISSUE_LIST_CREATED(SCOPE_DEPARTMENT, SEARCH_SCOPED, "$2::integer"))                     \
	X(STMT_ISSUES_LIST_DUE_DEPARTMENT, 16,                                                    \
	  ISSUE_LIST_DUE(SCOPE_DEPARTMENT, SEARCH_SCOPED, "$2::integer"))                         \
	X(STMT_ISSUES_PLAIN_CREATED, 4, ISSUE_PLAIN_CREATED(SCOPE_ALL, ISSUE_PLAIN_KEPT("0")))    \
	X(STMT_ISSUES_PLAIN_DUE, 4, ISSUE_PLAIN_DUE(SCOPE_ALL, ISSUE_PLAIN_KEPT("0")))            \
	X(STMT_ISSUES_PLAIN_CREATED_COMMUNE, 4,                                                   \
	  ISSUE_PLAIN_CREATED(SCOPE_COMMUNE, ISSUE_PLAIN_COUNTED(SCOPE_COMMUNE)))                 \
	X(STMT_ISSUES_PLAIN_DUE_COMMUNE, 4,                                                       \
	  ISSUE_PLAIN_DUE(SCOPE_COMMUNE, ISSUE_PLAIN_COUNTED(SCOPE_COMMUNE)))                     \
	X(STMT_ISSUES_PLAIN_CREATED_DEPARTMENT, 4,                                                \
	  ISSUE_PLAIN_CREATED(SCOPE_DEPARTMENT, ISSUE_PLAIN_KEPT("$2::integer")))                 \
	X(STMT_ISSUES_PLAIN_DUE_DEPARTMENT, 4,                                                    \
	  ISSUE_PLAIN_DUE(SCOPE_DEPARTMENT, ISSUE_PLAIN_KEPT("$2::integer")))                     \
	X(STMT_ISSUE_CREATE, 8,                                                                   \
	  "SELECT issue_create($1::integer, $2::integer, $3, $4, $5, $6::issue_kind,"             \
	  " $7::integer, $8::integer[])")                                                         \
	X(STMT_ISSUE_GET, 4,                                                                      \
	  "SELECT issue_json(i, $2::user_role, $3::integer)::text, i.version FROM issues i"       \
	  " WHERE i.id = $1::integer AND ($4::boolean OR issue_visible(i, $2::user_role,"         \
	  " $3::integer))")                                                                       \
	X(STMT_ISSUE_APPLY, 7,                                                                    \
	  "SELECT issue_apply($1::integer, $2, $3::integer, $4::user_role, $5::integer,"          \
	  " $6::jsonb, $7::integer)")                                                             \
	X(STMT_ISSUE_EDIT, 6,                                                                     \
	  "SELECT issue_edit($1::integer, $2::integer, $3::user_role, $4::integer, $5::integer,"  \
	  " $6::jsonb)")                                                                          \
	X(STMT_ISSUE_EVENTS, 3,                                                                   \
	  "SELECT issue_events_json(i.id)::text FROM issues i WHERE i.id = $1::integer"           \
	  " AND issue_visible(i, $2::user_role, $3::integer)")                                    \
	X(STMT_ISSUE_COMMENT, 5,                                                                  \
	  "SELECT issue_comment($1::integer, $2::integer, $3::user_role, $4::integer, $5)")       \
	X(STMT_GROUP_CREATE, 4,                                                                   \
	  "SELECT issue_group_create($1::integer, $2::integer, $3, $4::integer[])")               \
	X(STMT_GROUP_GET, 2,                                                                      \
	  "SELECT issue_group_json(g)::text FROM issue_groups g WHERE g.id = $1::integer"         \
	  " AND g.unit_id = $2::integer")                                                         \
	X(STMT_GROUPS_LIST, 1,                                                                    \
	  "SELECT json_build_object('items', coalesce(json_agg(issue_group_json(g) ORDER BY"      \
	  " g.id DESC), '[]'::json), 'total', count(*))::text FROM issue_groups g"                \
	  " WHERE g.unit_id = $1::integer")                                                       \
	X(STMT_GROUP_ANSWER, 5,                                                                   \
	  "SELECT issue_group_answer($1::integer, $2::integer, $3::user_role, $4::integer,"       \
	  " $5::jsonb)")                                                                          \
	X(STMT_LIBRARY, 4,                                                                        \
	  "WITH f AS (SELECT i.id, i.code, i.title, i.description, i.field_slug, i.answer,"       \
	  "  i.legal_basis, i.answered_at, i.answered_by_unit, i.commune_id"                      \
	  "  FROM issues i WHERE i.shareable"                                                     \
	  "  AND i.state IN ('answered', 'closed') AND i.answer IS NOT NULL"                      \
	  "  AND ($1::text IS NULL OR i.search_words @@ (SELECT search_query($1)))"               \
	  "  AND ($2::text IS NULL OR i.field_slug = $2)"                                         \
	  "  AND ($3::integer IS NULL OR i.id < $3::integer)),"                                   \
	  " shown AS (SELECT * FROM f ORDER BY id DESC LIMIT $4::integer)"                        \
	  " SELECT json_build_object('items', coalesce((SELECT json_agg(json_build_object("       \
	  "  'id', s.id, 'code', s.code, 'title', s.title, 'description', s.description,"         \
	  "  'field', (SELECT json_build_object('slug', x.slug, 'name', x.name) FROM fields x"    \
	  "   WHERE x.slug = s.field_slug), 'answer', s.answer, 'legal_basis', s.legal_basis,"    \
	  "  'answered_at', s.answered_at, 'answered_by', (SELECT json_build_object('id', u.id,"  \
	  "   'name', u.name) FROM units u WHERE u.id = s.answered_by_unit),"                     \
	  "  'commune', (SELECT json_build_object('id', u.id, 'name', u.name) FROM units u"       \
	  "   WHERE u.id = s.commune_id)) ORDER BY s.id DESC) FROM shown s), '[]'::json),"        \
	  " 'total', (SELECT count(*) FROM f), 'next_cursor', CASE WHEN (SELECT count(*) FROM f)" \
	  "  > $4::integer THEN (SELECT min(id)::text FROM shown) END)::text")                    \
	X(STMT_NOTIFICATIONS_LIST, 4,                                                             \
	  "WITH f AS (SELECT * FROM notifications n WHERE n.user_id = $1::integer"                \
	  "  AND ($2::boolean IS NOT TRUE OR n.read_at IS NULL)"                                  \
	  "  AND ($3::bigint IS NULL OR n.id < $3::bigint) ORDER BY n.id DESC LIMIT $4::integer)" \
	  " SELECT json_build_object('items', coalesce((SELECT json_agg(json_build_object("       \
	  "  'id', f.id, 'kind', f.kind, 'message', f.message, 'created_at', f.created_at,"       \
	  "  'read', f.read_at IS NOT NULL, 'issue', (SELECT json_build_object('id', i.id,"       \
	  "  'code', i.code, 'title', i.title) FROM issues i WHERE i.id = f.issue_id))"           \
	  "  ORDER BY f.id DESC) FROM f), '[]'::json),"                                           \
	  " 'unread', (SELECT count(*) FROM notifications WHERE user_id = $1::integer"            \
	  "  AND read_at IS NULL), 'next_before', CASE WHEN (SELECT count(*) FROM f) ="           \
	  "  $4::integer THEN (SELECT min(id) FROM f) END)::text")                                \
	X(STMT_NOTIFICATIONS_READ, 3,                                                             \
	  "WITH u AS (UPDATE notifications SET read_at = now() WHERE user_id = $1::integer"       \
	  " AND read_at IS NULL AND ($2::boolean OR id = ANY ($3::bigint[])) RETURNING 1)"        \
	  " SELECT json_build_object('marked', (SELECT count(*) FROM u), 'unread',"               \
	  " (SELECT count(*) FROM notifications WHERE user_id = $1::integer"                      \
	  "  AND read_at IS NULL) - (SELECT count(*) FROM u))::text")                             \
	X(STMT_ATTACHMENT_ADD, 7,                                                                 \
	  "INSERT INTO attachments (issue_id, filename, content_type, size, sha256, data,"        \
	  " created_by) SELECT i.id, $4, $5, length($6::bytea), sha256($6::bytea), $6::bytea,"    \
	  " $7::integer FROM issues i WHERE i.id = $1::integer"                                   \
	  " AND issue_visible(i, $2::user_role, $3::integer)"                                     \
	  " AND i.state NOT IN ('closed', 'withdrawn')"                                           \
	  " AND (i.commune_id = $3::integer OR i.holder_unit_id = $3::integer)"                   \
	  " RETURNING id, json_build_object('id', id, 'filename', filename, 'content_type',"      \
	  " content_type, 'size', size, 'created_at', created_at)::text")                         \
	X(STMT_ATTACHMENT_GET, 3,                                                                 \
	  "SELECT a.filename, a.content_type, a.data FROM attachments a JOIN issues i"            \
	  " ON i.id = a.issue_id WHERE a.id = $1::integer"                                        \
	  " AND issue_visible(i, $2::user_role, $3::integer)")                                    \
	X(STMT_IDEM_RESERVE, 3,                                                                   \
	  "INSERT INTO idempotency_keys (user_id, key, request_hash, status, body)"               \
	  " VALUES ($1::integer, $2, $3::bytea, 0, '') ON CONFLICT DO NOTHING RETURNING 1")       \
	X(STMT_IDEM_GET, 2,                                                                       \
	  "SELECT request_hash, status, body FROM idempotency_keys"                               \
	  " WHERE user_id = $1::integer AND key = $2")                                            \
	X(STMT_IDEM_SAVE, 4,                                                                      \
	  "UPDATE idempotency_keys SET status = $3::integer, body = $4"                           \
	  " WHERE user_id = $1::integer AND key = $2")

/* Trainings, periods, department and consolidated reports (trainings.c, reports.c). */
#define DB_STATEMENTS_REPORTS(X)                                                                  \
	X(STMT_TRAININGS_LIST, 6,                                                                 \
	  "WITH f AS (SELECT t.* FROM trainings t WHERE"                                          \
	  "  ($1::integer IS NULL OR EXISTS (SELECT 1 FROM periods p WHERE p.id = $1::integer"    \
	  "   AND t.starts_at >= period_from(p) AND t.starts_at < period_to(p)))"                 \
	  "  AND ($2::integer IS NULL OR t.unit_id = $2::integer)"                                \
	  "  AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM training_fields f WHERE"              \
	  "   f.training_id = t.id AND f.field_slug = $3))"                                       \
	  "  AND ($4::integer IS NULL OR EXISTS (SELECT 1 FROM training_attendance a WHERE"       \
	  "   a.training_id = t.id AND a.commune_id = $4::integer))"                              \
	  "  AND ($5::integer IS NULL OR t.id < $5::integer)),"                                   \
	  " shown AS (SELECT * FROM f ORDER BY id DESC LIMIT $6::integer)"                        \
	  " SELECT json_build_object('items', coalesce((SELECT json_agg(training_json(s)"         \
	  "  ORDER BY s.starts_at DESC, s.id DESC) FROM shown s), '[]'::json),"                   \
	  " 'total', (SELECT count(*) FROM f), 'next_before', CASE WHEN (SELECT count(*) FROM f)" \
	  "  > $6::integer THEN (SELECT min(id) FROM shown) END)::text")                          \
	X(STMT_TRAINING_GET, 1,                                                                   \
	  "SELECT training_json(t)::text, t.version FROM trainings t WHERE t.id = $1::integer")   \
	X(STMT_TRAINING_SAVE, 5,                                                                  \
	  "SELECT training_save($1::integer, $2::integer, $3::integer, $4::integer, $5::jsonb)")  \
	X(STMT_TRAINING_RECOMMEND, 4,                                                             \
	  "SELECT array_to_json(training_recommendations($1::integer, $2::integer, $3::integer,"  \
	  " $4::jsonb))::text")                                                                   \
	X(STMT_PERIODS_LIST, 3,                                                                   \
	  "SELECT json_build_object('items', coalesce(json_agg(period_json(p) ORDER BY"           \
	  " p.starts_on DESC), '[]'::json), 'total', count(*),"                                   \
	  " 'current', (SELECT id FROM periods WHERE report_deadline > now()"                     \
	  "  ORDER BY report_deadline LIMIT 1))::text FROM periods p"                             \
	  " WHERE ($1::date IS NULL OR p.ends_on >= $1::date)"                                    \
	  " AND ($2::date IS NULL OR p.starts_on <= $2::date)"                                    \
	  " AND ($3::boolean IS NOT TRUE OR p.starts_on <= vn_today())")                          \
	X(STMT_PERIOD_GET, 1,                                                                     \
	  "SELECT period_json(p)::text FROM periods p WHERE p.id = $1::integer")                  \
	X(STMT_PERIOD_CREATE, 6,                                                                  \
	  "INSERT INTO periods AS p (code, name, starts_on, ends_on, report_deadline,"            \
	  " consolidation_deadline) VALUES ($1, $2, $3::date, $4::date, $5::timestamptz,"         \
	  " $6::timestamptz) RETURNING p.id, period_json(p)::text")                               \
	X(STMT_PERIOD_UPDATE, 7,                                                                  \
	  "WITH old AS (SELECT * FROM periods WHERE id = $1::integer FOR UPDATE),"                \
	  " upd AS (UPDATE periods p SET name = coalesce($3, p.name),"                            \
	  "  starts_on = coalesce($4::date, p.starts_on), ends_on = coalesce($5::date, "          \
	  "p.ends_on),"                                                                           \
	  "  report_deadline = coalesce($6::timestamptz, p.report_deadline),"                     \
	  "  consolidation_deadline = coalesce($7::timestamptz, p.consolidation_deadline),"       \
	  "  version = p.version + 1, updated_at = now() FROM old"                                \
	  "  WHERE p.id = old.id AND old.version = $2::integer RETURNING p.*)"                    \
	  " SELECT (SELECT period_json(u)::text FROM upd u), (SELECT period_json(o)::text"        \
	  "  FROM old o), (SELECT version FROM old)")                                             \
	X(STMT_COMPLIANCE, 1,                                                                     \
	  "SELECT compliance_json(p.id)::text FROM periods p WHERE p.id = $1::integer")           \
	X(STMT_REPORT_GET, 3,                                                                     \
	  "SELECT report_json(p.id, u.id, $3::boolean)::text FROM periods p, units u"             \
	  " WHERE p.id = $1::integer AND u.id = $2::integer AND u.kind = 'department'")           \
	X(STMT_REPORT_SAVE, 5,                                                                    \
	  "SELECT report_save($1::integer, $2::integer, $3::integer, $4::integer, $5::jsonb)")    \
	X(STMT_REPORT_SUBMIT, 3, "SELECT report_submit($1::integer, $2::integer, $3::integer)")   \
	X(STMT_REPORT_RETURN, 4,                                                                  \
	  "SELECT report_return($1::integer, $2::integer, $3::integer, $4)")                      \
	X(STMT_REPORT_VERSION, 3,                                                                 \
	  "SELECT v.snapshot_text FROM reports r JOIN report_versions v ON v.report_id = r.id"    \
	  " WHERE r.period_id = $1::integer AND r.unit_id = $2::integer"                          \
	  " AND ($3::integer IS NULL OR v.number = $3::integer) ORDER BY v.number DESC LIMIT 1")  \
	X(STMT_REPORT_READ_PARTS, 3,                                                              \
	  "SELECT part, gz, crc, len FROM report_read_parts($1::integer, $2::integer,"            \
	  " $3::boolean) ORDER BY n")                                                             \
	X(STMT_CONSOLIDATED_READ_PARTS, 2,                                                        \
	  "SELECT part, gz, crc, len FROM consolidated_read_parts($1::integer, $2::boolean)"      \
	  " ORDER BY n")                                                                          \
	X(STMT_FROZEN_PENDING, 0,                                                                 \
	  "(SELECT 'r', id, snapshot_text FROM report_versions WHERE snapshot_gz IS NULL"         \
	  "  ORDER BY id LIMIT 4) UNION ALL (SELECT 'c', id, snapshot_text"                       \
	  "  FROM consolidated_versions WHERE snapshot_gz IS NULL ORDER BY id LIMIT 4)")          \
	X(STMT_FROZEN_STORE_REPORT, 4,                                                            \
	  "UPDATE report_versions SET snapshot_gz = $2::bytea, snapshot_crc = $3::bigint,"        \
	  " snapshot_len = $4::integer WHERE id = $1::integer AND snapshot_gz IS NULL")           \
	X(STMT_FROZEN_STORE_CONSOLIDATED, 4,                                                      \
	  "UPDATE consolidated_versions SET snapshot_gz = $2::bytea, snapshot_crc = $3::bigint,"  \
	  " snapshot_len = $4::integer WHERE id = $1::integer AND snapshot_gz IS NULL")           \
	X(STMT_CONSOLIDATED_GET, 2,                                                               \
	  "SELECT consolidated_json(p.id, $2::boolean)::text FROM periods p"                      \
	  " WHERE p.id = $1::integer")                                                            \
	X(STMT_CONSOLIDATED_SAVE, 4,                                                              \
	  "SELECT consolidated_save($1::integer, $2::integer, $3::integer, $4::jsonb)")           \
	X(STMT_CONSOLIDATED_SUBMIT, 2, "SELECT consolidated_submit($1::integer, $2::integer)")    \
	X(STMT_CONSOLIDATED_VERSION, 2,                                                           \
	  "SELECT v.snapshot_text FROM consolidated_reports c JOIN consolidated_versions v"       \
	  " ON v.consolidated_id = c.id WHERE c.period_id = $1::integer"                          \
	  " AND ($2::integer IS NULL OR v.number = $2::integer) ORDER BY v.number DESC LIMIT 1")

/* Statistics and the reporting API's bookkeeping (stats.c, session.c). */
#define DB_STATEMENTS_STATS(X)                                                                  \
	X(STMT_STATS_OVERVIEW, 6,                                                               \
	  "SELECT stats_overview($1::date, $2::date, $3, $4::integer, $5::integer, $6)::text")  \
	X(STMT_STATS_BREAKDOWN, 7,                                                              \
	  "SELECT stats_breakdown($1, $2::date, $3::date, $4, $5::integer, $6::integer, "       \
	  "$7)::text")                                                                          \
	X(STMT_STATS_SMOOTH, 2, "SELECT stats_smooth($1::date, $2::date)::text")                \
	X(STMT_STATS_WEEKLY, 7,                                                                 \
	  "SELECT stats_weekly($1::date, $2::date, $3::integer, $4, $5::integer, $6::integer, " \
	  "$7)::text")                                                                          \
	X(STMT_STATS_COMPLIANCE, 2, "SELECT stats_compliance($1::date, $2::date)::text")        \
	X(STMT_APITOKEN_RATE, 1,                                                                \
	  "SELECT count(*), coalesce(60 - extract(epoch FROM now() - min(at))::integer, 0)"     \
	  " FROM api_token_calls WHERE token_id = $1::integer AND at > now() - interval '1 "    \
	  "minute'")                                                                            \
	X(STMT_APITOKEN_CALL, 5,                                                                \
	  "INSERT INTO api_token_calls (token_id, method, path, query, status)"                 \
	  " VALUES ($1::integer, $2, $3, $4, $5::integer)")

#define DB_STMT_ENUM(name, nparams, sql) name,
enum db_stmt {
	DB_STATEMENTS(DB_STMT_ENUM) DB_STATEMENTS_ACCOUNTS(DB_STMT_ENUM)
	    DB_STATEMENTS_ISSUES(DB_STMT_ENUM) DB_STATEMENTS_REPORTS(DB_STMT_ENUM)
	        DB_STATEMENTS_STATS(DB_STMT_ENUM) STMT__MAX
};
#undef DB_STMT_ENUM

#endif
