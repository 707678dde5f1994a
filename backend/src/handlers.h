/* What every handler receives, and the handlers themselves (one file per resource). */
#ifndef TS_HANDLERS_H
#define TS_HANDLERS_H

#include <stddef.h>
#include <time.h>

#include "auth.h"
#include "config.h"
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
	const struct config *cfg; /* borrowed */
	struct principal who; /* the caller, once authenticated */
	/* A GET trusts its access token's claims at first: the session check goes to the
	 * database with the handler's first statement, and the request is served again the
	 * ordinary way if the check does not confirm them (session_confirmed). */
	bool speculate;
};

/* The route table (routes.c). */
extern const struct route routes[];
extern const size_t nroutes;

/* Checks the caller's token for a route that needs one, fills ctx->who and decides whether
 * the route is allowed (the only place that decides it). On refusal fills the response
 * (401 or 403) and returns false. */
bool session_authorize(struct ctx *ctx, const struct route *route);

/* After the handler of a request that speculated: whether the session check confirmed the
 * token's claims (running it now if the handler sent no statement). True otherwise. */
bool session_confirmed(struct ctx *ctx);

/* What a caller wants to do with a department's report. */
enum report_access {
	REPORT_READ, /* read what was submitted */
	REPORT_READ_DRAFT, /* read the draft and the live figures */
	REPORT_WRITE, /* edit the narrative */
	REPORT_SUBMIT, /* submit (freeze) */
	REPORT_RETURN, /* return for correction */
	REPORT_ACCESS__MAX
};

/* Decides whether the caller may do access with the report of department unit_id; fills 403
 * and returns false when not (the unit-scoped half of authorization). */
bool authz_report(struct ctx *ctx, int unit_id, enum report_access access);

/* Prepares what session handling needs in this worker (a dummy hash for unknown users). */
bool session_init(void);

/* Appends an audit record in the request's transaction. actor_id/unit_id 0 = the caller.
 * before/after are JSON text or NULL. Returns false with resp filled on failure. */
bool audit_write(struct ctx *ctx, int actor_id, int unit_id, const char *action,
                 const char *object_type, const char *object_id, const char *before,
                 const char *after);

/* Checks that a request body is an object whose keys are all in allowed (NULL-terminated);
 * fills a 400 naming the first unknown key or the missing body. */
bool body_only(struct ctx *ctx, const char *const *allowed);

/* A string member: NULL when absent; *bad set (and 400 filled) when present but not a string
 * of 1..maxlen characters of valid text without control characters. */
const char *body_string(struct ctx *ctx, const char *name, size_t maxlen, bool required, bool *bad);

/* Checks the password policy; on a weak password fills 400 weak_password and returns false. */
bool session_password_ok(struct ctx *ctx, const char *password, const char *username,
                         const char *field);

/* As body_string, for written text that may run over several lines (descriptions, answers,
 * reasons, comments). */
const char *body_prose(struct ctx *ctx, const char *name, size_t maxlen, bool required, bool *bad);

/* Reads a JSON array of min..max positive 32-bit ids into a PostgreSQL array literal in out
 * (size bytes); 400 naming field when it is anything else. */
bool body_id_list(struct ctx *ctx, json_t *v, const char *field, size_t min_items, size_t max_items,
                  char *out, size_t size);

void health_get(struct ctx *ctx);
void session_login(struct ctx *ctx);
void session_refresh(struct ctx *ctx);
void session_logout(struct ctx *ctx);
void me_get(struct ctx *ctx);
void me_password(struct ctx *ctx);
void users_list(struct ctx *ctx);
void users_create(struct ctx *ctx);
void users_get(struct ctx *ctx);
void users_update(struct ctx *ctx);
void users_reset_password(struct ctx *ctx);
void api_tokens_list(struct ctx *ctx);
void api_tokens_create(struct ctx *ctx);
void api_tokens_revoke(struct ctx *ctx);
void audit_list(struct ctx *ctx);
void issues_list(struct ctx *ctx);
void issues_create(struct ctx *ctx);
void issues_get(struct ctx *ctx);
void issues_update(struct ctx *ctx);
void issues_transition(struct ctx *ctx);
void issues_events(struct ctx *ctx);
void issues_comment(struct ctx *ctx);
void attachments_add(struct ctx *ctx);
void attachments_get(struct ctx *ctx);
void groups_list(struct ctx *ctx);
void groups_create(struct ctx *ctx);
void groups_get(struct ctx *ctx);
void groups_answer(struct ctx *ctx);
void library_list(struct ctx *ctx);
void notifications_list(struct ctx *ctx);
void notifications_read(struct ctx *ctx);
void trainings_list(struct ctx *ctx);
void trainings_create(struct ctx *ctx);
void trainings_get(struct ctx *ctx);
void trainings_update(struct ctx *ctx);
void trainings_recommend(struct ctx *ctx);
void periods_list(struct ctx *ctx);
void periods_create(struct ctx *ctx);
void periods_update(struct ctx *ctx);
void compliance_get(struct ctx *ctx);
void report_get(struct ctx *ctx);
void report_put(struct ctx *ctx);
void report_submit(struct ctx *ctx);
void report_return(struct ctx *ctx);
void report_export(struct ctx *ctx);
void consolidated_get(struct ctx *ctx);
void consolidated_put(struct ctx *ctx);
void consolidated_submit(struct ctx *ctx);
void consolidated_export(struct ctx *ctx);
void stats_overview(struct ctx *ctx);
void stats_breakdown(struct ctx *ctx);
void stats_smooth(struct ctx *ctx);
void stats_weekly(struct ctx *ctx);
void stats_compliance(struct ctx *ctx);

/* Records a call made with an API token (after the request's own transaction). */
void session_record_token_call(struct ctx *ctx);
void units_list(struct ctx *ctx);
void units_get(struct ctx *ctx);
void fields_list(struct ctx *ctx);

#endif
