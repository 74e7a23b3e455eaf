// SPDX-License-Identifier: GPL-2.0
/* See layout_keep.h. New boxes are placed on a grid of the cells the kept picture takes (boxes,
 * lines, rate labels, port names), so that nothing new touches what is drawn. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_keep.h"
#include "textfit.h"

enum { FREE, BOX, INK }; /* a grid cell: blank, inside a box, or a line, a label, a name */

struct grid {
	int w, h;
	unsigned char *c;
};

struct keep {
	const struct topo *t;
	const struct layout *fresh;
	struct layout *out;
	int *fmap;   /* per fresh node, its node in out; -1 while it is not placed */
	bool *flink; /* per fresh link, whether out has it */
	int width;
	struct grid g;
};

static void end_key(const struct topo *t, const struct topo_end *e, char *buf, size_t len)
{
	if (e->kind == TOPO_OWNER_NETNS) {
		snprintf(buf, len, "n/%s/%s", t->netns[e->owner].name, e->ifname);
		return;
	}
	snprintf(buf, len, "b/%s:%s/%s", t->bridges[e->owner].netns >= 0 ?
		 t->netns[t->bridges[e->owner].netns].name : "", t->bridges[e->owner].name, e->ifname);
}

static void link_key(const struct topo *t, int v, char *buf)
{
	char a[128], b[128];

	end_key(t, &t->veths[v].end[0], a, sizeof(a));
	end_key(t, &t->veths[v].end[1], b, sizeof(b));
	snprintf(buf, LAYOUT_KEY, "%s|%s", a, b);
}

static void node_key(const struct topo *t, const struct lnode *n, char *buf)
{
	const struct topo_bridge *br = &t->bridges[n->index];

	if (n->kind == LNODE_NETNS)
		snprintf(buf, LAYOUT_KEY, "n/%s", t->netns[n->index].name);
	else
		snprintf(buf, LAYOUT_KEY, "b/%s:%s#%d/%d", br->netns >= 0 ? t->netns[br->netns].name : "",
			 br->name, n->part, n->nparts);
}

int layout_keys_make(const struct topo *t, const struct layout *l, struct layout_keys *k)
{
	k->node = calloc(l->nnodes + 1, sizeof(*k->node));
	k->link = calloc(l->nlinks + 1, sizeof(*k->link));
	if (!k->node || !k->link) {
		layout_keys_free(k);
		return -ENOMEM;
	}
	for (int i = 0; i < l->nnodes; i++)
		node_key(t, &l->nodes[i], k->node[i]);
	for (int i = 0; i < l->nlinks; i++)
		link_key(t, l->links[i].veth, k->link[i]);
	return 0;
}

void layout_keys_free(struct layout_keys *k)
{
	free(k->node);
	free(k->link);
	k->node = NULL;
	k->link = NULL;
}

static int find_key(char (*keys)[LAYOUT_KEY], int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(keys[i], key))
			return i;
	return -1;
}

/* PREV's nodes and links that FRESH still has, where PREV had them; a namespace whose box
 * changes size (an address came) is left to be placed as a new one, its links with it. */
static int keep_old(struct keep *k, const struct layout *prev, const struct layout_keys *pk,
		    const struct layout_keys *fk)
{
	const struct layout *f = k->fresh;
	struct layout *o = k->out;
	int pmap[prev->nnodes + 1];

	for (int i = 0; i < prev->nnodes; i++) {
		int j = find_key(fk->node, f->nnodes, pk->node[i]);

		pmap[i] = -1;
		if (j < 0)
			continue;
		if (f->nodes[j].kind == LNODE_NETNS &&
		    (f->nodes[j].w != prev->nodes[i].w || f->nodes[j].h != prev->nodes[i].h))
			continue;
		o->nodes[o->nnodes] = prev->nodes[i];
		o->nodes[o->nnodes].index = f->nodes[j].index;
		k->fmap[j] = pmap[i] = o->nnodes++;
	}
	for (int i = 0; i < prev->nlinks; i++) {
		const struct llink *p = &prev->links[i];
		int j = find_key(fk->link, f->nlinks, pk->link[i]);

		if (j < 0 || pmap[p->node[0]] < 0 || pmap[p->node[1]] < 0)
			continue;
		o->links[o->nlinks] = *p;
		o->links[o->nlinks].veth = f->links[j].veth;
		for (int e = 0; e < 2; e++)
			o->links[o->nlinks].node[e] = pmap[p->node[e]];
		o->nlinks++;
		k->flink[j] = true;
	}
	return 0;
}

static bool in_grid(const struct grid *g, int x, int y)
{
	return x >= 0 && y >= 0 && x < g->w && y < g->h;
}

static void mark(struct grid *g, int x, int y, int w, int h, int what)
{
	for (int j = y; j < y + h; j++)
		for (int i = x; i < x + w; i++)
			if (in_grid(g, i, j) && g->c[j * g->w + i] < what)
				g->c[j * g->w + i] = what;
}

