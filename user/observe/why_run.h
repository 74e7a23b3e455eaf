/* SPDX-License-Identifier: GPL-2.0 */
/* `nsviz why FROM DEST` for the UI: the running binary run again as a child, its output
 * collected as it comes, so the UI neither waits for its probes nor words anything itself. */
#ifndef NSVIZ_WHY_RUN_H
#define NSVIZ_WHY_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "snapshot.h"

struct why_run {
	pid_t pid;  /* the child while it runs, else 0 */
	int fd;     /* its stdout and stderr while open, else -1 */
	size_t len; /* of out.text */
	bool started;
	struct snap_why out;
};

void why_run_init(struct why_run *w);
/* Start `why FROM DEST` (ending the one running, if any). 0 or -errno. */
int why_run_start(struct why_run *w, const char *from, const char *dest);
/* Take what it printed since; once it has closed its output, reap it. Never blocks on it. */
void why_run_poll(struct why_run *w);
/* The last run, running or finished, or NULL before the first. */
const struct snap_why *why_run_result(const struct why_run *w);
/* End the one running (SIGTERM) and reap it. */
void why_run_stop(struct why_run *w);

#endif
