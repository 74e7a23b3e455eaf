// SPDX-License-Identifier: GPL-2.0
/* See layout.h for the picture. Every link is a straight line or a few right angles through space
 * kept free of boxes (gaps between rows, lanes, the right margin), so no box is ever crossed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "layout.h"

#define COLW_MIN 20    /* a slot holds a leaf box and a rate label ("▼ 12p/s 9.6kb/s") */
#define GAP_LINKED 4   /* between neighbours joined by a link */
#define GAP_PLAIN 3

/* A core node, or one part of a big one, with the leaves drawn around it. */
struct elem {
	int core;            /* graph id: bridge b is b, namespace n is nbridges + n */
	int part, nparts;
	int *leaves;         /* namespace indices, the first ntop above */
	int nleaves, ntop;
	int left, right;     /* veth of the horizontal link on each side, or -1 */
	int nlane_ends;      /* lane links starting or ending here (part 0 only) */
	int lanes_placed;
	int over;            /* columns the last slot's rate label reaches past the box */
	int colw, lw, rw;    /* slot width; room for side port names */
	int x, y, w, h;
	int band;
	int node;            /* index in layout.nodes */
};

struct ctx {
	const struct topo *t;
	struct layout *l;
	int width;
	int ncore;
	int *leaf_of, *leaf_veth; /* per namespace: parent graph id and veth, -1 for core */
	int *order, *pos;         /* core graph ids in chain order; element index of each part 0 */
	struct elem *elems;
	int nelems;
	bool *lane;               /* per veth */
	int nlanes;
	int *lane_idx;            /* per veth: lane number (its column in the right margin) */
	int *lane_row;            /* per veth end: its lane's row in the band of that end */
	int *band_lanes;          /* per band: lane rows it needs */
};

static int end_gid(const struct topo *t, const struct topo_end *e)
{
	return e->kind == TOPO_OWNER_BRIDGE ? e->owner : t->nbridges + e->owner;
}

static int peer_of(const struct topo_veth *v, int gid, const struct topo *t)
{
	return end_gid(t, &v->end[0]) == gid ? 1 : 0;
}

static int netns_degree(const struct topo *t, int ns)
{
	int d = 0;

	for (int v = 0; v < t->nveths; v++)
		for (int k = 0; k < 2; k++)
			d += t->veths[v].end[k].kind == TOPO_OWNER_NETNS && t->veths[v].end[k].owner == ns;
	return d;
}

/* A namespace with a single link is drawn as a leaf of whatever is at the other end; of two such
 * namespaces joined to each other the first is the core. */
static void classify(struct ctx *c)
{
	const struct topo *t = c->t;

	for (int n = 0; n < t->nnetns; n++) {
		c->leaf_of[n] = c->leaf_veth[n] = -1;
		if (netns_degree(t, n) != 1)
			continue;
		for (int v = 0; v < t->nveths; v++) {
			const struct topo_veth *ve = &t->veths[v];
			int me = t->nbridges + n, k = peer_of(ve, me, t);
			const struct topo_end *p = &ve->end[k];

			if (end_gid(t, &ve->end[!k]) != me)
				continue;
			if (p->kind == TOPO_OWNER_NETNS &&
			    netns_degree(t, p->owner) == 1 && p->owner > n)
				break;
			c->leaf_of[n] = end_gid(t, p);
			c->leaf_veth[n] = v;
		}
	}
}

static bool is_core(const struct ctx *c, int gid)
{
	return gid < c->t->nbridges || c->leaf_of[gid - c->t->nbridges] < 0;
}

/* Breadth first from each bridge in turn, so that lan1 - router - lan2 come out in that order. */
static void order_cores(struct ctx *c)
{
	const struct topo *t = c->t;
	int ng = t->nbridges + t->nnetns, head = 0, n = 0;
	bool *seen = calloc(ng, sizeof(*seen));

	if (!seen)
		return;
	for (int s = 0; s < ng; s++) {
		if (seen[s] || !is_core(c, s))
			continue;
		seen[s] = true;
		c->order[n++] = s;
		while (head < n) {
			int g = c->order[head++];

			for (int v = 0; v < t->nveths; v++) {
				const struct topo_veth *ve = &t->veths[v];
				int a = end_gid(t, &ve->end[0]), b = end_gid(t, &ve->end[1]);
				int o = a == g ? b : b == g ? a : -1;

				if (o >= 0 && !seen[o] && is_core(c, o)) {
					seen[o] = true;
					c->order[n++] = o;
				}
			}
		}
	}
	c->ncore = n;
	free(seen);
}