/* Every cell of the rectangle is WHAT; off the grid nothing may go. */
static bool all(const struct grid *g, int x, int y, int w, int h, int what)
{
	for (int j = y; j < y + h; j++)
		for (int i = x; i < x + w; i++)
			if (!in_grid(g, i, j) || g->c[j * g->w + i] != what)
				return false;
	return true;
}

static void mark_link(struct grid *g, const struct topo *t, const struct llink *k, bool dense)
{
	int x0 = k->label_left ? k->label.x - k->label_w + 1 : k->label.x;

	for (int p = 1; p < k->npts; p++) {
		struct lpoint a = k->pts[p - 1], b = k->pts[p];
		int x = a.x < b.x ? a.x : b.x, y = a.y < b.y ? a.y : b.y;

		mark(g, x, y, abs(a.x - b.x) + 1, abs(a.y - b.y) + 1, INK);
	}
	mark(g, x0, k->label.y, k->label_w, dense ? 1 : 2, INK);
	for (int e = 0; e < 2; e++)
		if (k->port[e].x >= 0)
			mark(g, k->port[e].x, k->port[e].y,
			     text_width(t->veths[k->veth].end[e].ifname), 1, INK);
}

static int grid_of(struct keep *k, int rows)
{
	const struct layout *o = k->out;

	k->g.w = (k->width > o->w ? k->width : o->w) + 1;
	k->g.h = o->h + rows;
	k->g.c = calloc((size_t)k->g.w * k->g.h, 1);
	if (!k->g.c)
		return -ENOMEM;
	for (int i = 0; i < o->nnodes; i++)
		mark(&k->g, o->nodes[i].x, o->nodes[i].y, o->nodes[i].w, o->nodes[i].h, BOX);
	for (int i = 0; i < o->nlinks; i++)
		mark_link(&k->g, k->t, &o->links[i], o->dense);
	return 0;
}

static void grow(struct layout *o, int x_end, int y_end)
{
	if (x_end > o->w)
		o->w = x_end;
	if (y_end > o->h)
		o->h = y_end;
}

/* The row inside bridge box P where port NAME, centred on column CX, finds blank interior with
 * a blank either side (room for a drop's ✗ too); -1 if none. */
static int port_room(struct grid *g, const struct lnode *p, const char *name, int cx)
{
	int nw = text_width(name), x = cx - nw / 2;

	if (x - 1 <= p->x || x + nw >= p->x + p->w - 1)
		return -1;
	for (int y = p->y + 1; y < p->y + p->h - 1; y++)
		if (all(g, x - 1, y, nw + 2, 1, BOX))
			return y;
	return -1;
}

/* Line column CX under box P takes a box W x H and its label without touching anything. */
static bool fits_under(struct keep *k, const struct lnode *p, int cx, int w, int h)
{
	int by = p->y + p->h - 1, y = by + 3, x = cx - w / 2;

	return x >= 1 && x + w < k->width && cx + 2 + LAYOUT_LABEL <= k->width &&
	       all(&k->g, cx - 1, by, 3, 1, BOX) && all(&k->g, cx - 1, by + 1, LAYOUT_LABEL + 3, 2, FREE) &&
	       all(&k->g, x - 1, y - 1, w + 2, h + 2, FREE);
}

/* New namespace node FN of the fresh layout, whose one link FL joins the kept node P: under P,
 * as the layout draws a bottom leaf. -EAGAIN if there is no room. */
static int place_under(struct keep *k, int fn, int fl, int p)
{
	const struct lnode *n = &k->fresh->nodes[fn];
	const struct llink *f = &k->fresh->links[fl];
	struct lnode *pn = &k->out->nodes[p];
	int mine = f->node[0] == fn ? 0 : 1, by = pn->y + pn->h - 1, cx = -1, y = by + 3, row;
	const char *port = k->t->veths[f->veth].end[!mine].ifname;
	struct llink *l;

	/* The leftmost column where the port can be named, else the leftmost at all. */
	for (int named = pn->kind == LNODE_BRIDGE; named >= 0 && cx < 0; named--)
		for (int x = pn->x + 2; x < pn->x + pn->w - 2 && cx < 0; x++)
			if (fits_under(k, pn, x, n->w, n->h) &&
			    (!named || port_room(&k->g, pn, port, x) >= 0))
				cx = x;
	if (cx < 0)
		return -EAGAIN;
	k->out->nodes[k->out->nnodes] = *n;
	k->out->nodes[k->out->nnodes].x = cx - n->w / 2;
	k->out->nodes[k->out->nnodes].y = y;
	k->fmap[fn] = k->out->nnodes++;
	l = layout_new_link(k->out, f->veth, LLINK_VERTICAL, !mine);
	l->node[mine] = k->fmap[fn];
	l->node[!mine] = p;
	layout_add_pt(k->out, l, cx, by);
	layout_add_pt(k->out, l, cx, y);
	l->label = (struct lpoint){ cx + 2, by + 1 };
	row = pn->kind == LNODE_BRIDGE ? port_room(&k->g, pn, port, cx) : -1;
	if (row >= 0)
		l->port[!mine] = (struct lpoint){ cx - text_width(port) / 2, row };
	mark(&k->g, cx - n->w / 2, y, n->w, n->h, BOX);
	mark_link(&k->g, k->t, l, false);
	grow(k->out, cx + 2 + LAYOUT_LABEL, y + n->h);
	k->flink[fl] = true;
	return 0;
}

