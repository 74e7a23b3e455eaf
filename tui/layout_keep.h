/* SPDX-License-Identifier: GPL-2.0 */
/* The layout's memory, for a live network that changes under the picture (issue 10: no
 * reshuffle): what a layout drew is named (the topology it was made for may be gone by the next
 * one), and the next topology, at the same size, keeps every box and link that is still there
 * where it was. A gone object leaves its gap. A new one is placed where there is room without
 * moving anything: a namespace with one link into a box already drawn, under that box (as the
 * layout draws a bottom leaf); a whole new part of the network (nothing in it linked to what is
 * drawn), as the fresh layout draws it, below everything. A namespace whose box changes size
 * (an address came or went) is placed again as a new one. Any other change (a new link between
 * two boxes already drawn, no room, dense mode's buses gaining a namespace, nothing that stays)
 * is laid out afresh. Pure: topologies and layouts in, a layout out. */
#ifndef NSVIZ_LAYOUT_KEEP_H
#define NSVIZ_LAYOUT_KEEP_H

#include "layout.h"

#define LAYOUT_KEY 272 /* bytes of a name: "n/NETNS" or "b/NETNS:BRIDGE#PART", and a veth's two */

struct layout_keys {
	char (*node)[LAYOUT_KEY];
	char (*link)[LAYOUT_KEY];
};

/* Name what L draws of T. 0 or -ENOMEM. */
int layout_keys_make(const struct topo *t, const struct layout *l, struct layout_keys *k);
void layout_keys_free(struct layout_keys *k);

/* OUT: the layout of T (WIDTH columns) keeping what PREV (named by PK) drew where it was, from
 * FRESH, T laid out afresh. 0; -EAGAIN when the change needs FRESH itself; -ENOMEM. */
int layout_keep(const struct layout *prev, const struct layout_keys *pk, const struct topo *t,
		const struct layout *fresh, int width, struct layout *out);

#endif