static void netns_line(const struct topo_end *e, int a, char *buf)
{
	char addr[64] = "";

	if (a < e->naddrs)
		topo_addr_str(&e->addrs[a], addr, sizeof(addr));
	snprintf(buf, LAYOUT_LINE, "%-*s %s", text_width(e->ifname), a ? "" : e->ifname, addr);
	for (int i = strlen(buf); i > 0 && buf[i - 1] == ' '; i--)
		buf[i - 1] = 0;
}

int layout_netns_lines(const struct topo *t, int ns, char (*lines)[LAYOUT_LINE], int max)
{
	int n = 0;

	for (int v = 0; v < t->nveths; v++)
		for (int k = 0; k < 2; k++) {
			const struct topo_end *e = &t->veths[v].end[k];

			if (e->kind != TOPO_OWNER_NETNS || e->owner != ns)
				continue;
			for (int a = 0; a == 0 || a < e->naddrs; a++)
				if (n < max)
					netns_line(e, a, lines[n++]);
		}
	if (n == 0 && max > 0)
		snprintf(lines[n++], LAYOUT_LINE, "(no links)");
	return n;
}

void layout_title(const struct topo *t, const struct lnode *n, char *buf, size_t len)
{
	const struct topo_bridge *br;
	char addr[64] = "", part[32] = "";
	size_t off;

	if (n->nparts > 1)
		snprintf(part, sizeof(part), " (%d/%d)", n->part + 1, n->nparts);
	if (n->kind == LNODE_NETNS) {
		snprintf(buf, len, "%s%s", t->netns[n->index].name, part);
		return;
	}
	br = &t->bridges[n->index];
	if (br->has_addr)
		topo_addr_str(&br->addr, addr, sizeof(addr));
	off = snprintf(buf, len, "%s%s%s%s%s", br->netns >= 0 ? t->netns[br->netns].name : "",
		       br->netns >= 0 ? ":" : "", br->name, *addr ? " " : "", addr);
	/* Its ports that are no veth have no link to draw: they are named on the bridge. */
	for (int i = 0, first = 1; i < t->nports && off < len; i++)
		if (t->ports[i].end.owner == n->index) {
			off += snprintf(buf + off, len - off, "%s%s", first ? " | " : " ",
					t->ports[i].end.ifname);
			first = 0;
		}
	if (off < len)
		snprintf(buf + off, len - off, "%s", part);
}

/* Box size of a namespace drawn as a leaf (or the text part of a core namespace). */
static void netns_box(const struct topo *t, int ns, int nparts, int *w, int *h)
{
	char lines[16][LAYOUT_LINE], title[128];
	struct lnode n = { LNODE_NETNS, ns, 0, nparts, 0, 0, 0, 0 };
	int nl = layout_netns_lines(t, ns, lines, 16);

	layout_title(t, &n, title, sizeof(title));
	*w = text_width(title) + 6;
	for (int i = 0; i < nl; i++)
		if (text_width(lines[i]) + 4 > *w)
			*w = text_width(lines[i]) + 4;
	*h = nl + 2;
}

static const char *end_port_name(const struct topo *t, int veth, int gid)
{
	const struct topo_veth *v = &t->veths[veth];

	return v->end[end_gid(t, &v->end[0]) == gid ? 0 : 1].ifname;
}

void layout_netns_size(const struct topo *t, int ns, int *w, int *h)
{
	netns_box(t, ns, 1, w, h);
}

static int slot_width(const struct ctx *c, const struct elem *e)
{
	int colw = COLW_MIN, w, h;

	for (int i = 0; i < e->nleaves; i++) {
		int n = e->leaves[i];

		netns_box(c->t, n, 1, &w, &h);
		if (w + 2 > colw)
			colw = w + 2;
		if (text_width(end_port_name(c->t, c->leaf_veth[n], e->core)) + 2 > colw)
			colw = text_width(end_port_name(c->t, c->leaf_veth[n], e->core)) + 2;
	}
	return colw;
}

static int nbottom(const struct elem *e)
{
	return e->nleaves - e->ntop + e->nlane_ends;
}

static int slot_x0(const struct elem *e, bool bottom);

/* How far the label right of the rightmost slot line reaches past the box's right edge. A lone
 * slot's label may go left of its line instead, at the right edge of the screen. */
