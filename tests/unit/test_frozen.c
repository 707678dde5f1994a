/* Frozen snapshots: which Accept-Encoding accepts gzip; a stored deflate stream inflates back
 * to the text, with its CRC-32, and can be followed by more deflate data. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "frozen.h"

/* Inflates raw deflate data (ending with a final block) into out; returns its length or -1. */
static long inflate_raw(const unsigned char *in, size_t len, char *out, size_t cap)
{
	z_stream z;
	int rc;

	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, -15) != Z_OK)
		return -1;
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	rc = inflate(&z, Z_FINISH);
	inflateEnd(&z);
	return rc == Z_STREAM_END ? (long)(cap - z.avail_out) : -1;
}

void test_frozen(void)
{
	const char *text =
	    "{\"tiêu đề\": \"Báo cáo tuần của Sở Xây dựng\", \"số\": [1, 2, 3, 1, 2, 3]}";
	unsigned char *gz = NULL;
	unsigned char joined[4096];
	size_t gz_len = 0;
	uint32_t crc = 0;
	char back[4096];
	long n;

	CHECK(http_accepts_gzip("gzip"), "gzip");
	CHECK(http_accepts_gzip("gzip, deflate, br"), "gzip first of several");
	CHECK(http_accepts_gzip("br, gzip;q=0.8"), "gzip with a weight");
	CHECK(http_accepts_gzip("deflate,gzip"), "gzip after a comma without a space");
	CHECK(!http_accepts_gzip(""), "no header");
	CHECK(!http_accepts_gzip("identity"), "identity only");
	CHECK(!http_accepts_gzip("x-gzip2, br"), "a longer name is not gzip");
	CHECK(!http_accepts_gzip("gzip;q=0"), "gzip refused with q=0");
	CHECK(!http_accepts_gzip("br, gzip; q=0.00"), "gzip refused with q=0.00");
	CHECK(http_accepts_gzip("gzip;q=0.5"), "gzip with q=0.5");

	CHECK(frozen_deflate(text, strlen(text), &gz, &gz_len, &crc), "a snapshot deflates");
	CHECK(crc == (uint32_t)crc32(0L, (const Bytef *)text, (uInt)strlen(text)),
	      "its CRC-32 is the text's");
	/* Ends with a sync flush's empty stored block, so more blocks may follow. */
	CHECK(gz_len > 4 && memcmp(gz + gz_len - 4, "\x00\x00\xff\xff", 4) == 0,
	      "the stream ends byte-aligned with a sync flush");
	CHECK(gz_len + 2 <= sizeof joined, "small enough for the check");
	memcpy(joined, gz, gz_len);
	memcpy(joined + gz_len, "\x03\x00", 2); /* the empty final block frozen_respond adds */
	n = inflate_raw(joined, gz_len + 2, back, sizeof back);
	CHECK(n == (long)strlen(text) && memcmp(back, text, strlen(text)) == 0,
	      "with a final block after it, it inflates back to the text");
	free(gz);
}
