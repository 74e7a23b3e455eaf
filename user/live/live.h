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
/* The same, but a namespace PREV holds (the same nsfs inode) whose cookie is none of the N in
 * CHANGED is copied from PREV instead of entered: after a change, only the namespaces that
 * notified and the new ones are read. */
int live_rediscover(struct live *live, const struct live *prev, const uint64_t *changed, int n,
		    FILE *err);
void live_free(struct live *live);

/* Find the namespaces (not yet entered): host, /run/netns, /proc. 0 or -errno. */
int live_scan(struct live *live, FILE *err);
/* Enter NS and read its links, addresses, routes and forwarding. 0 or -errno. */
int live_read_ns(struct live_ns *ns);
/* Drop what live_read_ns read into NS (links, addresses, routes); its identity stays. */
void live_ns_clear(struct live_ns *ns);
/* Run FN(CTX) on the calling thread inside NS (the namespace found, not one reusing its path),
 * then come back. FN's result, or -errno. */
int live_in_ns(const struct live_ns *ns, int (*fn)(void *ctx), void *ctx);
/* Pair the ends of every veth across namespaces. 0 or -errno. */
int live_resolve_peers(struct live *live, FILE *err);
/* The process name COMM and PID as a .topo namespace name ("COMM-PID") in BUF of 65 bytes. */
void live_proc_name(const char *comm, int pid, char *buf);
/* The first LEN bytes of RAW as a .topo namespace name, at most LIVE_SAFE_MAX bytes (room is
 * left for a suffix that makes it unique), into BUF of 65 bytes: every byte that is not a
 * letter, a digit, '.', '_' or '-' becomes '_', a leading '-' too; FALLBACK when RAW is empty. */
#define LIVE_SAFE_MAX 56
void live_safe_name(const char *raw, size_t len, const char *fallback, char *buf);
/* Name the process-held namespaces of LIVE after the container that holds them where the
 * runtime's files say so (Docker, LXC); the others keep COMM-PID. 0 or -ENOMEM. */
int live_name_containers(struct live *live);
/* RFC 2863 operational state ("up", "lowerlayerdown", ...), bridge port state ("forwarding",
 * ...): names for printing. */
const char *live_oper_name(unsigned int oper);
const char *live_port_state_name(unsigned int state);
/* Every address of L, "ADDR/PREFIX ..." ("" for none), into BUF; returns BUF. */
char *live_addrs_str(const struct live_link *l, char *buf, size_t len);
/* R's destination "ADDR/PREFIX" ("0.0.0.0/0" for a default route) and gateway ("" for none) as
 * text into BUF (64 bytes will do); return BUF. */
char *live_route_dst(const struct nl_route *r, char *buf, size_t len);
char *live_route_gw(const struct nl_route *r, char *buf, size_t len);
/* The namespace of LIVE with COOKIE, or NULL. */
const struct live_ns *live_ns_by_cookie(const struct live *live, uint64_t cookie);
/* The link IFINDEX of NS, or NULL. */
const struct live_link *live_link_by_index(const struct live_ns *ns, int ifindex);

/* One difference between two readings of the live network. */
enum live_op { LIVE_ADD, LIVE_REMOVE, LIVE_CHANGE };
enum live_obj { LIVE_OBJ_NETNS, LIVE_OBJ_LINK, LIVE_OBJ_ROUTE };

struct live_event {
	enum live_op op;
	enum live_obj obj;
	const struct live_ns *ns;     /* in the newer reading, or the older one for a removal */
	const struct live_link *link; /* LIVE_OBJ_LINK */
	const struct nl_route *route; /* LIVE_OBJ_ROUTE */
	const char *field;            /* LIVE_CHANGE: "name", "oper", "mtu", "addrs", ... */
	const char *from, *to;        /* LIVE_CHANGE: the values as text */
};

/* Call CB for every difference from OLD to CUR: namespaces (matched by cookie) added, removed or
 * changed, their links (by ifindex) and routes. 0 or -ENOMEM. */
int live_diff(const struct live *old, const struct live *cur,
	      void (*cb)(const struct live_event *e, void *ctx), void *ctx);
/* A scan finds the same namespaces (by inode) as LIVE holds. */
bool live_same_namespaces(const struct live *live, const struct live *scan);

/* The live network as a .topo file (docs/live.md says what is written and how). */
void live_print_topo(FILE *out, const struct live *live);

#endif
