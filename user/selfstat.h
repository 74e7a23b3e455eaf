/* SPDX-License-Identifier: GPL-2.0 */
/* What this process costs, from /proc/self: the figures every Prometheus exporter gives. */
#ifndef NSVIZ_SELFSTAT_H
#define NSVIZ_SELFSTAT_H

#include <stdint.h>

struct selfstat {
	double cpu_seconds; /* user + system */
	double start_time;  /* UNIX seconds */
	uint64_t resident_bytes, virtual_bytes;
	int open_fds;
	uint64_t max_fds; /* the soft RLIMIT_NOFILE */
};

/* 0 or -errno. */
int selfstat_read(struct selfstat *out);

#endif
