// SPDX-License-Identifier: GPL-2.0
/* Golden renders: the seed and router topologies at 80x24 and 132x43, quiet and with a ping
 * going on, in colour and monochrome, UTF-8 and ASCII, plus the other views; from fixed
 * snapshots. UPDATE_GOLDEN=1 rewrites tests/unit/golden/ and fails the run (so that a rewrite is
 * never taken for a pass: look at the files, then run again without it). */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "fake.h"
#include "golden.h"
#include "linkstate.h"
#include "tap.h"
#include "ui.h"

#define T0 1700000000.0 /* 2023-11-14 22:13:20 UTC */

struct fixture {
	struct topo t;
	struct snapshot s;
	struct snap_iface ifaces[16];
	struct snap_flow flows[4];
	struct snap_event events[16];
	struct snap_fdb fdb[4];
	struct snap_path paths[2];
	struct snap_netns netns[2];
};

static void set_dir(struct snap_dir *d, double pps, uint64_t packets)
{
	d->pps = pps;
	d->bps = pps * 98 * 8;
	d->packets = packets;
	d->bytes = packets * 98;
	d->classes[NSVIZ_C_IPV4] = d->classes[NSVIZ_C_ICMP] = packets - 2;
	d->classes[NSVIZ_C_ARP] = 2;
}

/* One interface per veth end; with TRAFFIC a ping along every link, both ways. */
static void add_ifaces(struct fixture *f, bool traffic)
{
	struct topo *t = &f->t;

	for (int v = 0; v < t->nveths && f->s.nifaces < 16; v++)
		for (int e = 0; e < 2; e++) {
			struct snap_iface *i = &f->ifaces[f->s.nifaces++];
			const struct topo_end *end = &t->veths[v].end[e];
			const char *ns = topo_end_netns(t, end);

			snprintf(i->netns, sizeof(i->netns), "%s", ns ? ns : "");
			snprintf(i->ifname, sizeof(i->ifname), "%s", end->ifname);
			if (end->kind == TOPO_OWNER_BRIDGE)
				snprintf(i->bridge, sizeof(i->bridge), "%s", t->bridges[end->owner].name);
			i->veth = v;
			i->end = e;
			if (!traffic)
				continue;
			set_dir(&i->rx, 1, 7);
			set_dir(&i->tx, 1, 7);
			for (int h = 0; h < SNAP_HIST; h++) {
				i->hist_pps[h] = h > 50 ? 2 : h == 50 ? 1 : 0;
				i->hist_bps[h] = i->hist_pps[h] * 98 * 8;
			}
		}
}

static void add_event(struct fixture *f, double dt, const char *kind, const char *ns,
		      const char *ifname, const char *text)
{
	struct snap_event *e = &f->events[f->s.nevents++];

	e->time = T0 + dt;
	snprintf(e->kind, sizeof(e->kind), "%s", kind);
	snprintf(e->netns, sizeof(e->netns), "%s", ns);
	snprintf(e->ifname, sizeof(e->ifname), "%s", ifname);
	snprintf(e->text, sizeof(e->text), "%s", text);
}

static void add_hop(struct snap_path *p, const char *ns, const char *ifname, char dir, uint32_t us)
{
	struct snap_hop *h = &p->hops[p->nhops++];

	snprintf(h->netns, sizeof(h->netns), "%s", ns);
	snprintf(h->ifname, sizeof(h->ifname), "%s", ifname);
	h->dir = dir;
	h->t_us = us;
}

/* One end of a ping: the host's namespace, address and interface, and the bridge port its veth
 * peer is. */
struct ping_end {
	const char *netns, *addr, *ifname, *port;
};

/* A ping from A to B across BRIDGE: flow, events, FDB, one path. */
static void add_ping(struct fixture *f, const struct ping_end *a, const struct ping_end *b,
		     const char *br)
{
	struct snap_flow *fl = &f->flows[f->s.nflows++];
	struct snap_path *p = &f->paths[f->s.npaths++];
	char text[160];

	snprintf(fl->proto, sizeof(fl->proto), "icmp");
	snprintf(fl->src, sizeof(fl->src), "%s", a->addr);
	snprintf(fl->dst, sizeof(fl->dst), "%s", b->addr);
	snprintf(fl->src_netns, sizeof(fl->src_netns), "%s", a->netns);
	snprintf(fl->dst_netns, sizeof(fl->dst_netns), "%s", b->netns);
	fl->sport = 7; /* echo id */
	fl->dport = 8; /* echo request */
	fl->packets = 10;
	fl->bytes = 980;
	fl->pps = 2;
	fl->bps = 2 * 98 * 8;
	snprintf(text, sizeof(text), "who-has %s tell %s", b->addr, a->addr);
	add_event(f, 0.1, "arp", a->netns, a->ifname, text);
	add_event(f, 0.1002, "fdb", "", a->port, "learn 02:00:00:00:00:01 on port");
	snprintf(text, sizeof(text), "echo request %s > %s id 7 seq 1", a->addr, b->addr);
	add_event(f, 0.2, "icmp", a->netns, a->ifname, text);
	snprintf(text, sizeof(text), "echo reply %s > %s id 7 seq 1", b->addr, a->addr);
	add_event(f, 0.2003, "icmp", b->netns, b->ifname, text);
	p->time = T0 + 0.2;
	p->id = 1;
	snprintf(p->summary, sizeof(p->summary), "%s > %s ICMP echo request id 7 seq 1", a->addr,
		 b->addr);
	add_hop(p, a->netns, a->ifname, 't', 0);
	add_hop(p, "", a->port, 'r', 6);
	add_hop(p, "", b->port, 't', 19);
	add_hop(p, b->netns, b->ifname, 'r', 27);
	snprintf(p->verdict, sizeof(p->verdict), "forward");
	snprintf(p->bridges[0].bridge, sizeof(p->bridges[0].bridge), "%s", br);
	snprintf(p->bridges[0].verdict, sizeof(p->bridges[0].verdict), "forward");
	p->bridges[0].ports = 1;
	p->nbridges = 1;
	p->complete = true;
	p->latency_us = 27;
	p = &f->paths[f->s.npaths++];
	*p = f->paths[0];
	p->id = 2;
	p->time = T0 + 0.5;
	snprintf(p->summary, sizeof(p->summary), "%s > %s UDP 41000 > 9", a->addr, b->addr);
	snprintf(p->verdict, sizeof(p->verdict), "drop");
	snprintf(p->drop_reason, sizeof(p->drop_reason), "NO_SOCKET");
	snprintf(p->drop_where, sizeof(p->drop_where), "%s:%s", b->netns, b->ifname);
	p->latency_us = 31;
	for (int i = 0; i < 2; i++) {
		struct snap_fdb *d = &f->fdb[f->s.nfdb++];

		snprintf(d->bridge, sizeof(d->bridge), "%s", br);
		snprintf(d->mac, sizeof(d->mac), "02:00:00:00:00:0%d", i + 1);
		snprintf(d->port, sizeof(d->port), "%s", i ? b->port : a->port);
		snprintf(d->type, sizeof(d->type), "learned");
		snprintf(d->owner, sizeof(d->owner), "%s:%s", i ? b->netns : a->netns,
			 i ? b->ifname : a->ifname);
		d->age = 1.5 + i;
	}
}

static int fixture_load(struct fixture *f, const char *name, bool traffic)
{
	memset(f, 0, sizeof(*f));
	if (topo_load(name, &f->t, stderr))
		return -1;
	f->s = (struct snapshot){ .topo = &f->t, .time = T0 + 83, .uptime = 83, .ifaces = f->ifaces,
				  .flows = f->flows, .events = f->events, .fdb = f->fdb, .paths = f->paths };
	snprintf(f->s.hook_mode, sizeof(f->s.hook_mode), "tcx");
	add_ifaces(f, traffic);
	if (!traffic)
		return 0;
	if (!strcmp(name, "seed"))
		add_ping(f,
			 &(struct ping_end){ .netns = "red", .addr = "10.0.0.1", .ifname = "eth0-r",
					     .port = "veth-r" },
			 &(struct ping_end){ .netns = "green", .addr = "10.0.0.2", .ifname = "eth0-g",
					     .port = "veth-g" },
			 "bridge1");
	else
		add_ping(f,
			 &(struct ping_end){ .netns = "h1", .addr = "10.0.1.2", .ifname = "eth0",
					     .port = "lan1-h1" },
			 &(struct ping_end){ .netns = "router", .addr = "10.0.1.1", .ifname = "eth1",
					     .port = "lan1-r" },
			 "lan1");
	f->s.lost_events = 3;
	return 0;
}

/* Two namespaces whose names are wider than their bytes would say in display columns (红色 is
 * 2 characters, 6 bytes, 4 columns; café 4 characters, 5 bytes, 4 columns), dual-stack, pinging
 * each other over IPv6 with sequence numbers 110 to 114, and an FDB row with a long MAC-bearing
 * text. */
