/* Strict JSON parsing on top of jansson, with a nesting limit checked before jansson runs. */
#include "json.h"

#include <stdio.h>

int json_nesting_depth(const char *text, size_t len, int limit, size_t *where)
{
	int depth = 0;
	int max = 0;
	int in_string = 0;

	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = 0;
			continue;
		}
		if (c == '"') {
			in_string = 1;
		} else if (c == '[' || c == '{') {
			if (++depth > max) {
				max = depth;
				if (max > limit) {
					if (where)
						*where = i;
					return max;
				}
			}
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return max;
}

json_t *json_parse_strict(const char *text, size_t len, char *msg, size_t msgsize, json_t **details)
{
	json_error_t error;
	json_t *value;
	size_t where = 0;

	*details = NULL;
	if (json_nesting_depth(text, len, JSON_MAX_DEPTH, &where) > JSON_MAX_DEPTH) {
		snprintf(msg, msgsize, "JSON lồng nhau quá %d cấp (tại vị trí %zu).",
		         JSON_MAX_DEPTH, where);
		*details = json_pack("{s:I,s:i}", "position", (json_int_t)where, "max_depth",
		                     JSON_MAX_DEPTH);
		return NULL;
	}
	value = json_loadb(text, len, JSON_REJECT_DUPLICATES, &error);
	if (value == NULL) {
		snprintf(msg, msgsize, "JSON không hợp lệ tại dòng %d, cột %d (vị trí %d): %s",
		         error.line, error.column, error.position, error.text);
		*details =
		    json_pack("{s:i,s:i,s:i,s:s}", "line", error.line, "column", error.column,
		              "position", error.position, "reason", error.text);
		return NULL;
	}
	return value;
}
