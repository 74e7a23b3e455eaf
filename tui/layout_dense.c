// SPDX-License-Identifier: GPL-2.0
/* Dense mode (see layout.h): one section per core node, top to bottom in chain order. A section
 * is two rows per link to another core node (the link's own row, and its label's above it), the
 * node (a bus one row high for a bridge, the usual box for a namespace) and under it its leaves,
 * one row each, in columns filled top to bottom:
 *
 *                                                            │┌──────── (to the right margin)
 *     ── br0 ──────────────┬───────────────────────────────┬──┴┴─
 *         h0 10.0.1.1/16 ──┤ ▲12 ▼6     h24 10.0.1.25/16 ──┤
 *         h3 10.0.1.4/16 ──┘            h27 10.0.1.28/16 ──┘
 *
 * A leaf's link runs right from its box to its column's trunk and up the trunk to the node; its
 * label starts two columns right of the trunk, on the leaf's row, where no line goes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "layout.h"

#define STUB 2   /* columns of line at least between a leaf's box and its trunk */
#define COL_GAP 2

struct dense {
	const struct topo *t;
	struct layout *l;
	int width;
	int *leaf_of, *leaf_veth, *order, ncore;
	int *node_of;  /* per graph id: its node */
	int *ncl;      /* per graph id: links to other core nodes */
	int *cl_seen;  /* per graph id: those placed so far */
	int boxw;      /* widest one-line box */
};

static int gid_of(const struct topo *t, const struct topo_end *e)
{
	return e->kind == TOPO_OWNER_BRIDGE ? e->owner : t->nbridges + e->owner;
}

static bool core_link(const struct dense *d, int v)
{
	const struct topo_veth *ve = &d->t->veths[v];

	for (int k = 0; k < 2; k++) {
		const struct topo_end *e = &ve->end[k];

		if (e->kind == TOPO_OWNER_NETNS && d->leaf_of[e->owner] >= 0)
			return false;
	}
	return true;
}

/* A leaf's one-line box: " name address  " (the address is the first line of its normal box),
 * its last cell where its link starts. */
static int line_box_w(const struct topo *t, int ns)
{
	char lines[1][LAYOUT_LINE];
	const char *sp;

	layout_netns_lines(t, ns, lines, 1);
	sp = strchr(lines[0], ' ');
	return text_width(t->netns[ns].name) + (sp ? text_width(sp) : 0) + 3;
}

static int add_node(struct dense *d, enum lnode_kind kind, int index, int x, int y, int w, int h)
{
	struct layout *l = d->l;

	l->nodes[l->nnodes] = (struct lnode){ kind, index, 0, 1, x, y, w, h };
	if (x + w + 1 > l->w)
		l->w = x + w + 1;
	if (y + h > l->h)
		l->h = y + h;
	return l->nnodes++;
}


static int colw(const struct dense *d)
{
	return d->boxw + STUB + 1 + 1 + LAYOUT_DENSE_LABEL + COL_GAP;
}

/* Columns for N leaves: as many as the width holds (at least one), no more than N. */
static int ncols(const struct dense *d, int n)
{
	int c = (d->width - 2) / colw(d);

	c = c < 1 ? 1 : c;
	return n < c ? (n > 0 ? n : 1) : c;
}

static int trunk_x(const struct dense *d, int col)
{
	return 1 + col * colw(d) + d->boxw + STUB;
}

/* Leaf J of N under the node at NODE (its bottom row BOTTOM), with its link and label. */
static void place_leaf(struct dense *d, int ns, int j, int n, int node, int bottom)
{
	const struct topo *t = d->t;
	int rows = (n + ncols(d, n) - 1) / ncols(d, n), col = j / rows, y = bottom + 1 + j % rows;
	int v = d->leaf_veth[ns], mine = gid_of(t, &t->veths[v].end[0]) == t->nbridges + ns ? 0 : 1;
	int tx = trunk_x(d, col), w = line_box_w(t, ns), x = tx - STUB - w + 1;
	int me = add_node(d, LNODE_NETNS, ns, x, y, w, 1);
	struct llink *k = layout_new_link(d->l, v, LLINK_COMB, mine);

	k->node[mine] = me;
	k->node[!mine] = node;
	k->label_w = LAYOUT_DENSE_LABEL;
	layout_add_pt(d->l, k, x + w - 1, y);
	layout_add_pt(d->l, k, tx, y);
	layout_add_pt(d->l, k, tx, bottom);
	k->label = (struct lpoint){ tx + 2, y };
	if (tx + 2 + LAYOUT_DENSE_LABEL + 1 > d->l->w)
		d->l->w = tx + 2 + LAYOUT_DENSE_LABEL + 1;
}

/* The core node GID from row Y (its links' rows first), then its leaves. Returns the row
 * after the section. */
