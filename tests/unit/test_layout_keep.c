// SPDX-License-Identifier: GPL-2.0
/* The layout keeps its places while the live network changes (issue 10: no reshuffle): through
 * the UI's ui_layout, as the live source hands it one topology after another (the previous one
 * freed first, as the source does), every box and link that stays keeps its (x, y, w, h) and its
 * points when namespaces are added (a leaf on a bridge already drawn, a new bridge with its own
 * namespaces) and removed, at 80x24, 120x40 and 200x60 and in dense mode; what is added is drawn,
 * overlaps no box, and its link runs from border to border. A new size lays out afresh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_topo.h"
#include "layout.h"
#include "tap.h"
#include "ui.h"

#define SEED "bridge bridge1\nnetns red\nnetns green\n" \
	     "veth red:eth0-r 10.0.0.1/24 -- bridge1:veth-r\n" \
	     "veth green:eth0-g 10.0.0.2/24 -- bridge1:veth-g\n"
#define BLUE "netns blue\nveth blue:eth0-b 10.0.0.4/24 -- bridge1:veth-b\n"
#define LAB2 "bridge br2\nnetns h1\nnetns h2\nveth h1:eth0 10.1.0.1/24 -- br2:p1\n" \
	     "veth h2:eth0 10.1.0.2/24 -- br2:p2\n"
#define SEED_NO_RED "bridge bridge1\nnetns green\n" \
		    "veth green:eth0-g 10.0.0.2/24 -- bridge1:veth-g\n"

/* Where each box and link was, by its title (a box) or its ends' names (a link). */
struct place {
	char name[160];
	int v[4 + 2 * LAYOUT_PTS];
};

static int places(const struct topo *t, const struct layout *l, struct place *p)
{
	int n = 0;

	for (int i = 0; i < l->nnodes; i++, n++) {
		const struct lnode *b = &l->nodes[i];

		layout_title(t, b, p[n].name, sizeof(p[n].name));
		memset(p[n].v, 0, sizeof(p[n].v));
		p[n].v[0] = b->x, p[n].v[1] = b->y, p[n].v[2] = b->w, p[n].v[3] = b->h;
	}
	for (int i = 0; i < l->nlinks; i++, n++) {
		const struct llink *k = &l->links[i];
		const struct topo_veth *v = &t->veths[k->veth];

		snprintf(p[n].name, sizeof(p[n].name), "link %s %s", v->end[0].ifname, v->end[1].ifname);
		memset(p[n].v, 0, sizeof(p[n].v));
		for (int j = 0; j < k->npts; j++)
			p[n].v[4 + 2 * j] = k->pts[j].x, p[n].v[5 + 2 * j] = k->pts[j].y;
	}
	return n;
}

/* Of the N places BEFORE, those still there in AFTER (M) are unchanged; how many stayed, or -1
 * at the first that moved (named in a diagnostic). */
static int unchanged(const struct place *before, int n, const struct place *after, int m)
{
	int stayed = 0;

	for (int i = 0; i < n; i++)
		for (int j = 0; j < m; j++) {
			if (strcmp(before[i].name, after[j].name))
				continue;
			if (memcmp(before[i].v, after[j].v, sizeof(before[i].v))) {
				printf("# %s moved: x %d -> %d, y %d -> %d\n", before[i].name, before[i].v[0],
				       after[j].v[0], before[i].v[1], after[j].v[1]);
				return -1;
			}
			stayed++;
		}
	return stayed;
}

/* No two boxes overlap; every link starts and ends on its own ends' borders. */
static bool sound(const struct layout *l)
{
	for (int i = 0; i < l->nnodes; i++)
		for (int j = i + 1; j < l->nnodes; j++)
			if (layout_boxes_overlap(&l->nodes[i], &l->nodes[j]))
				return false;
	for (int i = 0; i < l->nlinks; i++) {
		const struct llink *k = &l->links[i];
		const struct lnode *a = &l->nodes[k->node[k->first_end]];
		const struct lnode *b = &l->nodes[k->node[!k->first_end]];

		if (!layout_on_border(a, k->pts[0]) || !layout_on_border(b, k->pts[k->npts - 1]))
			return false;
	}
	return true;
}

static void load(const char *text, struct topo *t)
{
	tap_require(topo_parse("keep", text, t, stderr) == 0, "a test topology parses");
}

/* The UI shows FROM, then TO (FROM freed first) at W x H: what stayed is in place. EXPECT: how
 * many of FROM's boxes and links stay (negative: all but -EXPECT). */
