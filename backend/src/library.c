/* The questions-and-answers library ("cầm tay chỉ việc"): answered issues marked shareable,
 * readable and searchable by every signed-in user, diacritics ignored. */
#include "handlers.h"

#include <stdio.h>
#include <string.h>

void library_list(struct ctx *ctx)
{
	static const char *const allowed[] = {"q", "field", "before", "limit", NULL};
	const char *p[4];
	char limit_s[8];
	long limit = 20;
	long id;

	if (!http_query_only(ctx->req, allowed, ctx->resp))
		return;
	p[0] = http_query_get(ctx->req, "q");
	p[1] = http_query_get(ctx->req, "field");
	p[2] = http_query_get(ctx->req, "before");
	if ((p[0] && (strlen(p[0]) == 0 || strlen(p[0]) > 200)) || (p[1] && strlen(p[1]) > 64) ||
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
	snprintf(limit_s, sizeof limit_s, "%ld", limit);
	p[3] = limit_s;
	db_respond_json(ctx->db, STMT_LIBRARY, p, ctx->req->request_id, 200, ctx->resp);
}
