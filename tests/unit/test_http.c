/* Request parsing: URI and query decoding, UTF-8 validation, ids, request ids, error shape. */
#include "unit.h"

#include <string.h>

#include "http.h"

/* The ETag http_conditional gives body for a GET (and whether it answered 304 to inm). */
static void conditional(const char *body, size_t len, const char *inm, char *etag, size_t cap,
                        int *status)
{
	struct request req;
	struct response resp;
	const char *e;

	memset(&req, 0, sizeof req);
	memset(&resp, 0, sizeof resp);
	req.method = HTTP_GET;
	snprintf(req.if_none_match, sizeof req.if_none_match, "%s", inm);
	http_json_text(&resp, 200, body, len);
	http_conditional(&req, &resp);
	e = http_header_get(&resp, "ETag");
	snprintf(etag, cap, "%s", e ? e : "");
	*status = resp.status == 304 && resp.body == NULL ? 304 : resp.status;
	http_response_reset(&resp);
}

static void test_etags(void)
{
	char a[64], b[64], c[64], d[64];
	int st;

	conditional("{\"items\":[1,2,3]}", 17, "", a, sizeof a, &st);
	CHECK(st == 200 && strlen(a) == 26 && a[0] == '"' && a[25] == '"',
	      "an answer gets a quoted 24-digit ETag");
	conditional("{\"items\":[1,2,3]}", 17, "", b, sizeof b, &st);
	CHECK(strcmp(a, b) == 0, "the same answer, the same ETag");
	conditional("{\"items\":[1,2,4]}", 17, "", c, sizeof c, &st);
	CHECK(strcmp(a, c) != 0, "one byte changed, another ETag");
	conditional("{\"items\":[2,1,3]}", 17, "", d, sizeof d, &st);
	CHECK(strcmp(a, d) != 0 && strcmp(c, d) != 0,
	      "the same bytes in another order, another ETag");
	conditional("{\"items\":[1,2,3]}", 17, a, b, sizeof b, &st);
	CHECK(st == 304, "If-None-Match with the answer's ETag: 304 without a body");
	conditional("{\"items\":[1,2,4]}", 17, a, b, sizeof b, &st);
	CHECK(st == 200, "If-None-Match with an older answer's ETag: 200");
}

static int error_status(const char *uri, const char **code)
{
	struct request req;
	struct response resp;
	static char code_buf[64];
	int status;

	memset(&req, 0, sizeof req);
	memset(&resp, 0, sizeof resp);
	status = http_parse_uri(&req, uri, &resp) ? 0 : resp.status;
	code_buf[0] = '\0';
	if (resp.body) {
		json_t *j = json_loads(resp.body, 0, NULL);
		const char *c =
		    json_string_value(json_object_get(json_object_get(j, "error"), "code"));

		snprintf(code_buf, sizeof code_buf, "%s", c ? c : "");
		json_decref(j);
	}
	*code = code_buf;
	http_request_reset(&req);
	http_response_reset(&resp);
	return status;
}

