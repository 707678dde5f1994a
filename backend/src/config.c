/* Environment configuration: defaults, parsing and range checks. */
#include "config.h"

#include "auth.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool config_parse_size(const char *s, size_t *out)
{
	char *end = NULL;
	unsigned long long v;
	unsigned long long mult = 1;

	if (s == NULL || !isdigit((unsigned char)s[0]))
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return false;
	if (*end != '\0') {
		switch (tolower((unsigned char)*end)) {
		case 'k': mult = 1024ULL; break;
		case 'm': mult = 1024ULL * 1024ULL; break;
		default: return false;
		}
		if (end[1] != '\0')
			return false;
	}
	if (v > (1ULL << 40) / mult)
		return false;
	*out = (size_t)(v * mult);
	return true;
}

static bool parse_int(const char *s, long min, long max, int *out)
{
	char *end = NULL;
	long v;

	if (s == NULL || *s == '\0')
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return false;
	*out = (int)v;
	return true;
}

static bool copy_str(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

static bool is_plain_name(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
			return false;
	return true;
}

bool config_load(struct config *cfg, const char *(*getenv_fn)(const char *), char *err,
                 size_t errsize)
{
	const char *v;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	memset(cfg, 0, sizeof *cfg);
	/* Workers wait on the database most of the time: two per core keeps the cores busy. */
	cfg->workers = ncpu > 0 ? (int)(ncpu * 2 > 64 ? 64 : ncpu * 2) : 2;
	cfg->backlog = 256;
	cfg->body_limit = 1024 * 1024;
	cfg->upload_limit = 10 * 1024 * 1024;
	cfg->shutdown_timeout = 10;
	cfg->statement_timeout = 10000;
	cfg->refresh_ttl = 12 * 3600;
	cfg->maintenance_interval = 60;
	cfg->api_token_rate = 60;

	v = getenv_fn("TS_SOCKET");
	if (v == NULL || *v != '/' || !copy_str(cfg->socket_path, sizeof cfg->socket_path, v)) {
		snprintf(err, errsize, "TS_SOCKET must be an absolute path shorter than %zu bytes",
		         sizeof cfg->socket_path);
		return false;
	}
	if ((v = getenv_fn("TS_SOCKET_GROUP")) != NULL && *v != '\0' &&
	    (!is_plain_name(v) || !copy_str(cfg->socket_group, sizeof cfg->socket_group, v))) {
		snprintf(err, errsize, "TS_SOCKET_GROUP must be a group name");
		return false;
	}
	if ((v = getenv_fn("TS_RUN_AS")) != NULL && *v != '\0' &&
	    (!is_plain_name(v) || !copy_str(cfg->run_as, sizeof cfg->run_as, v))) {
		snprintf(err, errsize, "TS_RUN_AS must be a user name");
		return false;
	}
	if ((v = getenv_fn("TS_PID_FILE")) != NULL && *v != '\0' &&
	    (*v != '/' || !copy_str(cfg->pid_file, sizeof cfg->pid_file, v))) {
		snprintf(err, errsize, "TS_PID_FILE must be an absolute path");
		return false;
	}
	if ((v = getenv_fn("TS_DB")) != NULL &&
	    !copy_str(cfg->db_conninfo, sizeof cfg->db_conninfo, v)) {
		snprintf(err, errsize, "TS_DB is too long");
		return false;
	}
	if ((v = getenv_fn("TS_WORKERS")) != NULL && !parse_int(v, 1, 64, &cfg->workers)) {
		snprintf(err, errsize, "TS_WORKERS must be a whole number from 1 to 64");
		return false;
	}
	if ((v = getenv_fn("TS_BACKLOG")) != NULL && !parse_int(v, 1, 65535, &cfg->backlog)) {
		snprintf(err, errsize, "TS_BACKLOG must be a whole number from 1 to 65535");
		return false;
	}
	if ((v = getenv_fn("TS_BODY_LIMIT")) != NULL &&
	    (!config_parse_size(v, &cfg->body_limit) || cfg->body_limit < 1024 ||
	     cfg->body_limit > 64UL * 1024 * 1024)) {
		snprintf(err, errsize, "TS_BODY_LIMIT must be a size from 1k to 64m (e.g. 1m)");
		return false;
	}
	if ((v = getenv_fn("TS_SHUTDOWN_TIMEOUT")) != NULL &&
	    !parse_int(v, 1, 600, &cfg->shutdown_timeout)) {
		snprintf(err, errsize, "TS_SHUTDOWN_TIMEOUT must be seconds from 1 to 600");
		return false;
	}
	if ((v = getenv_fn("TS_STATEMENT_TIMEOUT_MS")) != NULL &&
	    !parse_int(v, 100, 600000, &cfg->statement_timeout)) {
		snprintf(err, errsize, "TS_STATEMENT_TIMEOUT_MS must be from 100 to 600000");
		return false;
	}
	v = getenv_fn("TS_JWT_KEY_FILE");
	if (v == NULL || *v != '/' || !copy_str(cfg->jwt_key_file, sizeof cfg->jwt_key_file, v)) {
		snprintf(err, errsize,
		         "TS_JWT_KEY_FILE must be the absolute path of the signing key");
		return false;
	}
	if ((v = getenv_fn("TS_DEMO_MODE")) != NULL && *v != '\0') {
		if (strcmp(v, "1") != 0 && strcmp(v, "0") != 0) {
			snprintf(err, errsize, "TS_DEMO_MODE must be 0 or 1");
			return false;
		}
		cfg->demo_mode = v[0] == '1';
	}
	if ((v = getenv_fn("TS_MAINTENANCE_INTERVAL")) != NULL &&
	    !parse_int(v, 1, 86400, &cfg->maintenance_interval)) {
		snprintf(err, errsize, "TS_MAINTENANCE_INTERVAL must be seconds from 1 to 86400");
		return false;
	}
	if ((v = getenv_fn("TS_API_TOKEN_RATE")) != NULL &&
	    !parse_int(v, 1, 100000, &cfg->api_token_rate)) {
		snprintf(err, errsize,
		         "TS_API_TOKEN_RATE must be calls per minute from 1 to 100000");
		return false;
	}
	if ((v = getenv_fn("TS_REFRESH_TTL")) != NULL &&
	    !parse_int(v, 300, 30 * 24 * 3600, &cfg->refresh_ttl)) {
		snprintf(err, errsize, "TS_REFRESH_TTL must be seconds from 300 to 2592000");
		return false;
	}
	return true;
}

bool config_load_key(struct config *cfg, char *err, size_t errsize)
{
	return auth_load_key(cfg->jwt_key_file, cfg->jwt_key, &cfg->jwt_key_len, err, errsize);
}
