// SPDX-License-Identifier: GPL-2.0
/* One thread, event-driven: everything nsviz waits for goes through one poll(). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "clock.h"
#include "loop.h"

#define LOOP_MAX 16

struct loop_fd {
	int fd;
	loop_cb cb;
	void *ctx;
};

struct loop_timer {
	double period, next;
	loop_cb cb;
	void *ctx;
};

struct loop_sig {
	int signo;
	loop_cb cb;
	void *ctx;
};

struct loop {
	struct loop_fd fds[LOOP_MAX];
	int nfds;
	struct loop_timer timers[LOOP_MAX];
	int ntimers;
	struct loop_sig sigs[LOOP_MAX];
	int nsigs;
	int sigfd;
	sigset_t mask, oldmask;
};

static const int term_signals[] = { SIGINT, SIGTERM, SIGHUP };

static int loop_update_signals(struct loop *l)
{
	if (sigprocmask(SIG_SETMASK, &l->mask, NULL))
		return -errno;
	l->sigfd = signalfd(l->sigfd, &l->mask, SFD_CLOEXEC | SFD_NONBLOCK);
	return l->sigfd < 0 ? -errno : 0;
}

struct loop *loop_new(void)
{
	struct loop *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->sigfd = -1;
	sigprocmask(SIG_SETMASK, NULL, &l->oldmask);
	l->mask = l->oldmask;
	for (size_t i = 0; i < sizeof(term_signals) / sizeof(term_signals[0]); i++)
		sigaddset(&l->mask, term_signals[i]);
	if (loop_update_signals(l)) {
		loop_free(l);
		return NULL;
	}
	return l;
}

int loop_add_fd(struct loop *l, int fd, loop_cb cb, void *ctx)
{
	if (l->nfds == LOOP_MAX)
		return -ENOSPC;
	l->fds[l->nfds++] = (struct loop_fd){ fd, cb, ctx };
	return 0;
}

int loop_add_timer(struct loop *l, double period, loop_cb cb, void *ctx)
{
	if (l->ntimers == LOOP_MAX)
		return -ENOSPC;
	if (period <= 0)
		return -EINVAL;
	l->timers[l->ntimers++] = (struct loop_timer){ period, mono_now() + period, cb, ctx };
	return 0;
}

int loop_add_signal(struct loop *l, int signo, loop_cb cb, void *ctx)
{
	if (l->nsigs == LOOP_MAX)
		return -ENOSPC;
	l->sigs[l->nsigs++] = (struct loop_sig){ signo, cb, ctx };
	sigaddset(&l->mask, signo);
	return loop_update_signals(l);
}

/* A terminating signal without a handler ends the loop. */
static int loop_signal(struct loop *l)
{
	struct signalfd_siginfo si;

	while (read(l->sigfd, &si, sizeof(si)) == sizeof(si)) {
		int i, rc = 1;

		for (i = 0; i < l->nsigs; i++)
			if (l->sigs[i].signo == (int)si.ssi_signo)
				break;
		if (i < l->nsigs)
			rc = l->sigs[i].cb(l->sigs[i].ctx);
		if (rc)
			return rc;
	}
	return 0;
}

/* Milliseconds until the next timer or the deadline, whichever is first; -1 for never. */
static int loop_timeout(const struct loop *l, double now, double deadline)
{
	double next = deadline;

	for (int i = 0; i < l->ntimers; i++)
		if (next == 0 || l->timers[i].next < next)
			next = l->timers[i].next;
	if (next == 0)
		return -1;
	return next <= now ? 0 : (int)((next - now) * 1000) + 1;
}

static int loop_fire_timers(struct loop *l, double now)
{
	for (int i = 0; i < l->ntimers; i++) {
		struct loop_timer *t = &l->timers[i];
		int rc;

		if (t->next > now)
			continue;
		/* Keep the cadence; after a stall skip the missed ticks rather than bursting. */
		t->next += t->period;
		if (t->next <= now)
			t->next = now + t->period;
		rc = t->cb(t->ctx);
		if (rc)
			return rc;
	}
	return 0;
}

static int loop_fire_fds(struct loop *l, struct pollfd *pfd)
{
	for (int i = 0; i < l->nfds; i++) {
		int rc;

		if (!(pfd[i + 1].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		rc = l->fds[i].cb(l->fds[i].ctx);
		if (rc)
			return rc;
	}
	return 0;
}

int loop_run(struct loop *l, double duration)
{
	double deadline = duration > 0 ? mono_now() + duration : 0;
	struct pollfd pfd[LOOP_MAX + 1];
	int rc = 0;

	pfd[0] = (struct pollfd){ .fd = l->sigfd, .events = POLLIN };
	for (int i = 0; i < l->nfds; i++)
		pfd[i + 1] = (struct pollfd){ .fd = l->fds[i].fd, .events = POLLIN };
	while (!rc) {
		double now = mono_now();

		if (deadline && now >= deadline)
			break;
		if (poll(pfd, l->nfds + 1, loop_timeout(l, now, deadline)) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (pfd[0].revents & POLLIN)
			rc = loop_signal(l);
		if (!rc)
			rc = loop_fire_fds(l, pfd);
		if (!rc)
			rc = loop_fire_timers(l, mono_now());
	}
	return rc < 0 ? rc : 0;
}

void loop_free(struct loop *l)
{
	if (!l)
		return;
	if (l->sigfd >= 0)
		close(l->sigfd);
	/* What follows a loop is the teardown (links closed, rcu_expedited off again, the
	 * namespaces of `run`): a second SIGTERM or Ctrl-C must not cut it short, so the
	 * terminating signals stay blocked; one still pending is dropped at exit. */
	for (size_t i = 0; i < sizeof(term_signals) / sizeof(term_signals[0]); i++)
		sigaddset(&l->oldmask, term_signals[i]);
	sigprocmask(SIG_SETMASK, &l->oldmask, NULL);
	free(l);
}
