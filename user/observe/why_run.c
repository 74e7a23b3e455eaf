// SPDX-License-Identifier: GPL-2.0
/* A child process rather than a thread: `why` prints its diagnostics on stderr and attaches its
 * own probes, and none of that may touch the UI's terminal or its loop; a child's output is
 * collected in a pipe, and its probes go with it when it is ended. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "why_run.h"

#define SELF "/proc/self/exe"

void why_run_init(struct why_run *w)
{
	memset(w, 0, sizeof(*w));
	w->fd = -1;
}

/* In the child: output into the pipe OUT, no terminal, the default signal mask (the loop
 * blocks some), then the running binary as `nsviz why FROM DEST`. */
static void why_exec(int out, const char *from, const char *dest)
{
	int null = open("/dev/null", O_RDONLY);
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
		_exit(127);
	execl(SELF, "nsviz", "why", from, dest, (char *)NULL);
	fprintf(stderr, "nsviz why: run %s: %s\n", SELF, strerror(errno));
	_exit(1);
}

int why_run_start(struct why_run *w, const char *from, const char *dest)
{
	int fds[2];
	pid_t pid;

	if (!*from || !*dest || *from == '-' || *dest == '-')
		return -EINVAL;
	why_run_stop(w);
	if (pipe2(fds, O_CLOEXEC))
		return -errno;
	pid = fork();
	if (pid == 0)
		why_exec(fds[1], from, dest);
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return -errno;
	}
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	w->pid = pid;
	w->fd = fds[0];
	w->len = 0;
	w->started = true;
	memset(&w->out, 0, sizeof(w->out));
	snprintf(w->out.from, sizeof(w->out.from), "%s", from);
	snprintf(w->out.dest, sizeof(w->out.dest), "%s", dest);
	w->out.running = true;
	return 0;
}

/* Its exit status, as a shell says it (128 + the signal that ended it). */
static int reap(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

void why_run_poll(struct why_run *w)
{
	char buf[4096];
	ssize_t n = 0;

	while (w->fd >= 0 && (n = read(w->fd, buf, sizeof(buf))) != 0) {
		size_t room = sizeof(w->out.text) - 1 - w->len;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				return;
			break;
		}
		/* Beyond the room: dropped, but still read, so that the child never blocks. */
		memcpy(w->out.text + w->len, buf, (size_t)n < room ? (size_t)n : room);
		w->len += (size_t)n < room ? (size_t)n : room;
	}
	if (w->fd < 0)
		return;
	if (n < 0) /* the pipe broke, not closed by the child: it might still run */
		kill(w->pid, SIGTERM);
	close(w->fd);
	w->fd = -1;
	w->out.status = reap(w->pid);
	w->pid = 0;
	w->out.running = false;
}

const struct snap_why *why_run_result(const struct why_run *w)
{
	return w->started ? &w->out : NULL;
}

void why_run_stop(struct why_run *w)
{
	if (w->pid)
		kill(w->pid, SIGTERM);
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	if (w->pid)
		w->out.status = reap(w->pid);
	w->pid = 0;
	w->out.running = false;
}
