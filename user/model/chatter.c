// SPDX-License-Identifier: GPL-2.0
/* See chatter.h. Scope is read from the address, not from the drop reason: a fresh veth's
 * chatter is dropped as NOT_SPECIFIED (ip6_mc_input), QDISC_DROP or NO_TX_TARGET, reasons a real
 * fault has too (docs/tui.md). */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "chatter.h"

bool chatter_addr(const char *addr)
{
	static const uint8_t any[16];
	uint8_t a[16];
	char bare[64];

	snprintf(bare, sizeof(bare), "%.*s", (int)strcspn(addr, "/"), addr);
	if (inet_pton(AF_INET, bare, a) == 1)
		return !memcmp(a, any, 4) || (a[0] == 224 && a[1] == 0 && a[2] == 0);
	if (inet_pton(AF_INET6, bare, a) != 1)
		return false;
	return !memcmp(a, any, sizeof(a)) || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) ||
	       (a[0] == 0xff && (a[1] & 0x0f) == 0x02);
}

bool chatter(const char *src, const char *dst)
{
	return chatter_addr(src) || chatter_addr(dst);
}

bool chatter_summary(const char *summary)
{
	char src[64], dst[64];

	return sscanf(summary, "%63s > %63s", src, dst) == 2 && chatter(src, dst);
}
