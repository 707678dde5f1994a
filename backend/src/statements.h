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

#define DB_STMT_ENUM(name, nparams, sql) name,
enum db_stmt { DB_STATEMENTS(DB_STMT_ENUM) STMT__MAX };
#undef DB_STMT_ENUM

#endif
