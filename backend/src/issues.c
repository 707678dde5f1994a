/* Issues: raise, list, read, edit, act on (the transition table lives in the database:
 * issue_transitions), timeline and comments. */
#include "handlers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const issue_states[] = {
    "submitted",          "in_progress",       "answered", "closed",    "returned",
    "escalated_province", "escalated_central", "reopened", "withdrawn", NULL};
static const char *const issue_kinds[] = {"difficulty", "proposal", NULL};
static const char *const levels[] = {"commune", "department", "province", "central", NULL};

static bool one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/* The caller as statement parameters: role name and unit id. */
struct who_params {
	char role[32];
	char unit[16];
	char user[16];
};

static void who_params(const struct ctx *ctx, struct who_params *w)
{
	snprintf(w->role, sizeof w->role, "%s", auth_role_name(ctx->who.role));
	snprintf(w->unit, sizeof w->unit, "%d", ctx->who.unit_id);
	snprintf(w->user, sizeof w->user, "%d", ctx->who.user_id);
}

static void bad_param(struct ctx *ctx, const char *name, const char *message)
{
	http_error(ctx->resp, 400, "invalid_parameter", message,
	           json_pack("{s:s}", "parameter", name));
}

/* Validates a comma-separated list of states into a PostgreSQL array literal. */
static bool states_param(struct ctx *ctx, const char *in, char *out, size_t size)
{
	char buf[256];
	char *save = NULL;
	size_t used = 1;

	if (strlen(in) >= sizeof buf) {
		bad_param(ctx, "state", "Danh sách trạng thái quá dài.");
		return false;
	}
	snprintf(buf, sizeof buf, "%s", in);
	out[0] = '{';
	out[1] = '\0';
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int n;

		if (!one_of(t, issue_states)) {
			bad_param(ctx, "state", "Trạng thái không hợp lệ.");
			return false;
		}
		n = snprintf(out + used, size - used, "%s%s", used > 1 ? "," : "", t);
		if (n < 0 || (size_t)n >= size - used - 1) {
			bad_param(ctx, "state", "Danh sách trạng thái quá dài.");
			return false;
		}
		used += (size_t)n;
	}
	if (used == 1) {
		bad_param(ctx, "state", "Trạng thái không hợp lệ.");
		return false;
	}
	strcat(out, "}");
	return true;
}

static bool id_param(struct ctx *ctx, const char *name, const char **out)
{
	long id;

	*out = http_query_get(ctx->req, name);
	if (*out != NULL && !http_parse_id(*out, &id)) {
		bad_param(ctx, name, "Mã phải là số nguyên dương.");
		return false;
	}
	return true;
}

static bool date_param(struct ctx *ctx, const char *name, const char **out)
{
	const char *v = http_query_get(ctx->req, name);
	int y, m, d;
	char tail;

	*out = v;
	if (v != NULL && (strlen(v) != 10 || sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	                  m < 1 || m > 12 || d < 1 || d > 31)) {
		bad_param(ctx, name, "Ngày phải có dạng YYYY-MM-DD.");
		return false;
	}
	return true;
}

/* Splits "key~id" into the two cursor parameters. */
static bool cursor_param(struct ctx *ctx, char *key, size_t size, const char **id_out)
{
	const char *c = http_query_get(ctx->req, "cursor");
	const char *tilde;
	long id;

	*id_out = NULL;
	if (c == NULL)
		return true;
	tilde = strrchr(c, '~');
	if (tilde == NULL || (size_t)(tilde - c) >= size || tilde == c ||
	    strspn(c, "0123456789-:.TZ") != (size_t)(tilde - c) || !http_parse_id(tilde + 1, &id)) {
		bad_param(ctx, "cursor", "Con trỏ trang không hợp lệ.");
		return false;
	}
	memcpy(key, c, (size_t)(tilde - c));
	key[tilde - c] = '\0';
	*id_out = tilde + 1;
	return true;
}

/* The list statement for the caller's scope (the rule of issue_visible(): a commune sees its
 * own, a department what it holds, leads, supports or answered, the province-wide roles all;
 * the route table keeps everyone else out) and the sort. */