static const char wide_topo[] =
	"netns \u7ea2\u8272\n"
	"netns caf\u00e9\n"
	"bridge br0\n"
	"veth \u7ea2\u8272:eth0 10.0.0.1/24 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1/64 -- br0:veth-hong\n"
	"veth caf\u00e9:eth0 10.0.0.2/24 2001:db8:aaaa:bbbb:cccc:dddd:eeee:2/64 -- br0:veth-caf\u00e9\n";

#define WIDE_A "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1"
#define WIDE_B "2001:db8:aaaa:bbbb:cccc:dddd:eeee:2"
#define WIDE_MAC "4e:1c:13:ff:fe:2a"

static void wide_flow(struct fixture *f, const char *src, const char *sns, const char *dst,
		      const char *dns, int type)
{
	struct snap_flow *fl = &f->flows[f->s.nflows++];

	snprintf(fl->proto, sizeof(fl->proto), "icmp6");
	snprintf(fl->src, sizeof(fl->src), "%s", src);
	snprintf(fl->dst, sizeof(fl->dst), "%s", dst);
	snprintf(fl->src_netns, sizeof(fl->src_netns), "%s", sns);
	snprintf(fl->dst_netns, sizeof(fl->dst_netns), "%s", dns);
	fl->sport = 4321;
	fl->dport = type;
	fl->packets = 123456;
	fl->bytes = 12345678;
	fl->pps = 5;
	fl->bps = 5 * 118 * 8;
}

static int fixture_wide(struct fixture *f)
{
	const char *a = "\u7ea2\u8272", *b = "caf\u00e9";
	char text[160];

	memset(f, 0, sizeof(*f));
	if (topo_parse("wide.topo", wide_topo, &f->t, stderr))
		return -1;
	snprintf(f->t.name, sizeof(f->t.name), "wide");
	f->s = (struct snapshot){ .topo = &f->t, .time = T0 + 83, .uptime = 83, .ifaces = f->ifaces,
				  .flows = f->flows, .events = f->events, .fdb = f->fdb };
	snprintf(f->s.hook_mode, sizeof(f->s.hook_mode), "tcx");
	add_ifaces(f, true);
	wide_flow(f, WIDE_A, a, WIDE_B, b, 128);
	wide_flow(f, WIDE_B, b, WIDE_A, a, 129);
	snprintf(text, sizeof(text), "learn " WIDE_MAC " on port veth-hong (fe80::4c1e:13ff:fe2a:8a74)");
	add_event(f, 0.1, "fdb", "", "veth-hong", text);
	for (int seq = 110; seq <= 114; seq++) {
		snprintf(text, sizeof(text), "echo request %s > %s id 4321 seq %d", WIDE_A, WIDE_B, seq);
		add_event(f, seq - 109, "icmp", a, "eth0", text);
		snprintf(text, sizeof(text), "echo reply %s > %s id 4321 seq %d", WIDE_B, WIDE_A, seq);
		add_event(f, seq - 109 + 0.0002, "icmp", b, "eth0", text);
	}
	for (int i = 0; i < 2; i++) {
		struct snap_fdb *d = &f->fdb[f->s.nfdb++];

		snprintf(d->bridge, sizeof(d->bridge), "br0");
		snprintf(d->mac, sizeof(d->mac), i ? "02:42:ac:11:00:02" : WIDE_MAC);
		snprintf(d->port, sizeof(d->port), i ? "veth-caf\u00e9" : "veth-hong");
		snprintf(d->type, sizeof(d->type), "learned");
		snprintf(d->owner, sizeof(d->owner), "%s:eth0", i ? b : a);
		d->age = 1.5 + i;
	}
	return 0;
}

/* What the kernel would say of every interface built as declared: up, forwarding, the file's
 * addresses. */
static void add_live(struct fixture *f)
{
	for (int i = 0; i < f->s.nifaces; i++) {
		struct snap_iface *x = &f->ifaces[i];
		const struct topo_end *end = &f->t.veths[x->veth].end[x->end];
		struct snap_link *l = &x->link;

		l->known = l->present = l->admin_up = l->carrier = true;
		snprintf(l->kind, sizeof(l->kind), "veth");
		snprintf(l->oper, sizeof(l->oper), "up");
		l->mtu = 1500;
		for (int a = 0; a < end->naddrs; a++)
			topo_addr_str(&end->addrs[a], l->addrs[l->naddrs++], sizeof(l->addrs[0]));
		if (*x->bridge) {
			l->is_port = true;
			snprintf(l->master, sizeof(l->master), "%s", x->bridge);
			snprintf(l->port.state, sizeof(l->port.state), "forwarding");
		}
	}
}

static struct snap_link *live_of(struct fixture *f, const char *netns, const char *ifname)
{
	for (int i = 0; i < f->s.nifaces; i++)
		if (!strcmp(f->ifaces[i].netns, netns) && !strcmp(f->ifaces[i].ifname, ifname))
			return &f->ifaces[i].link;
	return NULL;
}

/* router.topo with each wrong state once: lan1-h1 set down (so h1:eth0 has no carrier), lan1-r
 * disabled, router:eth2 without carrier, h2:eth0 missing, the bridge lan2 set down (its ports
 * left as they are, so that the other marks show); and live addresses that are not the file's:
 * router:eth1 has another, h1:eth0 two more. */
static void break_router(struct fixture *f)
{
	struct snap_iface *br;
	struct snap_link *l;

	add_live(f);
	br = &f->ifaces[f->s.nifaces++];
	*br = (struct snap_iface){ .ifname = "lan2", .veth = -1,
				   .link = { .known = true, .present = true, .kind = "bridge", .oper = "down",
					     .mtu = 1500 } };
	l = live_of(f, "", "lan1-h1");
	l->admin_up = l->carrier = false;
	snprintf(l->oper, sizeof(l->oper), "down");
	snprintf(l->port.state, sizeof(l->port.state), "disabled");
	l = live_of(f, "h1", "eth0");
	l->carrier = false;
	snprintf(l->oper, sizeof(l->oper), "lowerlayerdown");
	snprintf(l->addrs[l->naddrs++], sizeof(l->addrs[0]), "10.0.1.3/24");
	snprintf(l->addrs[l->naddrs++], sizeof(l->addrs[0]), "fe80::1/64");
	snprintf(live_of(f, "", "lan1-r")->port.state, sizeof(l->port.state), "disabled");
	l = live_of(f, "router", "eth2");
	l->carrier = false;
	snprintf(l->oper, sizeof(l->oper), "lowerlayerdown");
	snprintf(live_of(f, "router", "eth1")->addrs[0], sizeof(l->addrs[0]), "10.0.1.254/24");
	l = live_of(f, "h2", "eth0");
	memset(l, 0, sizeof(*l));
	l->known = true;
}

/* seed.topo where the live network differs from the file (snap_link.mismatch and
 * snap_netns.mismatch as source_live fills them): green:eth0-g has another address, veth-g is
 * off bridge1, red forwards no more. */
static void differ_seed(struct fixture *f)
{
	struct snap_link *l;

	add_live(f);
	l = live_of(f, "green", "eth0-g");
	snprintf(l->addrs[0], sizeof(l->addrs[0]), "10.0.1.2/24");
	snprintf(l->mismatch, sizeof(l->mismatch), "declared 10.0.0.2/24 on green:eth0-g but it has "
		 "10.0.1.2/24");
	l = live_of(f, "", "veth-g");
	l->is_port = false;
	l->master[0] = 0;
	snprintf(l->mismatch, sizeof(l->mismatch),
		 "declared veth-g on bridge1 but it has no master");
	f->netns[0] = (struct snap_netns){ .present = true };
	f->netns[1] = (struct snap_netns){
		.name = "red", .present = true,
		.mismatch = "declared forwarding on in red but it is off" };
	f->s.netns = f->netns;
	f->s.nnetns = 2;
}

/* The seed's bridge port veth-g drops 5 packets a second (no port to send them out of), bridge1
 * itself one, and a fresh interface's link-local chatter: a DAD probe event and an MLD report
 * flow, folded. */
static void drop_seed(struct fixture *f)
{
	struct snap_iface *g = NULL;
	struct snap_flow *mld = &f->flows[f->s.nflows++];
	struct snap_event *dad = &f->events[f->s.nevents++];

	for (int i = 0; i < f->s.nifaces; i++)
		if (!strcmp(f->ifaces[i].ifname, "veth-g"))
			g = &f->ifaces[i];
	g->drops = 12;
	g->drops_chatter = 3;
	g->drop_rate = 5;
	snprintf(g->drop_reason, sizeof(g->drop_reason), "NO_TX_TARGET");
	f->ifaces[f->s.nifaces++] = (struct snap_iface){ .ifname = "bridge1", .veth = -1, .drops = 1,
							 .drop_rate = 1, .drop_reason = "OTHERHOST" };
	*mld = (struct snap_flow){ .proto = "icmp6", .src = "fe80::7408:a9ff:fe53:b6aa",
				   .dst = "ff02::16", .src_netns = "green", .packets = 3, .bytes = 270 };
	*dad = (struct snap_event){ .time = T0 + 82, .kind = "icmp", .netns = "green",
				    .ifname = "eth0-g", .proto = "icmp6", .src = "::",
				    .dst = "ff02::1:ff53:b6aa",
				    .text = ":: > ff02::1:ff53:b6aa neighbor solicitation code 0" };
}

