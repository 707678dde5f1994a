/* Worker: reads a FastCGI request, validates it, routes it, runs the handler inside one
 * transaction, writes the response and one log line. */
#include "worker.h"

#include "compress.h"
#include "db.h"
#include "frozen.h"
#include "handlers.h"
#include "log.h"

#include <errno.h>
#include <fcgiapp.h>
#include <malloc.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t worker_stopping;

static void on_term(int sig)
{
	(void)sig;
	worker_stopping = 1;
}

static const char *param(FCGX_Request *r, const char *name)
{
	const char *v = FCGX_GetParam(name, r->envp);

	return v ? v : "";
}

static void copy_bounded(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

/* Reads the body announced by CONTENT_LENGTH. On failure fills resp. */
static bool read_body(FCGX_Request *r, size_t limit, struct request *req, struct response *resp)
{
	const char *cl = param(r, "CONTENT_LENGTH");
	size_t len = 0;
	size_t got = 0;

	if (*cl == '\0')
		return true;
	for (const char *p = cl; *p; p++) {
		if (*p < '0' || *p > '9' || len > limit) {
			if (len > limit)
				break;
			http_error(resp, 400, "bad_content_length", "Độ dài nội dung không hợp lệ.",
			           NULL);
			return false;
		}
		len = len * 10 + (size_t)(*p - '0');
	}
	if (len > limit) {
		http_error(resp, 413, "body_too_large", "Nội dung gửi lên quá lớn.",
		           json_pack("{s:I}", "limit_bytes", (json_int_t)limit));
		return false;
	}
	if (len == 0)
		return true;
	req->body = malloc(len + 1);
	if (req->body == NULL) {
		http_error(resp, 503, "overloaded", "Máy chủ đang quá tải.", NULL);
		return false;
	}
	while (got < len) {
		int n = FCGX_GetStr(req->body + got, (int)(len - got), r->in);

		if (n <= 0)
			break;
		got += (size_t)n;
	}
	req->body[got] = '\0';
	req->body_len = got;
	if (got != len) {
		http_error(resp, 400, "incomplete_body", "Nội dung gửi lên không đầy đủ.", NULL);
		return false;
	}
	return true;
}

/* Runs the handler at most once per Idempotency-Key and caller: the first successful answer
 * is stored in the same transaction as the work, and a retry gets it back unchanged. */
static void idempotent_call(struct ctx *ctx, const struct route *route)
{
	struct request *req = ctx->req;
	unsigned char hash[32];
	char hash_hex[2 + 64 + 1];
	char uid[16];
	char status[8];
	const char *reserve[3] = {uid, req->idempotency_key, hash_hex};
	crypto_hash_sha256_state st;
	PGresult *res;
	size_t n = strlen(req->idempotency_key);

	if (n < 8 || n > 128 ||
	    strspn(req->idempotency_key, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                                 "0123456789_-") != n) {
		http_error(ctx->resp, 400, "invalid_idempotency_key",
		           "Idempotency-Key phải gồm 8–128 ký tự A-Z, a-z, 0-9, _ hoặc -.", NULL);
		return;
	}
	/* The same key with another request is a client error, not a replay. */
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)http_method_name(req->method),
	                          strlen(http_method_name(req->method)));
	crypto_hash_sha256_update(&st, (const unsigned char *)req->path, strlen(req->path));
	if (req->body_len > 0)
		crypto_hash_sha256_update(&st, (const unsigned char *)req->body, req->body_len);
	crypto_hash_sha256_final(&st, hash);
	snprintf(hash_hex, sizeof hash_hex, "\\x");
	sodium_bin2hex(hash_hex + 2, sizeof hash_hex - 2, hash, sizeof hash);
	snprintf(uid, sizeof uid, "%d", ctx->who.user_id);

	res = db_run(ctx->db, STMT_IDEM_RESERVE, reserve, req->request_id, ctx->resp);
	if (res == NULL)
		return;
	if (PQntuples(res) == 1) {
		PQclear(res);
		route->handler(ctx);
		if (ctx->resp->status >= 200 && ctx->resp->status < 300) {
			const char *save[4] = {uid, req->idempotency_key, status,
			                       ctx->resp->body ? ctx->resp->body : ""};

			snprintf(status, sizeof status, "%d", ctx->resp->status);
			PQclear(db_run(ctx->db, STMT_IDEM_SAVE, save, req->request_id, ctx->resp));
		}
		return;
	}
	PQclear(res);
	res = db_run(ctx->db, STMT_IDEM_GET, reserve, req->request_id, ctx->resp);
	if (res == NULL)
		return;
	if (PQntuples(res) != 1 || strcmp(PQgetvalue(res, 0, 0), hash_hex) != 0) {
		http_error(ctx->resp, 422, "idempotency_key_reused",
		           "Idempotency-Key này đã được dùng cho một yêu cầu khác.", NULL);
	} else {
		http_json_text(ctx->resp, atoi(PQgetvalue(res, 0, 1)), PQgetvalue(res, 0, 2),
		               (size_t)PQgetlength(res, 0, 2));
		http_add_header(ctx->resp, "Idempotent-Replayed", "true");
	}
	PQclear(res);
}

