/* Logging to stderr: timestamped single-line records, written atomically. */
#include "log.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char log_tag[32] = "thongsuot";

void log_set_tag(const char *tag)
{
	snprintf(log_tag, sizeof log_tag, "%s", tag);
}

void log_timestamp(char *buf, unsigned long size)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	         ts.tv_nsec / 1000000L);
}

static void log_write(const char *level, const char *fmt, va_list ap)
{
	char line[2048];
	char when[40];
	int n;
	int m;

	log_timestamp(when, sizeof when);
	n = snprintf(line, sizeof line, "%s %s %s ", when, log_tag, level);
	if (n < 0 || (size_t)n >= sizeof line)
		return;
	m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	if (m < 0)
		return;
	n += m;
	if ((size_t)n > sizeof line - 2)
		n = (int)sizeof line - 2;
	/* A message must stay on one line, whatever a client put into it. */
	for (int i = 0; i < n; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = ' ';
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, (size_t)n) < 0)
		return;
}

void log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_write("info", fmt, ap);
	va_end(ap);
}

void log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_write("error", fmt, ap);
	va_end(ap);
}