static int label_overhang(const struct elem *e)
{
	int over = 0;

	for (int bottom = 0; bottom < 2; bottom++) {
		int n = bottom ? nbottom(e) : e->ntop;
		int end = slot_x0(e, bottom) - e->x + (n - 1) * e->colw + e->colw / 2 + 2 + LAYOUT_LABEL;

		if (n > 1 && end - e->w > over)
			over = end - e->w;
	}
	return over;
}

/* The row of its namespace's box (1: the first inside) where veth V's end there is named;
 * 1 when no end of V is in a namespace. A horizontal link is drawn on that row. */
static int side_row(const struct topo *t, int v)
{
	int e = t->veths[v].end[0].kind == TOPO_OWNER_NETNS ? 0 : 1, ns = t->veths[v].end[e].owner;
	int row = 1;

	if (t->veths[v].end[e].kind != TOPO_OWNER_NETNS)
		return 1;
	for (int i = 0; i < t->nveths; i++)
		for (int k = 0; k < 2; k++) {
			const struct topo_end *end = &t->veths[i].end[k];

			if (end->kind != TOPO_OWNER_NETNS || end->owner != ns)
				continue;
			if (i == v)
				return row;
			row += end->naddrs > 1 ? end->naddrs : 1;
		}
	return 1;
}

static int port_row(const struct topo *t, int v, int row);

/* The side link V of bridge part E names its port on row 1, beside the top slots' names. */
static bool side_on_row1(const struct ctx *c, const struct elem *e, int v)
{
	return v >= 0 && e->core < c->t->nbridges && port_row(c->t, v, side_row(c->t, v)) == 1;
}

/* The top slots' port names of E (at x 0) and the side ports' names on row 1 touch. */
static bool side_names_touch(const struct ctx *c, const struct elem *e)
{
	const struct topo *t = c->t;
	int lend = side_on_row1(c, e, e->left) ? 2 + text_width(end_port_name(t, e->left, e->core)) : -1;
	int rstart = side_on_row1(c, e, e->right) ?
		     e->w - 2 - text_width(end_port_name(t, e->right, e->core)) : e->w;

	for (int j = 0; j < e->ntop; j++) {
		const char *name = end_port_name(t, c->leaf_veth[e->leaves[j]], e->core);
		int start = slot_x0(e, false) + j * e->colw + e->colw / 2 - text_width(name) / 2;

		if (start <= lend || start + text_width(name) >= rstart)
			return true;
	}
	return false;
}

/* Wider until a column at least parts the side ports' names from the top slots' (a box
 * wider than the whole name row would part them). */
static void part_side_names(const struct ctx *c, struct elem *e)
{
	struct elem at0 = *e;

	at0.x = 0;
	while (side_names_touch(c, &at0) && at0.w < c->width)
		at0.w++;
	e->w = at0.w;
}

/* Box size from the slots above and below, the side ports and the text. */
static void size_elem(const struct ctx *c, struct elem *e)
{
	const struct topo *t = c->t;
	bool bridge = e->core < t->nbridges;
	int iw, tw, th, nb = nbottom(e);

	e->lw = e->left >= 0 && bridge ? text_width(end_port_name(t, e->left, e->core)) + 2 : 0;
	e->rw = e->right >= 0 && bridge ? text_width(end_port_name(t, e->right, e->core)) + 2 : 0;
	/* The label of the link on the left reaches under this box: the lines down from its
	 * bottom start right of it. */
	if (e->left >= 0 && nb && e->lw < LAYOUT_LABEL - GAP_LINKED - e->colw / 2)
		e->lw = LAYOUT_LABEL - GAP_LINKED - e->colw / 2;
	if (bridge) {
		struct lnode n = { LNODE_BRIDGE, e->core, e->part, e->nparts, 0, 0, 0, 0 };
		char title[128];

		layout_title(t, &n, title, sizeof(title));
		tw = text_width(title) + 4;
		th = nb || e->left >= 0 || e->right >= 0 ? 2 : 1;
		/* Tall enough for a side link on its namespace interface's row. */
		if (e->left >= 0 && side_row(t, e->left) > th)
			th = side_row(t, e->left);
		if (e->right >= 0 && side_row(t, e->right) > th)
			th = side_row(t, e->right);
	} else {
		netns_box(t, e->core - t->nbridges, e->nparts, &tw, &th);
		tw -= 2;
		th -= 2;
	}
	iw = tw;
	if (e->ntop * e->colw > iw)
		iw = e->ntop * e->colw;
	if (e->lw + nb * e->colw + e->rw > iw)
		iw = e->lw + nb * e->colw + e->rw;
	e->w = iw + 2;
	e->h = th + 2;
	/* Between two horizontal links, wide enough that their rate labels do not meet. */
	if (e->left >= 0 && e->right >= 0 && e->w < LAYOUT_LABEL + 1 - GAP_LINKED)
		e->w = LAYOUT_LABEL + 1 - GAP_LINKED;
	part_side_names(c, e);
	e->over = label_overhang(e);
}

