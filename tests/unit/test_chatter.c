// SPDX-License-Identifier: GPL-2.0
/* What is link-local chatter (chatter.h): by address scope, never by the drop's reason. */
#include "chatter.h"
#include "tap.h"

int main(void)
{
	static const char *const yes[] = { "::", "fe80::1", "fe80::7408:a9ff:fe53:b6aa/64",
					   "febf::1", "ff02::16", "ff02::1:ff53:b6aa", "0.0.0.0",
					   "224.0.0.22", "224.0.0.251" };
	static const char *const no[] = { "::1", "fec0::1", "2001:db8::1", "ff05::2", "ff0e::1",
					  "10.0.0.1", "224.0.1.1", "239.1.1.1", "255.255.255.255",
					  "02:00:00:00:00:01", "" };
	int bad = 0;

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		bad += !chatter_addr(yes[i]);
	tap_ok(bad == 0, "link scope: ::, fe80::/10, ff02::/16, 0.0.0.0, 224.0.0.0/24 (%d wrong)", bad);
	bad = 0;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		bad += chatter_addr(no[i]);
	tap_ok(bad == 0, "not: loopback, site, global, wider multicast, IPv4 unicast, MACs (%d wrong)",
	       bad);
	tap_ok(chatter("10.0.0.1", "ff02::2") && chatter("fe80::1", "2001:db8::1") &&
	       !chatter("10.0.0.1", "10.0.0.2"), "a packet is chatter when either end is");
	tap_ok(chatter_summary("fe80::1 > ff02::2 ICMP6 router solicitation") &&
	       !chatter_summary("10.0.0.1 > 10.0.0.2 ICMP echo request") && !chatter_summary(""),
	       "a path by its summary's addresses");
	return tap_done();
}
