/* Fields (lĩnh vực) and the units that handle each. */
#include "handlers.h"

void fields_list(struct ctx *ctx)
{
	static const char *const allowed[] = {NULL};

	if (!http_query_only(ctx->req, allowed, ctx->resp))
		return;
	db_respond_json(ctx->db, STMT_FIELDS_LIST, NULL, ctx->req->request_id, 200, ctx->resp);
}
