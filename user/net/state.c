// SPDX-License-Identifier: GPL-2.0
/* The ownership record, one line per fact:
 *     hostns COOKIE         the namespace the bridges and host veth ends were made in
 *     netns NAME COOKIE | bridge NAME IFINDEX | link NAME IFINDEX PEER_NETNS_OR_-
 *     up                    `up` finished
 * Each line goes to disk with one append, so a record cut short by a kill is still usable; a last
 * line without its newline was being written when the writer died and is ignored. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state.h"

#define STATE_DIR "/run/nsviz"

static const char *kind_names[] = {
	[STATE_NETNS] = "netns",
	[STATE_BRIDGE] = "bridge",
	[STATE_LINK] = "link",
};

const char *state_kind_name(enum state_kind kind)
{
	return kind_names[kind];
}

static const char *rundir = STATE_DIR;

void state_set_dir(const char *dir)
{
	rundir = dir ? dir : STATE_DIR;
}

static const char *state_dir(void)
{
	return rundir;
}

static int state_path(const char *name, char *buf, size_t len)
{
	int n;

	if (!*name || strchr(name, '/') || name[0] == '.')
		return -EINVAL;
	n = snprintf(buf, len, "%s/%s.state", state_dir(), name);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static struct state *state_new(const char *name)
{
	struct state *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	snprintf(s->topo, sizeof(s->topo), "%s", name);
	s->fd = -1;
	return s;
}

static int state_push(struct state *s, enum state_kind kind, const char *name, uint64_t id,
		      const char *peer)
{
	struct state_obj *objs = realloc(s->objs, (s->nobjs + 1) * sizeof(*objs));

	if (!objs)
		return -ENOMEM;
	s->objs = objs;
	objs[s->nobjs] = (struct state_obj){ .kind = kind, .id = id };
	snprintf(objs[s->nobjs].name, sizeof(objs[s->nobjs].name), "%s", name);
	snprintf(objs[s->nobjs].peer, sizeof(objs[s->nobjs].peer), "%s", peer ? peer : "");
	s->nobjs++;
	return 0;
}

static int state_parse_line(struct state *s, const char *line)
{
	char word[16], name[TOPO_NETNS_MAX + 2], peer[TOPO_NETNS_MAX + 2] = "-";
	uint64_t id;
	int n;

	if (!strcmp(line, "up")) {
		s->complete = true;
		return 0;
	}
	if (sscanf(line, "hostns %" SCNu64, &s->hostns) == 1)
		return 0;
	n = sscanf(line, "%15s %65s %" SCNu64 " %65s", word, name, &id, peer);
	if (n < 3 || strlen(name) > TOPO_NETNS_MAX || strlen(peer) > TOPO_NETNS_MAX)
		return -EINVAL;
	for (size_t k = 0; k < sizeof(kind_names) / sizeof(kind_names[0]); k++)
		if (!strcmp(word, kind_names[k]) && (n == 4) == (k == STATE_LINK))
			return state_push(s, (enum state_kind)k, name, id,
					  strcmp(peer, "-") ? peer : NULL);
	return -EINVAL;
}

static int state_parse(struct state *s, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int err = 0;

	while (!err && (n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] != '\n')
			break; /* cut short by a kill */
		line[n - 1] = '\0';
		err = state_parse_line(s, line);
	}
	free(line);
	return err;
}

int state_load(const char *name, struct state **out)
{
	char path[PATH_MAX];
	struct state *s;
	FILE *f;
	int err = state_path(name, path, sizeof(path));

	if (err)
		return err;
	f = fopen(path, "re");
	if (!f)
		return -errno;
	s = state_new(name);
	err = s ? state_parse(s, f) : -ENOMEM;
	fclose(f);
	if (err) {
		state_free(s);
		return err;
	}
	*out = s;
	return 0;
}

static int state_write(struct state *s, const char *line)
{
	size_t len = strlen(line);
	ssize_t n = write(s->fd, line, len);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int state_begin(const char *name, uint64_t hostns, struct state **out)
{
	char path[PATH_MAX], line[64];
	struct state *s;
	int err = state_path(name, path, sizeof(path));

	if (err)
		return err;
	if (mkdir(state_dir(), 0755) && errno != EEXIST)
		return -errno;
	s = state_new(name);
	if (!s)
		return -ENOMEM;
	s->hostns = hostns;
	s->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
	if (s->fd < 0) {
		err = -errno;
		goto cleanup;
	}
	snprintf(line, sizeof(line), "hostns %" PRIu64 "\n", hostns);
	err = state_write(s, line);
	if (err)
		unlink(path);
cleanup:
	if (err) {
		state_free(s);
		return err;
	}
	*out = s;
	return 0;
}

int state_add(struct state *s, enum state_kind kind, const char *name, uint64_t id,
	      const char *peer)
{
	char line[256];
	int err;

	if (kind == STATE_LINK)
		snprintf(line, sizeof(line), "%s %s %" PRIu64 " %s\n", kind_names[kind], name, id,
			 peer && *peer ? peer : "-");
	else
		snprintf(line, sizeof(line), "%s %s %" PRIu64 "\n", kind_names[kind], name, id);
	err = state_push(s, kind, name, id, peer);
	if (!err && (err = state_write(s, line)))
		s->nobjs--;
	return err;
}

int state_commit(struct state *s)
{
	int err = state_write(s, "up\n");

	if (!err)
		s->complete = true;
	return err;
}

int state_remove(const char *name)
{
	char path[PATH_MAX];
	int err = state_path(name, path, sizeof(path));

	if (err)
		return err;
	return unlink(path) ? -errno : 0;
}

void state_free(struct state *s)
{
	if (!s)
		return;
	if (s->fd >= 0)
		close(s->fd);
	free(s->objs);
	free(s);
}
