// SPDX-License-Identifier: GPL-2.0
/* `down`: remove what `up` recorded, and only that. Each object is checked against its recorded
 * identity (namespace inode; ifindex, name and kind) before it goes; the rollback of a failed `up`
 * uses the same path. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "build_int.h"
#include "netns.h"

int build_ns_inode(int nsfd, uint64_t *ino)
{
	struct stat st;

	if (fstat(nsfd, &st))
		return -errno;
	*ino = st.st_ino;
	return 0;
}

static int netns_present(const struct state_obj *obj)
{
	uint64_t ino = 0;
	int fd = netns_open(obj->name), err;

	if (fd == -ENOENT)
		return 0;
	if (fd < 0)
		return fd;
	err = build_ns_inode(fd, &ino);
	close(fd);
	if (err)
		return err;
	return ino == obj->id ? 1 : -ESTALE;
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

int build_undo(struct nl *host, const struct state *s, const char *cmd, int *removed, FILE *out,
	       FILE *err)
{
	int first = 0;

	*removed = 0;
	for (int i = s->nobjs - 1; i >= 0; i--) {
		const struct state_obj *obj = &s->objs[i];
		int ret = undo_obj(host, obj);

		if (ret == -ESTALE) {
			fprintf(err, "nsviz %s: leaving netns %s: it was replaced by one nsviz did not "
				     "create\n", cmd, obj->name);
			continue;
		}
		if (ret < 0) {
			fprintf(err, "nsviz %s: remove %s %s: %s\n", cmd, state_kind_name(obj->kind),
				obj->name, strerror(-ret));
			first = first ? first : ret;
			continue;
		}
		if (ret == 0)
			continue;
		(*removed)++;
		if (out)
			fprintf(out, "removed %s %s\n", state_kind_name(obj->kind), obj->name);
	}
	return first;
}

int build_host_inode(uint64_t *ino)
{
	int fd = netns_open(NULL), ret;

	if (fd < 0)
		return fd;
	ret = build_ns_inode(fd, ino);
	close(fd);
	return ret;
}

/* Links are recorded by ifindex, which only means something in the namespace they were made in. */
static int host_check(const struct state *s, const char *cmd, FILE *err)
{
	uint64_t ino = 0;
	int ret = build_host_inode(&ino);

	if (ret)
		return ret;
	if (ino == s->hostns)
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
