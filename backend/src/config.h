/* Configuration from environment variables, validated once at start. The process refuses to
 * start on any invalid value and names the variable. */
#ifndef TS_CONFIG_H
#define TS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct config {
	char socket_path[108]; /* TS_SOCKET: FastCGI unix socket */
	char socket_group[64]; /* TS_SOCKET_GROUP: group allowed to connect (nginx's) */
	char run_as[64]; /* TS_RUN_AS: user to switch to when started as root */
	char pid_file[512]; /* TS_PID_FILE: optional */
	char db_conninfo[1024]; /* TS_DB: libpq connection string; empty = libpq env vars */
	int workers; /* TS_WORKERS: 1..64 */
	int backlog; /* TS_BACKLOG: listen queue length */
	size_t body_limit;
	size_t upload_limit; /* TS_UPLOAD_LIMIT: attachments, bytes */ /* TS_BODY_LIMIT: bytes */
	int shutdown_timeout; /* TS_SHUTDOWN_TIMEOUT: seconds to let requests finish */
	int statement_timeout; /* TS_STATEMENT_TIMEOUT_MS */
	char jwt_key_file[512]; /* TS_JWT_KEY_FILE: the access-token signing key */
	unsigned char jwt_key[1024];
	size_t jwt_key_len; /* filled by config_load_key */
	bool demo_mode; /* TS_DEMO_MODE=1: demo accounts may keep their password */
	int maintenance_interval; /* TS_MAINTENANCE_INTERVAL: seconds between maintenance runs */
	int api_token_rate; /* TS_API_TOKEN_RATE: calls per minute per API token */
	int refresh_ttl; /* TS_REFRESH_TTL: seconds a session lasts without use */
};

/* Fills cfg from the environment through getenv_fn (getenv in production; tests pass their
 * own). On failure writes a message into err and returns false; cfg is then unusable. */
bool config_load(struct config *cfg, const char *(*getenv_fn)(const char *), char *err,
                 size_t errsize);

/* Reads the signing key named by TS_JWT_KEY_FILE (call before dropping privileges). */
bool config_load_key(struct config *cfg, char *err, size_t errsize);

/* Parses a size like "1048576", "64k", "1m" (case-insensitive) into bytes. */
bool config_parse_size(const char *s, size_t *out);

#endif
