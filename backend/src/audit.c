/* The audit log: append records in the request's transaction; list them for admins. */
#include "handlers.h"

#include <stdio.h>
#include <string.h>

bool audit_write(struct ctx *ctx, int actor_id, int unit_id, const char *action,
                 const char *object_type, const char *object_id, const char *before,
                 const char *after)
{
	char actor[16];
	char unit[16];
	const char *params[9];
	PGresult *res;

	if (actor_id == 0 && ctx->who.authenticated)
		actor_id = ctx->who.user_id;
	if (unit_id == 0 && ctx->who.authenticated)
		unit_id = ctx->who.unit_id;
	snprintf(actor, sizeof actor, "%d", actor_id);
	snprintf(unit, sizeof unit, "%d", unit_id);
	params[0] = actor_id > 0 ? actor : NULL;
	params[1] = unit_id > 0 ? unit : NULL;
	params[2] = action;
	params[3] = object_type;
	params[4] = object_id;
	params[5] = before;
	params[6] = after;
	params[7] = ctx->req->remote_addr[0] ? ctx->req->remote_addr : NULL;
	params[8] = ctx->req->request_id;
	res = db_run(ctx->db, STMT_AUDIT, params, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return false;
	PQclear(res);
	return true;
}

static bool valid_date(const char *s)
{
	int y, m, d;
	char tail;

	return s == NULL ||
	       (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
	        y >= 2000 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
}

void audit_list(struct ctx *ctx)
{
	static const char *const allowed[] = {"action",    "actor_id", "object_type",
	                                      "object_id", "from",     "to",
	                                      "before",    "limit",    NULL};
	const char *p[8];
	long id;
	long limit = 50;
	char limit_s[8];

	if (!http_query_only(ctx->req, allowed, ctx->resp))
		return;
	p[0] = http_query_get(ctx->req, "action");
	p[1] = http_query_get(ctx->req, "actor_id");
	p[2] = http_query_get(ctx->req, "object_type");
	p[3] = http_query_get(ctx->req, "object_id");
	p[4] = http_query_get(ctx->req, "from");
	p[5] = http_query_get(ctx->req, "to");
	p[6] = http_query_get(ctx->req, "before");
	if ((p[1] && !http_parse_id(p[1], &id)) || (p[6] && !http_parse_id(p[6], &id)) ||
	    (p[0] && strlen(p[0]) > 64) || (p[2] && strlen(p[2]) > 64) ||
	    (p[3] && strlen(p[3]) > 64) || !valid_date(p[4]) || !valid_date(p[5])) {
		http_error(ctx->resp, 400, "invalid_parameter",
		           "Bộ lọc không hợp lệ (mã số nguyên dương, ngày dạng YYYY-MM-DD).", NULL);
		return;
	}
	if (http_query_get(ctx->req, "limit") != NULL &&
	    (!http_parse_id(http_query_get(ctx->req, "limit"), &limit) || limit > 200)) {
		http_error(ctx->resp, 400, "invalid_parameter", "limit phải từ 1 đến 200.",
		           json_pack("{s:s}", "parameter", "limit"));
		return;
	}
	snprintf(limit_s, sizeof limit_s, "%ld", limit);
	p[7] = limit_s;
	db_respond_json(ctx->db, STMT_AUDIT_LIST, p, ctx->req->request_id, 200, ctx->resp);
}
