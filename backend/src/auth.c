/* Access tokens, passwords and token secrets. Verification does not trust libjwt 1.10 with
 * anything: the algorithm, signature and every claim are checked here. */
#include "auth.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <jwt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json.h"

static const char *const role_names[ROLE__MAX] = {
    [ROLE_COMMUNE_OFFICER] = "commune_officer", [ROLE_DEPARTMENT_OFFICER] = "department_officer",
    [ROLE_DEPARTMENT_HEAD] = "department_head", [ROLE_HOME_AFFAIRS] = "home_affairs",
    [ROLE_PROVINCE_OFFICE] = "province_office", [ROLE_LEADERSHIP] = "leadership",
    [ROLE_PARTY_READER] = "party_reader",       [ROLE_ADMIN] = "admin",
};

const char *auth_role_name(enum role r)
{
	return r < ROLE__MAX ? role_names[r] : "?";
}

bool auth_role_parse(const char *s, enum role *out)
{
	for (int i = 0; s != NULL && i < ROLE__MAX; i++) {
		if (strcmp(s, role_names[i]) == 0) {
			*out = (enum role)i;
			return true;
		}
	}
	return false;
}

char *auth_issue_access(const unsigned char *key, size_t keylen, int user_id, enum role role,
                        int unit_id, int version, time_t now)
{
	jwt_t *jwt = NULL;
	char *token = NULL;
	char sub[16];
	char jti[33];
	unsigned char raw[16];

	snprintf(sub, sizeof sub, "%d", user_id);
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(jti, sizeof jti, raw, sizeof raw);
	if (jwt_new(&jwt) != 0)
		return NULL;
	if (jwt_add_grant(jwt, "iss", AUTH_ISSUER) != 0 ||
	    jwt_add_grant(jwt, "aud", AUTH_AUDIENCE) != 0 || jwt_add_grant(jwt, "sub", sub) != 0 ||
	    jwt_add_grant(jwt, "role", auth_role_name(role)) != 0 ||
	    jwt_add_grant_int(jwt, "unit", unit_id) != 0 ||
	    jwt_add_grant_int(jwt, "ver", version) != 0 || jwt_add_grant(jwt, "jti", jti) != 0 ||
	    jwt_add_grant_int(jwt, "iat", (long)now) != 0 ||
	    jwt_add_grant_int(jwt, "nbf", (long)now) != 0 ||
	    jwt_add_grant_int(jwt, "exp", (long)now + AUTH_ACCESS_TTL) != 0 ||
	    jwt_set_alg(jwt, JWT_ALG_HS256, key, (int)keylen) != 0)
		goto out;
	/* libjwt allocates with malloc unless told otherwise (jwt_set_alloc is never called). */
	token = jwt_encode_str(jwt);
out:
	jwt_free(jwt);
	return token;
}

