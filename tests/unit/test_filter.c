// SPDX-License-Identifier: GPL-2.0
/* tcpdump filters on captured frames: words are joined, truncated frames still match on the
 * headers they hold, and a bad expression is refused with libpcap's reason. */
#include <errno.h>
#include <string.h>

#include "filter.h"
#include "frames.h"
#include "tap.h"

static int matches(const char *expr, const uint8_t *frame, uint32_t caplen, uint32_t wirelen)
{
	char *words[8], buf[128], err[256];
	struct filter *f;
	int n = 0, m;

	snprintf(buf, sizeof(buf), "%s", expr);
	for (char *w = strtok(buf, " "); w && n < 8; w = strtok(NULL, " "))
		words[n++] = w;
	if (filter_new(words, n, 128, &f, err, sizeof(err)))
		return -1;
	m = filter_match(f, frame, caplen, wirelen);
	filter_free(f);
	return m;
}

int main(void)
{
	char *bad[] = { "icmp", "and", "(" }, *one[] = { "host", "10.0.0.2" };
	struct filter *f = NULL;
	char err[256] = "";

	tap_ok(matches("", frame_arp_req, 42, 42) == 1, "no words: everything passes");
	tap_ok(matches("icmp", frame_icmp_req, 50, 50) == 1, "icmp passes an echo request");
	tap_ok(matches("icmp", frame_arp_req, 42, 42) == 0, "icmp keeps ARP out");
	tap_ok(matches("arp or port 53", frame_arp_req, 42, 42) == 1, "arp or port 53: ARP");
	tap_ok(matches("arp or port 53", frame_udp, 46, 46) == 1, "arp or port 53: UDP to 53");
	tap_ok(matches("arp or port 53", frame_icmp_req, 50, 50) == 0, "arp or port 53: not ICMP");
	tap_ok(matches("icmp[icmptype] = icmp-echo", frame_icmp_req, 50, 50) == 1,
	       "byte offsets into ICMP");
	tap_ok(matches("udp dst port 53", frame_udp, 38, 1500) == 1,
	       "a frame truncated after the UDP header still matches its ports");
	tap_ok(matches("src host 10.0.0.2", frame_icmp_req, 50, 50) == 0, "direction qualifiers");
	tap_ok(filter_new(one, 2, 128, &f, err, sizeof(err)) == 0 &&
	       !strcmp(filter_text(f), "host 10.0.0.2"), "the words are joined with spaces");
	filter_free(f);
	tap_ok(filter_new(bad, 3, 128, &f, err, sizeof(err)) == -EINVAL, "a bad expression: -EINVAL");
	tap_ok(strstr(err, "syntax error") != NULL, "with libpcap's reason: '%s'", err);
	tap_ok(matches("hst 10.0.0.2", frame_icmp_req, 50, 50) == -1, "an unknown word is refused");
	return tap_done();
}
