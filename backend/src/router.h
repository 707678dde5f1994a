/* The route table: method, path pattern, handler, who may call it. One dispatch function
 * looks a request up; handlers never check roles themselves. */
#ifndef TS_ROUTER_H
#define TS_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#include "http.h"

struct ctx;
typedef void (*route_handler)(struct ctx *ctx);

/* Roles from DESIGN §2, as bits so a route can name several. */
enum role {
	ROLE_COMMUNE_OFFICER,
	ROLE_DEPARTMENT_OFFICER,
	ROLE_DEPARTMENT_HEAD,
	ROLE_HOME_AFFAIRS,
	ROLE_PROVINCE_OFFICE,
	ROLE_LEADERSHIP,
	ROLE_PARTY_READER,
	ROLE_ADMIN,
	ROLE__MAX
};

#define ROLES_PUBLIC 0u /* no login needed */
#define ROLE_BIT(r) (1u << (r))

#define ROLES_ANY ((1u << ROLE__MAX) - 1u) /* any signed-in user */

enum route_flags {
	ROUTE_PENDING_OK = 1u << 0, /* allowed while the password must still be changed */
	ROUTE_RAW_BODY = 1u << 1, /* the body is a file (up to the upload limit), not JSON */
	ROUTE_IDEMPOTENT = 1u << 2, /* honours Idempotency-Key: a retry replays the first answer */
};

struct route {
	enum http_method method;
	const char *pattern; /* segments; "{id}" matches a positive integer */
	route_handler handler;
	unsigned roles; /* ROLE_BIT()s allowed, or ROLES_PUBLIC */
	unsigned flags;
};

enum router_result { ROUTER_FOUND, ROUTER_NOT_FOUND, ROUTER_METHOD_NOT_ALLOWED };

/* Finds the route for method and path. On ROUTER_FOUND sets *found (borrowed from routes) and
 * stores the captured segments as new strings in req->route_params. On
 * ROUTER_METHOD_NOT_ALLOWED writes the methods the path does accept into allow ("GET, HEAD").
 * HEAD is served by GET routes. */
enum router_result router_match(const struct route *routes, size_t nroutes, struct request *req,
                                const struct route **found, char *allow, size_t allowsize);

/* True when pattern matches path (no captures); used by tests and the route-table checks. */
bool router_pattern_matches(const char *pattern, const char *path);

#endif
