// SPDX-License-Identifier: GPL-2.0
/* The .topo printing of a discovered network, built here by hand as discovery fills it (no root,
 * no kernel): what becomes a statement and what a note, the canonical order, the names of
 * process-held namespaces; and the printed file parses back with the topology parser. */
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include "live.h"
#include "out_live.h"
#include "tap.h"
#include "live_fixture.h"

/* Host: a bridge with ports (veth, tap, one with learning off and no visible peer), a veth that
 * is no port (flags: veth-r hairpin, veth-p no flooding and isolated), a veth looped on the bridge, a NIC with a DHCP default route. red: a router end set down with a big MTU. green:
 * the host's loose veth. sleep-12: held by a process, on the bridge. my<ESC>ns: a /run/netns
 * name no .topo file can hold, on the bridge. */
static struct nl_addr bridge_addrs[2], nic_addrs[1], red_addrs[2],
	green_addrs[1], sleep_addrs[1];
static struct live_link host_links[11], odd_links[2], red_links[2], green_links[2], sleep_links[2];
static struct nl_route host_routes[1], red_routes[3];
static struct live_ns nss[5];
static struct live net = { .ns = nss, .nns = 5 };

static void build(void)
{
	host_links[0] = link_(1, "lo", "", UP | IFF_LOOPBACK, 65536, 0);
	host_links[1] = link_(2, "bridge1", "bridge", UP, 1400, 0);
	bridge_addrs[0] = addr(2, "fe80::1/64", RT_SCOPE_LINK);
	bridge_addrs[1] = addr(2, "10.0.0.254/24", RT_SCOPE_UNIVERSE);
	host_links[1].addrs = bridge_addrs;
	host_links[1].naddrs = 2;
	host_links[2] = link_(3, "veth-r", "veth", UP, 1500, 2);
	host_links[2].l.port.hairpin = true;
	host_links[3] = link_(4, "tap0", "tun", UP, 1500, 2);
	host_links[4] = link_(5, "veth-x", "veth", UP, 1500, 0);
	host_links[5] = link_(6, "veth-l", "veth", UP, 1500, 2);
	host_links[5].l.port.learning = false;
	host_links[6] = link_(7, "eth0", "", UP, 1500, 0);
	nic_addrs[0] = addr(7, "192.168.1.5/24", RT_SCOPE_UNIVERSE);
	host_links[6].addrs = nic_addrs;
	host_links[6].naddrs = 1;
	host_links[7] = link_(8, "veth-p", "veth", UP, 1400, 2);
	host_links[7].l.port.flood = false;
	host_links[7].l.port.isolated = true;
	host_links[8] = link_(9, "loop-a", "veth", UP, 1500, 2);
	host_links[9] = link_(10, "loop-b", "veth", UP, 1500, 2);
	host_links[10] = link_(11, "veth-m", "veth", UP, 1500, 2);
	host_routes[0] = (struct nl_route){ .family = AF_INET, .protocol = RTPROT_DHCP,
					    .type = RTN_UNICAST, .table = RT_TABLE_MAIN,
					    .gw = { 192, 168, 1, 1 }, .has_gw = true, .oif = 7 };
	nss[0] = (struct live_ns){ .origin = LIVE_HOST, .cookie = 1, .links = host_links, .nlinks = 11,
				   .routes = host_routes, .nroutes = 1 };

	green_links[0] = link_(1, "lo", "", IFF_LOOPBACK, 65536, 0);
	green_links[1] = link_(2, "eth0-x", "veth", UP, 1500, 0);
	green_addrs[0] = addr(2, "10.1.0.2/24", RT_SCOPE_UNIVERSE);
	green_links[1].addrs = green_addrs;
	green_links[1].naddrs = 1;
	nss[1] = (struct live_ns){ .name = "green", .origin = LIVE_NAMED, .cookie = 2,
				   .links = green_links,
				   .nlinks = 2 };

	red_links[0] = link_(1, "lo", "", UP | IFF_LOOPBACK, 65536, 0);
	red_links[1] = link_(2, "eth0-r", "veth", 0, 9000, 0);
	red_addrs[0] = addr(2, "10.0.0.1/24", RT_SCOPE_UNIVERSE);
	red_addrs[1] = addr(2, "fe80::2/64", RT_SCOPE_LINK);
	red_links[1].addrs = red_addrs;
	red_links[1].naddrs = 2;
	red_routes[0] = (struct nl_route){ .family = AF_INET, .dst_len = 24, .dst = { 10 },
					   .protocol = RTPROT_KERNEL, .type = RTN_UNICAST, .oif = 2 };
	red_routes[1] = (struct nl_route){ .family = AF_INET, .protocol = RTPROT_BOOT,
					   .type = RTN_UNICAST, .gw = { 10, 0, 0, 254 },
					   .has_gw = true, .oif = 2 };
	red_routes[2] = (struct nl_route){ .family = AF_INET, .dst_len = 16, .dst = { 10, 9 },
					   .protocol = RTPROT_BOOT, .type = RTN_UNICAST, .oif = 2 };
	nss[2] = (struct live_ns){ .name = "red", .origin = LIVE_NAMED, .cookie = 3, .forwarding = true,
				   .links = red_links, .nlinks = 2, .routes = red_routes,
				   .nroutes = 3 };

	sleep_links[0] = link_(1, "lo", "", UP | IFF_LOOPBACK, 65536, 0);
	sleep_links[1] = link_(2, "eth0", "veth", UP, 1500, 0);
	sleep_addrs[0] = addr(2, "10.0.0.3/24", RT_SCOPE_UNIVERSE);
	sleep_links[1].addrs = sleep_addrs;
	sleep_links[1].naddrs = 1;
	nss[3] = (struct live_ns){ .name = "sleep-12", .origin = LIVE_PROC, .pid = 12, .cookie = 4,
				   .links = sleep_links, .nlinks = 2 };

	peer(&net, 0, 2, 2, 1); /* veth-r -- red:eth0-r */
	peer(&net, 0, 4, 1, 1); /* veth-x -- green:eth0-x */
	peer(&net, 0, 7, 3, 1); /* veth-p -- sleep-12:eth0 */
	peer(&net, 0, 8, 0, 9); /* loop-a -- loop-b, both on bridge1 */

	odd_links[0] = link_(1, "lo", "", UP | IFF_LOOPBACK, 65536, 0);
	odd_links[1] = link_(2, "eth0", "veth", UP, 1500, 0);
	nss[4] = (struct live_ns){ .name = "my\033ns", .origin = LIVE_NAMED, .cookie = 5,
				   .links = odd_links,
				   .nlinks = 2 };
	peer(&net, 0, 10, 4, 1); /* veth-m -- my\033ns:eth0 */
}

