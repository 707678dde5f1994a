/* Runs every unit test group and ends with the "N passed, N failed" line CI reads. */
#include "unit.h"

int unit_passed;
int unit_failed;

int main(void)
{
	test_http();
	test_router();
	test_json();
	test_config();
	test_db();
	test_auth();
	test_frozen();
	test_compress();
	printf("unit: %d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed == 0 ? 0 : 1;
}
