/* libFuzzer harness: strict JSON body parsing (content type, UTF-8, nesting, duplicates). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct request req;
	struct response resp;

	memset(&req, 0, sizeof req);
	memset(&resp, 0, sizeof resp);
	strcpy(req.content_type, "application/json");
	req.body = malloc(size + 1);
	if (req.body == NULL)
		return 0;
	memcpy(req.body, data, size);
	req.body[size] = '\0';
	req.body_len = size;
	if (http_parse_json_body(&req, &resp) && json_is_object(req.json)) {
		char *again = json_dumps(req.json, JSON_COMPACT);

		free(again);
	}
	http_request_reset(&req);
	http_response_reset(&resp);
	return 0;
}
