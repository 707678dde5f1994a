/* The machine's own tail, a reference for the benchmark: how long one millisecond of CPU work
 * (a loop that takes 1 ms on this CPU at its fastest) takes in wall time, done again and
 * again with a pause between, nothing else to wait for. A web request is a few such pieces
 * across nginx, a worker and a PostgreSQL backend; where this reference's p99 is several
 * milliseconds, a request's p99 cannot be lower.
 *
 * Usage: cpu-tail work N PAUSE_MS   prints {"p50_ms":..,"p95_ms":..,"p99_ms":..,"p999_ms":..,
 *                                    "max_ms":..} for N pieces
 *        cpu-tail spin SECONDS      keeps one core busy (to run beside the other) */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static volatile unsigned long sink;

static void work(long iterations)
{
	unsigned long x = 0;

	for (long i = 0; i < iterations; i++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		sink = x;
	}
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a;
	double y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "spin") == 0) {
		double end = now_ms() + atof(argv[2]) * 1e3;

		while (now_ms() < end)
			work(100000);
		return 0;
	}
	if (argc != 4 || strcmp(argv[1], "work") != 0) {
		fprintf(stderr, "usage: cpu-tail work N PAUSE_MS | cpu-tail spin SECONDS\n");
		return 2;
	}
	int n = atoi(argv[2]);
	double pause = atof(argv[3]);
	if (n < 10 || n > 1000000 || pause < 0 || pause > 1000) {
		fprintf(stderr, "cpu-tail: N in 10..1000000, PAUSE_MS in 0..1000\n");
		return 2;
	}
	/* Calibrate on the fastest of twenty tries: 1 ms of work at full speed. */
	double best = 1e9;
	for (int i = 0; i < 20; i++) {
		double t0 = now_ms();

		work(1000000);
		if (now_ms() - t0 < best)
			best = now_ms() - t0;
	}
	long per_ms = (long)(1000000 / best);
	double *took = malloc((size_t)n * sizeof *took);
	if (took == NULL)
		return 1;
	struct timespec gap = {(time_t)(pause / 1e3), (long)(pause * 1e6) % 1000000000L};
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();

		work(per_ms);
		took[i] = now_ms() - t0;
		if (pause > 0)
			nanosleep(&gap, NULL);
	}
	qsort(took, (size_t)n, sizeof *took, by_value);
	printf(
	    "{\"p50_ms\":%.3f,\"p95_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f}\n",
	    took[n / 2], took[(long)n * 95 / 100], took[(long)n * 99 / 100],
	    took[(long)n * 999 / 1000], took[n - 1]);
	free(took);
	return 0;
}
