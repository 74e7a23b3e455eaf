// SPDX-License-Identifier: GPL-2.0
/* Layout geometry for 1 to 200 namespaces, several bridges, routers between them, a direct
 * namespace pair and a link between non-neighbours: no two boxes overlap, every link runs from
 * the border of one end's box to the border of the other's through no box, boxes fit the width. */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "tap.h"

/* N namespaces: hosts spread over N/20+1 bridges, a router between neighbouring bridges, from
 * 10 namespaces on a pair joined directly and a router between the first and last bridge. */
static char *make_topo(int n)
{
	size_t cap = 200 + n * 160;
	char *s = malloc(cap), *p = s;
	int nb = n / 20 + 1, used = 0;

	p += sprintf(p, "# generated: %d namespaces\n", n);
	for (int b = 0; b < nb; b++)
		p += sprintf(p, "bridge br%d\n", b);
	for (int b = 0; b + 1 < nb && used + 1 < n; b++, used++)
		p += sprintf(p, "netns r%d forwarding\nveth r%d:a 10.%d.0.1/16 -- br%d:r%da\n"
				"veth r%d:b 10.%d.0.254/16 -- br%d:r%db\n", b, b, b, b, b, b, b + 1, b + 1, b);
	if (n >= 10) {
		p += sprintf(p, "netns rx forwarding\nveth rx:a -- br0:rxa\nveth rx:b -- br%d:rxb\n", nb - 1);
		p += sprintf(p, "netns pa\nnetns pb\nveth pa:e0 10.200.0.1/24 -- pb:e0 10.200.0.2/24\n");
		used += 3;
	}
	for (int h = 0; used < n; h++, used++)
		p += sprintf(p, "netns h%d\nveth h%d:eth0 10.%d.%d.%d/16 -- br%d:p%d\n", h, h, h % nb,
			     (h / 250) + 1, h % 250 + 1, h % nb, h);
	return s;
}

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

/* The two rows a link's rate label may take. */
static struct lnode label_box(const struct llink *k)
{
	int x = k->label_left ? k->label.x - LAYOUT_LABEL : k->label.x;

	return (struct lnode){ .x = x, .y = k->label.y, .w = LAYOUT_LABEL, .h = 2 };
}

/* Labels overlapping each other or a box. */
static int label_clashes(const struct layout *l)
{
	int n = 0;

	for (int i = 0; i < l->nlinks; i++) {
		struct lnode a = label_box(&l->links[i]);

		for (int j = i + 1; j < l->nlinks; j++) {
			struct lnode b = label_box(&l->links[j]);

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

static void check(int n, int width)
{
	char *text = make_topo(n), why[128] = "";
	struct topo t = { 0 };
	struct layout l;
	int overlaps = 0, bad_links = 0, too_wide = 0, missing = 0;

	if (!tap_ok(topo_parse("gen", text, &t, stderr) == 0, "%d namespaces: topology parses", n))
		goto cleanup;
	if (!tap_ok(layout_build(&t, width, &l) == 0, "%d namespaces at %d columns: layout", n, width))
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
	tap_ok(label_clashes(&l) == 0, "%d@%d: rate labels overlap no label and no box (%d clashes)", n,
	       width, label_clashes(&l));
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
static void check_ports(void)
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

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		check(sizes[i], 80);
		check(sizes[i], 132);
	}
	check(200, 200);
	check_router();
	check_ports();
	return tap_done();
}
