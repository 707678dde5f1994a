/* Logging: one line per event on stderr, which the supervisor's caller sends to a file.
 * Lines are written with a single write(2) so lines from several workers do not interleave. */
#ifndef TS_LOG_H
#define TS_LOG_H

#include <stdarg.h>

/* Sets the tag written on every line (for example "worker 3" or "supervisor"). The string is
 * copied. */
void log_set_tag(const char *tag);

/* Writes "time tag level message" as one line. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Current time as ISO 8601 UTC with milliseconds into buf (at least 32 bytes). */
void log_timestamp(char *buf, unsigned long size);

#endif
