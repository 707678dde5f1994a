/* Statistics for the leadership and the Party committee (in the app and through the reporting
 * API): overview figures, breakdowns, the share of communes running smoothly over time and
 * the reporting compliance history. Lists come as JSON or, with format=csv, as CSV. */
#include "handlers.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "export.h"

static bool parse_date(const char *s, struct tm *out)
{
	int y, m, d;
	char tail;

	memset(out, 0, sizeof *out);
	if (s == NULL || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	out->tm_year = y - 1900;
	out->tm_mon = m - 1;
	out->tm_mday = d;
	out->tm_hour = 12;
	return true;
}

/* from/to: given, or the last 30 days in Vietnam; at most about ten years apart. */
static bool range(struct ctx *ctx, char *from, char *to, size_t size)
{
	const char *f = http_query_get(ctx->req, "from");
	const char *t = http_query_get(ctx->req, "to");
	struct tm a, b;
	time_t now = time(NULL) + 7 * 3600;
	time_t ta, tb;

	if (t != NULL && !parse_date(t, &b))
		goto bad;
	if (t == NULL)
		gmtime_r(&now, &b);
	tb = timegm(&b);
	if (f != NULL && !parse_date(f, &a))
		goto bad;
	ta = f != NULL ? timegm(&a) : tb - 29 * 86400;
	if (ta > tb || tb - ta > 3700L * 86400)
		goto bad;
	gmtime_r(&ta, &a);
	gmtime_r(&tb, &b);
	strftime(from, size, "%Y-%m-%d", &a);
	strftime(to, size, "%Y-%m-%d", &b);
	return true;
bad:
	http_error(
	    ctx->resp, 400, "invalid_parameter",
	    "from và to là ngày dạng YYYY-MM-DD, from không sau to, cách nhau tối đa 10 năm.",
	    NULL);
	return false;
}

static bool csv_wanted(struct ctx *ctx, bool *csv)
{
	const char *f = http_query_get(ctx->req, "format");

	*csv = f != NULL && strcmp(f, "csv") == 0;
	if (f != NULL && !*csv && strcmp(f, "json") != 0) {
		http_error(ctx->resp, 400, "invalid_parameter", "format là json hoặc csv.",
		           json_pack("{s:s}", "parameter", "format"));
		return false;
	}
	return true;
}

/* Filters shared by overview and breakdown: field, commune_id, unit_id, level. */
static bool filters(struct ctx *ctx, const char **p)
{
	static const char *const levels[] = {"commune", "department", "province", "central", NULL};
	long id;
	bool level_ok = true;

	p[0] = http_query_get(ctx->req, "field");
	p[1] = http_query_get(ctx->req, "commune_id");
	p[2] = http_query_get(ctx->req, "unit_id");
	p[3] = http_query_get(ctx->req, "level");
	if (p[3] != NULL) {
		level_ok = false;
		for (const char *const *l = levels; *l; l++)
			level_ok = level_ok || strcmp(*l, p[3]) == 0;
	}
	if ((p[0] && strlen(p[0]) > 64) || (p[1] && !http_parse_id(p[1], &id)) ||
	    (p[2] && !http_parse_id(p[2], &id)) || !level_ok) {
		http_error(ctx->resp, 400, "invalid_parameter",
		           "Bộ lọc không hợp lệ (field, commune_id, unit_id, level).", NULL);
		return false;
	}
	return true;
}

/* The members of the CSV lists' items, in the JSON's order (a test checks them against the
 * JSON). */
static const char *const breakdown_columns[] = {
    "key", "name", "raised", "answered", "escalated", "closed", "open", "overdue", NULL};
static const char *const smooth_columns[] = {"date", "smooth", "share", NULL};
static const char *const compliance_columns[] = {"period", "unit_id",      "unit",
                                                 "status", "late_seconds", NULL};

/* Runs a statistics statement and answers JSON, or with csv_columns the "items" of it as
 * CSV with those columns. */
static void respond(struct ctx *ctx, enum db_stmt stmt, const char *const *p,
                    const char *const *csv_columns)
{
	PGresult *res = db_run(ctx->db, stmt, p, ctx->req->request_id, ctx->resp);
	json_t *doc;

	if (res == NULL)
		return;
	if (csv_columns == NULL) {
		http_json_text(ctx->resp, 200, PQgetvalue(res, 0, 0),
		               (size_t)PQgetlength(res, 0, 0));
		PQclear(res);
		return;
	}
	doc = json_loads(PQgetvalue(res, 0, 0), 0, NULL);
	PQclear(res);
	if (doc == NULL) {
		http_error(ctx->resp, 500, "internal", "Lỗi máy chủ.", NULL);
		return;
	}
	export_csv_items(json_object_get(doc, "items"), csv_columns, ctx->resp);
	json_decref(doc);
}

void stats_overview(struct ctx *ctx)
{
	static const char *const allowed[] = {"from",    "to",    "field", "commune_id",
	                                      "unit_id", "level", NULL};
	char from[16], to[16];
	const char *p[6] = {from, to};

	if (http_query_only(ctx->req, allowed, ctx->resp) && range(ctx, from, to, sizeof from) &&
	    filters(ctx, p + 2))
		respond(ctx, STMT_STATS_OVERVIEW, p, NULL);
}

void stats_breakdown(struct ctx *ctx)
{
	static const char *const allowed[] = {"by",      "from",  "to",     "field", "commune_id",
	                                      "unit_id", "level", "format", NULL};
	static const char *const groups[] = {"field", "commune", "department",
	                                     "level", "period",  NULL};
	const char *by = http_query_get(ctx->req, "by");
	char from[16], to[16];
	const char *p[7] = {by, from, to};
	bool known = false;
	bool csv;

	if (!http_query_only(ctx->req, allowed, ctx->resp) || !csv_wanted(ctx, &csv))
		return;
	for (const char *const *g = groups; by && *g; g++)
		known = known || strcmp(by, *g) == 0;
	if (!known) {
		http_error(ctx->resp, 400, "invalid_parameter",
		           "by là field, commune, department, level hoặc period.",
		           json_pack("{s:s}", "parameter", "by"));
		return;
	}
	if (range(ctx, from, to, sizeof from) && filters(ctx, p + 3))
		respond(ctx, STMT_STATS_BREAKDOWN, p, csv ? breakdown_columns : NULL);
}

/* Raised, answered and the median time to answer per period of `weeks` weeks (1 to 53,
 * default 1), counted back from `to`; at most 120 periods. */
void stats_weekly(struct ctx *ctx)
{
	static const char *const allowed[] = {"from",       "to",      "weeks", "field",
	                                      "commune_id", "unit_id", "level", NULL};
	const char *w = http_query_get(ctx->req, "weeks");
	char from[16], to[16], weeks[8] = "1";
	const char *p[7] = {from, to, weeks};
	struct tm a, b;
	long n = 1;

	if (!http_query_only(ctx->req, allowed, ctx->resp))
		return;
	if (w != NULL && (!http_parse_id(w, &n) || n > 53)) {
		http_error(ctx->resp, 400, "invalid_parameter",
		           "weeks là số tuần mỗi kỳ, từ 1 đến 53.",
		           json_pack("{s:s}", "parameter", "weeks"));
		return;
	}
	snprintf(weeks, sizeof weeks, "%ld", n);
	if (!range(ctx, from, to, sizeof from) || !filters(ctx, p + 3))
		return;
	parse_date(from, &a);
	parse_date(to, &b);
	if ((timegm(&b) - timegm(&a)) / 86400 / (7 * n) + 1 > 120) {
		http_error(ctx->resp, 400, "invalid_parameter",
		           "Quá 120 kỳ: chọn khoảng ngắn hơn hoặc nhiều tuần hơn mỗi kỳ (weeks).",
		           json_pack("{s:s}", "parameter", "weeks"));
		return;
	}
	respond(ctx, STMT_STATS_WEEKLY, p, NULL);
}

void stats_smooth(struct ctx *ctx)
{
	static const char *const allowed[] = {"from", "to", "format", NULL};
	char from[16], to[16];
	const char *p[2] = {from, to};
	bool csv;

	if (http_query_only(ctx->req, allowed, ctx->resp) && csv_wanted(ctx, &csv) &&
	    range(ctx, from, to, sizeof from))
		respond(ctx, STMT_STATS_SMOOTH, p, csv ? smooth_columns : NULL);
}

void stats_compliance(struct ctx *ctx)
{
	static const char *const allowed[] = {"from", "to", "format", NULL};
	char from[16], to[16];
	const char *p[2] = {from, to};
	bool csv;

	if (http_query_only(ctx->req, allowed, ctx->resp) && csv_wanted(ctx, &csv) &&
	    range(ctx, from, to, sizeof from))
		respond(ctx, STMT_STATS_COMPLIANCE, p, csv ? compliance_columns : NULL);
}
