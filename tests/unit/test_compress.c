/* Answers compressed by the worker: only JSON and CSV of 1 KiB or more, only for a client
 * that accepts gzip, never twice; the result gunzips to the answer and its ETag turns weak. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "compress.h"

static void answer(struct response *resp, const char *type, size_t len)
{
	char *body = malloc(len + 1);

	memset(resp, 0, sizeof *resp);
	for (size_t i = 0; i < len; i++)
		body[i] = "{\"tên\":\"Sở Xây dựng\",\"số\":1234}"[i % 36];
	body[len] = '\0';
	resp->status = 200;
	resp->content_type = type;
	resp->body = body;
	resp->body_len = len;
	http_add_header(resp, "ETag", "\"abc\"");
}

void test_compress(void)
{
	struct request req;
	struct response resp;
	char *copy;
	unsigned char back[8192] = {0};
	uLongf back_len = sizeof back;
	z_stream z;

	memset(&req, 0, sizeof req);
	strcpy(req.accept_encoding, "gzip, deflate, br");
	answer(&resp, "application/json; charset=utf-8", 5000);
	copy = strndup(resp.body, resp.body_len);
	compress_answer(&req, &resp);
	CHECK(resp.body_len < 5000, "a JSON answer of 5000 bytes is compressed");
	CHECK(http_header_get(&resp, "Content-Encoding") != NULL &&
	          strcmp(http_header_get(&resp, "Content-Encoding"), "gzip") == 0,
	      "Content-Encoding: gzip");
	CHECK(http_header_get(&resp, "Vary") != NULL, "Vary: Accept-Encoding");
	CHECK(strcmp(http_header_get(&resp, "ETag"), "W/\"abc\"") == 0, "its ETag turns weak");
	memset(&z, 0, sizeof z);
	CHECK(inflateInit2(&z, 16 + 15) == Z_OK, "gunzip starts");
	z.next_in = (Bytef *)resp.body;
	z.avail_in = (uInt)resp.body_len;
	z.next_out = back;
	z.avail_out = (uInt)back_len;
	CHECK(inflate(&z, Z_FINISH) == Z_STREAM_END,
	      "a whole gzip member (CRC and length checked)");
	CHECK(z.total_out == 5000 && memcmp(back, copy, 5000) == 0, "it gunzips to the answer");
	inflateEnd(&z);
	compress_answer(&req, &resp);
	CHECK(strcmp(http_header_get(&resp, "ETag"), "W/\"abc\"") == 0, "never compressed twice");
	free(copy);
	http_response_reset(&resp);

	answer(&resp, "application/json", COMPRESS_MIN - 1);
	compress_answer(&req, &resp);
	CHECK(resp.body_len == COMPRESS_MIN - 1 &&
	          http_header_get(&resp, "Content-Encoding") == NULL,
	      "a small answer stays as it is");
	http_response_reset(&resp);

	answer(&resp, "text/csv; charset=utf-8", 3000);
	compress_answer(&req, &resp);
	CHECK(resp.body_len < 3000, "a CSV answer is compressed");
	http_response_reset(&resp);

	answer(&resp, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 3000);
	compress_answer(&req, &resp);
	CHECK(resp.body_len == 3000, "an Excel file (already zipped) is not");
	http_response_reset(&resp);

	strcpy(req.accept_encoding, "identity");
	answer(&resp, "application/json", 3000);
	compress_answer(&req, &resp);
	CHECK(resp.body_len == 3000 && strcmp(http_header_get(&resp, "ETag"), "\"abc\"") == 0,
	      "a client that does not accept gzip gets the answer as it is");
	http_response_reset(&resp);
}
