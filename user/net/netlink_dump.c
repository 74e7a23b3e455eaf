// SPDX-License-Identifier: GPL-2.0
/* Dumps of one namespace's links, addresses and routes, and namespace ids: what discovery reads.
 * Each object is parsed into plain data and handed to the caller's callback. */
#include <errno.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netlink_int.h"

struct dump {
	int type; /* the reply type wanted */
	int (*parse)(const struct nlmsghdr *nlh, struct dump *d);
	union {
		int (*link)(const struct nl_link *l, void *ctx);
		int (*addr)(const struct nl_addr *a, void *ctx);
		int (*route)(const struct nl_route *r, void *ctx);
		int (*fdb)(const struct nl_fdb *e, void *ctx);
	} cb;
	void *ctx;
	int br_ifindex; /* FDB: the bridge asked for */
	long hz;        /* FDB: clock ticks a second, the unit of its ages */
};

static int dump_one(const struct nlmsghdr *nlh, void *data)
{
	struct dump *d = data;
	int err;

	if (nlh->nlmsg_type != d->type)
		return MNL_CB_OK;
	err = d->parse(nlh, d);
	if (!err)
		return MNL_CB_OK;
	errno = -err;
	return MNL_CB_ERROR;
}

/* A dump request of TYPE for FAMILY, with its header struct of HDR_LEN bytes zeroed. */
static struct nlmsghdr *dump_msg(struct nl *nl, int type, size_t hdr_len, int family)
{
	struct nlmsghdr *nlh = nl_msg(nl, type, NLM_F_DUMP);
	unsigned char *hdr;

	nlh->nlmsg_flags &= ~NLM_F_ACK; /* a dump ends with NLMSG_DONE */
	hdr = mnl_nlmsg_put_extra_header(nlh, hdr_len);
	hdr[0] = (unsigned char)family; /* every header's first byte is its family */
	return nlh;
}

static int dump_run(struct nl *nl, int type, size_t hdr_len, struct dump *d)
{
	return nl_talk(nl, dump_msg(nl, type, hdr_len, AF_UNSPEC), dump_one, d);
}

static int parse_link(const struct nlmsghdr *nlh, struct dump *d)
{
	struct nl_link l;

	nl_parse_link_msg(nlh, &l);
	return d->cb.link(&l, d->ctx);
}

int nl_dump_links(struct nl *nl, int (*cb)(const struct nl_link *l, void *ctx), void *ctx)
{
	struct dump d = { .type = RTM_NEWLINK, .parse = parse_link, .cb.link = cb, .ctx = ctx };

	return dump_run(nl, RTM_GETLINK, sizeof(struct ifinfomsg), &d);
}

static int parse_addr(const struct nlmsghdr *nlh, struct dump *d)
{
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	size_t len = ifa->ifa_family == AF_INET ? 4 : 16;
	struct nl_addr a = { .ifindex = (int)ifa->ifa_index, .scope = ifa->ifa_scope };
	const struct nlattr *attr;
	bool local = false;

	if (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6)
		return 0;
	a.a.family = ifa->ifa_family;
	a.a.prefix = ifa->ifa_prefixlen;
	/* IFA_LOCAL is the interface's own address; IFA_ADDRESS, the peer's on point-to-point
	 * links, is the only one IPv6 sends. */
	mnl_attr_for_each(attr, nlh, sizeof(*ifa)) {
		int type = mnl_attr_get_type(attr);

		if ((type != IFA_LOCAL && (type != IFA_ADDRESS || local)) ||
		    mnl_attr_get_payload_len(attr) != len)
			continue;
		memcpy(a.a.addr, mnl_attr_get_payload(attr), len);
		local = type == IFA_LOCAL;
	}
	return d->cb.addr(&a, d->ctx);
}

int nl_dump_addrs(struct nl *nl, int (*cb)(const struct nl_addr *a, void *ctx), void *ctx)
{
	struct dump d = { .type = RTM_NEWADDR, .parse = parse_addr, .cb.addr = cb, .ctx = ctx };

	return dump_run(nl, RTM_GETADDR, sizeof(struct ifaddrmsg), &d);
}

static void parse_route_attr(const struct nlattr *a, struct nl_route *r)
{
	size_t len = r->family == AF_INET ? 4 : 16;

	switch (mnl_attr_get_type(a)) {
	case RTA_DST:
		if (mnl_attr_get_payload_len(a) == len)
			memcpy(r->dst, mnl_attr_get_payload(a), len);
		break;
	case RTA_GATEWAY:
		r->has_gw = mnl_attr_get_payload_len(a) == len;
		if (r->has_gw)
			memcpy(r->gw, mnl_attr_get_payload(a), len);
		break;
	case RTA_OIF:
		if (!mnl_attr_validate(a, MNL_TYPE_U32))
			r->oif = (int)mnl_attr_get_u32(a);
		break;
	case RTA_TABLE:
		if (!mnl_attr_validate(a, MNL_TYPE_U32))
			r->table = mnl_attr_get_u32(a);
		break;
	case RTA_MULTIPATH:
		r->multipath = true;
		break;
	}
}

