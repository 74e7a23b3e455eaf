// SPDX-License-Identifier: GPL-2.0
/* The ownership record's file, one line per fact (state_parse.c checks them on the way back):
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

#include "grow.h"
#include "state_int.h"

#define STATE_DIR "/run/nsviz"
/* Larger than any record `up` writes (a line per namespace, bridge and host veth end). */
#define STATE_MAX_BYTES (16 << 20)

static const char *kind_names[] = {
	[STATE_NETNS] = "netns",
	[STATE_BRIDGE] = "bridge",
	[STATE_LINK] = "link",
	[STATE_TAP] = "tap",
	[STATE_DUMMY] = "dummy",
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

const char *state_dir(void)
{
	return rundir;
}

int state_dir_make(void)
{
	if (!mkdir(state_dir(), 0755))
		return 1;
	return errno == EEXIST ? 0 : -errno;
}

int state_path(const char *name, const char *suffix, char *buf, size_t len)
{
	int n;

	if (!*name || strchr(name, '/') || name[0] == '.')
		return -EINVAL;
	n = snprintf(buf, len, "%s/%s%s", state_dir(), name, suffix);
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

int state_push(struct state *s, enum state_kind kind, const char *name, uint64_t id,
	       const char *peer)
{
	struct state_obj *objs;

	if (grow_array((void **)&s->objs, NULL, s->nobjs, sizeof(*s->objs)))
		return -ENOMEM;
	objs = s->objs;
	objs[s->nobjs] = (struct state_obj){ .kind = kind, .id = id };
	snprintf(objs[s->nobjs].name, sizeof(objs[s->nobjs].name), "%s", name);
	snprintf(objs[s->nobjs].peer, sizeof(objs[s->nobjs].peer), "%s", peer ? peer : "");
	s->nobjs++;
	return 0;
}

const char *state_file_type(mode_t mode)
{
	return S_ISDIR(mode) ? "a directory" : S_ISLNK(mode) ? "a symbolic link" :
	       S_ISFIFO(mode) ? "a FIFO" : S_ISSOCK(mode) ? "a socket" : "a device";
}

/* Only a regular file of a plausible size is read: a FIFO would block, a symlink point anywhere,
 * a huge file take memory. lstat first, so nothing else is even opened; fstat after, in case it
 * was swapped in between. *LEN: the bytes read. */
static int state_read(const char *path, char **text, size_t *len, char *why, size_t whylen)
{
	struct stat st;
	ssize_t n = -1;
	int fd;

	if (lstat(path, &st))
		return -errno;
	fd = S_ISREG(st.st_mode) ? open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
					   O_CLOEXEC) : -1;
	if (fd >= 0 && fstat(fd, &st))
		st.st_mode = 0;
	if (!S_ISREG(st.st_mode) || st.st_size > STATE_MAX_BYTES) {
		snprintf(why, whylen, "%s: is %s, not a record nsviz writes", path,
			 S_ISREG(st.st_mode) ? "larger than 16 MiB" : state_file_type(st.st_mode));
		if (fd >= 0)
			close(fd);
		return -EBADMSG;
	}
	if (fd < 0)
		return -errno;
	*text = malloc(st.st_size + 1);
	if (*text)
		n = read(fd, *text, st.st_size);
	close(fd);
	if (n < 0) {
		free(*text);
		return *text ? -errno : -ENOMEM;
	}
	(*text)[n] = '\0';
	*len = (size_t)n;
	return 0;
}

/* A NUL byte never comes from `up`; it would also hide the rest of its line from the parser. */
static int check_nul(const char *path, const char *text, size_t n, char *why, size_t whylen)
{
	const char *nul = memchr(text, '\0', n);
	int line = 1;

	if (!nul)
		return 0;
	for (const char *c = text; c < nul; c++)
		line += *c == '\n';
	snprintf(why, whylen, "%s:%d: a NUL byte", path, line);
	return -EBADMSG;
}

int state_load(const char *name, struct state **out, char *why, size_t whylen)
{
	char path[PATH_MAX], *text = NULL;
	struct state *s = NULL;
	size_t len = 0;
	int err = state_path(name, ".state", path, sizeof(path));

	snprintf(why, whylen, "%s", path);
	if (!err)
		err = state_read(path, &text, &len, why, whylen);
	if (!err)
		err = check_nul(path, text, len, why, whylen);
	if (!err)
		err = (s = state_new(name)) ? state_parse(s, path, text, why, whylen) : -ENOMEM;
	free(text);
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
	int err = state_path(name, ".state", path, sizeof(path));

	if (err)
		return err;
	err = state_dir_make();
	if (err < 0)
		return err;
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
	int err = state_path(name, ".state", path, sizeof(path));

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
