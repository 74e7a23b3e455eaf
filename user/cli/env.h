/* SPDX-License-Identifier: GPL-2.0 */
/* The command line and the environment, read once into one struct. */
#ifndef NSVIZ_ENV_H
#define NSVIZ_ENV_H

#include <stdbool.h>
#include <stdint.h>
#include "probes.h"

struct tui_opts;

#define ENV_IFS_MAX 64 /* --if options */

/* A number from the environment, and whether it was given. */
struct env_num {
	bool set;
	uint32_t v;
};

struct env {
	const char *cmd;       /* "up", "down", ...; "run" for the bare demo */
	const char *topology;  /* file path or built-in name; NULL = "seed" */
	bool json;
	bool xdp;
	bool fake;             /* UI on a synthetic data source, no root, no network */
	bool forget;           /* down: remove the record only, not what it lists */
	bool follow;           /* discover: then print each change until stopped */
	bool builtins;         /* show: list the built-in topologies' names instead */
	const char *netns;     /* --netns: comma-separated namespaces to observe, NULL = all */
	const char *bridge;    /* --bridge: the bridge to observe, NULL = all */
	struct probe_if ifs[ENV_IFS_MAX]; /* --if NETNS:IFNAME: also observed */
	int nifs;
	double interval;       /* seconds between snapshots */
	double duration;       /* seconds to run, 0 = until a signal */
	double refresh;        /* UI redraws per second */
	long count;            /* trace: paths to print, 0 = unlimited */
	const char *pcap;      /* trace: pcapng output file */
	int snaplen;           /* trace: bytes of each packet captured */
	char **filter;         /* trace: tcpdump filter words; why: DEST (FROM is topology) */
	int nfilter;
	long size;             /* why: probe payload bytes, -1 = not given */
	const char *proto;     /* why: icmp, tcp or udp; NULL = icmp */
	long port;             /* why: TCP/UDP port, 0 = not given */
	const char *listen;    /* export: ADDR:PORT to serve on, NULL = the default */
	/* The environment, read once by env_read() (docs/commands.md#environment). */
	const char *rundir;    /* NSVIZ_RUNDIR: where the ownership records are, NULL = default */
	int fail_at;           /* NSVIZ_FAIL_AT: fail this build step (a test hook), 0 = none */
	bool force_clsact;     /* NSVIZ_HOOK=clsact: the fallback hook even where tcx works */
	bool empty_hooks;      /* NSVIZ_HOOK=empty: programs that return at once (bench floor) */
	bool no_expedite;      /* NSVIZ_EXPEDITE=0: never turn rcu_expedited on (expedite.h) */
	int debug;             /* NSVIZ_DEBUG: 1 libbpf's messages, 2 with its debug ones */
	bool no_color;         /* NO_COLOR set and not empty */
	struct env_num ringbuf_size, attach_step, attach_threads, event_rate; /* NSVIZ_RINGBUF_SIZE, ... */
};

/* Fill ENV's environment fields, and hand the ones of the lower layers to them (state, build). */
void env_read(struct env *env);
/* ENV's overrides applied to O (the command's own choices stay where ENV says nothing). */
void env_probes_opts(const struct env *env, struct probes_opts *o);
/* What the UI needs of ENV. */
void env_tui_opts(const struct env *env, struct tui_opts *o);

#endif