static const char *const want =
	"# The live network, as `nsviz discover` read it (docs/live.md).\n"
	"netns green\n"
	"netns red forwarding\n"
	"netns sleep-12\n"
	"bridge bridge1 10.0.0.254/24 mtu 1400\n"
	"veth red:eth0-r 10.0.0.1/24 mtu 9000 down -- bridge1:veth-r hairpin\n"
	"veth sleep-12:eth0 10.0.0.3/24 -- bridge1:veth-p mtu 1400 noflood isolated\n"
	"port tap bridge1:tap0\n"
	"route red default via 10.0.0.254\n"
	"# Not described by the .topo format:\n"
	"# (host): eth0: a device without a kind (a physical NIC?), up 192.168.1.5/24\n"
	"# (host): lo: loopback\n"
	"# (host): route default via 192.168.1.1 dev eth0 (not described)\n"
	"# (host): veth loop-a -- loop-b: both ends are ports of one bridge\n"
	"# (host): veth veth-m -- eth0: the name of its namespace is no .topo name\n"
	"# (host): veth veth-x -- eth0-x: its host end is no bridge's port\n"
	"# (host): veth-l: a veth whose peer is in no namespace nsviz can see\n"
	"# (host): veth-l: bridge port with flags nolearning\n"
	"# green: lo: loopback\n"
	"# my\\x1bns: a namespace whose name is no .topo name\n"
	"# my\\x1bns: lo: loopback\n"
	"# red: lo: loopback\n"
	"# red: route 10.9.0.0/16 dev eth0-r (not described)\n"
	"# sleep-12: lo: loopback\n";

static char *print(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	live_print_topo(f, &net);
	fclose(f);
	return buf;
}

static void test_print(void)
{
	char *out = print(), *errs = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&errs, &len);
	struct topo t;
	int ret;

	tap_is_str(out, want, "statements for what the format says, a note for everything else");
	ret = topo_parse("discovered", out, &t, f);
	fclose(f);
	tap_ok(!ret, "the printed file parses as a topology");
	tap_is_str(errs, "", "without a message");
	if (!ret) {
		tap_ok(t.nnetns == 3 && t.nbridges == 1 && t.nveths == 2 && t.nroutes == 1,
		       "3 netns, 1 bridge, 2 veths, 1 route read back");
		tap_ok(t.veths[0].end[0].opts.down && t.veths[0].end[0].opts.mtu == 9000 &&
		       t.bridges[0].opts.mtu == 1400, "state and MTU read back");
		tap_ok(t.veths[0].end[1].opts.hairpin && t.veths[1].end[1].opts.noflood &&
		       t.veths[1].end[1].opts.isolated && !t.veths[1].end[1].opts.nolearning,
		       "port flags read back");
		topo_free(&t);
	}
	free(errs);
	free(out);
}

