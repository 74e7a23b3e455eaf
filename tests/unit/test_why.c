// SPDX-License-Identifier: GPL-2.0
/* The configuration analysis of `nsviz why` on live networks built here by hand: a healthy bridge
 * LAN with a router to a second LAN gives the path and no cause; then one fault at a time, each
 * named with its object, and the path stops where it should. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "live_fixture.h"
#include "why.h"

enum { HOST, BLUE, FAR, GREEN, RED, NNS };

static struct nl_addr red_a[1], green_a[1], blue_a[1], blue1_a[1], far_a[1];
static struct live_link host[5], red[2], green[2], blue[3], far[2];
static struct nl_route red_r[2], green_r[2], blue_r[2], far_r[2];
static struct live_ns nss[NNS];
static struct live net = { .ns = nss, .nns = NNS };
static struct why_if_conf confs[NNS][1];
static struct why_ns_facts facts_ns[NNS];
static struct why_facts facts = { .ns = facts_ns, .nns = NNS };

static struct nl_route route(const char *dst, const char *gw, int oif)
{
	struct topo_addr d = addr(oif, dst, 0).a;
	struct nl_route r = { .family = AF_INET, .dst_len = d.prefix, .type = RTN_UNICAST,
			      .table = RT_TABLE_MAIN, .oif = oif };

	memcpy(r.dst, d.addr, 4);
	if (gw) {
		char full[32];

		snprintf(full, sizeof(full), "%s/32", gw);
		memcpy(r.gw, addr(oif, full, 0).a.addr, 4);
		r.has_gw = true;
	}
	return r;
}

static void set(struct live_link *l, struct nl_addr *a, const char *s)
{
	*a = addr(l->l.ifindex, s, RT_SCOPE_UNIVERSE);
	l->addrs = a;
	l->naddrs = 1;
	l->l.carrier = true;
	l->l.operstate = 6; /* up */
	l->l.mac_len = 6;
}

static void ns(int i, const char *name, struct live_link *links, int n, struct nl_route *r, int nr)
{
	nss[i] = (struct live_ns){ .origin = i ? LIVE_NAMED : LIVE_HOST, .links = links,
				   .nlinks = n, .routes = r, .nroutes = nr };
	snprintf(nss[i].name, sizeof(nss[i].name), "%s", name);
	facts_ns[i] = (struct why_ns_facts){ .ifs = confs[i], .nifs = 0 };
}

/* host: bridge1 with ports veth-r, veth-g, veth-b; red 10.0.0.1, green 10.0.0.2, blue 10.0.0.3
 * routes to far (10.0.9.2) over its eth1-b 10.0.9.1; red's default route is via blue. */
static void build(void)
{
	host[0] = link_(1, "lo", "", UP, 65536, 0);
	host[1] = link_(2, "bridge1", "bridge", UP, 1500, 0);
	host[2] = link_(3, "veth-r", "veth", UP, 1500, 2);
	host[3] = link_(4, "veth-g", "veth", UP, 1500, 2);
	host[4] = link_(5, "veth-b", "veth", UP, 1500, 2);
	for (int i = 1; i < 5; i++) {
		host[i].l.carrier = true;
		host[i].l.operstate = 6;
		host[i].l.port.state = 3; /* forwarding */
	}
	red[0] = link_(1, "lo", "", UP, 65536, 0);
	red[1] = link_(2, "eth0-r", "veth", UP, 1500, 0);
	set(&red[1], red_a, "10.0.0.1/24");
	red_r[0] = route("10.0.0.0/24", NULL, 2);
	red_r[1] = route("0.0.0.0/0", "10.0.0.3", 2);
	green[0] = link_(1, "lo", "", UP, 65536, 0);
	green[1] = link_(2, "eth0-g", "veth", UP, 1500, 0);
	set(&green[1], green_a, "10.0.0.2/24");
	green_r[0] = route("10.0.0.0/24", NULL, 2);
	blue[0] = link_(1, "lo", "", UP, 65536, 0);
	blue[1] = link_(2, "eth0-b", "veth", UP, 1500, 0);
	set(&blue[1], blue_a, "10.0.0.3/24");
	blue[2] = link_(3, "eth1-b", "veth", UP, 1500, 0);
	set(&blue[2], blue1_a, "10.0.9.1/24");
	blue_r[0] = route("10.0.0.0/24", NULL, 2);
	blue_r[1] = route("10.0.9.0/24", NULL, 3);
	far[0] = link_(1, "lo", "", UP, 65536, 0);
	far[1] = link_(2, "eth0-f", "veth", UP, 1500, 0);
	set(&far[1], far_a, "10.0.9.2/24");
	far_r[0] = route("10.0.9.0/24", NULL, 2);
	far_r[1] = route("0.0.0.0/0", "10.0.9.1", 2);
	ns(HOST, "", host, 5, NULL, 0);
	ns(RED, "red", red, 2, red_r, 2);
	ns(GREEN, "green", green, 2, green_r, 1);
	ns(BLUE, "blue", blue, 3, blue_r, 2);
	ns(FAR, "far", far, 2, far_r, 2);
	nss[BLUE].forwarding = true;
	peer(&net, HOST, 2, RED, 1);
	peer(&net, HOST, 3, GREEN, 1);
	peer(&net, HOST, 4, BLUE, 1);
	peer(&net, BLUE, 2, FAR, 1);
}

