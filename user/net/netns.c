// SPDX-License-Identifier: GPL-2.0
/* Named network namespaces the way iproute2's `ip netns add` makes them: /run/netns is a shared
 * mount, and each namespace is kept alive by a bind mount of its nsfs inode on /run/netns/NAME,
 * so `ip netns list/exec` see ours and we see theirs. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netns.h"

#define NETNS_RUN_DIR "/run/netns"
#define SELF_NET "/proc/thread-self/ns/net"

/* NAME is one path component: whatever a caller got it from, nothing outside /run/netns. */
static int netns_path(const char *name, char *buf, size_t len)
{
	int n;

	if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return -EINVAL;
	n = snprintf(buf, len, "%s/%s", NETNS_RUN_DIR, name);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* Make /run/netns a shared mount point so namespace mounts propagate to every mount namespace
 * (ip netns exec runs in its own); bind it onto itself first when it is not a mount point. */
static int netns_prepare_rundir(void)
{
	if (mkdir(NETNS_RUN_DIR, 0755) && errno != EEXIST)
		return -errno;
	if (!mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL))
		return 0;
	if (errno != EINVAL)
		return -errno;
	if (mount(NETNS_RUN_DIR, NETNS_RUN_DIR, "none", MS_BIND | MS_REC, NULL))
		return -errno;
	if (mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL))
		return -errno;
	return 0;
}

struct netns_new {
	const char *path;
	int (*record)(void *ctx);
	void *ctx;
};

/* Runs on its own thread: the new namespace becomes that thread's, never the caller's. It is
 * recorded before its name appears under /run/netns, so a kill at any point leaves nothing, or
 * a name `down` knows (mounted, or still an empty placeholder). */
static void *netns_mount_new(void *arg)
{
	struct netns_new *n = arg;
	intptr_t err = unshare(CLONE_NEWNET) ? -errno : n->record(n->ctx);
	int fd;

	if (err)
		return (void *)err;
	fd = open(n->path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (fd < 0)
		return (void *)(intptr_t)-errno;
	close(fd);
	if (mount(SELF_NET, n->path, "none", MS_BIND, NULL)) {
		err = -errno;
		unlink(n->path);
	}
	return (void *)err;
}

int netns_create(const char *name, int (*record)(void *ctx), void *ctx)
{
	char path[PATH_MAX];
	struct netns_new n = { .path = path, .record = record, .ctx = ctx };
	pthread_t thread;
	void *ret;
	int err;

	err = netns_path(name, path, sizeof(path)) ?: netns_prepare_rundir();
	if (err)
		return err;
	err = -pthread_create(&thread, NULL, netns_mount_new, &n);
	if (!err && !(err = -pthread_join(thread, &ret)))
		err = (int)(intptr_t)ret;
	return err;
}

int netns_delete(const char *name)
{
	char path[PATH_MAX];
	int err = netns_path(name, path, sizeof(path));

	if (err)
		return err;
	/* Not mounted (a half-made entry) is fine: the file still has to go. */
	if (umount2(path, MNT_DETACH) && errno != EINVAL && errno != ENOENT)
		return -errno;
	return unlink(path) ? -errno : 0;
}

bool netns_exists(const char *name)
{
	char path[PATH_MAX];
	struct stat st;

	return !netns_path(name, path, sizeof(path)) && !lstat(path, &st);
}

int netns_open(const char *name)
{
	char path[PATH_MAX];
	int fd, err;

	if (!name)
		fd = open(SELF_NET, O_RDONLY | O_CLOEXEC);
	else if ((err = netns_path(name, path, sizeof(path))))
		return err;
	else
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC); /* a FIFO there: no hang */
	return fd < 0 ? -errno : fd;
}

int netns_open_at(const char *name, const char *path)
{
	int fd;

	if (!*path)
		return netns_open(name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int netns_enter(int nsfd, int *saved)
{
	int self = open(SELF_NET, O_RDONLY | O_CLOEXEC);

	if (self < 0)
		return -errno;
	if (setns(nsfd, CLONE_NEWNET)) {
		int err = -errno;

		close(self);
		return err;
	}
	*saved = self;
	return 0;
}

int netns_leave(int saved)
{
	int err = setns(saved, CLONE_NEWNET) ? -errno : 0;

	close(saved);
	return err;
}

/* The namespace's cookie, not its nsfs inode: inode numbers are reused as soon as a namespace is
 * freed (delete and re-add a name: same inode), cookies never within a boot. */
int netns_cookie(int nsfd, uint64_t *id)
{
	socklen_t len = sizeof(*id);
	int saved = -1, sock, err = nsfd >= 0 ? netns_enter(nsfd, &saved) : 0;

	if (err)
		return err;
	sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock < 0 || getsockopt(sock, SOL_SOCKET, SO_NETNS_COOKIE, id, &len))
		err = -errno;
	if (sock >= 0)
		close(sock);
	if (saved >= 0 && netns_leave(saved))
		return -EIO; /* still in NSFD: the caller must not go on here */
	return err;
}
