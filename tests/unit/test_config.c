/* Configuration: defaults, validation messages naming the variable. */
#include "unit.h"

#include <string.h>

#include "config.h"

static const char *const *fake_env;

static const char *fake_getenv(const char *name)
{
	for (const char *const *e = fake_env; *e; e += 2)
		if (strcmp(e[0], name) == 0)
			return e[1];
	return NULL;
}

static bool load(const char *const *env, struct config *cfg, char *err)
{
	fake_env = env;
	return config_load(cfg, fake_getenv, err, 256);
}

void test_config(void)
{
	struct config cfg;
	char err[256];
	size_t sz;

	{
		const char *env[] = {"TS_SOCKET", "/tmp/x.sock", "TS_JWT_KEY_FILE", "/k", NULL};

		CHECK(load(env, &cfg, err), "minimal configuration loads");
		CHECK(cfg.workers >= 1 && cfg.workers <= 64, "default workers in range");
		CHECK(cfg.body_limit == 1024 * 1024, "default body limit 1 MiB");
	}
	{
		const char *env[] = {NULL};

		CHECK(!load(env, &cfg, err) && strstr(err, "TS_SOCKET") != NULL, "socket required");
	}
	{
		const char *env[] = {"TS_SOCKET", "relative.sock", NULL};

		CHECK(!load(env, &cfg, err), "relative socket refused");
	}
	{
		const char *env[] = {"TS_SOCKET", "/tmp/x", "TS_WORKERS", "0", NULL};

		CHECK(!load(env, &cfg, err) && strstr(err, "TS_WORKERS") != NULL,
		      "zero workers refused");
	}
	{
		const char *env[] = {"TS_SOCKET", "/tmp/x", "TS_WORKERS", "4x", NULL};

		CHECK(!load(env, &cfg, err), "garbage workers refused");
	}
	{
		const char *env[] = {
		    "TS_SOCKET", "/tmp/x",          "TS_WORKERS", "3", "TS_BODY_LIMIT",
		    "64k",       "TS_JWT_KEY_FILE", "/k",         NULL};

		CHECK(load(env, &cfg, err) && cfg.workers == 3 && cfg.body_limit == 65536,
		      "workers and body limit set");
	}
	{
		const char *env[] = {"TS_SOCKET", "/tmp/x", "TS_BODY_LIMIT", "100", NULL};

		CHECK(!load(env, &cfg, err) && strstr(err, "TS_BODY_LIMIT") != NULL,
		      "tiny body limit refused");
	}
	{
		const char *env[] = {"TS_SOCKET", "/tmp/x", "TS_SOCKET_GROUP", "www data", NULL};

		CHECK(!load(env, &cfg, err), "group with space refused");
	}
	{
		const char *env[] = {"TS_SOCKET", "/tmp/x", NULL};

		CHECK(!load(env, &cfg, err) && strstr(err, "TS_JWT_KEY_FILE") != NULL,
		      "signing key required");
	}
	{
		const char *env[] = {"TS_SOCKET", "/tmp/x", "TS_JWT_KEY_FILE", "/k", "TS_DEMO_MODE",
		                     "yes",       NULL};

		CHECK(!load(env, &cfg, err) && strstr(err, "TS_DEMO_MODE") != NULL,
		      "demo mode must be 0 or 1");
	}
	CHECK(config_parse_size("2m", &sz) && sz == 2 * 1024 * 1024, "2m parses");
	CHECK(config_parse_size("10K", &sz) && sz == 10240, "10K parses");
	CHECK(!config_parse_size("1g", &sz), "unknown unit refused");
	CHECK(!config_parse_size("-1", &sz), "negative refused");
	CHECK(!config_parse_size("99999999999999999999", &sz), "overflow refused");
}
