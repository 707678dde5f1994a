/* Strict JSON: duplicates, depth, trailing data, positions in messages. */
#include "unit.h"

#include <string.h>

#include "json.h"

static json_t *parse(const char *s, char *msg, json_t **details)
{
	return json_parse_strict(s, strlen(s), msg, 256, details);
}

void test_json(void)
{
	char msg[256];
	json_t *details = NULL;
	json_t *v;
	char deep[200];

	v = parse("{\"a\":[1,2,{\"b\":null}]}", msg, &details);
	CHECK(v != NULL && details == NULL, "valid JSON parses");
	json_decref(v);

	v = parse("{\"a\":1,\"a\":2}", msg, &details);
	CHECK(v == NULL, "duplicate keys refused");
	json_decref(details);

	v = parse("{\"a\":1} x", msg, &details);
	CHECK(v == NULL, "trailing data refused");
	json_decref(details);

	v = parse("{\"a\":\n  tru}", msg, &details);
	CHECK(v == NULL && strstr(msg, "dòng 2") != NULL, "message names the line");
	CHECK(json_integer_value(json_object_get(details, "line")) == 2, "details carry the line");
	CHECK(json_object_get(details, "position") != NULL, "details carry the position");
	json_decref(details);

	v = parse("{\"a\":\"\\u0000\"}", msg, &details);
	CHECK(v == NULL, "escaped NUL refused");
	json_decref(details);

	v = parse("123456789012345678901234567890", msg, &details);
	CHECK(v == NULL, "integer overflow refused");
	json_decref(details);

	memset(deep, '[', 40);
	memset(deep + 40, ']', 40);
	deep[80] = '\0';
	v = parse(deep, msg, &details);
	CHECK(v == NULL &&
	          json_integer_value(json_object_get(details, "max_depth")) == JSON_MAX_DEPTH,
	      "nesting deeper than the limit refused");
	json_decref(details);

	memset(deep, '[', JSON_MAX_DEPTH);
	memset(deep + JSON_MAX_DEPTH, ']', JSON_MAX_DEPTH);
	deep[2 * JSON_MAX_DEPTH] = '\0';
	v = parse(deep, msg, &details);
	CHECK(v != NULL, "nesting at the limit accepted");
	json_decref(v);

	CHECK(json_nesting_depth("[\"[[[[\"]", 8, 32, NULL) == 1, "brackets in strings ignored");
	CHECK(json_nesting_depth("[\"\\\"[[\"]", 9, 32, NULL) == 1, "escaped quotes handled");
}