static void handle(FCGX_Request *r, const struct config *cfg, struct db *db,
                   struct worker_stats *stats, struct request *req, struct response *resp)
{
	const struct route *route = NULL;
	const char *rid = param(r, "HTTP_X_REQUEST_ID");
	char allow[64];
	struct ctx ctx;

	memset(&ctx, 0, sizeof ctx);
	ctx.req = req;
	ctx.resp = resp;
	ctx.db = db;
	ctx.stats = stats;
	ctx.cfg = cfg;
	if (http_request_id_valid(rid)) {
		copy_bounded(req->request_id, sizeof req->request_id, rid);
	} else {
		unsigned char raw[16];

		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(req->request_id, sizeof req->request_id, raw, sizeof raw);
	}
	copy_bounded(req->remote_addr, sizeof req->remote_addr, param(r, "REMOTE_ADDR"));
	copy_bounded(req->content_type, sizeof req->content_type, param(r, "CONTENT_TYPE"));
	copy_bounded(req->cookie, sizeof req->cookie, param(r, "HTTP_COOKIE"));
	req->https = strcmp(param(r, "HTTPS"), "on") == 0;
	req->authorization_too_long =
	    strlen(param(r, "HTTP_AUTHORIZATION")) >= sizeof req->authorization;
	copy_bounded(req->authorization, sizeof req->authorization, param(r, "HTTP_AUTHORIZATION"));
	copy_bounded(req->if_match, sizeof req->if_match, param(r, "HTTP_IF_MATCH"));
	copy_bounded(req->if_none_match, sizeof req->if_none_match, param(r, "HTTP_IF_NONE_MATCH"));
	copy_bounded(req->accept_encoding, sizeof req->accept_encoding,
	             param(r, "HTTP_ACCEPT_ENCODING"));
	copy_bounded(req->idempotency_key, sizeof req->idempotency_key,
	             param(r, "HTTP_IDEMPOTENCY_KEY"));
	if (!http_method_parse(param(r, "REQUEST_METHOD"), &req->method))
		req->method = HTTP_METHOD__MAX;

	if (!http_parse_uri(req, param(r, "REQUEST_URI"), resp))
		return;
	switch (router_match(routes, nroutes, req, &route, allow, sizeof allow)) {
	case ROUTER_NOT_FOUND:
		http_error(resp, 404, "not_found", "Không tìm thấy địa chỉ này.",
		           json_pack("{s:s}", "path", req->path));
		return;
	case ROUTER_METHOD_NOT_ALLOWED:
		http_error(resp, 405, "method_not_allowed", "Phương thức không được hỗ trợ.",
		           json_pack("{s:s}", "allow", allow));
		http_add_header(resp, "Allow", allow);
		return;
	case ROUTER_FOUND: break;
	}
	if (!read_body(r, (route->flags & ROUTE_RAW_BODY) ? cfg->upload_limit : cfg->body_limit,
	               req, resp))
		return;
	if (req->body_len > 0 && !(route->flags & ROUTE_RAW_BODY) &&
	    !http_parse_json_body(req, resp))
		return;