static struct why_result res;

/* Analyse red → DEST (SIZE bytes of ICMP). */
static void run(const char *dest, unsigned int size)
{
	struct why_query q = { .from = RED, .size = size, .proto = WHY_ICMP };

	tap_require(!why_parse_dest(&net, dest, &q.dst), "destination");
	why_analyse(&net, &facts, &q, &res);
}

static void path_is(const char *want, const char *name)
{
	char got[1024] = "";
	size_t n = 0;

	for (int i = 0; i < res.nhops; i++)
		n += snprintf(got + n, sizeof(got) - n, "%s%s", i ? " " : "", res.hops[i].label);
	tap_is_str(got, want, name);
}

/* The first cause is FAULT on OBJECT, saying TEXT; the analysis says blocked unless a NOTE. */
static void cause_is(const char *name, const char *object, const char *fault, const char *text)
{
	tap_ok(res.ncauses > 0, "%s: a cause", name);
	if (!res.ncauses)
		return;
	tap_is_str(res.causes[0].object, object, name);
	tap_is_str(res.causes[0].fault, fault, name);
	tap_is_str(res.causes[0].text, text, name);
	build();
}

/* The analysis arrives with one finding, a note: FAULT on OBJECT, saying TEXT. */
static void note_is(const char *name, const char *object, const char *fault, const char *text)
{
	tap_ok(res.arrived && res.ncauses == 1 && res.causes[0].rank == WHY_NOTE,
	       "%s: arrives, one note", name);
	cause_is(name, object, fault, text);
}

static void test_healthy(void)
{
	struct topo_addr a;

	tap_ok(why_parse_dest(&net, "2001:db8::2", &a) == -EAFNOSUPPORT,
	       "an IPv6 destination is refused as such, not guessed");
	tap_ok(why_parse_dest(&net, "nowhere", &a) == -EINVAL, "neither address nor namespace");
	run("green", 56);
	path_is("red:eth0-r veth-r bridge1 veth-g green:eth0-g", "healthy: the path to green");
	tap_ok(res.arrived && !res.ncauses, "healthy: arrives, no cause (%d)", res.ncauses);
	tap_ok(res.nvisited == 3 && res.visited[0] == RED && res.visited[1] == HOST &&
	       res.visited[2] == GREEN, "healthy: red, the host and green visited, not blue or far");
	run("10.0.9.2", 56);
	path_is("red:eth0-r veth-r bridge1 veth-b blue:eth0-b blue:eth1-b far:eth0-f",
		"healthy: through the router blue to far");
	tap_ok(res.arrived && !res.ncauses, "healthy: routed, no cause (%d)", res.ncauses);
}

/* A port not flooded to, towards green, and the FDB read from the host: empty, then with
 * green's MAC behind another port, then behind veth-g. */
