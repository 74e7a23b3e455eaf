// SPDX-License-Identifier: GPL-2.0
/* `down`: remove what `up` recorded, and only that. Each object is checked against its recorded
 * identity (namespace cookie; ifindex, name and kind) before it goes; the rollback of a failed `up`
 * uses the same path. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "build.h"
#include "build_int.h"
#include "netns.h"

static int netns_present(const struct state_obj *obj)
{
	uint64_t id = 0;
	int fd = netns_open(obj->name), err;

	if (fd == -ENOENT)
		return 0;
	if (fd < 0)
		return fd;
	err = netns_cookie(fd, &id);
	close(fd);
	if (err)
		return err;
	return id == obj->id ? 1 : -ESTALE;
}

static int link_present(struct nl *host, const struct state_obj *obj)
{
	const char *kind = obj->kind == STATE_BRIDGE ? "bridge" : "veth";
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
	int pending, removed, first_err;
};

static void undo_report(struct undo *u, int i, int ret)
{
	const struct state_obj *obj = &u->s->objs[i];

	u->fate[i] = 'd';
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
	struct undo u = { .host = host, .s = s, .cmd = cmd, .out = out, .err = err };
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
	if (id == s->hostns)
		return 0;
	if (err)
		fprintf(err, "nsviz %s: %s was built from another network namespace (net:[%llu]); "
			     "run this there\n", cmd, s->topo, (unsigned long long)s->hostns);
	return -EXDEV;
}

int build_down(const struct topo *t, bool *was_up, FILE *out, FILE *err)
{
	struct state *s = NULL;
	struct nl *host = NULL;
	int removed, ret;

	*was_up = false;
	ret = state_load(t->name, &s);
	if (ret == -ENOENT)
		return 0;
	if (ret) {
		fprintf(err, "nsviz down: read the record of %s: %s\n", t->name, strerror(-ret));
		return ret;
	}
	*was_up = true;
	ret = host_check(s, "down", err);
	if (ret)
		goto cleanup;
	ret = nl_open(-1, &host);
	if (ret) {
		fprintf(err, "nsviz down: open rtnetlink: %s\n", strerror(-ret));
		goto cleanup;
	}
	ret = build_undo(host, s, "down", &removed, out, err);
	if (!ret && (ret = state_remove(t->name)))
		fprintf(err, "nsviz down: remove the record of %s: %s\n", t->name, strerror(-ret));
cleanup:
	nl_close(host);
	state_free(s);
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

bool build_is_up(const struct topo *t)
{
	struct state *s = NULL;
	struct nl *host = NULL;
	bool up = false;

	if (state_load(t->name, &s) || !s->complete || nl_open(-1, &host))
		goto cleanup;
	up = build_all_present(host, s) == 0;
cleanup:
	nl_close(host);
	state_free(s);
	return up;
}