struct golden {
	const char *file, *topo;
	int w, h;
	bool traffic, color, utf8;
	bool broken; /* live state read, with each kind of wrong state once (break_router) */
	bool differs; /* live state read, differing from the file (differ_seed) */
	bool drops;   /* a bridge port dropping, link-local chatter (drop_seed) */
	const char *keys; /* typed before the render (NULL: none) */
	bool topology_only; /* the topology view alone, on a canvas narrower than the UI needs */
};

static const struct golden goldens[] = {
	{ .file = "seed-80x24-quiet-mono", .topo = "seed", .w = 80, .h = 24, .utf8 = true },
	{ .file = "seed-80x24-ping-color", .topo = "seed", .w = 80, .h = 24,
	  .traffic = true, .color = true, .utf8 = true },
	{ .file = "seed-80x24-ping-ascii", .topo = "seed", .w = 80, .h = 24, .traffic = true },
	{ .file = "seed-132x43-ping-mono", .topo = "seed", .w = 132, .h = 43,
	  .traffic = true, .utf8 = true },
	{ .file = "seed-132x43-quiet-color", .topo = "seed", .w = 132, .h = 43,
	  .color = true, .utf8 = true },
	{ .file = "router-80x24-quiet-color", .topo = "router", .w = 80, .h = 24,
	  .color = true, .utf8 = true },
	{ .file = "router-80x24-ping-mono", .topo = "router", .w = 80, .h = 24,
	  .traffic = true, .utf8 = true },
	{ .file = "router-132x43-ping-color", .topo = "router", .w = 132, .h = 43,
	  .traffic = true, .color = true, .utf8 = true },
	{ .file = "router-132x43-quiet-mono", .topo = "router", .w = 132, .h = 43, .utf8 = true },
	{ .file = "seed-80x24-interfaces", .topo = "seed", .w = 80, .h = 24,
	  .traffic = true, .utf8 = true, .keys = "2" },
	{ .file = "seed-80x24-traffic", .topo = "seed", .w = 80, .h = 24,
	  .traffic = true, .utf8 = true, .keys = "3" },
	{ .file = "seed-80x24-fdb", .topo = "seed", .w = 80, .h = 24,
	  .traffic = true, .utf8 = true, .keys = "4" },
	{ .file = "seed-80x24-paths", .topo = "seed", .w = 80, .h = 24,
	  .traffic = true, .color = true, .utf8 = true, .keys = "5" },
	/* An echo request no reply answered: a failed path, with the key for why. */
	{ .file = "seed-120x40-paths-noreply", .topo = "seed", .w = 120, .h = 40,
	  .traffic = true, .utf8 = true, .keys = "5j" },
	{ .file = "router-132x43-paths", .topo = "router", .w = 132, .h = 43,
	  .traffic = true, .utf8 = true, .keys = "5" },
	{ .file = "seed-80x24-help", .topo = "seed", .w = 80, .h = 24,
	  .traffic = true, .utf8 = true, .keys = "?" },
	{ .file = "seed-80x24-legend", .topo = "seed", .w = 80, .h = 24,
	  .traffic = true, .utf8 = true, .keys = "??" },
	{ .file = "seed-132x43-help", .topo = "seed", .w = 132, .h = 43,
	  .traffic = true, .utf8 = true, .keys = "?" },
	{ .file = "seed-80x24-focus-green", .topo = "seed", .w = 80, .h = 24,
	  .traffic = true, .utf8 = true, .keys = "l\r" },
	{ .file = "router-80x24-ping-picker", .topo = "router", .w = 80, .h = 24,
	  .traffic = true, .utf8 = true, .keys = "p" },
	{ .file = "router-80x24-states-color", .topo = "router", .w = 80, .h = 24,
	  .traffic = true, .color = true, .utf8 = true, .broken = true },
	{ .file = "router-80x24-states-ascii", .topo = "router", .w = 80, .h = 24,
	  .traffic = true, .broken = true },
	{ .file = "router-120x40-states-mono", .topo = "router", .w = 120, .h = 40,
	  .traffic = true, .utf8 = true, .broken = true },
	{ .file = "router-200x60-states-color", .topo = "router", .w = 200, .h = 60,
	  .traffic = true, .color = true, .utf8 = true, .broken = true },
	{ .file = "router-120x40-states-interfaces", .topo = "router", .w = 120, .h = 40,
	  .traffic = true, .color = true, .utf8 = true, .broken = true, .keys = "2" },
	/* Narrow: router:eth2's mark shortens ("no carrier", "NC") where its name does not fit. */
	{ .file = "router-50x60-states-mono", .topo = "router", .w = 50, .h = 60, .utf8 = true,
	  .broken = true, .topology_only = true },
	{ .file = "router-40x60-states-mono", .topo = "router", .w = 40, .h = 60, .utf8 = true,
	  .broken = true, .topology_only = true },
	/* The state on the status line at 80 columns: paused, focused, filtered. */
	{ .file = "seed-80x24-paused-focus-filter", .topo = "seed", .w = 80, .h = 24,
	  .traffic = true, .utf8 = true, .keys = " l\r/10.0\r" },
	{ .file = "seed-60x20-too-small", .topo = "seed", .w = 60, .h = 20, .utf8 = true },
	/* Wide characters, IPv6, MACs, 3-digit numbers (fixture_wide; also check_wide). */
	{ .file = "wide-80x24", .topo = "wide", .w = 80, .h = 24, .utf8 = true },
	{ .file = "wide-120x40", .topo = "wide", .w = 120, .h = 40, .utf8 = true },
	{ .file = "wide-200x60", .topo = "wide", .w = 200, .h = 60, .color = true, .utf8 = true },
	{ .file = "wide-80x24-ascii", .topo = "wide", .w = 80, .h = 24 },
	{ .file = "wide-80x24-traffic", .topo = "wide", .w = 80, .h = 24, .utf8 = true, .keys = "3" },
	{ .file = "wide-80x24-fdb", .topo = "wide", .w = 80, .h = 24, .utf8 = true, .keys = "4" },
	{ .file = "wide-120x40-focus", .topo = "wide", .w = 120, .h = 40, .utf8 = true, .keys = "\r" },
	{ .file = "seed-80x24-differs-color", .topo = "seed", .w = 80, .h = 24,
	  .color = true, .utf8 = true, .differs = true },
	{ .file = "seed-100x30-differs-ascii", .topo = "seed", .w = 100, .h = 30, .differs = true },
	/* Drops at a bridge port: the mark, the rate; the link selected (jj), its reason. */
	{ .file = "seed-80x24-drops", .topo = "seed", .w = 80, .h = 24, .traffic = true,
	  .color = true, .utf8 = true, .drops = true },
	{ .file = "seed-120x40-drops-selected", .topo = "seed", .w = 120, .h = 40, .traffic = true,
	  .utf8 = true, .drops = true, .keys = "lj" },
	{ .file = "seed-200x60-drops-chatter", .topo = "seed", .w = 200, .h = 60, .traffic = true,
	  .color = true, .utf8 = true, .drops = true, .keys = "6" },
	/* Issue 12's cases at its three sizes where the ones above have 80x24 only. */
	{ .file = "seed-120x40-paused-focus-filter", .topo = "seed", .w = 120, .h = 40,
	  .traffic = true, .utf8 = true, .keys = " l\r/10.0\r" },
	{ .file = "seed-200x60-paused-focus-filter", .topo = "seed", .w = 200, .h = 60,
	  .traffic = true, .utf8 = true, .keys = " l\r/10.0\r" },
	{ .file = "seed-120x40-legend", .topo = "seed", .w = 120, .h = 40,
	  .traffic = true, .utf8 = true, .keys = "??" },
	{ .file = "seed-200x60-help", .topo = "seed", .w = 200, .h = 60,
	  .traffic = true, .utf8 = true, .keys = "?" },
	{ .file = "seed-120x40-fdb", .topo = "seed", .w = 120, .h = 40,
	  .traffic = true, .utf8 = true, .keys = "4" },
	{ .file = "seed-200x60-fdb", .topo = "seed", .w = 200, .h = 60,
	  .traffic = true, .utf8 = true, .keys = "4" },
	{ .file = "seed-120x40-focus-green", .topo = "seed", .w = 120, .h = 40,
	  .traffic = true, .utf8 = true, .keys = "l\r" },
	{ .file = "seed-200x60-focus-green", .topo = "seed", .w = 200, .h = 60,
	  .traffic = true, .utf8 = true, .keys = "l\r" },
	{ .file = "seed-120x40-drops", .topo = "seed", .w = 120, .h = 40, .traffic = true,
	  .utf8 = true, .drops = true },
	{ .file = "seed-200x60-drops", .topo = "seed", .w = 200, .h = 60, .traffic = true,
	  .utf8 = true, .drops = true },
	{ .file = "wide-120x40-ascii", .topo = "wide", .w = 120, .h = 40 },
	{ .file = "wide-200x60-traffic", .topo = "wide", .w = 200, .h = 60, .utf8 = true, .keys = "3" },
	{ .file = "router-96x24-states-interfaces", .topo = "router", .w = 96, .h = 24,
	  .traffic = true, .utf8 = true, .broken = true, .keys = "2" },
};