/* The fresh links of fresh node N not yet placed, the last in *LAST; how many go to kept nodes
 * in *TO_KEPT. */
static int new_links(const struct keep *k, int n, int *last, int *to_kept)
{
	int count = 0;

	*to_kept = 0;
	for (int i = 0; i < k->fresh->nlinks; i++) {
		const struct llink *f = &k->fresh->links[i];
		int other = f->node[0] == n ? f->node[1] : f->node[1] == n ? f->node[0] : -1;

		if (other < 0 || k->flink[i])
			continue;
		count++;
		*last = i;
		*to_kept += k->fmap[other] >= 0;
	}
	return count;
}

/* Each new namespace with a single link into a kept box goes under that box. -EAGAIN for a new
 * node with other links into kept boxes, a new link between two kept boxes, or no room. */
static int place_attached(struct keep *k)
{
	const struct layout *f = k->fresh;

	for (int i = 0; i < f->nlinks; i++)
		if (!k->flink[i] && k->fmap[f->links[i].node[0]] >= 0 &&
		    k->fmap[f->links[i].node[1]] >= 0)
			return -EAGAIN;
	for (int n = 0; n < f->nnodes; n++) {
		int last = -1, to_kept, count = new_links(k, n, &last, &to_kept), err;
		int other;

		if (k->fmap[n] >= 0 || !to_kept)
			continue;
		if (count != 1 || f->nodes[n].kind != LNODE_NETNS || f->dense)
			return -EAGAIN;
		other = f->links[last].node[0] == n ? f->links[last].node[1] : f->links[last].node[0];
		if ((err = place_under(k, n, last, k->fmap[other])))
			return err;
	}
	return 0;
}

/* What is left of the fresh layout is new and linked only to itself: as the fresh layout draws
 * it, moved below everything. */
static void place_rest(struct keep *k)
{
	const struct layout *f = k->fresh;
	struct layout *o = k->out;
	int top = -1, dy;

	for (int n = 0; n < f->nnodes; n++)
		if (k->fmap[n] < 0 && (top < 0 || f->nodes[n].y < top))
			top = f->nodes[n].y;
	if (top < 0)
		return;
	dy = o->h + 1 - top;
	for (int n = 0; n < f->nnodes; n++)
		if (k->fmap[n] < 0) {
			o->nodes[o->nnodes] = f->nodes[n];
			o->nodes[o->nnodes].y += dy;
			k->fmap[n] = o->nnodes++;
		}
	for (int i = 0; i < f->nlinks; i++) {
		struct llink *l;

		if (k->flink[i])
			continue;
		l = &o->links[o->nlinks++];
		*l = f->links[i];
		for (int p = 0; p < l->npts; p++)
			l->pts[p].y += dy;
		l->label.y += dy;
		for (int e = 0; e < 2; e++) {
			l->port[e].y += dy;
			l->node[e] = k->fmap[f->links[i].node[e]];
		}
	}
	grow(o, f->w, f->h + dy);
}

static int keep_new(struct keep *k)
{
	int err, rows = 4;

	for (int n = 0; n < k->fresh->nnodes; n++)
		rows += k->fresh->nodes[n].h + 3;
	if ((err = grid_of(k, rows)))
		return err;
	err = place_attached(k);
	free(k->g.c);
	if (!err)
		place_rest(k);
	return err;
}

int layout_keep(const struct layout *prev, const struct layout_keys *pk, const struct topo *t,
		const struct layout *fresh, int width, struct layout *out)
{
	struct layout_keys fk = { 0 };
	struct keep k = { .t = t, .fresh = fresh, .out = out, .width = width };
	int err = -ENOMEM;

	memset(out, 0, sizeof(*out));
	if (prev->dense != fresh->dense)
		return -EAGAIN;
	out->nodes = calloc(prev->nnodes + fresh->nnodes + 1, sizeof(*out->nodes));
	out->links = calloc(prev->nlinks + fresh->nlinks + 1, sizeof(*out->links));
	k.fmap = malloc(sizeof(int) * (fresh->nnodes + 1));
	k.flink = calloc(fresh->nlinks + 1, sizeof(bool));
	if (!out->nodes || !out->links || !k.fmap || !k.flink || layout_keys_make(t, fresh, &fk))
		goto done;
	memset(k.fmap, -1, sizeof(int) * (fresh->nnodes + 1));
	out->w = prev->w;
	out->h = prev->h;
	out->dense = prev->dense;
	err = keep_old(&k, prev, pk, &fk);
	if (!err && out->nnodes == 0)
		err = -EAGAIN; /* nothing stays: another network, laid out as new */
	if (!err)
		err = keep_new(&k);
done:
	layout_keys_free(&fk);
	free(k.fmap);
	free(k.flink);
	if (err)
		layout_free(out);
	return err;
}
