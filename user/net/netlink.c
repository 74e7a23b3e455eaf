// SPDX-License-Identifier: GPL-2.0
/* rtnetlink requests through libmnl, one synchronous request/ack at a time. */
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "netlink_int.h"
#include "netns.h"

#ifndef NETLINK_GET_STRICT_CHK
#define NETLINK_GET_STRICT_CHK 12
#endif

static int nl_open_here(struct nl *nl)
{
	int one = 1;

	nl->sock = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (!nl->sock)
		return -errno;
	/* Errors without a copy of the request: the ack always fits the buffer. */
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	/* Dumps honour their filter attributes (an FDB dump's NDA_MASTER) instead of reading the
	 * header as an ifinfomsg. */
	mnl_socket_setsockopt(nl->sock, NETLINK_GET_STRICT_CHK, &one, sizeof(one));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID))
		return -errno;
	nl->portid = mnl_socket_get_portid(nl->sock);
	return 0;
}

int nl_open(int nsfd, struct nl **out)
{
	struct nl *nl = calloc(1, sizeof(*nl));
	int saved = -1, err;

	if (!nl)
		return -ENOMEM;
	nl->seq = (unsigned int)time(NULL);
	if (nsfd >= 0 && (err = netns_enter(nsfd, &saved)))
		goto cleanup;
	err = nl_open_here(nl);
	if (saved >= 0 && netns_leave(saved) && !err)
		err = -EIO; /* still in NSFD: the caller must not go on here */
cleanup:
	if (err) {
		nl_close(nl);
		return err;
	}
	*out = nl;
	return 0;
}

void nl_close(struct nl *nl)
{
	if (!nl)
		return;
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl);
}

struct nlmsghdr *nl_msg(struct nl *nl, int type, int flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(nl->req);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++nl->seq;
	return nlh;
}

int nl_talk(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	ssize_t n;
	int ret;

	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	do {
		n = mnl_socket_recvfrom(nl->sock, nl->buf, sizeof(nl->buf));
		if (n < 0)
			return -errno;
		ret = mnl_cb_run(nl->buf, n, nlh->nlmsg_seq, nl->portid, cb, data);
	} while (ret > MNL_CB_STOP);
	return ret < 0 ? -errno : 0;
}

static void nl_put_ifinfo(struct nlmsghdr *nlh, int ifindex, unsigned int up)
{
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	ifi->ifi_flags = up;
	ifi->ifi_change = up;
}

static void nl_put_name_ns(struct nlmsghdr *nlh, const char *name, int nsfd)
{
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	if (nsfd >= 0)
		mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, nsfd);
}

static void nl_parse_bridge(const struct nlattr *data, struct nl_link *l)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, data) {
		if (mnl_attr_get_type(a) == IFLA_BR_STP_STATE && !mnl_attr_validate(a, MNL_TYPE_U32))
			l->stp = mnl_attr_get_u32(a) != 0;
		else if (mnl_attr_get_type(a) == IFLA_BR_VLAN_FILTERING &&
			 !mnl_attr_validate(a, MNL_TYPE_U8))
			l->vlan_filtering = mnl_attr_get_u8(a) != 0;
	}
}

/* A u8 flag of a bridge port, by attribute type: the field it sets, or NULL. */
static bool *nl_port_flag(struct nl_port *p, int type)
{
	switch (type) {
	case IFLA_BRPORT_LEARNING: return &p->learning;
	case IFLA_BRPORT_UNICAST_FLOOD: return &p->flood;
	case IFLA_BRPORT_ISOLATED: return &p->isolated;
	case IFLA_BRPORT_MODE: return &p->hairpin;
	}
	return NULL;
}

static void nl_parse_port(const struct nlattr *data, struct nl_port *p)
{
	const struct nlattr *a;
	bool *flag;

	p->is_port = true;
	mnl_attr_for_each_nested(a, data) {
		if (mnl_attr_validate(a, MNL_TYPE_U8))
			continue;
		if (mnl_attr_get_type(a) == IFLA_BRPORT_STATE)
			p->state = mnl_attr_get_u8(a);
		else if ((flag = nl_port_flag(p, mnl_attr_get_type(a))))
			*flag = mnl_attr_get_u8(a) != 0;
	}
}

/* IFLA_INFO_DATA means the kind's attributes, IFLA_INFO_SLAVE_DATA the master's (a bridge
 * port's); the kind names come first in the kernel's messages. */
