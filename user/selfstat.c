// SPDX-License-Identifier: GPL-2.0
/* This process's CPU time, memory, start time and file descriptors, read from /proc/self and
 * /proc/stat the way the Prometheus client libraries read them. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "selfstat.h"

/* The boot time, UNIX seconds (/proc/stat btime). */
static int boot_time(double *out)
{
	FILE *f = fopen("/proc/stat", "re");
	char line[256];
	long long bt;
	int rc = -ENOENT;

	if (!f)
		return -errno;
	while (rc && fgets(line, sizeof(line), f))
		if (sscanf(line, "btime %lld", &bt) == 1) {
			*out = (double)bt;
			rc = 0;
		}
	fclose(f);
	return rc;
}

/* Fields 14, 15 (utime, stime), 22 (starttime) and 23 (vsize) of /proc/self/stat, counted
 * after the command name: it is in parentheses and may contain blanks. */
static int stat_read(struct selfstat *out, double boot)
{
	FILE *f = fopen("/proc/self/stat", "re");
	unsigned long long ut, st, start, vsize;
	char buf[1024], *p = NULL;
	long ticks = sysconf(_SC_CLK_TCK);
	int n = 0;

	if (!f)
		return -errno;
	if (fgets(buf, sizeof(buf), f))
		p = strrchr(buf, ')');
	fclose(f);
	if (p)
		n = sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %*d %*d %*d %*d "
			   "%*d %*d %llu %llu", &ut, &st, &start, &vsize);
	if (n != 4 || ticks <= 0)
		return -EINVAL;
	out->cpu_seconds = (double)(ut + st) / ticks;
	out->start_time = boot + (double)start / ticks;
	out->virtual_bytes = vsize;
	return 0;
}

static int resident(uint64_t *out)
{
	FILE *f = fopen("/proc/self/statm", "re");
	unsigned long long size, rss;
	int n = 0;

	if (!f)
		return -errno;
	n = fscanf(f, "%llu %llu", &size, &rss);
	fclose(f);
	if (n != 2)
		return -EINVAL;
	*out = rss * (uint64_t)sysconf(_SC_PAGESIZE);
	return 0;
}

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -errno;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n - 1; /* the directory's own */
}

int selfstat_read(struct selfstat *out)
{
	struct rlimit rl;
	double boot = 0;
	int rc = boot_time(&boot);

	if (!rc)
		rc = stat_read(out, boot);
	if (!rc)
		rc = resident(&out->resident_bytes);
	if (rc)
		return rc;
	out->open_fds = open_fds();
	if (out->open_fds < 0)
		return out->open_fds;
	if (getrlimit(RLIMIT_NOFILE, &rl))
		return -errno;
	out->max_fds = rl.rlim_cur;
	return 0;
}
