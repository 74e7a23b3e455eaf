/* SPDX-License-Identifier: GPL-2.0 */
/* Link-local chatter: what an interface says by itself once it is up (IPv6 duplicate address
 * detection, router solicitations, MLD reports, neighbour solicitations between link-local
 * addresses; a bridge's IGMP reports). It is not a fault: the UI folds it away and never counts
 * its drops as faults. */
#ifndef NSVIZ_CHATTER_H
#define NSVIZ_CHATTER_H

#include <stdbool.h>

/* ADDR (text, "fe80::1" or "fe80::1/64") is an address of link scope: IPv6 unspecified (`::`,
 * DAD's source), fe80::/10 or ff02::/16; IPv4 0.0.0.0 (a source without an address yet) or
 * 224.0.0.0/24 (multicast never routed: IGMP reports to 224.0.0.22). */
bool chatter_addr(const char *addr);
/* A packet from SRC to DST is chatter: either end is of link scope. */
bool chatter(const char *src, const char *dst);
/* The same for a path's summary, "SRC > DST ...". */
bool chatter_summary(const char *summary);

#endif