static int parse_route(const struct nlmsghdr *nlh, struct dump *d)
{
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;
	struct nl_route r;

	/* Padding too: routes are compared as bytes. */
	memset(&r, 0, sizeof(r));
	r.family = rtm->rtm_family;
	r.dst_len = rtm->rtm_dst_len;
	r.protocol = rtm->rtm_protocol;
	r.type = rtm->rtm_type;
	r.scope = rtm->rtm_scope;
	r.table = rtm->rtm_table;

	if (r.family != AF_INET && r.family != AF_INET6)
		return 0;
	mnl_attr_for_each(a, nlh, sizeof(*rtm))
		parse_route_attr(a, &r);
	return d->cb.route(&r, d->ctx);
}

int nl_dump_routes(struct nl *nl, int (*cb)(const struct nl_route *r, void *ctx), void *ctx)
{
	struct dump d = { .type = RTM_NEWROUTE, .parse = parse_route, .cb.route = cb, .ctx = ctx };

	return dump_run(nl, RTM_GETROUTE, sizeof(struct rtmsg), &d);
}

static int parse_nsid(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	if (nlh->nlmsg_type != RTM_NEWNSID)
		return MNL_CB_OK;
	mnl_attr_for_each(a, nlh, sizeof(struct rtgenmsg))
		if (mnl_attr_get_type(a) == NETNSA_NSID && !mnl_attr_validate(a, MNL_TYPE_U32))
			*(int *)data = (int)mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

int nl_nsid(struct nl *nl, int nsfd, int *nsid)
{
	struct nlmsghdr *nlh = nl_msg(nl, RTM_GETNSID, 0);
	struct rtgenmsg *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));

	g->rtgen_family = AF_UNSPEC;
	mnl_attr_put_u32(nlh, NETNSA_FD, (uint32_t)nsfd);
	*nsid = -1;
	return nl_talk(nl, nlh, parse_nsid, nsid);
}

static int fdb_attr(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_type_valid(a, NDA_MAX) > 0)
		tb[mnl_attr_get_type(a)] = a;
	return MNL_CB_OK;
}

/* The kernel's dump also walks every other bridge and adds the ports' own address lists
 * (NTF_SELF, no NDA_MASTER): only entries whose NDA_MASTER is the bridge asked for are kept. */
static int parse_fdb(const struct nlmsghdr *nlh, struct dump *d)
{
	const struct nlattr *tb[NDA_MAX + 1] = { 0 };
	const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);
	const struct nda_cacheinfo *ci;
	struct nl_fdb e = { .port = ndm->ndm_ifindex, .state = ndm->ndm_state };

	if (ndm->ndm_family != AF_BRIDGE || mnl_attr_parse(nlh, sizeof(*ndm), fdb_attr, tb) < 0)
		return 0;
	if (!tb[NDA_MASTER] || (int)mnl_attr_get_u32(tb[NDA_MASTER]) != d->br_ifindex ||
	    !tb[NDA_LLADDR] || mnl_attr_get_payload_len(tb[NDA_LLADDR]) != 6)
		return 0;
	memcpy(e.mac, mnl_attr_get_payload(tb[NDA_LLADDR]), 6);
	e.vlan = tb[NDA_VLAN] ? mnl_attr_get_u16(tb[NDA_VLAN]) : 0;
	if (tb[NDA_CACHEINFO] && mnl_attr_get_payload_len(tb[NDA_CACHEINFO]) >= sizeof(*ci)) {
		ci = mnl_attr_get_payload(tb[NDA_CACHEINFO]);
		e.used = (double)ci->ndm_used / d->hz;
	}
	return d->cb.fdb(&e, d->ctx);
}

int nl_fdb_dump(struct nl *nl, int br_ifindex, int (*cb)(const struct nl_fdb *e, void *ctx),
		void *ctx)
{
	struct dump d = { .type = RTM_NEWNEIGH, .parse = parse_fdb, .cb.fdb = cb, .ctx = ctx,
			  .br_ifindex = br_ifindex, .hz = sysconf(_SC_CLK_TCK) };
	struct nlmsghdr *nlh = dump_msg(nl, RTM_GETNEIGH, sizeof(struct ndmsg), AF_BRIDGE);

	if (d.hz <= 0)
		d.hz = 100;
	mnl_attr_put_u32(nlh, NDA_MASTER, br_ifindex);
	return nl_talk(nl, nlh, dump_one, &d);
}