static enum db_stmt list_statement(enum role role, bool by_due, bool plain)
{
	/* [kind of caller][plain][by_due]; plain: the first page filtered by state alone, which
	 * has statements of its own (statements.h). */
	static const enum db_stmt stmts[3][2][2] = {
	    {{STMT_ISSUES_LIST_CREATED, STMT_ISSUES_LIST_DUE},
	     {STMT_ISSUES_PLAIN_CREATED, STMT_ISSUES_PLAIN_DUE}},
	    {{STMT_ISSUES_LIST_CREATED_COMMUNE, STMT_ISSUES_LIST_DUE_COMMUNE},
	     {STMT_ISSUES_PLAIN_CREATED_COMMUNE, STMT_ISSUES_PLAIN_DUE_COMMUNE}},
	    {{STMT_ISSUES_LIST_CREATED_DEPARTMENT, STMT_ISSUES_LIST_DUE_DEPARTMENT},
	     {STMT_ISSUES_PLAIN_CREATED_DEPARTMENT, STMT_ISSUES_PLAIN_DUE_DEPARTMENT}},
	};
	int kind = role == ROLE_COMMUNE_OFFICER                                      ? 1
	           : role == ROLE_DEPARTMENT_OFFICER || role == ROLE_DEPARTMENT_HEAD ? 2
	                                                                             : 0;

	return stmts[kind][plain][by_due];
}

void issues_list(struct ctx *ctx)
{
	static const char *const allowed[] = {
	    "state", "field", "commune_id", "holder_unit_id", "level",  "overdue", "from", "to",
	    "q",     "kind",  "group_id",   "sort",           "cursor", "limit",   NULL};
	struct who_params w = {{0}, {0}, {0}};
	const char *p[16] = {0};
	char states[256];
	char cursor_key[40];
	char limit_s[8];
	const char *sort = http_query_get(ctx->req, "sort");
	const char *v;
	long limit = 50;
	bool by_due;
	bool plain = true;

	if (!http_query_only(ctx->req, allowed, ctx->resp))
		return;
	who_params(ctx, &w);
	p[0] = w.role;
	p[1] = w.unit;
	if ((v = http_query_get(ctx->req, "state")) != NULL) {
		if (!states_param(ctx, v, states, sizeof states))
			return;
		p[2] = states;
	}
	p[3] = http_query_get(ctx->req, "field");
	if (p[3] != NULL && strlen(p[3]) > 64) {
		bad_param(ctx, "field", "Lĩnh vực không hợp lệ.");
		return;
	}
	if (!id_param(ctx, "commune_id", &p[4]) || !id_param(ctx, "holder_unit_id", &p[5]) ||
	    !id_param(ctx, "group_id", &p[12]))
		return;
	if ((p[6] = http_query_get(ctx->req, "level")) != NULL && !one_of(p[6], levels)) {
		bad_param(ctx, "level",
		          "Cấp không hợp lệ (commune, department, province, central).");
		return;
	}
	if ((p[7] = http_query_get(ctx->req, "overdue")) != NULL && strcmp(p[7], "true") != 0 &&
	    strcmp(p[7], "false") != 0) {
		bad_param(ctx, "overdue", "overdue phải là true hoặc false.");
		return;
	}
	if (!date_param(ctx, "from", &p[8]) || !date_param(ctx, "to", &p[9]))
		return;
	if ((p[10] = http_query_get(ctx->req, "q")) != NULL &&
	    (strlen(p[10]) == 0 || strlen(p[10]) > 200)) {
		bad_param(ctx, "q", "Từ khóa tìm kiếm dài 1–200 ký tự.");
		return;
	}
	if ((p[11] = http_query_get(ctx->req, "kind")) != NULL && !one_of(p[11], issue_kinds)) {
		bad_param(ctx, "kind", "Loại không hợp lệ (difficulty, proposal).");
		return;
	}
	if (sort != NULL && strcmp(sort, "created_desc") != 0 && strcmp(sort, "due_asc") != 0) {
		bad_param(ctx, "sort", "Cách sắp xếp không hợp lệ (created_desc, due_asc).");
		return;
	}
	if (!cursor_param(ctx, cursor_key, sizeof cursor_key, &p[14]))
		return;
	p[13] = p[14] ? cursor_key : NULL;
	if (http_query_get(ctx->req, "limit") != NULL &&
	    (!http_parse_id(http_query_get(ctx->req, "limit"), &limit) || limit > 200)) {
		bad_param(ctx, "limit", "limit phải từ 1 đến 200.");
		return;
	}
	snprintf(limit_s, sizeof limit_s, "%ld", limit);
	p[15] = limit_s;
	by_due = sort != NULL && strcmp(sort, "due_asc") == 0;
	for (int i = 3; i < 15 && plain; i++)
		plain = p[i] == NULL;
	if (plain) { /* its statement's parameters: role, unit, states, rows */
		p[3] = p[15];
		p[15] = NULL;
	}
	db_respond_json(ctx->db, list_statement(ctx->who.role, by_due, plain), p,
	                ctx->req->request_id, 200, ctx->resp);
}