static bool core_link(const struct ctx *c, int v);

/* Links of core node GID to other core nodes; *SIDE: columns one side port name may need. */
static int core_links(const struct ctx *c, int gid, int *side)
{
	int n = 0;

	*side = 0;
	for (int v = 0; v < c->t->nveths; v++)
		for (int e = 0; e < 2; e++) {
			const struct topo_end *end = &c->t->veths[v].end[e];

			if (!core_link(c, v) || end_gid(c->t, end) != gid)
				continue;
			n++;
			if (text_width(end->ifname) + 2 > *side)
				*side = text_width(end->ifname) + 2;
		}
	return n;
}

/* How many leaves part P of a core node takes, of REST left: the first part keeps bottom slots
 * for lanes and room for side ports, so does the last (the one with the right-hand link), so
 * middle parts leave at least one leaf for it. */
static int part_leaves(int p, int rest, int per, int per_side, int ncl, int *ntop)
{
	int top = per_side, bottom = per_side - ncl > 0 ? per_side - ncl : 0, take;

	if (p > 0 && rest <= 2 * per_side)
		bottom = per_side;
	else if (p > 0)
		top = bottom = per;
	take = rest < top + bottom ? rest : top + bottom;
	if (p > 0 && take == rest && rest > 2 * per_side)
		take--;
	*ntop = take < top ? take : top;
	return take;
}

/* Split each core node's leaves into parts that fit the width, in chain order. */
static int make_elems(struct ctx *c)
{
	const struct topo *t = c->t;
	int *leaves = malloc(sizeof(int) * (t->nnetns + 1)), used = 0;

	c->elems = calloc(t->nnetns + t->nbridges + 1, sizeof(*c->elems));
	if (!leaves || !c->elems) {
		free(leaves);
		return -ENOMEM;
	}
	for (int i = 0; i < c->ncore; i++) {
		struct elem proto = { .core = c->order[i], .leaves = leaves + used, .left = -1, .right = -1 };
		int n = 0, side, ncl = core_links(c, proto.core, &side), per, per_side, over;

		for (int ns = 0; ns < t->nnetns; ns++)
			if (c->leaf_of[ns] == proto.core)
				leaves[used + n++] = ns;
		proto.nleaves = n;
		proto.colw = slot_width(c, &proto);
		/* The rightmost slot's label may reach past the box by this much. */
		over = LAYOUT_LABEL + 2 - (proto.colw - proto.colw / 2);
		over = over > 0 ? over : 0;
		per = (c->width - 4 - over) / proto.colw;
		per = per < 1 ? 1 : per;
		per_side = (c->width - 4 - over - 2 * side) / proto.colw;
		per_side = per_side < 1 ? 1 : per_side;
		c->pos[proto.core] = c->nelems;
		for (int p = 0, done = 0; p == 0 || done < n; p++) {
			struct elem *e = &c->elems[c->nelems++];

			*e = proto;
			e->part = p;
			e->leaves = leaves + used + done;
			e->nleaves = part_leaves(p, n - done, per, per_side, ncl, &e->ntop);
			done += e->nleaves;
		}
		for (int p = c->pos[proto.core]; p < c->nelems; p++)
			c->elems[p].nparts = c->nelems - c->pos[proto.core];
		used += n;
	}
	if (c->nelems == 0)
		free(leaves);
	return 0;
}

/* Element indices of a core-core link's ends: the last part of one, the first part of the other. */
static void link_elems(const struct ctx *c, int v, int *a, int *b)
{
	const struct topo_veth *ve = &c->t->veths[v];

	*a = c->pos[end_gid(c->t, &ve->end[0])];
	*b = c->pos[end_gid(c->t, &ve->end[1])];
	if (*a > *b) {
		int tmp = *a;
		*a = *b;
		*b = tmp;
	}
	*a += c->elems[*a].nparts - 1;
}

