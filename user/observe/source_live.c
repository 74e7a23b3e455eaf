// SPDX-License-Identifier: GPL-2.0
/* Decorates a source: every call goes through to it, and the snapshot it hands out is a copy
 * whose interfaces carry their live state. The live network is read again when one of its
 * namespaces notifies a change (live_follow), or when the periodic /proc scan finds namespaces
 * come or gone; its fd and the inner source's are one epoll fd, so the caller's loop wakes for
 * both. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "live_follow.h"
#include "live_links.h"
#include "live_marks.h"
#include "source_live.h"
#include "why_run.h"

#define SCAN_PERIOD 1.0 /* seconds between /proc scans for process-held namespaces */

struct source_live {
	struct source src; /* first: it is its own source */
	struct source *inner;
	const struct topo *scope, *prev_scope; /* prev_scope: the scope before this change */
	const struct topo *declared; /* the file the live network is compared with, or NULL */
	source_live_event_fn on_event;
	void *ctx;
	source_live_change_fn on_change;
	void *change_ctx;
	bool unviewed; /* on_change failed: try again on the next tick */
	bool reshaped; /* the reading being made changes what is observed */
	const char *cmd;
	FILE *err;
	int epfd;
	struct live live;
	struct live_follow *follow;
	double scanned; /* when /proc was last scanned */
	bool stale;     /* links[] no longer says what live does */
	struct snap_iface *ifaces;
	int nifaces;
	struct snap_netns *netns;
	int nnetns;
	struct snap_route *routes;
	int nroutes;
	struct why_run why; /* the UI's `why` */
	struct snapshot snap;
};

static struct source_live *of(struct source *s)
{
	return (struct source_live *)s;
}

static bool host_port(const struct topo *t, const struct topo_end *e, const char *ifname)
{
	return e->kind == TOPO_OWNER_BRIDGE && t->bridges[e->owner].netns < 0 &&
	       !strcmp(e->ifname, ifname);
}

/* The host's interface IFNAME is a bridge or a bridge port of T. */
static bool host_iface_in(const struct topo *t, const char *ifname)
{
	for (int i = 0; i < t->nbridges; i++)
		if (t->bridges[i].netns < 0 && !strcmp(t->bridges[i].name, ifname))
			return true;
	for (int v = 0; v < t->nveths; v++)
		for (int j = 0; j < 2; j++)
			if (host_port(t, &t->veths[v].end[j], ifname))
				return true;
	for (int i = 0; i < t->nports; i++)
		if (host_port(t, &t->ports[i].end, ifname))
			return true;
	return false;
}

static bool in_scope(const struct topo *t, const struct live_event *e)
{
	if (e->ns->origin == LIVE_HOST)
		return e->obj == LIVE_OBJ_LINK && host_iface_in(t, e->link->l.name);
	for (int i = 0; i < t->nnetns; i++)
		if (!strcmp(t->netns[i].name, e->ns->name))
			return true;
	return false;
}

/* A change is in scope when it concerns the scope before or after it (a namespace removed from a
 * live view is in the one before only). */
static void on_diff(const struct live_event *e, void *ctx)
{
	struct source_live *sl = ctx;

	if (!sl->scope || in_scope(sl->scope, e) || (sl->prev_scope && in_scope(sl->prev_scope, e)))
		sl->on_event(e, sl->ctx);
}

/* What is observed follows FRESH (on_change): a failure is tried again on the next tick. */
static void view(struct source_live *sl, const struct live *fresh)
{
	const struct topo *scope = NULL;

	sl->unviewed = false;
	if (!sl->on_change)
		return;
	if (sl->on_change(fresh, &scope, sl->change_ctx)) {
		sl->unviewed = true;
		return;
	}
	sl->stale = true; /* other interfaces: their live state is looked up again */
	sl->prev_scope = sl->scope && scope ? sl->scope : NULL;
	sl->scope = sl->scope && scope ? scope : sl->scope;
}

/* A change that may change what is observed: a namespace or link come or gone, a link renamed,
 * moved to another bridge, given other addresses (the view's own). A link set down, a route or
 * forwarding is only live state: the view stays, and no point is looked for again. */
