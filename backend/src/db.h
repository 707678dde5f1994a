/* The worker's one PostgreSQL connection: opened after fork, statements prepared, one
 * transaction per request, reconnect after a lost connection, SQLSTATE → HTTP status. */
#ifndef TS_DB_H
#define TS_DB_H

#include <stdbool.h>

#include <libpq-fe.h>

#include "http.h"
#include "statements.h"

#define DB_AHEAD_PARAMS 2

struct db {
	PGconn *conn; /* owned; NULL while the database is unreachable */
	const char *conninfo; /* borrowed from the configuration */
	int statement_timeout; /* ms */
	bool in_tx;
	/* The request only reads (GET, HEAD): no BEGIN, no COMMIT. Each of its round trips is
	 * an implicit transaction that ends with its sync, read-only as the connection's
	 * default (every other request begins READ WRITE), so the database refuses any write.
	 * Its statements see what was committed when each began, as they did in a READ
	 * COMMITTED transaction. */
	bool read_only;
	/* A statement sent ahead of the transaction's first one, in the same pipeline (a GET's
	 * session check, which then costs no round trip of its own; db_run_ahead). Its result
	 * goes to ahead_accept; when that refuses it, or it failed, ahead_refused is set and the
	 * first statement's result is dropped. */
	bool ahead_pending;
	bool ahead_refused;
	enum db_stmt ahead_stmt;
	char ahead_values[DB_AHEAD_PARAMS][32];
	bool (*ahead_accept)(void *arg, const PGresult *res);
	void *ahead_arg;
};

/* Queues stmt (at most DB_AHEAD_PARAMS text parameters of < 32 bytes, none NULL) to run
 * ahead of the next statement that begins a transaction, in the same round trip; accept
 * decides on its result. Returns false (nothing queued) when the parameters do not fit. */
bool db_run_ahead(struct db *db, enum db_stmt stmt, const char *const *params, int nparams,
                  bool (*accept)(void *arg, const PGresult *res), void *arg);

/* Runs the statement ahead now if it is still queued (no statement followed it) and returns
 * whether it was accepted; true when none was queued. */
bool db_ahead_flush(struct db *db, const char *request_id);

/* Forgets a queued or refused statement ahead (at the start and end of each request). */
void db_ahead_reset(struct db *db);

/* Connects (if needed) and prepares every statement. Returns false, with the connection
 * closed, when the database is unreachable or the schema does not accept the statements. */
bool db_ensure(struct db *db);

/* Closes the connection. */
void db_close(struct db *db);

/* Commits; on failure fills resp (mapped from SQLSTATE) and returns false. */
bool db_commit(struct db *db, struct response *resp);

/* Rolls back if a transaction is open. Never fails visibly (a broken connection is closed). */
void db_rollback(struct db *db);

/* Runs a prepared statement with text parameters (NULL entries are SQL NULL) inside the
 * request's transaction, which it begins if none is open yet (BEGIN and the statement in
 * one round trip; on a lost connection it reconnects once, else 503). Returns the
 * result (new; the caller PQclears it) when it succeeded, or NULL after filling resp with the
 * mapped error and logging the failure with the statement name and request id. */
PGresult *db_run(struct db *db, enum db_stmt stmt, const char *const *params,
                 const char *request_id, struct response *resp);

/* As db_run, with parameter lengths and formats (1 = binary, e.g. a file for a bytea) and
 * the result format (1 = binary). lengths/formats may be NULL for all-text parameters. */
PGresult *db_run_ex(struct db *db, enum db_stmt stmt, const char *const *params, const int *lengths,
                    const int *formats, int result_format, const char *request_id,
                    struct response *resp);

/* Prints the SQL of the statement named name (e.g. STMT_ISSUES_LIST_DUE), for benchmarks
 * that run the same SQL through pgbench. */
bool db_print_statement(const char *name);

/* Maps a SQLSTATE to an HTTP status and error code (pure; used by db_run and tests). */
int db_sqlstate_status(const char *sqlstate, const char **code);

/* Runs a statement returning one row with one JSON text column and sets it as the response
 * body with status; 404 when there is no row or it is NULL. */
void db_respond_json(struct db *db, enum db_stmt stmt, const char *const *params,
                     const char *request_id, int status, struct response *resp);

#endif
