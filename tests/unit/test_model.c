// SPDX-License-Identifier: GPL-2.0
/* The model and its JSON form without a kernel: rates from cumulative counters, flows placed in
 * their namespaces, events in words (ARP, ICMP, drops, FDB learn/move/delete), the recent-events
 * window, and the JSON lines of docs/json.md. */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "out_json.h"
#include "tap.h"
#include "topo.h"

static const struct snap_iface seed_ifaces[] = {
	{ .netns = "red", .ifname = "eth0-r", .ifindex = 2, .peer_ifname = "veth-r", .veth = 0 },
	{ .ifname = "veth-r", .ifindex = 3, .bridge = "bridge1", .peer_netns = "red",
	  .peer_ifname = "eth0-r", .veth = 0, .end = 1 },
	{ .netns = "green", .ifname = "eth0-g", .ifindex = 2, .peer_ifname = "veth-g", .veth = 1 },
	{ .ifname = "veth-g", .ifindex = 4, .bridge = "bridge1", .peer_netns = "green",
	  .peer_ifname = "eth0-g", .veth = 1, .end = 1 },
	{ .ifname = "bridge1", .ifindex = 5, .veth = -1 },
};

/* 10.0.0.1 (red) pings 10.0.0.2 (green). */
static const struct nsviz_flow_key ping_key = { .saddr = { 10, 0, 0, 1 }, .daddr = { 10, 0, 0, 2 },
						.sport = 7, .dport = 8, .ethertype = 0x0800,
						.proto = 1, .family = 4 };

/* A model of the seed topology T of its own, so that no test depends on what another left. */
static struct model *fresh(const struct topo *t)
{
	struct model *m = model_new(t, seed_ifaces, 5);

	if (!m) {
		tap_ok(false, "a model is made");
		exit(tap_done());
	}
	model_set_clock(m, 1000000000000000ll);
	model_set_hook_mode(m, "tcx");
	return m;
}

/* 10 then 20 packets received on red:eth0-r, 9 of them ICMP over IPv4, 1 ARP. */
static void rx_counters(struct model *m, uint64_t packets, uint64_t bytes)
{
	struct nsviz_counters c = { .packets = packets, .bytes = bytes };

	c.classes[NSVIZ_C_IPV4] = 9;
	c.classes[NSVIZ_C_ICMP] = 9;
	c.classes[NSVIZ_C_ARP] = 1;
	model_set_counters(m, 0, NSVIZ_DIR_RX, &c);
}

static char *json_of(const struct snapshot *s, const struct snap_event *e)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (s)
		out_json_snapshot(f, s);
	else
		out_json_event(f, e);
	fclose(f);
	return buf;
}

static void test_rates(const struct topo *t)
{
	struct model *m = fresh(t);
	const struct snapshot *s;

	rx_counters(m, 10, 1000);
	model_tick(m, 100.0);
	rx_counters(m, 20, 3000);
	model_tick(m, 102.0);
	s = model_snapshot(m);
	tap_ok(s->nifaces == 5 && s->ifaces[0].rx.packets == 20 && s->ifaces[0].rx.bytes == 3000,
	       "cumulative counters as given");
	tap_ok(s->ifaces[0].rx.pps == 5.0 && s->ifaces[0].rx.bps == 8000.0,
	       "rates over the time between ticks: 5 pps, 8000 bit/s");
	tap_ok(s->ifaces[0].hist_pps[SNAP_HIST - 1] == 5.0f, "the sparkline gets the newest rate");
	tap_ok(s->uptime == 2.0 && s->time == 102.0, "uptime and time from the ticks");
	model_free(m);
}

static void test_flows(const struct topo *t)
{
	struct model *m = fresh(t);
	struct nsviz_flow_key k = ping_key;
	struct nsviz_flow f = { .packets = 5, .bytes = 490, .points = 3 };
	struct nsviz_flow_key k2 = k, k3 = k;
	const struct snapshot *s;

	k2.sport = 9;
	k3.sport = 11;
	model_flows_begin(m);
	model_flow(m, &k, &f);
	model_tick(m, 103.0);
	f.packets = 15;
	model_flows_begin(m);
	model_flow(m, &k2, &(struct nsviz_flow){ .packets = 1 });
	model_flow(m, &k, &f);
	model_flow(m, &k3, &(struct nsviz_flow){ .points = 4 }); /* seen on a bridge port only */
	model_tick(m, 104.0);
	s = model_snapshot(m);
	tap_ok(s->nflows == 2 && s->flows[0].sport != 11 && s->flows[1].sport != 11,
	       "a flow with no packets and no bytes is not in the snapshot");
	tap_ok(s->nflows == 2 && !strcmp(s->flows[0].proto, "icmp") && s->flows[0].pps == 10.0,
	       "the busiest flow first, its rate against the previous tick (10 pps)");
	tap_is_str(s->flows[0].src, "10.0.0.1", "flow source address");
	tap_ok(!strcmp(s->flows[0].src_netns, "red") && !strcmp(s->flows[0].dst_netns, "green"),
	       "flow ends placed in red and green by the topology's addresses");
	tap_ok(s->flows[1].pps == 1.0, "a new flow's rate counts from zero");
	model_free(m);
}

