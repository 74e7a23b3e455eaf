/* SPDX-License-Identifier: GPL-2.0 */
/* A snapshot of the model: plain data handed from the engine to the outputs (TUI, JSON, tables).
 * No pointers into BPF or ncurses; the outputs never see more than this. */
#ifndef NSVIZ_SNAPSHOT_H
#define NSVIZ_SNAPSHOT_H

#include <stdbool.h>
#include <stdint.h>
#include "topo.h"
#include "nsviz.h"

#define SNAP_HIST 60 /* samples of rate history kept per interface (sparklines) */
#define SNAP_HOPS_MAX 16

struct snap_dir {
	uint64_t packets, bytes;              /* cumulative since attach */
	uint64_t classes[NSVIZ_CLASS_MAX];    /* packets per class, cumulative */
	double pps, bps;                      /* packets/s and bits/s over the last interval */
};

/* One observation point pair (an interface: rx = tc ingress, tx = tc egress). */
#define SNAP_ADDRS_MAX 8 /* live addresses kept per interface (more: addrs_more is set) */

/* A bridge port's live state (the kernel's, read by netlink). */
struct snap_port {
	char state[12]; /* "forwarding", "disabled", "blocking", "listening", "learning" */
	bool learning, flood, isolated, hairpin;
};

/* Each declared-vs-live difference of an object ("declared 10.0.0.2/24 on green:eth0-g but it
 * has 10.0.1.2/24"), "; " between two; "" for none, and always without a topology file. */
#define SNAP_MISMATCH_LEN 200

/* What the kernel says of an interface now (the live network, docs/live.md). */
struct snap_link {
	bool known;       /* read from the kernel; false: not read (yet), the fields are empty */
	bool present;     /* it exists; false: declared by the topology file but not there */
	char kind[16];    /* "veth", "bridge", ... ("" for loopback, physical NICs) */
	bool admin_up;    /* IFF_UP */
	char oper[16];    /* RFC 2863: "up", "down", "lowerlayerdown", "unknown", ... */
	bool carrier;
	unsigned int mtu;
	char mac[18];     /* "" when it has none */
	char addrs[SNAP_ADDRS_MAX][48]; /* "10.0.0.2/24", "fe80::1/64" */
	int naddrs;
	bool addrs_more;  /* it has more than SNAP_ADDRS_MAX */
	char master[TOPO_IFNAME_MAX + 1]; /* the bridge it is enslaved to, "" if none */
	bool is_port;     /* a bridge port: PORT is valid */
	struct snap_port port;
	bool stp, vlan_filtering; /* bridges */
	char mismatch[SNAP_MISMATCH_LEN]; /* how it differs from the topology file, in words */
};

/* A route of a namespace's main table, as the kernel has it. */
struct snap_route {
	char dst[50];     /* "10.0.0.0/24", "0.0.0.0/0" for a default route */
	char gateway[48]; /* "" for none */
	char dev[TOPO_IFNAME_MAX + 1]; /* "" for none */
};

/* A namespace of the topology (or the host) as the kernel has it now. */
struct snap_netns {
	char name[TOPO_NETNS_MAX + 1]; /* "" for the host */
	bool present;    /* false: declared by the topology but not there */
	bool forwarding; /* net.ipv4.ip_forward */
	int first_route, nroutes; /* its routes: snapshot.routes[first_route ...] */
	char mismatch[SNAP_MISMATCH_LEN]; /* its own and its routes' differences from the file */
};