static void step(const char *from, const char *to, int w, int h, int expect, const char *what)
{
	struct place *p0 = calloc(512, sizeof(*p0)), *p1 = calloc(512, sizeof(*p1));
	struct topo t0, t1;
	struct ui ui;
	int n0, n1, stayed;

	tap_require(p0 && p1, "memory");
	ui_init(&ui, false, true);
	load(from, &t0);
	n0 = places(&t0, ui_layout(&ui, &t0, w, h), p0);
	topo_free(&t0);
	expect = expect < 0 ? n0 + expect : expect;
	load(to, &t1);
	n1 = places(&t1, ui_layout(&ui, &t1, w, h), p1);
	stayed = unchanged(p0, n0, p1, n1);
	tap_ok(stayed == expect && sound(&ui.layout) && n1 == ui.layout.nnodes + ui.layout.nlinks &&
	       ui.layout.nnodes == t1.nnetns + t1.nbridges,
	       "%dx%d, %s: the %d boxes and links that stay are where they were (%d), all drawn, "
	       "no overlap", w, h, what, expect, stayed);
	ui_fini(&ui);
	topo_free(&t1);
	free(p0);
	free(p1);
}

/* Blue comes without an address, then gets one (as `ip` makes it: the address last): its box
 * grows and is placed again; what was there before blue stays where it was throughout. */
static void check_address_later(int w, int h)
{
	struct place *p0 = calloc(512, sizeof(*p0)), *p1 = calloc(512, sizeof(*p1));
	struct topo t0, t1, t2;
	struct ui ui;
	int n0, n2;

	tap_require(p0 && p1, "memory");
	ui_init(&ui, false, true);
	load(SEED, &t0);
	load(SEED "netns blue\nveth blue:eth0-b -- bridge1:veth-b\n", &t1);
	load(SEED BLUE, &t2);
	n0 = places(&t0, ui_layout(&ui, &t0, w, h), p0);
	ui_layout(&ui, &t1, w, h);
	n2 = places(&t2, ui_layout(&ui, &t2, w, h), p1);
	tap_ok(unchanged(p0, n0, p1, n2) == n0 && sound(&ui.layout) && ui.layout.nnodes == 4,
	       "%dx%d: blue added, then its address: red, green, bridge1 and their links stay", w, h);
	ui_fini(&ui);
	topo_free(&t0);
	topo_free(&t1);
	topo_free(&t2);
	free(p0);
	free(p1);
}

/* A resize lays out afresh: the picture is a fresh start's at the new size. */
static void check_resize(void)
{
	struct place *p0 = calloc(512, sizeof(*p0)), *p1 = calloc(512, sizeof(*p1));
	struct topo t0, t1;
	struct ui ui, fresh;
	int n;

	tap_require(p0 && p1, "memory");
	ui_init(&ui, false, true);
	ui_init(&fresh, false, true);
	load(SEED, &t0);
	load(SEED BLUE, &t1);
	ui_layout(&ui, &t0, 120, 40);
	ui_layout(&ui, &t1, 120, 40);
	n = places(&t1, ui_layout(&ui, &t1, 200, 60), p0);
	places(&t1, ui_layout(&fresh, &t1, 200, 60), p1);
	tap_ok(n == ui.layout.nnodes + ui.layout.nlinks && unchanged(p1, n, p0, n) == n &&
	       ui.layout.h == fresh.layout.h, "blue added at 120x40, then 200x60: a fresh start's layout");
	ui_fini(&ui);
	ui_fini(&fresh);
	topo_free(&t0);
	topo_free(&t1);
	free(p0);
	free(p1);
}

int main(void)
{
	const int sizes[][2] = { { 80, 24 }, { 120, 40 }, { 200, 60 } };
	char *big = make_topo(50), *bigger = malloc(strlen(big) + 200), *cut;

	tap_require(big && bigger, "memory");
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		int w = sizes[i][0], h = sizes[i][1];

		step(SEED, SEED BLUE, w, h, 5, "blue added on bridge1");
		step(SEED, SEED LAB2, w, h, 5, "br2 with h1 and h2 added");
		step(SEED BLUE, SEED, w, h, 5, "blue removed");
		step(SEED, SEED_NO_RED, w, h, 3, "red removed");
		step(SEED BLUE LAB2, SEED LAB2, w, h, 10, "blue removed beside br2");
		check_address_later(w, h);
	}
	/* Dense mode (50 namespaces do not fit 80x24): one gone, every other box and link stays. */
	cut = strstr(big, "netns h7\n");
	tap_require(cut != NULL, "the generated topology has h7");
	memcpy(bigger, big, cut - big);
	strcpy(bigger + (cut - big), strchr(strchr(cut, '\n') + 1, '\n') + 1);
	step(big, bigger, 80, 24, -2, "dense, h7 and its link removed");
	check_resize();
	free(big);
	free(bigger);
	return tap_done();
}