static const struct snap_event *event(struct model *m, struct nsviz_event e, const char *reason)
{
	return model_event(m, &e, reason, true);
}

static void test_events(const struct topo *t)
{
	struct model *m = fresh(t);
	struct nsviz_event e = { .h = { .ts_ns = 5000000000ull, .skb = 0xffff888012345678ull,
				       .ifindex = 2, .iface = 0, .kind = NSVIZ_EV_ICMP,
				       .dir = NSVIZ_DIR_TX, .len = 98 } };
	const struct snap_event *me;
	char *js;

	e.icmp = (struct nsviz_ev_icmp){ .family = 4, .type = 8, .id = 7, .seq = 1,
					 .saddr = { 10, 0, 0, 1 }, .daddr = { 10, 0, 0, 2 } };
	me = event(m, e, NULL);
	tap_is_str(me->text, "10.0.0.1 > 10.0.0.2 echo request id 7 seq 1", "ICMP event text");
	tap_ok(!strcmp(me->netns, "red") && !strcmp(me->ifname, "eth0-r") && me->dir == 't',
	       "ICMP event placed at red:eth0-r tx");
	tap_ok(me->time == 1000005.0, "kernel time + clock offset = UNIX time");
	js = json_of(NULL, me);
	tap_ok(strstr(js, "\"kind\":\"icmp\"") && strstr(js, "\"id\":7,\"seq\":1") &&
	       strstr(js, "\"skb\":\"0xffff888012345678\"") && strstr(js, "\"dir\":\"tx\"") &&
	       js[strlen(js) - 1] == '\n', "ICMP event as one JSON line: id, seq, skb as hex");
	tap_ok(strstr(js, "\"icmp_type\":8,\"icmp_code\":0,") &&
	       !strstr(strstr(js, "\"type\":\"event\"") + 1, "\"type\":"),
	       "ICMP type and code as icmp_type, icmp_code: the only \"type\" is the event's");
	free(js);

	e.h.kind = NSVIZ_EV_ARP;
	e.arp = (struct nsviz_ev_arp){ .op = 1, .spa = { 10, 0, 0, 1 }, .tpa = { 10, 0, 0, 2 } };
	tap_is_str(event(m, e, NULL)->text, "who-has 10.0.0.2 tell 10.0.0.1", "ARP request text");

	e.h.kind = NSVIZ_EV_DROP;
	e.h.iface = 2;
	e.h.dir = NSVIZ_DIR_NONE;
	e.drop = (struct nsviz_ev_drop){ .reason = 3 };
	e.drop.key = (struct nsviz_flow_key){ .saddr = { 10, 0, 0, 1 }, .daddr = { 10, 0, 0, 2 },
					      .sport = 4000, .dport = 9, .proto = 17, .family = 4 };
	me = event(m, e, "NO_SOCKET");
	tap_is_str(me->text, "NO_SOCKET: udp 10.0.0.1:4000 > 10.0.0.2:9", "drop text with reason");
	js = json_of(NULL, me);
	tap_ok(strstr(js, "\"reason\":\"NO_SOCKET\"") && strstr(js, "\"dir\":null") &&
	       strstr(js, "\"netns\":\"green\""), "drop as JSON: reason, no direction, green");
	free(js);

	/* ping as root: the raw socket took its copy of the reply; the original is freed unwanted. */
	e.drop.key = (struct nsviz_flow_key){ .saddr = { 10, 0, 0, 2 }, .daddr = { 10, 0, 0, 1 },
					      .sport = 7, .dport = 0, .proto = 1, .family = 4 };
	tap_ok(!model_event(m, &e, "NO_SOCKET", true), "an echo reply freed as NO_SOCKET is no drop");
	tap_ok(model_event(m, &e, "NETFILTER_DROP", true) != NULL, "an echo reply freed otherwise is");
	model_free(m);
}

/* N drops at green:eth0-g (iface 2) of KEY, freed for REASON. */
static void drops(struct model *m, int n, struct nsviz_flow_key key, const char *reason)
{
	struct nsviz_event e = { .h = { .iface = 2, .kind = NSVIZ_EV_DROP, .dir = NSVIZ_DIR_NONE } };

	e.drop.key = key;
	for (int i = 0; i < n; i++)
		model_event(m, &e, reason, false);
}

