/* libFuzzer harness: request URI and query parsing, then the query helpers, must never crash,
 * leak or read out of bounds, whatever the bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct request req;
	struct response resp;
	char *uri = malloc(size + 1);
	static const char *const allowed[] = {"kind", "parent", "q", NULL};
	long id;

	if (uri == NULL)
		return 0;
	memcpy(uri, data, size);
	uri[size] = '\0';
	memset(&req, 0, sizeof req);
	memset(&resp, 0, sizeof resp);
	if (http_parse_uri(&req, uri, &resp)) {
		http_query_only(&req, allowed, &resp);
		http_parse_id(http_query_get(&req, "parent"), &id);
		http_utf8_valid(req.path, strlen(req.path));
	}
	http_request_reset(&req);
	http_response_reset(&resp);
	free(uri);
	return 0;
}
