// SPDX-License-Identifier: GPL-2.0
/* What `watch` with no TOPOLOGY observes of a discovered network built here by hand (no root, no
 * kernel): the topology view (namespaces with the path a process-held one is entered by, host
 * bridges, veths namespace-bridge and namespace-namespace, what is left out) and the live state
 * of an interface (snap_link), present or not. */
#include <linux/if_bridge.h>
#include <net/if.h>
#include <sys/socket.h>

#include "live_links.h"
#include "live_view.h"
#include "tap.h"
#include "topo_int.h"

static struct live_link link_(int ifindex, const char *name, const char *kind, int master)
{
	struct live_link l = { .l = { .ifindex = ifindex, .master = master, .mtu = 1500,
				      .flags = IFF_UP, .operstate = 6 /* IF_OPER_UP */,
				      .carrier = true, .link_nsid = -1 },
			       .peer_ns = -1, .peer_link = -1 };

	snprintf(l.l.name, sizeof(l.l.name), "%s", name);
	snprintf(l.l.kind, sizeof(l.l.kind), "%s", kind);
	l.l.port = (struct nl_port){ .is_port = master > 0, .state = BR_STATE_FORWARDING,
				     .learning = true, .flood = true };
	return l;
}

/* host: br0 with ports vr (to red) and vs (to sleep-9), a tap port, a veth on no bridge (to q);
 * red: eth0 with 10.0.0.1/24; sleep-9 (process-held): eth0; p and q: a veth between them, its q
 * end a port of brq, a bridge inside q with a vxlan port too; q also has a bridge named br0 (a
 * name the host's has). */
static struct live_link host[6], red[1], sleep9[1], p[1], q[5];
static struct nl_addr red_addr = { .ifindex = 2 };
static struct live_ns nss[5];
static struct live live = { nss, 5 };
/* The veth pairs: namespace and link of one end, then of the other. */
static const int veths[][4] = { { 0, 2, 3, 0 }, { 0, 3, 4, 0 }, { 0, 5, 2, 1 }, { 1, 0, 2, 0 } };

static void build(void)
{
	char msg[100];

	host[0] = link_(1, "lo", "", 0);
	host[1] = link_(2, "br0", "bridge", 0);
	host[1].l.stp = true;
	host[2] = link_(3, "vr", "veth", 2);
	host[3] = link_(4, "vs", "veth", 2);
	host[4] = link_(5, "tap0", "tun", 2);
	host[5] = link_(6, "loose", "veth", 0);
	red[0] = link_(2, "eth0", "veth", 0);
	tap_require(!topo_addr_parse("10.0.0.1/24", true, &red_addr.a, msg, sizeof(msg)), msg);
	red[0].addrs = &red_addr;
	red[0].naddrs = 1;
	sleep9[0] = link_(2, "eth0", "veth", 0);
	p[0] = link_(2, "x-p", "veth", 0);
	q[0] = link_(2, "x-q", "veth", 4);
	q[1] = link_(3, "y-q", "veth", 0);
	q[2] = link_(4, "brq", "bridge", 0);
	q[3] = link_(5, "br0", "bridge", 0);
	q[4] = link_(6, "vx0", "vxlan", 4);
	nss[0] = (struct live_ns){ .origin = LIVE_HOST, .links = host, .nlinks = 6 };
	nss[1] = (struct live_ns){ .name = "p", .origin = LIVE_NAMED, .links = p, .nlinks = 1 };
	nss[2] = (struct live_ns){ .name = "q", .origin = LIVE_NAMED, .links = q, .nlinks = 5 };
	nss[3] = (struct live_ns){ .name = "red", .origin = LIVE_NAMED, .links = red, .nlinks = 1,
				   .forwarding = true };
	nss[4] = (struct live_ns){ .name = "sleep-9", .origin = LIVE_PROC, .pid = 9, .links = sleep9,
				   .nlinks = 1 };
	for (size_t k = 0; k < sizeof(veths) / sizeof(veths[0]); k++)
		for (int e = 0; e < 2; e++) {
			struct live_link *l = &nss[veths[k][2 * e]].links[veths[k][2 * e + 1]];

			l->peer_ns = veths[k][2 * !e];
			l->peer_link = veths[k][2 * !e + 1];
		}
}