static void note_shape(const struct live_event *e, void *ctx)
{
	static const char *const shaping[] = { "name", "master", "addrs" };
	struct source_live *sl = ctx;

	if (e->obj == LIVE_OBJ_ROUTE)
		return;
	sl->reshaped |= e->op != LIVE_CHANGE;
	for (size_t i = 0; e->op == LIVE_CHANGE && i < sizeof(shaping) / sizeof(*shaping); i++)
		sl->reshaped |= !strcmp(e->field, shaping[i]);
}

/* Read again the namespaces in CHANGED (N cookies) and the new ones, tell what changed, follow
 * it, and listen in the namespaces it now has. */
static int reread(struct source_live *sl, const uint64_t *changed, int n)
{
	struct live fresh = { 0 };
	int rc = live_rediscover(&fresh, &sl->live, changed, n, sl->err);

	if (rc)
		return rc;
	sl->reshaped = false;
	rc = sl->on_change ? live_diff(&sl->live, &fresh, note_shape, sl) : 0;
	if (!rc && sl->reshaped)
		view(sl, &fresh);
	rc = rc ?: sl->on_event ? live_diff(&sl->live, &fresh, on_diff, sl) : 0;
	if (rc) {
		fprintf(sl->err, "nsviz %s: the live network: %s\n", sl->cmd, strerror(-rc));
		live_free(&fresh);
		return rc;
	}
	live_free(&sl->live);
	sl->live = fresh;
	sl->stale = true;
	rc = live_follow__track(sl->follow, &sl->live);
	if (rc)
		fprintf(sl->err, "nsviz %s: follow the live network: %s\n", sl->cmd, strerror(-rc));
	return rc;
}

static int sl_fd(struct source *s)
{
	return of(s)->epfd;
}

static int sl_consume(struct source *s)
{
	struct source_live *sl = of(s);
	int rc = sl->inner->ops->consume(sl->inner), changed;
	const uint64_t *cookies;

	if (rc)
		return rc;
	changed = live_follow__drain(sl->follow);
	if (changed < 0)
		fprintf(sl->err, "nsviz %s: follow the live network: %s\n", sl->cmd,
			strerror(-changed));
	if (changed <= 0)
		return changed;
	changed = live_follow__changed(sl->follow, &cookies);
	return reread(sl, cookies, changed);
}

/* Namespaces held by processes come and go without a notification. */
static int scan(struct source_live *sl, double now)
{
	struct live found = { 0 };
	bool same;
	int rc;

	if (now - sl->scanned < SCAN_PERIOD)
		return 0;
	sl->scanned = now;
	rc = live_scan(&found, sl->err);
	if (rc)
		return rc;
	same = live_same_namespaces(&sl->live, &found);
	live_free(&found);
	return same ? 0 : reread(sl, NULL, 0);
}

static int sl_tick(struct source *s, double now)
{
	struct source_live *sl = of(s);
	int rc = sl->inner->ops->tick(sl->inner, now);

	if (!rc && sl->unviewed)
		view(sl, &sl->live);
	return rc ?: sl_consume(s) ?: scan(sl, now);
}

/* The inner snapshot's interfaces, copied with their live state (looked up again only when the
 * live network or the interfaces changed). */