static void nl_parse_linkinfo(const struct nlattr *info, struct nl_link *l)
{
	const struct nlattr *a;
	bool bridge_port = false;

	mnl_attr_for_each_nested(a, info) {
		int type = mnl_attr_get_type(a);

		if (type == IFLA_INFO_KIND && !mnl_attr_validate(a, MNL_TYPE_STRING))
			snprintf(l->kind, sizeof(l->kind), "%s", mnl_attr_get_str(a));
		else if (type == IFLA_INFO_SLAVE_KIND && !mnl_attr_validate(a, MNL_TYPE_STRING))
			bridge_port = !strcmp(mnl_attr_get_str(a), "bridge");
		else if (type == IFLA_INFO_DATA && !strcmp(l->kind, "bridge"))
			nl_parse_bridge(a, l);
		else if (type == IFLA_INFO_SLAVE_DATA && bridge_port)
			nl_parse_port(a, &l->port);
	}
}

static void nl_parse_link_u32(const struct nlattr *a, struct nl_link *l)
{
	if (mnl_attr_validate(a, MNL_TYPE_U32))
		return;
	switch (mnl_attr_get_type(a)) {
	case IFLA_MASTER: l->master = (int)mnl_attr_get_u32(a); break;
	case IFLA_MTU: l->mtu = mnl_attr_get_u32(a); break;
	case IFLA_LINK: l->link = (int)mnl_attr_get_u32(a); break;
	case IFLA_LINK_NETNSID: l->link_nsid = (int)mnl_attr_get_u32(a); break;
	}
}

static void nl_parse_link_u8(const struct nlattr *a, struct nl_link *l)
{
	if (mnl_attr_validate(a, MNL_TYPE_U8))
		return;
	if (mnl_attr_get_type(a) == IFLA_OPERSTATE)
		l->operstate = mnl_attr_get_u8(a);
	else if (mnl_attr_get_type(a) == IFLA_CARRIER)
		l->carrier = mnl_attr_get_u8(a) != 0;
}

void nl_parse_link_msg(const struct nlmsghdr *nlh, struct nl_link *l)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;

	memset(l, 0, sizeof(*l));
	l->ifindex = ifi->ifi_index;
	l->flags = ifi->ifi_flags;
	l->link_nsid = -1;
	mnl_attr_for_each(a, nlh, sizeof(*ifi)) {
		switch (mnl_attr_get_type(a)) {
		case IFLA_IFNAME:
			if (!mnl_attr_validate(a, MNL_TYPE_STRING))
				snprintf(l->name, sizeof(l->name), "%s", mnl_attr_get_str(a));
			break;
		case IFLA_MASTER: case IFLA_MTU: case IFLA_LINK: case IFLA_LINK_NETNSID:
			nl_parse_link_u32(a, l);
			break;
		case IFLA_OPERSTATE: case IFLA_CARRIER:
			nl_parse_link_u8(a, l);
			break;
		case IFLA_ADDRESS:
			l->mac_len = (int)mnl_attr_get_payload_len(a);
			if (l->mac_len > (int)sizeof(l->mac))
				l->mac_len = 0;
			memcpy(l->mac, mnl_attr_get_payload(a), (size_t)l->mac_len);
			break;
		case IFLA_STATS64:
			if (mnl_attr_get_payload_len(a) >= sizeof(l->stats))
				memcpy(&l->stats, mnl_attr_get_payload(a), sizeof(l->stats));
			break;
		case IFLA_LINKINFO:
			nl_parse_linkinfo(a, l);
			break;
		}
	}
}

static int nl_parse_link(const struct nlmsghdr *nlh, void *data)
{
	if (nlh->nlmsg_type == RTM_NEWLINK)
		nl_parse_link_msg(nlh, data);
	return MNL_CB_OK;
}

/* Send a request that creates a link made in the socket's namespace (NSFD < 0) and have the kernel
 * echo it. Elsewhere the echo would go to the socket with our port id in that namespace: one of
 * ours, and it would confuse its next request. The ifindex, 0 when not echoed, or -errno. */
static int nl_create(struct nl *nl, struct nlmsghdr *nlh, int nsfd)
{
	struct nl_link l = { .ifindex = 0 };
	int err;

	if (nsfd < 0)
		nlh->nlmsg_flags |= NLM_F_ECHO;
	err = nl_talk(nl, nlh, nl_parse_link, &l);
	return err ? err : l.ifindex;
}