/* Decodes base64url text [s, s+len) into a new NUL-terminated buffer. */
static unsigned char *b64url_decode(const char *s, size_t len, size_t *outlen)
{
	size_t cap = len * 3 / 4 + 2;
	unsigned char *buf = malloc(cap + 1);

	if (buf == NULL)
		return NULL;
	if (sodium_base642bin(buf, cap, s, len, NULL, outlen, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
		free(buf);
		return NULL;
	}
	buf[*outlen] = '\0';
	return buf;
}

static json_t *decode_json_part(const char *s, size_t len)
{
	size_t n = 0;
	unsigned char *raw = b64url_decode(s, len, &n);
	char msg[256];
	json_t *details = NULL;
	json_t *v;

	if (raw == NULL)
		return NULL;
	v = json_parse_strict((const char *)raw, n, msg, sizeof msg, &details);
	json_decref(details);
	free(raw);
	if (v != NULL && !json_is_object(v)) {
		json_decref(v);
		return NULL;
	}
	return v;
}

static bool claim_int(json_t *claims, const char *name, long long *out)
{
	json_t *v = json_object_get(claims, name);

	if (!json_is_integer(v))
		return false;
	*out = json_integer_value(v);
	return true;
}

static bool claims_check(json_t *claims, time_t now, struct access_claims *out, const char **why)
{
	const char *iss = json_string_value(json_object_get(claims, "iss"));
	const char *aud = json_string_value(json_object_get(claims, "aud"));
	const char *sub = json_string_value(json_object_get(claims, "sub"));
	const char *role = json_string_value(json_object_get(claims, "role"));
	long long exp, nbf, iat, unit, ver;
	char *end = NULL;
	long id;

	if (iss == NULL || strcmp(iss, AUTH_ISSUER) != 0)
		return *why = "wrong issuer", false;
	if (aud == NULL || strcmp(aud, AUTH_AUDIENCE) != 0)
		return *why = "wrong audience", false;
	if (!claim_int(claims, "exp", &exp) || !claim_int(claims, "nbf", &nbf) ||
	    !claim_int(claims, "iat", &iat) || !claim_int(claims, "unit", &unit) ||
	    !claim_int(claims, "ver", &ver) || sub == NULL || role == NULL ||
	    !json_is_string(json_object_get(claims, "jti")))
		return *why = "missing claim", false;
	if (exp <= (long long)now)
		return *why = "expired", false;
	if (nbf > (long long)now + AUTH_LEEWAY || iat > (long long)now + AUTH_LEEWAY)
		return *why = "not yet valid", false;
	if (exp - iat > AUTH_ACCESS_TTL)
		return *why = "lifetime too long", false;
	errno = 0;
	id = strtol(sub, &end, 10);
	if (errno != 0 || *end != '\0' || id < 1 || id > 2147483647L || unit < 1 ||
	    unit > 2147483647LL || ver < 0 || ver > 2147483647LL)
		return *why = "bad subject", false;
	if (!auth_role_parse(role, &out->role))
		return *why = "bad role", false;
	out->user_id = (int)id;
	out->unit_id = (int)unit;
	out->version = (int)ver;
	out->exp = exp;
	return true;
}

bool auth_verify_access(const unsigned char *key, size_t keylen, const char *token, time_t now,
                        struct access_claims *out, const char **why)
{
	const char *dot1;
	const char *dot2;
	size_t len;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	unsigned char *sig = NULL;
	size_t siglen = 0;
	crypto_auth_hmacsha256_state st;
	json_t *header = NULL;
	json_t *claims = NULL;
	const char *alg;
	bool ok = false;

	*why = "malformed";
	len = strlen(token);
	if (len == 0 || len > AUTH_MAX_TOKEN)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)token[i]) && token[i] != '-' && token[i] != '_' &&
		    token[i] != '.')
			return false;
	dot1 = strchr(token, '.');
	dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
	if (dot1 == NULL || dot2 == NULL || strchr(dot2 + 1, '.') != NULL)
		return false;

	header = decode_json_part(token, (size_t)(dot1 - token));
	if (header == NULL)
		goto out;
	alg = json_string_value(json_object_get(header, "alg"));
	if (alg == NULL || strcmp(alg, "HS256") != 0) {
		*why = "algorithm not allowed";
		goto out;
	}
	if (json_object_get(header, "crit") != NULL) {
		*why = "critical header";
		goto out;
	}

	sig = b64url_decode(dot2 + 1, len - (size_t)(dot2 + 1 - token), &siglen);
	if (sig == NULL || siglen != sizeof mac) {
		*why = "bad signature";
		goto out;
	}
	crypto_auth_hmacsha256_init(&st, key, keylen);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)token, (size_t)(dot2 - token));
	crypto_auth_hmacsha256_final(&st, mac);
	if (sodium_memcmp(mac, sig, sizeof mac) != 0) {
		*why = "bad signature";
		goto out;
	}

	claims = decode_json_part(dot1 + 1, (size_t)(dot2 - dot1 - 1));
	if (claims == NULL)
		goto out;
	ok = claims_check(claims, now, out, why);
out:
	json_decref(header);
	json_decref(claims);
	free(sig);
	return ok;
}

