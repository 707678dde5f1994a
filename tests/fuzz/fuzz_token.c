/* libFuzzer harness: access-token verification must refuse everything it did not sign, and
 * never crash on any input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "auth.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return sodium_init() < 0 ? 1 : 0;
}

static const unsigned char key[] = "fuzzing-key-fuzzing-key-fuzzing-key!";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *token = malloc(size + 1);
	struct access_claims claims;
	const char *why = NULL;

	if (token == NULL)
		return 0;
	memcpy(token, data, size);
	token[size] = '\0';
	/* A forged token could only verify if the fuzzer found an HMAC-SHA256 collision. */
	if (auth_verify_access(key, sizeof key - 1, token, 1790000000, &claims, &why))
		abort();
	free(token);
	return 0;
}
