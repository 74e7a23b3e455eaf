// SPDX-License-Identifier: GPL-2.0
/* Layout geometry for 1 to 200 namespaces, several bridges, routers between them, a direct
 * namespace pair and a link between non-neighbours, in the normal and the dense layout: no two
 * boxes overlap, every link runs from the border of one end's box to the border of the other's
 * through no box, boxes fit the width, no line runs through a rate label's room, each label is
 * next to its line, bridge ports are named on their horizontal link's row and apart. */
#include <stdlib.h>
#include <string.h>

#include "gen_topo.h"
#include "layout.h"
#include "tap.h"
#include "textfit.h"

static bool inside(const struct lnode *n, int x, int y)
{
	return x > n->x && x < n->x + n->w - 1 && y > n->y && y < n->y + n->h - 1;
}

/* A cell of a link may touch its own ends' borders, never another box or any interior. */
static bool cell_clear(const struct layout *l, const struct llink *k, int x, int y)
{
	for (int i = 0; i < l->nnodes; i++) {
		const struct lnode *n = &l->nodes[i];
		bool own = i == k->node[0] || i == k->node[1];

		if (inside(n, x, y) || (!own && layout_on_border(n, (struct lpoint){ x, y })))
			return false;
	}
	return true;
}

static bool link_ok(const struct layout *l, const struct llink *k, char *why, size_t len)
{
	const struct lnode *a = &l->nodes[k->node[k->first_end]], *b = &l->nodes[k->node[!k->first_end]];

	if (k->npts < 2)
		return snprintf(why, len, "fewer than 2 points"), false;
	if (!layout_on_border(a, k->pts[0]) || !layout_on_border(b, k->pts[k->npts - 1]))
		return snprintf(why, len, "does not start/end on its boxes"), false;
	for (int i = 1; i < k->npts; i++) {
		struct lpoint p = k->pts[i - 1], q = k->pts[i];
		int dx = (q.x > p.x) - (q.x < p.x), dy = (q.y > p.y) - (q.y < p.y);

		if (dx && dy)
			return snprintf(why, len, "diagonal segment"), false;
		for (; p.x != q.x || p.y != q.y; p.x += dx, p.y += dy)
			if (!cell_clear(l, k, p.x, p.y))
				return snprintf(why, len, "crosses a box at %d,%d", p.x, p.y), false;
	}
	return true;
}

/* The rows a link's rate label may take (one in dense mode, else two). */
static struct lnode label_box(const struct layout *l, const struct llink *k)
{
	int x = k->label_left ? k->label.x - k->label_w : k->label.x;

	return (struct lnode){ .x = x, .y = k->label.y, .w = k->label_w, .h = l->dense ? 1 : 2 };
}

static bool in_box(const struct lnode *n, int x, int y)
{
	return x >= n->x && x < n->x + n->w && y >= n->y && y < n->y + n->h;
}

/* Calls SEE(L, K, X, Y, ARG) for each cell of link K's line; the sum of what it returns. */
static int link_cells(const struct layout *l, const struct llink *k,
		      int (*see)(const struct layout *, const struct llink *, int, int, void *), void *arg)
{
	int n = 0;

	for (int i = 1; i < k->npts; i++) {
		struct lpoint p = k->pts[i - 1], q = k->pts[i];
		int dx = (q.x > p.x) - (q.x < p.x), dy = (q.y > p.y) - (q.y < p.y);

		for (;; p.x += dx, p.y += dy) {
			n += see(l, k, p.x, p.y, arg);
			if (p.x == q.x && p.y == q.y)
				break;
		}
	}
	return n;
}

static int in_any_label(const struct layout *l, const struct llink *k, int x, int y, void *arg)
{
	(void)arg;
	for (int i = 0; i < l->nlinks; i++) {
		struct lnode b = label_box(l, &l->links[i]);

		if (in_box(&b, x, y)) {
			printf("# link of veth %d (shape %d) at %d,%d crosses the label of veth %d (shape %d)\n",
			       k->veth, k->shape, x, y, l->links[i].veth, l->links[i].shape);
			return 1;
		}
	}
	return 0;
}

