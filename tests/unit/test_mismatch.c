// SPDX-License-Identifier: GPL-2.0
/* Declared versus live, without root or kernel: a topology parsed from text and a live network
 * built here by hand as discovery fills it, equal to the file; then one thing changed at a time,
 * each giving exactly one difference with both values and its sentence; and where live_marks puts
 * each sentence in a snapshot for the UI. */
#include "live_fixture.h"
#include "live_marks.h"
#include "live_mismatch.h"

static const char *const file =
	"netns red\n"
	"netns green\n"
	"netns router forwarding\n"
	"bridge br1 10.0.0.254/24 stp\n"
	"veth red:eth0-r 10.0.0.1/24 -- br1:veth-r\n"
	"veth green:eth0-g 10.0.0.2/24 mtu 1400 -- br1:veth-g nolearning\n"
	"veth router:eth1 10.0.9.1/24 -- red:eth1 10.0.9.2/24\n"
	"route red 10.5.0.0/16 via 10.0.9.1\n";

static void set_addrs(struct live_link *l, struct nl_addr *a, int n)
{
	l->addrs = a;
	l->naddrs = n;
}

/* The file's network as it would be read, plus what it does not declare (dummy0, blue). */
static struct nl_addr br_addrs[1], r_addrs[2], r1_addrs[1], g_addrs[1], rt_addrs[1];
static struct live_link host[5], red[3], green[2], router[2], blue[1];
static struct nl_route red_routes[2];
static struct live_ns nss[5];
static struct live net = { .ns = nss, .nns = 5 };
enum { HOST, GREEN, RED, ROUTER, BLUE };

static void build_host(void)
{
	host[0] = link_(1, "lo", "", UP, 65536, 0);
	host[1] = link_(2, "br1", "bridge", UP, 1500, 0);
	host[1].l.stp = true;
	br_addrs[0] = addr(2, "10.0.0.254/24", RT_SCOPE_UNIVERSE);
	set_addrs(&host[1], br_addrs, 1);
	host[2] = link_(3, "veth-r", "veth", UP, 1500, 2);
	host[3] = link_(4, "veth-g", "veth", UP, 1500, 2);
	host[3].l.port.learning = false;
	host[4] = link_(5, "dummy0", "dummy", UP, 1500, 0);
	nss[HOST] = (struct live_ns){ .origin = LIVE_HOST, .links = host, .nlinks = 5 };
}

static void build_red(void)
{
	red[0] = link_(1, "lo", "", UP, 65536, 0);
	red[1] = link_(2, "eth0-r", "veth", UP, 1500, 0);
	r_addrs[0] = addr(2, "10.0.0.1/24", RT_SCOPE_UNIVERSE);
	r_addrs[1] = addr(2, "fe80::1/64", RT_SCOPE_LINK);
	set_addrs(&red[1], r_addrs, 2);
	red[2] = link_(3, "eth1", "veth", UP, 1500, 0);
	r1_addrs[0] = addr(3, "10.0.9.2/24", RT_SCOPE_UNIVERSE);
	set_addrs(&red[2], r1_addrs, 1);
	red_routes[0] = (struct nl_route){ .family = AF_INET, .dst_len = 24, .dst = { 10, 0, 0 },
					   .protocol = RTPROT_KERNEL, .table = RT_TABLE_MAIN,
					   .oif = 2 };
	red_routes[1] = (struct nl_route){ .family = AF_INET, .dst_len = 16, .dst = { 10, 5 },
					   .gw = { 10, 0, 9, 1 }, .has_gw = true,
					   .protocol = RTPROT_BOOT, .table = RT_TABLE_MAIN,
					   .oif = 3 };
	nss[RED] = (struct live_ns){ .name = "red", .origin = LIVE_NAMED, .links = red, .nlinks = 3,
				     .routes = red_routes, .nroutes = 2 };
}

static void build(void)
{
	build_host();
	build_red();
	green[0] = link_(1, "lo", "", UP, 65536, 0);
	green[1] = link_(2, "eth0-g", "veth", UP, 1400, 0);
	g_addrs[0] = addr(2, "10.0.0.2/24", RT_SCOPE_UNIVERSE);
	set_addrs(&green[1], g_addrs, 1);
	nss[GREEN] = (struct live_ns){ .name = "green", .origin = LIVE_NAMED, .links = green,
				       .nlinks = 2 };
	router[0] = link_(1, "lo", "", UP, 65536, 0);
	router[1] = link_(2, "eth1", "veth", UP, 1500, 0);
	rt_addrs[0] = addr(2, "10.0.9.1/24", RT_SCOPE_UNIVERSE);
	set_addrs(&router[1], rt_addrs, 1);
	nss[ROUTER] = (struct live_ns){ .name = "router", .origin = LIVE_NAMED, .links = router,
					.nlinks = 2, .forwarding = true };
	blue[0] = link_(1, "lo", "", UP, 65536, 0);
	nss[BLUE] = (struct live_ns){ .name = "blue", .origin = LIVE_NAMED, .links = blue,
				      .nlinks = 1 };
	peer(&net, HOST, 2, RED, 1);
	peer(&net, HOST, 3, GREEN, 1);
	peer(&net, ROUTER, 1, RED, 2);
}