bool auth_password_hash(const char *password, char *out)
{
	return crypto_pwhash_str_alg(out, password, strlen(password), AUTH_PW_OPSLIMIT,
	                             AUTH_PW_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

bool auth_password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* Passwords people choose first; lower-case, compared ignoring case. */
static const char *const common_passwords[] = {
    "1234567890", "12345678910", "0123456789",    "1234567890a",   "123456789a",   "a123456789",
    "1111111111", "0000000000",  "1234512345",    "1122334455",    "9876543210",   "qwertyuiop",
    "qwerty1234", "qwerty12345", "1q2w3e4r5t",    "1qaz2wsx3edc",  "abc1234567",   "abcd123456",
    "abcdefghij", "password12",  "password123",   "password1234",  "passw0rd123",  "p@ssw0rd123",
    "matkhau123", "matkhau1234", "matkhau@123",   "matkhau2025",   "123456@abc",   "admin12345",
    "admin@1234", "admin123456", "administrator", "thanhhoa123",   "thanhhoa@123", "thanhhoa2025",
    "vietnam123", "vietnam@123", "iloveyou12",    "anhyeuem123",   "khongbiet123", "changeme123",
    "welcome123", "letmein123",  "thongsuot123",  "thongsuot2025", "ubnd123456",   "123456789@",
    NULL,
};

const char *auth_password_weak(const char *password, const char *username)
{
	size_t chars = 0;

	for (const unsigned char *p = (const unsigned char *)password; *p; p++)
		if ((*p & 0xC0) != 0x80)
			chars++;
	if (chars < AUTH_PW_MIN)
		return "too_short";
	if (chars > AUTH_PW_MAX)
		return "too_long";
	if (username != NULL && strcasecmp(password, username) == 0)
		return "same_as_username";
	for (const char *const *c = common_passwords; *c; c++)
		if (strcasecmp(password, *c) == 0)
			return "common";
	return NULL;
}

void auth_secret_new(char *b64, unsigned char *hash)
{
	unsigned char raw[AUTH_SECRET_BYTES];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(b64, AUTH_SECRET_B64LEN + 1, raw, sizeof raw,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	crypto_hash_sha256(hash, (const unsigned char *)b64, AUTH_SECRET_B64LEN);
	sodium_memzero(raw, sizeof raw);
}

bool auth_secret_hash(const char *b64, unsigned char *hash)
{
	unsigned char raw[AUTH_SECRET_BYTES + 2];
	size_t n = 0;

	if (strlen(b64) != AUTH_SECRET_B64LEN ||
	    sodium_base642bin(raw, sizeof raw, b64, AUTH_SECRET_B64LEN, NULL, &n, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != AUTH_SECRET_BYTES)
		return false;
	crypto_hash_sha256(hash, (const unsigned char *)b64, AUTH_SECRET_B64LEN);
	return true;
}

bool auth_cookie_get(const char *header, const char *name, char *out, size_t size)
{
	size_t nlen = strlen(name);
	const char *p = header;

	while (p != NULL && *p) {
		size_t vlen;

		while (*p == ' ' || *p == ';')
			p++;
		vlen = strcspn(p, ";");
		if (strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			size_t n = vlen - nlen - 1;

			if (n >= size)
				return false;
			memcpy(out, p + nlen + 1, n);
			out[n] = '\0';
			return true;
		}
		p += vlen;
	}
	return false;
}

bool auth_load_key(const char *path, unsigned char *key, size_t *keylen, char *err, size_t errsize)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t n;

	if (fd < 0) {
		snprintf(err, errsize, "cannot open the signing key %s: %s", path, strerror(errno));
		return false;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 077) != 0) {
		snprintf(err, errsize, "the signing key %s must be a regular file with mode 0600",
		         path);
		close(fd);
		return false;
	}
	n = read(fd, key, 1024);
	close(fd);
	if (n < 32) {
		snprintf(err, errsize, "the signing key %s must hold at least 32 random bytes",
		         path);
		return false;
	}
	for (ssize_t i = 1; i < n; i++) {
		if (key[i] != key[0]) {
			*keylen = (size_t)n;
			return true;
		}
	}
	snprintf(err, errsize, "the signing key %s is not random", path);
	return false;
}
