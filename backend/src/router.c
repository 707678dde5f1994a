/* Route matching over the static table, segment by segment. */
#include "router.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Matches one segment [seg, seg+len) against a pattern segment [pat, pat+plen). */
static bool segment_matches(const char *pat, size_t plen, const char *seg, size_t len)
{
	if (plen == 4 && memcmp(pat, "{id}", 4) == 0) {
		if (len == 0 || len > 10 || seg[0] == '0')
			return false;
		for (size_t i = 0; i < len; i++)
			if (!isdigit((unsigned char)seg[i]))
				return false;
		return true;
	}
	return plen == len && memcmp(pat, seg, len) == 0;
}

/* Walks pattern and path together; when caps is not NULL stores captured segments. */
static bool match(const char *pattern, const char *path, char **caps, int *ncaps)
{
	const char *p = pattern;
	const char *s = path;
	int n = 0;

	while (*p == '/' && *s == '/') {
		size_t plen = strcspn(p + 1, "/");
		size_t slen = strcspn(s + 1, "/");

		if (!segment_matches(p + 1, plen, s + 1, slen))
			goto fail;
		if (p[1] == '{' && caps != NULL) {
			if (n >= HTTP_MAX_ROUTE_PARAMS || (caps[n] = strndup(s + 1, slen)) == NULL)
				goto fail;
			n++;
		}
		p += plen + 1;
		s += slen + 1;
	}
	if (*p == '\0' && *s == '\0') {
		if (ncaps)
			*ncaps = n;
		return true;
	}
fail:
	for (int i = 0; caps != NULL && i < n; i++) {
		free(caps[i]);
		caps[i] = NULL;
	}
	return false;
}

bool router_pattern_matches(const char *pattern, const char *path)
{
	return match(pattern, path, NULL, NULL);
}

static void allow_add(char *allow, size_t size, const char *method)
{
	size_t used = strlen(allow);

	if (strstr(allow, method) != NULL)
		return;
	if (used + strlen(method) + 3 >= size)
		return;
	if (used > 0)
		strcat(allow, ", ");
	strcat(allow, method);
}

enum router_result router_match(const struct route *routes, size_t nroutes, struct request *req,
                                const struct route **found, char *allow, size_t allowsize)
{
	enum http_method want = req->method == HTTP_HEAD ? HTTP_GET : req->method;
	bool path_known = false;

	allow[0] = '\0';
	for (size_t i = 0; i < nroutes; i++) {
		if (routes[i].method == want &&
		    match(routes[i].pattern, req->path, req->route_params, &req->nroute_params)) {
			*found = &routes[i];
			return ROUTER_FOUND;
		}
	}
	for (size_t i = 0; i < nroutes; i++) {
		if (!router_pattern_matches(routes[i].pattern, req->path))
			continue;
		path_known = true;
		allow_add(allow, allowsize, http_method_name(routes[i].method));
		if (routes[i].method == HTTP_GET)
			allow_add(allow, allowsize, "HEAD");
	}
	return path_known ? ROUTER_METHOD_NOT_ALLOWED : ROUTER_NOT_FOUND;
}