struct snap_iface {
	char netns[TOPO_NETNS_MAX + 1]; /* "" for the host namespace */
	char ifname[TOPO_IFNAME_MAX + 1];
	int ifindex;
	char bridge[TOPO_IFNAME_MAX + 1]; /* bridge this is a port of, "" if none */
	char peer_netns[TOPO_NETNS_MAX + 1];
	char peer_ifname[TOPO_IFNAME_MAX + 1]; /* "" for a bridge device */
	int veth; /* index into topo->veths, -1 for a bridge device */
	int end;  /* which end of that veth (0 or 1) */
	bool pending; /* not observed yet (its probes are still being attached): no counters */
	struct snap_dir rx, tx;
	struct snap_dir xdp;       /* received at XDP (--xdp, bridge ports); zero otherwise */
	float hist_pps[SNAP_HIST]; /* rx+tx packets/s, oldest first */
	uint64_t drops;            /* packets the kernel dropped here since attach, but chatter */
	uint64_t drops_chatter;    /* link-local IPv6 chatter dropped here (chatter.h) */
	double drop_rate;          /* DROPS per second: the last interval's, or while none come,
				    * half the previous value (0 below 0.05): it fades in seconds */
	char drop_reason[48];      /* the kernel's reason of the last of DROPS, "" before one */
	float hist_bps[SNAP_HIST]; /* rx+tx bits/s, oldest first, sampled with hist_pps */
	struct snap_link link;     /* its live state */
};

struct snap_flow {
	char proto[8];           /* "icmp", "tcp", "udp", "arp", "icmp6", ... */
	char src[48], dst[48];   /* addresses (MACs for non-IP) */
	uint16_t sport, dport;   /* ports, or ICMP id/type */
	char src_netns[TOPO_NETNS_MAX + 1], dst_netns[TOPO_NETNS_MAX + 1]; /* "" unknown/host */
	uint64_t packets, bytes;
	double pps, bps; /* packets/s, bits/s */
	uint64_t first_ns, last_ns; /* kernel monotonic time */
	uint8_t tcp_flags;
	uint64_t points; /* bitmask of observation slots crossed (bit = slot index) */
};

/* An event with all that the outputs show of it (docs/json.md); the kind's fields are set only
 * for that kind, the others are zero. */
struct snap_event {
	double time;       /* UNIX seconds */
	char kind[8];      /* "arp", "icmp", "flow", "drop", "fdb" */
	char netns[TOPO_NETNS_MAX + 1];
	char ifname[TOPO_IFNAME_MAX + 1]; /* fdb: the bridge */
	int ifindex;
	char dir;          /* 'r' rx, 't' tx, or 0 (drop, fdb) */
	uint64_t ts_ns;    /* kernel CLOCK_MONOTONIC */
	uint64_t skb;      /* the struct sk_buff address, 0 for fdb */
	uint32_t len;      /* the frame's length on the wire */
	char text[160];    /* human-readable, e.g. "who-has 10.0.0.2 tell 10.0.0.1" */
	char proto[8];          /* icmp, flow, drop: as in snap_flow */
	char src[48], dst[48];  /* icmp, flow, drop: addresses (MACs for non-IP); arp: sender, target */
	uint16_t sport, dport;  /* flow, drop: as in snap_flow */
	struct {
		uint16_t op; /* 1 request, 2 reply */
		char sender_mac[18], target_mac[18];
	} arp;
	struct {
		uint8_t family, type, code;
		uint16_t id, seq; /* echo only, else 0 */
	} icmp;
	struct {
		char reason[48]; /* the kernel's name, or "reason N" */
		uint32_t code;
		char function[64]; /* NOT_SPECIFIED: the kernel function that freed it, or "" */
	} drop;
	struct {
		char op[8]; /* "learn", "move", "delete" */
		char mac[18];
		char port[TOPO_IFNAME_MAX + 1]; /* "" for the bridge itself */
		uint16_t vlan;
		bool is_static;
	} fdb;
};

struct snap_fdb {
	char bridge[TOPO_IFNAME_MAX + 1];
	char mac[18];
	char port[TOPO_IFNAME_MAX + 1];
	uint16_t vlan;
	char type[8]; /* "learned"; "static" (added by hand); "local" (a port's or the bridge's own) */
	char owner[TOPO_NETNS_MAX + TOPO_IFNAME_MAX + 2]; /* "netns:ifname" with this MAC, or "" */
	double age; /* seconds since the kernel last forwarded to it (`bridge -s fdb`: used) */
};

struct snap_hop {
	char netns[TOPO_NETNS_MAX + 1];
	char ifname[TOPO_IFNAME_MAX + 1];
	char dir; /* 'r' rx or 't' tx */
	uint32_t t_us; /* since the first hop */
	char bridge[TOPO_IFNAME_MAX + 1]; /* bridge of a port or the bridge device itself, else "" */
	int8_t from; /* index of the hop this one follows (branches when flooded), -1 first */
};

