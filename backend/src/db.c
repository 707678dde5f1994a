/* PostgreSQL access for a worker: connection lifecycle, prepared statements, transactions. */
#include "db.h"

#include "log.h"

#include <stdio.h>
#include <string.h>

struct stmt_def {
	const char *name;
	int nparams;
	const char *sql;
};

#define DB_STMT_DEF(name, nparams, sql) {#name, nparams, sql},
static const struct stmt_def stmt_defs[STMT__MAX] = {
    DB_STATEMENTS(DB_STMT_DEF) DB_STATEMENTS_ACCOUNTS(DB_STMT_DEF) DB_STATEMENTS_ISSUES(DB_STMT_DEF)
        DB_STATEMENTS_REPORTS(DB_STMT_DEF) DB_STATEMENTS_STATS(DB_STMT_DEF)};
#undef DB_STMT_DEF

void db_close(struct db *db)
{
	if (db->conn != NULL)
		PQfinish(db->conn);
	db->conn = NULL;
	db->in_tx = false;
}

static bool db_prepare_all(struct db *db)
{
	for (int i = 0; i < STMT__MAX; i++) {
		PGresult *res = PQprepare(db->conn, stmt_defs[i].name, stmt_defs[i].sql,
		                          stmt_defs[i].nparams, NULL);
		bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;

		if (!ok)
			log_error("PQprepare %s failed: %s", stmt_defs[i].name,
			          PQerrorMessage(db->conn));
		PQclear(res);
		if (!ok)
			return false;
	}
	return true;
}

bool db_ensure(struct db *db)
{
	char options[128];
	const char *keys[5];
	const char *vals[5];
	int n = 0;

	if (db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK)
		return true;
	db_close(db);
	/* Read-only by default: a statement outside BEGIN READ WRITE (a GET's, which runs in
	 * the implicit transaction of its pipeline) cannot write. */
	snprintf(options, sizeof options,
	         "-c statement_timeout=%d -c timezone=UTC -c default_transaction_read_only=on",
	         db->statement_timeout);
	/* TS_DB may be a full connection string (expanded as dbname); empty means the PG* env
	 * vars. Keys after it override what it says. */
	if (db->conninfo != NULL && db->conninfo[0] != '\0') {
		keys[n] = "dbname";
		vals[n++] = db->conninfo;
	}
	keys[n] = "options";
	vals[n++] = options;
	keys[n] = "application_name";
	vals[n++] = "thongsuot-api";
	keys[n] = "connect_timeout";
	vals[n++] = "3";
	keys[n] = NULL;
	vals[n] = NULL;
	db->conn = PQconnectdbParams(keys, vals, 1);
	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
		log_error("PQconnectdbParams failed: %s",
		          db->conn ? PQerrorMessage(db->conn) : "out of memory");
		db_close(db);
		return false;
	}
	if (!db_prepare_all(db)) {
		db_close(db);
		return false;
	}
	log_info("database connected (server %d)", PQserverVersion(db->conn));
	return true;
}

int db_sqlstate_status(const char *sqlstate, const char **code)
{
	static const struct {
		const char *prefix;
		int status;
		const char *code;
	} map[] = {
	    {"23505", 409, "conflict"},          {"23503", 409, "reference_conflict"},
	    {"23502", 400, "missing_value"},     {"23514", 400, "invalid_value"},
	    {"22", 400, "invalid_value"},        {"40001", 409, "serialization_failure"},
	    {"40P01", 409, "deadlock"},          {"42501", 403, "forbidden"},
	    {"57014", 503, "timeout"},           {"57P", 503, "database_unavailable"},
	    {"08", 503, "database_unavailable"}, {"53", 503, "database_unavailable"},
	    {"P0001", 422, "rejected"},
	};

	if (sqlstate != NULL) {
		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
			if (strncmp(sqlstate, map[i].prefix, strlen(map[i].prefix)) == 0) {
				*code = map[i].code;
				return map[i].status;
			}
		}
	}
	*code = "internal";
	return 500;
}

static const char *status_message(int status)
{
	switch (status) {
	case 400: return "Dữ liệu không hợp lệ.";
	case 403: return "Bạn không có quyền thực hiện thao tác này.";
	case 409: return "Dữ liệu xung đột với dữ liệu đã có.";
	case 422: return "Thao tác không được chấp nhận.";
	case 401: return "Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.";
	case 503: return "Cơ sở dữ liệu tạm thời không truy cập được. Vui lòng thử lại sau.";
	default: return "Lỗi máy chủ.";
	}
}

