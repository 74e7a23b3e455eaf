// SPDX-License-Identifier: GPL-2.0
/* Hop correlation on synthetic observations: a forwarded ping and its reply (the reply reusing the
 * request's skb address), a flooded ARP request cloned per port, drops, a routed path, incomplete
 * paths after the timeout, a recycled pool of skb addresses, and sampling under a flood. */
#include <stdlib.h>
#include <string.h>

#include "frames.h"
#include "out_paths.h"
#include "paths.h"
#include "tap.h"

#define MS 1000000ull
#define NPATHS 256

enum { EN_R, VE_R, VE_G, EN_G, BR1, VE_B, EN_B, R_A, R_B, LAN1, LAN2, P1, P2, ROUT1, ROUT2, H1, H2, MV, TAP };

/* An observation point of the fixture; what is left out is "" (the host namespace, no bridge). */
struct iface {
	char netns[TOPO_NETNS_MAX + 1], ifname[TOPO_IFNAME_MAX + 1], bridge[TOPO_IFNAME_MAX + 1];
	bool is_bridge, open;
	int peer;
};

static const struct iface ifaces[] = {
	[EN_R] = { .netns = "red", .ifname = "eth0-r", .peer = VE_R },
	[VE_R] = { .ifname = "veth-r", .bridge = "bridge1", .peer = EN_R },
	[VE_G] = { .ifname = "veth-g", .bridge = "bridge1", .peer = EN_G },
	[EN_G] = { .netns = "green", .ifname = "eth0-g", .peer = VE_G },
	[BR1] = { .ifname = "bridge1", .bridge = "bridge1", .is_bridge = true, .peer = -1 },
	[VE_B] = { .ifname = "veth-b", .bridge = "bridge1", .peer = EN_B },
	[EN_B] = { .netns = "blue", .ifname = "eth0-b", .peer = VE_B },
	/* router.topo: h1 on lan1 — router — lan2 with h2 */
	[R_A] = { .netns = "router", .ifname = "eth-a", .peer = P1 },
	[R_B] = { .netns = "router", .ifname = "eth-b", .peer = P2 },
	[LAN1] = { .ifname = "lan1", .bridge = "lan1", .is_bridge = true, .peer = -1 },
	[LAN2] = { .ifname = "lan2", .bridge = "lan2", .is_bridge = true, .peer = -1 },
	[P1] = { .ifname = "veth-ra", .bridge = "lan1", .peer = R_A },
	[P2] = { .ifname = "veth-rb", .bridge = "lan2", .peer = R_B },
	[ROUT1] = { .ifname = "lan1-h1", .bridge = "lan1", .peer = H1 },
	[ROUT2] = { .ifname = "lan2-h2", .bridge = "lan2", .peer = H2 },
	[H1] = { .netns = "h1", .ifname = "eth0", .peer = ROUT1 },
	[H2] = { .netns = "h2", .ifname = "eth0", .peer = ROUT2 },
	/* a macvlan in namespace mv: its parent is not observed */
	[MV] = { .netns = "mv", .ifname = "mv0", .peer = -1, .open = true },
	/* a VM's tap port on bridge1 */
	[TAP] = { .ifname = "tap0", .bridge = "bridge1", .peer = -1, .open = true },
};

static struct snap_path got[NPATHS];
static int ngot;

static void collect(const struct snap_path *p, void *ctx)
{
	(void)ctx;
	if (ngot < NPATHS)
		got[ngot] = *p;
	ngot++;
}

static struct paths *setup(unsigned rate)
{
	struct paths *ps = paths_new(collect, NULL, rate);

	for (int i = 0; ps && i < (int)(sizeof(ifaces) / sizeof(ifaces[0])); i++)
		for (int d = 0; d < 2; d++) {
			struct path_point pt = { .dir = d ? 't' : 'r', .iface = i, .peer = ifaces[i].peer,
						 .is_bridge = ifaces[i].is_bridge,
						 .open = ifaces[i].open };

			strcpy(pt.netns, ifaces[i].netns);
			strcpy(pt.ifname, ifaces[i].ifname);
			strcpy(pt.bridge, ifaces[i].bridge);
			paths_set_point(ps, NSVIZ_SLOT(i, d ? NSVIZ_DIR_TX : NSVIZ_DIR_RX), &pt);
		}
	ngot = 0;
	return ps;
}

static uint64_t now = 1000 * MS;

