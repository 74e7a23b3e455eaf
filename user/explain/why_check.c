// SPDX-License-Identifier: GPL-2.0
/* The checks of one object on the expected path: a link's state and MTU, a bridge port, the owner
 * of the next hop (ARP sysctls, the sender's neighbour entry). */
#include <linux/if_bridge.h>
#include <string.h>

#include "mac.h"
#include "why_int.h"

/* RFC 2863 operational states, as <linux/if.h> numbers them (it clashes with <net/if.h>). */
enum { OPER_UNKNOWN = 0, OPER_UP = 6 };

/* Bytes on the wire above the payload: IPv4 and ICMP or UDP headers; a SYN is small. */
static unsigned int probe_len(const struct why_query *q)
{
	return q->proto == WHY_TCP ? 60 : q->size + 28;
}

/* A qdisc on E that drops everything E sends; tc filters on E, whose actions are not read. */
static void check_qdisc(struct walk *w, struct end e, const char *label, const char *named)
{
	const struct why_ns_facts *f = why_facts_of(w, e.ns);

	for (int i = 0; f && i < f->nqdiscs; i++)
		if (strcmp(f->qdiscs[i].ifname, e.l->l.name))
			continue;
		else if (f->qdiscs[i].filter)
			why_cause(w, WHY_NOTE, label, "tc-filter",
				  "%s has tc filters, not checked (a drop action in them would not "
				  "be seen): %s", named, f->qdiscs[i].text);
		else
			why_cause(w, WHY_BLOCK, label, "qdisc-drop",
				  "%s drops everything it sends: tc qdisc %s", named,
				  f->qdiscs[i].text);
}

void why_check_link(struct walk *w, struct end e)
{
	char lb[WHY_LABEL_MAX], nm[WHY_LABEL_MAX];
	const struct nl_link *l = &e.l->l;

	why_label(w->live, e, lb);
	why_named(w->live, e, nm);
	if (!(l->flags & IFF_UP))
		why_cause(w, WHY_BLOCK, lb, "admin-down", "%s is down (admin)", nm);
	else if (!l->carrier || (l->operstate != OPER_UP && l->operstate != OPER_UNKNOWN))
		why_cause(w, WHY_SYMPTOM, lb, "no-carrier", "%s has no carrier (operstate %s)", nm,
			  live_oper_name(l->operstate));
	check_qdisc(w, e, lb, nm);
	if (l->mtu && probe_len(w->q) > l->mtu && !w->ret) {
		why_cause(w, WHY_BLOCK, lb, "mtu", "MTU %u on %s is below the %u-byte probe (DF)",
			  l->mtu, lb, probe_len(w->q));
		/* A veth drops a frame too big for its peer as it sends it: there. */
		if (e.l->peer_ns >= 0)
			why_cause_peer(w, lb, "mtu", why_label(w->live, (struct end){
				e.l->peer_ns, &w->live->ns[e.l->peer_ns].links[e.l->peer_link] }, nm));
	}
}

void why_check_port(struct walk *w, struct end port, const struct live_link *br)
{
	const struct nl_port *p = &port.l->l.port;
	bool br_down = !(br->l.flags & IFF_UP);
	bool link_down = !(port.l->l.flags & IFF_UP) || !port.l->l.carrier;
	const struct why_ns_facts *f = why_facts_of(w, port.ns);
	char lb[WHY_LABEL_MAX];

	why_label(w->live, port, lb);
	/* A port that is down or has no carrier, or whose bridge is down, is disabled by the
	 * bridge: a symptom of that, said with it. */
	if (p->state != BR_STATE_FORWARDING)
		why_cause(w, br_down || link_down ? WHY_SYMPTOM : WHY_BLOCK, lb, "port-state",
			  "%s, a port of %s, is %s%s", lb, br->l.name,
			  live_port_state_name(p->state), br_down ? " (the bridge is down)" :
			  link_down ? " (its link is down)" : br->l.stp ? " (STP is on)" : "");
	/* With the FDB known, why_check_fdb says whether unicast reaches the MAC behind it. */
	if (!p->learning && !p->flood && !(f && f->fdb_read))
		why_cause(w, WHY_BLOCK, lb, "no-learning-no-flood",
			  "%s, a port of %s, neither learns nor is flooded to: unicast never "
			  "reaches it", lb, br->l.name);
	else if (!p->learning && p->flood)
		why_cause(w, WHY_NOTE, lb, "flood", "%s does not learn on %s: frames to the MACs "
			  "behind it are flooded to every port (reachable, but flooded)",
			  br->l.name, lb);
	if (br->l.vlan_filtering)
		why_cause(w, WHY_NOTE, br->l.name, "vlan-filtering",
			  "%s filters VLANs; the VLANs of its ports are not checked", br->l.name);
}