static void test_fdb(void)
{
	struct why_fdb e = { .port = 5, .mac = { 2, 0, 0, 0, 0, 2 } };

	host[3].l.port.flood = false;
	memcpy(green[1].l.mac, e.mac, 6);
	run("green", 56);
	tap_ok(!res.ncauses, "flood off, FDB not read: nothing said");
	facts_ns[HOST].fdb_read = true;
	facts_ns[HOST].fdb = &e;
	facts_ns[HOST].nfdb = 1;
	run("green", 56);
	cause_is("flood off, green's MAC behind another port", "veth-g", "no-fdb-entry",
		 "veth-g, a port of bridge1, is not flooded to (flood off) and bridge1 has no FDB "
		 "entry for green:eth0-g's MAC 02:00:00:00:00:02 there: unicast to it is dropped "
		 "until it sends");
	host[3].l.port.flood = false;
	memcpy(green[1].l.mac, e.mac, 6);
	e.port = 4;
	facts_ns[HOST] = (struct why_ns_facts){ .fdb = &e, .nfdb = 1, .fdb_read = true };
	run("green", 56);
	tap_ok(!res.ncauses, "flood off, green's MAC learned behind veth-g: no cause (%d)",
	       res.ncauses);
	host[3].l.port.learning = false;
	run("green", 56);
	note_is("no learning, no flood, the entry still there", "veth-g", "no-learning-no-flood",
		 "veth-g, a port of bridge1, neither learns nor is flooded to: unicast reaches "
		 "green:eth0-g only while bridge1 keeps its FDB entry for 02:00:00:00:00:02");
	host[3].l.port.flood = host[3].l.port.learning = false;
	memcpy(green[1].l.mac, e.mac, 6);
	facts_ns[HOST] = (struct why_ns_facts){ .fdb_read = true };
	run("green", 56);
	cause_is("no learning, no flood, no entry", "veth-g", "no-learning-no-flood",
		 "veth-g, a port of bridge1, neither learns nor is flooded to, and bridge1 has no "
		 "FDB entry for green:eth0-g's MAC 02:00:00:00:00:02 there: unicast never reaches "
		 "it");
}

static void test_links(void)
{
	green[1].l.flags &= ~IFF_UP;
	run("green", 56);
	cause_is("admin down", "green:eth0-g", "admin-down", "green's eth0-g is down (admin)");
	host[1].l.flags &= ~IFF_UP;
	host[2].l.port.state = host[3].l.port.state = 0; /* the bridge disables its ports */
	run("green", 56);
	tap_ok(res.ncauses == 3 && res.causes[1].rank == WHY_SYMPTOM &&
	       !strcmp(res.causes[1].text, "veth-r, a port of bridge1, is disabled (the bridge is "
		       "down)"), "bridge down: its disabled ports are symptoms (%s)",
	       res.ncauses > 1 ? res.causes[1].text : "");
	cause_is("bridge down", "bridge1", "admin-down", "bridge1 is down (admin)");
	host[3].l.master = 0;
	run("green", 56);
	cause_is("port off its bridge", "veth-g", "no-master",
		 "veth-g is not a port of bridge1 (no master), so green:eth0-g (10.0.0.2) is cut off");
	host[2].l.port.isolated = host[3].l.port.isolated = true;
	run("green", 56);
	cause_is("isolated ports", "veth-g", "isolated",
		 "veth-r and veth-g are both isolated ports of bridge1: the bridge forwards "
		 "nothing between them");
	host[3].l.port.state = 4;
	host[1].l.stp = true;
	run("green", 56);
	cause_is("blocking port", "veth-g", "port-state",
		 "veth-g, a port of bridge1, is blocking (STP is on)");
	green[1].l.mtu = 1000;
	run("green", 1400);
	tap_is_str(res.causes[0].peer, "veth-g", "MTU: it shows where veth-g sends");
	cause_is("MTU", "green:eth0-g", "mtu",
		 "MTU 1000 on green:eth0-g is below the 1428-byte probe (DF)");
	host[3].l.port.learning = false;
	run("green", 56);
	note_is("no learning: flooded", "veth-g", "flood",
		 "bridge1 does not learn on veth-g: frames to the MACs behind it are flooded to "
		 "every port (reachable, but flooded)");
	test_fdb();
}

