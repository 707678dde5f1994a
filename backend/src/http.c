/* Request parsing (URI, query, body) and response shaping, including the one error shape. */
#include "http.h"

#include "json.h"

#include <ctype.h>
#include <errno.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const method_names[HTTP_METHOD__MAX] = {
    [HTTP_GET] = "GET",         [HTTP_HEAD] = "HEAD",   [HTTP_POST] = "POST",
    [HTTP_PUT] = "PUT",         [HTTP_PATCH] = "PATCH", [HTTP_DELETE] = "DELETE",
    [HTTP_OPTIONS] = "OPTIONS",
};

bool http_method_parse(const char *s, enum http_method *out)
{
	if (s == NULL)
		return false;
	for (int i = 0; i < HTTP_METHOD__MAX; i++) {
		if (strcmp(s, method_names[i]) == 0) {
			*out = (enum http_method)i;
			return true;
		}
	}
	return false;
}

const char *http_method_name(enum http_method m)
{
	return m < HTTP_METHOD__MAX ? method_names[m] : "?";
}

const char *http_status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 412: return "Precondition Failed";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

bool http_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		unsigned long cp;

		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1;
			cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2;
			cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (len - i <= n)
			return false;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n + 1;
	}
	return true;
}

bool http_request_id_valid(const char *s)
{
	size_t n = 0;

	if (s == NULL)
		return false;
	for (; s[n]; n++)
		if (n >= 64 || (!isalnum((unsigned char)s[n]) && s[n] != '-'))
			return false;
	return n > 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes application/x-www-form-urlencoded text of length len into a new string. */
static char *form_decode(const char *s, size_t len)
{
	char *out = malloc(len + 1);
	size_t o = 0;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			out[o++] = ' ';
		} else if (s[i] == '%') {
			int hi;
			int lo;

			if (i + 2 >= len) {
				free(out);
				return NULL;
			}
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0) {
				free(out);
				return NULL;
			}
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	if (!http_utf8_valid(out, o)) {
		free(out);
		return NULL;
	}
	return out;
}

