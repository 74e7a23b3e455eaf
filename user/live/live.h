/* SPDX-License-Identifier: GPL-2.0 */
/* The live network: every network namespace of this host and what is in it, read from the kernel
 * (docs/live.md). Plain data: no BPF, no terminal, no pointers into the kernel's world. */
#ifndef NSVIZ_LIVE_H
#define NSVIZ_LIVE_H

#include <stdint.h>
#include <stdio.h>
#include "netlink.h"

enum live_origin {
	LIVE_HOST,  /* the namespace nsviz runs in */
	LIVE_NAMED, /* a bind mount in /run/netns, the `ip netns` way */
	LIVE_PROC,  /* held only by a process (a container, `unshare -n`) */
};

struct live_link {
	struct nl_link l;
	struct nl_addr *addrs;
	int naddrs;
	int peer_ns, peer_link; /* a veth's other end: indexes into live.ns / its links; -1: unknown */
};

struct live_ns {
	char name[256]; /* "" for the host; COMM-PID is always a valid .topo name, a /run/netns
			 * one need not be */
	enum live_origin origin;
	int pid;        /* LIVE_PROC: the lowest pid holding it */
	char path[272]; /* where it was found: /run/netns/NAME, /proc/PID/ns/net */
	uint64_t cookie;
	uint64_t ino;  /* nsfs inode: tells one namespace from another without entering it */
	bool forwarding; /* net.ipv4.ip_forward */
	struct live_link *links;
	int nlinks;
	struct nl_route *routes; /* of the main table */
	int nroutes;
};

/* Namespaces sorted: the host first, then by name. */
struct live {
	struct live_ns *ns;
	int nns;
};

/* Read the live network into *LIVE. A namespace that vanishes while it is read is left out; one
 * that cannot be entered is reported on ERR and left out. 0 or -errno (reported on ERR). */
int live_discover(struct live *live, FILE *err);
void live_free(struct live *live);

/* Find the namespaces (not yet entered): host, /run/netns, /proc. 0 or -errno. */
int live_scan(struct live *live, FILE *err);
/* Enter NS and read its links, addresses, routes and forwarding. 0 or -errno. */
int live_read_ns(struct live_ns *ns);
/* Pair the ends of every veth across namespaces. 0 or -errno. */
int live_resolve_peers(struct live *live, FILE *err);
/* The process name COMM and PID as a .topo namespace name ("COMM-PID") in BUF of 65 bytes. */
void live_proc_name(const char *comm, int pid, char *buf);
/* Room for one more element after N in *ARR of SIZE-byte elements (room is kept for powers of
 * two, at least 8). 0 or -ENOMEM. */
int live_grow(void **arr, int n, size_t size);
/* The link IFINDEX of NS, or NULL. */
const struct live_link *live_link_by_index(const struct live_ns *ns, int ifindex);

/* The live network as a .topo file (docs/live.md says what is written and how). */
void live_print_topo(FILE *out, const struct live *live);

#endif
