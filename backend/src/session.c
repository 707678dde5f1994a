/* Sessions: who is calling (access tokens, API tokens), login with lockout, refresh-token
 * rotation with reuse detection, logout, the caller's own account and password. */
#include "handlers.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

#define REFRESH_COOKIE "ts_refresh"
#define REFRESH_PATH "/api/v1/auth"

static char dummy_hash[crypto_pwhash_STRBYTES];

bool session_init(void)
{
	char pw[AUTH_SECRET_B64LEN + 1];
	unsigned char unused[32];

	/* Unknown names are checked against this hash so that they take as long as known ones. */
	auth_secret_new(pw, unused);
	return auth_password_hash(pw, dummy_hash);
}

/* bytea input in hex form: \\x followed by the digits of a SHA-256 hash. */
static void bytea_hex(const unsigned char *hash, char *out, size_t size)
{
	snprintf(out, size, "\\x");
	sodium_bin2hex(out + 2, size - 2, hash, 32);
}

static void unauthenticated(struct ctx *ctx, const char *message)
{
	http_error(ctx->resp, 401, "unauthenticated", message, NULL);
	http_add_header(ctx->resp, "WWW-Authenticate", "Bearer realm=\"thongsuot\"");
}

static bool api_token_within_rate(struct ctx *ctx);