static struct topo topo;

/* The differences found, each as "object|netns|ifname|field|declared|live|text", one a line. */
static char found[4096];
static size_t found_len;

static void record(const struct live_mismatch *m, void *ctx)
{
	(void)ctx;
	found_len += snprintf(found + found_len, sizeof(found) - found_len, "%s|%s|%s|%s|%s|%s|%s\n",
			      m->object, m->netns, m->ifname, m->field, m->declared, m->live,
			      m->text);
}

static int lines(const char *s)
{
	int n = 0;

	while ((s = strchr(s, '\n')))
		n++, s++;
	return n;
}

/* The network as it stands now differs from the file only as WANT says; then it is built anew. */
static void expect(const char *name, const char *want)
{
	int n;

	found_len = 0;
	found[0] = 0;
	n = live_mismatch(&topo, &net, record, NULL);
	tap_is_str(found, want, name);
	tap_ok(n == lines(want), "%s: %d counted", name, lines(want));
	build();
}

static void test_places(void)
{
	net.ns[GREEN].name[0] = 'G';
	expect("a namespace missing, and nothing in it",
	       "netns|green||exists|true|false|declared netns green but it does not exist\n");
	net.ns[GREEN].origin = LIVE_PROC;
	expect("a namespace held by a process is not the declared one",
	       "netns|green||exists|true|false|declared netns green but it does not exist\n");
	snprintf(green[1].l.name, IFNAMSIZ, "eth9");
	expect("an interface missing in its namespace",
	       "interface|green|eth0-g|exists|true|false|"
	       "declared interface eth0-g in green but it does not exist\n");
	snprintf(host[2].l.name, IFNAMSIZ, "veth-x");
	expect("an interface missing on the host",
	       "interface||veth-r|exists|true|false|"
	       "declared interface veth-r on the host but it does not exist\n");
	snprintf(host[1].l.name, IFNAMSIZ, "br9");
	expect("a bridge missing, and its ports not said to be off it",
	       "bridge||br1|exists|true|false|declared bridge br1 on the host but it does not exist\n");
	snprintf(green[1].l.kind, sizeof(green[1].l.kind), "dummy");
	expect("an interface of another kind",
	       "interface|green|eth0-g|kind|veth|dummy|"
	       "declared green:eth0-g as a veth but it is a dummy\n");
}

static void test_wiring(void)
{
	peer(&net, GREEN, 1, HOST, 4);
	expect("a veth end whose peer is another",
	       "interface|green|eth0-g|peer|veth-g|dummy0|"
	       "declared green:eth0-g -- veth-g but the peer of green:eth0-g is dummy0\n");
	peer(&net, ROUTER, 1, BLUE, 0);
	expect("a veth end whose peer is in another namespace",
	       "interface|router|eth1|peer|red:eth1|blue:lo|"
	       "declared router:eth1 -- red:eth1 but the peer of router:eth1 is blue:lo\n");
	green[1].peer_ns = -1;
	expect("a veth end without a peer",
	       "interface|green|eth0-g|peer|veth-g||"
	       "declared green:eth0-g -- veth-g but green:eth0-g has no peer\n");
	host[3].l.master = 0;
	expect("a port with no master",
	       "interface||veth-g|master|br1||declared veth-g on br1 but it has no master\n");
	host[3].l.master = 5;
	expect("a port on another master",
	       "interface||veth-g|master|br1|dummy0|declared veth-g on br1 but its master is dummy0\n");
}

