/* Access tokens (every attack on them refused), password policy and hashing, token secrets,
 * cookies and the signing key file. */
#include "unit.h"

#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth.h"

static const unsigned char key[] = "0123456789abcdef0123456789abcdef-unit-test-key";
#define KEYLEN (sizeof key - 1)

static char *b64(const char *s, size_t n)
{
	size_t cap = sodium_base64_encoded_len(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = malloc(cap);

	sodium_bin2base64(out, cap, (const unsigned char *)s, n,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

/* Builds header.payload.signature with HMAC-SHA256 under k (sign = false: no signature). */
static char *forge(const char *header, const char *payload, const unsigned char *k, size_t klen,
                   bool sign)
{
	char *h = b64(header, strlen(header));
	char *p = b64(payload, strlen(payload));
	size_t n = strlen(h) + strlen(p) + 100;
	char *tok = malloc(n);
	unsigned char mac[32];

	snprintf(tok, n, "%s.%s", h, p);
	if (sign) {
		char *s;

		crypto_auth_hmacsha256_state st;
		crypto_auth_hmacsha256_init(&st, k, klen);
		crypto_auth_hmacsha256_update(&st, (unsigned char *)tok, strlen(tok));
		crypto_auth_hmacsha256_final(&st, mac);
		s = b64((const char *)mac, sizeof mac);
		strcat(tok, ".");
		strcat(tok, s);
		free(s);
	} else {
		strcat(tok, ".");
	}
	free(h);
	free(p);
	return tok;
}

static bool verify(const char *tok, time_t now, const char **why)
{
	struct access_claims c;

	return auth_verify_access(key, KEYLEN, tok, now, &c, why);
}

static char *claims(long iat, long nbf, long exp, const char *iss, const char *aud)
{
	char *out = malloc(400);

	snprintf(out, 400,
	         "{\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"7\",\"role\":\"admin\",\"unit\":101,"
	         "\"ver\":1,\"jti\":\"x\",\"iat\":%ld,\"nbf\":%ld,\"exp\":%ld}",
	         iss, aud, iat, nbf, exp);
	return out;
}

static void test_tokens(void)
{
	time_t now = 1790000000;
	const char *why = NULL;
	struct access_claims c;
	char *tok = auth_issue_access(key, KEYLEN, 7, ROLE_DEPARTMENT_HEAD, 107, 3, now);
	char *forged;
	char *cl;
	const char *hs = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

	CHECK(tok != NULL, "libjwt issues a token");
	if (tok == NULL)
		return;
	CHECK(auth_verify_access(key, KEYLEN, tok, now + 10, &c, &why), "own token verifies");
	CHECK(c.user_id == 7 && c.role == ROLE_DEPARTMENT_HEAD && c.unit_id == 107 &&
	          c.version == 3,
	      "claims read back");
	CHECK(c.exp == now + 900, "expires in 15 minutes");
	CHECK(!verify(tok, now + 900, &why) && strcmp(why, "expired") == 0, "expired refused");
	CHECK(!auth_verify_access((const unsigned char *)"another-key-another-key-another-k", 33,
	                          tok, now, &c, &why),
	      "another key refused");
	{
		char *bad = strdup(tok);

		bad[strlen(bad) - 2] = bad[strlen(bad) - 2] == 'A' ? 'B' : 'A';
		CHECK(!verify(bad, now, &why), "flipped signature refused");
		bad[strlen(bad) - 10] = '\0';
		CHECK(!verify(bad, now, &why), "truncated token refused");
		free(bad);
	}
	free(tok);

	cl = claims(now, now, now + 900, "thongsuot", "thongsuot-api");
	forged = forge(hs, cl, key, KEYLEN, true);
	CHECK(verify(forged, now, &why), "a correctly forged token with the right key verifies");
	free(forged);
	forged = forge("{\"alg\":\"none\",\"typ\":\"JWT\"}", cl, key, KEYLEN, false);
	CHECK(!verify(forged, now, &why), "alg none refused");
	free(forged);
	forged = forge("{\"alg\":\"none\"}", cl, key, KEYLEN, true);
	CHECK(!verify(forged, now, &why) && strcmp(why, "algorithm not allowed") == 0,
	      "alg none with a signature refused");
	free(forged);
	forged = forge("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", cl, key, KEYLEN, true);
	CHECK(!verify(forged, now, &why), "RS256 header refused");
	free(forged);
	forged = forge("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", cl, key, KEYLEN, true);
	CHECK(!verify(forged, now, &why), "HS512 refused");
	free(forged);
	forged = forge("{\"alg\":\"hs256\"}", cl, key, KEYLEN, true);
	CHECK(!verify(forged, now, &why), "lower-case alg refused");
	free(forged);
	forged = forge("{\"alg\":\"HS256\",\"alg\":\"none\"}", cl, key, KEYLEN, true);
	CHECK(!verify(forged, now, &why), "duplicate alg refused");
	free(forged);
	forged = forge(hs, cl, (const unsigned char *)"wrong-key-wrong-key-wrong-key-wr", 32, true);
	CHECK(!verify(forged, now, &why) && strcmp(why, "bad signature") == 0,
	      "HS256 with another key refused");
	free(forged);
	free(cl);

	cl = claims(now, now, now + 900, "evil", "thongsuot-api");
	forged = forge(hs, cl, key, KEYLEN, true);
	CHECK(!verify(forged, now, &why) && strcmp(why, "wrong issuer") == 0, "wrong iss refused");
	free(forged);
	free(cl);
	cl = claims(now, now, now + 900, "thongsuot", "other-api");
	forged = forge(hs, cl, key, KEYLEN, true);
	CHECK(!verify(forged, now, &why) && strcmp(why, "wrong audience") == 0,
	      "wrong aud refused");
	free(forged);
	free(cl);
	cl = claims(now + 600, now + 600, now + 1500, "thongsuot", "thongsuot-api");
	forged = forge(hs, cl, key, KEYLEN, true);
	CHECK(!verify(forged, now, &why) && strcmp(why, "not yet valid") == 0,
	      "future nbf refused");
	free(forged);
	free(cl);
	cl = claims(now, now, now + 86400 * 365, "thongsuot", "thongsuot-api");
	forged = forge(hs, cl, key, KEYLEN, true);
	CHECK(!verify(forged, now, &why), "a year-long lifetime refused");
	free(forged);
	free(cl);
	forged = forge(hs, "{\"iss\":\"thongsuot\",\"aud\":\"thongsuot-api\",\"exp\":9999999999}",
	               key, KEYLEN, true);
	CHECK(!verify(forged, now, &why) && strcmp(why, "missing claim") == 0,
	      "missing claims refused");
	free(forged);
	forged = forge(hs, "[1,2,3]", key, KEYLEN, true);
	CHECK(!verify(forged, now, &why), "payload that is not an object refused");
	free(forged);

	CHECK(!verify("", now, &why), "empty token refused");
	CHECK(!verify("garbage", now, &why), "garbage refused");
	CHECK(!verify("a.b", now, &why), "two parts refused");
	CHECK(!verify("a.b.c.d", now, &why), "four parts refused");
	CHECK(!verify("eyJhbGciOiJIUzI1NiJ9.e30.!!!", now, &why), "bad characters refused");
	{
		char *big = malloc(AUTH_MAX_TOKEN + 10);

		memset(big, 'a', AUTH_MAX_TOKEN + 5);
		big[10] = '.';
		big[20] = '.';
		big[AUTH_MAX_TOKEN + 5] = '\0';
		CHECK(!verify(big, now, &why), "oversized token refused");
		free(big);
	}
}

static void test_passwords(void)
{
	char hash[crypto_pwhash_STRBYTES];

	CHECK(auth_password_weak("short", NULL) != NULL &&
	          strcmp(auth_password_weak("short", NULL), "too_short") == 0,
	      "short password refused");
	CHECK(strcmp(auth_password_weak("Matkhau123", NULL), "common") == 0,
	      "common password refused, any case");
	CHECK(strcmp(auth_password_weak("nguyen.van.a", "nguyen.van.a"), "same_as_username") == 0,
	      "password equal to the username refused");
	CHECK(auth_password_weak("Đường-làng-xã-2025", NULL) == NULL,
	      "Vietnamese passphrase accepted");
	CHECK(strcmp(auth_password_weak("ĐĐĐĐĐĐĐĐĐ", NULL), "too_short") == 0,
	      "length counts characters, not bytes");
	CHECK(auth_password_hash("ThanhHoa@2025", hash), "hash made");
	CHECK(strncmp(hash, "$argon2id$", 10) == 0, "hash is Argon2id");
	CHECK(auth_password_verify(hash, "ThanhHoa@2025"), "right password verifies");
	CHECK(!auth_password_verify(hash, "ThanhHoa@2026"), "wrong password refused");
}

static void test_secrets_and_cookies(void)
{
	char s[AUTH_SECRET_B64LEN + 1];
	unsigned char h1[32];
	unsigned char h2[32];
	char v[64];

	auth_secret_new(s, h1);
	CHECK(strlen(s) == AUTH_SECRET_B64LEN, "secret is 43 base64url characters");
	CHECK(auth_secret_hash(s, h2) && memcmp(h1, h2, 32) == 0, "presented secret hashes alike");
	CHECK(!auth_secret_hash("short", h2), "short secret refused");
	CHECK(auth_cookie_get("a=1; ts_refresh=abc; b=2", "ts_refresh", v, sizeof v) &&
	          strcmp(v, "abc") == 0,
	      "cookie found among others");
	CHECK(!auth_cookie_get("xts_refresh=abc", "ts_refresh", v, sizeof v),
	      "cookie name must match whole");
	CHECK(!auth_cookie_get("", "ts_refresh", v, sizeof v), "no cookie");
}

static void test_key_file(void)
{
	char path[] = "/tmp/ts-unit-key-XXXXXX";
	int fd = mkstemp(path);
	unsigned char k[1024];
	size_t klen = 0;
	char err[256];
	unsigned char random[48];

	randombytes_buf(random, sizeof random);
	CHECK(fd >= 0 && write(fd, random, 16) == 16, "key file written");
	CHECK(!auth_load_key(path, k, &klen, err, sizeof err), "16-byte key refused");
	CHECK(write(fd, random + 16, 32) == 32, "key file extended");
	fchmod(fd, 0600);
	CHECK(auth_load_key(path, k, &klen, err, sizeof err) && klen == 48,
	      "48-byte 0600 key loads");
	fchmod(fd, 0644);
	CHECK(!auth_load_key(path, k, &klen, err, sizeof err) && strstr(err, "0600") != NULL,
	      "world-readable key refused");
	close(fd);
	unlink(path);
	CHECK(!auth_load_key("/nonexistent/key", k, &klen, err, sizeof err), "missing key refused");
}

void test_auth(void)
{
	if (sodium_init() < 0) {
		CHECK(false, "sodium_init");
		return;
	}
	test_tokens();
	test_passwords();
	test_secrets_and_cookies();
	test_key_file();
}