bool http_parse_uri(struct request *req, const char *uri, struct response *resp)
{
	const char *q = strchr(uri, '?');
	size_t plen = q ? (size_t)(q - uri) : strlen(uri);

	if (plen == 0 || uri[0] != '/' || plen >= sizeof req->path) {
		http_error(resp, 400, "bad_path", "Đường dẫn không hợp lệ.", NULL);
		return false;
	}
	for (size_t i = 0; i < plen; i++) {
		unsigned char c = (unsigned char)uri[i];

		if (c <= 0x20 || c >= 0x7F) {
			http_error(resp, 400, "bad_path", "Đường dẫn không hợp lệ.", NULL);
			return false;
		}
	}
	memcpy(req->path, uri, plen);
	req->path[plen] = '\0';
	if (q == NULL)
		return true;
	snprintf(req->query_string, sizeof req->query_string, "%s", q + 1);
	/* Truncation must not cut a character in half: the text goes into the database. */
	if (strlen(q + 1) >= sizeof req->query_string) {
		size_t n = strlen(req->query_string);

		while (n > 0 && ((unsigned char)req->query_string[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0 && ((unsigned char)req->query_string[n - 1] & 0xC0) == 0xC0)
			n--;
		req->query_string[n] = '\0';
	}

	for (const char *p = q + 1; *p;) {
		const char *amp = strchr(p, '&');
		size_t len = amp ? (size_t)(amp - p) : strlen(p);
		const char *eq = memchr(p, '=', len);
		size_t klen = eq ? (size_t)(eq - p) : len;
		char *name;
		char *value;

		if (len > 0) {
			if (req->nquery >= HTTP_MAX_QUERY_PARAMS) {
				http_error(resp, 400, "too_many_parameters",
				           "Quá nhiều tham số truy vấn.", NULL);
				return false;
			}
			name = form_decode(p, klen);
			value = eq ? form_decode(eq + 1, len - klen - 1) : form_decode("", 0);
			if (name == NULL || value == NULL || *name == '\0') {
				free(name);
				free(value);
				http_error(resp, 400, "bad_query",
				           "Tham số truy vấn không hợp lệ (mã hóa sai hoặc không "
				           "phải UTF-8).",
				           NULL);
				return false;
			}
			if (http_query_get(req, name) != NULL) {
				http_error(resp, 400, "duplicate_parameter",
				           "Tham số truy vấn bị lặp.",
				           json_pack("{s:s}", "parameter", name));
				free(name);
				free(value);
				return false;
			}
			req->query[req->nquery].name = name;
			req->query[req->nquery].value = value;
			req->nquery++;
		}
		if (amp == NULL)
			break;
		p = amp + 1;
	}
	return true;
}

const char *http_query_get(const struct request *req, const char *name)
{
	for (int i = 0; i < req->nquery; i++)
		if (strcmp(req->query[i].name, name) == 0)
			return req->query[i].value;
	return NULL;
}

bool http_query_only(const struct request *req, const char *const *allowed, struct response *resp)
{
	for (int i = 0; i < req->nquery; i++) {
		bool known = false;

		for (const char *const *a = allowed; *a; a++)
			if (strcmp(*a, req->query[i].name) == 0)
				known = true;
		if (!known) {
			http_error(resp, 400, "unknown_parameter",
			           "Tham số truy vấn không được hỗ trợ.",
			           json_pack("{s:s}", "parameter", req->query[i].name));
			return false;
		}
	}
	return true;
}

bool http_parse_id(const char *s, long *out)
{
	long v = 0;

	if (s == NULL || *s == '\0' || strlen(s) > 10)
		return false;
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return false;
		v = v * 10 + (*p - '0');
	}
	if (v < 1 || v > 2147483647L || s[0] == '0')
		return false;
	*out = v;
	return true;
}

bool http_parse_json_body(struct request *req, struct response *resp)
{
	char msg[256];
	json_t *details = NULL;
	size_t ctlen = strcspn(req->content_type, ";");

	while (ctlen > 0 && req->content_type[ctlen - 1] == ' ')
		ctlen--;
	if (ctlen != strlen("application/json") ||
	    strncasecmp(req->content_type, "application/json", ctlen) != 0) {
		http_error(resp, 415, "unsupported_media_type",
		           "Nội dung gửi lên phải là JSON (Content-Type: application/json).", NULL);
		return false;
	}
	if (!http_utf8_valid(req->body, req->body_len)) {
		http_error(resp, 400, "invalid_utf8", "Nội dung gửi lên không phải UTF-8 hợp lệ.",
		           NULL);
		return false;
	}
	req->json = json_parse_strict(req->body, req->body_len, msg, sizeof msg, &details);
	if (req->json == NULL) {
		http_error(resp, 400, "invalid_json", msg, details);
		return false;
	}
	return true;
}

static void set_body(struct response *resp, int status, char *body, size_t len)
{
	free(resp->body);
	resp->status = status;
	resp->content_type = "application/json; charset=utf-8";
	resp->body = body;
	resp->body_len = len;
}

void http_error(struct response *resp, int status, const char *code, const char *message,
                json_t *details)
{
	json_t *err = json_pack("{s:{s:s,s:s,s:o}}", "error", "code", code, "message", message,
	                        "details", details ? details : json_null());
	char *text = err ? json_dumps(err, JSON_COMPACT) : NULL;

	json_decref(err);
	if (text == NULL) {
		/* Out of memory: still answer with the right status and shape. */
		static const char fallback[] =
		    "{\"error\":{\"code\":\"internal\",\"message\":\"\",\"details\":null}}";
		text = strdup(fallback);
	}
	set_body(resp, status, text, text ? strlen(text) : 0);
}

void http_json(struct response *resp, int status, json_t *body)
{
	char *text = body ? json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(6)) : NULL;

	json_decref(body);
	if (text == NULL) {
		http_error(resp, 500, "internal", "Lỗi máy chủ.", NULL);
		return;
	}
	set_body(resp, status, text, strlen(text));
}