static char *render(const struct golden *g, const struct snapshot *s)
{
	struct canvas *c = canvas_new(g->w, g->h);
	struct ui ui;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	ui_init(&ui, g->color, g->utf8);
	ui_render(&ui, s, c); /* the layout exists once drawn; keys may then move in it */
	for (const char *k = g->keys; k && *k; k++)
		ui_key(&ui, *k == '\r' ? UK_ENTER : *k, s);
	ui.frame = 0;
	ui_render(&ui, s, c);
	if (g->topology_only) {
		struct region all = region_make(c, 0, 0, g->w, g->h);

		canvas_clear(c);
		ui.topo = s->topo;
		view_topology(&ui, s, &all, NULL);
	}
	canvas_dump(c, out, g->utf8, true, g->color);
	fclose(out);
	ui_fini(&ui);
	canvas_free(c);
	return buf;
}

static void check(const struct golden *g, const char *dir, bool update)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char *got;

	if (!f || (!strcmp(g->topo, "wide") ? fixture_wide(f) : fixture_load(f, g->topo, g->traffic))) {
		tap_ok(0, "%s: fixture", g->file);
		free(f);
		return;
	}
	if (g->broken)
		break_router(f);
	if (g->differs)
		differ_seed(f);
	if (g->drops)
		drop_seed(f);
	got = render(g, &f->s);
	compare(dir, g->file, got, update);
	free(got);
	topo_free(&f->t);
	free(f);
}

/* UI's frame of SRC's snapshot on C, as text; then UI, C and SRC are freed. */
static char *fake_frame(struct ui *ui, struct canvas *c, struct source *src)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	ui_render(ui, src->ops->snapshot(src), c);
	canvas_dump(c, out, true, false, false);
	fclose(out);
	ui_fini(ui);
	canvas_free(c);
	src->ops->destroy(src);
	return buf;
}

/* The fake source EL seconds in, seed 7, rendered at W x H. */
static char *render_fake(const struct topo *t, double el, int w, int h)
{
	struct source *src = fake_source_new(t, 7, T0);
	struct ui ui;

	ui_init(&ui, false, true);
	src->ops->tick(src, T0 + el);
	return fake_frame(&ui, canvas_new(w, h), src);
}

/* Same seed, same time: the same screen, twice and as recorded. */
static void check_fake(const char *dir, bool update)
{
	struct topo t = { 0 };
	char *a, *b;

	if (topo_load("router", &t, stderr)) {
		tap_ok(0, "fake: router loads");
		return;
	}
	a = render_fake(&t, 90, 132, 43);
	b = render_fake(&t, 90, 132, 43);
	tap_ok(a && b && !strcmp(a, b), "the fake source is deterministic given its seed and the time");
	if (a)
		compare(dir, "fake-router-132x43", a, update);
	free(a);
	free(b);
	topo_free(&t);
	if (topo_load("seed", &t, stderr)) {
		tap_ok(0, "fake: seed loads");
		return;
	}
	a = render_fake(&t, 65, 80, 24); /* veth-r is down */
	if (a)
		compare(dir, "fake-seed-80x24-down", a, update);
	free(a);
	/* Its UDP to a closed port, dropped in red at 84.5 s: marked, then faded. */
	a = render_fake(&t, 86, 80, 24);
	b = render_fake(&t, 90, 80, 24);
	tap_ok(a && b && strstr(a, "\u2502\u2717eth0-r") && strstr(a, "\u2717 0.5 drop/s") &&
	       strstr(a, "red:eth0-r 0.5 drop/s, 5 so far: NO_SOCKET, nothing listens on that port") &&
	       !strstr(b, "\u2717"), "fake source: red's eth0-r marked for its drop 1.5 s after it, "
	       "with its rate and reason; 5.5 s after, no mark");
	free(a);
	free(b);
	topo_free(&t);
}

/* The fake source's `why` as the UI shows it: `w` on the seed's dropped path (its UDP to port 9)
 * at 62 s, answered three seconds later, when veth-r is down (65-75 s). PANE: the why pane open
 * (else closed again, Esc: the path's diagnosis); EL: when it is drawn. */
static char *render_why(const struct topo *t, double el, int w, int h, bool pane)
{
	struct source *src = fake_source_new(t, 7, T0);
	struct canvas *c = canvas_new(w, h);
	struct ui ui;

	ui_init(&ui, false, true);
	src->ops->tick(src, T0 + 62);
	ui_render(&ui, src->ops->snapshot(src), c);
	for (const char *k = "5/UDP\r"; *k; k++)
		ui_key(&ui, *k == '\r' ? UK_ENTER : *k, src->ops->snapshot(src));
	/* What tui.c does with UA_WHY. */
	if (ui_key(&ui, 'w', src->ops->snapshot(src)) == UA_WHY &&
	    !src->ops->why(src, ui.ping_from, ui.ping_to))
		ui.why_open = true;
	src->ops->tick(src, T0 + el);
	if (!pane)
		ui_key(&ui, UK_ESC, src->ops->snapshot(src));
	return fake_frame(&ui, c, src);
}

/* The why pane at every size from 1x1 (below 80x24 the screen only says the size it needs):
 * within the body, never over the status line. */
static void check_why_sizes(const struct topo *t)
{
	struct source *src = fake_source_new(t, 7, T0);
	int bad = 0;

	src->ops->tick(src, T0 + 62);
	src->ops->why(src, "red", "10.0.0.2");
	src->ops->tick(src, T0 + 66);
	for (int w = 1; w <= 90; w += 7)
		for (int h = 1; h <= 30; h += 3) {
			struct canvas *c = canvas_new(w, h);
			struct ui ui;

			ui_init(&ui, true, true);
			ui.why_open = true;
			ui_render(&ui, src->ops->snapshot(src), c);
			bad += w >= UI_MIN_W && h >= UI_MIN_H &&
			       canvas_glyph(canvas_at(c, 1, h - 1), true) != 's';
			ui_fini(&ui);
			canvas_free(c);
		}
	tap_ok(bad == 0, "the why pane renders at 1x1 .. 85x28, the status line intact (%d not)", bad);
	src->ops->destroy(src);
}

static void check_why(const char *dir, bool update)
{
	static const struct {
		const char *file;
		int w, h;
		bool pane;
	} shots[] = {
		{ "fake-seed-80x24-why", 80, 24, true },
		{ "fake-seed-120x40-why", 120, 40, true },
		{ "fake-seed-80x24-why-path", 80, 24, false },
		{ "fake-seed-120x40-why-path", 120, 40, false },
	};
	struct topo t = { 0 };
	char *got;

	if (topo_load("seed", &t, stderr)) {
		tap_ok(0, "why: seed loads");
		return;
	}
	got = render_why(&t, 63, 80, 24, true);
	tap_ok(got && strstr(got, "running why green \u2192 10.0.0.1 \u2026") &&
	       !strstr(got, "unreachable"), "the why pane says it is running until the answer comes");
	free(got);
	for (size_t i = 0; i < sizeof(shots) / sizeof(shots[0]); i++) {
		got = render_why(&t, 66, shots[i].w, shots[i].h, shots[i].pane);
		if (got)
			compare(dir, shots[i].file, got, update);
		free(got);
	}
	check_why_sizes(&t);
	topo_free(&t);
}

/* `w` from the topology: from the selected namespace (red, where the selection starts) to an
 * address typed in place of a pick; Enter with nothing typed does nothing. */
