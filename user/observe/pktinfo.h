/* SPDX-License-Identifier: GPL-2.0 */
/* What a captured frame is, in one line, and a fingerprint of its identity that survives the hops
 * of a path: MAC addresses, TTL/hop limit and checksums are left out (routers rewrite them), the
 * L3/L4 identity, IP id and ICMP id/seq are in. Pure: bytes in, text and numbers out. */
#ifndef NSVIZ_PKTINFO_H
#define NSVIZ_PKTINFO_H

#include <stdbool.h>
#include <stdint.h>

struct pktinfo {
	char proto[8];      /* "arp", "icmp", "icmp6", "tcp", "udp", "ipv4", "ipv6", "other" */
	char summary[128];  /* "10.0.0.1 > 10.0.0.2 ICMP echo request id 7 seq 1" */
	uint64_t fp;        /* never 0 */
	bool group;         /* destination MAC is a group (broadcast/multicast) address */
	uint64_t ident;     /* pktinfo_ident() of an IP packet, pktinfo_ident_l2() of another, 0 if
			     * its headers are cut short */
};

/* Describe the Ethernet frame DATA of CAPLEN bytes (possibly truncated). Always fills PI; a frame
 * cut short is described as far as it goes. */
void pktinfo_parse(const uint8_t *data, uint32_t caplen, struct pktinfo *pi);
/* The same without the summary (left ""): what every observation needs, at a fraction of the cost. */
void pktinfo_identify(const uint8_t *data, uint32_t caplen, struct pktinfo *pi);

/* The L3 identity (protocol, addresses; ALEN 4 or 16 bytes each) as one number, never 0: what a
 * drop record's headers still tell, to match it with the packet it ends. */
uint64_t pktinfo_ident(uint8_t proto, const uint8_t *saddr, const uint8_t *daddr, int alen);
/* The identity of a frame that is not IP: its ethertype. 0 (unknown) for IPv4 and IPv6, whose
 * identity needs their headers, and for VLAN tags, which hide the type. */
uint64_t pktinfo_ident_l2(uint16_t ethertype);

#endif
