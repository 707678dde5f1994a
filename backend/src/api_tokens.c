/* API tokens for the reporting API: created by an admin for a party_reader or leadership
 * user, shown once, stored as a hash, revocable. */
#include "handlers.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

void api_tokens_list(struct ctx *ctx)
{
	if (!http_query_only(ctx->req, (const char *const[]){NULL}, ctx->resp))
		return;
	db_respond_json(ctx->db, STMT_APITOKENS_LIST, NULL, ctx->req->request_id, 200, ctx->resp);
}

void api_tokens_create(struct ctx *ctx)
{
	static const char *const allowed[] = {"name", "user_id", "expires_at", NULL};
	const char *name;
	const char *expires;
	json_t *user = json_object_get(ctx->req->json, "user_id");
	char uid[16];
	char creator[16];
	char secret[AUTH_SECRET_B64LEN + 1];
	char token[sizeof AUTH_API_TOKEN_PREFIX + AUTH_SECRET_B64LEN];
	char prefix[16];
	unsigned char hash[32];
	char hash_hex[2 + 64 + 1];
	const char *p[6] = {NULL, uid, prefix, hash_hex, creator, NULL};
	PGresult *res;
	json_t *out;
	int y, m, d;
	char tail;
	bool bad;

	if (!body_only(ctx, allowed))
		return;
	if ((name = body_string(ctx, "name", 200, true, &bad)) == NULL)
		return;
	if (!json_is_integer(user) || json_integer_value(user) < 1 ||
	    json_integer_value(user) > 2147483647) {
		http_error(ctx->resp, 400, "invalid_field", "user_id phải là mã người dùng.",
		           json_pack("{s:s}", "field", "user_id"));
		return;
	}
	if ((expires = body_string(ctx, "expires_at", 10, true, &bad)) == NULL)
		return;
	if (strlen(expires) != 10 || sscanf(expires, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
		http_error(ctx->resp, 400, "invalid_field", "Ngày hết hạn phải có dạng YYYY-MM-DD.",
		           json_pack("{s:s}", "field", "expires_at"));
		return;
	}
	snprintf(uid, sizeof uid, "%lld", (long long)json_integer_value(user));
	snprintf(creator, sizeof creator, "%d", ctx->who.user_id);
	auth_secret_new(secret, hash);
	snprintf(token, sizeof token, "%s%s", AUTH_API_TOKEN_PREFIX, secret);
	snprintf(prefix, sizeof prefix, "%.10s", token);
	snprintf(hash_hex, sizeof hash_hex, "\\x");
	sodium_bin2hex(hash_hex + 2, sizeof hash_hex - 2, hash, sizeof hash);
	p[0] = name;
	p[5] = expires;
	res = db_run(ctx->db, STMT_APITOKEN_CREATE, p, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		goto out;
	if (PQntuples(res) != 1) {
		http_error(
		    ctx->resp, 422, "invalid_token_request",
		    "Mã truy cập chỉ cấp cho tài khoản Tỉnh ủy hoặc lãnh đạo tỉnh đang hoạt động, "
		    "hạn dùng từ hôm nay đến tối đa một năm.",
		    NULL);
		PQclear(res);
		goto out;
	}
	out = json_loads(PQgetvalue(res, 0, 1), 0, NULL);
	if (out != NULL && audit_write(ctx, 0, 0, "api_token.created", "api_token",
	                               PQgetvalue(res, 0, 0), NULL, PQgetvalue(res, 0, 1))) {
		json_object_set_new(out, "token", json_string(token));
		http_json(ctx->resp, 201, out);
	} else {
		json_decref(out);
		if (ctx->resp->status == 0)
			http_error(ctx->resp, 500, "internal", "Lỗi máy chủ.", NULL);
	}
	PQclear(res);
out:
	sodium_memzero(secret, sizeof secret);
	sodium_memzero(token, sizeof token);
}

void api_tokens_revoke(struct ctx *ctx)
{
	const char *p[1] = {ctx->req->route_params[0]};
	PGresult *res;
	long id;

	if (!http_parse_id(p[0], &id)) {
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy mã truy cập.", NULL);
		return;
	}
	res = db_run(ctx->db, STMT_APITOKEN_REVOKE, p, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	if (PQntuples(res) != 1)
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy mã truy cập.", NULL);
	else if (audit_write(ctx, 0, 0, "api_token.revoked", "api_token", p[0], NULL, NULL))
		ctx->resp->status = 204,
		ctx->resp->content_type = "application/json; charset=utf-8";
	PQclear(res);
}