/* Packet SKB with content FP seen at IFACE in direction D ('r'/'t'), 10 µs after the last one. */
static void see(struct paths *ps, uint64_t skb, uint64_t fp, int iface, char d)
{
	struct path_obs o = { .ts_ns = now += 10000, .skb = skb, .fp = fp, .summary = "test",
			      .proto = "icmp",
			      .slot = NSVIZ_SLOT(iface, d == 't' ? NSVIZ_DIR_TX : NSVIZ_DIR_RX) };

	paths_observe(ps, &o);
}

/* Packet SKB with content FP across seed's LAN: red's end, bridge1, green's end. */
static void red_to_green(struct paths *ps, uint64_t skb, uint64_t fp)
{
	see(ps, skb, fp, EN_R, 't');
	see(ps, skb, fp, VE_R, 'r');
	see(ps, skb, fp, VE_G, 't');
	see(ps, skb, fp, EN_G, 'r');
}

static void drop(struct paths *ps, uint64_t skb, int iface, const char *reason)
{
	struct path_obs o = { .ts_ns = now += 10000, .skb = skb, .drop_reason = reason,
			      .slot = iface < 0 ? -1 : NSVIZ_SLOT(iface, NSVIZ_DIR_RX),
			      .drop_where = iface < 0 ? "red:eth0-r" : NULL };

	paths_observe(ps, &o);
}

static const char *hops(const struct snap_path *p)
{
	static char buf[1024];

	out_paths_hops(p, buf, sizeof(buf));
	return buf;
}

static bool monotonic(const struct snap_path *p)
{
	for (int i = 1; i < p->nhops; i++)
		if (p->hops[i].t_us < p->hops[i - 1].t_us)
			return false;
	return true;
}

static void test_ping(void)
{
	struct paths *ps = setup(0);

	red_to_green(ps, 0xA, 1);
	/* the reply reuses the freed request's skb address */
	see(ps, 0xA, 2, EN_G, 't');
	see(ps, 0xA, 2, VE_G, 'r');
	see(ps, 0xA, 2, VE_R, 't');
	see(ps, 0xA, 2, EN_R, 'r');
	paths_tick(ps, now + PATHS_SETTLE_NS / 2);
	tap_ok(ngot == 0, "nothing emitted before the paths settle");
	paths_tick(ps, now + PATHS_SETTLE_NS);
	tap_ok(ngot == 2, "a request and a reply path (got %d)", ngot);
	tap_is_str(hops(&got[0]), "red:eth0-r tx → bridge1:veth-r rx → bridge1:veth-g tx → "
		   "green:eth0-g rx  [forward, 30 µs]", "request hops and verdict");
	tap_is_str(hops(&got[1]), "green:eth0-g tx → bridge1:veth-g rx → bridge1:veth-r tx → "
		   "red:eth0-r rx  [forward, 30 µs]", "reply hops in reverse");
	tap_ok(got[0].complete && got[1].complete, "both complete");
	tap_ok(monotonic(&got[0]) && got[0].hops[3].t_us == 30, "per-hop times from the first hop");
	tap_ok(got[0].nbridges == 1 && !strcmp(got[0].bridges[0].verdict, "forward") &&
	       got[0].bridges[0].ports == 1 && !got[0].bridges[0].local, "bridge1: forward, 1 port");
	tap_is_str(got[0].summary, "test", "summary of the first observation");
	paths_free(ps);
}

static void test_flood(void)
{
	struct paths *ps = setup(0);
	struct path_obs o = { .skb = 0xB, .fp = 7, .group = true, .summary = "arp",
			      .slot = NSVIZ_SLOT(EN_R, NSVIZ_DIR_TX) };

	o.ts_ns = now += 10000;
	paths_observe(ps, &o); /* a broadcast */
	see(ps, 0xB, 7, VE_R, 'r');
	see(ps, 0xC1, 7, VE_G, 't'); /* clones for all ports but the last */
	see(ps, 0xC2, 7, BR1, 'r');
	see(ps, 0xC1, 7, EN_G, 'r');
	see(ps, 0xB, 7, VE_B, 't');
	see(ps, 0xB, 7, EN_B, 'r');
	paths_tick(ps, now + PATHS_SETTLE_NS);
	tap_ok(ngot == 1, "one path for the flooded frame (got %d)", ngot);
	tap_is_str(hops(&got[0]), "red:eth0-r tx → bridge1:veth-r rx → { bridge1:veth-g tx → "
		   "green:eth0-g rx | host:bridge1 rx | bridge1:veth-b tx → blue:eth0-b rx }  "
		   "[flood to 2 ports and the bridge, 60 µs]", "branches per port and to the bridge device");
	tap_ok(!strcmp(got[0].verdict, "flood") && got[0].bridges[0].ports == 2 &&
	       got[0].bridges[0].local && got[0].complete, "verdict flood, 2 ports, local, complete");
	paths_free(ps);
}

