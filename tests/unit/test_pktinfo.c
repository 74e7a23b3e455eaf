// SPDX-License-Identifier: GPL-2.0
/* Packet summaries and fingerprints: the summary reads like tcpdump, the fingerprint ignores what
 * a router rewrites (MACs, TTL, checksum) and tells different packets apart. */
#include <string.h>

#include "frames.h"
#include "pktinfo.h"
#include "tap.h"

int main(void)
{
	uint8_t f[64];
	struct pktinfo a, b;

	pktinfo_parse(frame_icmp_req, sizeof(frame_icmp_req), &a);
	tap_is_str(a.summary, "10.0.0.1 > 10.0.0.2 ICMP echo request id 7 seq 1", "ICMP summary");
	tap_is_str(a.proto, "icmp", "ICMP proto");
	memcpy(f, frame_icmp_req, sizeof(frame_icmp_req));
	f[0] = 0x02, f[5] = 0x99, f[22] = 63, f[24] = 0x55; /* new dst MAC, TTL, checksum */
	pktinfo_parse(f, sizeof(frame_icmp_req), &b);
	tap_ok(a.fp == b.fp, "routed (MAC, TTL, checksum rewritten): same fingerprint");
	f[41] = 2; /* seq 2 */
	pktinfo_parse(f, sizeof(frame_icmp_req), &b);
	tap_ok(a.fp != b.fp, "the next echo request: another fingerprint");
	f[41] = 1, f[34] = 0; /* echo reply */
	pktinfo_parse(f, sizeof(frame_icmp_req), &b);
	tap_ok(a.fp != b.fp && strstr(b.summary, "echo reply id 7 seq 1"), "the reply: another one");
	tap_ok(b.ident == a.ident && a.ident == pktinfo_ident(1, frame_icmp_req + 26,
							       frame_icmp_req + 30, 4),
	       "the L3 identity: protocol and addresses, as a drop record has them");
	pktinfo_parse(frame_arp_req, sizeof(frame_arp_req), &a);
	tap_is_str(a.summary, "ARP who-has 10.0.0.2 tell 10.0.0.1", "ARP request summary");
	tap_ok(a.ident && a.ident == pktinfo_ident_l2(0x0806) && a.ident != b.ident,
	       "ARP's identity: its ethertype, as a drop record has it, not an IP packet's");
	tap_ok(!pktinfo_ident_l2(0x0800) && !pktinfo_ident_l2(0x86dd) && !pktinfo_ident_l2(0x8100) &&
	       !pktinfo_ident_l2(0), "IPv4, IPv6, a VLAN tag or no type: identity unknown");
	pktinfo_parse(frame_udp, sizeof(frame_udp), &a);
	tap_is_str(a.summary, "10.0.0.1 > 10.0.0.2 UDP 40000 > 53, length 12", "UDP summary");
	pktinfo_parse(frame_udp, 30, &b);
	tap_ok(!strcmp(b.proto, "ipv4") && strstr(b.summary, "(malformed)") && b.fp,
	       "a frame cut inside the IP header: described, still fingerprinted");
	pktinfo_parse(frame_udp, 5, &b);
	tap_ok(b.fp != 0 && !strcmp(b.proto, "other"), "5 bytes: 'other'");
	return tap_done();
}
