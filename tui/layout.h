/* SPDX-License-Identifier: GPL-2.0 */
/* Where the boxes and links of a topology go, in a virtual plane as wide as the screen and as
 * tall as it needs (the view scrolls). Pure: no drawing, no terminal.
 *
 * Bridges and namespaces with several links ("core" nodes) sit in a row, joined by straight
 * horizontal links when they are neighbours; namespaces with one link ("leaves") sit above (then
 * below) their core node, joined by straight vertical links. Rows that do not fit the width wrap
 * into bands; a big bridge is split into parts, one per band. Any other link runs in a lane under
 * the core row, and through a column right of everything when it joins two bands. */
#ifndef NSVIZ_LAYOUT_H
#define NSVIZ_LAYOUT_H

#include <stdbool.h>
#include "topo.h"

#define LAYOUT_LINE 96  /* bytes of one line of text in a box */
#define LAYOUT_PTS 6    /* points of a link's polyline */
#define LAYOUT_LABEL 17 /* columns of a rate label: "▼ 950kp/s 950Mb/s" */

enum lnode_kind { LNODE_NETNS, LNODE_BRIDGE };

struct lnode {
	enum lnode_kind kind;
	int index;         /* into topo.netns or topo.bridges */
	int part, nparts;  /* a big bridge is drawn as NPARTS boxes */
	int x, y, w, h;
};

/* LLINK_COMB: dense mode's link from a one-line namespace box along a trunk to its bus. */
enum llink_shape { LLINK_VERTICAL, LLINK_HORIZONTAL, LLINK_LANE, LLINK_COMB };

struct lpoint {
	int x, y;
};

struct llink {
	int veth;          /* index into topo.veths */
	int node[2];       /* lnode of veth end 0 and end 1 */
	enum llink_shape shape;
	int first_end;     /* the veth end at pts[0] */
	struct lpoint pts[LAYOUT_PTS]; /* from the box edge of first_end to the other box edge */
	int npts;
	struct lpoint label; /* two rows of rate text start here (end here, if label_left) */
	bool label_left;     /* left of the line: no room on the right */
	int label_w;         /* columns the label may take (rows: 1 in dense mode, else 2) */
	struct lpoint port[2]; /* where a bridge port's name goes, per veth end; x = -1 if none */
};

struct layout {
	struct lnode *nodes;
	int nnodes;
	struct llink *links;
	int nlinks;
	int w, h; /* extent of the plane */
	bool dense; /* one-line namespace boxes, bridges as buses, one-row labels */
};

/* Lay T out for a screen WIDTH columns wide. 0 or -ENOMEM (L is then empty). */
int layout_build(const struct topo *t, int width, struct layout *l);
void layout_free(struct layout *l);

/* Dense mode, for many namespaces (layout_dense.c): each bridge is one bus, a horizontal line
 * with its name, and the namespaces with one link hang under it in columns of one-line boxes
 * (name and first address), joined by a link along a trunk; a rate label takes one row, right
 * of the trunk. Namespaces with several links keep their box; links between those nodes leave
 * their top borders on rows of their own and run through the right margin. */
#define LAYOUT_DENSE_LABEL 11 /* "▲950k ▼950k": packets/s each way */
int layout_build_dense(const struct topo *t, int width, struct layout *l);

/* For the layouts: per namespace, the graph id (bridge b is b, namespace n is nbridges + n) of
 * the node it is drawn as a leaf of and the veth to it, -1 for a core node; ORDER: the core
 * nodes' graph ids in chain order. Returns how many core nodes. Arrays sized for the topology
 * (namespaces; bridges + namespaces). */
int layout_cores(const struct topo *t, int *leaf_of, int *leaf_veth, int *order);
/* The next link of L, for veth V (its label LAYOUT_LABEL wide, no port names), and a point
 * more of its line (L's extent grows to hold it). */
struct llink *layout_new_link(struct layout *l, int v, enum llink_shape shape, int first_end);
void layout_add_pt(struct layout *l, struct llink *k, int x, int y);
/* Width and height of namespace NS's box as a leaf. */
void layout_netns_size(const struct topo *t, int ns, int *w, int *h);

/* The text lines of namespace NS's box (interfaces and addresses). Returns how many (<= MAX). */
int layout_netns_lines(const struct topo *t, int ns, char (*lines)[LAYOUT_LINE], int max);
/* The title of a node's box ("red", "bridge1 10.0.0.254/24", "bridge1 (2/5)"). */
void layout_title(const struct topo *t, const struct lnode *n, char *buf, size_t len);

/* The first node drawing namespace or bridge INDEX, or -1. */
int layout_find_node(const struct layout *l, enum lnode_kind kind, int index);
/* The link of veth VETH, or -1. */
int layout_find_link(const struct layout *l, int veth);
/* Two boxes overlap (touching edges count: boxes never share a border). */
bool layout_boxes_overlap(const struct lnode *a, const struct lnode *b);
/* P lies on the border of N. */
bool layout_on_border(const struct lnode *n, struct lpoint p);

#endif