/* Business rules enforced by the database raise P0001 with a code as the message and, as
 * detail, JSON for the error's details. */
static const struct db_rule {
	const char *code;
	int status;
	const char *message;
} db_rules[] = {
    {"role_unit_mismatch", 422, "Vai trò không phù hợp với đơn vị đã chọn."},
    {"unknown_unit", 400, "Đơn vị không tồn tại."},
    {"issue_not_found", 404, "Không tìm thấy kiến nghị."},
    {"stale_version", 412, "Dữ liệu đã được người khác cập nhật. Vui lòng tải lại rồi thử lại."},
    {"transition_not_allowed", 422, "Thao tác này không được phép ở trạng thái hiện tại."},
    {"missing_input", 400, "Thiếu thông tin bắt buộc."},
    {"unknown_field", 400, "Lĩnh vực không tồn tại."},
    {"lead_required", 422, "Lĩnh vực này do nhiều sở phụ trách; vui lòng chọn sở chủ trì."},
    {"lead_not_candidate", 422, "Sở được chọn không phụ trách lĩnh vực này."},
    {"invalid_supporting_unit", 400, "Đơn vị phối hợp phải là một sở, ngành khác sở chủ trì."},
    {"invalid_reroute", 422, "Đơn vị chuyển đến phải là một sở, ngành khác."},
    {"invalid_ministry", 400, "Bộ, ngành Trung ương không hợp lệ."},
    {"invalid_dispatch_date", 400, "Ngày văn bản không được sau ngày hôm nay."},
    {"edit_not_allowed", 422, "Không được sửa thông tin này ở trạng thái hiện tại."},
    {"group_too_small", 400, "Một nhóm cần ít nhất 2 kiến nghị."},
    {"group_member_not_held", 422, "Chỉ nhóm được các kiến nghị đơn vị đang xử lý."},
    {"group_not_found", 404, "Không tìm thấy nhóm kiến nghị."},
    {"group_nothing_to_answer", 422, "Không còn kiến nghị nào trong nhóm cần trả lời."},
    {"training_not_found", 404, "Không tìm thấy hội nghị tập huấn."},
    {"training_not_yours", 403, "Chỉ đơn vị tổ chức được sửa hội nghị này."},
    {"invalid_commune", 400, "Đơn vị tham dự phải là xã, phường."},
    {"invalid_issue", 400, "Kiến nghị không thuộc đơn vị tổ chức."},
    {"commune_not_attending", 422, "Xã, phường này không có trong danh sách tham dự."},
    {"period_not_found", 404, "Không tìm thấy kỳ báo cáo."},
    {"report_submitted", 409, "Báo cáo đã gửi; chỉ sửa được khi Sở Nội vụ trả lại."},
    {"report_not_submitted", 409, "Báo cáo chưa được gửi nên không thể trả lại."},
};

static const struct db_rule *db_rule_of(const PGresult *res)
{
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	for (size_t i = 0; primary != NULL && i < sizeof db_rules / sizeof db_rules[0]; i++)
		if (strcmp(primary, db_rules[i].code) == 0)
			return &db_rules[i];
	return NULL;
}

/* Fills resp from a failed result (res may be NULL when the connection broke). */
static void db_fail(struct db *db, PGresult *res, const char *what, const char *request_id,
                    struct response *resp)
{
	const char *sqlstate = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *code;
	int status;

	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
		status = 503;
		code = "database_unavailable";
	} else {
		status = db_sqlstate_status(sqlstate, &code);
	}
	/* A business rule refusing a request is an answer, not a failure. */
	if (status == 422 && db_rule_of(res) != NULL)
		log_info("rid=%s %s refused: %s", request_id, what, db_rule_of(res)->code);
	else
		log_error("rid=%s %s failed: sqlstate=%s %s", request_id, what,
		          sqlstate ? sqlstate : "-",
		          db->conn ? PQerrorMessage(db->conn) : "no connection");
	if (status == 422 && db_rule_of(res) != NULL) {
		const struct db_rule *rule = db_rule_of(res);
		const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
		json_t *details = detail ? json_loads(detail, JSON_DECODE_ANY, NULL) : NULL;

		http_error(resp, rule->status, rule->code, rule->message, details);
	} else
		http_error(resp, status, code, status_message(status),
		           sqlstate ? json_pack("{s:s}", "sqlstate", sqlstate) : NULL);
	if (db->conn != NULL && PQstatus(db->conn) != CONNECTION_OK)
		db_close(db);
}

