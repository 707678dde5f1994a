/* HTTP request and response as the workers see them, independent of FastCGI so that parsing
 * and error shaping can be tested as pure functions. */
#ifndef TS_HTTP_H
#define TS_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_PUT,
	HTTP_PATCH,
	HTTP_DELETE,
	HTTP_OPTIONS,
	HTTP_METHOD__MAX
};

#define HTTP_MAX_QUERY_PARAMS 32
#define HTTP_MAX_ROUTE_PARAMS 4
#define HTTP_MAX_HEADERS 8
#define AUTH_HEADER_MAX 4200

struct http_param {
	char *name; /* decoded, owned by the request */
	char *value; /* decoded, owned by the request */
};

struct request {
	enum http_method method;
	char path[1024]; /* path part of the URI, not decoded */
	char query_string[1024]; /* the raw query (without "?"), truncated, for records */
	char request_id[65];
	char remote_addr[64];
	char content_type[128];
	char authorization[AUTH_HEADER_MAX]; /* the Authorization header, "" when absent */
	char cookie[4096]; /* the Cookie header, truncated */
	bool authorization_too_long;
	bool https;
	char if_match[32]; /* If-Match, "" when absent */
	char if_none_match[128]; /* If-None-Match, "" when absent */
	char accept_encoding[128]; /* Accept-Encoding, truncated, "" when absent */
	char idempotency_key[130]; /* Idempotency-Key, "" when absent */
	struct http_param query[HTTP_MAX_QUERY_PARAMS];
	int nquery;
	char *route_params[HTTP_MAX_ROUTE_PARAMS]; /* owned, in pattern order */
	int nroute_params;
	char *body; /* owned, NUL-terminated, NULL when there is none */
	size_t body_len;
	json_t *json; /* owned: the parsed body when it was JSON */
};

struct header {
	char name[32];
	char value[2600];
};

struct response {
	int status;
	const char *content_type; /* static string */
	char *body; /* owned */
	size_t body_len;
	struct header headers[HTTP_MAX_HEADERS];
	int nheaders;
	bool commit; /* keep the transaction even though the status is an error (failed login) */
};

/* Method name → enum; returns false for any method we do not serve. */
bool http_method_parse(const char *s, enum http_method *out);
const char *http_method_name(enum http_method m);

/* Reason phrase for a status code ("Not Found"); "Unknown" for codes we never send. */
const char *http_status_text(int status);

/* True when s[0..len) is well-formed UTF-8 with no NUL, no overlong forms, no surrogates. */
bool http_utf8_valid(const char *s, size_t len);

/* True for a request id we accept from nginx: 1..64 of [A-Za-z0-9-]. */
bool http_request_id_valid(const char *s);

/* Splits raw "uri" into path and query and decodes the query into req. On bad input fills
 * resp with a 400 error and returns false. */
bool http_parse_uri(struct request *req, const char *uri, struct response *resp);

/* Value of a query parameter (borrowed from req), or NULL. */
const char *http_query_get(const struct request *req, const char *name);

/* Refuses parameters not in the NULL-terminated list allowed: 400 naming the first unknown. */
bool http_query_only(const struct request *req, const char *const *allowed, struct response *resp);

/* Parses a positive id (1..2^31-1) from a query value or route segment. */
bool http_parse_id(const char *s, long *out);

/* Checks the content type and parses the body strictly into req->json. On failure fills resp
 * (415, 400 with the error position) and returns false. */
bool http_parse_json_body(struct request *req, struct response *resp);

/* Sets a JSON error body {"error":{"code","message","details"}}. Steals details (may be
 * NULL). */
void http_error(struct response *resp, int status, const char *code, const char *message,
                json_t *details);

/* Sets a JSON body from a jansson value, stealing it. */
void http_json(struct response *resp, int status, json_t *body);

/* Sets a body that is already JSON text (copied), e.g. built by PostgreSQL. */
void http_json_text(struct response *resp, int status, const char *text, size_t len);

/* Sets a body of any type (copied), e.g. a file to download. content_type is static. */
void http_bytes(struct response *resp, int status, const char *content_type, const char *data,
                size_t len);

/* Adds a response header; silently truncated values are refused (returns false). */
bool http_add_header(struct response *resp, const char *name, const char *value);

/* The version number in an If-Match value ("3", W/"3" as nginx sends back after gzip, or 3)
 * into out; false when it is not one. */
bool http_if_match_version(const char *h, char *out, size_t size);

/* For updates that must say which version they read: the If-Match version into out, or
 * 428 when it is missing and 400 when it is not a version (resp filled, false returned). */
bool http_required_version(const struct request *req, struct response *resp, char *out,
                           size_t size);

/* Value of a response header already set, or NULL. */
const char *http_header_get(const struct response *resp, const char *name);

/* For a successful GET: sets an ETag (the one the handler chose, or a hash of the body) and,
 * when the client already has that version (If-None-Match), turns the answer into 304
 * without a body. */
void http_conditional(const struct request *req, struct response *resp);

/* Frees what the request and response own and zeroes them for reuse. */
/* Whether an Accept-Encoding header accepts gzip (named, and not refused with q=0). */
bool http_accepts_gzip(const char *accept_encoding);

void http_request_reset(struct request *req);
void http_response_reset(struct response *resp);

#endif