static void describe(const struct topo *t, char *buf, size_t len)
{
	FILE *f = fmemopen(buf, len, "w");

	for (int i = 0; i < t->nnetns; i++)
		fprintf(f, "netns %s%s%s%s\n", t->netns[i].name, *t->netns[i].path ? " at " : "",
			t->netns[i].path, t->netns[i].forwarding ? " forwarding" : "");
	for (int i = 0; i < t->nbridges; i++)
		fprintf(f, "bridge %s%s%s%s\n", t->bridges[i].netns >= 0 ?
			t->netns[t->bridges[i].netns].name : "", t->bridges[i].netns >= 0 ? ":" : "",
			t->bridges[i].name, t->bridges[i].stp ? " stp" : "");
	for (int v = 0; v < t->nveths; v++) {
		fputs("veth", f);
		for (int j = 0; j < 2; j++) {
			const struct topo_end *e = &t->veths[v].end[j];
			const char *owner = e->kind == TOPO_OWNER_BRIDGE ? t->bridges[e->owner].name :
					    t->netns[e->owner].name;

			fprintf(f, "%s%s:%s/%d", j ? " -- " : " ", owner, e->ifname, e->naddrs);
		}
		fputc('\n', f);
	}
	for (int i = 0; i < t->nports; i++)
		fprintf(f, "port %s %s:%s\n", t->ports[i].kind, t->bridges[t->ports[i].end.owner].name,
			t->ports[i].end.ifname);
	fclose(f);
}

static void test_view(void)
{
	struct topo t;
	char got[1024];

	tap_ok(!live_view(&live, &t, "watch", stderr), "live_view succeeds");
	describe(&t, got, sizeof(got));
	tap_is_str(got, "netns p\nnetns q\nnetns red forwarding\nnetns sleep-9 at /proc/9/ns/net\n"
			"bridge br0 stp\nbridge q:brq\n"
			"veth red:eth0/1 -- br0:vr/0\nveth sleep-9:eth0/0 -- br0:vs/0\n"
			"veth p:x-p/0 -- brq:x-q/0\nport tun br0:tap0\nport vxlan brq:vx0\n",
		   "namespaces (sleep-9 by its /proc path), bridges of every namespace, veths namespace "
		   "end first (onto brq inside q too), ports of other kinds; q's br0 (a name taken), "
		   "the bridge-less host veth and lo are left out");
	topo_free(&t);
}

static void test_link(void)
{
	struct snap_link l;

	live_link_fill(&live, "", "vr", &l);
	tap_ok(l.known && l.present && !strcmp(l.kind, "veth") && l.admin_up &&
	       !strcmp(l.oper, "up") && l.carrier && l.mtu == 1500, "host vr: kind, state, MTU");
	tap_ok(!strcmp(l.master, "br0") && l.is_port && !strcmp(l.port.state, "forwarding") &&
	       l.port.learning && l.port.flood && !l.port.hairpin, "host vr: a forwarding port of br0");
	live_link_fill(&live, "red", "eth0", &l);
	tap_ok(l.naddrs == 1 && !strcmp(l.addrs[0], "10.0.0.1/24") && !*l.master && !l.is_port,
	       "red:eth0: its address, no master, no port");
	live_link_fill(&live, "", "br0", &l);
	tap_ok(l.stp && !l.vlan_filtering && !l.is_port, "br0: STP on, no VLAN filtering");
	live_link_fill(&live, "red", "eth9", &l);
	tap_ok(l.known && !l.present && !*l.kind, "red:eth9 (not there): known, not present");
	live_link_fill(&live, "blue", "eth0", &l);
	tap_ok(l.known && !l.present, "blue:eth0 (no such namespace): known, not present");
	live_link_fill(&live, "", "eth0", &l);
	tap_ok(!l.present, "eth0 of the host (only namespaces have one): not present");
}

int main(void)
{
	build();
	test_view();
	test_link();
	return tap_done();
}