/* Answers with the issue as the caller sees it, with its version as the ETag. After an
 * action the caller just took, the issue is shown even if it has now left the caller's
 * reach (rerouted to another department): acted_on. */
static void respond_issue_as(struct ctx *ctx, const char *id, int status, bool acted_on)
{
	struct who_params w = {{0}, {0}, {0}};
	const char *p[4];
	PGresult *res;
	char etag[24];

	who_params(ctx, &w);
	p[0] = id;
	p[1] = w.role;
	p[2] = w.unit;
	p[3] = acted_on ? "true" : "false";
	res = db_run(ctx->db, STMT_ISSUE_GET, p, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	if (PQntuples(res) != 1) {
		http_error(ctx->resp, 404, "issue_not_found", "Không tìm thấy kiến nghị.", NULL);
	} else {
		http_json_text(ctx->resp, status, PQgetvalue(res, 0, 0),
		               (size_t)PQgetlength(res, 0, 0));
		snprintf(etag, sizeof etag, "\"%s\"", PQgetvalue(res, 0, 1));
		http_add_header(ctx->resp, "ETag", etag);
	}
	PQclear(res);
}

static void respond_issue(struct ctx *ctx, const char *id, int status)
{
	respond_issue_as(ctx, id, status, false);
}

/* The {id} of the route as a checked string, or 404. */
static const char *route_id(struct ctx *ctx, const char *what)
{
	long id;

	if (!http_parse_id(ctx->req->route_params[0], &id)) {
		http_error(ctx->resp, 404, "not_found", what, NULL);
		return NULL;
	}
	return ctx->req->route_params[0];
}

void issues_get(struct ctx *ctx)
{
	const char *id = route_id(ctx, "Không tìm thấy kiến nghị.");

	if (id != NULL && http_query_only(ctx->req, (const char *const[]){NULL}, ctx->resp))
		respond_issue(ctx, id, 200);
}

void issues_create(struct ctx *ctx)
{
	static const char *const allowed[] = {
	    "title", "description", "field", "kind", "lead_unit_id", "supporting_unit_ids", NULL};
	struct who_params w = {{0}, {0}, {0}};
	const char *p[8] = {0};
	char lead[16];
	char supporting[256];
	json_t *v;
	PGresult *res;
	bool bad;
	char id[16];

	if (!body_only(ctx, allowed))
		return;
	who_params(ctx, &w);
	p[0] = w.user;
	p[1] = w.unit;
	if ((p[2] = body_string(ctx, "title", 300, true, &bad)) == NULL ||
	    (p[3] = body_prose(ctx, "description", 20000, true, &bad)) == NULL ||
	    (p[4] = body_string(ctx, "field", 64, true, &bad)) == NULL ||
	    (p[5] = body_string(ctx, "kind", 20, true, &bad)) == NULL)
		return;
	if (strlen(p[2]) < 3) {
		http_error(ctx->resp, 400, "invalid_length", "Tiêu đề cần ít nhất 3 ký tự.",
		           json_pack("{s:s}", "field", "title"));
		return;
	}
	if (!one_of(p[5], issue_kinds)) {
		http_error(ctx->resp, 400, "invalid_field",
		           "Loại phải là difficulty (khó khăn, vướng mắc) hoặc proposal (kiến "
		           "nghị, đề xuất).",
		           json_pack("{s:s}", "field", "kind"));
		return;
	}
	if ((v = json_object_get(ctx->req->json, "lead_unit_id")) != NULL && !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > 2147483647) {
			http_error(ctx->resp, 400, "invalid_field", "Sở chủ trì phải là mã đơn vị.",
			           json_pack("{s:s}", "field", "lead_unit_id"));
			return;
		}
		snprintf(lead, sizeof lead, "%lld", (long long)json_integer_value(v));
		p[6] = lead;
	}
	if ((v = json_object_get(ctx->req->json, "supporting_unit_ids")) != NULL) {
		if (!body_id_list(ctx, v, "supporting_unit_ids", 0, 20, supporting,
		                  sizeof supporting))
			return;
		p[7] = supporting;
	}
	res = db_run(ctx->db, STMT_ISSUE_CREATE, p, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	snprintf(id, sizeof id, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	respond_issue(ctx, id, 201);
}

void issues_update(struct ctx *ctx)
{
	static const char *const allowed[] = {"title",     "description",         "kind",
	                                      "shareable", "supporting_unit_ids", NULL};
	const char *id = route_id(ctx, "Không tìm thấy kiến nghị.");
	struct who_params w = {{0}, {0}, {0}};
	char version[16];
	const char *p[6];
	json_t *in;
	json_t *v;
	char *text;
	bool bad;
	PGresult *res;

	if (id == NULL || !body_only(ctx, allowed))
		return;
	if (!http_required_version(ctx->req, ctx->resp, version, sizeof version))
		return;
	in = ctx->req->json;
	if (json_object_size(in) == 0) {
		http_error(ctx->resp, 400, "invalid_body", "Không có thay đổi nào.", NULL);
		return;
	}
	if ((json_object_get(in, "title") && body_string(ctx, "title", 300, true, &bad) == NULL) ||
	    (json_object_get(in, "description") &&
	     body_prose(ctx, "description", 20000, true, &bad) == NULL) ||
	    (json_object_get(in, "kind") && body_string(ctx, "kind", 20, true, &bad) == NULL))
		return;
	if ((v = json_object_get(in, "kind")) && !one_of(json_string_value(v), issue_kinds)) {
		http_error(ctx->resp, 400, "invalid_field", "Loại không hợp lệ.",
		           json_pack("{s:s}", "field", "kind"));
		return;
	}
	if ((v = json_object_get(in, "title")) && strlen(json_string_value(v)) < 3) {
		http_error(ctx->resp, 400, "invalid_length", "Tiêu đề cần ít nhất 3 ký tự.",
		           json_pack("{s:s}", "field", "title"));
		return;
	}
	if ((v = json_object_get(in, "shareable")) && !json_is_boolean(v)) {
		http_error(ctx->resp, 400, "invalid_field", "shareable phải là true hoặc false.",
		           json_pack("{s:s}", "field", "shareable"));
		return;
	}
	if ((v = json_object_get(in, "supporting_unit_ids")) != NULL) {
		char buf[256];

		if (!body_id_list(ctx, v, "supporting_unit_ids", 0, 20, buf, sizeof buf))
			return;
	}
	text = json_dumps(in, JSON_COMPACT);
	if (text == NULL) {
		http_error(ctx->resp, 500, "internal", "Lỗi máy chủ.", NULL);
		return;
	}
	who_params(ctx, &w);
	p[0] = id;
	p[1] = w.user;
	p[2] = w.role;
	p[3] = w.unit;
	p[4] = version;
	p[5] = text;
	res = db_run(ctx->db, STMT_ISSUE_EDIT, p, ctx->req->request_id, ctx->resp);
	free(text);
	if (res == NULL)
		return;
	PQclear(res);
	respond_issue(ctx, id, 200);
}

/* Inputs a transition may carry, with their largest length; types are checked here and
 * which ones are required is decided by the transition table. */
static const struct {
	const char *name;
	size_t maxlen; /* 0 = an integer id; 1 = a boolean; 2 = a date */
} transition_inputs[] = {
    {"answer", 20000},  {"legal_basis", 500}, {"reason", 5000},
    {"note", 5000},     {"dispatch_no", 100}, {"unit_id", 0},
    {"ministry_id", 0}, {"shareable", 1},     {"dispatch_date", 2},
};

void issues_transition(struct ctx *ctx)
{
	const char *id = route_id(ctx, "Không tìm thấy kiến nghị.");
	struct who_params w = {{0}, {0}, {0}};
	const char *action;
	char version[16];
	const char *p[7];
	json_t *in;
	char *text;
	PGresult *res;
	bool bad;
	const char *key;
	json_t *value;

	if (id == NULL)
		return;
	in = ctx->req->json;
	if (!json_is_object(in)) {
		http_error(ctx->resp, 400, "invalid_body",
		           "Nội dung gửi lên phải là một đối tượng JSON.", NULL);
		return;
	}
	if ((action = body_string(ctx, "action", 40, true, &bad)) == NULL)
		return;
	json_object_foreach(in, key, value)
	{
		size_t k;
		size_t n = sizeof transition_inputs / sizeof transition_inputs[0];

		if (strcmp(key, "action") == 0)
			continue;
		for (k = 0; k < n && strcmp(transition_inputs[k].name, key) != 0; k++)
			;
		if (k == n) {
			http_error(ctx->resp, 400, "unknown_field",
			           "Trường dữ liệu không được hỗ trợ.",
			           json_pack("{s:s}", "field", key));
			return;
		}
		if (transition_inputs[k].maxlen == 0) {
			if (!json_is_integer(value) || json_integer_value(value) < 1 ||
			    json_integer_value(value) > 2147483647) {
				http_error(ctx->resp, 400, "invalid_field", "Phải là mã đơn vị.",
				           json_pack("{s:s}", "field", key));
				return;
			}
		} else if (transition_inputs[k].maxlen == 1) {
			if (!json_is_boolean(value)) {
				http_error(ctx->resp, 400, "invalid_field",
				           "Phải là true hoặc false.",
				           json_pack("{s:s}", "field", key));
				return;
			}
		} else if (transition_inputs[k].maxlen == 2) {
			const char *d = json_string_value(value);
			int y, m, dd;
			char tail;

			if (d == NULL || strlen(d) != 10 ||
			    sscanf(d, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3) {
				http_error(ctx->resp, 400, "invalid_field",
				           "Ngày phải có dạng YYYY-MM-DD.",
				           json_pack("{s:s}", "field", key));
				return;
			}
		} else if (body_prose(ctx, key, transition_inputs[k].maxlen, true, &bad) == NULL) {
			return;
		}
	}
	if (ctx->req->if_match[0] != '\0' &&
	    !http_if_match_version(ctx->req->if_match, version, sizeof version)) {
		http_error(ctx->resp, 400, "invalid_if_match", "If-Match không hợp lệ.", NULL);
		return;
	}
	text = json_dumps(in, JSON_COMPACT);
	if (text == NULL) {
		http_error(ctx->resp, 500, "internal", "Lỗi máy chủ.", NULL);
		return;
	}
	who_params(ctx, &w);
	p[0] = id;
	p[1] = action;
	p[2] = w.user;
	p[3] = w.role;
	p[4] = w.unit;
	p[5] = text;
	p[6] = ctx->req->if_match[0] ? version : NULL;
	res = db_run(ctx->db, STMT_ISSUE_APPLY, p, ctx->req->request_id, ctx->resp);
	free(text);
	if (res == NULL)
		return;
	PQclear(res);
	respond_issue_as(ctx, id, 200, true);
}

void issues_events(struct ctx *ctx)
{
	const char *id = route_id(ctx, "Không tìm thấy kiến nghị.");
	struct who_params w = {{0}, {0}, {0}};
	const char *p[3];

	if (id == NULL || !http_query_only(ctx->req, (const char *const[]){NULL}, ctx->resp))
		return;
	who_params(ctx, &w);
	p[0] = id;
	p[1] = w.role;
	p[2] = w.unit;
	db_respond_json(ctx->db, STMT_ISSUE_EVENTS, p, ctx->req->request_id, 200, ctx->resp);
	if (ctx->resp->status == 404)
		http_error(ctx->resp, 404, "issue_not_found", "Không tìm thấy kiến nghị.", NULL);
}

void issues_comment(struct ctx *ctx)
{
	static const char *const allowed[] = {"text", NULL};
	const char *id = route_id(ctx, "Không tìm thấy kiến nghị.");
	struct who_params w = {{0}, {0}, {0}};
	const char *p[5];
	PGresult *res;
	bool bad;

	if (id == NULL || !body_only(ctx, allowed))
		return;
	who_params(ctx, &w);
	p[0] = id;
	p[1] = w.user;
	p[2] = w.role;
	p[3] = w.unit;
	if ((p[4] = body_prose(ctx, "text", 5000, true, &bad)) == NULL)
		return;
	res = db_run(ctx->db, STMT_ISSUE_COMMENT, p, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	http_json(ctx->resp, 201,
	          json_pack("{s:I}", "id", (json_int_t)atoll(PQgetvalue(res, 0, 0))));
	PQclear(res);
}