/* The sentence for PORT of BR, not flooded to, with OWNER (label LO, MAC) behind it. */
static void fdb_cause(struct walk *w, struct end port, const struct live_link *br,
		      const char *lo, const char *mac, bool known)
{
	char lb[WHY_LABEL_MAX];

	why_label(w->live, port, lb);
	if (known)
		why_cause(w, WHY_NOTE, lb, "no-learning-no-flood",
			  "%s, a port of %s, neither learns nor is flooded to: unicast reaches %s "
			  "only while %s keeps its FDB entry for %s", lb, br->l.name, lo, br->l.name,
			  mac);
	else if (!port.l->l.port.learning)
		why_cause(w, WHY_BLOCK, lb, "no-learning-no-flood",
			  "%s, a port of %s, neither learns nor is flooded to, and %s has no FDB "
			  "entry for %s's MAC %s there: unicast never reaches it", lb, br->l.name,
			  br->l.name, lo, mac);
	else
		why_cause(w, WHY_BLOCK, lb, "no-fdb-entry",
			  "%s, a port of %s, is not flooded to (flood off) and %s has no FDB entry "
			  "for %s's MAC %s there: unicast to it is dropped until it sends", lb,
			  br->l.name, br->l.name, lo, mac);
}

void why_check_fdb(struct walk *w, struct end port, const struct live_link *br, struct end owner)
{
	const struct why_ns_facts *f = why_facts_of(w, port.ns);
	char lo[WHY_LABEL_MAX], mac[MAC_STR_LEN];
	bool known = false;

	if (w->ret || !f || !f->fdb_read || port.l->l.port.flood || owner.l->l.mac_len != 6)
		return;
	for (int i = 0; i < f->nfdb; i++)
		known |= f->fdb[i].port == port.l->l.ifindex &&
			 !memcmp(f->fdb[i].mac, owner.l->l.mac, 6);
	if (known && port.l->l.port.learning)
		return;
	mac_str(owner.l->l.mac, mac);
	fdb_cause(w, port, br, why_label(w->live, owner, lo), mac, known);
}

/* Will OWNER answer ARP for NH from the sender's address? (NOARP, arp_ignore, arp_filter) */
static void check_arp(struct walk *w, struct end owner, const struct topo_addr *nh)
{
	const struct why_if_conf *c = why_conf_of(w, owner);
	const struct nl_route *back = why_route(&w->live->ns[owner.ns], &w->src);
	char nm[WHY_LABEL_MAX], lb[WHY_LABEL_MAX], ip[64], src[64];

	why_label(w->live, owner, lb);
	why_named(w->live, owner, nm);
	topo_ip_str(nh, ip, sizeof(ip));
	topo_ip_str(&w->src, src, sizeof(src));
	if (owner.l->l.flags & IFF_NOARP)
		why_cause(w, WHY_SILENT, lb, "noarp",
			  "%s has ARP off (NOARP): it answers no ARP, so nothing learns %s's MAC",
			  nm, ip);
	if (!c)
		return;
	if (c->arp_ignore >= 8)
		why_cause(w, WHY_SILENT, lb, "arp-ignore",
			  "%s has arp_ignore=%d: it answers no ARP, so nothing learns %s's MAC", nm,
			  c->arp_ignore, ip);
	else if (c->arp_ignore >= 2 && !why_on_link(owner.l, &w->src))
		why_cause(w, WHY_SILENT, lb, "arp-ignore",
			  "%s has arp_ignore=%d: it answers no ARP from %s, which is not on its "
			  "subnet", nm, c->arp_ignore, src);
	if (c->arp_filter && (!back || back->oif != owner.l->l.ifindex))
		why_cause(w, WHY_SILENT, lb, "arp-filter",
			  "%s has arp_filter=1 and would route the answer to %s elsewhere: it does "
			  "not answer ARP for %s", nm, src, ip);
}

/* The sender's neighbour entry for NH on EGRESS: unanswered, or a MAC that is not OWNER's. */
static void check_neigh(struct walk *w, struct end egress, struct end owner,
			const struct topo_addr *nh)
{
	const struct why_ns_facts *f = why_facts_of(w, egress.ns);
	const char *name = why_ns_name(w->live, egress.ns);
	char ip[64], have[MAC_STR_LEN], want[MAC_STR_LEN], lb[WHY_LABEL_MAX];

	topo_ip_str(nh, ip, sizeof(ip));
	for (int i = 0; f && i < f->nneigh; i++) {
		const struct why_neigh *n = &f->neigh[i];

		if (memcmp(n->ip.addr, nh->addr, 4) || strcmp(n->ifname, egress.l->l.name))
			continue;
		mac_str(n->mac, have);
		mac_str(owner.l->l.mac, want);
		if (!n->complete)
			why_cause(w, WHY_SYMPTOM, name, "neigh-incomplete",
				  "%s's neighbour entry for %s on %s is incomplete or failed: ARP "
				  "for it went unanswered", name, ip, egress.l->l.name);
		else if (owner.l->l.mac_len == 6 && memcmp(n->mac, owner.l->l.mac, 6))
			why_cause(w, WHY_SILENT, name, "stale-mac",
				  "%s's neighbour entry for %s says %s, but %s is %s with %s (a stale "
				  "MAC)", name, ip, have, ip, why_label(w->live, owner, lb), want);
	}
}

void why_check_owner(struct walk *w, struct end egress, struct end owner,
		     const struct topo_addr *nh)
{
	if (w->ret)
		return;
	check_arp(w, owner, nh);
	check_neigh(w, egress, owner, nh);
}
