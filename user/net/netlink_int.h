/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by netlink.c (requests) and netlink_dump.c (dumps): the socket and one exchange. */
#ifndef NSVIZ_NETLINK_INT_H
#define NSVIZ_NETLINK_INT_H

#include <libmnl/libmnl.h>
#include "netlink.h"

/* Big enough for one link message with every attribute and its counters. */
#define NL_BUF 32768

struct nl {
	struct mnl_socket *sock;
	unsigned int portid;
	unsigned int seq;
	char req[4096];
	char buf[NL_BUF];
};

/* A request of TYPE with an ack wanted and FLAGS added, in nl->req. */
struct nlmsghdr *nl_msg(struct nl *nl, int type, int flags);
/* Send the request and read until its ack (or a dump's end); CB sees every reply. 0 or -errno
 * from the kernel or from CB (which sets errno and returns MNL_CB_ERROR). */
int nl_talk(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);
/* L from an RTM_NEWLINK/RTM_DELLINK message. */
void nl_parse_link_msg(const struct nlmsghdr *nlh, struct nl_link *l);

#endif