/* Cells of links drawn through the room of a label (any label, its own too). */
static int label_crossings(const struct layout *l)
{
	int n = 0;

	for (int i = 0; i < l->nlinks; i++)
		n += link_cells(l, &l->links[i], in_any_label, NULL);
	return n;
}

/* A cell of K's line within two columns of the label's first cell (at its line's side), on its
 * row or the one above or below; for a horizontal link, whose gap between two boxes is too
 * narrow for a label, a cell of the line above the label's first cell, which is on the first
 * row below both boxes. */
static int near_label(const struct layout *l, const struct llink *k, int x, int y, void *arg)
{
	const struct lnode *a = &l->nodes[k->node[0]], *b = &l->nodes[k->node[1]];
	int lx = k->label_left ? k->label.x - 1 : k->label.x;
	int below = a->y + a->h > b->y + b->h ? a->y + a->h : b->y + b->h;

	(void)arg;
	if (k->shape == LLINK_HORIZONTAL)
		return x == lx && y < k->label.y && k->label.y == below;
	return abs(x - lx) <= 2 && abs(y - k->label.y) <= 1;
}

/* Links whose label is not next to their own line. */
static int far_labels(const struct layout *l)
{
	int n = 0;

	for (int i = 0; i < l->nlinks; i++)
		if (!link_cells(l, &l->links[i], near_label, NULL)) {
			n++;
			printf("# label of link %d (veth %d, shape %d) at %d,%d is away from its line\n", i,
			       l->links[i].veth, l->links[i].shape, l->links[i].label.x, l->links[i].label.y);
		}
	return n;
}

/* Labels overlapping each other or a box. */
static int label_clashes(const struct layout *l)
{
	int n = 0;

	for (int i = 0; i < l->nlinks; i++) {
		struct lnode a = label_box(l, &l->links[i]);

		for (int j = i + 1; j < l->nlinks; j++) {
			struct lnode b = label_box(l, &l->links[j]);

			n += layout_boxes_overlap(&a, &b);
			if (layout_boxes_overlap(&a, &b))
				printf("# label %d (shape %d at %d,%d) vs label %d (shape %d at %d,%d)\n", i, l->links[i].shape, a.x, a.y, j, l->links[j].shape, b.x, b.y);
		}
		for (int j = 0; j < l->nnodes; j++) {
			n += layout_boxes_overlap(&a, &l->nodes[j]);
			if (layout_boxes_overlap(&a, &l->nodes[j]))
				printf("# label %d (shape %d at %d,%d) vs node %d\n", i, l->links[i].shape, a.x, a.y, j);
		}
	}
	return n;
}

/* Each bridge port's name on the row of its horizontal link to a namespace, and no two port
 * names touching (a blank at least between them). */
static void check_ports(const struct topo *t, const struct layout *l, const char *what)
{
	int off = 0, touch = 0;

	for (int i = 0; i < l->nlinks; i++) {
		const struct llink *k = &l->links[i];
		const struct topo_veth *v = &t->veths[k->veth];
		bool to_netns = v->end[0].kind == TOPO_OWNER_NETNS || v->end[1].kind == TOPO_OWNER_NETNS;

		for (int e = 0; e < 2; e++) {
			int w = text_width(v->end[e].ifname);

			if (k->port[e].x < 0)
				continue;
			off += k->shape == LLINK_HORIZONTAL && to_netns && k->port[e].y != k->pts[0].y;
			for (int j = i; j < l->nlinks; j++)
				for (int f = j == i ? e + 1 : 0; f < 2; f++) {
					const struct llink *o = &l->links[j];
					int ow = text_width(t->veths[o->veth].end[f].ifname);

					touch += o->port[f].x >= 0 && o->port[f].y == k->port[e].y &&
						 o->port[f].x <= k->port[e].x + w && k->port[e].x <= o->port[f].x + ow;
				}
		}
	}
	tap_ok(off == 0, "%s: a bridge port's name is on its horizontal link's row (%d off)", what, off);
	tap_ok(touch == 0, "%s: no two port names touch (%d pairs)", what, touch);
}

/* What holds for every layout: labels apart from boxes, from each other, from every line,
 * and next to their own line. */
