/* Authentication primitives: access tokens (JWT, HS256), password hashing and policy, refresh
 * and API token material. Pure functions, no database; the handlers in session.c use them. */
#ifndef TS_AUTH_H
#define TS_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "router.h"

#define AUTH_ISSUER "thongsuot"
#define AUTH_AUDIENCE "thongsuot-api"
#define AUTH_ACCESS_TTL 900 /* seconds: 15 minutes */
#define AUTH_MAX_TOKEN 4096
#define AUTH_LEEWAY 30 /* seconds of clock skew tolerated on iat/nbf */
/* Argon2id cost: about 90 ms per hash on the 2-core reference machine (docs/accounts.md). */
#define AUTH_PW_OPSLIMIT 3ULL
#define AUTH_PW_MEMLIMIT (64UL * 1024 * 1024)
#define AUTH_PW_MIN 10
#define AUTH_PW_MAX 128
/* Refresh and API tokens: 256 random bits, base64url without padding. */
#define AUTH_SECRET_BYTES 32
#define AUTH_SECRET_B64LEN 43
#define AUTH_API_TOKEN_PREFIX "tsk_"

/* Who is calling, once the token has been checked. */
struct principal {
	bool authenticated;
	int user_id;
	enum role role;
	int unit_id;
	int token_version;
	bool must_change_password;
	int api_token_id; /* > 0 when the caller used an API token */
};

/* Claims of a verified access token. */
struct access_claims {
	int user_id;
	enum role role;
	int unit_id;
	int version;
	long long exp;
};

/* Role name ↔ enum. */
const char *auth_role_name(enum role r);
bool auth_role_parse(const char *s, enum role *out);

/* Issues an access token for the user with libjwt. Returns a new string (free()) or NULL. */
char *auth_issue_access(const unsigned char *key, size_t keylen, int user_id, enum role role,
                        int unit_id, int version, time_t now);

/* Verifies a compact JWT: exactly HS256, signature compared in constant time, then iss,
 * aud, exp, nbf, iat and the claims we need. Returns false on any failure, with a short
 * reason in *why (static string). */
bool auth_verify_access(const unsigned char *key, size_t keylen, const char *token, time_t now,
                        struct access_claims *out, const char **why);

/* Argon2id hash of password into out (crypto_pwhash_STRBYTES). */
bool auth_password_hash(const char *password, char *out);

/* True when password matches the stored hash (constant-time inside libsodium). */
bool auth_password_verify(const char *hash, const char *password);

/* Checks the password policy; returns NULL when fine, or the reason code ("too_short",
 * "too_long", "common", "same_as_username"). */
const char *auth_password_weak(const char *password, const char *username);

/* Makes a new random secret: b64 gets the text to hand out (AUTH_SECRET_B64LEN + 1 bytes),
 * hash its SHA-256 (32 bytes) for storage. */
void auth_secret_new(char *b64, unsigned char *hash);

/* Hashes a presented secret (text) for lookup; false when it is not well-formed. */
bool auth_secret_hash(const char *b64, unsigned char *hash);

/* Finds the value of cookie name in a Cookie header; copies it into out. */
bool auth_cookie_get(const char *header, const char *name, char *out, size_t size);

/* Reads a key file for signing tokens: a regular file, not readable by group or others,
 * 32 to 1024 bytes. */
bool auth_load_key(const char *path, unsigned char *key, size_t *keylen, char *err, size_t errsize);

#endif
