/* Routing: exact and {id} segments, 404 versus 405 with Allow, captures. */
#include "unit.h"

#include <string.h>

#include "router.h"

static void h(struct ctx *ctx)
{
	(void)ctx;
}

static const struct route table[] = {
    {HTTP_GET, "/api/v1/units", h, ROLES_PUBLIC, 0},
    {HTTP_GET, "/api/v1/units/{id}", h, ROLES_PUBLIC, 0},
    {HTTP_PATCH, "/api/v1/units/{id}", h, ROLES_PUBLIC, 0},
    {HTTP_POST, "/api/v1/issues/{id}/comments", h, ROLES_PUBLIC, 0},
};

static enum router_result route(enum http_method m, const char *path, const struct route **r,
                                char *allow, char *cap)
{
	struct request req;
	enum router_result res;

	memset(&req, 0, sizeof req);
	req.method = m;
	strcpy(req.path, path);
	res = router_match(table, sizeof table / sizeof table[0], &req, r, allow, 64);
	if (cap)
		strcpy(cap, req.nroute_params > 0 ? req.route_params[0] : "");
	http_request_reset(&req);
	return res;
}

void test_router(void)
{
	const struct route *r = NULL;
	char allow[64];
	char cap[32];

	CHECK(route(HTTP_GET, "/api/v1/units", &r, allow, NULL) == ROUTER_FOUND && r == &table[0],
	      "exact route");
	CHECK(route(HTTP_GET, "/api/v1/units/14797", &r, allow, cap) == ROUTER_FOUND &&
	          r == &table[1] && strcmp(cap, "14797") == 0,
	      "id captured");
	CHECK(route(HTTP_HEAD, "/api/v1/units", &r, allow, NULL) == ROUTER_FOUND, "HEAD uses GET");
	CHECK(route(HTTP_POST, "/api/v1/issues/7/comments", &r, allow, cap) == ROUTER_FOUND &&
	          strcmp(cap, "7") == 0,
	      "id in the middle");
	CHECK(route(HTTP_GET, "/api/v1/units/abc", &r, allow, NULL) == ROUTER_NOT_FOUND,
	      "non-numeric id is not found");
	CHECK(route(HTTP_GET, "/api/v1/units/0", &r, allow, NULL) == ROUTER_NOT_FOUND, "zero id");
	CHECK(route(HTTP_GET, "/api/v1/units/12345678901", &r, allow, NULL) == ROUTER_NOT_FOUND,
	      "11-digit id");
	CHECK(route(HTTP_GET, "/api/v1/units/", &r, allow, NULL) == ROUTER_NOT_FOUND,
	      "trailing slash is another path");
	CHECK(route(HTTP_GET, "/api/v1/unit", &r, allow, NULL) == ROUTER_NOT_FOUND, "prefix only");
	CHECK(route(HTTP_GET, "/api/v1/units/1/x", &r, allow, NULL) == ROUTER_NOT_FOUND,
	      "longer path");
	CHECK(route(HTTP_GET, "/api/v1/../v1/units", &r, allow, NULL) == ROUTER_NOT_FOUND,
	      "dot segments are not resolved");
	CHECK(route(HTTP_DELETE, "/api/v1/units", &r, allow, NULL) == ROUTER_METHOD_NOT_ALLOWED &&
	          strcmp(allow, "GET, HEAD") == 0,
	      "405 lists GET, HEAD");
	CHECK(route(HTTP_POST, "/api/v1/units/5", &r, allow, NULL) == ROUTER_METHOD_NOT_ALLOWED &&
	          strcmp(allow, "GET, HEAD, PATCH") == 0,
	      "405 lists every method of the path");
	CHECK(route(HTTP_METHOD__MAX, "/api/v1/units", &r, allow, NULL) ==
	          ROUTER_METHOD_NOT_ALLOWED,
	      "unknown method on a known path is 405");
	CHECK(router_pattern_matches("/api/v1/units/{id}", "/api/v1/units/9"), "pattern helper");
}
