/* A worker process: the FastCGI accept loop, one request at a time, until told to stop. */
#ifndef TS_WORKER_H
#define TS_WORKER_H

#include "config.h"

/* Serves requests from listen_fd (non-blocking) until SIGTERM; then serves what is already
 * queued and returns the exit status. */
int worker_main(const struct config *cfg, int listen_fd, int worker_id);

/* The maintenance process: every maintenance_interval seconds closes answered issues nobody
 * reacted to and sends due-soon and overdue reminders, until SIGTERM. */
int maintenance_main(const struct config *cfg);

#endif