int nl_veth_add(struct nl *nl, const char *name, int nsfd, int master, const char *peer,
		int peer_nsfd)
{
	struct nlmsghdr *nlh = nl_msg(nl, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	struct nlattr *info, *data, *peer_attr;
	struct ifinfomsg *peer_ifi;

	nl_put_ifinfo(nlh, 0, IFF_UP);
	nl_put_name_ns(nlh, name, nsfd);
	if (master > 0)
		mnl_attr_put_u32(nlh, IFLA_MASTER, master);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	peer_attr = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
	/* The peer's attributes follow its own ifinfomsg, inside the nest. */
	peer_ifi = mnl_nlmsg_get_payload_tail(nlh);
	nlh->nlmsg_len += MNL_ALIGN(sizeof(*peer_ifi));
	memset(peer_ifi, 0, sizeof(*peer_ifi));
	peer_ifi->ifi_family = AF_UNSPEC;
	nl_put_name_ns(nlh, peer, peer_nsfd);
	mnl_attr_nest_end(nlh, peer_attr);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	return nl_create(nl, nlh, nsfd);
}

/* RTM_NEWLINK making NAME of KIND with FLAGS, its IFLA_INFO_DATA nest open in *DATA. */
static struct nlmsghdr *create_msg(struct nl *nl, const char *name, const char *kind,
				   unsigned int flags, struct nlattr **info, struct nlattr **data)
{
	struct nlmsghdr *nlh = nl_msg(nl, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);

	nl_put_ifinfo(nlh, 0, flags);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	*info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, kind);
	*data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	return nlh;
}

static int create_send(struct nl *nl, struct nlmsghdr *nlh, struct nlattr *info,
		       struct nlattr *data)
{
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	return nl_create(nl, nlh, -1);
}

int nl_bridge_add(struct nl *nl, const char *name, bool stp, bool vlan_filtering)
{
	struct nlattr *info, *data;
	struct nlmsghdr *nlh = create_msg(nl, name, "bridge", IFF_UP, &info, &data);

	/* Only what is asked: a kernel without VLAN filtering refuses even to turn it off. */
	if (stp)
		mnl_attr_put_u32(nlh, IFLA_BR_STP_STATE, 1);
	if (vlan_filtering)
		mnl_attr_put_u8(nlh, IFLA_BR_VLAN_FILTERING, 1);
	return create_send(nl, nlh, info, data);
}

int nl_link_add(struct nl *nl, const char *name, const char *kind)
{
	struct nlattr *info, *data;
	struct nlmsghdr *nlh = create_msg(nl, name, kind, 0, &info, &data);

	return create_send(nl, nlh, info, data);
}

int nl_link_up(struct nl *nl, int ifindex, int master)
{
	struct nlmsghdr *nlh = nl_msg(nl, RTM_NEWLINK, 0);

	nl_put_ifinfo(nlh, ifindex, IFF_UP);
	if (master > 0)
		mnl_attr_put_u32(nlh, IFLA_MASTER, master);
	return nl_talk(nl, nlh, NULL, NULL);
}

int nl_link_mtu(struct nl *nl, int ifindex, unsigned int mtu)
{
	struct nlmsghdr *nlh = nl_msg(nl, RTM_NEWLINK, 0);

	nl_put_ifinfo(nlh, ifindex, 0);
	mnl_attr_put_u32(nlh, IFLA_MTU, mtu);
	return nl_talk(nl, nlh, NULL, NULL);
}

int nl_port_set(struct nl *nl, int ifindex, const struct nl_port *p)
{
	struct nlmsghdr *nlh = nl_msg(nl, RTM_NEWLINK, 0);
	struct nlattr *info, *data;

	nl_put_ifinfo(nlh, ifindex, 0);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_SLAVE_KIND, "bridge");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_SLAVE_DATA);
	mnl_attr_put_u8(nlh, IFLA_BRPORT_LEARNING, p->learning);
	mnl_attr_put_u8(nlh, IFLA_BRPORT_UNICAST_FLOOD, p->flood);
	mnl_attr_put_u8(nlh, IFLA_BRPORT_ISOLATED, p->isolated);
	mnl_attr_put_u8(nlh, IFLA_BRPORT_MODE, p->hairpin);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	return nl_talk(nl, nlh, NULL, NULL);
}

