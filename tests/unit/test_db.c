/* SQLSTATE to HTTP status mapping. */
#include "unit.h"

#include <string.h>

#include "db.h"

void test_db(void)
{
	const char *code;

	CHECK(db_sqlstate_status("23505", &code) == 409 && strcmp(code, "conflict") == 0,
	      "unique violation is 409");
	CHECK(db_sqlstate_status("23503", &code) == 409, "foreign key violation is 409");
	CHECK(db_sqlstate_status("22P02", &code) == 400, "invalid text representation is 400");
	CHECK(db_sqlstate_status("22003", &code) == 400, "numeric out of range is 400");
	CHECK(db_sqlstate_status("08006", &code) == 503, "connection failure is 503");
	CHECK(db_sqlstate_status("57P01", &code) == 503, "admin shutdown is 503");
	CHECK(db_sqlstate_status("57014", &code) == 503, "statement timeout is 503");
	CHECK(db_sqlstate_status("42501", &code) == 403, "insufficient privilege is 403");
	CHECK(db_sqlstate_status("40001", &code) == 409, "serialization failure is 409");
	CHECK(db_sqlstate_status("XX000", &code) == 500 && strcmp(code, "internal") == 0,
	      "unknown is 500");
	CHECK(db_sqlstate_status(NULL, &code) == 500, "missing SQLSTATE is 500");
}
