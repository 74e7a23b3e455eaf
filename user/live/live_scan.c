// SPDX-License-Identifier: GPL-2.0
/* Finding the namespaces: the caller's own (the host), the named ones in /run/netns, and those
 * only a process holds (/proc/PID/ns/net). One namespace found twice is kept once, under its
 * first name (host, then /run/netns, then the lowest pid): the nsfs inode tells them apart
 * without entering them, so scanning a thousand processes of one namespace costs a stat each. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "grow.h"
#include "live.h"

static bool known(const struct live *live, uint64_t ino)
{
	for (int i = 0; i < live->nns; i++)
		if (live->ns[i].ino == ino)
			return true;
	return false;
}

static int add_ns(struct live *live, const struct live_ns *ns)
{
	int err = grow_array((void **)&live->ns, NULL, live->nns, sizeof(*live->ns));

	if (!err)
		live->ns[live->nns++] = *ns;
	return err;
}

/* NS, found at NS->path, is added with its inode unless that namespace is known. 0 or -errno
 * (-ENOENT: the path is gone). */
static int add_path(struct live *live, struct live_ns *ns)
{
	struct stat st;

	if (stat(ns->path, &st))
		return -errno;
	ns->ino = st.st_ino;
	return known(live, st.st_ino) ? 0 : add_ns(live, ns);
}

/* An entry of /run/netns that nothing is mounted on (a half-made or half-removed one) is a plain
 * file: no namespace. */
static bool is_nsfs(const char *path)
{
	struct statfs fs;

	return !statfs(path, &fs) && fs.f_type == NSFS_MAGIC;
}

static int scan_named(struct live *live)
{
	DIR *d = opendir("/run/netns");
	struct dirent *e;
	int err = 0;

	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while (!err && (e = readdir(d))) {
		struct live_ns ns = { .origin = LIVE_NAMED };

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(ns.name, sizeof(ns.name), "%s", e->d_name);
		snprintf(ns.path, sizeof(ns.path), "/run/netns/%s", e->d_name);
		if (!is_nsfs(ns.path))
			continue;
		err = add_path(live, &ns);
		if (err == -ENOENT)
			err = 0; /* deleted meanwhile */
	}
	closedir(d);
	return err;
}

void live_safe_name(const char *raw, size_t len, const char *fallback, char *buf)
{
	size_t n = 0;

	/* A .topo name allows no '/', ':', blank or control character and no leading '-'. */
	for (; n < len && raw[n] && n < LIVE_SAFE_MAX; n++)
		buf[n] = isalnum((unsigned char)raw[n]) || strchr("._-", raw[n]) ? raw[n] : '_';
	buf[n] = 0;
	if (buf[0] == '-')
		buf[0] = '_';
	if (!n)
		snprintf(buf, LIVE_SAFE_MAX + 1, "%s", fallback);
}

void live_proc_name(const char *comm, int pid, char *buf)
{
	char safe[LIVE_SAFE_MAX + 1];

	live_safe_name(comm, strcspn(comm, "\n"), "proc", safe);
	snprintf(buf, 65, "%.16s-%d", safe, pid);
}

static void read_comm(int pid, char *comm, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, comm, len - 1);
	comm[n < 0 ? 0 : n] = 0;
	if (fd >= 0)
		close(fd);
}

static int pid_cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* The pids in /proc, ascending: the lowest pid of a namespace names it. */
static int list_pids(int **pids, int *n)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int err = 0;

	*pids = NULL;
	*n = 0;
	if (!d)
		return -errno;
	while (!err && (e = readdir(d))) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		err = grow_array((void **)pids, NULL, *n, sizeof(int));
		if (!err)
			(*pids)[(*n)++] = atoi(e->d_name);
	}
	closedir(d);
	qsort(*pids, *n, sizeof(int), pid_cmp);
	return err;
}

static int scan_procs(struct live *live)
{
	int *pids, npids, err = list_pids(&pids, &npids);
	uint64_t last = 0;

	for (int i = 0; !err && i < npids; i++) {
		struct live_ns ns = { .origin = LIVE_PROC, .pid = pids[i] };
		char comm[32];
		struct stat st;

		snprintf(ns.path, sizeof(ns.path), "/proc/%d/ns/net", pids[i]);
		/* Most processes share the namespace of the one before: no name to read then. */
		if (stat(ns.path, &st))
			continue;
		if (st.st_ino == last || known(live, st.st_ino)) {
			last = st.st_ino;
			continue;
		}
		last = st.st_ino;
		read_comm(pids[i], comm, sizeof(comm));
		live_proc_name(comm, pids[i], ns.name);
		err = add_path(live, &ns);
		if (err == -ENOENT || err == -ESRCH)
			err = 0; /* the process exited meanwhile */
	}
	free(pids);
	return err;
}

int live_scan(struct live *live, FILE *err)
{
	struct live_ns host = { .origin = LIVE_HOST, .path = "/proc/thread-self/ns/net" };
	int ret;

	memset(live, 0, sizeof(*live));
	ret = add_path(live, &host);
	if (!ret && (ret = scan_named(live)))
		fprintf(err, "nsviz: read /run/netns: %s\n", strerror(-ret));
	else if (!ret && (ret = scan_procs(live)))
		fprintf(err, "nsviz: scan /proc for network namespaces: %s\n", strerror(-ret));
	else if (ret)
		fprintf(err, "nsviz: find the host network namespace: %s\n", strerror(-ret));
	return ret;
}
