// SPDX-License-Identifier: GPL-2.0
/* A small user-space dissector for summaries and fingerprints; the kernel-side parser counts,
 * this one only names. Every read is bounds-checked against the captured length. */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "mac.h"
#include "pktinfo.h"

#define ETH_P_IP 0x0800
#define ETH_P_ARP 0x0806
#define ETH_P_IPV6 0x86DD
#define ETH_P_8021Q 0x8100
#define ETH_P_8021AD 0x88A8

struct cur {
	const uint8_t *p;
	uint32_t len;
	struct pktinfo *pi;
	bool describe; /* write the summary: most frames only need their fingerprint */
};

static bool has(const struct cur *c, uint32_t off, uint32_t n)
{
	return off + n <= c->len;
}

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* FNV-1a, folded into the running fingerprint. */
static void mix(struct pktinfo *pi, const void *data, size_t n)
{
	const uint8_t *b = data;

	for (size_t i = 0; i < n; i++) {
		pi->fp ^= b[i];
		pi->fp *= 0x100000001b3ull;
	}
}

uint64_t pktinfo_ident(uint8_t proto, const uint8_t *saddr, const uint8_t *daddr, int alen)
{
	struct pktinfo pi = { .fp = 0xcbf29ce484222325ull };

	mix(&pi, &proto, 1);
	mix(&pi, saddr, alen);
	mix(&pi, daddr, alen);
	return pi.fp ? pi.fp : 1;
}

uint64_t pktinfo_ident_l2(uint16_t ethertype)
{
	uint8_t et[2] = { ethertype >> 8, ethertype & 0xff };

	if (!ethertype || ethertype == ETH_P_IP || ethertype == ETH_P_IPV6 ||
	    ethertype == ETH_P_8021Q || ethertype == ETH_P_8021AD)
		return 0;
	return pktinfo_ident(0, et, et, 2);
}

static void mix_at(struct cur *c, uint32_t off, uint32_t n)
{
	if (has(c, off, n))
		mix(c->pi, c->p + off, n);
}

static void set(const struct cur *c, const char *proto, const char *fmt, const char *a,
		const char *b, const char *rest)
{
	size_t n = strnlen(proto, sizeof(c->pi->proto) - 1);

	memcpy(c->pi->proto, proto, n); /* pi is zeroed: terminated */
	if (c->describe)
		snprintf(c->pi->summary, sizeof(c->pi->summary), fmt, a, b, rest);
}

/* The text of address SRC into BUF, when a summary is wanted. */
static void addr(const struct cur *c, int af, const uint8_t *src, char *buf, socklen_t len)
{
	if (c->describe)
		inet_ntop(af, src, buf, len);
}

static void parse_arp(struct cur *c, uint32_t off)
{
	char spa[16] = "", tpa[16] = "", sha[MAC_STR_LEN] = "";
	const uint8_t *a = c->p + off;

	if (!has(c, off, 28) || be16(a) != 1 || be16(a + 2) != ETH_P_IP) {
		set(c, "arp", "ARP%s%s%s", "", "", " (not Ethernet/IPv4)");
		mix_at(c, off, c->len - off < 28 ? c->len - off : 28);
		return;
	}
	mix_at(c, off + 6, 2);   /* op */
	mix_at(c, off + 8, 20);  /* sha, spa, tha, tpa */
	addr(c, AF_INET, a + 14, spa, sizeof(spa));
	addr(c, AF_INET, a + 24, tpa, sizeof(tpa));
	if (c->describe)
		mac_str(a + 8, sha);
	if (be16(a + 6) == 1)
		set(c, "arp", "ARP who-has %s tell %s%s", tpa, spa, "");
	else if (be16(a + 6) == 2)
		set(c, "arp", "ARP %s is-at %s%s", spa, sha, "");
	else
		set(c, "arp", "ARP op %s from %s%s", "?", spa, "");
}

static const char *icmp_name(uint8_t type, bool v6)
{
	switch (type | (v6 ? 0x100 : 0)) {
	case 0: return "echo reply";
	case 3: return "destination unreachable";
	case 8: return "echo request";
	case 11: return "time exceeded";
	case 0x100 | 1: return "destination unreachable";
	case 0x100 | 3: return "time exceeded";
	case 0x100 | 128: return "echo request";
	case 0x100 | 129: return "echo reply";
	case 0x100 | 133: return "router solicitation";
	case 0x100 | 134: return "router advertisement";
	case 0x100 | 135: return "neighbor solicitation";
	case 0x100 | 136: return "neighbor advertisement";
	}
	return NULL;
}

static void icmp_text(const uint8_t *l, bool v6, char *rest, size_t len)
{
	const char *name = icmp_name(l[0], v6);

	if (name && (l[0] == 0 || l[0] == 8 || l[0] == 128 || l[0] == 129))
		snprintf(rest, len, " %s %s id %u seq %u", v6 ? "ICMP6" : "ICMP", name, be16(l + 4),
			 be16(l + 6));
	else if (name)
		snprintf(rest, len, " %s %s", v6 ? "ICMP6" : "ICMP", name);
	else
		snprintf(rest, len, " %s type %u code %u", v6 ? "ICMP6" : "ICMP", l[0], l[1]);
}

