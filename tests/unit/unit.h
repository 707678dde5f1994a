/* A minimal test harness: each check prints "ok"/"not ok" and is counted. */
#ifndef TS_UNIT_H
#define TS_UNIT_H

#include <stdio.h>

extern int unit_passed;
extern int unit_failed;

#define CHECK(cond, name)                                                                     \
	do {                                                                                  \
		if (cond) {                                                                   \
			unit_passed++;                                                        \
		} else {                                                                      \
			unit_failed++;                                                        \
			printf("not ok - %s (%s:%d: %s)\n", name, __FILE__, __LINE__, #cond); \
		}                                                                             \
	} while (0)

void test_http(void);
void test_router(void);
void test_json(void);
void test_config(void);
void test_db(void);
void test_auth(void);
void test_frozen(void);
void test_compress(void);

#endif