/* Two ports: a broadcast goes to the other port and the bridge device: a flood all the same. */
static void test_flood_two_ports(void)
{
	struct paths *ps = setup(0);
	struct path_obs o = { .skb = 0x40, .fp = 8, .group = true, .summary = "arp",
			      .slot = NSVIZ_SLOT(EN_R, NSVIZ_DIR_TX) };

	o.ts_ns = now += 10000;
	paths_observe(ps, &o);
	see(ps, 0x40, 8, VE_R, 'r');
	see(ps, 0x40, 8, VE_G, 't');
	see(ps, 0x40, 8, EN_G, 'r');
	paths_tick(ps, now + PATHS_SETTLE_NS);
	tap_ok(ngot == 1 && !strcmp(got[0].verdict, "flood"), "a broadcast to one port: flood");
	tap_ok(strstr(hops(&got[0]), "[flood to 1 port, ") != NULL, "flood to 1 port in words");
	paths_free(ps);
}

/* Unicast red -> green at bridge1's port veth-r, UNKNOWN: the FDB had no entry for green's MAC. */
static void unicast_in(struct paths *ps, uint64_t skb, uint64_t fp, bool unknown)
{
	struct path_obs o = { .skb = skb, .fp = fp, .summary = "unicast",
			      .slot = NSVIZ_SLOT(EN_R, NSVIZ_DIR_TX) };

	o.ts_ns = now += 10000;
	paths_observe(ps, &o);
	o.ts_ns = now += 10000;
	o.slot = NSVIZ_SLOT(VE_R, NSVIZ_DIR_RX);
	o.unknown_dst = unknown;
	paths_observe(ps, &o);
}

/* Unicast red -> green through veth-g alone: the path emitted, or NULL. */
static const struct snap_path *to_green(struct paths *ps, uint64_t skb, uint64_t fp, bool unknown)
{
	ngot = 0;
	unicast_in(ps, skb, fp, unknown);
	see(ps, skb, fp, VE_G, 't');
	see(ps, skb, fp, EN_G, 'r');
	paths_tick(ps, now + PATHS_SETTLE_NS);
	return ngot == 1 ? &got[0] : NULL;
}

/* A unicast frame the bridge floods is unknown unicast: sent to several ports, or to one port
 * while the FDB had no entry for its destination; with an entry, to one port, it is forwarded. */
static void test_unknown_unicast(void)
{
	struct paths *ps = setup(0);
	const struct snap_path *p;

	unicast_in(ps, 0x60, 12, false);
	see(ps, 0x61, 12, VE_G, 't');
	see(ps, 0x61, 12, EN_G, 'r');
	see(ps, 0x60, 12, VE_B, 't');
	see(ps, 0x60, 12, EN_B, 'r');
	paths_tick(ps, now + PATHS_SETTLE_NS);
	tap_ok(ngot == 1 && strstr(hops(&got[0]), "[flood (unknown unicast) to 2 ports, ") &&
	       !strcmp(got[0].bridges[0].verdict, "flood (unknown unicast)"),
	       "unicast to 2 ports: flood (unknown unicast)");
	p = to_green(ps, 0x62, 13, true);
	tap_ok(p && !strcmp(p->verdict, "flood (unknown unicast)") &&
	       strstr(hops(p), "[flood (unknown unicast) to 1 port, "),
	       "unicast to 1 port with no FDB entry: flood (unknown unicast) to 1 port");
	p = to_green(ps, 0x63, 14, false);
	tap_ok(p && !strcmp(p->verdict, "forward"), "with an FDB entry: forward");
	paths_free(ps);
}

static void test_order(void)
{
	struct paths *ps = setup(0);

	see(ps, 0x50, 10, EN_R, 't');
	see(ps, 0x51, 11, EN_G, 't');
	see(ps, 0x51, 11, VE_G, 'r');
	see(ps, 0x51, 11, VE_R, 't');
	see(ps, 0x51, 11, EN_R, 'r');
	see(ps, 0x50, 10, VE_R, 'r');
	see(ps, 0x50, 10, VE_G, 't');
	see(ps, 0x50, 10, EN_G, 'r');
	paths_tick(ps, now + PATHS_SETTLE_NS);
	tap_ok(ngot == 2 && got[0].hops[0].ifname[5] == 'r', "paths come out oldest first");
	paths_free(ps);
}

