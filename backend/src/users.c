/* Users (admin): list, create, read, change name/role/unit/disabled, reset the password.
 * Every change is audited with the user before and after. */
#include "handlers.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static bool username_valid(const char *s)
{
	size_t n = strlen(s);

	if (n < 3 || n > 64)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' ||
		      *s == '_' || *s == '-'))
			return false;
	return true;
}

static bool role_param(struct ctx *ctx, const char *role, const char *field)
{
	enum role r;

	if (role == NULL || auth_role_parse(role, &r))
		return true;
	http_error(ctx->resp, 400, "invalid_field", "Vai trò không hợp lệ.",
	           json_pack("{s:s}", "field", field));
	return false;
}

/* An integer member that must be a positive id; *out untouched when absent. */
static bool body_id(struct ctx *ctx, const char *name, bool required, char *out, size_t size)
{
	json_t *v = json_object_get(ctx->req->json, name);

	if (v == NULL && !required)
		return true;
	if (!json_is_integer(v) || json_integer_value(v) < 1 ||
	    json_integer_value(v) > 2147483647) {
		http_error(ctx->resp, 400, "invalid_field", "Mã đơn vị phải là số nguyên dương.",
		           json_pack("{s:s}", "field", name));
		return false;
	}
	snprintf(out, size, "%lld", (long long)json_integer_value(v));
	return true;
}

void users_list(struct ctx *ctx)
{
	static const char *const allowed[] = {"q",     "role",   "unit_id", "disabled",
	                                      "limit", "cursor", NULL};
	const char *p[6];
	const char *disabled = http_query_get(ctx->req, "disabled");
	long id;
	long limit = 50;
	char limit_s[8];

	if (!http_query_only(ctx->req, allowed, ctx->resp))
		return;
	p[0] = http_query_get(ctx->req, "q");
	p[1] = http_query_get(ctx->req, "role");
	p[2] = http_query_get(ctx->req, "unit_id");
	p[3] = disabled;
	p[4] = http_query_get(ctx->req, "cursor");
	if ((p[0] && (strlen(p[0]) == 0 || strlen(p[0]) > 200)) || !role_param(ctx, p[1], "role") ||
	    (p[2] && !http_parse_id(p[2], &id)) || (p[4] && !http_parse_id(p[4], &id)) ||
	    (disabled && strcmp(disabled, "true") != 0 && strcmp(disabled, "false") != 0)) {
		if (ctx->resp->status == 0)
			http_error(ctx->resp, 400, "invalid_parameter", "Bộ lọc không hợp lệ.",
			           NULL);
		return;
	}
	if (http_query_get(ctx->req, "limit") != NULL &&
	    (!http_parse_id(http_query_get(ctx->req, "limit"), &limit) || limit > 200)) {
		http_error(ctx->resp, 400, "invalid_parameter", "limit phải từ 1 đến 200.",
		           json_pack("{s:s}", "parameter", "limit"));
		return;
	}
	snprintf(limit_s, sizeof limit_s, "%ld", limit);
	p[5] = limit_s;
	db_respond_json(ctx->db, STMT_USERS_LIST, p, ctx->req->request_id, 200, ctx->resp);
}

void users_create(struct ctx *ctx)
{
	static const char *const allowed[] = {"username", "full_name", "role",
	                                      "unit_id",  "password",  NULL};
	const char *username;
	const char *full_name;
	const char *role;
	const char *password;
	char unit[16];
	char hash[crypto_pwhash_STRBYTES];
	char name[65];
	const char *p[5] = {name, NULL, NULL, unit, hash};
	PGresult *res;
	bool bad;

	if (!body_only(ctx, allowed))
		return;
	if ((username = body_string(ctx, "username", 64, true, &bad)) == NULL ||
	    (full_name = body_string(ctx, "full_name", 200, true, &bad)) == NULL ||
	    (role = body_string(ctx, "role", 32, true, &bad)) == NULL ||
	    !role_param(ctx, role, "role") || !body_id(ctx, "unit_id", true, unit, sizeof unit) ||
	    (password = body_string(ctx, "password", 1024, true, &bad)) == NULL)
		return;
	for (size_t i = 0; i <= strlen(username); i++)
		name[i] = (char)((username[i] >= 'A' && username[i] <= 'Z') ? username[i] + 32
		                                                            : username[i]);
	if (!username_valid(name)) {
		http_error(
		    ctx->resp, 400, "invalid_field",
		    "Tên đăng nhập gồm 3–64 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang.",
		    json_pack("{s:s}", "field", "username"));
		return;
	}
	if (!session_password_ok(ctx, password, name, "password"))
		return;
	if (!auth_password_hash(password, hash)) {
		http_error(ctx->resp, 503, "overloaded", "Máy chủ đang quá tải.", NULL);
		return;
	}
	p[1] = full_name;
	p[2] = role;
	res = db_run(ctx->db, STMT_USER_CREATE, p, ctx->req->request_id, ctx->resp);
	sodium_memzero(hash, sizeof hash);
	if (res == NULL) {
		if (ctx->resp->status == 409)
			http_error(ctx->resp, 409, "conflict", "Tên đăng nhập đã được sử dụng.",
			           json_pack("{s:s}", "field", "username"));
		else if (ctx->resp->status == 409 || ctx->resp->status == 400)
			http_error(ctx->resp, 400, "invalid_field", "Đơn vị không tồn tại.",
			           json_pack("{s:s}", "field", "unit_id"));
		return;
	}
	if (audit_write(ctx, 0, 0, "user.created", "user", PQgetvalue(res, 0, 0), NULL,
	                PQgetvalue(res, 0, 1)))
		http_json_text(ctx->resp, 201, PQgetvalue(res, 0, 1),
		               (size_t)PQgetlength(res, 0, 1));
	PQclear(res);
}