static bool db_simple(struct db *db, const char *sql)
{
	PGresult *res = PQexec(db->conn, sql);
	bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;

	PQclear(res);
	return ok;
}

bool db_run_ahead(struct db *db, enum db_stmt stmt, const char *const *params, int nparams,
                  bool (*accept)(void *arg, const PGresult *res), void *arg)
{
	if (nparams != stmt_defs[stmt].nparams || nparams > DB_AHEAD_PARAMS)
		return false;
	for (int i = 0; i < nparams; i++) {
		size_t n = params[i] ? strlen(params[i]) : sizeof db->ahead_values[i];

		if (n >= sizeof db->ahead_values[i])
			return false;
		memcpy(db->ahead_values[i], params[i], n + 1);
	}
	db->ahead_stmt = stmt;
	db->ahead_accept = accept;
	db->ahead_arg = arg;
	db->ahead_pending = true;
	db->ahead_refused = false;
	return true;
}

void db_ahead_reset(struct db *db)
{
	db->ahead_pending = false;
	db->ahead_refused = false;
	db->ahead_accept = NULL;
	db->ahead_arg = NULL;
}

bool db_ahead_flush(struct db *db, const char *request_id)
{
	const char *params[DB_AHEAD_PARAMS];
	struct response scratch;
	PGresult *res;

	if (!db->ahead_pending)
		return !db->ahead_refused;
	db->ahead_pending = false;
	for (int i = 0; i < DB_AHEAD_PARAMS; i++)
		params[i] = db->ahead_values[i];
	memset(&scratch, 0, sizeof scratch);
	res = db_run(db, db->ahead_stmt, params, request_id, &scratch);
	db->ahead_refused = res == NULL || !db->ahead_accept(db->ahead_arg, res);
	PQclear(res);
	http_response_reset(&scratch);
	return !db->ahead_refused;
}

/* Begins the request's transaction and runs its first statement in one round trip (libpq
 * pipeline mode: BEGIN READ WRITE, the statement ahead if one is queued, the statement, a
 * sync). A read-only request sends no BEGIN: its statements, up to the sync, are one implicit
 * transaction, read-only as the connection's default. Returns the statement's result (or
 * NULL), with *begun telling whether the exchange took place (BEGIN took effect, or the sync
 * came back on a working connection); when it did not, nothing was kept and the caller may
 * try again on a fresh connection. The statement ahead's result, if any, is left in *ahead
 * (NULL when it did not come). */
static PGresult *db_begin_exec(struct db *db, enum db_stmt stmt, const char *const *params,
                               const int *lengths, const int *formats, int result_format,
                               bool *begun, PGresult **ahead)
{
	PGconn *c = db->conn;
	PGresult *out = NULL;
	const char *ahead_params[DB_AHEAD_PARAMS];
	const bool begin = !db->read_only;
	/* The queries' positions in the pipeline: BEGIN is 0 if sent; ends counts the ended
	 * ones. */
	int at_ahead = db->ahead_pending ? begin : -1;
	int at_stmt = begin + db->ahead_pending;
	int ends = 0;
	bool sent;

	*begun = false;
	*ahead = NULL;
	for (int i = 0; i < DB_AHEAD_PARAMS; i++)
		ahead_params[i] = db->ahead_values[i];
	if (!PQenterPipelineMode(c))
		return NULL;
	sent = (!begin || PQsendQueryParams(c, "BEGIN READ WRITE", 0, NULL, NULL, NULL, NULL, 0)) &&
	       (!db->ahead_pending || PQsendQueryPrepared(c, stmt_defs[db->ahead_stmt].name,
	                                                  stmt_defs[db->ahead_stmt].nparams,
	                                                  ahead_params, NULL, NULL, 0)) &&
	       PQsendQueryPrepared(c, stmt_defs[stmt].name, stmt_defs[stmt].nparams, params,
	                           lengths, formats, result_format) &&
	       PQpipelineSync(c);
	while (sent && ends <= at_stmt + 1) { /* until the sync's result */
		PGresult *res = PQgetResult(c);
		ExecStatusType st;

		if (res == NULL) {
			ends++;
			if (PQstatus(c) != CONNECTION_OK)
				break;
			continue;
		}
		st = PQresultStatus(res);
		if (st == PGRES_PIPELINE_SYNC) {
			PQclear(res);
			if (!begin)
				*begun = PQstatus(c) == CONNECTION_OK;
			break;
		}
		if (begin && ends == 0)
			*begun = st == PGRES_COMMAND_OK;
		if (ends == at_stmt && out == NULL)
			out = res;
		else if (ends == at_ahead && *ahead == NULL)
			*ahead = res;
		else
			PQclear(res);
	}
	if (!PQexitPipelineMode(c)) {
		/* Results left over (a broken exchange): the connection cannot be trusted. */
		log_error("pipeline did not end: %s", PQerrorMessage(c));
		PQclear(out);
		PQclear(*ahead);
		*ahead = NULL;
		*begun = false;
		db_close(db);
		return NULL;
	}
	return out;
}

