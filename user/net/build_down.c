// SPDX-License-Identifier: GPL-2.0
/* `down`: remove what `up` recorded, and only that. Each object is checked against its recorded
 * identity (namespace cookie; ifindex, name and kind) before it goes; the rollback of a failed `up`
 * uses the same path. */
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "build_int.h"
#include "clock.h"
#include "netns.h"

static int netns_present(const struct state_obj *obj)
{
	struct stat st;
	uint64_t id = 0;
	int fd = netns_open(obj->name), err;

	if (fd == -ENOENT)
		return 0;
	if (fd < 0)
		return fd;
	err = netns_cookie(fd, &id);
	/* Not a namespace but an empty file: the placeholder of a name `up` recorded and was killed
	 * before it mounted the namespace on it. */
	if (err == -EINVAL && !fstat(fd, &st) && S_ISREG(st.st_mode) && !st.st_size)
		err = 1;
	close(fd);
	if (err)
		return err;
	return id == obj->id ? 1 : -ESTALE;
}

static int link_present(struct nl *host, const struct state_obj *obj)
{
	/* The kind the kernel reports for each (a tap is a "tun"). */
	static const char *const kinds[STATE_KINDS] = { [STATE_BRIDGE] = "bridge",
		[STATE_LINK] = "veth", [STATE_TAP] = "tun", [STATE_DUMMY] = "dummy" };
	const char *kind = kinds[obj->kind];
	struct nl_link l;
	int err = nl_link_get(host, (int)obj->id, NULL, &l);

	if (err == -ENODEV)
		return 0; /* its ifindex is free: gone, whatever now has its name is not ours */
	if (err)
		return err;
	return !strcmp(l.name, obj->name) && !strcmp(l.kind, kind) ? 1 : 0;
}

static int obj_present(struct nl *host, const struct state_obj *obj)
{
	return obj->kind == STATE_NETNS ? netns_present(obj) : link_present(host, obj);
}

/* Deleting a host veth end costs the kernel a grace period each (~25 ms); deleting the namespace
 * of its peer takes it along, in a batch with every other namespace deleted at the same time. So
 * namespaces go first, then nsviz waits for their host ends to vanish, then removes the rest. */
#define UNDO_IDLE_MS 5000 /* no link vanished for this long: delete the stragglers one by one */

struct undo {
	struct nl *host;
	const struct state *s;
	const char *cmd;
	FILE *out, *err;
	char *fate; /* per object: 0 to do, 'p' to go with its namespace, 'd' done */
	int pending, removed, done, first_err;
	bool progress;       /* no OUT, ERR a terminal: count there instead */
	uint64_t shown_ns; /* when the count was last shown (monotonic) */
};

#define PROGRESS_NS 100000000 /* the count is redrawn at most ten times a second */

/* "removing seed: 40 of 1000 objects", redrawn in place; a newline when all are done. */
static void undo_progress(struct undo *u)
{
	uint64_t now = mono_now_ns();
	bool last = u->done == u->s->nobjs;

	if (!last && now - u->shown_ns < PROGRESS_NS)
		return;
	u->shown_ns = now;
	fprintf(u->err, "\rnsviz %s: removing %s: %d of %d objects%s", u->cmd, u->s->topo, u->done,
		u->s->nobjs, last ? "\n" : "");
	fflush(u->err);
}

static void undo_report(struct undo *u, int i, int ret)
{
	const struct state_obj *obj = &u->s->objs[i];

	u->fate[i] = 'd';
	u->done++;
	if (ret == -ESTALE) {
		fprintf(u->err, "nsviz %s: leaving netns %s: it was replaced by one nsviz did not "
				"create\n", u->cmd, obj->name);
	} else if (ret < 0) {
		fprintf(u->err, "nsviz %s: remove %s %s: %s\n", u->cmd, state_kind_name(obj->kind),
			obj->name, strerror(-ret));
		u->first_err = u->first_err ? u->first_err : ret;
	} else if (ret > 0) {
		u->removed++;
		if (u->out)
			fprintf(u->out, "removed %s %s\n", state_kind_name(obj->kind), obj->name);
	}
	if (u->progress)
		undo_progress(u);
}

/* 1 removed, 0 gone already, -ESTALE replaced, other -errno. */
static int undo_obj(struct nl *host, const struct state_obj *obj)
{
	int err = obj_present(host, obj);

	if (err <= 0)
		return err;
	if (obj->kind == STATE_NETNS)
		err = netns_delete(obj->name);
	else
		err = nl_link_del(host, (int)obj->id);
	return err ? err : 1;
}

/* Host ends whose peer is in namespace NAME, still there: they will go with it. */
static void undo_expect(struct undo *u, const char *name)
{
	for (int i = 0; i < u->s->nobjs; i++) {
		const struct state_obj *obj = &u->s->objs[i];

		if (obj->kind == STATE_LINK && !u->fate[i] && !strcmp(obj->peer, name) &&
		    link_present(u->host, obj) == 1) {
			u->fate[i] = 'p';
			u->pending++;
		}
	}
}

static void undo_vanished(struct undo *u, int ifindex)
{
	for (int i = 0; i < u->s->nobjs; i++) {
		if (u->fate[i] == 'p' && u->s->objs[i].id == (uint64_t)ifindex) {
			u->pending--;
			undo_report(u, i, 1);
		}
	}
}

static void on_link_event(const struct nl_link *l, bool gone, void *ctx)
{
	if (gone)
		undo_vanished(ctx, l->ifindex);
}