/* Drops are counted per interface with their last reason; link-local chatter apart (as a
 * fresh veth's autoconfiguration has it dropped: NOT_SPECIFIED in ip6_mc_input); the rate fades
 * by half each interval without drops, to 0. */
static void test_drop_counts(const struct topo *t)
{
	struct nsviz_flow_key dad = { .daddr = { 0xff, 0x02, [15] = 0x16 }, .proto = 58,
				      .family = 6, .ethertype = 0x86dd };
	struct nsviz_flow_key rs = { .saddr = { 0xfe, 0x80, [15] = 1 },
				     .daddr = { 0xff, 0x02, [15] = 2 }, .proto = 58, .family = 6 };
	struct nsviz_flow_key global = { .saddr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 },
					 .daddr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 }, .proto = 58,
					 .family = 6 };
	struct nsviz_flow_key igmp = { .daddr = { 224, 0, 0, 22 }, .proto = 2, .family = 4 };
	struct model *m = fresh(t);
	const struct snap_iface *g;
	char *js;

	model_tick(m, 100.0);
	drops(m, 10, ping_key, "NETFILTER_DROP");
	drops(m, 3, dad, "NOT_SPECIFIED");
	drops(m, 1, rs, "QDISC_DROP");
	drops(m, 1, igmp, "QDISC_DROP");
	drops(m, 1, global, "NO_SOCKET");
	model_tick(m, 102.0);
	g = &model_snapshot(m)->ifaces[2];
	tap_ok(g->drops == 11 && g->drops_chatter == 5,
	       "11 drops counted at green:eth0-g, the 5 from or to ::, fe80::, ff02::, 0.0.0.0 > 224.0.0.22 "
	       "apart (%llu, %llu)",
	       (unsigned long long)g->drops, (unsigned long long)g->drops_chatter);
	tap_ok(g->drop_rate == 5.5, "drop rate: 11 drops in 2 s = 5.5/s (%g)", g->drop_rate);
	tap_is_str(g->drop_reason, "NO_SOCKET", "the last drop's reason is kept");
	tap_ok(model_snapshot(m)->ifaces[0].drops == 0, "red:eth0-r counts none");
	js = json_of(model_snapshot(m), NULL);
	tap_ok(js && strstr(js, "\"drops\":11,\"drops_link_local\":5,\"drop_rate\":5.5,"
			       "\"drop_reason\":\"NO_SOCKET\""), "the counters in the JSON snapshot");
	free(js);
	model_tick(m, 103.0);
	tap_ok(model_snapshot(m)->ifaces[2].drop_rate == 2.75, "a second without drops: half the rate");
	for (int i = 0; i < 6; i++)
		model_tick(m, 104.0 + i);
	tap_ok(model_snapshot(m)->ifaces[2].drop_rate == 0, "gone within 7 s of the last drop");
	model_free(m);
}

static void test_fdb(const struct topo *t)
{
	struct model *m = fresh(t);
	struct nsviz_event e = { .h = { .iface = 4, .kind = NSVIZ_EV_FDB, .dir = NSVIZ_DIR_NONE } };

	e.fdb = (struct nsviz_ev_fdb){ .op = NSVIZ_FDB_UPDATE, .br_ifindex = 5, .port_ifindex = 3,
				       .mac = { 2, 0, 0, 0, 0, 1 } };
	tap_is_str(event(m, e, NULL)->text, "learn 02:00:00:00:00:01 vlan 0 on veth-r", "FDB learn");
	e.fdb.port_ifindex = 4;
	tap_is_str(event(m, e, NULL)->text, "move 02:00:00:00:00:01 vlan 0 from veth-r to veth-g",
		   "FDB move: the same MAC on another port");
	e.fdb.op = NSVIZ_FDB_DELETE;
	tap_is_str(event(m, e, NULL)->fdb.op, "delete", "FDB delete");
	e.fdb.op = NSVIZ_FDB_UPDATE;
	tap_is_str(event(m, e, NULL)->fdb.op, "learn", "learned again after its deletion");
	model_free(m);
}

static void test_window(const struct topo *t)
{
	struct model *m = fresh(t);
	struct nsviz_event e = { .h = { .iface = 0, .kind = NSVIZ_EV_ICMP, .dir = NSVIZ_DIR_TX } };
	const struct snapshot *s;

	e.icmp = (struct nsviz_ev_icmp){ .family = 4, .type = 8, .saddr = { 10, 0, 0, 1 },
					 .daddr = { 10, 0, 0, 2 } };
	for (int i = 1; i <= MODEL_EVENTS_MAX + 10; i++) {
		e.icmp.seq = (uint16_t)i;
		model_event(m, &e, NULL, false);
	}
	s = model_snapshot(m);
	tap_ok(s->nevents == MODEL_EVENTS_MAX && s->events_seen == MODEL_EVENTS_MAX + 10,
	       "the window keeps the last %d events; events_seen counts them all", MODEL_EVENTS_MAX);
	tap_ok(strstr(s->events[s->nevents - 1].text, "seq 266") && strstr(s->events[0].text, "seq 11"),
	       "oldest first, newest last, formatted when shown");
	model_free(m);
}

