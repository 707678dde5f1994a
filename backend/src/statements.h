/* Every SQL statement the workers run, by name. They are prepared once per connection; JSON
 * for lists is built by PostgreSQL and passed through untouched. */
#ifndef TS_STATEMENTS_H
#define TS_STATEMENTS_H

/* X(enum name, number of parameters, SQL) */
#define DB_STATEMENTS(X)                                                                           \
	X(STMT_PING, 0, "SELECT 1")                                                                \
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
#define DB_STATEMENTS_ACCOUNTS(X)                                                                 \
	X(STMT_SESSION_CHECK, 2,                                                                  \
	  "SELECT u.role, u.unit_id, u.must_change_password, u.demo,"                             \
	  " set_config('ts.user_id', u.id::text, true)"                                           \
	  " FROM users u WHERE u.id = $1::integer AND u.token_version = $2::integer"              \
	  " AND u.disabled_at IS NULL")                                                           \
	X(STMT_APITOKEN_CHECK, 1,                                                                 \
	  "UPDATE api_tokens t SET last_used_at = now() FROM users u"                             \
	  " WHERE t.token_hash = $1::bytea AND t.revoked_at IS NULL AND t.expires_at > now()"     \
	  " AND u.id = t.user_id AND u.disabled_at IS NULL"                                       \
	  " RETURNING t.id, u.id, u.role, u.unit_id")                                             \
	X(STMT_THROTTLE_LOCKED, 1,                                                                \
	  "SELECT greatest(1, ceil(extract(epoch FROM locked_until - now())))::integer"           \
	  " FROM login_throttle WHERE username = $1 AND locked_until > now()")                    \
	X(STMT_THROTTLE_FAIL, 1,                                                                  \
	  "INSERT INTO login_throttle AS t (username, failures, last_failure)"                    \
	  " VALUES ($1, 1, now()) ON CONFLICT (username) DO UPDATE SET"                           \
	  " failures = CASE WHEN t.failures + 1 >= 5 THEN 0 ELSE t.failures + 1 END,"             \
	  " locks = t.locks + CASE WHEN t.failures + 1 >= 5 THEN 1 ELSE 0 END,"                   \
	  " locked_until = CASE WHEN t.failures + 1 >= 5"                                         \
	  "   THEN now() + make_interval(mins => least(60, power(2, t.locks))::integer)"          \
	  "   ELSE t.locked_until END,"                                                           \
	  " last_failure = now()"                                                                 \
	  " RETURNING coalesce(locked_until > now(), false),"                                     \
	  " greatest(1, coalesce(ceil(extract(epoch FROM locked_until - now())), 0))::integer")   \
	X(STMT_THROTTLE_CLEAR, 1, "DELETE FROM login_throttle WHERE username = $1")               \
	X(STMT_USER_FOR_LOGIN, 1,                                                                 \
	  "SELECT id, password_hash, disabled_at IS NOT NULL, must_change_password, demo"         \
	  " FROM users WHERE lower(username) = lower($1)")                                        \
	X(STMT_USER_SESSION, 1,                                                                   \
	  "SELECT u.role, u.unit_id, u.token_version, u.must_change_password, u.demo,"            \
	  " user_json(u)::text FROM users u WHERE u.id = $1::integer AND u.disabled_at IS NULL")  \
	X(STMT_REFRESH_CREATE, 4,                                                                 \
	  "INSERT INTO refresh_tokens (user_id, family, token_hash, expires_at)"                  \
	  " VALUES ($1::integer, coalesce($2::uuid, gen_random_uuid()), $3::bytea,"               \
	  "  now() + make_interval(secs => $4::integer))")                                        \
	X(STMT_REFRESH_FIND, 1,                                                                   \
	  "SELECT id, user_id, family, used_at IS NOT NULL OR revoked_at IS NOT NULL,"            \
	  " expires_at <= now() FROM refresh_tokens WHERE token_hash = $1::bytea FOR UPDATE")     \
	X(STMT_REFRESH_MARK_USED, 1, "UPDATE refresh_tokens SET used_at = now() WHERE id = $1")   \
	X(STMT_REFRESH_REVOKE_FAMILY, 1,                                                          \
	  "UPDATE refresh_tokens SET revoked_at = now()"                                          \
	  " WHERE family = $1::uuid AND revoked_at IS NULL")                                      \
	X(STMT_REFRESH_REVOKE_USER, 1,                                                            \
	  "UPDATE refresh_tokens SET revoked_at = now()"                                          \
	  " WHERE user_id = $1::integer AND revoked_at IS NULL")                                  \
	X(STMT_PASSWORD_GET, 1,                                                                   \
	  "SELECT password_hash, username FROM users WHERE id = $1::integer FOR UPDATE")          \
	X(STMT_PASSWORD_SET, 3,                                                                   \
	  "UPDATE users SET password_hash = $2, must_change_password = $3::boolean,"              \
	  " token_version = token_version + 1, password_changed_at = now(), updated_at = now()"   \
	  " WHERE id = $1::integer RETURNING username")                                           \
	X(STMT_AUDIT, 9,                                                                          \
	  "INSERT INTO audit_log (actor_id, unit_id, action, object_type, object_id, before,"     \
	  " after, client_addr, request_id) VALUES ($1::integer, $2::integer, $3, $4, $5,"        \
	  " $6::jsonb, $7::jsonb, $8, $9)")                                                       \
	X(STMT_USER_GET, 1, "SELECT user_json(u)::text FROM users u WHERE u.id = $1::integer")    \
	X(STMT_USERS_LIST, 6,                                                                     \
	  "WITH f AS (SELECT u.* FROM users u"                                                    \
	  "  WHERE ($1::text IS NULL OR unaccent(lower(u.username || ' ' || u.full_name))"        \
	  "         LIKE '%' || unaccent(lower($1)) || '%')"                                      \
	  "  AND ($2::user_role IS NULL OR u.role = $2::user_role)"                               \
	  "  AND ($3::integer IS NULL OR u.unit_id = $3::integer)"                                \
	  "  AND ($4::boolean IS NULL OR (u.disabled_at IS NOT NULL) = $4::boolean)),"            \
	  " page AS (SELECT * FROM f WHERE ($5::integer IS NULL OR f.id > $5::integer)"           \
	  "  ORDER BY f.id LIMIT $6::integer + 1)"                                                \
	  " SELECT json_build_object('items', coalesce((SELECT json_agg(user_json(p) ORDER BY"    \
	  "  p.id) FROM (SELECT * FROM page ORDER BY id LIMIT $6::integer) p), '[]'::json),"      \
	  " 'total', (SELECT count(*) FROM f), 'next_cursor', CASE WHEN (SELECT count(*) FROM"    \
	  "  page) > $6::integer THEN (SELECT max(id)::text FROM (SELECT id FROM page ORDER BY"   \
	  "  id LIMIT $6::integer) l) END)::text")                                                \
	X(STMT_USER_CREATE, 5,                                                                    \
	  "INSERT INTO users AS u (username, full_name, role, unit_id, password_hash)"            \
	  " VALUES (lower($1), $2, $3::user_role, $4::integer, $5)"                               \
	  " RETURNING u.id, user_json(u)::text")                                                  \
	X(STMT_USER_UPDATE, 5,                                                                    \
	  "WITH old AS (SELECT * FROM users WHERE id = $1::integer FOR UPDATE),"                  \
	  " new AS (UPDATE users u SET full_name = coalesce($2, u.full_name),"                    \
	  "  role = coalesce($3::user_role, u.role), unit_id = coalesce($4::integer, u.unit_id)," \
	  "  disabled_at = CASE WHEN $5::boolean IS NULL THEN u.disabled_at"                      \
	  "   WHEN $5::boolean THEN coalesce(u.disabled_at, now()) ELSE NULL END,"                \
	  "  token_version = u.token_version + CASE WHEN coalesce($3::user_role, u.role) <> "     \
	  "u.role"                                                                                \
	  "   OR coalesce($4::integer, u.unit_id) <> u.unit_id OR ($5::boolean IS NOT NULL AND"   \
	  "   $5::boolean <> (u.disabled_at IS NOT NULL)) THEN 1 ELSE 0 END,"                     \
	  "  updated_at = now() FROM old WHERE u.id = old.id RETURNING u.*)"                      \
	  " SELECT user_json(new)::text, user_json(old)::text,"                                   \
	  "  new.token_version <> old.token_version FROM new, old")                               \
	X(STMT_APITOKENS_LIST, 0,                                                                 \
	  "SELECT json_build_object('items', coalesce(json_agg(json_build_object('id', t.id,"     \
	  " 'name', t.name, 'user', json_build_object('id', u.id, 'username', u.username,"        \
	  " 'full_name', u.full_name, 'role', u.role), 'prefix', t.prefix,"                       \
	  " 'created_at', t.created_at, 'expires_at', t.expires_at, 'revoked_at', t.revoked_at,"  \
	  " 'last_used_at', t.last_used_at) ORDER BY t.id DESC), '[]'::json),"                    \
	  " 'total', count(*))::text FROM api_tokens t JOIN users u ON u.id = t.user_id")         \
	X(STMT_APITOKEN_CREATE, 6,                                                                \
	  "INSERT INTO api_tokens AS t (name, user_id, prefix, token_hash, created_by, "          \
	  "expires_at)"                                                                           \
	  " SELECT $1, u.id, $3, $4::bytea, $5::integer,"                                         \
	  "  ($6::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'"                           \
	  " FROM users u WHERE u.id = $2::integer AND u.role IN ('party_reader', 'leadership')"   \
	  " AND u.disabled_at IS NULL AND $6::date >= (now() AT TIME ZONE "                       \
	  "'Asia/Ho_Chi_Minh')::date"                                                             \
	  " AND $6::date <= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 366"                  \
	  " RETURNING t.id, json_build_object('id', t.id, 'name', t.name, 'user',"                \
	  "  (SELECT json_build_object('id', u.id, 'username', u.username, 'full_name',"          \
	  "  u.full_name, 'role', u.role) FROM users u WHERE u.id = t.user_id), 'prefix', "       \
	  "t.prefix,"                                                                             \
	  "  'created_at', t.created_at, 'expires_at', t.expires_at, 'revoked_at', t.revoked_at," \
	  "  'last_used_at', t.last_used_at)::text")                                              \
	X(STMT_APITOKEN_REVOKE, 1,                                                                \
	  "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now())"                        \
	  " WHERE id = $1::integer RETURNING name")                                               \
	X(STMT_AUDIT_LIST, 8,                                                                     \
	  "SELECT json_build_object('items', coalesce(json_agg(json_build_object('id', a.id,"     \
	  " 'at', a.at, 'actor', CASE WHEN a.actor_id IS NULL THEN NULL ELSE json_build_object("  \
	  " 'id', a.actor_id, 'username', (SELECT username FROM users WHERE id = a.actor_id)) "   \
	  "END,"                                                                                  \
	  " 'unit_id', a.unit_id, 'action', a.action, 'object_type', a.object_type,"              \
	  " 'object_id', a.object_id, 'before', a.before, 'after', a.after,"                      \
	  " 'client_addr', a.client_addr, 'request_id', a.request_id) ORDER BY a.id DESC),"       \
	  " '[]'::json), 'next_before', CASE WHEN count(*) = $8::integer THEN min(a.id) "         \
	  "END)::text"                                                                            \
	  " FROM (SELECT * FROM audit_log WHERE ($1::text IS NULL OR action = $1)"                \
	  "  AND ($2::integer IS NULL OR actor_id = $2::integer)"                                 \
	  "  AND ($3::text IS NULL OR object_type = $3) AND ($4::text IS NULL OR object_id = $4)" \
	  "  AND ($5::date IS NULL OR at >= ($5::date)::timestamp AT TIME ZONE "                  \
	  "'Asia/Ho_Chi_Minh')"                                                                   \
	  "  AND ($6::date IS NULL OR at < ($6::date + 1)::timestamp AT TIME ZONE"                \
	  "   'Asia/Ho_Chi_Minh') AND ($7::bigint IS NULL OR id < $7::bigint)"                    \
	  "  ORDER BY id DESC LIMIT $8::integer) a")

#define DB_STMT_ENUM(name, nparams, sql) name,
enum db_stmt { DB_STATEMENTS(DB_STMT_ENUM) DB_STATEMENTS_ACCOUNTS(DB_STMT_ENUM) STMT__MAX };
#undef DB_STMT_ENUM

#endif
