// SPDX-License-Identifier: GPL-2.0
/* Crossing one L2 domain: from the egress interface to its veth peer, the bridge that peer is a
 * port of, the bridge's other ports and their peers, and the one that has the next hop. When
 * none has it, the interface that does is looked for everywhere, to say why it is not there. */
#include <errno.h>
#include <string.h>

#include "mac.h"
#include "why_int.h"

#define DOMAIN_MAX 256

/* A receiver in the domain: the interface AT, behind the bridge port PORT (l NULL: none). */
struct reach {
	struct end at, port;
};

static struct end peer_of(const struct live *live, struct end e)
{
	struct end p = { -1, NULL };

	if (e.l->peer_ns >= 0) {
		p.ns = e.l->peer_ns;
		p.l = &live->ns[p.ns].links[e.l->peer_link];
	}
	return p;
}

static bool is_bridge(const struct live_link *l)
{
	return !strcmp(l->l.kind, "bridge");
}

/* The ports of bridge BR (in BR.ns) other than EXCEPT, with their peers, and BR itself, into
 * OUT (N so far). The new N. */
static int bridge_reach(const struct live *live, struct end br, const struct live_link *except,
			struct reach *out, int n)
{
	const struct live_ns *ns = &live->ns[br.ns];

	if (n < DOMAIN_MAX)
		out[n++] = (struct reach){ .at = br };
	for (int i = 0; i < ns->nlinks && n < DOMAIN_MAX; i++) {
		struct end q = { br.ns, &ns->links[i] }, x;

		if (q.l->l.master != br.l->l.ifindex || q.l == except)
			continue;
		x = peer_of(live, q);
		out[n++] = (struct reach){ .at = x.l ? x : q, .port = q };
	}
	return n;
}

/* The bridge E is a port of, or NULL. */
static const struct live_link *master_of(const struct live *live, struct end e)
{
	return e.l->l.master ? live_link_by_index(&live->ns[e.ns], e.l->l.master) : NULL;
}

/* The receivers beyond EGRESS into OUT; *PEER and *BR the veth peer and its bridge met. */
static int domain(struct walk *w, struct end egress, struct reach *out, struct end *peer,
		  struct end *br)
{
	*peer = peer_of(w->live, egress);
	*br = (struct end){ -1, NULL };
	if (is_bridge(egress.l)) {
		*br = egress;
		return bridge_reach(w->live, egress, NULL, out, 0);
	}
	if (!peer->l)
		return 0;
	br->l = master_of(w->live, *peer);
	br->ns = peer->ns;
	if (!br->l) {
		out[0] = (struct reach){ .at = *peer };
		return 1;
	}
	return bridge_reach(w->live, *br, peer->l, out, 0);
}

/* Two ports of BR that are both isolated do not forward to each other. */
static void check_isolated(struct walk *w, struct end a, struct end b, const struct live_link *br)
{
	char la[WHY_LABEL_MAX], lb[WHY_LABEL_MAX];

	if (a.l && b.l && a.l->l.port.isolated && b.l->l.port.isolated)
		why_cause(w, WHY_BLOCK, why_label(w->live, b, lb), "isolated",
			  "%s and %s are both isolated ports of %s: the bridge forwards nothing "
			  "between them", why_label(w->live, a, la), lb, br->l.name);
}

/* Where else NH is, and why that is not in the domain of EGRESS (peer P, bridge BR). */
static void explain_missing(struct walk *w, struct end egress, struct end p, struct end br,
			    const struct topo_addr *nh)
{
	char lx[WHY_LABEL_MAX], ly[WHY_LABEL_MAX], le[WHY_LABEL_MAX], ip[64];

	topo_ip_str(nh, ip, sizeof(ip));
	why_label(w->live, egress, le);
	for (int i = 0; i < w->live->nns; i++) {
		const struct live_link *x = why_local(&w->live->ns[i], nh);
		struct end xe = { i, x }, y;
		const struct live_link *ybr;

		if (!x || (i == egress.ns && x == egress.l))
			continue;
		why_label(w->live, xe, lx);
		y = peer_of(w->live, xe);
		ybr = y.l ? master_of(w->live, y) : NULL;
		if (br.l && y.l && y.ns == br.ns && !ybr)
			why_cause(w, WHY_BLOCK, why_label(w->live, y, ly), "no-master",
				  "%s is not a port of %s (no master), so %s (%s) is cut off", ly,
				  br.l->l.name, lx, ip);
		else if (!br.l && p.l && y.l && ybr && y.ns == p.ns)
			why_cause(w, WHY_BLOCK, why_label(w->live, p, ly), "no-master",
				  "%s is not a port of %s (no master), so %s cannot reach %s (%s)", ly,
				  ybr->l.name, le, ip, lx);
		else if (!w->depth && !w->ret)
			why_cause(w, WHY_BLOCK, lx, "other-domain",
				  "%s is on %s, which is not in the L2 domain of %s", ip, lx, le);
		return;
	}
}

/* Every receiver that has NH into OWNERS (8 at most); how many. */
static int owners_of(const struct reach *rs, int n, const struct topo_addr *nh, int *owners)
{
	int k = 0;

	for (int i = 0; i < n && k < 8; i++)
		if (why_has_ip(rs[i].at.l, nh))
			owners[k++] = i;
	return k;
}

static void duplicate(struct walk *w, const struct reach *rs, const int *owners, int n,
		      const struct topo_addr *nh)
{
	char ip[64], a[WHY_LABEL_MAX], b[WHY_LABEL_MAX], ma[MAC_STR_LEN], mb[MAC_STR_LEN];

	if (n < 2)
		return;
	mac_str(rs[owners[0]].at.l->l.mac, ma);
	mac_str(rs[owners[1]].at.l->l.mac, mb);
	why_cause(w, WHY_BLOCK, why_label(w->live, rs[owners[1]].at, b), "duplicate-address",
		  "%s is on both %s (%s) and %s (%s): a duplicate address, two MACs answer ARP "
		  "for it", topo_ip_str(nh, ip, sizeof(ip)), why_label(w->live, rs[owners[0]].at, a),
		  ma, b, mb);
}

int why_cross(struct walk *w, struct end egress, const struct topo_addr *nh, struct end *owner)
{
	static struct reach rs[DOMAIN_MAX]; /* one walk at a time; big for the stack */
	struct end p, br;
	int owners[8], n = domain(w, egress, rs, &p, &br), k;
	const struct reach *o;

	if (p.l) {
		why_hop(w, p, "peer");
		why_check_link(w, p);
	}
	if (br.l && br.l != egress.l) {
		why_hop(w, br, "bridge");
		why_check_link(w, br);
		why_check_port(w, p, br.l);
		why_check_fdb(w, p, br.l, egress); /* the answers come back to EGRESS */
	}
	k = owners_of(rs, n, nh, owners);
	if (!k) {
		explain_missing(w, egress, p, br, nh);
		return -ENOENT;
	}
	o = &rs[owners[0]];
	duplicate(w, rs, owners, k, nh);
	if (o->port.l) {
		why_hop(w, o->port, "port");
		why_check_port(w, o->port, br.l);
		why_check_fdb(w, o->port, br.l, o->at);
		check_isolated(w, p, o->port, br.l);
	}
	if (o->at.l != br.l && o->at.l != p.l) {
		why_hop(w, o->at, "owner");
		why_check_link(w, o->at);
	}
	*owner = o->at;
	return 0;
}