int nl_link_down(struct nl *nl, int ifindex)
{
	struct nlmsghdr *nlh = nl_msg(nl, RTM_NEWLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	ifi->ifi_change = IFF_UP;
	return nl_talk(nl, nlh, NULL, NULL);
}

int nl_link_del(struct nl *nl, int ifindex)
{
	struct nlmsghdr *nlh = nl_msg(nl, RTM_DELLINK, 0);

	nl_put_ifinfo(nlh, ifindex, 0);
	return nl_talk(nl, nlh, NULL, NULL);
}

int nl_link_get(struct nl *nl, int ifindex, const char *name, struct nl_link *out)
{
	struct nlmsghdr *nlh = nl_msg(nl, RTM_GETLINK, 0);
	int err;

	nl_put_ifinfo(nlh, ifindex, 0);
	if (!ifindex)
		mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	out->ifindex = 0;
	err = nl_talk(nl, nlh, nl_parse_link, out);
	return err ? err : out->ifindex ? 0 : -ENODEV;
}

int nl_subscribe(struct nl *nl, const int *groups, int n)
{
	int size = 4 << 20;

	/* Deleting a thousand namespaces sends thousands of notifications at once. */
	setsockopt(mnl_socket_get_fd(nl->sock), SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size));
	for (int i = 0; i < n; i++) {
		int group = groups[i];

		if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group)))
			return -errno;
	}
	return 0;
}

int nl_fd(const struct nl *nl)
{
	return mnl_socket_get_fd(nl->sock);
}

int nl_watch_links(struct nl *nl)
{
	return nl_subscribe(nl, (const int[]){ RTNLGRP_LINK }, 1);
}

struct nl_event_ctx {
	void (*cb)(const struct nl_link *l, bool gone, void *ctx);
	void *ctx;
	int n;
};

static int nl_parse_event(const struct nlmsghdr *nlh, void *data)
{
	struct nl_event_ctx *e = data;
	struct nl_link l;

	if (nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK)
		return MNL_CB_OK;
	nl_parse_link_msg(nlh, &l);
	e->cb(&l, nlh->nlmsg_type == RTM_DELLINK, e->ctx);
	e->n++;
	return MNL_CB_OK;
}

int nl_link_events(struct nl *nl, int timeout_ms,
		   void (*cb)(const struct nl_link *l, bool gone, void *ctx), void *ctx)
{
	struct pollfd pfd = { .fd = mnl_socket_get_fd(nl->sock), .events = POLLIN };
	struct nl_event_ctx e = { .cb = cb, .ctx = ctx };
	int ready;
	ssize_t n;

	/* Wait for the first, then take whatever else is queued. */
	while ((ready = poll(&pfd, 1, e.n ? 0 : timeout_ms)) > 0) {
		n = recv(pfd.fd, nl->buf, sizeof(nl->buf), MSG_DONTWAIT);
		if (n < 0)
			return errno == EAGAIN ? e.n : -errno;
		if (mnl_cb_run(nl->buf, n, 0, 0, nl_parse_event, &e) < 0)
			return -errno;
	}
	return ready < 0 ? -errno : e.n;
}

static size_t nl_addr_len(const struct topo_addr *a)
{
	return a->family == AF_INET ? 4 : 16;
}

int nl_addr_add(struct nl *nl, int ifindex, const struct topo_addr *a)
{
	struct nlmsghdr *nlh = nl_msg(nl, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));

	ifa->ifa_family = a->family;
	ifa->ifa_prefixlen = a->prefix;
	ifa->ifa_index = ifindex;
	if (a->family == AF_INET6)
		ifa->ifa_flags = IFA_F_NODAD;
	mnl_attr_put(nlh, IFA_LOCAL, nl_addr_len(a), a->addr);
	mnl_attr_put(nlh, IFA_ADDRESS, nl_addr_len(a), a->addr);
	return nl_talk(nl, nlh, NULL, NULL);
}

int nl_route_add(struct nl *nl, const struct topo_addr *dst, const struct topo_addr *via)
{
	struct nlmsghdr *nlh = nl_msg(nl, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));

	rtm->rtm_family = via->family;
	rtm->rtm_dst_len = dst ? dst->prefix : 0;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_scope = RT_SCOPE_UNIVERSE;
	rtm->rtm_type = RTN_UNICAST;
	if (dst)
		mnl_attr_put(nlh, RTA_DST, nl_addr_len(dst), dst->addr);
	mnl_attr_put(nlh, RTA_GATEWAY, nl_addr_len(via), via->addr);
	return nl_talk(nl, nlh, NULL, NULL);
}