	/* Authentication, authorization and the handler's statements run in one transaction
	 * (begun by the first of them); it is committed only when the response is a success or
	 * the handler asked to keep what it wrote (a failed login is remembered). */
	/* A GET or HEAD with an access token speculates: its session check rides with the
	 * handler's first statement. If the check does not confirm the token's claims (the
	 * account was changed, disabled or signed out since), nothing of that pass is kept and
	 * the request is served again with the check first. */
	for (int pass = 0; pass < 2; pass++) {
		db->read_only = req->method == HTTP_GET || req->method == HTTP_HEAD;
		ctx.speculate = pass == 0 && db->read_only && !(route->flags & ROUTE_PENDING_OK);
		db_ahead_reset(db);
		if (session_authorize(&ctx, route)) {
			if ((route->flags & ROUTE_IDEMPOTENT) && req->idempotency_key[0] != '\0')
				idempotent_call(&ctx, route);
			else
				route->handler(&ctx);
		}
		if (session_confirmed(&ctx))
			break;
		log_info("rid=%s the session check did not confirm the token: served again",
		         req->request_id);
		db_rollback(db);
		http_response_reset(resp);
		memset(&ctx.who, 0, sizeof ctx.who);
	}
	db_ahead_reset(db);
	if (db->in_tx && !db->read_only) {
		if ((resp->status > 0 && resp->status < 400) || resp->commit)
			db_commit(db, resp);
		else
			db_rollback(db);
	}
	http_conditional(req, resp);
	if (ctx.who.api_token_id > 0)
		session_record_token_call(&ctx); /* in a transaction of its own */
}

static void write_response(FCGX_Request *r, const struct request *req, struct response *resp)
{
	if (resp->status == 0)
		http_error(resp, 500, "internal", "Lỗi máy chủ.", NULL);
	FCGX_FPrintF(r->out,
	             "Status: %d %s\r\n"
	             "Content-Type: %s\r\n"
	             "Content-Length: %lu\r\n"
	             "X-Request-Id: %s\r\n"
	             "X-Content-Type-Options: nosniff\r\n"
	             "X-Frame-Options: DENY\r\n"
	             "Referrer-Policy: no-referrer\r\n"
	             "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n",
	             resp->status, http_status_text(resp->status), resp->content_type,
	             (unsigned long)resp->body_len, req->request_id);
	/* API answers are personal and live unless the handler says otherwise (frozen
	 * snapshots may be kept). */
	if (http_header_get(resp, "Cache-Control") == NULL)
		FCGX_PutS("Cache-Control: no-store\r\n", r->out);
	for (int i = 0; i < resp->nheaders; i++)
		FCGX_FPrintF(r->out, "%s: %s\r\n", resp->headers[i].name, resp->headers[i].value);
	FCGX_PutS("\r\n", r->out);
	if (req->method != HTTP_HEAD && resp->body_len > 0)
		FCGX_PutStr(resp->body, (int)resp->body_len, r->out);
}

#define LARGE_RESPONSE (1024 * 1024)

static double elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void serve_one(FCGX_Request *r, const struct config *cfg, struct db *db,
                      struct worker_stats *stats)
{
	struct request req;
	struct response resp;
	struct timespec t0;
	char method[16];
	bool large;

	memset(&req, 0, sizeof req);
	memset(&resp, 0, sizeof resp);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	stats->requests++;
	handle(r, cfg, db, stats, &req, &resp);
	large = resp.body_len > LARGE_RESPONSE; /* as the database sent it */
	compress_answer(&req, &resp);
	write_response(r, &req, &resp);
	copy_bounded(method, sizeof method, param(r, "REQUEST_METHOD"));
	FCGX_Finish_r(r); /* the answer goes out now; r's parameters are freed */
	log_info("rid=%s %s %s %d %.2fms client=%s", req.request_id, method,
	         req.path[0] ? req.path : "-", resp.status, elapsed_ms(&t0), req.remote_addr);
	http_request_reset(&req);
	http_response_reset(&resp);
	/* A large answer (a consolidated report of national size is ~9 MB of JSON) leaves
	 * libpq's input buffer as large as its row for the connection's life, and freed heap
	 * that malloc keeps: close the connection (the next request opens another, ~20 ms) and
	 * give the memory back, so a worker stays small between such requests. */
	if (large) {
		db_close(db);
		malloc_trim(0);
	}
}