void test_http(void)
{
	struct request req;
	struct response resp;

	test_etags();
	const char *code;
	long id;

	memset(&req, 0, sizeof req);
	memset(&resp, 0, sizeof resp);
	CHECK(http_parse_uri(
	          &req, "/api/v1/units?kind=commune&parent=21&q=%C4%91%E1%BA%A5t+%C4%91ai", &resp),
	      "query parses");
	CHECK(strcmp(req.path, "/api/v1/units") == 0, "path split from query");
	CHECK(req.nquery == 3, "three parameters");
	CHECK(strcmp(http_query_get(&req, "kind"), "commune") == 0, "kind value");
	CHECK(strcmp(http_query_get(&req, "q"), "đất đai") == 0, "percent and plus decoding");
	CHECK(http_query_get(&req, "missing") == NULL, "absent parameter is NULL");
	{
		static const char *const allowed[] = {"kind", "parent", NULL};

		CHECK(!http_query_only(&req, allowed, &resp) && resp.status == 400,
		      "unknown parameter refused");
		CHECK(strstr(resp.body, "\"parameter\":\"q\"") != NULL, "unknown parameter named");
	}
	http_request_reset(&req);
	http_response_reset(&resp);

	CHECK(error_status("/x?a=1&a=2", &code) == 400 && strcmp(code, "duplicate_parameter") == 0,
	      "duplicate parameter refused");
	CHECK(error_status("/x?a=%ZZ", &code) == 400 && strcmp(code, "bad_query") == 0,
	      "bad percent escape refused");
	CHECK(error_status("/x?a=%", &code) == 400, "truncated percent escape refused");
	CHECK(error_status("/x?a=%00", &code) == 400, "NUL in query refused");
	CHECK(error_status("/x?a=%C3%28", &code) == 400, "invalid UTF-8 in query refused");
	CHECK(error_status("/x?=1", &code) == 400, "empty parameter name refused");
	CHECK(error_status("x", &code) == 400 && strcmp(code, "bad_path") == 0,
	      "relative path refused");
	CHECK(error_status("/a b", &code) == 400, "space in path refused");
	CHECK(error_status("/a\x7f", &code) == 400, "control byte in path refused");
	CHECK(error_status("/x?a&&b=", &code) == 0, "empty pairs and flags accepted");
	{
		char many[512] = "/x?";

		for (int i = 0; i < HTTP_MAX_QUERY_PARAMS + 1; i++)
			snprintf(many + strlen(many), sizeof many - strlen(many), "p%d=1&", i);
		CHECK(error_status(many, &code) == 400 && strcmp(code, "too_many_parameters") == 0,
		      "too many parameters refused");
	}

	CHECK(http_utf8_valid("Phường Hạc Thành", strlen("Phường Hạc Thành")),
	      "Vietnamese is UTF-8");
	CHECK(!http_utf8_valid("\xc0\xaf", 2), "overlong form refused");
	CHECK(!http_utf8_valid("\xed\xa0\x80", 3), "surrogate refused");
	CHECK(!http_utf8_valid("\xf4\x90\x80\x80", 4), "beyond U+10FFFF refused");
	CHECK(!http_utf8_valid("\xe1\xba", 2), "truncated sequence refused");
	CHECK(!http_utf8_valid("a\0b", 3), "NUL refused");
	CHECK(http_utf8_valid("\xf0\x9f\x98\x80", 4), "4-byte sequence accepted");

	CHECK(http_parse_id("14797", &id) && id == 14797, "id parses");
	CHECK(!http_parse_id("0", &id), "zero id refused");
	CHECK(!http_parse_id("012", &id), "leading zero refused");
	CHECK(!http_parse_id("2147483648", &id), "id beyond int32 refused");
	CHECK(!http_parse_id("12a", &id), "non-digit refused");
	CHECK(!http_parse_id("", &id), "empty id refused");

	CHECK(http_request_id_valid("4f2a9c0b1d2e3f405162738495a6b7c8"),
	      "nginx request id accepted");
	CHECK(!http_request_id_valid("abc def"), "request id with space refused");
	CHECK(!http_request_id_valid(""), "empty request id refused");

	memset(&resp, 0, sizeof resp);
	http_error(&resp, 404, "not_found", "Không tìm thấy.", NULL);
	{
		json_t *j = json_loads(resp.body, 0, NULL);
		json_t *e = json_object_get(j, "error");

		CHECK(resp.status == 404, "error status");
		CHECK(strcmp(json_string_value(json_object_get(e, "code")), "not_found") == 0,
		      "error code");
		CHECK(json_is_null(json_object_get(e, "details")), "details null when absent");
		CHECK(strncmp(resp.content_type, "application/json", 16) == 0, "error is JSON");
		json_decref(j);
	}
	http_response_reset(&resp);

	memset(&req, 0, sizeof req);
	strcpy(req.content_type, "text/plain");
	req.body = strdup("{}");
	req.body_len = 2;
	CHECK(!http_parse_json_body(&req, &resp) && resp.status == 415, "wrong content type: 415");
	http_response_reset(&resp);
	strcpy(req.content_type, "application/json; charset=utf-8");
	CHECK(http_parse_json_body(&req, &resp) && json_is_object(req.json), "JSON body parsed");
	http_request_reset(&req);

	memset(&req, 0, sizeof req);
	strcpy(req.content_type, "application/json");
	req.body = strdup("{\"a\":\"\xff\"}");
	req.body_len = strlen(req.body);
	CHECK(!http_parse_json_body(&req, &resp) && resp.status == 400 &&
	          strstr(resp.body, "invalid_utf8") != NULL,
	      "invalid UTF-8 body: 400 invalid_utf8");
	http_request_reset(&req);
	http_response_reset(&resp);

	CHECK(strcmp(http_status_text(413), "Content Too Large") == 0, "status text");
	CHECK(strcmp(http_method_name(HTTP_PATCH), "PATCH") == 0, "method name");
	{
		enum http_method m;

		CHECK(http_method_parse("DELETE", &m) && m == HTTP_DELETE, "method parse");
		CHECK(!http_method_parse("TRACE", &m), "unknown method refused");
		CHECK(!http_method_parse("get", &m), "methods are case-sensitive");
	}
}