/* The same network found in another order (other ifindexes, peers met from the other side)
 * prints the same text. */
static void test_canonical(void)
{
	struct live_link tmp = host_links[2];
	char *out;

	host_links[2] = host_links[7];
	host_links[7] = tmp;
	host_links[2].l.ifindex = 3;
	host_links[7].l.ifindex = 8;
	peer(&net, 0, 7, 2, 1);
	peer(&net, 0, 2, 3, 1);
	out = print();
	tap_is_str(out, want, "ports swapped: the same text");
	free(out);
}

static void on_event(const struct live_event *e, void *ctx)
{
	out_live_text_event(ctx, e);
}

/* A second reading: sleep-12 gone, a new namespace, bridge1's MTU back to 1500, tap0 gone, red's
 * end up with another address and without its default route. Each is one event, in order:
 * namespaces removed, then each namespace's links by ifindex and routes. */
static void test_diff(void)
{
	struct live_link host2[10], red2[2];
	struct nl_addr red2_addrs[2] = { red_addrs[0], red_addrs[1] };
	struct nl_route red2_routes[2] = { red_routes[0], red_routes[2] };
	struct live_ns nss2[5] = { nss[0], nss[1], nss[2], nss[4],
				   { .name = "new-7", .origin = LIVE_PROC, .cookie = 9 } };
	struct live next = { .ns = nss2, .nns = 5 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	memcpy(host2, host_links, 3 * sizeof(*host2));
	memcpy(host2 + 3, host_links + 4, 7 * sizeof(*host2)); /* without tap0 */
	host2[1].l.mtu = 1500;
	nss2[0].links = host2;
	nss2[0].nlinks = 10;
	memcpy(red2, red_links, sizeof(red2));
	red2[1].l.flags |= IFF_UP;
	red2_addrs[0] = addr(2, "10.0.0.9/24", RT_SCOPE_UNIVERSE);
	red2[1].addrs = red2_addrs;
	nss2[2].links = red2;
	nss2[2].routes = red2_routes;
	nss2[2].nroutes = 2;
	tap_ok(!live_diff(&net, &next, on_event, f), "the readings compare");
	fclose(f);
	tap_is_str(buf, "- netns sleep-12\n"
			"~ interface (host):bridge1 mtu: 1400 -> 1500\n"
			"- interface (host):tap0\n"
			"~ interface red:eth0-r admin_up: false -> true\n"
			"~ interface red:eth0-r addrs: 10.0.0.1/24 fe80::2/64 -> 10.0.0.9/24 fe80::2/64\n"
			"- route red 0.0.0.0/0 via 10.0.0.254\n"
			"+ netns new-7\n", "one event per difference");
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	tap_ok(!live_diff(&net, &net, on_event, f), "a reading compares with itself");
	fclose(f);
	tap_is_str(buf, "", "and has no difference");
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	live_diff(&(struct live){ .ns = nss, .nns = 4 }, &net, on_event, f);
	fclose(f);
	tap_is_str(buf, "+ netns my\\x1bns\n", "names in event lines are escaped");
	free(buf);
}

static void test_names(void)
{
	char buf[65];

	live_proc_name("sleep", 12, buf);
	tap_is_str(buf, "sleep-12", "COMM-PID");
	live_proc_name("a b/c:d\n", 5, buf);
	tap_is_str(buf, "a_b_c_d-5", "blanks, '/' and ':' become '_'; the newline of comm goes");
	live_proc_name("-x", 7, buf);
	tap_is_str(buf, "_x-7", "no leading '-'");
	live_proc_name("", 3, buf);
	tap_is_str(buf, "proc-3", "no comm: proc-PID");
	live_proc_name("r\xe9" "d\x1b", 9, buf);
	tap_is_str(buf, "r_d_-9", "bytes that are no letter or digit become '_'");
	live_safe_name("my web:1", SIZE_MAX, "container", buf);
	tap_is_str(buf, "my_web_1", "a container name: blanks and ':' become '_'");
	live_safe_name("", SIZE_MAX, "container", buf);
	tap_is_str(buf, "container", "an empty one has the fallback");
	live_safe_name("-0123456789012345678901234567890123456789012345678901234567890123456789",
		       SIZE_MAX, "container", buf);
	tap_is_str(buf, "_0123456789012345678901234567890123456789012345678901234", "a long one is cut "
		   "at LIVE_SAFE_MAX bytes, room for a suffix");
}

int main(void)
{
	build();
	test_print();
	test_diff();
	test_canonical();
	test_names();
	return tap_done();
}