bool db_commit(struct db *db, struct response *resp)
{
	PGresult *res;
	bool ok;

	if (!db->in_tx)
		return true;
	db->in_tx = false;
	res = PQexec(db->conn, "COMMIT");
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		db_fail(db, res, "COMMIT", "-", resp);
	PQclear(res);
	return ok;
}

void db_rollback(struct db *db)
{
	if (!db->in_tx || db->conn == NULL)
		return;
	db->in_tx = false;
	if (!db_simple(db, "ROLLBACK")) {
		log_error("ROLLBACK failed: %s", PQerrorMessage(db->conn));
		db_close(db);
	}
}

PGresult *db_run_ex(struct db *db, enum db_stmt stmt, const char *const *params, const int *lengths,
                    const int *formats, int result_format, const char *request_id,
                    struct response *resp)
{
	PGresult *res = NULL;
	ExecStatusType st;

	/* The transaction starts with the first statement, so a request refused before it
	 * (bad input, not allowed) never touches the database. */
	if (db->in_tx) {
		res = PQexecPrepared(db->conn, stmt_defs[stmt].name, stmt_defs[stmt].nparams,
		                     params, lengths, formats, result_format);
	} else {
		bool begun = false;
		PGresult *ahead = NULL;

		/* A connection that died while idle is only noticed now: reconnect once, so a
		 * database restart costs no request that arrives after it. */
		for (int attempt = 0; attempt < 2 && !begun; attempt++) {
			if (!db_ensure(db))
				break;
			res = db_begin_exec(db, stmt, params, lengths, formats, result_format,
			                    &begun, &ahead);
			if (begun)
				break;
			log_error("rid=%s BEGIN failed: %s", request_id,
			          db->conn ? PQerrorMessage(db->conn) : "connection closed");
			PQclear(res);
			PQclear(ahead);
			ahead = NULL;
			db_close(db);
		}
		if (!begun) {
			db->ahead_pending = false;
			http_error(resp, 503, "database_unavailable", status_message(503), NULL);
			return NULL;
		}
		db->in_tx = !db->read_only; /* a read-only one ended with its sync */
		if (db->ahead_pending) {
			/* The statement ahead decides whether this one's result may be used. */
			bool accepted = ahead != NULL && PQresultStatus(ahead) == PGRES_TUPLES_OK &&
			                db->ahead_accept(db->ahead_arg, ahead);

			db->ahead_pending = false;
			PQclear(ahead);
			if (!accepted) {
				log_info("rid=%s %s ahead refused", request_id,
				         stmt_defs[db->ahead_stmt].name);
				db->ahead_refused = true;
				PQclear(res);
				http_error(resp, 401, "unauthenticated", status_message(401), NULL);
				return NULL;
			}
		}
	}
	st = PQresultStatus(res);
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
		return res;
	db_fail(db, res, stmt_defs[stmt].name, request_id, resp);
	PQclear(res);
	return NULL;
}

PGresult *db_run(struct db *db, enum db_stmt stmt, const char *const *params,
                 const char *request_id, struct response *resp)
{
	return db_run_ex(db, stmt, params, NULL, NULL, 0, request_id, resp);
}

void db_respond_json(struct db *db, enum db_stmt stmt, const char *const *params,
                     const char *request_id, int status, struct response *resp)
{
	PGresult *res = db_run(db, stmt, params, request_id, resp);

	if (res == NULL)
		return;
	if (PQntuples(res) != 1 || PQnfields(res) != 1 || PQgetisnull(res, 0, 0))
		http_error(resp, 404, "not_found", "Không tìm thấy.", NULL);
	else
		http_json_text(resp, status, PQgetvalue(res, 0, 0), (size_t)PQgetlength(res, 0, 0));
	PQclear(res);
}

bool db_print_statement(const char *name)
{
	for (int i = 0; i < STMT__MAX; i++) {
		if (strcmp(stmt_defs[i].name, name) == 0) {
			printf("%s\n", stmt_defs[i].sql);
			return true;
		}
	}
	fprintf(stderr, "no statement named %s\n", name);
	return false;
}
