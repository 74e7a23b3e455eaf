/* SPDX-License-Identifier: GPL-2.0 */
/* Inside the configuration analysis: the walk along the expected path and the checks it makes. */
#ifndef NSVIZ_WHY_INT_H
#define NSVIZ_WHY_INT_H

#include "why.h"

/* An interface of a namespace. */
struct end {
	int ns;
	const struct live_link *l;
};

struct walk {
	const struct live *live;
	const struct why_facts *f;
	const struct why_query *q;
	struct why_result *r;
	struct topo_addr src, dst; /* of the packet followed */
	bool ret;                  /* the way back: checked, not drawn */
	int depth;                 /* routers crossed */
};

#define WHY_DEPTH_MAX 8

__attribute__((format(printf, 5, 6)))
void why_cause(struct walk *w, enum why_rank rank, const char *object, const char *fault,
	       const char *fmt, ...);
/* The cause FAULT on OBJECT also shows at the interface PEER (a veth's other end). */
void why_cause_peer(struct walk *w, const char *object, const char *fault, const char *peer);
/* "red" or "host". */
const char *why_ns_name(const struct live *live, int ns);
/* E as an object, "green:eth0-g" ("veth-g" in the host), into BUF of WHY_LABEL_MAX. */
char *why_label(const struct live *live, struct end e, char *buf);
/* E in a sentence, "green's eth0-g" ("veth-g" in the host), into BUF of WHY_LABEL_MAX. */
char *why_named(const struct live *live, struct end e, char *buf);
/* What FACTS know of namespace NS, or NULL. */
const struct why_ns_facts *why_facts_of(const struct walk *w, int ns);
const struct why_if_conf *why_conf_of(const struct walk *w, struct end e);
/* The longest-prefix IPv4 route of NS to DST, or NULL. */
const struct nl_route *why_route(const struct live_ns *ns, const struct topo_addr *dst);
/* The link of NS that has IP, or NULL. */
const struct live_link *why_local(const struct live_ns *ns, const struct topo_addr *ip);
/* L has the address IP. */
bool why_has_ip(const struct live_link *l, const struct topo_addr *ip);
/* E is a hop of the path drawn (not on the way back), as ROLE. */
void why_hop(struct walk *w, struct end e, const char *role);
/* IP is inside a connected subnet of L. */
bool why_on_link(const struct live_link *l, const struct topo_addr *ip);

/* Checks of one object on the path (why_check.c). */
void why_check_link(struct walk *w, struct end e);
void why_check_port(struct walk *w, struct end port, const struct live_link *br);
/* When PORT of BR is not flooded to, and BR's FDB was read: does it know OWNER's MAC behind
 * PORT (unicast to OWNER reaches it only then)? */
void why_check_fdb(struct walk *w, struct end port, const struct live_link *br, struct end owner);
/* OWNER has the next hop NH asked for over EGRESS: will it answer ARP, does the sender's
 * neighbour entry agree. */
void why_check_owner(struct walk *w, struct end egress, struct end owner,
		     const struct topo_addr *nh);
/* The firewall rules of NS at HOOKS ("input", ... NULL-terminated) that drop the packet. */
void why_check_nft(struct walk *w, int ns, const char *const *hooks);

/* Cross the L2 domain of EGRESS to the owner of NH (why_l2.c): the hops drawn, each object
 * checked. 0 and *OWNER, or -ENOENT when none answers for NH (the reason is a cause already
 * unless WHO says what NH is: then the caller says it). */
int why_cross(struct walk *w, struct end egress, const struct topo_addr *nh, struct end *owner);

#endif