static void check_why_typed(void)
{
	struct source *src;
	struct canvas *c = canvas_new(80, 24);
	struct topo t = { 0 };
	enum ui_action a;
	char *screen = NULL;
	size_t len = 0;
	struct ui ui;
	FILE *out;

	if (topo_load("seed", &t, stderr) || !(src = fake_source_new(&t, 7, T0))) {
		tap_ok(0, "why typed: seed loads");
		canvas_free(c);
		return;
	}
	ui_init(&ui, false, true);
	ui_render(&ui, src->ops->snapshot(src), c);
	ui_key(&ui, 'w', src->ops->snapshot(src));
	tap_is_str(ui.ping_to, "green 10.0.0.2", "w offers green's address first");
	ui_key(&ui, '1', src->ops->snapshot(src));
	ui_key(&ui, UK_BACKSPACE, src->ops->snapshot(src));
	tap_ok(ui_key(&ui, UK_ENTER, src->ops->snapshot(src)) == UA_NONE && ui.picking,
	       "Enter with nothing typed runs nothing");
	for (const char *k = "10.0.0.99\b"; *k; k++)
		ui_key(&ui, *k == '\b' ? UK_BACKSPACE : *k, src->ops->snapshot(src));
	ui_render(&ui, src->ops->snapshot(src), c);
	out = open_memstream(&screen, &len);
	canvas_dump(c, out, true, false, false);
	fclose(out);
	tap_ok(strstr(screen, "why red\u2192address 10.0.0.9") != NULL,
	       "the status line shows the typed address");
	free(screen);
	a = ui_key(&ui, UK_ENTER, src->ops->snapshot(src));
	tap_ok(a == UA_WHY && !strcmp(ui.ping_from, "red") && !strcmp(ui.ping_to, "10.0.0.9"),
	       "Enter runs why from red to the typed 10.0.0.9");
	ui_fini(&ui);
	canvas_free(c);
	src->ops->destroy(src);
	topo_free(&t);
}

/* Text wraps at blanks, continued INDENT in; cut short, it ends in an ellipsis. */
static void check_wrap(void)
{
	static const char text[] = "the quick brown fox jumps over the lazy dog and over it again";
	struct canvas *c = canvas_new(24, 4);
	struct region r = region_make(c, 0, 0, 24, 4);
	struct ui ui;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	int rows;

	ui_init(&ui, false, true);
	rows = ui_wrap(&ui, &r, 0, 0, 20, 2, 2, ST_NORMAL, text);
	canvas_dump(c, out, true, false, false);
	fclose(out);
	tap_is_str(buf, "the quick brown fox\n  jumps over the\u2026\n\n\n",
	       "ui_wrap: broken at blanks, continued 2 in, the cut marked");
	tap_ok(rows == 2, "ui_wrap: 2 rows used of 2");
	free(buf);
	ui_fini(&ui);
	canvas_free(c);
}

static bool same_layout(const struct layout *a, const struct layout *b)
{
	if (a->nnodes != b->nnodes || a->nlinks != b->nlinks || a->w != b->w || a->h != b->h)
		return false;
	for (int i = 0; i < a->nnodes; i++) {
		const struct lnode *m = &a->nodes[i], *n = &b->nodes[i];

		if (m->kind != n->kind || m->index != n->index || m->x != n->x || m->y != n->y ||
		    m->w != n->w || m->h != n->h)
			return false;
	}
	for (int i = 0; i < a->nlinks; i++) {
		const struct llink *k = &a->links[i], *j = &b->links[i];

		if (k->veth != j->veth || k->npts != j->npts || k->label.x != j->label.x ||
		    k->label.y != j->label.y || memcmp(k->pts, j->pts, sizeof(k->pts[0]) * k->npts))
			return false;
	}
	return true;
}

/* Router drawn with every link up, then with four links and a bridge in a wrong state: the same
 * boxes and links in the same places, and the five states on the picture (none before). */
static void check_stable(void)
{
	static const int sizes[][2] = { { 80, 24 }, { 120, 40 }, { 200, 60 } };
	struct fixture *f = calloc(2, sizeof(*f));

	if (!f || fixture_load(&f[0], "router", true) || fixture_load(&f[1], "router", true)) {
		tap_ok(0, "stable layout: fixtures");
		goto out;
	}
	add_live(&f[0]);
	break_router(&f[1]);
	for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
		struct ui ui[2];
		char *text[2];
		int marks[2] = { 0, 0 };

		for (int i = 0; i < 2; i++) {
			struct canvas *c = canvas_new(sizes[z][0], sizes[z][1]);
			char *buf = NULL;
			size_t len = 0;
			FILE *out = open_memstream(&buf, &len);

			ui_init(&ui[i], false, true);
			ui_render(&ui[i], &f[i].s, c);
			canvas_dump(c, out, true, false, false);
			fclose(out);
			text[i] = buf;
			for (const char *m = buf; (m = strstr(m, "DOWN lan1-h1")) || (m = NULL); m++)
				marks[i]++;
			marks[i] += !!strstr(buf, "disabled lan1-r") + !!strstr(buf, "no carrier eth2") +
				    !!strstr(buf, "missing eth0") + !!strstr(buf, " lan2 D"); /* DOWN or DN */
			canvas_free(c);
		}
		tap_ok(same_layout(&ui[0].layout, &ui[1].layout),
		       "%dx%d: four links and a bridge in a wrong state leave every box and link where it was", sizes[z][0],
		       sizes[z][1]);
		tap_ok(marks[0] == 0 && marks[1] == 5, "%dx%d: ... and are marked (%d marks before, %d after)",
		       sizes[z][0], sizes[z][1], marks[0], marks[1]);
		for (int i = 0; i < 2; i++) {
			free(text[i]);
			ui_fini(&ui[i]);
		}
	}
out:
	for (int i = 0; f && i < 2; i++)
		topo_free(&f[i].t);
	free(f);
}

/* One UI through snapshots whose interfaces and topology come and go draws each as a fresh UI
 * would: nothing left over from the one before (a selection or focus on another topology's
 * object), no crash (ASan watches). */
static void check_vanish(void)
{
	static const struct golden g = { .file = "vanish", .w = 120, .h = 40, .utf8 = true };
	struct fixture *f = calloc(3, sizeof(*f));
	struct canvas *c = canvas_new(g.w, g.h);
	const struct snapshot *seq[5];
	struct ui ui;
	int bad = 0, gone = -1;

	if (!f || !c || fixture_load(&f[0], "router", true) || fixture_load(&f[1], "router", true) ||
	    fixture_load(&f[2], "seed", true)) {
		tap_ok(0, "vanish: fixtures");
		goto out;
	}
	break_router(&f[0]);
	break_router(&f[1]);
	for (int i = 0; i < f[1].s.nifaces; i++) /* h2:eth0 leaves the snapshot */
		if (!strcmp(f[1].ifaces[i].netns, "h2"))
			gone = i;
	memmove(&f[1].ifaces[gone], &f[1].ifaces[gone + 1],
		(--f[1].s.nifaces - gone) * sizeof(f[1].ifaces[0]));
	seq[0] = &f[0].s, seq[1] = &f[1].s, seq[2] = &f[0].s, seq[3] = &f[2].s, seq[4] = &f[0].s;
	ui_init(&ui, false, true);
	for (int i = 0; i < 5; i++) {
		char *want = render(&g, seq[i]), *got = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&got, &len);

		ui.frame = 0;
		ui_render(&ui, seq[i], c);
		canvas_dump(c, out, true, true, false); /* as render() dumps it */
		fclose(out);
		bad += !want || strcmp(want, got);
		if (i == 1)
			tap_ok(!strstr(got, "missing eth0"), "h2:eth0 gone from the snapshot: no mark on its link");
		if (i == 2) { /* focused on h2, a namespace seed does not have */
			ui.focus = FOCUS_NETNS;
			ui.focus_index = 2;
		}
		free(want);
		free(got);
	}
	tap_ok(bad == 0, "router, router without h2:eth0, router, seed, router: each drawn as new (%d not)",
	       bad);
	ui_fini(&ui);
out:
	canvas_free(c);
	for (int i = 0; f && i < 3; i++)
		topo_free(&f[i].t);
	free(f);
}

/* The fake source's timeline (fake_link.h), read from its snapshots. */
static void check_fake_states(void)
{
	static const struct {
		double at;
		const char *netns, *ifname, *state;
	} want[] = {
		{ 64, "", "veth-r", "up" },          { 65, "", "veth-r", "DOWN" },
		{ 65, "red", "eth0-r", "no carrier" }, { 74, "", "veth-r", "DOWN" },
		{ 75, "", "veth-r", "up" },          { 85, "", "veth-g", "disabled" },
		{ 95, "", "veth-g", "up" },          { 100, "green", "eth0-g", "no carrier" },
		{ 100, "", "veth-g", "up" },         { 110, "green", "eth0-g", "up" },
	};
	struct topo t = { 0 };
	const struct snapshot *s;
	struct source *src;
	int bad = 0;

	if (topo_load("seed", &t, stderr) || !(src = fake_source_new(&t, 7, T0))) {
		tap_ok(0, "fake states: seed loads");
		topo_free(&t);
		return;
	}
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *got = "(none)";

		src->ops->tick(src, T0 + want[i].at);
		s = src->ops->snapshot(src);
		for (int j = 0; j < s->nifaces; j++)
			if (!strcmp(s->ifaces[j].netns, want[i].netns) && !strcmp(s->ifaces[j].ifname, want[i].ifname))
				got = lstate_word(&s->ifaces[j]);
		if (strcmp(got, want[i].state))
			printf("# at %.0f s %s:%s is %s, not %s\n", want[i].at, want[i].netns, want[i].ifname,
			       got, want[i].state);
		bad += strcmp(got, want[i].state) != 0;
	}
	tap_ok(bad == 0, "fake source: veth-r down at 5 s of each minute for 10 s (eth0-r without carrier), "
	       "veth-g disabled at 25 s, eth0-g without carrier at 40 s (%d wrong)", bad);
	src->ops->tick(src, T0 + 110);
	s = src->ops->snapshot(src);
	tap_is_str(s->ifaces[0].link.mismatch,
		   "declared 10.0.0.1/24 on red:eth0-r but it has 10.0.0.129/24",
		   "fake source: red:eth0-r on another address at 50 s, said as check says it");
	tap_is_str(s->ifaces[0].link.addrs[0], "10.0.0.129/24", "... and that is its live address");
	src->ops->tick(src, T0 + 120);
	s = src->ops->snapshot(src);
	tap_ok(!*s->ifaces[0].link.mismatch && !strcmp(s->ifaces[0].link.addrs[0], "10.0.0.1/24"),
	       "... until 60 s");
	src->ops->destroy(src);
	topo_free(&t);
}

