/* Frozen report versions served without compressing them again on every read.
 *
 * The maintenance process keeps each frozen snapshot also as a raw deflate stream (level 9,
 * ended by a sync flush so that it is byte-aligned and not final), with its CRC-32 and length
 * (frozen_compress_pending). A reader's answer comes from the database as ordered parts: small
 * JSON texts, and snapshots either compressed or as text. For a client that accepts gzip the
 * worker writes one gzip member: the header, each text part deflated on its own (the window
 * reset, so nothing refers back into a stored stream), each stored stream copied, an empty
 * final block, and the CRC-32 of the whole (crc32_combine) with its length. */
#include "frozen.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "log.h"

/* A growing output buffer. */
struct buf {
	unsigned char *data;
	size_t len;
	size_t cap;
	bool failed;
};

static void buf_reserve(struct buf *b, size_t more)
{
	unsigned char *grown;
	size_t cap;

	if (b->failed || b->len + more <= b->cap)
		return;
	cap = b->cap ? b->cap : 4096;
	while (cap < b->len + more)
		cap *= 2;
	grown = realloc(b->data, cap);
	if (grown == NULL) {
		b->failed = true;
		return;
	}
	b->data = grown;
	b->cap = cap;
}

static void buf_put(struct buf *b, const void *data, size_t len)
{
	buf_reserve(b, len);
	if (b->failed)
		return;
	memcpy(b->data + b->len, data, len);
	b->len += len;
}

static void put_le32(struct buf *b, uint32_t v)
{
	unsigned char out[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	                        (unsigned char)(v >> 24)};

	buf_put(b, out, sizeof out);
}

/* Deflates len bytes of in into b and sync-flushes (byte-aligned, not final). z is a raw
 * deflate stream, reset first so that nothing refers to earlier output. */
static void deflate_part(z_stream *z, struct buf *b, const void *in, size_t len)
{
	int rc;

	if (b->failed || deflateReset(z) != Z_OK) {
		b->failed = true;
		return;
	}
	z->next_in = (Bytef *)(uintptr_t)in;
	z->avail_in = (uInt)len;
	do {
		buf_reserve(b, deflateBound(z, z->avail_in) + 64);
		if (b->failed)
			return;
		z->next_out = b->data + b->len;
		z->avail_out = (uInt)(b->cap - b->len);
		rc = deflate(z, Z_SYNC_FLUSH);
		b->len = b->cap - z->avail_out;
		if (rc != Z_OK && rc != Z_BUF_ERROR) {
			b->failed = true;
			return;
		}
	} while (z->avail_in > 0 || z->avail_out == 0);
}

