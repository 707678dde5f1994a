/* Answers compressed by the worker (compress.c). */
#ifndef TS_COMPRESS_H
#define TS_COMPRESS_H

#include "http.h"

/* Smallest answer worth compressing, in bytes. */
#define COMPRESS_MIN 1024

/* When the client accepts gzip, compresses a JSON or CSV answer of COMPRESS_MIN bytes or more
 * that is not compressed yet (libdeflate, level 6): sets Content-Encoding and Vary, and makes
 * its ETag weak, as a compressing proxy does. Leaves the answer as it is on any failure. */
void compress_answer(const struct request *req, struct response *resp);

#endif
