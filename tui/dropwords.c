// SPDX-License-Identifier: GPL-2.0
/* See dropwords.h: the kernel's skb drop reasons that nsviz's topologies meet. */
#include <string.h>

#include "dropwords.h"

const char *drop_words(const char *reason)
{
	static const char *const words[][2] = {
		{ "NO_SOCKET", "nothing listens on that port" },
		{ "NOT_SPECIFIED", "no reason given by the kernel" },
		{ "OTHERHOST", "not addressed to this host" },
		{ "NETFILTER_DROP", "a netfilter rule dropped it" },
		{ "IP_RPFILTER", "reverse path filter" },
		{ "IP_NOPROTO", "no handler for that IP protocol" },
		{ "IP_OUTNOROUTES", "no route to the destination" },
		{ "IP_INADDRERRORS", "bad destination address" },
		{ "IP_INHDR", "bad IP header" },
		{ "IP_CSUM", "bad IP checksum" },
		{ "PKT_TOO_SMALL", "packet too small" },
		{ "DEV_READY", "the interface is down" },
		{ "NEIGH_FAILED", "ARP/ND got no answer" },
		{ "NEIGH_QUEUEFULL", "too many packets waiting for ARP" },
		{ "QDISC_DROP", "the queue discipline dropped it" },
		{ "SOCKET_RCVBUFF", "the socket's receive buffer is full" },
		{ "UNHANDLED_PROTO", "protocol not handled" },
		{ "TC_INGRESS", "a tc program dropped it" },
		{ "NO_TX_TARGET", "no port to send it out of" },
		{ "BRIDGE_INGRESS_STP_STATE", "the bridge port is not forwarding (disabled, or blocked by STP)" },
		{ "XDP", "an XDP program dropped it" },
		{ "IPV6DISABLED", "IPv6 is disabled there" },
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(reason, words[i][0]))
			return words[i][1];
	return NULL;
}