static void test_addresses(void)
{
	set(&green[1], green_a, "10.0.1.2/24");
	run("10.0.1.2", 56);
	path_is("red:eth0-r veth-r bridge1 veth-b blue:eth0-b", "wrong subnet: to the default gateway");
	nss[RED].nroutes = 1;
	run("10.0.1.2", 56);
	cause_is("wrong subnet", "red", "no-route",
		 "10.0.1.2 is not on red's subnet 10.0.0.0/24 and red has no default route");
	run("10.0.0.99", 56);
	cause_is("nobody has it", "red", "no-owner",
		 "no interface in the L2 domain of red:eth0-r has 10.0.0.99: nothing answers ARP for "
		 "it");
	host[2].l.master = 0;
	run("green", 56);
	cause_is("the sender's port off its bridge", "veth-r", "no-master",
		 "veth-r is not a port of bridge1 (no master), so red:eth0-r cannot reach 10.0.0.2 "
		 "(green:eth0-g)");
	set(&blue[1], blue_a, "10.0.0.2/24");
	green[1].l.mac[5] = 0x12;
	blue[1].l.mac[5] = 0x32;
	run("10.0.0.2", 56);
	cause_is("duplicate", "blue:eth0-b", "duplicate-address",
		 "10.0.0.2 is on both green:eth0-g (00:00:00:00:00:12) and blue:eth0-b "
		 "(00:00:00:00:00:32): a duplicate address, two MACs answer ARP for it");
}

static void test_sysctls(void)
{
	green[1].l.flags |= IFF_NOARP;
	run("green", 56);
	cause_is("NOARP", "green:eth0-g", "noarp",
		 "green's eth0-g has ARP off (NOARP): it answers no ARP, so nothing learns "
		 "10.0.0.2's MAC");
	green[1].l.flags &= ~IFF_NOARP;
	confs[GREEN][0] = (struct why_if_conf){ .ifname = "eth0-g", .arp_ignore = 8 };
	facts_ns[GREEN].nifs = 1;
	run("green", 56);
	cause_is("arp_ignore", "green:eth0-g", "arp-ignore",
		 "green's eth0-g has arp_ignore=8: it answers no ARP, so nothing learns 10.0.0.2's MAC");
	facts_ns[GREEN].icmp_echo_ignore_all = 1;
	run("green", 56);
	cause_is("icmp_echo_ignore_all", "green", "icmp-ignore",
		 "green has net.ipv4.icmp_echo_ignore_all=1: it answers no ping");
}

/* Red's neighbour table holds only N (a build() in between clears it). */
static void with_neigh(struct why_neigh *n)
{
	facts_ns[RED].neigh = n;
	facts_ns[RED].nneigh = 1;
	run("green", 56);
}

static void test_neighbours(void)
{
	struct why_neigh n[1] = { { .ifname = "eth0-r", .mac = { 2, 0, 0, 0, 0, 9 },
				    .complete = true } };

	n[0].ip = addr(2, "10.0.0.2/32", 0).a;
	green[1].l.mac[5] = 2;
	with_neigh(n);
	cause_is("stale MAC", "red", "stale-mac",
		 "red's neighbour entry for 10.0.0.2 says 02:00:00:00:00:09, but 10.0.0.2 is "
		 "green:eth0-g with 00:00:00:00:00:02 (a stale MAC)");
	n[0].complete = false;
	with_neigh(n);
	cause_is("neighbour incomplete", "red", "neigh-incomplete",
		 "red's neighbour entry for 10.0.0.2 on eth0-r is incomplete or failed: ARP for it "
		 "went unanswered");
}

/* TEXT, as a command prints it, read by PARSE into green's facts gives N entries (WHAT); then
 * the first cause is FAULT on OBJECT, saying SAYS. */
static void parsed(int (*parse)(const char *text, struct why_ns_facts *ns), const char *text,
		   int n, const char *what, const char *object, const char *fault, const char *says)
{
	struct why_ns_facts got;

	tap_ok(!parse(text, &facts_ns[GREEN]), "%s: parsed", what);
	got = facts_ns[GREEN];
	tap_ok(got.nrules + got.nqdiscs == n, "%s: %d read", what, n);
	run("green", 56);
	cause_is(what, object, fault, says);
	free(got.rules);
	free(got.qdiscs);
}