/* A VM behind a tap port pings green: its frames come in at the tap's rx, green's replies leave
 * at the tap's tx. Both paths are whole, and forwarded by bridge1. */
static void test_vm(void)
{
	struct paths *ps = setup(0);

	see(ps, 0x80, 18, TAP, 'r');
	see(ps, 0x80, 18, VE_G, 't');
	see(ps, 0x80, 18, EN_G, 'r');
	see(ps, 0x81, 19, EN_G, 't');
	see(ps, 0x81, 19, VE_G, 'r');
	see(ps, 0x81, 19, TAP, 't');
	paths_tick(ps, now + PATHS_SETTLE_NS);
	tap_ok(ngot == 2 && got[0].complete && !strcmp(got[0].verdict, "forward") &&
	       got[1].complete && !strcmp(got[1].verdict, "forward"),
	       "a VM's request from its tap and the reply out of it: complete, forward");
	tap_is_str(hops(&got[1]), "green:eth0-g tx → bridge1:veth-g rx → bridge1:tap0 tx  [forward, 20 µs]",
		   "the reply leaves through the tap");
	paths_free(ps);
}

static void test_local(void)
{
	struct paths *ps = setup(0);

	see(ps, 0xD, 3, EN_R, 't');
	see(ps, 0xD, 3, VE_R, 'r');
	see(ps, 0xD, 3, BR1, 'r');
	paths_tick(ps, now + PATHS_SETTLE_NS);
	tap_ok(ngot == 1 && !strcmp(got[0].verdict, "local") && got[0].complete,
	       "to the bridge device: local");
	paths_free(ps);
}

static void test_drops(void)
{
	struct paths *ps = setup(0);

	red_to_green(ps, 0xE, 4);
	drop(ps, 0xE, EN_G, "NO_SOCKET");
	paths_tick(ps, now + PATHS_SETTLE_NS);
	tap_ok(ngot == 1, "a drop ends its path");
	tap_ok(!strcmp(got[0].verdict, "drop") && got[0].complete && got[0].nhops == 4,
	       "verdict drop after 4 hops");
	tap_is_str(hops(&got[0]), "red:eth0-r tx → bridge1:veth-r rx → bridge1:veth-g tx → "
		   "green:eth0-g rx  [drop: NO_SOCKET at green:eth0-g, 40 µs]", "reason and place");
	drop(ps, 0xF, -1, "NEIGH_FAILED");
	paths_tick(ps, now + PATHS_SETTLE_NS);
	tap_ok(ngot == 2 && got[1].nhops == 0 && !strcmp(got[1].verdict, "drop") &&
	       !strcmp(got[1].drop_where, "red:eth0-r"), "a drop before any hop is a path too");
	drop(ps, 0x10, 999, "NOT_SPECIFIED");
	paths_tick(ps, now + PATHS_TIMEOUT_NS);
	tap_ok(ngot == 2, "a drop of an unknown skb at no known point is ignored");
	paths_free(ps);
}

/* A delivered packet's skb address, reused at once by another packet that is then dropped: the
 * drop's L3 identity tells them apart. */
static void test_drop_reused(void)
{
	struct paths *ps = setup(0);
	static const int seq[][2] = { { EN_R, 't' }, { VE_R, 'r' }, { VE_G, 't' }, { EN_G, 'r' } };
	struct path_obs o = { .skb = 0x60, .fp = 13, .ident = 77 };

	for (size_t i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
		o.ts_ns = now += 10000;
		o.slot = NSVIZ_SLOT(seq[i][0], seq[i][1] == 't' ? NSVIZ_DIR_TX : NSVIZ_DIR_RX);
		paths_observe(ps, &o);
	}
	o = (struct path_obs){ .ts_ns = now += 10000, .skb = 0x60, .ident = 78, .join_only = true,
			       .drop_reason = "NOT_SPECIFIED", .slot = NSVIZ_SLOT(EN_G, NSVIZ_DIR_RX) };
	tap_ok(paths_observe(ps, &o) == 0, "a drop of another packet in the same skb: not ours");
	o.ident = 77;
	o.drop_reason = "NO_SOCKET";
	tap_ok(paths_observe(ps, &o) == 1, "the same identity: ours");
	paths_tick(ps, now + PATHS_SETTLE_NS);
	tap_ok(ngot == 1 && !strcmp(got[0].drop_reason, "NO_SOCKET"), "ended by its own drop");
	paths_free(ps);
}

