/* Units: the hierarchy from commune to central government (read-only for now). */
#include "handlers.h"

#include <stdio.h>
#include <string.h>

static const char *const unit_kinds[] = {"central", "province", "department", "commune", NULL};

void units_list(struct ctx *ctx)
{
	static const char *const allowed[] = {"kind", "parent", NULL};
	const char *kind = http_query_get(ctx->req, "kind");
	const char *parent = http_query_get(ctx->req, "parent");
	const char *params[2] = {NULL, NULL};
	bool kind_ok = kind == NULL;
	long parent_id;

	if (!http_query_only(ctx->req, allowed, ctx->resp))
		return;
	for (int i = 0; kind && unit_kinds[i]; i++)
		if (strcmp(kind, unit_kinds[i]) == 0)
			kind_ok = true;
	if (!kind_ok) {
		http_error(ctx->resp, 400, "invalid_parameter",
		           "Loại đơn vị không hợp lệ (central, province, department, commune).",
		           json_pack("{s:s}", "parameter", "kind"));
		return;
	}
	if (parent != NULL && !http_parse_id(parent, &parent_id)) {
		http_error(ctx->resp, 400, "invalid_parameter",
		           "Mã đơn vị cấp trên phải là số nguyên dương.",
		           json_pack("{s:s}", "parameter", "parent"));
		return;
	}
	params[0] = kind;
	params[1] = parent;
	db_respond_json(ctx->db, STMT_UNITS_LIST, params, ctx->req->request_id, 200, ctx->resp);
}

void units_get(struct ctx *ctx)
{
	static const char *const allowed[] = {NULL};
	const char *params[1] = {ctx->req->route_params[0]};
	long id;

	if (!http_query_only(ctx->req, allowed, ctx->resp))
		return;
	if (!http_parse_id(params[0], &id)) {
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy đơn vị.",
		           json_pack("{s:s}", "id", params[0]));
		return;
	}
	db_respond_json(ctx->db, STMT_UNIT_GET, params, ctx->req->request_id, 200, ctx->resp);
	if (ctx->resp->status == 404)
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy đơn vị.",
		           json_pack("{s:s}", "id", params[0]));
}
