/* In-app notifications of the signed-in user: list, unread count, mark as read. */
#include "handlers.h"

#include <stdio.h>
#include <string.h>

void notifications_list(struct ctx *ctx)
{
	static const char *const allowed[] = {"unread", "before", "limit", NULL};
	char user[16];
	char limit_s[8];
	const char *p[4] = {user, NULL, NULL, limit_s};
	long limit = 30;
	long id;

	if (!http_query_only(ctx->req, allowed, ctx->resp))
		return;
	p[1] = http_query_get(ctx->req, "unread");
	p[2] = http_query_get(ctx->req, "before");
	if ((p[1] && strcmp(p[1], "true") != 0 && strcmp(p[1], "false") != 0) ||
	    (p[2] && !http_parse_id(p[2], &id))) {
		http_error(ctx->resp, 400, "invalid_parameter", "Bộ lọc không hợp lệ.", NULL);
		return;
	}
	if (http_query_get(ctx->req, "limit") != NULL &&
	    (!http_parse_id(http_query_get(ctx->req, "limit"), &limit) || limit > 100)) {
		http_error(ctx->resp, 400, "invalid_parameter", "limit phải từ 1 đến 100.",
		           json_pack("{s:s}", "parameter", "limit"));
		return;
	}
	snprintf(user, sizeof user, "%d", ctx->who.user_id);
	snprintf(limit_s, sizeof limit_s, "%ld", limit);
	db_respond_json(ctx->db, STMT_NOTIFICATIONS_LIST, p, ctx->req->request_id, 200, ctx->resp);
}

void notifications_read(struct ctx *ctx)
{
	static const char *const allowed[] = {"ids", "all", NULL};
	json_t *ids = json_object_get(ctx->req->json, "ids");
	json_t *all = json_object_get(ctx->req->json, "all");
	char user[16];
	char list[1200];
	const char *p[3] = {user, "false", list};

	if (!body_only(ctx, allowed))
		return;
	if ((all != NULL && !json_is_true(all)) || (all == NULL) == (ids == NULL) ||
	    (ids != NULL && (!json_is_array(ids) || json_array_size(ids) > 100))) {
		http_error(ctx->resp, 400, "invalid_body",
		           "Gửi {\"all\": true} hoặc {\"ids\": [...]} (tối đa 100 mã).", NULL);
		return;
	}
	if (ids != NULL && !body_id_list(ctx, ids, "ids", 0, 100, list, sizeof list))
		return;
	if (ids == NULL)
		snprintf(list, sizeof list, "{}");
	if (all != NULL)
		p[1] = "true";
	snprintf(user, sizeof user, "%d", ctx->who.user_id);
	db_respond_json(ctx->db, STMT_NOTIFICATIONS_READ, p, ctx->req->request_id, 200, ctx->resp);
}