void http_json_text(struct response *resp, int status, const char *text, size_t len)
{
	char *copy = malloc(len + 1);

	if (copy == NULL) {
		http_error(resp, 500, "internal", "Lỗi máy chủ.", NULL);
		return;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	set_body(resp, status, copy, len);
}

void http_bytes(struct response *resp, int status, const char *content_type, const char *data,
                size_t len)
{
	http_json_text(resp, status, data, len);
	if (resp->status == status)
		resp->content_type = content_type;
}

bool http_add_header(struct response *resp, const char *name, const char *value)
{
	struct header *h;

	if (resp->nheaders >= HTTP_MAX_HEADERS || strlen(name) >= sizeof h->name ||
	    strlen(value) >= sizeof h->value)
		return false;
	h = &resp->headers[resp->nheaders++];
	strcpy(h->name, name);
	strcpy(h->value, value);
	return true;
}

bool http_if_match_version(const char *h, char *out, size_t size)
{
	const char *s = h;
	size_t n;
	long v;

	if (strncmp(s, "W/", 2) == 0)
		s += 2;
	if (*s == '"')
		s++;
	n = strspn(s, "0123456789");
	if (n == 0 || n >= size || (s[n] != '\0' && !(s[n] == '"' && s[n + 1] == '\0')))
		return false;
	memcpy(out, s, n);
	out[n] = '\0';
	/* Version 0 is what a report that was never saved shows. */
	return strcmp(out, "0") == 0 || http_parse_id(out, &v);
}

bool http_required_version(const struct request *req, struct response *resp, char *out, size_t size)
{
	if (req->if_match[0] == '\0') {
		http_error(resp, 428, "precondition_required",
		           "Cần gửi If-Match với phiên bản đã đọc để tránh ghi đè thay đổi của "
		           "người khác.",
		           NULL);
		return false;
	}
	if (!http_if_match_version(req->if_match, out, size)) {
		http_error(resp, 400, "invalid_if_match", "If-Match không hợp lệ.", NULL);
		return false;
	}
	return true;
}

const char *http_header_get(const struct response *resp, const char *name)
{
	for (int i = 0; i < resp->nheaders; i++)
		if (strcasecmp(resp->headers[i].name, name) == 0)
			return resp->headers[i].value;
	return NULL;
}

/* True when the If-None-Match list names etag (or is "*"). */
static bool etag_listed(const char *list, const char *etag)
{
	size_t n = strlen(etag);

	if (strcmp(list, "*") == 0)
		return true;
	for (const char *p = list; (p = strstr(p, etag)) != NULL; p += n)
		if ((p == list || p[-1] == ' ' || p[-1] == ',' || p[-1] == '/') &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return true;
	return false;
}

void http_conditional(const struct request *req, struct response *resp)
{
	const char *etag;
	char made[2 + 32 + 1];

	if ((req->method != HTTP_GET && req->method != HTTP_HEAD) || resp->status != 200)
		return;
	etag = http_header_get(resp, "ETag");
	if (etag == NULL) {
		/* The validator of an answer without a version of its own: its length, CRC-32 and
		 * Adler-32 (96 bits; a changed answer keeps all three with a chance of about 2^-64).
		 * Both checksums run at memory speed: 2 us for a 27 KB list, where BLAKE2b took 67
		 * us, 3 % of what the request costs the machine. The ETag is not a secret and
		 * guards nothing but a cached copy of the caller's own answer. */
		const size_t len = resp->body_len;

		snprintf(made, sizeof made, "\"%08zx%08x%08x\"", len & 0xffffffffu,
		         libdeflate_crc32(0, resp->body, len),
		         libdeflate_adler32(1, resp->body, len));
		http_add_header(resp, "ETag", made);
		etag = made;
	}
	if (req->if_none_match[0] != '\0' && etag_listed(req->if_none_match, etag)) {
		free(resp->body);
		resp->body = NULL;
		resp->body_len = 0;
		resp->status = 304;
	}
}

bool http_accepts_gzip(const char *accept_encoding)
{
	const char *p = accept_encoding;

	/* "gzip" as a coding of its own, not refused with q=0. */
	while ((p = strstr(p, "gzip")) != NULL) {
		bool starts = p == accept_encoding || p[-1] == ',' || p[-1] == ' ';
		const char *e = p + 4;

		p = e;
		while (*e == ' ')
			e++;
		if (!starts || (*e != '\0' && *e != ',' && *e != ';'))
			continue;
		if (*e == ';') {
			e++;
			while (*e == ' ')
				e++;
			if (strncmp(e, "q=0", 3) == 0 &&
			    strspn(e + 3, ".0") == strcspn(e + 3, ", "))
				return false;
		}
		return true;
	}
	return false;
}

void http_request_reset(struct request *req)
{
	for (int i = 0; i < req->nquery; i++) {
		free(req->query[i].name);
		free(req->query[i].value);
	}
	for (int i = 0; i < req->nroute_params; i++)
		free(req->route_params[i]);
	free(req->body);
	json_decref(req->json);
	memset(req, 0, sizeof *req);
}

void http_response_reset(struct response *resp)
{
	free(resp->body);
	memset(resp, 0, sizeof *resp);
}