static int place_section(struct dense *d, int gid, int y)
{
	const struct topo *t = d->t;
	int n = 0, w, h, node, last;

	for (int ns = 0; ns < t->nnetns; ns++)
		n += d->leaf_of[ns] == gid;
	last = trunk_x(d, ncols(d, n) - 1);
	y += 2 * d->ncl[gid];
	if (gid < t->nbridges) {
		struct lnode b = { LNODE_BRIDGE, gid, 0, 1, 0, 0, 0, 0 };
		char title[128];

		layout_title(t, &b, title, sizeof(title));
		w = text_width(title) + 4;
		h = 1;
	} else {
		layout_netns_size(t, gid - t->nbridges, &w, &h);
	}
	/* Over every trunk, then a column per link up to another core node. */
	if (n && w < last + 2)
		w = last + 2;
	w += d->ncl[gid] + 1;
	node = add_node(d, gid < t->nbridges ? LNODE_BRIDGE : LNODE_NETNS,
			gid < t->nbridges ? gid : gid - t->nbridges, 1, y, w, h);
	d->node_of[gid] = node;
	for (int ns = 0, j = 0; ns < t->nnetns; ns++)
		if (d->leaf_of[ns] == gid)
			place_leaf(d, ns, j++, n, node, y + h - 1);
	return y + h + (n + ncols(d, n) - 1) / ncols(d, n) + 1;
}

/* The point where core link number I of node GID leaves its top border, and the row it runs
 * on: I counts to the right and down, so that a link's line, going right, crosses no other
 * link's column, and the row above it (its label's) has no line right of its column. */
static struct lpoint core_exit(const struct dense *d, int gid, int i, int *row)
{
	const struct lnode *n = &d->l->nodes[d->node_of[gid]];

	*row = n->y - 1 - 2 * (d->ncl[gid] - 1 - i);
	return (struct lpoint){ n->x + n->w - 1 - d->ncl[gid] + i, n->y };
}

/* Up from each end's top border to its row, across to lane LANE in the right MARGIN. */
static void place_core_link(struct dense *d, int v, int lane, int margin)
{
	const struct topo_veth *ve = &d->t->veths[v];
	int g0 = gid_of(d->t, &ve->end[0]), g1 = gid_of(d->t, &ve->end[1]), r0, r1;
	struct lpoint a = core_exit(d, g0, d->cl_seen[g0]++, &r0);
	struct lpoint b = core_exit(d, g1, d->cl_seen[g1]++, &r1);
	struct llink *k = layout_new_link(d->l, v, LLINK_LANE, 0);

	k->node[0] = d->node_of[g0];
	k->node[1] = d->node_of[g1];
	layout_add_pt(d->l, k, a.x, a.y);
	layout_add_pt(d->l, k, a.x, r0);
	layout_add_pt(d->l, k, margin + lane, r0);
	layout_add_pt(d->l, k, margin + lane, r1);
	layout_add_pt(d->l, k, b.x, r1);
	layout_add_pt(d->l, k, b.x, b.y);
	k->label = (struct lpoint){ a.x + 1, r0 - 1 };
}

/* Right of every box, leaf label and core link label: where the lanes go down. */
static int margin_x(const struct dense *d)
{
	int m = d->l->w;

	for (int i = 0; i < d->l->nnodes; i++) {
		const struct lnode *n = &d->l->nodes[i];
		int g = n->kind == LNODE_BRIDGE ? n->index : d->t->nbridges + n->index;

		if (d->ncl[g] && n->x + n->w + LAYOUT_LABEL + 1 > m)
			m = n->x + n->w + LAYOUT_LABEL + 1;
	}
	return m;
}

static int lay_out(struct dense *d)
{
	const struct topo *t = d->t;
	int y = 0, margin, lane = 0;

	for (int ns = 0; ns < t->nnetns; ns++)
		if (d->leaf_of[ns] >= 0 && line_box_w(t, ns) > d->boxw)
			d->boxw = line_box_w(t, ns);
	for (int v = 0; v < t->nveths; v++)
		for (int k = 0; k < 2 && core_link(d, v); k++)
			d->ncl[gid_of(t, &t->veths[v].end[k])]++;
	for (int i = 0; i < d->ncore; i++)
		y = place_section(d, d->order[i], y);
	margin = margin_x(d);
	for (int v = 0; v < t->nveths; v++)
		if (core_link(d, v))
			place_core_link(d, v, lane++, margin);
	return 0;
}

int layout_build_dense(const struct topo *t, int width, struct layout *l)
{
	int ng = t->nbridges + t->nnetns, err = -ENOMEM;
	struct dense d = { .t = t, .l = l, .width = width };

	memset(l, 0, sizeof(*l));
	l->dense = true;
	d.leaf_of = calloc(t->nnetns + 1, sizeof(int));
	d.leaf_veth = calloc(t->nnetns + 1, sizeof(int));
	d.order = calloc(ng + 1, sizeof(int));
	d.node_of = calloc(ng + 1, sizeof(int));
	d.ncl = calloc(ng + 1, sizeof(int));
	d.cl_seen = calloc(ng + 1, sizeof(int));
	l->nodes = calloc(ng + 1, sizeof(*l->nodes));
	l->links = calloc(t->nveths + 1, sizeof(*l->links));
	if (!d.leaf_of || !d.leaf_veth || !d.order || !d.node_of || !d.ncl || !d.cl_seen ||
	    !l->nodes || !l->links)
		goto cleanup;
	d.ncore = layout_cores(t, d.leaf_of, d.leaf_veth, d.order);
	err = lay_out(&d);
cleanup:
	free(d.leaf_of);
	free(d.leaf_veth);
	free(d.order);
	free(d.node_of);
	free(d.ncl);
	free(d.cl_seen);
	if (err)
		layout_free(l);
	return err;
}