static const struct snapshot *sl_snapshot(struct source *s)
{
	struct source_live *sl = of(s);
	const struct snapshot *in = sl->inner->ops->snapshot(sl->inner);
	struct snap_iface *ifs = sl->ifaces;
	bool stale;

	sl->snap = *in;
	if (in->nifaces != sl->nifaces) {
		ifs = realloc(sl->ifaces, (in->nifaces + 1) * sizeof(*ifs));
		if (!ifs)
			return in; /* no live state this once, rather than no snapshot */
		sl->ifaces = ifs;
		sl->stale = true;
	}
	if (sl->stale && in->topo &&
	    live_netns_fill(&sl->live, in->topo, &sl->netns, &sl->nnetns, &sl->routes, &sl->nroutes))
		sl->nnetns = sl->nroutes = 0; /* out of memory: no namespaces this once */
	for (int i = 0; i < in->nifaces; i++) {
		struct snap_link link = ifs[i].link;

		ifs[i] = in->ifaces[i];
		if (sl->stale || i >= sl->nifaces)
			live_link_fill(&sl->live, ifs[i].netns, ifs[i].ifname, &link);
		ifs[i].link = link;
	}
	stale = sl->stale;
	sl->nifaces = in->nifaces;
	sl->stale = false;
	/* Out of memory: no marks this once. */
	if (stale && sl->declared)
		live_marks_fill(sl->declared, &sl->live, ifs, sl->nifaces, sl->netns, sl->nnetns);
	sl->snap.ifaces = ifs;
	sl->snap.netns = sl->netns;
	sl->snap.nnetns = sl->nnetns;
	sl->snap.routes = sl->routes;
	sl->snap.nroutes = sl->nroutes;
	/* Read here, not on the tick: the UI redraws while a why runs (view_why), so its answer
	 * shows as soon as it is printed, whatever --interval is. */
	why_run_poll(&sl->why);
	sl->snap.why = why_run_result(&sl->why);
	return &sl->snap;
}

void source_live_expect(struct source *s, const struct topo *declared)
{
	of(s)->declared = declared;
	of(s)->stale = true;
}

static int sl_ping(struct source *s, const char *from, const char *to, int count)
{
	struct source *in = of(s)->inner;

	return in->ops->ping ? in->ops->ping(in, from, to, count) : -ENOTSUP;
}

static int sl_why(struct source *s, const char *from, const char *dest)
{
	return why_run_start(&of(s)->why, from, dest);
}

static void sl_destroy(struct source *s)
{
	struct source_live *sl = of(s);

	why_run_stop(&sl->why);
	if (sl->inner)
		sl->inner->ops->destroy(sl->inner);
	live_follow__destroy(sl->follow);
	live_free(&sl->live);
	if (sl->epfd >= 0)
		close(sl->epfd);
	free(sl->ifaces);
	free(sl->netns);
	free(sl->routes);
	free(sl);
}

static const struct source_ops sl_ops = {
	.fd = sl_fd,
	.consume = sl_consume,
	.tick = sl_tick,
	.snapshot = sl_snapshot,
	.ping = sl_ping,
	.why = sl_why,
	.destroy = sl_destroy,
};

static int watch_fd(int epfd, int fd)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };

	return fd < 0 || !epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) ? 0 : -errno;
}

static int open_follow(struct source_live *sl)
{
	int rc;

	sl->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (sl->epfd < 0)
		return -errno;
	rc = live_follow__open(&sl->follow);
	if (!rc)
		rc = live_follow__track(sl->follow, &sl->live);
	if (!rc)
		rc = watch_fd(sl->epfd, sl->inner->ops->fd(sl->inner));
	if (!rc)
		rc = watch_fd(sl->epfd, live_follow__fd(sl->follow));
	return rc;
}

void source_live_on_change(struct source *s, source_live_change_fn fn, void *ctx)
{
	of(s)->on_change = fn;
	of(s)->change_ctx = ctx;
}

struct source *source_live_new(struct source *inner, const struct topo *scope,
			       source_live_event_fn on_event, void *ctx, const char *cmd, FILE *err)
{
	struct source_live *sl = calloc(1, sizeof(*sl));
	int rc;

	if (!sl) {
		fprintf(err, "nsviz %s: the live network: %s\n", cmd, strerror(ENOMEM));
		inner->ops->destroy(inner);
		return NULL;
	}
	*sl = (struct source_live){ .src.ops = &sl_ops, .inner = inner, .scope = scope,
				    .on_event = on_event, .ctx = ctx, .cmd = cmd, .err = err,
				    .epfd = -1, .stale = true };
	why_run_init(&sl->why);
	rc = live_discover(&sl->live, err);
	if (rc) {
		sl_destroy(&sl->src);
		return NULL;
	}
	rc = open_follow(sl);
	if (rc) {
		fprintf(err, "nsviz %s: follow the live network: %s\n", cmd, strerror(-rc));
		sl_destroy(&sl->src);
		return NULL;
	}
	return &sl->src;
}
