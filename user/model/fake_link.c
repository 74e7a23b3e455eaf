// SPDX-License-Identifier: GPL-2.0
/* See fake_link.h for the timeline. Addresses, MTU and MAC are the topology's (a fake network
 * built as declared); only the state moves. */
#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "fake_link.h"

static bool broken(double el, int at)
{
	double s = fmod(el, FAKE_CYCLE);

	return el >= 0 && s >= at && s < at + FAKE_BREAK_FOR;
}

static void fill_addrs(const struct topo_end *end, struct snap_link *l)
{
	for (int a = 0; a < end->naddrs; a++) {
		if (l->naddrs == SNAP_ADDRS_MAX) {
			l->addrs_more = true;
			return;
		}
		topo_addr_str(&end->addrs[a], l->addrs[l->naddrs++], sizeof(l->addrs[0]));
	}
}

/* The end of V that is a bridge port; end 0 when neither or both are. */
static int port_end(const struct topo_veth *v)
{
	return v->end[1].kind == TOPO_OWNER_BRIDGE && v->end[0].kind != TOPO_OWNER_BRIDGE;
}

/* END (in a namespace) on another address than its first IPv4 one, said as `check` says it. */
static void move_addr(const struct topo *t, const struct topo_end *end, struct snap_link *l)
{
	struct topo_addr moved = end->addrs[0];
	char want[64];

	if (!end->naddrs || moved.family != AF_INET || end->kind != TOPO_OWNER_NETNS)
		return;
	moved.addr[3] ^= 0x80;
	topo_addr_str(&moved, l->addrs[0], sizeof(l->addrs[0]));
	snprintf(l->mismatch, sizeof(l->mismatch), "declared %s on %s:%s but it has %s",
		 topo_addr_str(&end->addrs[0], want, sizeof(want)), topo_end_netns(t, end),
		 end->ifname, l->addrs[0]);
}

/* What breaks end E of veth V at EL; admin down also takes the peer's carrier, as on a veth. */
static void apply_timeline(const struct topo *t, int v, int e, double el, struct snap_link *l)
{
	bool port = e == port_end(&t->veths[v]);

	if (v == 0 && broken(el, FAKE_DOWN_AT)) {
		l->admin_up = port ? false : l->admin_up;
		snprintf(l->oper, sizeof(l->oper), port ? "down" : "lowerlayerdown");
		l->carrier = false;
		if (port && l->is_port)
			snprintf(l->port.state, sizeof(l->port.state), "disabled");
	}
	if (v == 1 % t->nveths && port && l->is_port && broken(el, FAKE_DISABLED_AT))
		snprintf(l->port.state, sizeof(l->port.state), "disabled");
	if (v == t->nveths - 1 && !port && broken(el, FAKE_NOCARRIER_AT)) {
		snprintf(l->oper, sizeof(l->oper), "lowerlayerdown");
		l->carrier = false;
	}
	if (v == 0 && !port && broken(el, FAKE_MOVED_AT))
		move_addr(t, &t->veths[v].end[e], l);
}

void fake_link(const struct topo *t, int v, int e, double el, struct snap_link *l)
{
	const struct topo_end *end = &t->veths[v].end[e];

	memset(l, 0, sizeof(*l));
	l->known = l->present = true;
	snprintf(l->kind, sizeof(l->kind), "veth");
	l->admin_up = l->carrier = true;
	snprintf(l->oper, sizeof(l->oper), "up");
	l->mtu = 1500;
	snprintf(l->mac, sizeof(l->mac), "02:00:00:00:%02x:%02x", v & 0xff, e);
	fill_addrs(end, l);
	if (end->kind == TOPO_OWNER_BRIDGE) {
		snprintf(l->master, sizeof(l->master), "%s", t->bridges[end->owner].name);
		l->is_port = true;
		snprintf(l->port.state, sizeof(l->port.state), "forwarding");
		l->port.learning = l->port.flood = true;
	}
	apply_timeline(t, v, e, el, l);
}