static void test_commands(void)
{
	parsed(why_parse_nft,
	       "table inet filter {\n"
	       "\tset blocked {\n\t\ttype ipv4_addr\n\t\telements = { 10.9.9.9 }\n\t}\n"
	       "\tchain input {\n"
	       "\t\ttype filter hook input priority filter; policy accept;\n"
	       "\t\tct state invalid drop\n"
	       "\t\ttcp dport 22 drop\n"
	       "\t\tip saddr 10.0.0.1 icmp type echo-request counter packets 3 bytes 252 drop\n"
	       "\t}\n"
	       "}\n", 3, "nft: the drop rules, not the set", "green", "nft-drop",
	       "nft in green drops the probe: table inet filter, chain input, rule 'ip saddr "
	       "10.0.0.1 icmp type echo-request counter packets 3 bytes 252 drop'");
	parsed(why_parse_nft,
	       "table ip filter {\n"
	       "\tchain INPUT {\n"
	       "\t\ttype filter hook input priority filter; policy accept;\n"
	       "\t\tmeta l4proto icmp counter reject\n"
	       "\t}\n"
	       "}\n", 1, "nft: a reject rule (iptables -j REJECT)", "green", "nft-drop",
	       "nft in green rejects the probe: table ip filter, chain INPUT, rule 'meta l4proto "
	       "icmp counter reject'");
	parsed(why_parse_tc,
	       "qdisc noqueue 0: dev lo root refcnt 2\n"
	       "qdisc blackhole 8001: dev eth0-g root refcnt 3\n"
	       "qdisc netem 8002: dev eth9 root refcnt 2 limit 1000 loss 10%\n"
	       "qdisc netem 8003: dev eth8 root refcnt 2 limit 1000 loss 100%\n", 2,
	       "tc: blackhole and netem losing all, not 10%", "green:eth0-g", "qdisc-drop",
	       "green's eth0-g drops everything it sends: tc qdisc blackhole 8001: dev eth0-g "
	       "root refcnt 3");
	parsed(why_parse_tc,
	       "qdisc clsact ffff: dev eth0-g parent ffff:fff1\n"
	       "filter dev eth0-g ingress protocol ip pref 49152 u32 chain 0 \n", 1,
	       "tc: a filter is noted, its actions unread", "green:eth0-g", "tc-filter",
	       "green's eth0-g has tc filters, not checked (a drop action in them would not be "
	       "seen): ingress protocol ip pref 49152 u32 chain 0");
}

static void test_router(void)
{
	red_r[1] = route("0.0.0.0/0", "10.0.0.9", 2);
	run("far", 56);
	cause_is("wrong gateway", "red", "wrong-gateway",
		 "red's route to 10.0.9.2 goes via 10.0.0.9, but no interface in the L2 domain of "
		 "eth0-r has 10.0.0.9 (wrong gateway)");
	nss[BLUE].forwarding = false;
	run("far", 56);
	cause_is("forwarding off", "blue", "forwarding-off",
		 "blue has net.ipv4.ip_forward=0: it does not route 10.0.0.1 → 10.0.9.2");
	nss[FAR].nroutes = 1;
	run("far", 56);
	tap_ok(res.arrived == false, "missing return route: not reachable");
	cause_is("missing return route", "far", "no-return-route",
		 "10.0.0.1 is not on far's subnet 10.0.9.0/24 and far has no default route "
		 "(the way back)");
	confs[BLUE][0] = (struct why_if_conf){ .ifname = "eth0-b", .rp_filter = 1 };
	facts_ns[BLUE].nifs = 1;
	blue_r[0] = route("10.0.0.0/24", NULL, 3);
	run("far", 56);
	cause_is("rp_filter", "blue:eth0-b", "rp-filter",
		 "rp_filter=1 (strict) on blue:eth0-b drops 10.0.0.1: blue's route back to it leaves "
		 "by another interface");
}

int main(void)
{
	build();
	test_healthy();
	test_links();
	test_addresses();
	test_sysctls();
	test_neighbours();
	test_commands();
	test_router();
	return tap_done();
}