static void undo_wait(struct undo *u, struct nl *mon)
{
	int n;

	while (u->pending > 0 && (n = nl_link_events(mon, UNDO_IDLE_MS, on_link_event, u))) {
		if (n != -ENOBUFS && n < 0)
			return;
		for (int i = 0; n == -ENOBUFS && i < u->s->nobjs; i++) /* missed some: look */
			if (u->fate[i] == 'p' && !link_present(u->host, &u->s->objs[i]))
				undo_vanished(u, (int)u->s->objs[i].id);
	}
}

int build_undo(struct nl *host, const struct state *s, const char *cmd, int *removed, FILE *out,
	       FILE *err)
{
	struct undo u = { .host = host, .s = s, .cmd = cmd, .out = out, .err = err,
			  .progress = !out && err && isatty(fileno(err)) };
	struct nl *mon = NULL;

	u.fate = calloc(s->nobjs + 1, 1);
	if (!u.fate)
		return -ENOMEM;
	/* Without notifications the host ends are simply deleted one by one below. */
	if (!nl_open(-1, &mon) && nl_watch_links(mon)) {
		nl_close(mon);
		mon = NULL;
	}
	for (int i = s->nobjs - 1; i >= 0; i--) {
		if (s->objs[i].kind != STATE_NETNS)
			continue;
		if (mon && netns_present(&s->objs[i]) == 1)
			undo_expect(&u, s->objs[i].name);
		undo_report(&u, i, undo_obj(host, &s->objs[i]));
	}
	if (mon)
		undo_wait(&u, mon);
	for (int i = s->nobjs - 1; i >= 0; i--)
		if (u.fate[i] != 'd')
			undo_report(&u, i, undo_obj(host, &s->objs[i]));
	*removed = u.removed;
	nl_close(mon);
	free(u.fate);
	return u.first_err;
}

/* Links are recorded by ifindex, which only means something in the namespace they were made in. */
static int host_check(const struct state *s, const char *cmd, FILE *err)
{
	uint64_t id = 0;
	int ret = netns_cookie(-1, &id);

	if (ret)
		return ret;
	if (id == s->hostns || !s->nobjs) /* nothing made yet (killed before the first object) */
		return 0;
	if (err)
		fprintf(err, "nsviz %s: %s was built from another network namespace (net:[%llu]); "
			     "run this there\n", cmd, s->topo, (unsigned long long)s->hostns);
	return -EXDEV;
}

int build_load(const char *name, const char *cmd, struct state **s, FILE *err)
{
	char why[PATH_MAX + 256];
	int ret = state_load(name, s, why, sizeof(why));

	if (ret == -EBADMSG)
		fprintf(err, "nsviz %s: %s; nothing changed. If nsviz did not write this, "
			     "`nsviz down --forget %s` removes the record only, after showing what "
			     "it lists\n", cmd, why, name);
	else if (ret && ret != -ENOENT)
		fprintf(err, "nsviz %s: read %s: %s\n", cmd, why, strerror(-ret));
	return ret;
}

static int down_locked(const struct topo *t, const char *cmd, bool *was_up, FILE *out,
		       FILE *err)
{
	struct state *s = NULL;
	struct nl *host = NULL;
	int removed, ret = build_load(t->name, cmd, &s, err);

	if (ret)
		return ret == -ENOENT ? 0 : ret;
	*was_up = true;
	ret = host_check(s, cmd, err);
	if (ret)
		goto cleanup;
	ret = nl_open(-1, &host);
	if (ret) {
		fprintf(err, "nsviz %s: open rtnetlink: %s\n", cmd, strerror(-ret));
		goto cleanup;
	}
	ret = build_undo(host, s, cmd, &removed, out, err);
	if (!ret && (ret = state_remove(t->name)))
		fprintf(err, "nsviz %s: remove the record of %s: %s\n", cmd, t->name, strerror(-ret));
cleanup:
	nl_close(host);
	state_free(s);
	return ret;
}

int build_down(const struct topo *t, const char *cmd, bool *was_up, FILE *out, FILE *err)
{
	int ret, lock = state_lock(t->name, cmd, err);

	*was_up = false;
	if (lock < 0) {
		fprintf(err, "nsviz %s: lock the record of %s: %s\n", cmd, t->name, strerror(-lock));
		return lock;
	}
	/* Once begun, a teardown finishes: closing the terminal (SIGHUP), Ctrl-C or a plain kill
	 * would leave it half-removed. Nothing runs after it, so the signals stay ignored. */
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	ret = down_locked(t, cmd, was_up, out, err);
	state_unlock(t->name, lock);
	return ret;
}

/* Every recorded object is still there: what `up` checks before saying "already up". */
int build_all_present(struct nl *host, const struct state *s)
{
	int ret = host_check(s, "up", NULL);

	if (ret)
		return ret;
	for (int i = 0; i < s->nobjs; i++) {
		int ret = obj_present(host, &s->objs[i]);

		if (ret <= 0)
			return ret ? ret : -ENOENT;
	}
	return 0;
}

/* Observers need the objects, not our record of building them: a network made with plain `ip`
 * commands that the file describes is up as well. A missing interface is reported by the probes,
 * by name. A bad record is refused rather than ignored (it says the names may be someone else's). */
int build_is_up(const struct topo *t, const char *cmd, FILE *err)
{
	struct state *s = NULL;
	int ret = build_load(t->name, cmd, &s, err);

	state_free(s);
	if (ret && ret != -ENOENT)
		return ret;
	for (int i = 0; i < t->nnetns; i++)
		if (!netns_exists(t->netns[i].name))
			return 0;
	for (int i = 0; i < t->nbridges; i++) /* one inside a namespace: that namespace exists */
		if (t->bridges[i].netns < 0 && !if_nametoindex(t->bridges[i].name))
			return 0;
	return 1;
}
