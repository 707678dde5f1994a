/* Strict JSON input: bounded nesting, no duplicate keys, valid UTF-8, one value only. */
#ifndef TS_JSON_H
#define TS_JSON_H

#include <stddef.h>

#include <jansson.h>

#define JSON_MAX_DEPTH 32

/* Parses text[0..len). Returns a new reference, or NULL with a Vietnamese message in msg and,
 * in *details, a new object {"line","column","position"} naming where parsing stopped. */
json_t *json_parse_strict(const char *text, size_t len, char *msg, size_t msgsize,
                          json_t **details);

/* Deepest nesting of arrays/objects in text (strings skipped); stops counting past limit. */
int json_nesting_depth(const char *text, size_t len, int limit, size_t *where);

#endif