/* A link is drawn heavy above 1 Mbit/s both ways together (or 1000 packets/s): not at 2 x 400
 * kbit/s, at 2 x 2 Mbit/s. */
static void check_heavy(void)
{
	static const struct golden g = { .file = "heavy", .topo = "seed", .w = 80, .h = 24,
					  .traffic = true, .utf8 = true };
	static const double bps[2] = { 400e3, 2e6 };
	struct fixture *f = calloc(1, sizeof(*f));
	int heavy[2] = { 0, 0 };

	if (!f || fixture_load(f, g.topo, g.traffic)) {
		tap_ok(0, "heavy links: fixture");
		free(f);
		return;
	}
	for (int k = 0; k < 2; k++) {
		char *got;

		for (int i = 0; i < f->s.nifaces; i++)
			f->ifaces[i].rx.bps = f->ifaces[i].tx.bps = bps[k];
		got = render(&g, &f->s);
		for (const char *p = got; got && (p = strstr(p, "\u2503")); p++)
			heavy[k]++;
		free(got);
	}
	tap_ok(heavy[0] == 0 && heavy[1] > 0,
	       "links at 1 p/s: light at 2 x 400 kbit/s (%d heavy cells), heavy at 2 x 2 Mbit/s (%d)", heavy[0],
	       heavy[1]);
	topo_free(&f->t);
	free(f);
}

/* The fake source's rates in the live one's units: over its last second, packets/s is the packets
 * counted in that second and bits/s 8 times the bytes, for every interface and flow. */
static void check_fake_units(void)
{
	struct topo t = { 0 };
	struct source *src;
	const struct snapshot *s;
	struct snap_iface before[16];
	struct snap_flow fbefore[16];
	int bad = 0, nf = 0, n;

	if (topo_load("router", &t, stderr) || !(src = fake_source_new(&t, 7, T0))) {
		tap_ok(0, "fake units: router loads");
		topo_free(&t);
		return;
	}
	src->ops->tick(src, T0 + 40);
	s = src->ops->snapshot(src);
	n = s->nifaces < 16 ? s->nifaces : 16;
	memcpy(before, s->ifaces, n * sizeof(*before));
	nf = s->nflows < 16 ? s->nflows : 16;
	memcpy(fbefore, s->flows, nf * sizeof(*fbefore));
	src->ops->tick(src, T0 + 41);
	s = src->ops->snapshot(src);
	for (int i = 0; i < n; i++) {
		const struct snap_dir *a = &before[i].tx, *b = &s->ifaces[i].tx;

		bad += b->pps != (double)(b->packets - a->packets);
		bad += b->bps != (double)(b->bytes - a->bytes) * 8;
	}
	for (int i = 0; i < s->nflows; i++)
		for (int j = 0; j < nf; j++) {
			const struct snap_flow *a = &fbefore[j], *b = &s->flows[i];

			if (strcmp(a->src, b->src) || strcmp(a->dst, b->dst) || a->sport != b->sport ||
			    a->dport != b->dport || strcmp(a->proto, b->proto))
				continue;
			bad += b->pps != (double)(b->packets - a->packets);
			bad += b->bps != (double)(b->bytes - a->bytes) * 8;
		}
	tap_ok(n > 0 && nf > 0 && bad == 0,
	       "fake source: packets/s and bits/s are the last second's packets and 8 x bytes (%d wrong)", bad);
	src->ops->destroy(src);
	topo_free(&t);
}

/* A click on green's box selects it, a double click focuses it, a click on a tab switches view. */
static void check_click(void)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct canvas *c = canvas_new(80, 24);
	struct ui ui;
	const struct lnode *n;
	int green, x, y;

	if (!f || !c || fixture_load(f, "seed", true)) {
		tap_ok(0, "click: fixture");
		goto cleanup;
	}
	ui_init(&ui, false, true);
	ui_render(&ui, &f->s, c);
	green = layout_find_node(&ui.layout, LNODE_NETNS, 1);
	n = &ui.layout.nodes[green];
	x = n->x + 3 - ui.topo_view.ox + ui.topo_view.x;
	y = n->y + 1 - ui.topo_view.oy + ui.topo_view.y;
	ui_click(&ui, x, y, false, &f->s);
	tap_ok(ui.sel == green && ui.focus == FOCUS_NONE, "a click on green's box selects green");
	ui_click(&ui, x, y, true, &f->s);
	tap_ok(ui.focus == FOCUS_NETNS && ui.focus_index == 1, "a double click focuses green");
	ui_click(&ui, ui.tab_x[VIEW_FDB] + 1, 0, false, &f->s);
	tap_ok(ui.view == VIEW_FDB, "a click on the FDB tab shows the FDB");
	ui_fini(&ui);
cleanup:
	canvas_free(c);
	if (f)
		topo_free(&f->t);
	free(f);
}

/* The glyph at display column COL of LINE (one line of a dump), as the C library measures
 * columns (mbrtowc, wcwidth), into G; false when the line is shorter. */