static void check_labels(const struct layout *l, const char *what)
{
	tap_ok(label_clashes(l) == 0, "%s: rate labels overlap no label and no box (%d clashes)", what,
	       label_clashes(l));
	tap_ok(label_crossings(l) == 0, "%s: no link cell is drawn through a label (%d cells)", what,
	       label_crossings(l));
	tap_ok(far_labels(l) == 0, "%s: each rate label is next to its link (%d away)", what, far_labels(l));
}

static void check(int n, int width, bool dense)
{
	char *text = make_topo(n), why[128] = "";
	struct topo t = { 0 };
	struct layout l;
	int overlaps = 0, bad_links = 0, too_wide = 0, missing = 0;

	if (!tap_ok(topo_parse("gen", text, &t, stderr) == 0, "%d namespaces: topology parses", n))
		goto cleanup;
	if (!tap_ok((dense ? layout_build_dense : layout_build)(&t, width, &l) == 0,
		    "%d namespaces at %d columns: %slayout", n, width, dense ? "dense " : ""))
		goto cleanup;
	for (int i = 0; i < l.nnodes; i++) {
		for (int j = i + 1; j < l.nnodes; j++)
			overlaps += layout_boxes_overlap(&l.nodes[i], &l.nodes[j]);
		too_wide += l.nodes[i].x < 0 || l.nodes[i].x + l.nodes[i].w > width;
	}
	for (int i = 0; i < t.nnetns; i++)
		missing += layout_find_node(&l, LNODE_NETNS, i) < 0;
	for (int i = 0; i < t.nbridges; i++)
		missing += layout_find_node(&l, LNODE_BRIDGE, i) < 0;
	for (int v = 0; v < t.nveths; v++)
		missing += layout_find_link(&l, v) < 0;
	for (int i = 0; i < l.nlinks; i++)
		bad_links += !link_ok(&l, &l.links[i], why, sizeof(why));
	tap_ok(l.nlinks == t.nveths && missing == 0, "%d@%d: every namespace, bridge and veth drawn (%d missing)",
	       n, width, missing);
	tap_ok(overlaps == 0, "%d@%d: no two boxes overlap (%d overlaps)", n, width, overlaps);
	tap_ok(bad_links == 0, "%d@%d: every link joins its ends through free space (%d bad%s%s)", n,
	       width, bad_links, *why ? ": " : "", why);
	tap_ok(too_wide == 0, "%d@%d: every box within the width (%d outside)", n, width, too_wide);
	snprintf(why, sizeof(why), "%d@%d%s", n, width, dense ? " dense" : "");
	check_labels(&l, why);
	check_ports(&t, &l, why);
	layout_free(&l);
cleanup:
	topo_free(&t);
	free(text);
}

static int netns_index(const struct topo *t, const char *name)
{
	for (int i = 0; i < t->nnetns; i++)
		if (!strcmp(t->netns[i].name, name))
			return i;
	return -1;
}

/* Each horizontal link meets namespace box N on the row where the box names its interface
 * (the box's own lines, layout_netns_lines). */
static void check_rows(const struct topo *t, const struct layout *l, const struct lnode *n)
{
	char lines[16][LAYOUT_LINE];
	int nl = layout_netns_lines(t, n->index, lines, 16), bad = 0, links = 0;

	for (int i = 0; i < l->nlinks; i++) {
		const struct llink *k = &l->links[i];
		int e = k->node[0] == (int)(n - l->nodes) ? 0 : k->node[1] == (int)(n - l->nodes) ? 1 : -1;
		const char *ifname = e >= 0 ? t->veths[k->veth].end[e].ifname : NULL;
		int y = k->pts[k->first_end == e ? 0 : k->npts - 1].y, row = -1;

		if (k->shape != LLINK_HORIZONTAL || e < 0)
			continue;
		for (int j = 0; j < nl && row < 0; j++)
			if (!strncmp(lines[j], ifname, strlen(ifname)) && lines[j][strlen(ifname)] == ' ')
				row = j + 1;
		bad += y != n->y + row;
		links++;
	}
	tap_ok(links == 2 && bad == 0, "router: its links meet its box on their interfaces' rows "
	       "(%d of %d off)", bad, links);
}