static void test_addresses(void)
{
	g_addrs[0] = addr(2, "10.0.1.2/24", RT_SCOPE_UNIVERSE);
	expect("an address changed",
	       "interface|green|eth0-g|addrs|10.0.0.2/24|10.0.1.2/24|"
	       "declared 10.0.0.2/24 on green:eth0-g but it has 10.0.1.2/24\n");
	r_addrs[0] = addr(2, "10.0.0.1/16", RT_SCOPE_UNIVERSE);
	expect("an address with another prefix; link-local ones not listed",
	       "interface|red|eth0-r|addrs|10.0.0.1/24|10.0.0.1/16|"
	       "declared 10.0.0.1/24 on red:eth0-r but it has 10.0.0.1/16\n");
	host[1].naddrs = 0;
	expect("a bridge's address missing",
	       "bridge||br1|addrs|10.0.0.254/24||declared 10.0.0.254/24 on br1 but it has no address\n");
	red_routes[1].gw[3] = 3;
	expect("a route via another gateway",
	       "route|red||route|10.5.0.0/16 via 10.0.9.1|10.5.0.0/16 via 10.0.9.3|"
	       "declared route 10.5.0.0/16 via 10.0.9.1 in red but it has 10.5.0.0/16 via 10.0.9.3\n");
	nss[RED].nroutes = 1;
	expect("a route missing",
	       "route|red||route|10.5.0.0/16 via 10.0.9.1||"
	       "declared route 10.5.0.0/16 via 10.0.9.1 in red but it has none\n");
	nss[ROUTER].forwarding = false;
	expect("forwarding off",
	       "netns|router||forwarding|true|false|declared forwarding on in router but it is off\n");
}

static void test_options(void)
{
	red[1].l.flags = 0;
	expect("a link down",
	       "interface|red|eth0-r|admin_up|true|false|declared red:eth0-r up but it is down\n");
	red[1].l.mtu = 9000;
	expect("an MTU the file leaves to the kernel",
	       "interface|red|eth0-r|mtu|1500|9000|declared mtu 1500 on red:eth0-r but it has mtu 9000\n");
	green[1].l.mtu = 1500;
	expect("an MTU the file sets",
	       "interface|green|eth0-g|mtu|1400|1500|"
	       "declared mtu 1400 on green:eth0-g but it has mtu 1500\n");
	host[1].l.stp = false;
	expect("STP off", "bridge||br1|stp|true|false|declared br1 with stp on but it is off\n");
	host[1].l.vlan_filtering = true;
	expect("VLAN filtering on",
	       "bridge||br1|vlan_filtering|false|true|"
	       "declared br1 with vlan_filtering off but it is on\n");
	host[3].l.port.learning = true;
	host[2].l.port.hairpin = true;
	expect("port flags",
	       "interface||veth-r|hairpin|false|true|declared veth-r with hairpin off but it is on\n"
	       "interface||veth-g|learning|false|true|declared veth-g with learning off but it is on\n");
}

/* The snapshot's objects carry their own differences, and lose them once put right. */
static void test_marks(void)
{
	struct snap_iface ifs[4] = { { .netns = "green", .ifname = "eth0-g" },
				     { .netns = "", .ifname = "veth-g" },
				     { .netns = "", .ifname = "br1" },
				     { .netns = "red", .ifname = "eth0-r" } };
	struct snap_netns ns[3] = { { .name = "" }, { .name = "red" }, { .name = "router" } };

	g_addrs[0] = addr(2, "10.0.1.2/24", RT_SCOPE_UNIVERSE);
	green[1].l.mtu = 1500;
	host[3].l.master = 0;
	host[1].l.stp = false;
	nss[ROUTER].forwarding = false;
	nss[RED].nroutes = 1;
	tap_ok(!live_marks_fill(&topo, &net, ifs, 4, ns, 3), "marks: filled");
	tap_is_str(ifs[0].link.mismatch, "declared mtu 1400 on green:eth0-g but it has mtu 1500; "
		   "declared 10.0.0.2/24 on green:eth0-g but it has 10.0.1.2/24",
		   "marks: an interface's two differences, in the order found");
	tap_is_str(ifs[1].link.mismatch, "declared veth-g on br1 but it has no master",
		   "marks: a port's, on the port (host namespace)");
	tap_is_str(ifs[2].link.mismatch, "declared br1 with stp on but it is off",
		   "marks: a bridge's, on its device");
	tap_is_str(ifs[3].link.mismatch, "", "marks: none on an interface as declared");
	tap_is_str(ns[1].mismatch, "declared route 10.5.0.0/16 via 10.0.9.1 in red but it has none",
		   "marks: a route's, on its namespace");
	tap_is_str(ns[2].mismatch, "declared forwarding on in router but it is off",
		   "marks: forwarding, on its namespace");
	build();
	tap_ok(!live_marks_fill(&topo, &net, ifs, 4, ns, 3), "marks: filled again");
	tap_ok(!*ifs[0].link.mismatch && !*ifs[1].link.mismatch && !*ifs[2].link.mismatch &&
	       !*ns[1].mismatch && !*ns[2].mismatch, "marks: all gone once the network is as declared");
}

int main(void)
{
	tap_require(!topo_parse("t.topo", file, &topo, stderr), "the fixture parses");
	build();
	expect("the network the file declares, with more in it: no difference", "");
	test_places();
	test_wiring();
	test_addresses();
	test_options();
	test_marks();
	topo_free(&topo);
	return tap_done();
}