static bool glyph_at(const char *line, int col, wchar_t *g)
{
	mbstate_t st = { 0 };
	int c = 0;

	for (size_t n; *line && *line != '\n'; line += n) {
		n = mbrtowc(g, line, MB_CUR_MAX, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			return false;
		if (c == col)
			return true;
		c += wcwidth(*g) > 0 ? wcwidth(*g) : 0;
		if (c > col)
			return false;
	}
	return false;
}

/* Display column of byte AT in its LINE. */
static int col_at(const char *line, const char *at)
{
	char buf[1024];
	wchar_t w[1024];
	size_t n;

	snprintf(buf, sizeof(buf), "%.*s", (int)(at - line), line);
	n = mbstowcs(w, buf, 1024);
	return n == (size_t)-1 ? -1 : wcswidth(w, n);
}

/* The box titled NAME in DUMP: its right border is in one column, top to bottom. */
static bool box_aligned(const char *dump, const char *name)
{
	char title[64];
	const char *line, *at, *corner;
	int left, right, rows = 0;
	wchar_t g;

	snprintf(title, sizeof(title), "\u256d\u2500 %s ", name);
	if (!(at = strstr(dump, title)) || !(corner = strstr(at, "\u256e")))
		return false;
	for (line = at; line > dump && line[-1] != '\n'; line--)
		;
	left = col_at(line, at);
	right = col_at(line, corner);
	while ((line = strchr(line, '\n')) && *++line && glyph_at(line, left, &g) && g != 0x2570) {
		if (!glyph_at(line, right, &g) || (g != 0x2502 && g != 0x2524))
			return false;
		rows++;
	}
	return line && glyph_at(line, right, &g) && g == 0x256f && rows > 0;
}

/* Every number after WORD in DUMP is one of the true ones, FIRST to LAST: none is cut short. */
static bool numbers_whole(const char *dump, const char *word, int first, int last)
{
	for (const char *p = dump; (p = strstr(p, word)); p++) {
		const char *d = p + strlen(word);
		int v = atoi(d);

		if (*d >= '0' && *d <= '9' && (v < first || v > last))
			return false;
	}
	return true;
}

/* Each IPv6 address of the fixture on screen is whole, or shortened in its middle (a … with
 * more of the address after it); with WHOLE, whole. */
static bool addrs_whole(const char *dump, bool whole)
{
	int n = 0;

	for (const char *p = dump; (p = strstr(p, "2001:db8:")); p++, n++) {
		size_t len = strcspn(p, " \n");
		char word[128];

		snprintf(word, sizeof(word), "%.*s", (int)len, p);
		const char *cut = strstr(word, "\u2026");

		if (strncmp(p, WIDE_A, strlen(WIDE_A)) && strncmp(p, WIDE_B, strlen(WIDE_B)) &&
		    (whole || !cut || !cut[strlen("\u2026")])) /* shortened in the middle only */
			return false;
	}
	return n > 0;
}

/* Focused on 红色 (Enter on the first namespace): its requests and café's replies, in the flows
 * and in the events, although the replies were seen on café's interface. */
static void check_focus_both_ways(const struct fixture *f)
{
	struct golden g = { .topo = "wide", .w = 200, .h = 60, .utf8 = true, .keys = "\r" };
	char *got = render(&g, &f->s);
	int req = 0, rep = 0;

	for (const char *p = got; (p = strstr(p, "echo re")); p++)
		*(p + 7) == 'q' ? req++ : rep++;
	tap_ok(strstr(got, "focus \u7ea2\u8272") && req == 5 && rep == 5 &&
	       strstr(got, "icmp6 \u7ea2\u8272 " WIDE_A) && strstr(got, "icmp6 caf\u00e9 " WIDE_B),
	       "focus on 红色: both flows and the 5 requests' and 5 replies' events (%d, %d)", req, rep);
	free(got);
}

/* The FDB view with port veth-café (9 characters, 10 bytes): each entry's MAC starts in the
 * column of the header's MAC, as the C library counts columns. */
static void check_fdb_columns(const struct fixture *f)
{
	struct golden g = { .topo = "wide", .w = 80, .h = 24, .utf8 = true, .keys = "4" };
	char *got = render(&g, &f->s), *line = got;
	int type = -1, bad = 0, rows = 0;

	for (; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		const char *at = strstr(line, " MAC ") ? strstr(line, " MAC ") + 1
				 : strstr(line, "4e:1c") ? strstr(line, "4e:1c") : strstr(line, "02:42");

		if (!at || (strchr(line, '\n') && at > strchr(line, '\n')))
			continue;
		if (type < 0)
			type = col_at(line, at);
		else
			bad += col_at(line, at) != type, rows++;
	}
	tap_ok(type > 0 && rows == 2 && !bad, "FDB: veth-café's row keeps its columns (%d of %d off)",
	       bad, rows);
	free(got);
}

/* 红色:eth0 as the kernel has it: an address one column wider than its box has room for is
 * shortened in its middle, whole groups on each side, and the box keeps its right edge. */
static void check_long_live_addr(struct fixture *f)
{
	struct golden g = { .topo = "wide", .w = 120, .h = 40, .utf8 = true, .keys = "" };
	struct snap_link *l = &f->ifaces[0].link;
	struct snap_link saved = *l;
	char *got;

	l->known = l->present = l->admin_up = l->carrier = true;
	l->naddrs = 2;
	snprintf(l->addrs[0], sizeof(l->addrs[0]), "10.0.0.1/24");
	snprintf(l->addrs[1], sizeof(l->addrs[1]), "2001:0db8:aaaa:bbbb:cccc:dddd:eeee:ffff/64");
	got = render(&g, &f->s);
	tap_ok(strstr(got, "2001:0db8:aaaa:bbbb\u2026:dddd:eeee:ffff") && box_aligned(got, "\u7ea2\u8272"),
	       "a live address wider than its box: shortened in its middle, the box aligned");
	free(got);
	*l = saved;
}

static void check_wide(void)
{
	static const struct {
		int w, h;
		const char *keys;
	} cases[] = { { 80, 24, "" }, { 120, 40, "" }, { 200, 60, "" }, { 80, 24, "3" },
		      { 120, 40, "3" }, { 200, 60, "3" } };
	struct fixture *f = calloc(1, sizeof(*f));

	tap_require(f && !fixture_wide(f), "the wide fixture");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct golden g = { .topo = "wide", .w = cases[i].w, .h = cases[i].h, .utf8 = true,
				    .keys = cases[i].keys };
		char *got = render(&g, &f->s), *text = strdup(got);

		*strstr(text, "-- flags") = 0; /* the text, without the attribute layers */
		const char *view = *g.keys ? "flows and events" : "topology";
		bool whole = g.w >= 120 && !*g.keys; /* the stacked events, full of IPv6, are cut */

		if (!*g.keys) /* at 80x24 café is scrolled out of view, below bridge br0 */
			tap_ok(box_aligned(text, "\u7ea2\u8272") &&
			       (g.w == 80 || box_aligned(text, "caf\u00e9")),
			       "%dx%d: the boxes' right edges line up, as wcwidth counts columns", g.w, g.h);
		tap_ok(numbers_whole(text, "seq ", 110, 114) && numbers_whole(text, "id ", 4321, 4321),
		       "%dx%d %s: every seq and echo id on screen is a true one, none cut short", g.w,
		       g.h, view);
		tap_ok(addrs_whole(text, whole), "%dx%d %s: every IPv6 address on screen is %s", g.w,
		       g.h, view, whole ? "whole" : "whole or marked …");
		free(text);
		free(got);
	}
	check_focus_both_ways(f);
	check_long_live_addr(f);
	check_fdb_columns(f);
	topo_free(&f->t);
	free(f);
}

/* C as text and attributes. */
static char *dump(const struct canvas *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	canvas_dump(c, out, true, true, true);
	fclose(out);
	return buf;
}

/* The cell of layout point (X, Y) of the topology UI last drew, on C. */
static const struct cell *topo_cell(const struct ui *ui, const struct canvas *c, int x, int y)
{
	return canvas_at(c, ui->topo_view.x + x - ui->topo_view.ox,
			 ui->topo_view.y + y - ui->topo_view.oy);
}

/* Not from a golden file: at each size the "✗" is red, in the cell left of veth-g's name in the
 * bridge box, where the layout put that port; and not there once the drops have faded. */
static void check_drop_cell(void)
{
	static const int sizes[][2] = { { 80, 24 }, { 120, 40 }, { 200, 60 } };
	struct fixture *f = calloc(1, sizeof(*f));
	int bad = 0;

	if (!f || fixture_load(f, "seed", true)) {
		tap_ok(0, "drop cell: fixture");
		free(f);
		return;
	}
	drop_seed(f);
	for (int fade = 0; fade < 2; fade++) {
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			struct canvas *c = canvas_new(sizes[i][0], sizes[i][1]);
			const struct llink *k = NULL;
			const struct cell *x;
			struct ui ui;

			ui_init(&ui, true, true);
			ui_render(&ui, &f->s, c);
			for (int j = 0; j < ui.layout.nlinks; j++)
				if (ui.layout.links[j].veth == 1)
					k = &ui.layout.links[j];
			x = k ? topo_cell(&ui, c, k->port[1].x - 1, k->port[1].y) : NULL;
			bad += !x || (fade ? x->ch == 0x2717 : x->ch != 0x2717 || x->style != ST_WARN);
			ui_fini(&ui);
			canvas_free(c);
		}
		for (int j = 0; j < f->s.nifaces; j++)
			f->ifaces[j].drop_rate = 0;
	}
	tap_ok(f->t.veths[1].end[1].kind == TOPO_OWNER_BRIDGE && bad == 0,
	       "a red \u2717 at veth-g's port in the bridge box at 80x24, 120x40, 200x60; none once "
	       "faded (%d wrong)", bad);
	topo_free(&f->t);
	free(f);
}

/* One UI drawn at 200x60, 80x24 and 200x60 again shows what a fresh UI shows at 200x60. */
static void check_resize(void)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct canvas *c = canvas_new(200, 60), *fresh = canvas_new(200, 60);
	struct ui ui, ui2;
	char *a, *b;

	tap_require(f && c && fresh && !fixture_wide(f), "the wide fixture");
	ui_init(&ui, true, true);
	ui_init(&ui2, true, true);
	ui_render(&ui, &f->s, c);
	tap_require(!canvas_resize(c, 80, 24), "a canvas of 80x24");
	ui_render(&ui, &f->s, c);
	tap_require(!canvas_resize(c, 200, 60), "a canvas of 200x60");
	ui.frame = 0; /* the packet markers step once a frame */
	ui_render(&ui, &f->s, c);
	ui_render(&ui2, &f->s, fresh);
	a = dump(c);
	b = dump(fresh);
	tap_ok(a && b && !strcmp(a, b), "200x60, then 80x24, then 200x60: the picture of a fresh start");
	free(a);
	free(b);
	ui_fini(&ui);
	ui_fini(&ui2);
	canvas_free(c);
	canvas_free(fresh);
	topo_free(&f->t);
	free(f);
}

/* The topology of router (and seed) in a region too short for it, at every height from 3 to
 * 14: `▼ more` takes only cells that are blank in the whole picture (drawn 60 rows high), never
 * a border, a line or text. */
