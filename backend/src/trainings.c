/* Training conferences: record them with attendance (the total is derived), the issues
 * answered in them and the recommendations collected (raised as issues in one step). */
#include "handlers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool id_value(json_t *v)
{
	return json_is_integer(v) && json_integer_value(v) >= 1 &&
	       json_integer_value(v) <= 2147483647;
}

static bool fail(struct ctx *ctx, const char *field, const char *message)
{
	http_error(ctx->resp, 400, "invalid_field", message, json_pack("{s:s}", "field", field));
	return false;
}

/* Checks a training body; on create every main field is required. */
static bool training_body_ok(struct ctx *ctx, bool create)
{
	static const char *const allowed[] = {
	    "title",  "round",      "starts_at",          "format", "link", "contents", "minutes",
	    "fields", "attendance", "answered_issue_ids", NULL};
	json_t *in = ctx->req->json;
	json_t *v;
	json_t *e;
	size_t i;
	bool bad;
	const char *s;

	if (!body_only(ctx, allowed))
		return false;
	if ((create || json_object_get(in, "title")) &&
	    body_string(ctx, "title", 300, true, &bad) == NULL)
		return false;
	if ((v = json_object_get(in, "round")) || create)
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > 1000)
			return fail(ctx, "round", "Lần tổ chức phải là số từ 1 đến 1000.");
	if ((v = json_object_get(in, "starts_at")) || create) {
		int y, mo, d, h, mi;
		char tail;

		s = json_string_value(v);
		/* ISO 8601 with an offset or Z, e.g. 2025-08-21T08:00:00+07:00. */
		if (s == NULL || strlen(s) < 20 || strlen(s) > 32 ||
		    sscanf(s, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 6 ||
		    (s[strlen(s) - 1] != 'Z' && strchr(s + 19, '+') == NULL &&
		     strchr(s + 19, '-') == NULL))
			return fail(ctx, "starts_at",
			            "Thời gian bắt đầu phải có dạng 2025-08-21T08:00:00+07:00.");
	}
	if ((v = json_object_get(in, "format")) || create) {
		s = json_string_value(v);
		if (s == NULL || (strcmp(s, "online") != 0 && strcmp(s, "in_person") != 0))
			return fail(ctx, "format",
			            "Hình thức là online (trực tuyến) hoặc in_person.");
	}
	/* An empty link clears the one saved before. */
	if ((v = json_object_get(in, "link")) != NULL &&
	    !(json_is_string(v) && json_string_length(v) == 0) &&
	    body_string(ctx, "link", 500, true, &bad) == NULL)
		return false;
	if ((s = json_string_value(json_object_get(in, "link"))) != NULL && *s != '\0' &&
	    strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
		return fail(ctx, "link", "Đường dẫn phải bắt đầu bằng https://.");
	if ((v = json_object_get(in, "contents")) &&
	    (!json_is_string(v) || json_string_length(v) > 20000))
		return fail(ctx, "contents", "Nội dung hướng dẫn tối đa 20000 ký tự.");
	if ((v = json_object_get(in, "minutes")) &&
	    (!json_is_string(v) || json_string_length(v) > 50000))
		return fail(ctx, "minutes", "Biên bản tối đa 50000 ký tự.");
	if ((v = json_object_get(in, "fields")) != NULL) {
		if (!json_is_array(v) || json_array_size(v) > 43)
			return fail(ctx, "fields", "Lĩnh vực phải là danh sách mã lĩnh vực.");
		json_array_foreach(
		    v, i, e) if (!json_is_string(e) ||
		                 json_string_length(e) >
		                     64) return fail(ctx, "fields",
		                                     "Lĩnh vực phải là danh sách mã lĩnh vực.");
	}
	if ((v = json_object_get(in, "attendance")) != NULL) {
		if (!json_is_array(v) || json_array_size(v) > 200)
			return fail(ctx, "attendance", "Danh sách tham dự tối đa 200 xã, phường.");
		json_array_foreach(v, i, e)
		{
			json_t *n = json_object_get(e, "participants");

			if (!json_is_object(e) || json_object_size(e) != 2 ||
			    !id_value(json_object_get(e, "commune_id")) || !json_is_integer(n) ||
			    json_integer_value(n) < 1 || json_integer_value(n) > 10000)
				return fail(
				    ctx, "attendance",
				    "Mỗi dòng tham dự gồm commune_id và participants (1–10000).");
		}
	}
	if ((v = json_object_get(in, "answered_issue_ids")) != NULL) {
		if (!json_is_array(v) || json_array_size(v) > 200)
			return fail(ctx, "answered_issue_ids", "Danh sách kiến nghị không hợp lệ.");
		json_array_foreach(v, i, e) if (!id_value(e)) return fail(
		    ctx, "answered_issue_ids", "Danh sách kiến nghị không hợp lệ.");
	}
	return true;
}

static void respond_training(struct ctx *ctx, const char *id, int status)
{
	const char *p[1] = {id};
	PGresult *res = db_run(ctx->db, STMT_TRAINING_GET, p, ctx->req->request_id, ctx->resp);
	char etag[24];

	if (res == NULL)
		return;
	if (PQntuples(res) != 1) {
		http_error(ctx->resp, 404, "training_not_found",
		           "Không tìm thấy hội nghị tập huấn.", NULL);
	} else {
		http_json_text(ctx->resp, status, PQgetvalue(res, 0, 0),
		               (size_t)PQgetlength(res, 0, 0));
		snprintf(etag, sizeof etag, "\"%s\"", PQgetvalue(res, 0, 1));
		http_add_header(ctx->resp, "ETag", etag);
	}
	PQclear(res);
}

void trainings_list(struct ctx *ctx)
{
	static const char *const allowed[] = {"period_id", "unit_id", "field", "commune_id",
	                                      "before",    "limit",   NULL};
	const char *names[] = {"period_id", "unit_id", NULL, "commune_id", "before"};
	const char *p[6];
	char limit_s[8];
	long limit = 30;
	long id;

	if (!http_query_only(ctx->req, allowed, ctx->resp))
		return;
	for (int i = 0; i < 5; i++) {
		p[i] = http_query_get(ctx->req, i == 2 ? "field" : names[i]);
		if (i != 2 && p[i] != NULL && !http_parse_id(p[i], &id)) {
			http_error(ctx->resp, 400, "invalid_parameter",
			           "Mã phải là số nguyên dương.",
			           json_pack("{s:s}", "parameter", names[i]));
			return;
		}
	}
	if (p[2] != NULL && strlen(p[2]) > 64) {
		http_error(ctx->resp, 400, "invalid_parameter", "Lĩnh vực không hợp lệ.",
		           json_pack("{s:s}", "parameter", "field"));
		return;
	}
	if (http_query_get(ctx->req, "limit") != NULL &&
	    (!http_parse_id(http_query_get(ctx->req, "limit"), &limit) || limit > 100)) {
		http_error(ctx->resp, 400, "invalid_parameter", "limit phải từ 1 đến 100.",
		           json_pack("{s:s}", "parameter", "limit"));
		return;
	}
	snprintf(limit_s, sizeof limit_s, "%ld", limit);
	p[5] = limit_s;
	db_respond_json(ctx->db, STMT_TRAININGS_LIST, p, ctx->req->request_id, 200, ctx->resp);
}

void trainings_get(struct ctx *ctx)
{
	long id;

	if (!http_query_only(ctx->req, (const char *const[]){NULL}, ctx->resp))
		return;
	if (!http_parse_id(ctx->req->route_params[0], &id)) {
		http_error(ctx->resp, 404, "training_not_found",
		           "Không tìm thấy hội nghị tập huấn.", NULL);
		return;
	}
	respond_training(ctx, ctx->req->route_params[0], 200);
}

static void save(struct ctx *ctx, const char *id, const char *version, int status)
{
	char user[16];
	char unit[16];
	char tid[16];
	char *text;
	const char *p[5];
	PGresult *res;

	text = json_dumps(ctx->req->json, JSON_COMPACT);
	if (text == NULL) {
		http_error(ctx->resp, 500, "internal", "Lỗi máy chủ.", NULL);
		return;
	}
	snprintf(user, sizeof user, "%d", ctx->who.user_id);
	snprintf(unit, sizeof unit, "%d", ctx->who.unit_id);
	p[0] = id;
	p[1] = user;
	p[2] = unit;
	p[3] = version;
	p[4] = text;
	res = db_run(ctx->db, STMT_TRAINING_SAVE, p, ctx->req->request_id, ctx->resp);
	free(text);
	if (res == NULL)
		return;
	snprintf(tid, sizeof tid, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	if (audit_write(ctx, 0, 0, id ? "training.updated" : "training.created", "training", tid,
	                NULL, NULL))
		respond_training(ctx, tid, status);
}

void trainings_create(struct ctx *ctx)
{
	if (training_body_ok(ctx, true))
		save(ctx, NULL, NULL, 201);
}

void trainings_update(struct ctx *ctx)
{
	char version[16];
	long id;

	if (!http_parse_id(ctx->req->route_params[0], &id)) {
		http_error(ctx->resp, 404, "training_not_found",
		           "Không tìm thấy hội nghị tập huấn.", NULL);
		return;
	}
	if (!training_body_ok(ctx, false))
		return;
	if (!http_required_version(ctx->req, ctx->resp, version, sizeof version))
		return;
	save(ctx, ctx->req->route_params[0], version, 200);
}

void trainings_recommend(struct ctx *ctx)
{
	static const char *const allowed[] = {"items", NULL};
	static const char *const item_keys[] = {
	    "commune_id", "title", "description", "field", "kind", "lead_unit_id", NULL};
	json_t *items = json_object_get(ctx->req->json, "items");
	char user[16];
	char unit[16];
	char *text;
	const char *p[4];
	json_t *e;
	size_t i;
	long id;
	PGresult *res;

	if (!http_parse_id(ctx->req->route_params[0], &id)) {
		http_error(ctx->resp, 404, "training_not_found",
		           "Không tìm thấy hội nghị tập huấn.", NULL);
		return;
	}
	if (!body_only(ctx, allowed))
		return;
	if (!json_is_array(items) || json_array_size(items) < 1 || json_array_size(items) > 100) {
		fail(ctx, "items", "items phải là danh sách 1–100 kiến nghị.");
		return;
	}
	json_array_foreach(items, i, e)
	{
		const char *key;
		json_t *v;
		const char *kind = json_string_value(json_object_get(e, "kind"));
		const char *title = json_string_value(json_object_get(e, "title"));
		const char *desc = json_string_value(json_object_get(e, "description"));
		const char *field = json_string_value(json_object_get(e, "field"));

		if (!json_is_object(e)) {
			fail(ctx, "items", "Mỗi kiến nghị là một đối tượng.");
			return;
		}
		json_object_foreach(e, key, v)
		{
			bool known = false;

			for (const char *const *k = item_keys; *k; k++)
				known = known || strcmp(*k, key) == 0;
			if (!known) {
				fail(ctx, key, "Trường dữ liệu không được hỗ trợ.");
				return;
			}
		}
		if (!id_value(json_object_get(e, "commune_id")) || title == NULL ||
		    strlen(title) < 3 || strlen(title) > 1200 || desc == NULL || *desc == '\0' ||
		    strlen(desc) > 80000 || field == NULL || strlen(field) > 64 || kind == NULL ||
		    (strcmp(kind, "difficulty") != 0 && strcmp(kind, "proposal") != 0) ||
		    (json_object_get(e, "lead_unit_id") &&
		     !id_value(json_object_get(e, "lead_unit_id")))) {
			fail(ctx, "items",
			     "Mỗi kiến nghị cần commune_id, title, description, field, kind hợp "
			     "lệ.");
			return;
		}
	}
	text = json_dumps(items, JSON_COMPACT);
	if (text == NULL) {
		http_error(ctx->resp, 500, "internal", "Lỗi máy chủ.", NULL);
		return;
	}
	snprintf(user, sizeof user, "%d", ctx->who.user_id);
	snprintf(unit, sizeof unit, "%d", ctx->who.unit_id);
	p[0] = ctx->req->route_params[0];
	p[1] = user;
	p[2] = unit;
	p[3] = text;
	res = db_run(ctx->db, STMT_TRAINING_RECOMMEND, p, ctx->req->request_id, ctx->resp);
	free(text);
	if (res == NULL)
		return;
	{
		json_t *ids = json_loads(PQgetvalue(res, 0, 0), 0, NULL);

		PQclear(res);
		http_json(ctx->resp, 201,
		          json_pack("{s:o}", "issue_ids", ids ? ids : json_array()));
	}
}