bool frozen_deflate(const char *text, size_t len, unsigned char **out, size_t *out_len,
                    uint32_t *crc)
{
	z_stream z;
	struct buf b = {0};

	memset(&z, 0, sizeof z);
	if (len > UINT32_MAX || deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	deflate_part(&z, &b, text, len);
	deflateEnd(&z);
	if (b.failed) {
		free(b.data);
		return false;
	}
	*out = b.data;
	*out_len = b.len;
	*crc = (uint32_t)crc32(0L, (const Bytef *)text, (uInt)len);
	return true;
}

/* Big-endian integers of a binary result. */
static uint64_t be_uint(const char *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 8 | (unsigned char)p[i];
	return v;
}

/* The parts (columns part text, gz bytea, crc int8, len int4, in binary) as one body. */
static bool join_parts(const PGresult *res, bool gzip, struct buf *b)
{
	z_stream z;
	uLong crc = crc32(0L, Z_NULL, 0);
	uint64_t total = 0;
	static const unsigned char header[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};
	/* An empty final block with fixed codes: BFINAL 1, BTYPE 01, end of block. */
	static const unsigned char last[2] = {0x03, 0x00};

	memset(&z, 0, sizeof z);
	if (gzip) {
		if (deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
			return false;
		buf_put(b, header, sizeof header);
	}
	for (int i = 0; i < PQntuples(res) && !b->failed; i++) {
		if (!PQgetisnull(res, i, 0)) {
			const char *text = PQgetvalue(res, i, 0);
			size_t len = (size_t)PQgetlength(res, i, 0);

			if (!gzip) {
				buf_put(b, text, len);
				continue;
			}
			deflate_part(&z, b, text, len);
			crc = crc32_combine(crc, crc32(0L, (const Bytef *)text, (uInt)len),
			                    (z_off_t)len);
			total += len;
		} else if (gzip && !PQgetisnull(res, i, 1) && PQgetlength(res, i, 2) == 8 &&
		           PQgetlength(res, i, 3) == 4) {
			uint32_t part_crc = (uint32_t)be_uint(PQgetvalue(res, i, 2), 8);
			uint32_t part_len = (uint32_t)be_uint(PQgetvalue(res, i, 3), 4);

			buf_put(b, PQgetvalue(res, i, 1), (size_t)PQgetlength(res, i, 1));
			crc = crc32_combine(crc, part_crc, (z_off_t)part_len);
			total += part_len;
		} else {
			b->failed = true;
		}
	}
	if (gzip) {
		deflateEnd(&z);
		buf_put(b, last, sizeof last);
		put_le32(b, (uint32_t)crc);
		put_le32(b, (uint32_t)total);
	}
	return !b->failed;
}

void frozen_respond(struct db *db, enum db_stmt stmt, const char *const *params, bool gzip,
                    const char *request_id, struct response *resp)
{
	PGresult *res = db_run_ex(db, stmt, params, NULL, NULL, 1, request_id, resp);
	struct buf b = {0};

	if (res == NULL)
		return;
	if (PQntuples(res) == 0 || PQnfields(res) != 4) {
		http_error(resp, 404, "not_found", "Không tìm thấy.", NULL);
	} else if (!join_parts(res, gzip, &b)) {
		log_error("rid=%s a frozen answer could not be put together", request_id);
		http_error(resp, 500, "internal", "Lỗi máy chủ.", NULL);
	} else {
		http_json_text(resp, 200, (const char *)b.data, b.len);
		if (resp->status == 200 && gzip)
			http_add_header(resp, "Content-Encoding", "gzip");
		if (resp->status == 200)
			http_add_header(resp, "Vary", "Accept-Encoding");
	}
	free(b.data);
	PQclear(res);
}

int frozen_compress_pending(struct db *db, struct response *resp)
{
	PGresult *res = db_run(db, STMT_FROZEN_PENDING, NULL, "maintenance", resp);
	int done = 0;

	if (res == NULL)
		return -1;
	for (int i = 0; i < PQntuples(res); i++) {
		const char *text = PQgetvalue(res, i, 2);
		unsigned char *gz = NULL;
		size_t gz_len = 0;
		uint32_t crc = 0;
		char crc_s[16];
		char len_s[16];
		const char *p[4] = {PQgetvalue(res, i, 1), NULL, crc_s, len_s};
		int lengths[4] = {0, 0, 0, 0};
		int formats[4] = {0, 1, 0, 0};
		enum db_stmt store = PQgetvalue(res, i, 0)[0] == 'r'
		                         ? STMT_FROZEN_STORE_REPORT
		                         : STMT_FROZEN_STORE_CONSOLIDATED;
		PGresult *stored;

		if (!frozen_deflate(text, (size_t)PQgetlength(res, i, 2), &gz, &gz_len, &crc) ||
		    gz_len > INT32_MAX) {
			free(gz);
			log_error("could not compress a frozen snapshot (%s %s)",
			          PQgetvalue(res, i, 0), PQgetvalue(res, i, 1));
			continue;
		}
		snprintf(crc_s, sizeof crc_s, "%lu", (unsigned long)crc);
		snprintf(len_s, sizeof len_s, "%d", PQgetlength(res, i, 2));
		p[1] = (const char *)gz;
		lengths[1] = (int)gz_len;
		stored = db_run_ex(db, store, p, lengths, formats, 0, "maintenance", resp);
		free(gz);
		if (stored == NULL) {
			PQclear(res);
			return -1;
		}
		PQclear(stored);
		done++;
	}
	PQclear(res);
	return done;
}