static void check_more_hint(void)
{
	struct fixture *f = calloc(1, sizeof(*f));
	int covered = 0, hints = 0;

	tap_require(f && !fixture_load(f, "router", true), "the router fixture");
	for (int h = 3; h <= 14; h++) {
		struct canvas *tall = canvas_new(80, 60), *c = canvas_new(80, h);
		struct region rt = region_make(tall, 0, 0, 80, 60), rc = region_make(c, 0, 0, 80, h);
		struct ui a, b;

		ui_init(&a, false, true);
		ui_init(&b, false, true);
		a.topo = b.topo = &f->t;
		view_topology(&a, &f->s, &rt, NULL);
		view_topology(&b, &f->s, &rc, NULL);
		for (int x = 0; x < 80; x++) {
			const struct cell *want = canvas_at(tall, x, h - 1 - b.oy + a.oy);
			uint32_t g = canvas_glyph(canvas_at(c, x, h - 1), true);

			hints += g == 0x25bc;
			covered += g != canvas_glyph(want, true) && canvas_glyph(want, true) != ' ';
		}
		ui_fini(&a);
		ui_fini(&b);
		canvas_free(tall);
		canvas_free(c);
	}
	tap_ok(hints > 0 && covered == 0, "\u25bc more never covers a drawn cell (%d hints, %d cells covered)",
	       hints, covered);
	topo_free(&f->t);
	free(f);
}

/* Paused, focused on a link of 红色 and filtered: the three are on the status line at every
 * width from 80 to 200 columns. */
/* The help and the legend are never cut: no row of the box ends in `…` at the three
 * sizes (at 80x24 the legend is a second page, `??`; the legend's own `…` starts its row); the
 * legend names each mark, symbol and box shape. */
static void check_help_whole(void)
{
	static const int sizes[][2] = { { 80, 24 }, { 120, 40 }, { 200, 60 } };
	/* What the picture can draw: the legend names each. */
	static const char *const marks[] = { "\u2717", "DOWN", "no carrier", "disabled", "missing",
					     "\u2260", "\u25cf", "idle", "\u2581", "\u25b2 more", "\u2026",
					     "PAUSED", "#1", "\u256d" };
	struct fixture *f = calloc(1, sizeof(*f));
	int cut = 0, unexplained = 0;

	tap_require(f && !fixture_load(f, "seed", true), "the seed fixture");
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (int page = 0; page < 2; page++) {
			struct golden g = { .topo = "seed", .w = sizes[i][0], .h = sizes[i][1],
					    .utf8 = true, .traffic = true, .keys = page ? "??" : "?" };
			char *got = render(&g, &f->s);

			cut += !got || strstr(got, "\u2026 \u2502") || strstr(got, "\u2026\u2502");
			for (size_t m = 0; got && page && m < sizeof(marks) / sizeof(marks[0]); m++)
				unexplained += !strstr(got, marks[m]);
			free(got);
		}
	tap_ok(cut == 0, "help and legend at 80x24, 120x40, 200x60: no row cut with \u2026 (%d cut)", cut);
	tap_ok(unexplained == 0, "the legend names every mark the picture draws, at each size (%d missing)",
	       unexplained);
	topo_free(&f->t);
	free(f);
}

static void check_status_widths(void)
{
	struct fixture *f = calloc(1, sizeof(*f));
	int missing = 0;

	tap_require(f && !fixture_wide(f), "the wide fixture");
	for (int w = 80; w <= 200; w++) {
		struct golden g = { .topo = "wide", .w = w, .h = 24, .utf8 = true,
				    .keys = " j\r/2001:db8:aaaa:bbbb:cccc\r" };
		char *got = render(&g, &f->s), *status = got;

		for (int y = 0; y < g.h - 1; y++)
			status = strchr(status, '\n') + 1;
		*strchr(status, '\n') = 0;
		missing += !strstr(status, "PAUSED") || !strstr(status, "focus link \u7ea2\u8272:eth0") ||
			   !strstr(status, "/2001:db8:aaaa:bbbb:cccc");
		if (w == 80)
			printf("# %s\n", status);
		free(got);
	}
	tap_ok(missing == 0, "PAUSED, the focus and the filter on the status line at 80..200 columns "
	       "(%d widths without)", missing);
	topo_free(&f->t);
	free(f);
}

/* From 80x24 the status line is on the last row (the topology's name first); below, the line
 * in the middle names the size needed, whole: "nsviz needs at least 80×24; this terminal is
 * 50×20", "needs 80×24, is 8×20", "80×24" (or nothing, when even that does not fit). */
static bool status_or_size(const struct canvas *c)
{
	char *buf = NULL, want[96], line[512] = "";
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	bool ok;

	canvas_dump(c, out, true, false, false);
	fclose(out);
	if (c->w >= 80 && c->h >= 24) {
		ok = canvas_glyph(canvas_at(c, 1, c->h - 1), true) == 'r';
		free(buf);
		return ok;
	}
	for (int y = 0, i = 0; y <= (c->h - 1) / 2 && buf[i]; y++) /* the middle row */
		sscanf(buf + i, "%511[^\n]", line), i += strcspn(buf + i, "\n") + 1;
	snprintf(want, sizeof(want), "%d\u00d7%d", c->w, c->h);
	ok = strstr(line, "80\u00d724") ? !strstr(line, "is ") || strstr(line, want) : c->w < 5;
	free(buf);
	return ok;
}

/* Tiny and odd sizes, every view, help on top: nothing is drawn outside the canvas (ASan and
 * UBSan watch); the status line stays on the last row, or the size needed is said. */
static void check_sizes(void)
{
	struct fixture *f = calloc(1, sizeof(*f));
	int bad = 0;

	if (!f || fixture_load(f, "router", true)) {
		tap_ok(0, "sizes: fixture");
		free(f);
		return;
	}
	for (int w = 1; w <= 90; w += 7)
		for (int h = 1; h <= 30; h += 3)
			for (int v = VIEW_TOPOLOGY; v < VIEW_MAX; v++) {
				struct canvas *c = canvas_new(w, h);
				struct ui ui;

				ui_init(&ui, true, true);
				ui.view = v;
				ui.help = v == VIEW_PATHS ? 1 : v == VIEW_FDB ? 2 : 0;
				ui_render(&ui, &f->s, c);
				bad += !status_or_size(c);
				ui_fini(&ui);
				canvas_free(c);
			}
	tap_ok(bad == 0, "every view renders at 1x1 .. 85x28 (%d with neither the status line nor "
	       "the size needed)", bad);
	topo_free(&f->t);
	free(f);
}

/* History on the fake source (seed 7, 80 s in: a quiet moment of its timeline, every link up):
 * the links' sparklines, the interfaces view's graphs with their scales, and in the paths view
 * the selected path mid-replay (r, then 0.6 s: hop 2 of 4 current), at three sizes, monochrome
 * with the attributes (the current hop is reverse). */
static void check_history(const char *dir, bool update)
{
	static const struct { const char *name, *keys; double later; } cases[] = {
		{ "links", "", 0 }, { "graph", "2", 0 }, { "replay", "5jr", 0.6 },
	};
	static const int sizes[][2] = { { 80, 24 }, { 120, 40 }, { 200, 60 } };
	struct topo t = { 0 };

	if (topo_load("seed", &t, stderr)) {
		tap_ok(0, "history: seed loads");
		return;
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
			struct source *src = fake_source_new(&t, 7, T0);
			struct canvas *c = canvas_new(sizes[z][0], sizes[z][1]);
			char name[64], *buf = NULL;
			size_t len = 0;
			FILE *out = open_memstream(&buf, &len);
			struct ui ui;

			ui_init(&ui, false, true);
			src->ops->tick(src, T0 + 80);
			ui.clock = 100;
			ui_render(&ui, src->ops->snapshot(src), c);
			for (const char *k = cases[i].keys; *k; k++)
				ui_key(&ui, *k, src->ops->snapshot(src));
			ui.clock += cases[i].later;
			ui.frame = 0;
			ui_render(&ui, src->ops->snapshot(src), c);
			canvas_dump(c, out, true, true, false);
			fclose(out);
			snprintf(name, sizeof(name), "fake-seed-%dx%d-%s", sizes[z][0], sizes[z][1], cases[i].name);
			compare(dir, name, buf, update);
			free(buf);
			ui_fini(&ui);
			canvas_free(c);
			src->ops->destroy(src);
		}
	topo_free(&t);
}

int main(void)
{
	char dir[400];
	bool update = golden_start(dir, sizeof(dir));

	for (size_t i = 0; i < sizeof(goldens) / sizeof(goldens[0]); i++)
		check(&goldens[i], dir, update);
	check_click();
	check_sizes();
	check_wide();
	check_resize();
	check_more_hint();
	check_drop_cell();
	check_status_widths();
	check_help_whole();
	check_fake(dir, update);
	check_history(dir, update);
	check_fake_units();
	check_heavy();
	check_stable();
	check_vanish();
	check_fake_states();
	check_why(dir, update);
	check_why_typed();
	check_wrap();
	if (update)
		tap_ok(false, "golden files updated in %s: look at them (git diff), then run again "
		       "without UPDATE_GOLDEN", dir);
	return tap_done();
}
