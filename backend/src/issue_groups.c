/* Issue groups: a department groups the same question from several communes and answers
 * it once; every member gets the answer and its own event. */
#include "handlers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void unit_param(const struct ctx *ctx, char *out, size_t size)
{
	snprintf(out, size, "%d", ctx->who.unit_id);
}

void groups_list(struct ctx *ctx)
{
	char unit[16];
	const char *p[1] = {unit};

	if (!http_query_only(ctx->req, (const char *const[]){NULL}, ctx->resp))
		return;
	unit_param(ctx, unit, sizeof unit);
	db_respond_json(ctx->db, STMT_GROUPS_LIST, p, ctx->req->request_id, 200, ctx->resp);
}

static void respond_group(struct ctx *ctx, const char *id, int status)
{
	char unit[16];
	const char *p[2] = {id, unit};

	unit_param(ctx, unit, sizeof unit);
	db_respond_json(ctx->db, STMT_GROUP_GET, p, ctx->req->request_id, status, ctx->resp);
	if (ctx->resp->status == 404)
		http_error(ctx->resp, 404, "group_not_found", "Không tìm thấy nhóm kiến nghị.",
		           NULL);
}

void groups_get(struct ctx *ctx)
{
	long id;

	if (!http_query_only(ctx->req, (const char *const[]){NULL}, ctx->resp))
		return;
	if (!http_parse_id(ctx->req->route_params[0], &id)) {
		http_error(ctx->resp, 404, "group_not_found", "Không tìm thấy nhóm kiến nghị.",
		           NULL);
		return;
	}
	respond_group(ctx, ctx->req->route_params[0], 200);
}

void groups_create(struct ctx *ctx)
{
	static const char *const allowed[] = {"title", "issue_ids", NULL};
	json_t *ids = json_object_get(ctx->req->json, "issue_ids");
	char user[16];
	char unit[16];
	char list[640];
	const char *p[4] = {user, unit, NULL, list};
	PGresult *res;
	char gid[16];
	bool bad;

	if (!body_only(ctx, allowed))
		return;
	if ((p[2] = body_string(ctx, "title", 300, true, &bad)) == NULL)
		return;
	if (!body_id_list(ctx, ids, "issue_ids", 2, 50, list, sizeof list))
		return;
	snprintf(user, sizeof user, "%d", ctx->who.user_id);
	unit_param(ctx, unit, sizeof unit);
	res = db_run(ctx->db, STMT_GROUP_CREATE, p, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	snprintf(gid, sizeof gid, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	respond_group(ctx, gid, 201);
}

void groups_answer(struct ctx *ctx)
{
	static const char *const allowed[] = {"answer", "legal_basis", "shareable", NULL};
	char user[16];
	char unit[16];
	long id;
	const char *p[5];
	json_t *share = json_object_get(ctx->req->json, "shareable");
	PGresult *res;
	char *text;
	bool bad;

	if (!http_parse_id(ctx->req->route_params[0], &id)) {
		http_error(ctx->resp, 404, "group_not_found", "Không tìm thấy nhóm kiến nghị.",
		           NULL);
		return;
	}
	if (!body_only(ctx, allowed) || body_prose(ctx, "answer", 20000, true, &bad) == NULL)
		return;
	body_string(ctx, "legal_basis", 500, false, &bad);
	if (bad)
		return;
	if (share != NULL && !json_is_boolean(share)) {
		http_error(ctx->resp, 400, "invalid_field", "shareable phải là true hoặc false.",
		           json_pack("{s:s}", "field", "shareable"));
		return;
	}
	text = json_dumps(ctx->req->json, JSON_COMPACT);
	if (text == NULL) {
		http_error(ctx->resp, 500, "internal", "Lỗi máy chủ.", NULL);
		return;
	}
	snprintf(user, sizeof user, "%d", ctx->who.user_id);
	unit_param(ctx, unit, sizeof unit);
	p[0] = ctx->req->route_params[0];
	p[1] = user;
	p[2] = auth_role_name(ctx->who.role);
	p[3] = unit;
	p[4] = text;
	res = db_run(ctx->db, STMT_GROUP_ANSWER, p, ctx->req->request_id, ctx->resp);
	free(text);
	if (res == NULL)
		return;
	PQclear(res);
	respond_group(ctx, ctx->req->route_params[0], 200);
}