static bool authenticate_api_token(struct ctx *ctx, const char *token)
{
	unsigned char hash[32];
	char hex[2 + 64 + 1];
	const char *params[1];
	PGresult *res;
	bool ok;

	if (!auth_secret_hash(token + strlen(AUTH_API_TOKEN_PREFIX), hash)) {
		unauthenticated(ctx, "Mã truy cập API không hợp lệ.");
		return false;
	}
	bytea_hex(hash, hex, sizeof hex);
	params[0] = hex;
	/* The check records the token's last use: a write, even for a GET, so the request's
	 * transaction is an ordinary one, committed before the answer. */
	ctx->db->read_only = false;
	ctx->speculate = false;
	res = db_run(ctx->db, STMT_APITOKEN_CHECK, params, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return false;
	ok = PQntuples(res) == 1 && auth_role_parse(PQgetvalue(res, 0, 2), &ctx->who.role);
	if (ok) {
		ctx->who.authenticated = true;
		ctx->who.api_token_id = atoi(PQgetvalue(res, 0, 0));
		ctx->who.user_id = atoi(PQgetvalue(res, 0, 1));
		ctx->who.unit_id = atoi(PQgetvalue(res, 0, 3));
	}
	PQclear(res);
	if (!ok) {
		unauthenticated(ctx, "Mã truy cập API không đúng, đã hết hạn hoặc đã bị thu hồi.");
		return false;
	}
	return api_token_within_rate(ctx);
}

/* Each API token may make api_token_rate calls a minute; the next one waits. */
static bool api_token_within_rate(struct ctx *ctx)
{
	char id[16];
	const char *p[1] = {id};
	PGresult *res;
	bool ok;

	snprintf(id, sizeof id, "%d", ctx->who.api_token_id);
	res = db_run(ctx->db, STMT_APITOKEN_RATE, p, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return false;
	ok = atoi(PQgetvalue(res, 0, 0)) < ctx->cfg->api_token_rate;
	if (!ok) {
		char retry[16];
		int wait = atoi(PQgetvalue(res, 0, 1));

		snprintf(retry, sizeof retry, "%d", wait > 0 ? wait : 1);
		http_error(ctx->resp, 429, "rate_limited",
		           "Mã truy cập API đã gọi quá số lần cho phép trong một phút.",
		           json_pack("{s:i,s:i}", "limit_per_minute", ctx->cfg->api_token_rate,
		                     "retry_after_s", wait > 0 ? wait : 1));
		http_add_header(ctx->resp, "Retry-After", retry);
	}
	PQclear(res);
	return ok;
}

void session_record_token_call(struct ctx *ctx)
{
	char id[16];
	char status[8];
	const char *p[5] = {id, http_method_name(ctx->req->method), ctx->req->path, NULL, status};
	struct response scratch;
	PGresult *res;

	if (ctx->who.api_token_id <= 0)
		return;
	memset(&scratch, 0, sizeof scratch);
	snprintf(id, sizeof id, "%d", ctx->who.api_token_id);
	snprintf(status, sizeof status, "%d", ctx->resp->status);
	p[3] = ctx->req->query_string[0] ? ctx->req->query_string : NULL;
	res = db_run(ctx->db, STMT_APITOKEN_CALL, p, ctx->req->request_id, &scratch);
	if (res != NULL) {
		PQclear(res);
		db_commit(ctx->db, &scratch);
	} else {
		db_rollback(ctx->db);
	}
	http_response_reset(&scratch);
}

/* Whether the session check's row asks for a password change first (never for demo
 * accounts in demo mode). */
static bool check_must_change(const struct ctx *ctx, const PGresult *res)
{
	return PQgetvalue(res, 0, 2)[0] == 't' &&
	       !(ctx->cfg->demo_mode && PQgetvalue(res, 0, 3)[0] == 't');
}

/* The session check's answer to a speculating request: the same role and unit as the token
 * claims, and no password change pending (such routes do not speculate). */
static bool check_confirms(void *arg, const PGresult *res)
{
	const struct ctx *ctx = arg;
	enum role role;

	return PQntuples(res) == 1 && auth_role_parse(PQgetvalue(res, 0, 0), &role) &&
	       role == ctx->who.role && atoi(PQgetvalue(res, 0, 1)) == ctx->who.unit_id &&
	       !check_must_change(ctx, res);
}

bool session_confirmed(struct ctx *ctx)
{
	return !ctx->speculate || db_ahead_flush(ctx->db, ctx->req->request_id);
}

static bool authenticate_access(struct ctx *ctx, const char *token)
{
	struct access_claims claims;
	const char *why = NULL;
	char uid[16];
	char ver[16];
	const char *params[2] = {uid, ver};
	PGresult *res;
	bool ok;

	if (!auth_verify_access(ctx->cfg->jwt_key, ctx->cfg->jwt_key_len, token, time(NULL),
	                        &claims, &why)) {
		log_info("rid=%s token refused: %s", ctx->req->request_id, why);
		unauthenticated(ctx, strcmp(why, "expired") == 0
		                         ? "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."
		                         : "Mã xác thực không hợp lệ. Vui lòng đăng nhập lại.");
		return false;
	}
	snprintf(uid, sizeof uid, "%d", claims.user_id);
	snprintf(ver, sizeof ver, "%d", claims.version);
	if (ctx->speculate) {
		ctx->who.authenticated = true;
		ctx->who.user_id = claims.user_id;
		ctx->who.role = claims.role;
		ctx->who.unit_id = claims.unit_id;
		ctx->who.token_version = claims.version;
		if (db_run_ahead(ctx->db, STMT_SESSION_CHECK, params, 2, check_confirms, ctx))
			return true;
		memset(&ctx->who, 0, sizeof ctx->who);
		ctx->speculate = false;
	}
	res = db_run(ctx->db, STMT_SESSION_CHECK, params, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return false;
	ok = PQntuples(res) == 1 && auth_role_parse(PQgetvalue(res, 0, 0), &ctx->who.role);
	if (ok) {
		ctx->who.authenticated = true;
		ctx->who.user_id = claims.user_id;
		ctx->who.unit_id = atoi(PQgetvalue(res, 0, 1));
		ctx->who.token_version = claims.version;
		ctx->who.must_change_password = check_must_change(ctx, res);
	}
	PQclear(res);
	if (!ok)
		unauthenticated(ctx, "Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.");
	return ok;
}

bool session_authorize(struct ctx *ctx, const struct route *route)
{
	const char *auth = ctx->req->authorization;
	const char *token;

	if (route->roles == ROLES_PUBLIC)
		return true;
	if (ctx->req->authorization_too_long) {
		unauthenticated(ctx, "Mã xác thực quá dài.");
		return false;
	}
	if (strncmp(auth, "Bearer ", 7) != 0 || auth[7] == '\0') {
		unauthenticated(ctx, "Vui lòng đăng nhập.");
		return false;
	}
	token = auth + 7;
	if (strncmp(token, AUTH_API_TOKEN_PREFIX, strlen(AUTH_API_TOKEN_PREFIX)) == 0) {
		if (!authenticate_api_token(ctx, token))
			return false;
		/* API tokens only read. */
		if (ctx->req->method != HTTP_GET && ctx->req->method != HTTP_HEAD) {
			http_error(ctx->resp, 403, "read_only_token",
			           "Mã truy cập API chỉ được dùng để đọc dữ liệu.", NULL);
			return false;
		}
	} else if (!authenticate_access(ctx, token)) {
		return false;
	}
	if (!(route->roles & ROLE_BIT(ctx->who.role))) {
		http_error(ctx->resp, 403, "forbidden",
		           "Bạn không có quyền thực hiện thao tác này.", NULL);
		return false;
	}
	if (ctx->who.must_change_password && !(route->flags & ROUTE_PENDING_OK)) {
		http_error(ctx->resp, 403, "password_change_required",
		           "Bạn cần đổi mật khẩu trước khi tiếp tục.", NULL);
		return false;
	}
	return true;
}

bool authz_report(struct ctx *ctx, int unit_id, enum report_access access)
{
	bool own = ctx->who.unit_id == unit_id;
	bool dept =
	    ctx->who.role == ROLE_DEPARTMENT_OFFICER || ctx->who.role == ROLE_DEPARTMENT_HEAD;
	bool ok = false;

	switch (access) {
	case REPORT_READ:
		ok = (dept && own) || ctx->who.role == ROLE_HOME_AFFAIRS ||
		     ctx->who.role == ROLE_LEADERSHIP || ctx->who.role == ROLE_PARTY_READER;
		break;
	case REPORT_READ_DRAFT: ok = (dept && own) || ctx->who.role == ROLE_HOME_AFFAIRS; break;
	case REPORT_WRITE: ok = dept && own; break;
	case REPORT_SUBMIT: ok = ctx->who.role == ROLE_DEPARTMENT_HEAD && own; break;
	case REPORT_RETURN: ok = ctx->who.role == ROLE_HOME_AFFAIRS; break;
	case REPORT_ACCESS__MAX: break;
	}
	if (!ok && access != REPORT_READ_DRAFT)
		http_error(ctx->resp, 403, "forbidden",
		           "Bạn không có quyền với báo cáo của đơn vị này.", NULL);
	return ok;
}

static void set_refresh_cookie(struct ctx *ctx, const char *value, int max_age)
{
	char cookie[256];

	snprintf(cookie, sizeof cookie, "%s=%s; Path=%s; Max-Age=%d; HttpOnly; SameSite=Strict%s",
	         REFRESH_COOKIE, value, REFRESH_PATH, max_age, ctx->req->https ? "; Secure" : "");
	http_add_header(ctx->resp, "Set-Cookie", cookie);
}

/* Starts or continues a session for user_id: new refresh token (in family, or a new family
 * when NULL), a new access token, the cookie, and the session JSON with status. */
static void issue_session(struct ctx *ctx, int user_id, const char *family, int status)
{
	char uid[16];
	char ttl[16];
	char secret[AUTH_SECRET_B64LEN + 1];
	unsigned char hash[32];
	char hash_hex[2 + 64 + 1];
	const char *p1[1] = {uid};
	const char *p4[4] = {uid, family, hash_hex, ttl};
	PGresult *res = NULL;
	PGresult *ins = NULL;
	enum role role;
	char *token = NULL;
	json_t *user;
	bool must_change;

	snprintf(uid, sizeof uid, "%d", user_id);
	snprintf(ttl, sizeof ttl, "%d", ctx->cfg->refresh_ttl);
	res = db_run(ctx->db, STMT_USER_SESSION, p1, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		goto out;
	if (PQntuples(res) != 1 || !auth_role_parse(PQgetvalue(res, 0, 0), &role)) {
		http_error(ctx->resp, 401, "invalid_refresh", "Phiên làm việc đã kết thúc.", NULL);
		goto out;
	}
	auth_secret_new(secret, hash);
	bytea_hex(hash, hash_hex, sizeof hash_hex);
	ins = db_run(ctx->db, STMT_REFRESH_CREATE, p4, ctx->req->request_id, ctx->resp);
	if (ins == NULL)
		goto out;
	token =
	    auth_issue_access(ctx->cfg->jwt_key, ctx->cfg->jwt_key_len, user_id, role,
	                      atoi(PQgetvalue(res, 0, 1)), atoi(PQgetvalue(res, 0, 2)), time(NULL));
	user = json_loads(PQgetvalue(res, 0, 5), 0, NULL);
	if (token == NULL || user == NULL) {
		json_decref(user);
		log_error("rid=%s issuing an access token failed", ctx->req->request_id);
		http_error(ctx->resp, 500, "internal", "Lỗi máy chủ.", NULL);
		goto out;
	}
	must_change = PQgetvalue(res, 0, 3)[0] == 't' &&
	              !(ctx->cfg->demo_mode && PQgetvalue(res, 0, 4)[0] == 't');
	json_object_set_new(user, "must_change_password", json_boolean(must_change));
	set_refresh_cookie(ctx, secret, ctx->cfg->refresh_ttl);
	http_json(ctx->resp, status,
	          json_pack("{s:s,s:s,s:i,s:b,s:o}", "access_token", token, "token_type", "Bearer",
	                    "expires_in", AUTH_ACCESS_TTL, "must_change_password", must_change,
	                    "user", user));
out:
	sodium_memzero(secret, sizeof secret);
	free(token);
	PQclear(res);
	PQclear(ins);
}

/* Lower-cases an ASCII user name into out; false when it cannot be a user name at all. */
static bool normalise_username(const char *in, char *out, size_t size)
{
	size_t n = strlen(in);

	if (n == 0 || n >= size)
		return false;
	for (size_t i = 0; i <= n; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	return true;
}

static void locked_response(struct ctx *ctx, int seconds)
{
	char retry[16];
	char msg[160];

	snprintf(retry, sizeof retry, "%d", seconds);
	snprintf(msg, sizeof msg,
	         "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau %d phút.",
	         (seconds + 59) / 60);
	http_error(ctx->resp, 429, "account_locked", msg,
	           json_pack("{s:i}", "retry_after_s", seconds));
	http_add_header(ctx->resp, "Retry-After", retry);
}

void session_login(struct ctx *ctx)
{
	static const char *const allowed[] = {"username", "password", NULL};
	const char *username;
	const char *password;
	char name[65];
	const char *p1[1] = {name};
	PGresult *res = NULL;
	PGresult *fail = NULL;
	bool bad;
	bool known;
	bool ok;
	char uid[16] = "";
	int user_id = 0;
	int unit_id = 0;

	if (!body_only(ctx, allowed))
		return;
	username = body_string(ctx, "username", 200, true, &bad);
	if (bad)
		return;
	password = body_string(ctx, "password", 1024, true, &bad);
	if (bad)
		return;
	/* A name that cannot exist is simply wrong, like any other (and never stored). */
	if (!normalise_username(username, name, sizeof name)) {
		auth_password_verify(dummy_hash, password);
		http_error(ctx->resp, 401, "invalid_credentials",
		           "Tên đăng nhập hoặc mật khẩu không đúng.", NULL);
		return;
	}

	res = db_run(ctx->db, STMT_THROTTLE_LOCKED, p1, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	if (PQntuples(res) == 1) {
		locked_response(ctx, atoi(PQgetvalue(res, 0, 0)));
		PQclear(res);
		return;
	}
	PQclear(res);

	res = db_run(ctx->db, STMT_USER_FOR_LOGIN, p1, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	known = PQntuples(res) == 1;
	ok = auth_password_verify(known ? PQgetvalue(res, 0, 1) : dummy_hash, password) && known;
	if (known) {
		user_id = atoi(PQgetvalue(res, 0, 0));
		unit_id = atoi(PQgetvalue(res, 0, 5));
		snprintf(uid, sizeof uid, "%d", user_id);
	}
	if (!ok) {
		fail = db_run(ctx->db, STMT_THROTTLE_FAIL, p1, ctx->req->request_id, ctx->resp);
		if (fail == NULL)
			goto out;
		/* The failure must be remembered even though the answer is an error. */
		ctx->resp->commit = true;
		if (PQgetvalue(fail, 0, 0)[0] == 't') {
			if (audit_write(ctx, user_id, unit_id, "auth.locked", "login", name, NULL,
			                NULL))
				locked_response(ctx, atoi(PQgetvalue(fail, 0, 1)));
		} else if (audit_write(ctx, user_id, unit_id, "auth.login_failed", "login", name,
		                       NULL, NULL)) {
			http_error(ctx->resp, 401, "invalid_credentials",
			           "Tên đăng nhập hoặc mật khẩu không đúng.", NULL);
		}
		goto out;
	}
	PQclear(db_run(ctx->db, STMT_THROTTLE_CLEAR, p1, ctx->req->request_id, ctx->resp));
	if (PQgetvalue(res, 0, 2)[0] == 't') {
		ctx->resp->commit = true;
		if (audit_write(ctx, user_id, unit_id, "auth.login_disabled", "user", uid, NULL,
		                NULL))
			http_error(
			    ctx->resp, 403, "account_disabled",
			    "Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống.",
			    NULL);
		goto out;
	}
	if (audit_write(ctx, user_id, unit_id, "auth.login", "user", uid, NULL, NULL))
		issue_session(ctx, user_id, NULL, 200);
out:
	PQclear(res);
	PQclear(fail);
}

/* Reads and hashes the refresh cookie; false (with 401 filled) when absent or malformed. */
static bool refresh_cookie_hash(struct ctx *ctx, char *hash_hex, size_t size)
{
	char value[AUTH_SECRET_B64LEN + 2];
	unsigned char hash[32];

	if (!auth_cookie_get(ctx->req->cookie, REFRESH_COOKIE, value, sizeof value) ||
	    !auth_secret_hash(value, hash)) {
		http_error(ctx->resp, 401, "invalid_refresh",
		           "Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.", NULL);
		return false;
	}
	bytea_hex(hash, hash_hex, size);
	return true;
}

void session_refresh(struct ctx *ctx)
{
	char hash_hex[2 + 64 + 1];
	const char *p1[1] = {hash_hex};
	PGresult *res = NULL;
	char family[40];
	char id[24];
	const char *pf[1] = {family};
	const char *pi[1] = {id};

	if (ctx->req->json != NULL && !body_only(ctx, (const char *const[]){NULL}))
		return;
	if (!refresh_cookie_hash(ctx, hash_hex, sizeof hash_hex))
		return;
	res = db_run(ctx->db, STMT_REFRESH_FIND, p1, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	if (PQntuples(res) != 1 || PQgetvalue(res, 0, 4)[0] == 't') {
		set_refresh_cookie(ctx, "", 0);
		http_error(ctx->resp, 401, "invalid_refresh",
		           "Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.", NULL);
		goto out;
	}
	snprintf(family, sizeof family, "%s", PQgetvalue(res, 0, 2));
	snprintf(id, sizeof id, "%s", PQgetvalue(res, 0, 0));
	if (PQgetvalue(res, 0, 3)[0] == 't') {
		/* A refresh token used twice was stolen or replayed: end the whole session. */
		PGresult *rv = db_run(ctx->db, STMT_REFRESH_REVOKE_FAMILY, pf, ctx->req->request_id,
		                      ctx->resp);

		if (rv == NULL)
			goto out;
		PQclear(rv);
		ctx->resp->commit = true;
		if (audit_write(ctx, atoi(PQgetvalue(res, 0, 1)), 0, "auth.refresh_reused",
		                "session", family, NULL, NULL)) {
			set_refresh_cookie(ctx, "", 0);
			http_error(ctx->resp, 401, "refresh_reused",
			           "Phiên làm việc đã bị thu hồi vì lý do an toàn. Vui lòng đăng "
			           "nhập lại.",
			           NULL);
		}
		goto out;
	}
	PQclear(db_run(ctx->db, STMT_REFRESH_MARK_USED, pi, ctx->req->request_id, ctx->resp));
	if (ctx->resp->status == 0)
		issue_session(ctx, atoi(PQgetvalue(res, 0, 1)), family, 200);
out:
	PQclear(res);
}

void session_logout(struct ctx *ctx)
{
	char hash_hex[2 + 64 + 1];
	const char *p1[1] = {hash_hex};
	PGresult *res;

	if (ctx->req->json != NULL && !body_only(ctx, (const char *const[]){NULL}))
		return;
	if (refresh_cookie_hash(ctx, hash_hex, sizeof hash_hex)) {
		res = db_run(ctx->db, STMT_REFRESH_FIND, p1, ctx->req->request_id, ctx->resp);
		if (res == NULL)
			return;
		if (PQntuples(res) == 1) {
			char family[40];
			const char *pf[1] = {family};

			snprintf(family, sizeof family, "%s", PQgetvalue(res, 0, 2));
			PQclear(db_run(ctx->db, STMT_REFRESH_REVOKE_FAMILY, pf,
			               ctx->req->request_id, ctx->resp));
			if (ctx->resp->status == 0)
				audit_write(ctx, atoi(PQgetvalue(res, 0, 1)), 0, "auth.logout",
				            "session", family, NULL, NULL);
		}
		PQclear(res);
		if (ctx->resp->status != 0)
			return;
	}
	/* Logging out without a session still clears the cookie: the answer is the same. */
	http_response_reset(ctx->resp);
	set_refresh_cookie(ctx, "", 0);
	ctx->resp->status = 204;
	ctx->resp->content_type = "application/json; charset=utf-8";
}

void me_get(struct ctx *ctx)
{
	char uid[16];
	const char *p1[1] = {uid};
	PGresult *res;
	json_t *user;

	if (!http_query_only(ctx->req, (const char *const[]){NULL}, ctx->resp))
		return;
	snprintf(uid, sizeof uid, "%d", ctx->who.user_id);
	res = db_run(ctx->db, STMT_USER_GET, p1, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	user = PQntuples(res) == 1 ? json_loads(PQgetvalue(res, 0, 0), 0, NULL) : NULL;
	PQclear(res);
	if (user == NULL) {
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy tài khoản.", NULL);
		return;
	}
	json_object_set_new(user, "must_change_password",
	                    json_boolean(ctx->who.must_change_password));
	http_json(ctx->resp, 200, user);
}

/* Checks the policy and answers 400 weak_password with the reason. */
bool session_password_ok(struct ctx *ctx, const char *password, const char *username,
                         const char *field)
{
	static const struct {
		const char *reason;
		const char *message;
	} messages[] = {
	    {"too_short", "Mật khẩu phải có ít nhất 10 ký tự."},
	    {"too_long", "Mật khẩu dài tối đa 128 ký tự."},
	    {"same_as_username", "Mật khẩu không được trùng tên đăng nhập."},
	    {"common", "Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác."},
	};
	const char *reason = auth_password_weak(password, username);

	if (reason == NULL)
		return true;
	for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++)
		if (strcmp(messages[i].reason, reason) == 0)
			http_error(ctx->resp, 400, "weak_password", messages[i].message,
			           json_pack("{s:s,s:s}", "field", field, "reason", reason));
	return false;
}

void me_password(struct ctx *ctx)
{
	static const char *const allowed[] = {"current_password", "new_password", NULL};
	const char *current;
	const char *next;
	char uid[16];
	char hash[crypto_pwhash_STRBYTES];
	const char *p1[1] = {uid};
	const char *p3[3] = {uid, hash, "false"};
	PGresult *res = NULL;
	bool bad;

	if (!body_only(ctx, allowed))
		return;
	current = body_string(ctx, "current_password", 1024, true, &bad);
	if (bad)
		return;
	next = body_string(ctx, "new_password", 1024, true, &bad);
	if (bad)
		return;
	snprintf(uid, sizeof uid, "%d", ctx->who.user_id);
	res = db_run(ctx->db, STMT_PASSWORD_GET, p1, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	if (PQntuples(res) != 1 || !auth_password_verify(PQgetvalue(res, 0, 0), current)) {
		http_error(ctx->resp, 400, "wrong_password", "Mật khẩu hiện tại không đúng.",
		           json_pack("{s:s}", "field", "current_password"));
		goto out;
	}
	if (!session_password_ok(ctx, next, PQgetvalue(res, 0, 1), "new_password"))
		goto out;
	if (strcmp(current, next) == 0) {
		http_error(ctx->resp, 400, "weak_password",
		           "Mật khẩu mới phải khác mật khẩu hiện tại.",
		           json_pack("{s:s,s:s}", "field", "new_password", "reason", "unchanged"));
		goto out;
	}
	if (!auth_password_hash(next, hash)) {
		http_error(ctx->resp, 503, "overloaded", "Máy chủ đang quá tải.", NULL);
		goto out;
	}
	/* Every other session ends: the version moves on and all refresh tokens are revoked. */
	PQclear(db_run(ctx->db, STMT_PASSWORD_SET, p3, ctx->req->request_id, ctx->resp));
	if (ctx->resp->status == 0)
		PQclear(
		    db_run(ctx->db, STMT_REFRESH_REVOKE_USER, p1, ctx->req->request_id, ctx->resp));
	if (ctx->resp->status == 0 &&
	    audit_write(ctx, 0, 0, "user.password_changed", "user", uid, NULL, NULL))
		issue_session(ctx, ctx->who.user_id, NULL, 200);
out:
	sodium_memzero(hash, sizeof hash);
	PQclear(res);
}
