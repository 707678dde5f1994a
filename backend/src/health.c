/* GET /api/health: is this worker alive and can it reach the database. */
#include "handlers.h"

#include <time.h>
#include <unistd.h>

#include "log.h"

#define TS_VERSION "0.1.0"

void health_get(struct ctx *ctx)
{
	struct timespec t0;
	struct timespec t1;
	char now[40];
	bool db_ok = false;
	double latency_ms = 0;
	json_t *database;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (db_ensure(ctx->db)) {
		PGresult *res = PQexecPrepared(ctx->db->conn, "STMT_PING", 0, NULL, NULL, NULL, 0);

		db_ok = PQresultStatus(res) == PGRES_TUPLES_OK;
		if (!db_ok) {
			log_error("rid=%s health ping failed: %s", ctx->req->request_id,
			          PQerrorMessage(ctx->db->conn));
			if (PQstatus(ctx->db->conn) != CONNECTION_OK)
				db_close(ctx->db);
		}
		PQclear(res);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	latency_ms =
	    (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	log_timestamp(now, sizeof now);

	if (db_ok)
		database = json_pack("{s:s,s:f}", "status", "ok", "latency_ms",
		                     (double)(long)(latency_ms * 100 + 0.5) / 100);
	else
		database = json_pack("{s:s}", "status", "unavailable");
	http_json(ctx->resp, db_ok ? 200 : 503,
	          json_pack("{s:s,s:s,s:s,s:o,s:{s:i,s:i,s:I,s:I}}", "status",
	                    db_ok ? "ok" : "unavailable", "version", TS_VERSION, "time", now,
	                    "database", database, "worker", "id", ctx->stats->worker_id, "pid",
	                    (int)getpid(), "uptime_s",
	                    (json_int_t)(time(NULL) - ctx->stats->started), "requests",
	                    (json_int_t)ctx->stats->requests));
}