static void test_json_snapshot(const struct topo *t)
{
	struct model *m = fresh(t);
	char *js;

	rx_counters(m, 20, 3000);
	model_flows_begin(m);
	model_flow(m, &ping_key, &(struct nsviz_flow){ .packets = 5, .bytes = 490, .points = 3 });
	model_set_lost(m, 3, 0);
	model_tick(m, 105.0);
	js = json_of(model_snapshot(m), NULL);
	tap_ok(!strncmp(js, "{\"type\":\"snapshot\",", 19) && strstr(js, "\"lost_events\":3"),
	       "snapshot line: type and lost_events");
	tap_ok(strstr(js, "{\"netns\":\"red\",\"ifname\":\"eth0-r\",\"ifindex\":2,\"bridge\":null,"
			  "\"peer\":{\"netns\":null,\"ifname\":\"veth-r\"},\"rx\":{\"packets\":20,") != NULL,
	       "interface: netns, ifname, ifindex, bridge null, peer, rx");
	tap_ok(strstr(js, "\"bridge\":\"bridge1\",\"peer\":{\"netns\":\"red\",\"ifname\":\"eth0-r\"}") &&
	       strstr(js, "\"ifname\":\"bridge1\",\"ifindex\":5,\"bridge\":null,\"peer\":null"),
	       "a bridge port names its bridge; a bridge device has no peer");
	tap_ok(strstr(js, "\"classes\":{\"arp\":1,\"ipv4\":9,\"ipv6\":0,\"icmp\":9,") &&
	       strstr(js, "\"points\":[0,1]"), "classes by name; flow points as a list of slots");
	free(js);
	model_free(m);
}

static void test_json_str(void)
{
	char *js = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&js, &len);

	out_json_str(f, "a\"b\\c\n", false);
	fclose(f);
	tap_is_str(js, "\"a\\\"b\\\\c\\u000a\"", "strings escaped");
	free(js);
}

/* The live network changed: red's veth is gone (a vacant number), green's stays, a new one takes
 * number 5; only what stayed keeps its counters, and a vacant number is not in the snapshot. */
static void test_set_ifaces(const struct topo *t)
{
	struct model *m = fresh(t);
	struct snap_iface ifs[6];
	struct nsviz_counters c = { .packets = 4, .bytes = 400 };
	const struct snapshot *s;

	for (int i = 0; i < 5; i++)
		model_set_counters(m, i, NSVIZ_DIR_TX, &c);
	model_tick(m, 100.0);
	memcpy(ifs, seed_ifaces, sizeof(seed_ifaces));
	memset(&ifs[0], 0, sizeof(ifs[0]));
	memset(&ifs[1], 0, sizeof(ifs[1]));
	ifs[5] = (struct snap_iface){ .netns = "blue", .ifname = "eth0-b", .ifindex = 2, .veth = 2 };
	snprintf(ifs[2].ifname, sizeof(ifs[2].ifname), "eth0-x"); /* renamed: same ifindex */
	tap_ok(!model_set_ifaces(m, t, ifs, 6), "model_set_ifaces");
	s = model_snapshot(m);
	tap_ok(s->nifaces == 4, "the snapshot leaves the two vacant numbers out (%d interfaces)",
	       s->nifaces);
	tap_is_str(s->ifaces[0].ifname, "eth0-x", "green's end first, under its new name");
	tap_ok(s->ifaces[0].tx.packets == 4 && s->ifaces[2].tx.bytes == 400,
	       "the interfaces that stayed keep their counters");
	tap_ok(s->ifaces[3].tx.packets == 0 && !strcmp(s->ifaces[3].ifname, "eth0-b"),
	       "the new one starts from zero");
	memcpy(ifs, seed_ifaces, sizeof(seed_ifaces));
	tap_ok(!model_set_ifaces(m, t, ifs, 5), "red's numbers taken again");
	s = model_snapshot(m);
	tap_ok(s->nifaces == 5 && s->ifaces[0].tx.packets == 0 && s->ifaces[4].tx.packets == 4,
	       "a reused number starts from zero, the others keep theirs");
	model_free(m);
}

int main(void)
{
	struct topo t = { 0 };

	if (!tap_ok(!topo_load("seed", &t, stderr), "the seed topology loads"))
		return tap_done();
	test_rates(&t);
	test_flows(&t);
	test_events(&t);
	test_drop_counts(&t);
	test_fdb(&t);
	test_window(&t);
	test_json_snapshot(&t);
	test_json_str();
	test_set_ifaces(&t);
	topo_free(&t);
	return tap_done();
}
