/* Answers compressed by the worker (compress.c). */
#ifndef TS_COMPRESS_H
#define TS_COMPRESS_H

#include "http.h"

/* Smallest answer worth compressing, in bytes. */
#define COMPRESS_MIN 1024

/* libdeflate's level. A 50-row list (27 KB): level 1 makes 3,781 bytes in 94 us, level 6
 * 3,356 bytes in 264 us (nginx's zlib at level 5: 3,499 bytes). 425 bytes are 0.03 s on the
 * slowest mobile link; 170 us was 8 % of what a list costs the whole machine. */
#define COMPRESS_LEVEL 1

/* When the client accepts gzip, compresses a JSON or CSV answer of COMPRESS_MIN bytes or more
 * that is not compressed yet (libdeflate, COMPRESS_LEVEL): sets Content-Encoding and Vary, and makes
 * its ETag weak, as a compressing proxy does. Leaves the answer as it is on any failure. */
void compress_answer(const struct request *req, struct response *resp);

#endif
