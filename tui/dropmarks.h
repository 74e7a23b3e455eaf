/* SPDX-License-Identifier: GPL-2.0 */
/* Where packets are dropped, on the picture: a red "✗" at the interface row, the bridge port or
 * the bridge, the drop rate on the link, and for the selection the reason in words. */
#ifndef NSVIZ_DROPMARKS_H
#define NSVIZ_DROPMARKS_H

#include <stdbool.h>
#include <stddef.h>
#include "canvas.h"
#include "layout.h"
#include "snapshot.h"

/* F drops packets now (its drop rate has not faded yet). */
bool dropping(const struct snap_iface *f);
/* "✗", or "x" without UTF-8. */
const char *drop_mark(bool utf8);
/* "5.0 drop/s", "12 drop/s": the rate of F. */
char *drop_rate_str(const struct snap_iface *f, char *buf, size_t len);
/* The interface of item SEL of L (a box: its interfaces, a bridge's device and ports; a link:
 * its two ends) that drops the most now, or NULL when none drops. */
const struct snap_iface *drop_worst(const struct snapshot *s, const struct layout *l, int sel);
/* The mark left of a bridge port's name at (X, Y) of R, or right of it where the cell on the
 * left is taken. */
void drop_port_mark(const struct region *r, int x, int y, const char *name, bool utf8);
/* On row Y of R, when the topology's selection (UI's, in its last layout) drops packets: where,
 * how fast, how many, and the kernel's reason in words ("✗ green:eth0-g 5.0 drop/s, 12 so far:
 * NETFILTER_DROP, a netfilter rule dropped it"). The rows used: 1 or 0. */
struct ui;
int drop_info(const struct ui *ui, const struct snapshot *s, const struct region *r, int y);

#endif
