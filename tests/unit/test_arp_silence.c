// SPDX-License-Identifier: GPL-2.0
/* arp_silence: unanswered ARP attributed to the end that stayed silent, from synthetic frames. */
#include <string.h>

#include "arp_silence.h"
#include "tap.h"

enum { RED, GREEN, BLUE };

static const struct arp_end ends[] = {
	[RED] = { RED, "red", "eth0-r" },
	[GREEN] = { GREEN, "green", "eth0-g" },
	[BLUE] = { BLUE, "blue", "eth0-b" },
};

static const uint8_t red_ip[4] = { 10, 0, 0, 1 }, green_ip[4] = { 10, 0, 0, 2 },
		     gw_ip[4] = { 10, 0, 0, 254 }, far_ip[4] = { 10, 9, 9, 9 };
static uint64_t now = 1000000000;

/* green has 10.0.0.2; nobody else has anything. */
static bool owns(int point, const uint8_t ip[4], void *ctx)
{
	(void)ctx;
	return point == GREEN && !memcmp(ip, green_ip, 4);
}

/* An ARP frame: OP 1 (who-has TPA tell SPA) or 2 (SPA is-at). */
static void arp(struct arp_silence *a, int op, const uint8_t spa[4], const uint8_t tpa[4],
		int end, bool rx)
{
	uint8_t f[42] = { [12] = 0x08, [13] = 0x06, [15] = 1, [16] = 0x08, [18] = 6, [19] = 4 };

	f[21] = op;
	memcpy(f + 28, spa, 4);
	memcpy(f + 38, tpa, 4);
	arp_silence_frame(a, f, sizeof(f), &ends[end], rx, now += 1000000);
}

/* red asks N times for TPA; each request reaches green (and blue with BLUE). */
static void ask(struct arp_silence *a, const uint8_t tpa[4], int n, bool blue)
{
	for (int i = 0; i < n; i++) {
		arp(a, 1, red_ip, tpa, RED, false);
		arp(a, 1, red_ip, tpa, GREEN, true);
		if (blue)
			arp(a, 1, red_ip, tpa, BLUE, true);
	}
}

static const char *explain(struct arp_silence *a, const uint8_t dst[4], const char *netns,
			   char *where)
{
	static char words[200];

	if (arp_silence_explain(a, dst, netns, now, words, sizeof(words), where, 64))
		strcpy(words, "(none)");
	return words;
}

int main(void)
{
	struct arp_silence *a = arp_silence_new(owns, NULL);
	char where[64];

	tap_ok(a != NULL, "new");
	tap_is_str(explain(a, green_ip, "red", where), "(none)", "no request seen: nothing to say");
	ask(a, green_ip, 3, true);
	tap_is_str(explain(a, green_ip, "red", where),
		   "ARP for 10.0.0.2 reached green:eth0-g 3 times and was never answered",
		   "the end that has the address stayed silent");
	tap_is_str(where, "green:eth0-g", "where: green:eth0-g");
	tap_is_str(explain(a, green_ip, "blue", where), "(none)", "blue asked nothing");

	arp(a, 2, green_ip, red_ip, GREEN, false);
	tap_is_str(explain(a, green_ip, "red", where),
		   "ARP for 10.0.0.2 reached green:eth0-g 3 times; its answers never reached red",
		   "green answered, the answer got lost");
	arp(a, 2, green_ip, red_ip, RED, true);
	tap_is_str(explain(a, green_ip, "red", where), "(none)", "an answer reached red: not silent");

	ask(a, green_ip, 2, false);
	tap_is_str(explain(a, green_ip, "red", where),
		   "ARP for 10.0.0.2 reached green:eth0-g 2 times and was never answered",
		   "a request after an answer counts again from zero");

	ask(a, gw_ip, 3, true);
	tap_is_str(explain(a, far_ip, "red", where),
		   "ARP for 10.0.0.254 reached green:eth0-g 3 times (and 1 more end) and was never answered: "
		   "none of them has 10.0.0.254", "behind a gateway: the gateway's requests, owned by none");
	tap_is_str(where, "", "where: none");

	for (int i = 0; i < 3; i++)
		arp(a, 1, red_ip, far_ip, RED, false);
	tap_is_str(explain(a, far_ip, "red", where),
		   "ARP for 10.9.9.9 was sent 3 times and reached no namespace", "reached nobody");

	now += 20000000000ull;
	tap_is_str(explain(a, far_ip, "red", where), "(none)", "20 s later: not this drop's requests");
	arp_silence_free(a);
	return tap_done();
}
