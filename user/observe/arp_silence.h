/* SPDX-License-Identifier: GPL-2.0 */
/* ARP requests that were never answered, attributed to the side that stayed silent: the tracer
 * feeds it every ARP frame seen at a namespace end, and asks it, when a packet is dropped for want
 * of a neighbour (NEIGH_FAILED), where the requests went: "ARP for 10.0.0.2 reached green:eth0-g 3
 * times and was never answered". Pure: the caller names the ends and says which owns an address. */
#ifndef NSVIZ_ARP_SILENCE_H
#define NSVIZ_ARP_SILENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "topo.h"

/* A namespace end (not a bridge port or device): the caller's point number and its names. */
struct arp_end {
	int point;
	const char *netns; /* "" for the host namespace */
	const char *ifname;
};

struct arp_silence;

/* Does the interface of POINT have the IPv4 address IP (network order bytes)? */
typedef bool (*arp_owner_fn)(int point, const uint8_t ip[4], void *ctx);

/* NULL on ENOMEM. */
struct arp_silence *arp_silence_new(arp_owner_fn owns, void *ctx);
void arp_silence_free(struct arp_silence *a);
/* A frame of CAPLEN bytes at the end END, received (RX) or sent, at kernel time TS_NS (not ARP:
 * ignored). */
void arp_silence_frame(struct arp_silence *a, const uint8_t *frame, uint32_t caplen,
		       const struct arp_end *end, bool rx, uint64_t ts_ns);
/* A packet to DST (IPv4) dropped in namespace NETNS as NEIGH_FAILED at TS_NS: the unanswered
 * requests for DST sent from NETNS in the last 10 s (for a gateway's address: the latest
 * unanswered ones sent from NETNS) in WORDS, and in WHERE the "netns:ifname" of the end that owns
 * the address and stayed silent ("" when none did). 0, or -ENOENT when no such request was seen. */
int arp_silence_explain(struct arp_silence *a, const uint8_t dst[4], const char *netns,
			uint64_t ts_ns, char *words, size_t words_len, char *where, size_t where_len);

#endif