/* The built-in topologies (seed.topo, router.topo of examples/) at 80, 132 and 200 columns, in both modes. */
static void check_builtins(void)
{
	const char *names[] = { "seed", "router" }, *modes[] = { "", " dense" };
	const int widths[] = { 80, 132, 200 };
	char what[64];

	for (int i = 0; i < 2; i++) {
		struct topo t = { 0 };

		if (!tap_ok(topo_load(names[i], &t, stderr) == 0, "%s loads", names[i]))
			continue;
		for (int w = 0; w < 3; w++)
			for (int dense = 0; dense < 2; dense++) {
				struct layout l;

				if ((dense ? layout_build_dense : layout_build)(&t, widths[w], &l))
					continue;
				snprintf(what, sizeof(what), "%s@%d%s", names[i], widths[w], modes[dense]);
				check_labels(&l, what);
				check_ports(&t, &l, what);
				layout_free(&l);
			}
		topo_free(&t);
	}
}

/* The router topology reads lan1 - router - lan2 on one row, hosts above their bridge. */
static void check_router(void)
{
	struct topo t = { 0 };
	struct layout l;
	const struct lnode *lan1, *lan2, *router, *h1;

	if (topo_load("router", &t, stderr) || layout_build(&t, 80, &l)) {
		tap_ok(0, "router loads and lays out");
		return;
	}
	lan1 = &l.nodes[layout_find_node(&l, LNODE_BRIDGE, 0)];
	lan2 = &l.nodes[layout_find_node(&l, LNODE_BRIDGE, 1)];
	router = &l.nodes[layout_find_node(&l, LNODE_NETNS, netns_index(&t, "router"))];
	h1 = &l.nodes[layout_find_node(&l, LNODE_NETNS, netns_index(&t, "h1"))];
	tap_ok(lan1->y == router->y && router->y == lan2->y && lan1->x < router->x && router->x < lan2->x,
	       "router at 80 columns: lan1 - router - lan2 left to right on one row");
	tap_ok(h1->y + h1->h <= lan1->y && h1->x >= lan1->x && h1->x + h1->w <= lan1->x + lan1->w,
	       "router: h1 sits above lan1");
	tap_ok(l.links[layout_find_link(&l, 1)].shape == LLINK_HORIZONTAL, "router: lan1-router is a straight horizontal link");
	check_rows(&t, &l, router);
	layout_free(&l);
	topo_free(&t);
}

/* A bridge inside a namespace is titled NS:NAME; its ports that are no veth are named on it, and
 * the box is wide enough for the title. */
static void check_netns_bridge(void)
{
	const char *text = "netns lab\nnetns red\nbridge lab:br0\nbridge hb 10.1.0.1/24\n"
			   "veth red:eth0 -- br0:p-red\nport tap br0:t0\nport dummy br0:d0\n";
	struct topo t = { 0 };
	struct layout l;
	char title[128];

	if (topo_parse("ports", text, &t, stderr) || layout_build(&t, 80, &l)) {
		tap_ok(0, "ports: parses and lays out");
		return;
	}
	const struct lnode *br0 = &l.nodes[layout_find_node(&l, LNODE_BRIDGE, 0)];
	const struct lnode *hb = &l.nodes[layout_find_node(&l, LNODE_BRIDGE, 1)];

	layout_title(&t, br0, title, sizeof(title));
	tap_ok(!strcmp(title, "lab:br0 | t0 d0"), "ports: br0's title is 'lab:br0 | t0 d0' (got '%s')",
	       title);
	tap_ok(br0->w >= (int)strlen(title) + 4, "ports: br0's box holds its title");
	layout_title(&t, hb, title, sizeof(title));
	tap_ok(!strcmp(title, "hb 10.1.0.1/24"), "ports: a host bridge without such ports as before");
	layout_free(&l);
	topo_free(&t);
}

int main(void)
{
	const int sizes[] = { 1, 2, 10, 50, 200 };

	for (int dense = 0; dense < 2; dense++) {
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			check(sizes[i], 80, dense);
			check(sizes[i], 132, dense);
		}
		check(200, 200, dense);
	}
	check_builtins();
	check_router();
	check_netns_bridge();
	return tap_done();
}
