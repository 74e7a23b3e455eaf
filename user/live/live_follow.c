// SPDX-License-Identifier: GPL-2.0
/* One subscribed rtnetlink socket per namespace, by cookie, and inotify on /run/netns, under one
 * epoll fd. What arrives is only a sign that something changed: the caller reads the network
 * again and compares (live_diff), so a lost notification (a full socket) costs nothing. */
#include <errno.h>
#include <fcntl.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "grow.h"
#include "live_follow.h"

struct watch {
	uint64_t cookie;
	struct nl *nl;
};

/* A change comes as a burst of notifications, from several namespaces (a veth set down: its
 * end, its peer, the bridge): it is read once, this long after the first. */
#define SETTLE_NS 100000000L

/* Cookies of the namespaces that notified. */
struct cookies {
	uint64_t *v;
	int n;
};

struct live_follow {
	int epfd, inotify, timer;
	bool armed;
	struct watch *w;
	int nw;
	struct cookies pending, ready; /* in the burst under way; in the last one settled */
};

static const int groups[] = { RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR,
			      RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE, RTNLGRP_IPV4_NETCONF };

static int watch_fd(struct live_follow *f, int fd)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };

	return epoll_ctl(f->epfd, EPOLL_CTL_ADD, fd, &ev) ? -errno : 0;
}

/* A socket per namespace: a thousand namespaces need more fds than the usual soft limit. */
static void raise_fd_limit(void)
{
	struct rlimit r;

	if (!getrlimit(RLIMIT_NOFILE, &r) && r.rlim_cur < r.rlim_max) {
		r.rlim_cur = r.rlim_max;
		setrlimit(RLIMIT_NOFILE, &r);
	}
}

int live_follow__open(struct live_follow **out)
{
	struct live_follow *f = calloc(1, sizeof(*f));
	int err;

	if (!f)
		return -ENOMEM;
	raise_fd_limit();
	f->inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	f->timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	f->epfd = epoll_create1(EPOLL_CLOEXEC);
	err = f->inotify < 0 || f->timer < 0 || f->epfd < 0 ? -errno :
	      watch_fd(f, f->inotify) ?: watch_fd(f, f->timer);
	/* No /run/netns yet: named namespaces are then found by the caller's scans. */
	if (!err && inotify_add_watch(f->inotify, "/run/netns", IN_CREATE | IN_DELETE |
				      IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB) < 0 &&
	    errno != ENOENT)
		err = -errno;
	if (err) {
		live_follow__destroy(f);
		return err;
	}
	*out = f;
	return 0;
}

int live_follow__fd(const struct live_follow *f)
{
	return f->epfd;
}

static bool watched(const struct live_follow *f, uint64_t cookie)
{
	for (int i = 0; i < f->nw; i++)
		if (f->w[i].cookie == cookie)
			return true;
	return false;
}

/* A subscribed socket inside NS. A namespace gone meanwhile (or a pid reused) is no error: the
 * next reading drops it. */
static int listen_in(struct live_follow *f, const struct live_ns *ns)
{
	int fd = open(ns->path, O_RDONLY | O_CLOEXEC), err;
	struct nl *nl = NULL;
	struct stat st;

	if (fd < 0)
		return errno == ENOENT || errno == ESRCH ? 0 : -errno;
	if (fstat(fd, &st) || st.st_ino != ns->ino) {
		close(fd);
		return 0;
	}
	err = nl_open(fd, &nl) ?: nl_subscribe(nl, groups, sizeof(groups) / sizeof(*groups)) ?:
	      grow_array((void **)&f->w, NULL, f->nw, sizeof(*f->w));
	/* Drained without waiting: what is queued is read, then EAGAIN. */
	if (!err && fcntl(nl_fd(nl), F_SETFL, O_NONBLOCK))
		err = -errno;
	err = err ?: watch_fd(f, nl_fd(nl));
	close(fd);
	if (err) {
		nl_close(nl);
		return err;
	}
	f->w[f->nw++] = (struct watch){ .cookie = ns->cookie, .nl = nl };
	return 0;
}

int live_follow__track(struct live_follow *f, const struct live *live)
{
	int kept = 0, err = 0;

	for (int i = 0; i < f->nw; i++) {
		if (live_ns_by_cookie(live, f->w[i].cookie))
			f->w[kept++] = f->w[i];
		else
			nl_close(f->w[i].nl); /* closing also leaves the epoll set */
	}
	f->nw = kept;
	for (int i = 0; i < live->nns && !err; i++)
		if (!watched(f, live->ns[i].cookie))
			err = listen_in(f, &live->ns[i]);
	return err;
}

/* Read FD empty. 1 when anything was there (an overflow included), or -errno. */
static int drain_fd(int fd)
{
	char buf[8192];
	int got = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0 || (n < 0 && errno == ENOBUFS))
		got = 1;
	return n < 0 && errno != EAGAIN ? -errno : got;
}

static int arm(struct live_follow *f)
{
	struct itimerspec when = { .it_value.tv_nsec = SETTLE_NS };

	if (timerfd_settime(f->timer, 0, &when, NULL))
		return -errno;
	f->armed = true;
	return 0;
}

/* Note that the namespace of the socket FD notified. */
static int notified(struct live_follow *f, int fd)
{
	struct cookies *c = &f->pending;
	int i = 0, j = 0;

	while (i < f->nw && nl_fd(f->w[i].nl) != fd)
		i++;
	while (i < f->nw && j < c->n && c->v[j] != f->w[i].cookie)
		j++;
	if (i == f->nw || j < c->n)
		return 0; /* inotify, or noted already */
	if (grow_array((void **)&c->v, NULL, c->n, sizeof(*c->v)))
		return -ENOMEM;
	c->v[c->n++] = f->w[i].cookie;
	return 0;
}

/* The burst is over: what it noted is ready, the next one starts empty. */
static void settle(struct live_follow *f)
{
	struct cookies done = f->ready;

	f->ready = f->pending;
	f->pending = (struct cookies){ .v = done.v, .n = 0 };
	f->armed = false;
}

int live_follow__drain(struct live_follow *f)
{
	struct epoll_event ev[64];
	int n, got = 0, settled = 0, err = 0;

	while (!err && (n = epoll_wait(f->epfd, ev, 64, 0)) > 0)
		for (int i = 0; i < n && !err; i++) {
			int fd = ev[i].data.fd;

			err = drain_fd(fd);
			if (fd == f->timer)
				settled = err > 0;
			else
				got |= err > 0;
			err = err < 0 ? err : fd == f->timer ? 0 : notified(f, fd);
		}
	if (settled)
		settle(f);
	if (!err && got && !f->armed)
		err = arm(f);
	return err ? err : n < 0 ? -errno : settled;
}

void live_follow__destroy(struct live_follow *f)
{
	if (!f)
		return;
	for (int i = 0; i < f->nw; i++)
		nl_close(f->w[i].nl);
	if (f->inotify >= 0)
		close(f->inotify);
	if (f->timer >= 0)
		close(f->timer);
	if (f->epfd >= 0)
		close(f->epfd);
	free(f->w);
	free(f->pending.v);
	free(f->ready.v);
	free(f);
}

int live_follow__changed(const struct live_follow *f, const uint64_t **cookies)
{
	*cookies = f->ready.v;
	return f->ready.n;
}