/* A packet delivered to green, its skb address then reused by one dropped in blue: the drop
 * cannot be the delivered packet's (the identity says nothing, as for a path whose frames were
 * not IP). One still in flight is dropped where it can be: across its veth, in a namespace it
 * has entered (a router that forwards it out of another interface), or anywhere after it left
 * through an interface whose other side is not observed. */
static void test_drop_elsewhere(void)
{
	struct paths *ps = setup(0);

	red_to_green(ps, 0x70, 14);
	tap_ok(paths_observe(ps, &(struct path_obs){ .ts_ns = now += 10000, .skb = 0x70,
						      .join_only = true, .drop_reason = "NOT_SPECIFIED",
						      .slot = NSVIZ_SLOT(EN_B, NSVIZ_DIR_RX) }) == 0,
	       "a drop of its skb in another namespace: not ours");
	see(ps, 0x71, 15, EN_R, 't');
	drop(ps, 0x71, VE_R, "NOT_SPECIFIED");
	see(ps, 0x72, 16, H1, 't');
	see(ps, 0x72, 16, ROUT1, 'r');
	see(ps, 0x72, 16, P1, 't');
	see(ps, 0x72, 16, R_A, 'r');
	drop(ps, 0x72, R_B, "NEIGH_FAILED");
	see(ps, 0x73, 17, MV, 't');
	drop(ps, 0x73, EN_G, "NOT_SPECIFIED");
	paths_tick(ps, now + PATHS_TIMEOUT_NS);
	tap_ok(ngot == 4 && !got[0].drop_reason[0] && !strcmp(got[1].verdict, "drop") &&
	       got[1].nhops == 1 && !strcmp(got[2].drop_reason, "NEIGH_FAILED") &&
	       got[2].nhops == 4, "across the veth and inside the router: ours");
	tap_ok(ngot == 4 && !strcmp(got[3].verdict, "drop") && got[3].nhops == 1,
	       "sent out of an interface without a veth peer: ours wherever it is dropped");
	paths_free(ps);
}

static void test_router(void)
{
	struct paths *ps = setup(0);
	static const int seq[][2] = { { H1, 't' }, { ROUT1, 'r' }, { P1, 't' }, { R_A, 'r' },
				      { R_B, 't' }, { P2, 'r' }, { ROUT2, 't' }, { H2, 'r' } };

	for (size_t i = 0; i < sizeof(seq) / sizeof(seq[0]); i++)
		see(ps, 0x20, 9, seq[i][0], (char)seq[i][1]);
	paths_tick(ps, now + PATHS_SETTLE_NS);
	tap_ok(ngot == 1 && got[0].nhops == 8 && got[0].complete, "routed: one path of 8 hops");
	tap_is_str(hops(&got[0]), "h1:eth0 tx → lan1:lan1-h1 rx → lan1:veth-ra tx → "
		   "router:eth-a rx → router:eth-b tx → lan2:veth-rb rx → lan2:lan2-h2 tx → "
		   "h2:eth0 rx  [forward, 70 µs]", "through lan1, the router and lan2 in order");
	tap_ok(got[0].nbridges == 2 && !strcmp(got[0].bridges[0].bridge, "lan1") &&
	       !strcmp(got[0].bridges[1].verdict, "forward"), "a verdict per bridge");
	paths_free(ps);
}

static void test_incomplete(void)
{
	struct paths *ps = setup(0);

	see(ps, 0x30, 5, EN_R, 't');
	see(ps, 0x30, 5, VE_R, 'r');
	paths_tick(ps, now + PATHS_SETTLE_NS);
	tap_ok(ngot == 0, "a path stopped half-way waits for the timeout");
	paths_tick(ps, now + PATHS_TIMEOUT_NS);
	tap_ok(ngot == 1 && !got[0].complete, "then is emitted as incomplete");
	tap_is_str(hops(&got[0]), "red:eth0-r tx → bridge1:veth-r rx  [unknown, 10 µs, incomplete]",
		   "incomplete in words");
	see(ps, 0x31, 6, EN_R, 't');
	paths_flush(ps);
	tap_ok(ngot == 2 && !got[1].complete, "flush emits what is open");
	see(ps, 0x32, 7, EN_G, 'r');
	see(ps, 0x33, 8, EN_G, 't');
	see(ps, 0x33, 8, EN_R, 'r');
	paths_tick(ps, now + PATHS_SETTLE_NS);
	tap_ok(ngot == 4 && !got[2].complete && !got[3].complete,
	       "hops missing at the start or in the middle (lost records): incomplete");
	paths_free(ps);
}