static void tcp_text(const uint8_t *l, char *rest, size_t len)
{
	snprintf(rest, len, " TCP %u > %u [%s%s%s%s%s] seq %u", be16(l), be16(l + 2),
		 l[13] & 2 ? "S" : "", l[13] & 1 ? "F" : "", l[13] & 4 ? "R" : "", l[13] & 8 ? "P" : "",
		 l[13] & 16 ? "." : "", be32(l + 4));
}

/* The L4 protocol after an IP header at OFF (NULL: not one named here), its identity into the fp;
 * the rest of the summary into REST when describing. */
static const char *parse_l4(struct cur *c, uint32_t off, uint8_t proto, char *rest, size_t len)
{
	bool v6 = proto == 58;

	if ((proto == 1 || v6) && has(c, off, 8)) {
		mix_at(c, off, 2);
		mix_at(c, off + 4, 4);
		if (c->describe)
			icmp_text(c->p + off, v6, rest, len);
		return v6 ? "icmp6" : "icmp";
	}
	if (proto == 17 && has(c, off, 8)) {
		mix_at(c, off, 8);
		if (c->describe)
			snprintf(rest, len, " UDP %u > %u, length %u", be16(c->p + off),
				 be16(c->p + off + 2), be16(c->p + off + 4));
		return "udp";
	}
	if (proto == 6 && has(c, off, 14)) {
		mix_at(c, off, 14); /* ports, seq, ack, data offset, flags */
		if (c->describe)
			tcp_text(c->p + off, rest, len);
		return "tcp";
	}
	if (c->describe)
		snprintf(rest, len, " proto %u", proto);
	return NULL;
}

static void parse_ipv4(struct cur *c, uint32_t off)
{
	const uint8_t *ip = c->p + off;
	char src[16] = "", dst[16] = "", rest[96] = "";
	const char *proto = NULL;
	uint32_t ihl;

	if (!has(c, off, 20) || (ip[0] >> 4) != 4 || (ihl = (ip[0] & 15) * 4u) < 20) {
		set(c, "ipv4", "IPv4%s%s%s", "", "", " (malformed)");
		return;
	}
	mix_at(c, off + 4, 4);  /* id, fragment */
	mix_at(c, off + 9, 1);  /* protocol */
	mix_at(c, off + 12, 8); /* addresses */
	c->pi->ident = pktinfo_ident(ip[9], ip + 12, ip + 16, 4);
	addr(c, AF_INET, ip + 12, src, sizeof(src));
	addr(c, AF_INET, ip + 16, dst, sizeof(dst));
	if (!(be16(ip + 6) & 0x1fff))
		proto = parse_l4(c, off + ihl, ip[9], rest, sizeof(rest));
	else if (c->describe)
		snprintf(rest, sizeof(rest), " fragment, proto %u", ip[9]);
	set(c, proto ? proto : "ipv4", "%s > %s%s", src, dst, rest);
}

static void parse_ipv6(struct cur *c, uint32_t off)
{
	const uint8_t *ip = c->p + off;
	char src[48] = "", dst[48] = "", rest[96] = "";
	const char *proto;

	if (!has(c, off, 40) || (ip[0] >> 4) != 6) {
		set(c, "ipv6", "IPv6%s%s%s", "", "", " (malformed)");
		return;
	}
	mix_at(c, off, 8);      /* flow label, payload length, next header */
	mix_at(c, off + 8, 32); /* addresses */
	c->pi->ident = pktinfo_ident(ip[6], ip + 8, ip + 24, 16);
	addr(c, AF_INET6, ip + 8, src, sizeof(src));
	addr(c, AF_INET6, ip + 24, dst, sizeof(dst));
	proto = parse_l4(c, off + 40, ip[6], rest, sizeof(rest));
	set(c, proto ? proto : "ipv6", "%s > %s%s", src, dst, rest);
}

static void parse(const uint8_t *data, uint32_t caplen, struct pktinfo *pi, bool describe)
{
	struct cur c = { .p = data, .len = caplen, .pi = pi, .describe = describe };
	uint32_t off = 12;
	uint16_t type;

	memset(pi, 0, sizeof(*pi));
	pi->fp = 0xcbf29ce484222325ull;
	while (has(&c, off, 2) && (be16(data + off) == ETH_P_8021Q || be16(data + off) == ETH_P_8021AD))
		off += 4;
	if (!has(&c, off, 2)) {
		set(&c, "other", "truncated frame (%s%s%s)", "", "", "");
		mix(pi, data, caplen);
		return;
	}
	pi->group = data[0] & 1;
	type = be16(data + off);
	mix(pi, &type, 2);
	off += 2;
	if (type == ETH_P_ARP)
		parse_arp(&c, off);
	else if (type == ETH_P_IP)
		parse_ipv4(&c, off);
	else if (type == ETH_P_IPV6)
		parse_ipv6(&c, off);
	else {
		char et[8] = "";

		if (describe)
			snprintf(et, sizeof(et), "0x%04x", type);
		set(&c, "other", "ethertype %s%s%s", et, "", "");
		mix(pi, data, caplen);
	}
	if (!pi->ident)
		pi->ident = pktinfo_ident_l2(type);
	if (!pi->fp)
		pi->fp = 1;
}

void pktinfo_parse(const uint8_t *data, uint32_t caplen, struct pktinfo *pi)
{
	parse(data, caplen, pi, true);
}

void pktinfo_identify(const uint8_t *data, uint32_t caplen, struct pktinfo *pi)
{
	parse(data, caplen, pi, false);
}