static bool core_link(const struct ctx *c, int v)
{
	const struct topo_veth *ve = &c->t->veths[v];

	return is_core(c, end_gid(c->t, &ve->end[0])) && is_core(c, end_gid(c->t, &ve->end[1]));
}

/* Neighbours get a horizontal link, everything else a lane. */
static void assign_sides(struct ctx *c)
{
	for (int i = 0; i < c->nelems; i++) {
		c->elems[i].left = c->elems[i].right = -1;
		c->elems[i].nlane_ends = 0;
	}
	c->nlanes = 0;
	for (int v = 0; v < c->t->nveths; v++) {
		int a, b;

		if (!core_link(c, v))
			continue;
		link_elems(c, v, &a, &b);
		if (!c->lane[v] && b == a + 1 && c->elems[a].right < 0) {
			c->elems[a].right = c->elems[b].left = v;
			continue;
		}
		c->lane[v] = true;
		c->lane_idx[v] = c->nlanes++;
		c->elems[c->pos[end_gid(c->t, &c->t->veths[v].end[0])]].nlane_ends++;
		c->elems[c->pos[end_gid(c->t, &c->t->veths[v].end[1])]].nlane_ends++;
	}
}

/* Each band centred in the width: a small topology sits in the middle of the screen. */
static void center_bands(struct ctx *c, int limit)
{
	for (int i = 0, first = 0; i < c->nelems; i++) {
		const struct elem *last = &c->elems[i];
		int shift;

		if (i + 1 < c->nelems && c->elems[i + 1].band == last->band)
			continue;
		shift = (limit - (last->x + last->w + last->over)) / 2;
		for (int j = first; j <= i && shift > 0; j++)
			c->elems[j].x += shift;
		first = i + 1;
	}
}

/* Place elements left to right, wrapping into bands. Returns true when a horizontal link got
 * split by a wrap (it becomes a lane and the caller lays out again). */
static bool wrap_bands(struct ctx *c)
{
	/* Room in the right margin for a few lanes; more run past the width (the view scrolls). */
	int x = 1, band = 0, limit = c->width - 1 - (c->nlanes < 4 ? c->nlanes : 4);
	bool changed = false;

	for (int i = 0; i < c->nelems; i++) {
		struct elem *e = &c->elems[i];
		int gap = e->left >= 0 ? GAP_LINKED : GAP_PLAIN;

		size_elem(c, e);
		if (i > 0 && x + gap + e->w + e->over > limit) {
			band++;
			x = 1;
			if (e->left >= 0) {
				c->lane[e->left] = true;
				changed = true;
			}
		} else if (i > 0) {
			x += gap;
		}
		e->x = x;
		e->band = band;
		x += e->w;
	}
	center_bands(c, limit);
	return changed;
}

struct band {
	int top, core_y, core_h, below_y, lane_label_y, lane_y, leaf_y;
	int top_h, bottom_h;
	bool link_labels, lane_labels;
};

static int leaf_h(const struct ctx *c, int ns)
{
	int w, h;

	netns_box(c->t, ns, 1, &w, &h);
	return h;
}

/* Rows of band B, from y = TOP: top leaves, two label rows, the core row, two rows of labels of
 * horizontal links, two of lane links, the lanes, two label rows, the bottom leaves. */
static struct band band_rows(const struct ctx *c, int b, int top)
{
	struct band r = { .top = top };

	for (int i = 0; i < c->nelems; i++) {
		const struct elem *e = &c->elems[i];

		if (e->band != b)
			continue;
		for (int j = 0; j < e->nleaves; j++) {
			int *hh = j < e->ntop ? &r.top_h : &r.bottom_h;

			if (leaf_h(c, e->leaves[j]) > *hh)
				*hh = leaf_h(c, e->leaves[j]);
		}
		if (e->h > r.core_h)
			r.core_h = e->h;
		r.link_labels |= e->left >= 0;
		r.lane_labels |= e->nlane_ends > 0;
	}
	r.core_y = top + (r.top_h ? r.top_h + 2 : 0);
	r.below_y = r.core_y + r.core_h;
	r.lane_label_y = r.below_y + (r.link_labels ? 2 : 0);
	r.lane_y = r.lane_label_y + (r.lane_labels ? 2 : 0);
	r.leaf_y = r.lane_y + c->band_lanes[b] + (r.bottom_h ? 2 : 0);
	return r;
}

