/* Helpers for reading JSON request bodies: closed schemas and bounded strings. */
#include "handlers.h"

#include <string.h>

bool body_only(struct ctx *ctx, const char *const *allowed)
{
	const char *key;
	json_t *value;

	if (!json_is_object(ctx->req->json)) {
		http_error(ctx->resp, 400, "invalid_body",
		           "Nội dung gửi lên phải là một đối tượng JSON.", NULL);
		return false;
	}
	json_object_foreach(ctx->req->json, key, value)
	{
		bool known = false;

		for (const char *const *a = allowed; *a; a++)
			if (strcmp(*a, key) == 0)
				known = true;
		if (!known) {
			http_error(ctx->resp, 400, "unknown_field",
			           "Trường dữ liệu không được hỗ trợ.",
			           json_pack("{s:s}", "field", key));
			return false;
		}
	}
	return true;
}

/* The checks of body_string and body_prose; prose may hold line breaks and tabs. */
static const char *body_text(struct ctx *ctx, const char *name, size_t maxlen, bool required,
                             bool *bad, bool prose)
{
	json_t *v = json_object_get(ctx->req->json, name);
	const char *s;
	size_t chars = 0;

	*bad = false;
	if (v == NULL || json_is_null(v)) {
		if (required) {
			http_error(ctx->resp, 400, "missing_field",
			           "Thiếu trường dữ liệu bắt buộc.",
			           json_pack("{s:s}", "field", name));
			*bad = true;
		}
		return NULL;
	}
	s = json_string_value(v);
	if (s == NULL) {
		http_error(ctx->resp, 400, "invalid_field", "Trường dữ liệu phải là chuỗi ký tự.",
		           json_pack("{s:s}", "field", name));
		*bad = true;
		return NULL;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		/* Line breaks and tabs belong in written text; other control bytes never. */
		bool allowed = prose && (*p == '\n' || *p == '\r' || *p == '\t');

		if ((*p < 0x20 && !allowed) || *p == 0x7F) {
			http_error(ctx->resp, 400, "invalid_field",
			           "Trường dữ liệu chứa ký tự điều khiển.",
			           json_pack("{s:s}", "field", name));
			*bad = true;
			return NULL;
		}
		if ((*p & 0xC0) != 0x80)
			chars++;
	}
	if (chars == 0 || chars > maxlen) {
		http_error(
		    ctx->resp, 400, "invalid_length", "Độ dài trường dữ liệu không hợp lệ.",
		    json_pack("{s:s,s:i,s:I}", "field", name, "min", 1, "max", (json_int_t)maxlen));
		*bad = true;
		return NULL;
	}
	return s;
}

const char *body_string(struct ctx *ctx, const char *name, size_t maxlen, bool required, bool *bad)
{
	return body_text(ctx, name, maxlen, required, bad, false);
}

const char *body_prose(struct ctx *ctx, const char *name, size_t maxlen, bool required, bool *bad)
{
	return body_text(ctx, name, maxlen, required, bad, true);
}

bool body_id_list(struct ctx *ctx, json_t *v, const char *field, size_t min_items, size_t max_items,
                  char *out, size_t size)
{
	size_t used = 1;
	size_t i;
	json_t *e;

	if (!json_is_array(v) || json_array_size(v) < min_items || json_array_size(v) > max_items) {
		http_error(ctx->resp, 400, "invalid_field", "Danh sách mã không hợp lệ.",
		           json_pack("{s:s,s:I,s:I}", "field", field, "min_items",
		                     (json_int_t)min_items, "max_items", (json_int_t)max_items));
		return false;
	}
	out[0] = '{';
	json_array_foreach(v, i, e)
	{
		int n;

		if (!json_is_integer(e) || json_integer_value(e) < 1 ||
		    json_integer_value(e) > 2147483647) {
			http_error(ctx->resp, 400, "invalid_field", "Mã phải là số nguyên dương.",
			           json_pack("{s:s}", "field", field));
			return false;
		}
		n = snprintf(out + used, size - used, "%s%lld", i ? "," : "",
		             (long long)json_integer_value(e));
		/* Never write past the buffer, whatever the list: a too long one is refused. */
		if (n < 0 || (size_t)n >= size - used - 1) {
			http_error(ctx->resp, 400, "invalid_field", "Danh sách mã quá dài.",
			           json_pack("{s:s}", "field", field));
			return false;
		}
		used += (size_t)n;
	}
	out[used++] = '}';
	out[used] = '\0';
	return true;
}
