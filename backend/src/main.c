/* Supervisor: validates the configuration, opens the FastCGI socket for nginx only, forks the
 * workers, replaces any that die, and on SIGTERM stops them after their current request. */
#include "auth.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "worker.h"

#include <errno.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 64
#define MAX_CHILDREN (MAX_WORKERS + 1) /* the workers and the maintenance process */

static volatile sig_atomic_t got_term;
static volatile sig_atomic_t got_child;

static void on_signal(int sig)
{
	if (sig == SIGCHLD)
		got_child = 1;
	else
		got_term = 1;
}

static const char *env_get(const char *name)
{
	return getenv(name);
}

/* Creates the socket readable and writable by its owner and group only, and gives the group
 * to nginx's user group. */
static int open_socket(const struct config *cfg, uid_t uid, gid_t gid)
{
	struct stat st;
	mode_t old;
	int fd;

	if (lstat(cfg->socket_path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			log_error("%s exists and is not a socket; refusing to replace it",
			          cfg->socket_path);
			return -1;
		}
		unlink(cfg->socket_path);
	}
	old = umask(0117);
	fd = FCGX_OpenSocket(cfg->socket_path, cfg->backlog);
	umask(old);
	if (fd < 0) {
		log_error("FCGX_OpenSocket %s failed: %s", cfg->socket_path, strerror(errno));
		return -1;
	}
	if (chmod(cfg->socket_path, 0660) != 0 ||
	    ((uid != (uid_t)-1 || gid != (gid_t)-1) && chown(cfg->socket_path, uid, gid) != 0)) {
		log_error("chmod/chown %s failed: %s", cfg->socket_path, strerror(errno));
		close(fd);
		return -1;
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) {
		log_error("fcntl on the listening socket failed: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static bool lookup_ids(const struct config *cfg, uid_t *uid, gid_t *gid, gid_t *user_gid)
{
	*uid = (uid_t)-1;
	*gid = (gid_t)-1;
	*user_gid = (gid_t)-1;
	if (cfg->run_as[0] != '\0') {
		struct passwd *pw = getpwnam(cfg->run_as);

		if (pw == NULL) {
			log_error("TS_RUN_AS: no user named %s", cfg->run_as);
			return false;
		}
		*uid = pw->pw_uid;
		*user_gid = pw->pw_gid;
	}
	if (cfg->socket_group[0] != '\0') {
		struct group *gr = getgrnam(cfg->socket_group);

		if (gr == NULL) {
			log_error("TS_SOCKET_GROUP: no group named %s", cfg->socket_group);
			return false;
		}
		*gid = gr->gr_gid;
	}
	return true;
}

static bool drop_privileges(const struct config *cfg, uid_t uid, gid_t user_gid)
{
	if (geteuid() != 0 || cfg->run_as[0] == '\0')
		return true;
	if (setgroups(0, NULL) != 0 || setgid(user_gid) != 0 || setuid(uid) != 0) {
		log_error("dropping privileges to %s failed: %s", cfg->run_as, strerror(errno));
		return false;
	}
	if (setuid(0) == 0) {
		log_error("privileges were not dropped");
		return false;
	}
	return true;
}

/* Forks child id: a worker, or the maintenance process for the last id. */
static pid_t spawn(const struct config *cfg, int fd, int id, const sigset_t *orig)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sigaction sa;

		memset(&sa, 0, sizeof sa);
		sa.sa_handler = SIG_DFL;
		sigaction(SIGCHLD, &sa, NULL);
		sigprocmask(SIG_SETMASK, orig, NULL);
		if (id == cfg->workers) {
			close(fd);
			_exit(maintenance_main(cfg));
		}
		_exit(worker_main(cfg, fd, id));
	}
	if (pid < 0)
		log_error("fork failed: %s", strerror(errno));
	return pid;
}

static void describe_exit(int status, char *buf, size_t size)
{
	if (WIFSIGNALED(status))
		snprintf(buf, size, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
}

/* `thongsuot-api --hash-password` reads a password on standard input and prints its
 * Argon2id hash, for seeding accounts without ever storing a password. */
static int hash_password_tool(void)
{
	char line[1100];
	char hash[crypto_pwhash_STRBYTES];
	size_t n;

	if (sodium_init() < 0 || fgets(line, sizeof line, stdin) == NULL)
		return 1;
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	if (auth_password_weak(line, NULL) != NULL || !auth_password_hash(line, hash)) {
		fprintf(stderr, "password refused: %s\n", auth_password_weak(line, NULL));
		return 1;
	}
	printf("%s\n", hash);
	sodium_memzero(line, sizeof line);
	return 0;
}

int main(int argc, char **argv)
{
	struct config cfg;
	char err[256];
	pid_t pids[MAX_CHILDREN] = {0};
	time_t started[MAX_CHILDREN] = {0};
	int nchildren;
	uid_t uid;
	gid_t gid;
	gid_t user_gid;
	struct sigaction sa;
	sigset_t block;
	sigset_t orig;
	int fd;
	int alive;
	time_t deadline;

	if (argc == 2 && strcmp(argv[1], "--hash-password") == 0)
		return hash_password_tool();
	if (argc == 3 && strcmp(argv[1], "--print-statement") == 0)
		return db_print_statement(argv[2]) ? 0 : 1;
	if (argc != 1) {
		fprintf(stderr,
		        "usage: %s [--hash-password | --print-statement NAME]  (configuration "
		        "comes from TS_* variables)\n",
		        argv[0]);
		return 2;
	}
	log_set_tag("supervisor");
	if (!config_load(&cfg, env_get, err, sizeof err)) {
		log_error("configuration: %s", err);
		return 2;
	}
	if (!config_load_key(&cfg, err, sizeof err)) {
		log_error("configuration: %s", err);
		return 2;
	}
	if (sodium_init() < 0) {
		log_error("sodium_init failed");
		return 1;
	}
	if (!lookup_ids(&cfg, &uid, &gid, &user_gid))
		return 2;
	if ((fd = open_socket(&cfg, uid, gid)) < 0)
		return 1;
	if (cfg.pid_file[0] != '\0') {
		FILE *f = fopen(cfg.pid_file, "w");

		if (f == NULL || fprintf(f, "%d\n", (int)getpid()) < 0 || fclose(f) != 0) {
			log_error("writing %s failed: %s", cfg.pid_file, strerror(errno));
			return 1;
		}
	}
	if (!drop_privileges(&cfg, uid, user_gid))
		return 1;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &orig);

	log_info("listening on %s with %d workers", cfg.socket_path, cfg.workers);
	nchildren = cfg.workers + 1;
	for (int i = 0; i < nchildren; i++) {
		pids[i] = spawn(&cfg, fd, i, &orig);
		started[i] = time(NULL);
	}

	while (!got_term) {
		sigset_t wait_mask = orig;

		sigdelset(&wait_mask, SIGTERM);
		sigdelset(&wait_mask, SIGINT);
		sigdelset(&wait_mask, SIGCHLD);
		if (!got_child)
			sigsuspend(&wait_mask);
		got_child = 0;
		for (;;) {
			int status;
			char how[64];
			pid_t pid = waitpid(-1, &status, WNOHANG);

			if (pid <= 0)
				break;
			for (int i = 0; i < nchildren; i++) {
				if (pids[i] != pid)
					continue;
				describe_exit(status, how, sizeof how);
				log_error("worker %d (pid %d) %s", i, (int)pid, how);
				pids[i] = 0;
				if (got_term)
					break;
				/* A worker that dies at once again and again must not spin the CPU. */
				if (time(NULL) - started[i] < 1) {
					struct timespec pause = {0, 200 * 1000 * 1000};

					nanosleep(&pause, NULL);
				}
				pids[i] = spawn(&cfg, fd, i, &orig);
				started[i] = time(NULL);
				if (pids[i] > 0)
					log_info("worker %d replaced by pid %d", i, (int)pids[i]);
			}
		}
		/* Retry a failed fork on the next wake-up. */
		for (int i = 0; i < nchildren && !got_term; i++)
			if (pids[i] < 0 && (pids[i] = spawn(&cfg, fd, i, &orig)) > 0)
				started[i] = time(NULL);
	}

	/* New connections now fail at once in nginx (no socket); queued ones are still served. */
	log_info("stopping: letting requests in flight finish");
	unlink(cfg.socket_path);
	for (int i = 0; i < nchildren; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	deadline = time(NULL) + cfg.shutdown_timeout;
	do {
		int status;
		pid_t pid;

		alive = 0;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
			for (int i = 0; i < nchildren; i++)
				if (pids[i] == pid)
					pids[i] = 0;
		for (int i = 0; i < nchildren; i++)
			if (pids[i] > 0)
				alive++;
		if (alive > 0) {
			struct timespec pause = {0, 20 * 1000 * 1000};

			nanosleep(&pause, NULL);
		}
	} while (alive > 0 && time(NULL) < deadline);
	for (int i = 0; i < nchildren; i++) {
		if (pids[i] > 0) {
			log_error("worker %d (pid %d) did not stop in %d s; killing it", i,
			          (int)pids[i], cfg.shutdown_timeout);
			kill(pids[i], SIGKILL);
			waitpid(pids[i], NULL, 0);
		}
	}
	close(fd);
	if (cfg.pid_file[0] != '\0')
		unlink(cfg.pid_file);
	log_info("stopped");
	return 0;
}
