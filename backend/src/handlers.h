/* What every handler receives, and the handlers themselves (one file per resource). */
#ifndef TS_HANDLERS_H
#define TS_HANDLERS_H

#include <stddef.h>
#include <time.h>

#include "db.h"
#include "http.h"
#include "router.h"

struct worker_stats {
	int worker_id;
	time_t started;
	unsigned long requests;
};

struct ctx {
	struct request *req; /* borrowed */
	struct response *resp; /* borrowed */
	struct db *db; /* borrowed; db_run opens the transaction */
	const struct worker_stats *stats; /* borrowed */
};

/* The route table (routes.c). */
extern const struct route routes[];
extern const size_t nroutes;

void health_get(struct ctx *ctx);
void units_list(struct ctx *ctx);
void units_get(struct ctx *ctx);
void fields_list(struct ctx *ctx);

#endif