int worker_main(const struct config *cfg, int listen_fd, int worker_id)
{
	struct db db = {.conninfo = cfg->db_conninfo, .statement_timeout = cfg->statement_timeout};
	struct worker_stats stats = {worker_id, time(NULL), 0};
	struct sigaction sa;
	sigset_t block;
	sigset_t during_poll;
	FCGX_Request r;
	struct epoll_event ev;
	int epfd;
	char tag[32];

	snprintf(tag, sizeof tag, "worker-%d[%d]", worker_id, (int)getpid());
	log_set_tag(tag);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);

	/* SIGTERM is only let through while waiting for a connection, so a request that has
	 * started always finishes. */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &during_poll);
	sigdelset(&during_poll, SIGTERM);
	sigdelset(&during_poll, SIGINT);

	if (FCGX_Init() != 0 || FCGX_InitRequest(&r, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		log_error("FCGX_Init/FCGX_InitRequest failed");
		return 1;
	}
	if (!session_init()) {
		log_error("session_init failed");
		return 1;
	}
	db_ensure(&db);
	log_info("started");

	/* Idle workers wait on the listening socket in an epoll set of their own, with
	 * EPOLLEXCLUSIVE: a new connection wakes one of them rather than all (each needless
	 * wake-up is a context switch on a machine shared with nginx and PostgreSQL). */
	epfd = epoll_create1(EPOLL_CLOEXEC);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	ev.data.fd = listen_fd;
	if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, listen_fd, &ev) != 0) {
		log_error("epoll on the listening socket failed: %s", strerror(errno));
		return 1;
	}
	while (!worker_stopping) {
		int rc = epoll_pwait(epfd, &ev, 1, -1, &during_poll);

		if (rc < 0 && errno != EINTR) {
			log_error("epoll_pwait failed: %s", strerror(errno));
			break;
		}
		if (worker_stopping || rc <= 0)
			continue;
		/* Another worker may have taken the connection: then accept fails with EAGAIN. */
		if (FCGX_Accept_r(&r) < 0)
			continue;
		serve_one(&r, cfg, &db, &stats);
	}
	close(epfd);
	/* The supervisor has removed the socket path: serve what is already queued. */
	while (FCGX_Accept_r(&r) >= 0)
		serve_one(&r, cfg, &db, &stats);
	db_close(&db);
	log_info("stopped after %lu requests", stats.requests);
	return 0;
}

/* Runs one maintenance statement in a transaction of its own; returns its first column as a
 * number (-1 when it failed and was rolled back). */
static int maintenance_step(struct db *db, enum db_stmt stmt)
{
	struct response resp;
	PGresult *res;
	int n = -1;

	memset(&resp, 0, sizeof resp);
	res = db_run(db, stmt, NULL, "maintenance", &resp);
	if (res != NULL) {
		n = atoi(PQgetvalue(res, 0, 0));
		PQclear(res);
		if (!db_commit(db, &resp))
			n = -1;
	} else {
		db_rollback(db);
	}
	http_response_reset(&resp);
	return n;
}

/* Frozen snapshots compressed once, in small batches (a national consolidated snapshot is
 * ~9 MB), each committed; then the memory they took is given back. */
static void compress_frozen(struct db *db)
{
	int total = 0;
	int done;

	do {
		struct response resp;

		memset(&resp, 0, sizeof resp);
		done = frozen_compress_pending(db, &resp);
		if (done > 0 && db_commit(db, &resp))
			total += done;
		else
			db_rollback(db);
		http_response_reset(&resp);
	} while (done > 0 && !worker_stopping);
	if (total > 0) {
		log_info("compressed %d frozen report versions", total);
		db_close(db);
		malloc_trim(0);
	}
}

int maintenance_main(const struct config *cfg)
{
	struct db db = {.conninfo = cfg->db_conninfo, .statement_timeout = cfg->statement_timeout};
	struct sigaction sa;
	char tag[32];

	snprintf(tag, sizeof tag, "maintenance[%d]", (int)getpid());
	log_set_tag(tag);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	log_info("started: every %d s", cfg->maintenance_interval);
	while (!worker_stopping) {
		struct timespec pause = {cfg->maintenance_interval, 0};
		int closed;

		maintenance_step(&db, STMT_MAINTENANCE_FOLD);
		/* The auto-close takes 200 issues a call: again while a batch is full. */
		do {
			closed = maintenance_step(&db, STMT_MAINTENANCE);
			if (closed > 0)
				log_info("closed %d answered issues without reaction", closed);
		} while (closed >= 200 && !worker_stopping);
		compress_frozen(&db);
		/* SIGTERM interrupts the pause. */
		nanosleep(&pause, NULL);
	}
	db_close(&db);
	log_info("stopped");
	return 0;
}