#define SNAP_PATH_BRIDGES 4

/* What one bridge did with the packet. */
struct snap_bridge_verdict {
	char bridge[TOPO_IFNAME_MAX + 1];
	char verdict[24]; /* "forward", "flood", "flood (unknown unicast)", "local", "drop", ""
			   * (never left the bridge) */
	uint8_t ports;   /* ports it sent the packet out of */
	bool local;      /* also delivered to the bridge device (host) */
};

struct snap_path {
	uint64_t id;     /* stable while the path is kept (its first skb and first hop's time):
			  * the UI's selection follows it, not a row number */
	double time;
	char summary[128];
	int nhops;
	struct snap_hop hops[SNAP_HOPS_MAX];
	char verdict[24];     /* as a bridge's (snap_bridge_verdict) */
	char drop_reason[48]; /* "" unless verdict is drop */
	bool complete;
	uint32_t latency_us;
	char proto[8];                    /* as in snap_flow */
	char drop_where[TOPO_NETNS_MAX + TOPO_IFNAME_MAX + 2]; /* "netns:ifname", "" unless drop */
	struct snap_bridge_verdict bridges[SNAP_PATH_BRIDGES]; /* in the order crossed */
	int nbridges;
	uint64_t first_ns;                /* kernel CLOCK_MONOTONIC of the first hop */
	char drop_function[64]; /* the kernel function that freed it (NOT_SPECIFIED drops), or "" */
	char cause[160];        /* the drop's cause in words, or "" */
	char cause_where[TOPO_NETNS_MAX + TOPO_IFNAME_MAX + 2]; /* "netns:ifname" the cause names
								 * (the silent side), or "" */
};

#define SNAP_WHY_TEXT 16384

/* `nsviz why FROM DEST` run from the UI (source_ops.why): what it printed, its words unchanged. */
struct snap_why {
	char from[TOPO_NETNS_MAX + 1];
	char dest[64];
	bool running;             /* not finished yet: TEXT is what it printed so far */
	int status;               /* its exit status once finished: 0 reachable, 3 unreachable */
	char text[SNAP_WHY_TEXT]; /* its output, lines ending in '\n' */
};

/* The paths a tracker kept and dropped (trace's statistics). */
struct path_stats {
	uint64_t emitted;     /* paths handed to the callback */
	uint64_t incomplete;  /* of which incomplete */
	uint64_t sampled_out; /* paths not recorded because of the rate limit or a full table */
};

struct snapshot {
	const struct topo *topo;
	char hook_mode[24]; /* "tcx", "clsact", "tcx+xdp", "fake" ... */
	double time;        /* UNIX seconds */
	double uptime;      /* seconds since attach */
	uint64_t lost_events; /* events (arp, icmp, flow, drop, fdb) the kernel could not deliver */
	uint64_t lost_trace;  /* trace-mode packet records not delivered (sampled under load) */
	uint64_t events_seen; /* events consumed since attach */
	struct snap_iface *ifaces;
	int nifaces;
	struct snap_flow *flows; /* busiest first */
	int nflows;
	struct snap_event *events; /* oldest first, most recent last */
	int nevents;
	struct snap_fdb *fdb;
	int nfdb;
	struct snap_path *paths; /* oldest first */
	int npaths;
	struct snap_netns *netns; /* live: the host, then the topology's namespaces; none if not read */
	int nnetns;
	struct snap_route *routes; /* of every snap_netns, in that order */
	int nroutes;
	const struct snap_why *why; /* the last `why` run from the UI, or NULL */
};

/* The name of class C ("icmpv6", "malformed"), as JSON writes it. */
const char *snap_class_name(enum nsviz_class c);
/* Deep copy (the topology is shared), so a paused screen outlives the source's buffers. NULL on
 * ENOMEM. */
struct snapshot *snapshot_dup(const struct snapshot *s);
void snapshot_free(struct snapshot *s);
/* Where an interface is, in words: its namespace, else the bridge it is a port of, else "host". */
const char *snap_place(const char *netns, const char *bridge, const char *ifname);

#endif