static int add_node(struct ctx *c, enum lnode_kind kind, int index, const struct elem *e,
		    int x, int y, int w, int h)
{
	struct lnode *n = &c->l->nodes[c->l->nnodes];

	*n = (struct lnode){ kind, index, e ? e->part : 0, e ? e->nparts : 1, x, y, w, h };
	if (x + w + 1 > c->l->w)
		c->l->w = x + w + 1;
	if (y + h > c->l->h)
		c->l->h = y + h;
	return c->l->nnodes++;
}

static int gid_node_kind(const struct ctx *c, int gid, int *index)
{
	*index = gid < c->t->nbridges ? gid : gid - c->t->nbridges;
	return gid < c->t->nbridges ? LNODE_BRIDGE : LNODE_NETNS;
}

static int end_index(const struct topo *t, int v, int gid)
{
	return end_gid(t, &t->veths[v].end[0]) == gid ? 0 : 1;
}

/* First column of the slots on the top (BOTTOM false) or bottom edge of E. */
static int slot_x0(const struct elem *e, bool bottom)
{
	int n = bottom ? nbottom(e) : e->ntop, lw = bottom ? e->lw : 0, rw = bottom ? e->rw : 0;

	return e->x + 1 + lw + (e->w - 2 - lw - rw - n * e->colw) / 2;
}

static void set_port(struct ctx *c, struct llink *k, int end, const struct elem *e, int cx, int y)
{
	const char *name = c->t->veths[k->veth].end[end].ifname;

	if (e->core >= c->t->nbridges)
		return;
	k->port[end] = (struct lpoint){ cx - text_width(name) / 2, y };
}

struct llink *layout_new_link(struct layout *l, int v, enum llink_shape shape, int first_end)
{
	struct llink *k = &l->links[l->nlinks++];

	*k = (struct llink){ .veth = v, .shape = shape, .first_end = first_end, .label_w = LAYOUT_LABEL };
	k->port[0].x = k->port[1].x = -1;
	return k;
}

void layout_add_pt(struct layout *l, struct llink *k, int x, int y)
{
	k->pts[k->npts++] = (struct lpoint){ x, y };
	if (x + 2 > l->w)
		l->w = x + 2;
}

static struct llink *new_link(struct ctx *c, int v, enum llink_shape shape, int first_end)
{
	return layout_new_link(c->l, v, shape, first_end);
}

static void add_pt(struct ctx *c, struct llink *k, int x, int y)
{
	layout_add_pt(c->l, k, x, y);
}

/* The leaves of E and their vertical links. */
static void place_leaves(struct ctx *c, const struct elem *e, const struct band *b)
{
	for (int j = 0; j < e->nleaves; j++) {
		int ns = e->leaves[j], v = c->leaf_veth[ns], w, h, top = j < e->ntop;
		int slot = top ? j : j - e->ntop;
		int cx = slot_x0(e, !top) + slot * e->colw + e->colw / 2;
		int mine = end_index(c->t, v, c->t->nbridges + ns);
		int y = top ? b->top : b->leaf_y, node;
		struct llink *k;

		netns_box(c->t, ns, 1, &w, &h);
		node = add_node(c, LNODE_NETNS, ns, NULL, cx - w / 2, y, w, h);
		k = new_link(c, v, LLINK_VERTICAL, top ? mine : !mine);
		k->node[mine] = node;
		k->node[!mine] = e->node;
		k->label_left = cx + 2 + LAYOUT_LABEL > c->width;
		if (top) {
			add_pt(c, k, cx, y + h - 1);
			add_pt(c, k, cx, e->y);
			k->label = (struct lpoint){ k->label_left ? cx - 1 : cx + 2, b->core_y - 2 };
			set_port(c, k, !mine, e, cx, e->y + 1);
		} else {
			add_pt(c, k, cx, e->y + e->h - 1);
			add_pt(c, k, cx, y);
			k->label = (struct lpoint){ k->label_left ? cx - 1 : cx + 2, y - 2 };
			set_port(c, k, !mine, e, cx, e->y + 2);
		}
	}
}

/* Row of a bridge's box for the name of a port whose link (veth V) is on row ROW: that row,
 * but for a link between bridges (their ports' names go under it). */
static int port_row(const struct topo *t, int v, int row)
{
	bool to_netns = t->veths[v].end[0].kind == TOPO_OWNER_NETNS ||
			t->veths[v].end[1].kind == TOPO_OWNER_NETNS;

	return to_netns ? row : 2;
}