/* Like TCP under load: a few skb addresses recycled by hundreds of packets, two in flight at a
 * time, so many open paths hold each address in a finished branch. */
static void test_recycled_skbs(void)
{
	struct paths *ps = setup(1000000);
	static const int seq[][2] = { { EN_R, 't' }, { VE_R, 'r' }, { VE_G, 't' }, { EN_G, 'r' } };
	int whole = 0;

	for (int k = 0; k < 200; k += 2)
		for (int h = 0; h < 4; h++)
			for (int j = k; j < k + 2; j++)
				see(ps, 0x7000 + j % 6 * 0x100, 20000 + j, seq[h][0], (char)seq[h][1]);
	paths_tick(ps, now + PATHS_SETTLE_NS);
	for (int i = 0; i < ngot && i < NPATHS; i++)
		whole += got[i].complete && got[i].nhops == 4 && got[i].hops[3].from == 2;
	tap_ok(ngot == 200 && whole == 200, "200 packets over 6 skb addresses: 200 whole paths "
	       "(got %d, %d whole)", ngot, whole);
	paths_free(ps);
}

/* A packet still moving whose skb address then carries another packet: it was lost (freed). */
static void test_lost_tail(void)
{
	struct paths *ps = setup(0);

	see(ps, 0x90, 31, EN_R, 't');
	see(ps, 0x90, 31, VE_R, 'r');
	red_to_green(ps, 0x90, 32);
	paths_tick(ps, now + PATHS_SETTLE_NS);
	tap_ok(ngot == 2 && !got[0].complete && got[0].nhops == 2 && got[1].complete &&
	       got[1].nhops == 4, "the first ends incomplete at once, the second is whole");
	paths_free(ps);
}

/* Without a summary the observation's frame is described, only for a path that is recorded. */
static void test_summary_from_frame(void)
{
	struct paths *ps = setup(0);
	struct path_obs o = { .ts_ns = now += 10000, .skb = 0x95, .fp = 33, .proto = "icmp",
			      .frame = frame_icmp_req, .caplen = sizeof(frame_icmp_req),
			      .slot = NSVIZ_SLOT(EN_R, NSVIZ_DIR_TX) };

	paths_observe(ps, &o);
	paths_flush(ps);
	tap_is_str(ngot == 1 ? got[0].summary : "", "10.0.0.1 > 10.0.0.2 ICMP echo request id 7 seq 1",
		   "the summary of the frame");
	paths_free(ps);
}

static void test_sampling(void)
{
	struct paths *ps = setup(10);
	struct path_stats st;

	for (int i = 0; i < 100; i++) {
		see(ps, 0x100 + i, 1000 + i, EN_R, 't');
		see(ps, 0x100 + i, 1000 + i, VE_R, 'r');
	}
	paths_tick(ps, now + PATHS_TIMEOUT_NS);
	paths_stats(ps, &st);
	tap_ok(ngot == 10 && st.emitted == 10, "10 paths/s: 10 of 100 kept (got %d)", ngot);
	tap_ok(st.sampled_out == 90, "90 sampled out and counted (%llu)",
	       (unsigned long long)st.sampled_out);
	tap_ok(got[9].nhops == 2, "the kept ones have all their hops");
	paths_free(ps);

	ps = setup(1000000);
	for (int i = 0; i < PATHS_OPEN_MAX + 5; i++)
		see(ps, 0x1000 + i, 5000 + i, EN_R, 't');
	tap_ok(ngot == 5, "a full table emits its oldest paths, never loses them (%d)", ngot);
	paths_free(ps);
}

int main(void)
{
	test_ping();
	test_flood();
	test_flood_two_ports();
	test_unknown_unicast();
	test_order();
	test_local();
	test_vm();
	test_drops();
	test_drop_reused();
	test_drop_elsewhere();
	test_router();
	test_incomplete();
	test_recycled_skbs();
	test_lost_tail();
	test_summary_from_frame();
	test_sampling();
	return tap_done();
}
