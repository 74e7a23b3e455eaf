// SPDX-License-Identifier: GPL-2.0
/* IPv4/IPv6 addresses and prefixes of the topology: parsing, printing, comparing. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "topo_int.h"

static int addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

static int parse_prefix(const char *s, int max)
{
	int v = 0;

	if (!*s || strlen(s) > 3)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v <= max ? v : -1;
}

static int addr_parse(const char *s, bool want_prefix, struct topo_addr *a, char *msg, size_t len)
{
	char ip[INET6_ADDRSTRLEN + 1];
	const char *slash = strchr(s, '/');
	size_t iplen = slash ? (size_t)(slash - s) : strlen(s);
	int max, prefix;

	memset(a, 0, sizeof(*a));
	if (iplen >= sizeof(ip))
		iplen = sizeof(ip) - 1;
	memcpy(ip, s, iplen);
	ip[iplen] = 0;
	if (inet_pton(AF_INET, ip, a->addr) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, ip, a->addr) == 1)
		a->family = AF_INET6;
	else {
		snprintf(msg, len, "'%s' is not an IPv4 or IPv6 address", ip);
		return -EINVAL;
	}
	max = addr_len(a->family) * 8;
	a->prefix = max;
	if (!slash && want_prefix) {
		snprintf(msg, len, "'%s' needs a prefix length, e.g. %s/%d", s, s,
			 a->family == AF_INET ? 24 : 64);
		return -EINVAL;
	}
	if (slash && !want_prefix) {
		snprintf(msg, len, "'%s': expected a plain address, without /PREFIX", s);
		return -EINVAL;
	}
	if (!slash)
		return 0;
	prefix = parse_prefix(slash + 1, max);
	if (prefix < 0) {
		snprintf(msg, len, "'%s': prefix length must be a number from 0 to %d", s, max);
		return -EINVAL;
	}
	a->prefix = prefix;
	return 0;
}

int topo_addr_parse(const char *s, bool want_prefix, struct topo_addr *a, char *msg, size_t len)
{
	int ret = addr_parse(s, want_prefix, a, msg, len);

	if (ret) /* family 0: later checks skip what was already reported */
		memset(a, 0, sizeof(*a));
	return ret;
}

const char *topo_addr_unusable(const struct topo_addr *a)
{
	static const uint8_t zero[16], loop6[16] = { [15] = 1 };
	const uint8_t *b = a->addr;

	if (!memcmp(b, zero, addr_len(a->family)))
		return "the unspecified address";
	if (a->family == AF_INET6)
		return b[0] == 0xff ? "a multicast address" :
		       !memcmp(b, loop6, 16) ? "the loopback address" : NULL;
	return b[0] == 127 ? "a loopback address" :
	       b[0] >= 224 && b[0] < 240 ? "a multicast address" :
	       !memcmp(b, "\xff\xff\xff\xff", 4) ? "the broadcast address" : NULL;
}

bool topo_addr_same(const struct topo_addr *a, const struct topo_addr *b)
{
	return a->family == b->family && !memcmp(a->addr, b->addr, addr_len(a->family));
}

struct topo_addr topo_addr_network(const struct topo_addr *net)
{
	struct topo_addr n = *net;
	int bits = net->prefix;

	for (int i = 0; i < addr_len(net->family); i++, bits -= 8) {
		if (bits <= 0)
			n.addr[i] = 0;
		else if (bits < 8)
			n.addr[i] &= (uint8_t)(0xff << (8 - bits));
	}
	return n;
}

bool topo_addr_contains(const struct topo_addr *net, const struct topo_addr *ip)
{
	struct topo_addr a = topo_addr_network(net), b = *ip;

	if (net->family != ip->family)
		return false;
	b.prefix = net->prefix;
	b = topo_addr_network(&b);
	return topo_addr_same(&a, &b);
}

char *topo_ip_str(const struct topo_addr *a, char *buf, size_t len)
{
	if (!inet_ntop(a->family, a->addr, buf, len))
		snprintf(buf, len, "?");
	return buf;
}

char *topo_addr_str(const struct topo_addr *a, char *buf, size_t len)
{
	char ip[INET6_ADDRSTRLEN];

	snprintf(buf, len, "%s/%u", topo_ip_str(a, ip, sizeof(ip)), a->prefix);
	return buf;
}