/* Straight across, on the row of the namespace's interface (the first row between bridges). */
static void place_horizontal(struct ctx *c, const struct elem *a, const struct elem *b)
{
	int v = a->right, ea = end_index(c->t, v, a->core), row = side_row(c->t, v), y = a->y + row;
	struct llink *k = new_link(c, v, LLINK_HORIZONTAL, ea);
	const char *pa = c->t->veths[v].end[ea].ifname;

	k->node[ea] = a->node;
	k->node[!ea] = b->node;
	add_pt(c, k, a->x + a->w - 1, y);
	add_pt(c, k, b->x, y);
	/* Under the gap (too narrow for it), on the first row below both boxes. */
	k->label = (struct lpoint){ a->x + a->w + 1, a->y + a->h > b->y + b->h ? a->y + a->h : b->y + b->h };
	if (a->core < c->t->nbridges)
		k->port[ea] = (struct lpoint){ a->x + a->w - 2 - text_width(pa),
					       a->y + port_row(c->t, v, row) };
	if (b->core < c->t->nbridges)
		k->port[!ea] = (struct lpoint){ b->x + 2, b->y + port_row(c->t, v, row) };
}

static int lane_slot(struct elem *e)
{
	int slot = e->nleaves - e->ntop + e->lanes_placed++;

	return slot_x0(e, true) + slot * e->colw + e->colw / 2;
}

/* Down from both boxes into the lane, across (through the right margin between bands). */
static void place_lane(struct ctx *c, int v, const struct band *bands, int margin)
{
	const struct topo_veth *ve = &c->t->veths[v];
	struct elem *e[2];
	int x[2], ly[2], lane = c->lane_idx[v];
	struct llink *k = new_link(c, v, LLINK_LANE, 0);

	for (int i = 0; i < 2; i++) {
		e[i] = &c->elems[c->pos[end_gid(c->t, &ve->end[i])]];
		x[i] = lane_slot(e[i]);
		ly[i] = bands[e[i]->band].lane_y + c->lane_row[2 * v + i];
		k->node[i] = e[i]->node;
		set_port(c, k, i, e[i], x[i], e[i]->y + 2);
	}
	add_pt(c, k, x[0], e[0]->y + e[0]->h - 1);
	add_pt(c, k, x[0], ly[0]);
	if (e[0]->band != e[1]->band) {
		add_pt(c, k, margin + lane, ly[0]);
		add_pt(c, k, margin + lane, ly[1]);
	}
	add_pt(c, k, x[1], ly[1]);
	add_pt(c, k, x[1], e[1]->y + e[1]->h - 1);
	k->label = (struct lpoint){ x[0] + 2, bands[e[0]->band].lane_label_y };
}

/* Boxes band by band, then the links between them. Returns the bottom of the last band. */
static int place_bands(struct ctx *c, struct band *bands, int nbands)
{
	int y = 0;

	for (int b = 0; b < nbands; b++) {
		bands[b] = band_rows(c, b, y);
		for (int i = 0; i < c->nelems; i++) {
			struct elem *e = &c->elems[i];
			int kind, index;

			if (e->band != b)
				continue;
			e->y = bands[b].core_y;
			kind = gid_node_kind(c, e->core, &index);
			e->node = add_node(c, kind, index, e, e->x, e->y, e->w, e->h);
		}
		for (int i = 0; i < c->nelems; i++) {
			if (c->elems[i].band != b)
				continue;
			place_leaves(c, &c->elems[i], &bands[b]);
			if (c->elems[i].right >= 0)
				place_horizontal(c, &c->elems[i], &c->elems[i + 1]);
		}
		y = bands[b].bottom_h ? bands[b].leaf_y + bands[b].bottom_h
				      : bands[b].lane_y + c->band_lanes[b];
		if (y > c->l->h)
			c->l->h = y; /* the label rows under the last boxes */
		y++;
	}
	return y;
}

/* A band has a lane row for each lane with an end in it, and only those. */
static void assign_lane_rows(struct ctx *c)
{
	for (int v = 0; v < c->t->nveths; v++) {
		int b[2];

		if (!c->lane[v])
			continue;
		for (int i = 0; i < 2; i++)
			b[i] = c->elems[c->pos[end_gid(c->t, &c->t->veths[v].end[i])]].band;
		c->lane_row[2 * v] = c->band_lanes[b[0]]++;
		c->lane_row[2 * v + 1] = b[1] == b[0] ? c->lane_row[2 * v] : c->band_lanes[b[1]]++;
	}
}

