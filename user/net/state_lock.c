// SPDX-License-Identifier: GPL-2.0
/* The lock that serializes everything that writes or removes one topology's record, and
 * `down --forget`, the way out of a record nsviz refuses to read. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state_int.h"

/* The lock file may have been removed (and another made) between our open and our flock; only
 * the one still at PATH counts. */
static bool still_linked(int fd, const char *path)
{
	struct stat a, b;

	return !fstat(fd, &a) && !stat(path, &b) && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static void say_waiting(int fd, const char *name, const char *cmd, FILE *err)
{
	char pid[16] = "";
	ssize_t n = pread(fd, pid, sizeof(pid) - 1, 0);

	pid[n > 0 ? n : 0] = '\0';
	pid[strspn(pid, "0123456789")] = '\0';
	fprintf(err, "nsviz %s: another nsviz%s%s%s is working on %s; waiting for it to finish\n",
		cmd, *pid ? " (pid " : "", pid, *pid ? ")" : "", name);
}

int state_lock(const char *name, const char *cmd, FILE *err)
{
	char path[PATH_MAX];
	int fd, ret = state_path(name, ".lock", path, sizeof(path));

	if (ret)
		return ret;
	ret = state_dir_make();
	if (ret < 0)
		return ret;
	for (bool said = false;; close(fd)) {
		fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
		if (fd < 0)
			return -errno;
		ret = flock(fd, LOCK_EX | LOCK_NB);
		if (ret && errno == EWOULDBLOCK) {
			if (!said)
				say_waiting(fd, name, cmd, err);
			said = true;
			ret = flock(fd, LOCK_EX);
		}
		if (ret) {
			ret = -errno;
			close(fd);
			return ret;
		}
		if (still_linked(fd, path))
			break;
	}
	if (ftruncate(fd, 0) == 0)
		dprintf(fd, "%d\n", (int)getpid());
	return fd;
}

void state_unlock(const char *name, int fd)
{
	char path[PATH_MAX];
	struct stat st;

	if (fd < 0)
		return;
	if (!state_path(name, ".state", path, sizeof(path)) && lstat(path, &st) &&
	    errno == ENOENT && !state_path(name, ".lock", path, sizeof(path)))
		unlink(path);
	close(fd);
}

#define SHOW_MAX 65536 /* bytes of a record shown by --forget; the rest is counted */

/* The record as it is, each line indented, bytes that are not printable as '?'. */
static void show_record(const char *path, const struct stat *st, FILE *out)
{
	char buf[SHOW_MAX];
	ssize_t n = -1;
	int fd = S_ISREG(st->st_mode) ? open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
				      : -1;

	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf));
		close(fd);
	}
	if (n < 0) {
		fprintf(out, "  (%s, not a record nsviz writes)\n", state_file_type(st->st_mode));
		return;
	}
	for (ssize_t i = 0; i < n; i++) {
		if (i == 0 || buf[i - 1] == '\n')
			fputs("  ", out);
		fputc(buf[i] == '\n' || isprint((unsigned char)buf[i]) ? buf[i] : '?', out);
	}
	if (n && buf[n - 1] != '\n')
		fputc('\n', out);
	if (st->st_size > n)
		fprintf(out, "  ... and %lld bytes more, not shown\n", (long long)(st->st_size - n));
}

int state_forget(const char *name, const char *cmd, FILE *out, FILE *err)
{
	char path[PATH_MAX];
	struct stat st;
	int ret = state_path(name, ".state", path, sizeof(path));

	if (!ret && lstat(path, &st))
		ret = -errno;
	if (ret)
		return ret;
	fprintf(out, "nsviz %s: forgetting %s, which lists:\n", cmd, path);
	show_record(path, &st, out);
	if (S_ISDIR(st.st_mode) ? rmdir(path) : unlink(path)) {
		ret = -errno;
		fprintf(err, "nsviz %s: remove %s: %s\n", cmd, path, strerror(-ret));
	}
	return ret;
}