void users_get(struct ctx *ctx)
{
	const char *p[1] = {ctx->req->route_params[0]};
	long id;

	if (!http_query_only(ctx->req, (const char *const[]){NULL}, ctx->resp))
		return;
	if (!http_parse_id(p[0], &id)) {
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy tài khoản.", NULL);
		return;
	}
	db_respond_json(ctx->db, STMT_USER_GET, p, ctx->req->request_id, 200, ctx->resp);
	if (ctx->resp->status == 404)
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy tài khoản.", NULL);
}

void users_update(struct ctx *ctx)
{
	static const char *const allowed[] = {"full_name", "role", "unit_id", "disabled", NULL};
	const char *id = ctx->req->route_params[0];
	char unit[16];
	const char *p[5] = {id, NULL, NULL, NULL, NULL};
	json_t *disabled;
	PGresult *res;
	bool bad;
	long n;

	if (!http_parse_id(id, &n)) {
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy tài khoản.", NULL);
		return;
	}
	if (!body_only(ctx, allowed))
		return;
	if (json_object_size(ctx->req->json) == 0) {
		http_error(ctx->resp, 400, "invalid_body", "Không có thay đổi nào.", NULL);
		return;
	}
	p[1] = body_string(ctx, "full_name", 200, false, &bad);
	if (bad)
		return;
	p[2] = body_string(ctx, "role", 32, false, &bad);
	if (bad || !role_param(ctx, p[2], "role"))
		return;
	if (json_object_get(ctx->req->json, "unit_id") != NULL) {
		if (!body_id(ctx, "unit_id", true, unit, sizeof unit))
			return;
		p[3] = unit;
	}
	disabled = json_object_get(ctx->req->json, "disabled");
	if (disabled != NULL) {
		if (!json_is_boolean(disabled)) {
			http_error(ctx->resp, 400, "invalid_field",
			           "disabled phải là true hoặc false.",
			           json_pack("{s:s}", "field", "disabled"));
			return;
		}
		p[4] = json_is_true(disabled) ? "true" : "false";
	}
	/* An admin cannot lock themselves out. */
	if (n == ctx->who.user_id && (p[2] != NULL || p[3] != NULL || json_is_true(disabled))) {
		http_error(
		    ctx->resp, 422, "cannot_change_self",
		    "Không thể tự đổi vai trò, đơn vị hoặc vô hiệu hóa tài khoản của chính mình.",
		    NULL);
		return;
	}
	res = db_run(ctx->db, STMT_USER_UPDATE, p, ctx->req->request_id, ctx->resp);
	if (res == NULL) {
		if (ctx->resp->status == 409 || ctx->resp->status == 400)
			http_error(ctx->resp, 400, "invalid_field", "Đơn vị không tồn tại.",
			           json_pack("{s:s}", "field", "unit_id"));
		return;
	}
	if (PQntuples(res) != 1) {
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy tài khoản.", NULL);
		PQclear(res);
		return;
	}
	/* Role, unit or access changed: the user's sessions end now. */
	if (PQgetvalue(res, 0, 2)[0] == 't') {
		const char *p1[1] = {id};

		PQclear(
		    db_run(ctx->db, STMT_REFRESH_REVOKE_USER, p1, ctx->req->request_id, ctx->resp));
	}
	if (ctx->resp->status == 0 && audit_write(ctx, 0, 0, "user.updated", "user", id,
	                                          PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 0)))
		http_json_text(ctx->resp, 200, PQgetvalue(res, 0, 0),
		               (size_t)PQgetlength(res, 0, 0));
	PQclear(res);
}

void users_reset_password(struct ctx *ctx)
{
	static const char *const allowed[] = {"password", NULL};
	const char *id = ctx->req->route_params[0];
	char hash[crypto_pwhash_STRBYTES];
	const char *p1[1] = {id};
	const char *p3[3] = {id, hash, "true"};
	const char *password;
	PGresult *res;
	bool bad;
	long n;

	if (!http_parse_id(id, &n)) {
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy tài khoản.", NULL);
		return;
	}
	if (!body_only(ctx, allowed))
		return;
	password = body_string(ctx, "password", 1024, true, &bad);
	if (bad)
		return;
	res = db_run(ctx->db, STMT_PASSWORD_GET, p1, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	if (PQntuples(res) != 1) {
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy tài khoản.", NULL);
		PQclear(res);
		return;
	}
	if (!session_password_ok(ctx, password, PQgetvalue(res, 0, 1), "password") ||
	    !auth_password_hash(password, hash)) {
		if (ctx->resp->status == 0)
			http_error(ctx->resp, 503, "overloaded", "Máy chủ đang quá tải.", NULL);
		PQclear(res);
		return;
	}
	PQclear(res);
	PQclear(db_run(ctx->db, STMT_PASSWORD_SET, p3, ctx->req->request_id, ctx->resp));
	sodium_memzero(hash, sizeof hash);
	if (ctx->resp->status == 0)
		PQclear(
		    db_run(ctx->db, STMT_REFRESH_REVOKE_USER, p1, ctx->req->request_id, ctx->resp));
	if (ctx->resp->status == 0 &&
	    audit_write(ctx, 0, 0, "user.password_reset", "user", id, NULL, NULL)) {
		ctx->resp->status = 204;
		ctx->resp->content_type = "application/json; charset=utf-8";
	}
}