static int lay_out(struct ctx *c)
{
	int nbands = c->nelems ? c->elems[c->nelems - 1].band + 1 : 0, margin = 0;
	struct band *bands = calloc(nbands + 1, sizeof(*bands));

	c->band_lanes = calloc(nbands + 1, sizeof(int));
	if (!bands || !c->band_lanes) {
		free(bands);
		return -ENOMEM;
	}
	assign_lane_rows(c);
	place_bands(c, bands, nbands);
	/* Right of the boxes and of the labels reaching past them. */
	for (int i = 0; i < c->nelems; i++)
		if (c->elems[i].x + c->elems[i].w + c->elems[i].over + 1 > margin)
			margin = c->elems[i].x + c->elems[i].w + c->elems[i].over + 1;
	for (int v = 0; v < c->t->nveths; v++)
		if (c->lane[v])
			place_lane(c, v, bands, margin);
	free(bands);
	return 0;
}

static void ctx_free(struct ctx *c)
{
	if (c->nelems)
		free(c->elems[0].leaves);
	free(c->elems);
	free(c->leaf_of);
	free(c->leaf_veth);
	free(c->order);
	free(c->pos);
	free(c->lane);
	free(c->lane_idx);
	free(c->lane_row);
	free(c->band_lanes);
}

int layout_cores(const struct topo *t, int *leaf_of, int *leaf_veth, int *order)
{
	struct ctx c = { .t = t, .leaf_of = leaf_of, .leaf_veth = leaf_veth, .order = order };

	classify(&c);
	order_cores(&c);
	return c.ncore;
}

int layout_build(const struct topo *t, int width, struct layout *l)
{
	int ng = t->nbridges + t->nnetns, err = -ENOMEM;
	struct ctx c = { .t = t, .l = l, .width = width };

	memset(l, 0, sizeof(*l));
	c.leaf_of = calloc(t->nnetns + 1, sizeof(int));
	c.leaf_veth = calloc(t->nnetns + 1, sizeof(int));
	c.order = calloc(ng + 1, sizeof(int));
	c.pos = calloc(ng + 1, sizeof(int));
	c.lane = calloc(t->nveths + 1, sizeof(bool));
	c.lane_idx = calloc(t->nveths + 1, sizeof(int));
	c.lane_row = calloc(2 * t->nveths + 1, sizeof(int));
	l->nodes = calloc(2 * t->nnetns + t->nbridges + 1, sizeof(*l->nodes));
	l->links = calloc(t->nveths + 1, sizeof(*l->links));
	if (!c.leaf_of || !c.leaf_veth || !c.order || !c.pos || !c.lane || !c.lane_idx || !c.lane_row ||
	    !l->nodes || !l->links)
		goto cleanup;
	classify(&c);
	order_cores(&c);
	if (make_elems(&c))
		goto cleanup;
	/* Each round turns at least one more link into a lane, so this ends. */
	for (int round = 0; round <= t->nveths; round++) {
		assign_sides(&c);
		if (!wrap_bands(&c))
			break;
	}
	err = lay_out(&c);
cleanup:
	ctx_free(&c);
	if (err)
		layout_free(l);
	return err;
}

void layout_free(struct layout *l)
{
	free(l->nodes);
	free(l->links);
	memset(l, 0, sizeof(*l));
}

int layout_find_node(const struct layout *l, enum lnode_kind kind, int index)
{
	for (int i = 0; i < l->nnodes; i++)
		if (l->nodes[i].kind == kind && l->nodes[i].index == index)
			return i;
	return -1;
}

int layout_find_link(const struct layout *l, int veth)
{
	for (int i = 0; i < l->nlinks; i++)
		if (l->links[i].veth == veth)
			return i;
	return -1;
}

bool layout_boxes_overlap(const struct lnode *a, const struct lnode *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

bool layout_on_border(const struct lnode *n, struct lpoint p)
{
	bool in_x = p.x >= n->x && p.x < n->x + n->w, in_y = p.y >= n->y && p.y < n->y + n->h;

	return (in_x && (p.y == n->y || p.y == n->y + n->h - 1)) ||
	       (in_y && (p.x == n->x || p.x == n->x + n->w - 1));
}
