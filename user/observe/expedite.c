// SPDX-License-Identifier: GPL-2.0
/* rcu_expedited for a burst of tcx links, and its owner's mark (expedite.h says why). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "expedite.h"
#include "state.h"

#define KNOB "/sys/kernel/rcu_expedited"
#define MARK "rcu_expedited"

/* The knob's value: '0', '1', or 0 when it cannot be read. */
static char knob_read(void)
{
	char c = 0;
	int fd = open(KNOB, O_RDONLY | O_CLOEXEC);

	if (fd >= 0 && read(fd, &c, 1) != 1)
		c = 0;
	if (fd >= 0)
		close(fd);
	return c;
}

static bool knob_write(char c)
{
	int fd = open(KNOB, O_WRONLY | O_CLOEXEC);
	bool done = fd >= 0 && write(fd, &c, 1) == 1;

	if (fd >= 0)
		close(fd);
	return done;
}

static bool mark_path(char *path, size_t len)
{
	return snprintf(path, len, "%s/%s", state_dir(), MARK) < (int)len;
}

/* The mark at PATH, opened with FLAGS and locked: its fd, or -1 when there is none, it cannot be
 * made, or another nsviz holds it. A mark unlinked by its last owner while this one waited for
 * its lock is not the mark any more: -1. */
static int mark_lock(const char *path, int flags)
{
	struct stat a, b;
	int fd = open(path, O_RDWR | O_CLOEXEC | flags, 0644);

	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) || fstat(fd, &a) || stat(path, &b) || a.st_ino != b.st_ino ||
	    a.st_dev != b.st_dev) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Unlinked while locked: the file is there only during a burst, or after one cut short. The
 * state directory goes too if it was made for the mark (UNMAKE_DIR), so observing a network
 * nsviz did not build leaves nothing under /run; rmdir leaves it if anything else is in it (an
 * nsviz that made it an instant before, and has yet to open its file there, sees ENOENT). */
static void mark_drop(const char *path, int fd, bool unmake_dir)
{
	unlink(path);
	close(fd);
	if (unmake_dir)
		rmdir(state_dir());
}

static bool mark_says_on(int fd)
{
	char buf[2] = { 0 };

	return pread(fd, buf, 2, 0) == 2 && !memcmp(buf, "on", 2);
}

static bool mark_set(int fd, bool on)
{
	if (ftruncate(fd, 0))
		return false;
	return !on || pwrite(fd, "on\n", 3, 0) == 3;
}

/* Off, and the mark cleared, if the mark (locked: its owner is gone) says a burst left it on. */
static void off_if_left(int fd)
{
	if (mark_says_on(fd) && (knob_read() != '1' || knob_write('0')))
		mark_set(fd, false);
}

void expedite_begin(struct expedite *e)
{
	char path[4096];
	int fd, made;

	if (e->off || e->lock_fd >= 0 || !mark_path(path, sizeof(path)))
		return;
	made = state_dir_make();
	if (made < 0)
		return;
	e->made_dir = made;
	fd = mark_lock(path, O_CREAT);
	if (fd < 0) {
		if (e->made_dir)
			rmdir(state_dir());
		return;
	}
	off_if_left(fd);
	/* The mark first: a kill between the two leaves a mark the next sweep clears. */
	if (knob_read() == '0' && mark_set(fd, true) && knob_write('1')) {
		e->lock_fd = fd;
		return;
	}
	mark_drop(path, fd, e->made_dir);
}

void expedite_end(struct expedite *e)
{
	char path[4096];

	if (e->lock_fd < 0)
		return;
	if (knob_write('0') && mark_path(path, sizeof(path)))
		mark_drop(path, e->lock_fd, e->made_dir);
	else
		close(e->lock_fd);
	e->lock_fd = -1;
}

void expedite_sweep(void)
{
	char path[4096];
	int fd = mark_path(path, sizeof(path)) ? mark_lock(path, 0) : -1;

	if (fd < 0)
		return;
	off_if_left(fd);
	if (!mark_says_on(fd))
		mark_drop(path, fd, true);
	else
		close(fd);
}
