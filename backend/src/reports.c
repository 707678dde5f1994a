/* The weekly reporting cycle: periods, each department's report (draft narrative, frozen
 * submitted versions, return for correction), the compliance board and Sở Nội vụ's
 * consolidated report, with Excel and CSV outputs of the frozen versions. */
#include "handlers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "frozen.h"

/* The six sections of the directive: the keys of a narrative. */
static const char *const sections[] = {"trainings", "participants", "received", "resolved",
                                       "higher",    "other",        NULL};

static bool valid_date(const char *s)
{
	int y, m, d;
	char tail;

	return s != NULL && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
	       y >= 2000 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* ISO 8601 date-time with an explicit offset: deadlines are moments, not local clock times. */
static bool valid_moment(const char *s)
{
	int y, mo, d, h, mi;
	char tail;
	size_t n = s ? strlen(s) : 0;

	return n >= 20 && n <= 32 &&
	       sscanf(s, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) == 6 &&
	       (s[n - 1] == 'Z' || strchr(s + 16, '+') != NULL || strchr(s + 16, '-') != NULL);
}

static const char *period_id(struct ctx *ctx)
{
	long id;

	if (!http_parse_id(ctx->req->route_params[0], &id)) {
		http_error(ctx->resp, 404, "period_not_found", "Không tìm thấy kỳ báo cáo.", NULL);
		return NULL;
	}
	return ctx->req->route_params[0];
}

/* The members of the CSV lists' items, in the JSON's order (a test checks them). */
static const char *const period_columns[] = {
    "id",      "code", "name", "starts_on", "ends_on", "report_deadline", "consolidation_deadline",
    "version", NULL};
static const char *const compliance_columns[] = {
    "unit",         "status",       "version",       "returned_at",
    "late_seconds", "submitted_at", "return_reason", NULL};

/* Answers a JSON list, or its "items" as CSV with columns when the query asks format=csv. */
static void respond_list(struct ctx *ctx, enum db_stmt stmt, const char *const *p,
                         const char *const *columns)
{
	const char *format = http_query_get(ctx->req, "format");
	PGresult *res;
	json_t *doc;

	if (format != NULL && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
		http_error(ctx->resp, 400, "invalid_parameter", "format là json hoặc csv.",
		           json_pack("{s:s}", "parameter", "format"));
		return;
	}
	if (format == NULL || strcmp(format, "json") == 0) {
		db_respond_json(ctx->db, stmt, p, ctx->req->request_id, 200, ctx->resp);
		return;
	}
	res = db_run(ctx->db, stmt, p, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	doc = PQntuples(res) == 1 ? json_loads(PQgetvalue(res, 0, 0), 0, NULL) : NULL;
	PQclear(res);
	if (doc == NULL) {
		http_error(ctx->resp, 404, "period_not_found", "Không tìm thấy kỳ báo cáo.", NULL);
		return;
	}
	export_csv_items(json_object_get(doc, "items"), columns, ctx->resp);
	json_decref(doc);
}

void periods_list(struct ctx *ctx)
{
	static const char *const allowed[] = {"from", "to", "started", "format", NULL};
	const char *p[3];

	if (!http_query_only(ctx->req, allowed, ctx->resp))
		return;
	p[0] = http_query_get(ctx->req, "from");
	p[1] = http_query_get(ctx->req, "to");
	p[2] = http_query_get(ctx->req, "started");
	if ((p[0] && !valid_date(p[0])) || (p[1] && !valid_date(p[1])) ||
	    (p[2] && strcmp(p[2], "true") != 0 && strcmp(p[2], "false") != 0)) {
		http_error(ctx->resp, 400, "invalid_parameter",
		           "Bộ lọc không hợp lệ (ngày dạng YYYY-MM-DD, started=true|false).", NULL);
		return;
	}
	respond_list(ctx, STMT_PERIODS_LIST, p, period_columns);
}

static bool period_fields(struct ctx *ctx, const char **p, bool create)
{
	static const char *const keys[] = {"name", "starts_on", "ends_on", "report_deadline",
	                                   "consolidation_deadline"};
	bool bad;

	p[0] = body_string(ctx, "name", 200, create, &bad);
	if (bad)
		return false;
	for (int i = 1; i < 5; i++) {
		json_t *v = json_object_get(ctx->req->json, keys[i]);
		const char *s = json_string_value(v);

		p[i] = s;
		if (v == NULL && !create)
			continue;
		if (i <= 2 ? !valid_date(s) : !valid_moment(s)) {
			http_error(ctx->resp, 400, "invalid_field",
			           i <= 2 ? "Ngày phải có dạng YYYY-MM-DD."
			                  : "Hạn phải có dạng 2025-08-28T09:00:00+07:00.",
			           json_pack("{s:s}", "field", keys[i]));
			return false;
		}
	}
	return true;
}

void periods_create(struct ctx *ctx)
{
	static const char *const allowed[] = {
	    "code", "name", "starts_on", "ends_on", "report_deadline", "consolidation_deadline",
	    NULL};
	const char *p[6];
	const char *f[5];
	PGresult *res;
	bool bad;

	if (!body_only(ctx, allowed))
		return;
	if ((p[0] = body_string(ctx, "code", 16, true, &bad)) == NULL)
		return;
	if (!period_fields(ctx, f, true))
		return;
	for (int i = 0; i < 5; i++)
		p[i + 1] = f[i];
	res = db_run(ctx->db, STMT_PERIOD_CREATE, p, ctx->req->request_id, ctx->resp);
	if (res == NULL) {
		if (ctx->resp->status == 400)
			http_error(
			    ctx->resp, 400, "invalid_field",
			    "Mã kỳ dạng 2025-W36 hoặc 2025-R2; ngày kết thúc không trước ngày bắt "
			    "đầu; hạn tổng hợp không trước hạn báo cáo.",
			    NULL);
		return;
	}
	if (audit_write(ctx, 0, 0, "period.created", "period", PQgetvalue(res, 0, 0), NULL,
	                PQgetvalue(res, 0, 1)))
		http_json_text(ctx->resp, 201, PQgetvalue(res, 0, 1),
		               (size_t)PQgetlength(res, 0, 1));
	PQclear(res);
}

void periods_update(struct ctx *ctx)
{
	static const char *const allowed[] = {
	    "name", "starts_on", "ends_on", "report_deadline", "consolidation_deadline", NULL};
	const char *id = period_id(ctx);
	const char *p[7];
	char version[16];
	PGresult *res;

	if (id == NULL || !body_only(ctx, allowed) || !period_fields(ctx, p + 2, false))
		return;
	if (!http_required_version(ctx->req, ctx->resp, version, sizeof version))
		return;
	p[0] = id;
	p[1] = version;
	res = db_run(ctx->db, STMT_PERIOD_UPDATE, p, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	if (PQgetisnull(res, 0, 1)) {
		http_error(ctx->resp, 404, "period_not_found", "Không tìm thấy kỳ báo cáo.", NULL);
	} else if (PQgetisnull(res, 0, 0)) {
		http_error(ctx->resp, 412, "stale_version",
		           "Kỳ báo cáo đã được người khác cập nhật. Vui lòng tải lại.",
		           json_pack("{s:i}", "version", atoi(PQgetvalue(res, 0, 2))));
	} else if (audit_write(ctx, 0, 0, "period.updated", "period", id, PQgetvalue(res, 0, 1),
	                       PQgetvalue(res, 0, 0))) {
		http_json_text(ctx->resp, 200, PQgetvalue(res, 0, 0),
		               (size_t)PQgetlength(res, 0, 0));
	}
	PQclear(res);
}

void compliance_get(struct ctx *ctx)
{
	static const char *const allowed[] = {"format", NULL};
	const char *id = period_id(ctx);
	const char *p[1] = {id};

	if (id == NULL || !http_query_only(ctx->req, allowed, ctx->resp))
		return;
	respond_list(ctx, STMT_COMPLIANCE, p, compliance_columns);
	if (ctx->resp->status == 404)
		http_error(ctx->resp, 404, "period_not_found", "Không tìm thấy kỳ báo cáo.", NULL);
}

/* The {unit_id} of the route, checked against what the caller may do with it. */
static const char *report_unit(struct ctx *ctx, enum report_access access)
{
	long id;

	if (!http_parse_id(ctx->req->route_params[1], &id)) {
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy đơn vị.", NULL);
		return NULL;
	}
	if (!authz_report(ctx, (int)id, access))
		return NULL;
	return ctx->req->route_params[1];
}

void report_get(struct ctx *ctx)
{
	const char *pid = period_id(ctx);
	const char *unit = pid ? report_unit(ctx, REPORT_READ) : NULL;
	const char *p[3];

	if (unit == NULL || !http_query_only(ctx->req, (const char *const[]){NULL}, ctx->resp))
		return;
	p[0] = pid;
	p[1] = unit;
	/* Drafts and live figures are for the department and Sở Nội vụ; others read what was
	 * sent. */
	p[2] = authz_report(ctx, atoi(unit), REPORT_READ_DRAFT) ? "true" : "false";
	http_response_reset(ctx->resp);
	if (p[2][0] == 't') {
		db_respond_json(ctx->db, STMT_REPORT_GET, p, ctx->req->request_id, 200, ctx->resp);
	} else {
		/* What was sent is frozen: its snapshots go out as compressed once. */
		bool gzip = http_accepts_gzip(ctx->req->accept_encoding);

		p[2] = gzip ? "true" : "false";
		frozen_respond(ctx->db, STMT_REPORT_READ_PARTS, p, gzip, ctx->req->request_id,
		               ctx->resp);
	}
	if (ctx->resp->status == 404)
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy kỳ báo cáo hoặc sở, ngành.",
		           NULL);
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Narrative: an object whose keys are the six sections, each text up to 20000 characters. */
static char *narrative_text(struct ctx *ctx)
{
	static const char *const allowed[] = {"narrative", NULL};
	json_t *n = json_object_get(ctx->req->json, "narrative");
	const char *key;
	json_t *v;

	if (!body_only(ctx, allowed))
		return NULL;
	if (!json_is_object(n)) {
		http_error(ctx->resp, 400, "invalid_field", "narrative phải là một đối tượng.",
		           json_pack("{s:s}", "field", "narrative"));
		return NULL;
	}
	json_object_foreach(n, key, v)
	{
		bool known = false;

		for (const char *const *s = sections; *s; s++)
			known = known || strcmp(*s, key) == 0;
		if (!known || !json_is_string(v) || utf8_chars(json_string_value(v)) > 20000) {
			http_error(ctx->resp, 400, "invalid_field",
			           "Phần báo cáo không hợp lệ (trainings, participants, received, "
			           "resolved, higher, other; văn bản tối đa 20000 ký tự).",
			           json_pack("{s:s}", "field", key));
			return NULL;
		}
	}
	return json_dumps(n, JSON_COMPACT);
}

/* Optional If-Match as a version number; NULL when absent; false when malformed. */
static bool optional_version(struct ctx *ctx, char *out, size_t size, const char **p)
{
	const char *m = ctx->req->if_match;

	*p = NULL;
	if (m[0] == '\0')
		return true;
	if (!http_if_match_version(m, out, size)) {
		http_error(ctx->resp, 400, "invalid_if_match", "If-Match không hợp lệ.", NULL);
		return false;
	}
	*p = out;
	return true;
}

void report_put(struct ctx *ctx)
{
	const char *pid = period_id(ctx);
	const char *unit = pid ? report_unit(ctx, REPORT_WRITE) : NULL;
	char user[16];
	char version[16];
	const char *p[5];
	char *text;
	PGresult *res;

	if (unit == NULL || !optional_version(ctx, version, sizeof version, &p[3]))
		return;
	if ((text = narrative_text(ctx)) == NULL)
		return;
	snprintf(user, sizeof user, "%d", ctx->who.user_id);
	p[0] = pid;
	p[1] = unit;
	p[2] = user;
	p[4] = text;
	res = db_run(ctx->db, STMT_REPORT_SAVE, p, ctx->req->request_id, ctx->resp);
	free(text);
	if (res == NULL)
		return;
	PQclear(res);
	{
		const char *g[3] = {pid, unit, "true"};

		db_respond_json(ctx->db, STMT_REPORT_GET, g, ctx->req->request_id, 200, ctx->resp);
	}
}

void report_submit(struct ctx *ctx)
{
	const char *pid = period_id(ctx);
	const char *unit = pid ? report_unit(ctx, REPORT_SUBMIT) : NULL;
	char user[16];
	const char *p[3];
	PGresult *res;

	if (unit == NULL)
		return;
	if (ctx->req->json != NULL && !body_only(ctx, (const char *const[]){NULL}))
		return;
	snprintf(user, sizeof user, "%d", ctx->who.user_id);
	p[0] = pid;
	p[1] = unit;
	p[2] = user;
	res = db_run(ctx->db, STMT_REPORT_SUBMIT, p, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	{
		char obj[64];
		const char *g[3] = {pid, unit, "true"};

		snprintf(obj, sizeof obj, "%s/%s#%s", pid, unit, PQgetvalue(res, 0, 0));
		PQclear(res);
		if (audit_write(ctx, 0, 0, "report.submitted", "report", obj, NULL, NULL))
			db_respond_json(ctx->db, STMT_REPORT_GET, g, ctx->req->request_id, 200,
			                ctx->resp);
	}
}

void report_return(struct ctx *ctx)
{
	static const char *const allowed[] = {"reason", NULL};
	const char *pid = period_id(ctx);
	const char *unit = pid ? report_unit(ctx, REPORT_RETURN) : NULL;
	char user[16];
	const char *p[4];
	PGresult *res;
	bool bad;

	if (unit == NULL || !body_only(ctx, allowed))
		return;
	if ((p[3] = body_prose(ctx, "reason", 5000, true, &bad)) == NULL)
		return;
	snprintf(user, sizeof user, "%d", ctx->who.user_id);
	p[0] = pid;
	p[1] = unit;
	p[2] = user;
	res = db_run(ctx->db, STMT_REPORT_RETURN, p, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	PQclear(res);
	{
		char obj[64];
		const char *g[3] = {pid, unit, "true"};

		snprintf(obj, sizeof obj, "%s/%s", pid, unit);
		if (audit_write(ctx, 0, 0, "report.returned", "report", obj, NULL, NULL))
			db_respond_json(ctx->db, STMT_REPORT_GET, g, ctx->req->request_id, 200,
			                ctx->resp);
	}
}

/* Exports a frozen snapshot (the latest, or ?version=N) as xlsx or csv. */
static void export_snapshot(struct ctx *ctx, enum export_kind kind, enum db_stmt stmt,
                            const char *const *key, int nkey, const char *filename_base)
{
	static const char *const allowed[] = {"format", "version", "list", NULL};
	const char *format = http_query_get(ctx->req, "format");
	const char *version = http_query_get(ctx->req, "version");
	const char *list = http_query_get(ctx->req, "list");
	const char *p[3];
	char cd[160];
	long n;
	PGresult *res;
	json_t *snap;

	if (!http_query_only(ctx->req, allowed, ctx->resp))
		return;
	if (format == NULL || (strcmp(format, "xlsx") != 0 && strcmp(format, "csv") != 0) ||
	    (version != NULL && !http_parse_id(version, &n)) ||
	    (list != NULL && strcmp(format, "csv") != 0)) {
		http_error(ctx->resp, 400, "invalid_parameter",
		           "format=xlsx hoặc format=csv (csv nhận thêm list=...), version là số.",
		           NULL);
		return;
	}
	for (int i = 0; i < nkey; i++)
		p[i] = key[i];
	p[nkey] = version;
	res = db_run(ctx->db, stmt, p, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	if (PQntuples(res) != 1) {
		PQclear(res);
		http_error(ctx->resp, 404, "not_submitted", "Chưa có báo cáo đã gửi để xuất.",
		           NULL);
		return;
	}
	snap = json_loads(PQgetvalue(res, 0, 0), 0, NULL);
	PQclear(res);
	if (snap == NULL) {
		http_error(ctx->resp, 500, "internal", "Lỗi máy chủ.", NULL);
		return;
	}
	if (strcmp(format, "xlsx") == 0)
		export_xlsx(kind, snap, ctx->resp);
	else
		export_csv(kind, snap, list ? list : "summary", ctx->resp);
	if (ctx->resp->status == 200) {
		snprintf(cd, sizeof cd, "attachment; filename=\"%s-v%lld%s%s.%s\"", filename_base,
		         (long long)json_integer_value(json_object_get(snap, "version")),
		         list ? "-" : "", list ? list : "", format);
		http_add_header(ctx->resp, "Content-Disposition", cd);
		/* A numbered version never changes: it may be kept as long as the browser likes. */
		if (version != NULL)
			http_add_header(ctx->resp, "Cache-Control",
			                "private, max-age=31536000, immutable");
	}
	json_decref(snap);
}

void report_export(struct ctx *ctx)
{
	const char *pid = period_id(ctx);
	const char *unit = pid ? report_unit(ctx, REPORT_READ) : NULL;
	const char *key[2] = {pid, unit};
	char base[64];

	if (unit == NULL)
		return;
	snprintf(base, sizeof base, "bao-cao-%s-%s", pid, unit);
	export_snapshot(ctx, EXPORT_DEPARTMENT, STMT_REPORT_VERSION, key, 2, base);
}

void consolidated_get(struct ctx *ctx)
{
	const char *pid = period_id(ctx);
	const char *p[2];

	if (pid == NULL || !http_query_only(ctx->req, (const char *const[]){NULL}, ctx->resp))
		return;
	p[0] = pid;
	/* Sở Nội vụ works on the live compilation; leadership and Party readers see what was
	 * submitted. */
	if (ctx->who.role == ROLE_HOME_AFFAIRS) {
		p[1] = "true";
		db_respond_json(ctx->db, STMT_CONSOLIDATED_GET, p, ctx->req->request_id, 200,
		                ctx->resp);
	} else {
		bool gzip = http_accepts_gzip(ctx->req->accept_encoding);

		p[1] = gzip ? "true" : "false";
		frozen_respond(ctx->db, STMT_CONSOLIDATED_READ_PARTS, p, gzip, ctx->req->request_id,
		               ctx->resp);
	}
	if (ctx->resp->status == 404)
		http_error(ctx->resp, 404, "period_not_found", "Không tìm thấy kỳ báo cáo.", NULL);
}

void consolidated_put(struct ctx *ctx)
{
	const char *pid = period_id(ctx);
	char user[16];
	char version[16];
	const char *p[4];
	char *text;
	PGresult *res;

	if (pid == NULL || !optional_version(ctx, version, sizeof version, &p[2]))
		return;
	if ((text = narrative_text(ctx)) == NULL)
		return;
	snprintf(user, sizeof user, "%d", ctx->who.user_id);
	p[0] = pid;
	p[1] = user;
	p[3] = text;
	res = db_run(ctx->db, STMT_CONSOLIDATED_SAVE, p, ctx->req->request_id, ctx->resp);
	free(text);
	if (res == NULL)
		return;
	PQclear(res);
	{
		const char *g[2] = {pid, "true"};

		db_respond_json(ctx->db, STMT_CONSOLIDATED_GET, g, ctx->req->request_id, 200,
		                ctx->resp);
	}
}

void consolidated_submit(struct ctx *ctx)
{
	const char *pid = period_id(ctx);
	char user[16];
	const char *p[2];
	PGresult *res;

	if (pid == NULL)
		return;
	if (ctx->req->json != NULL && !body_only(ctx, (const char *const[]){NULL}))
		return;
	snprintf(user, sizeof user, "%d", ctx->who.user_id);
	p[0] = pid;
	p[1] = user;
	res = db_run(ctx->db, STMT_CONSOLIDATED_SUBMIT, p, ctx->req->request_id, ctx->resp);
	if (res == NULL)
		return;
	PQclear(res);
	if (audit_write(ctx, 0, 0, "consolidated.submitted", "period", pid, NULL, NULL)) {
		const char *g[2] = {pid, "true"};

		db_respond_json(ctx->db, STMT_CONSOLIDATED_GET, g, ctx->req->request_id, 200,
		                ctx->resp);
	}
}

void consolidated_export(struct ctx *ctx)
{
	const char *pid = period_id(ctx);
	const char *key[1] = {pid};
	char base[64];

	if (pid == NULL)
		return;
	snprintf(base, sizeof base, "bao-cao-tong-hop-%s", pid);
	export_snapshot(ctx, EXPORT_CONSOLIDATED, STMT_CONSOLIDATED_VERSION, key, 1, base);
}
