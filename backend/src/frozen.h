/* Frozen report versions compressed once and served as stored (frozen.c). */
#ifndef TS_FROZEN_H
#define TS_FROZEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "http.h"

/* Raw deflate (level 9) of text ended by a sync flush: byte-aligned and not final, so that it
 * can be copied into a larger stream. *out is malloc'd; *crc is the CRC-32 of text. */
bool frozen_deflate(const char *text, size_t len, unsigned char **out, size_t *out_len,
                    uint32_t *crc);

/* Runs stmt, whose rows are the ordered parts of a frozen answer (part text, gz bytea, crc
 * bigint, len integer; see migration 0017), and answers them joined: one gzip member when
 * gzip, else the text. No row: 404 not_found. */
void frozen_respond(struct db *db, enum db_stmt stmt, const char *const *params, bool gzip,
                    const char *request_id, struct response *resp);

/* Compresses a batch of frozen snapshots that have no compressed form yet, in the open
 * transaction (begun if none). Returns how many, or -1 (resp filled) on a database error. */
int frozen_compress_pending(struct db *db, struct response *resp);

#endif
