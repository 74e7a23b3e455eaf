// SPDX-License-Identifier: GPL-2.0
/* Dense mode and the jump to a namespace, on 50 (and 200) generated namespaces fed by the fake
 * source: golden renders at 80x24, 120x40 and 200x60 and of the jump prompt; then, not from a
 * golden: the normal layout gives way to the dense one where it does not fit, `d` toggles it
 * and keeps the selection, every namespace is reachable by `g` and on screen after it, a name
 * that matches none says so, and resizing down and back gives a fresh start's picture. Label
 * placement is test_layout.c's. UPDATE_GOLDEN=1 rewrites the golden files and fails the run. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "fake.h"
#include "gen_topo.h"
#include "golden.h"
#include "tap.h"
#include "ui.h"

#define T0 1700000000.0

struct rig {
	struct topo t;
	struct source *src;
	const struct snapshot *s;
	struct ui ui;
	struct canvas *c;
};

/* N generated namespaces, the fake source 3 s in (some links busy), a UI at W x H. */
static void rig_open(struct rig *r, int n, int w, int h, bool utf8)
{
	char *text = make_topo(n);

	memset(r, 0, sizeof(*r));
	tap_require(text && topo_parse("gen", text, &r->t, stderr) == 0, "the generated topology parses");
	free(text);
	r->src = fake_source_new(&r->t, 7, T0);
	tap_require(r->src != NULL, "the fake source");
	r->src->ops->tick(r->src, T0 + 3);
	r->s = r->src->ops->snapshot(r->src);
	r->c = canvas_new(w, h);
	tap_require(r->c != NULL, "a canvas");
	ui_init(&r->ui, false, utf8);
	ui_render(&r->ui, r->s, r->c);
}

static void rig_close(struct rig *r)
{
	ui_fini(&r->ui);
	canvas_free(r->c);
	r->src->ops->destroy(r->src);
	topo_free(&r->t);
}

static void keys(struct rig *r, const char *k)
{
	for (; *k; k++)
		ui_key(&r->ui, *k == '\r' ? UK_ENTER : *k == 27 ? UK_ESC : *k, r->s);
	r->ui.frame = 0; /* the packet markers step once a frame */
	ui_render(&r->ui, r->s, r->c);
}

static char *dump(const struct rig *r, bool attrs)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	canvas_dump(r->c, out, r->ui.utf8, attrs, false);
	fclose(out);
	return buf;
}

/* Line Y of a dump, in BUF. */
static void line_of(const char *dump, int y, char *buf, size_t len)
{
	const char *p = dump;

	for (int i = 0; i < y && p; i++)
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
	snprintf(buf, len, "%.*s", p ? (int)strcspn(p, "\n") : 0, p ? p : "");
}

static void check_goldens(const char *dir, bool update)
{
	const int sizes[][2] = { { 80, 24 }, { 120, 40 }, { 200, 60 } };
	char name[64];

	for (int i = 0; i < 3; i++) {
		struct rig r;
		char *got;

		rig_open(&r, 50, sizes[i][0], sizes[i][1], true);
		tap_ok(r.ui.layout.dense, "50 namespaces at %dx%d: dense, the normal layout does not fit",
		       sizes[i][0], sizes[i][1]);
		keys(&r, "");
		got = dump(&r, true);
		snprintf(name, sizeof(name), "dense-50-%dx%d", sizes[i][0], sizes[i][1]);
		compare(dir, name, got, update);
		free(got);
		rig_close(&r);
	}
	for (int typed = 0; typed < 2; typed++) {
		struct rig r;
		char *got;

		rig_open(&r, 50, 80, 24, true);
		keys(&r, typed ? "gpb\r" : "gpb");
		got = dump(&r, true);
		compare(dir, typed ? "dense-50-jumped-80x24" : "dense-50-jump-80x24", got, update);
		free(got);
		rig_close(&r);
	}
}

/* Seed and router fit: the normal layout stays; `d` turns to dense and back, the selection
 * keeping its namespace. */
static void check_rule_and_toggle(void)
{
	struct rig r;

	rig_open(&r, 10, 200, 60, true);
	tap_ok(!r.ui.layout.dense, "10 namespaces at 200x60: the normal layout, it fits");
	keys(&r, "gh2\r");
	keys(&r, "d");
	tap_ok(r.ui.layout.dense && r.ui.layout.nodes[r.ui.sel].kind == LNODE_NETNS &&
	       !strcmp(r.t.netns[r.ui.layout.nodes[r.ui.sel].index].name, "h2"),
	       "d: dense, h2 still selected");
	keys(&r, "d");
	tap_ok(!r.ui.layout.dense && !strcmp(r.t.netns[r.ui.layout.nodes[r.ui.sel].index].name, "h2"),
	       "d again: the normal layout, h2 still selected");
	rig_close(&r);
}

/* Every namespace of N, at W x H: `g`, its name, Enter selects it, and its name is on screen
 * where its box is, inside the topology's part of the screen. */
static void check_jump_all(int n, int w, int h)
{
	struct rig r;
	int wrong = 0, hidden = 0;

	rig_open(&r, n, w, h, false);
	for (int ns = 0; ns < r.t.nnetns; ns++) {
		const char *name = r.t.netns[ns].name;
		const struct region *v = &r.ui.topo_view;
		const struct lnode *node;
		char k[80], line[512], *d;
		int y, x;

		snprintf(k, sizeof(k), "g%s\r", name);
		keys(&r, k);
		node = &r.ui.layout.nodes[r.ui.sel];
		if (r.ui.sel >= r.ui.layout.nnodes || node->kind != LNODE_NETNS || node->index != ns) {
			wrong++;
			continue;
		}
		/* The name: inside a one-line box, or the title of a full one. */
		y = v->y + node->y - v->oy;
		x = v->x + node->x - v->ox + (node->h == 1 ? 1 : 3);
		d = dump(&r, false);
		line_of(d, y, line, sizeof(line));
		if (y < v->y || y >= v->y + v->h || x < 0 || x >= (int)strlen(line) ||
		    strncmp(line + x, name, strlen(name))) {
			hidden++;
			printf("# %s not at %d,%d: '%s'\n", name, x, y, line);
		}
		free(d);
	}
	tap_ok(wrong == 0, "%d namespaces at %dx%d: g NAME Enter selects each (%d wrong)", n, w, h, wrong);
	tap_ok(hidden == 0, "%d namespaces at %dx%d: each is on screen after its jump (%d not)", n, w, h,
	       hidden);
	rig_close(&r);
}

/* A prefix selects the first namespace it starts; one that starts none says so. */
static void check_jump_prefix(void)
{
	struct rig r;
	char *d, line[512];

	rig_open(&r, 50, 80, 24, true);
	keys(&r, "gpb\r");
	tap_ok(!strcmp(r.t.netns[r.ui.layout.nodes[r.ui.sel].index].name, "pb"), "g pb: pb");
	keys(&r, "gh4\r");
	tap_ok(!strcmp(r.t.netns[r.ui.layout.nodes[r.ui.sel].index].name, "h4"),
	       "g h4: h4 itself, not h40 (a whole name wins over a prefix)");
	keys(&r, "gH1\r");
	tap_ok(!strcmp(r.t.netns[r.ui.layout.nodes[r.ui.sel].index].name, "h1"),
	       "g H1: h1 (case is ignored when nothing else matches)");
	keys(&r, "gzz\r");
	d = dump(&r, false);
	line_of(d, 23, line, sizeof(line));
	tap_ok(strstr(line, "no namespace starts with \"zz\"") != NULL,
	       "g zz: the status line says no namespace starts with it ('%s')", line);
	tap_ok(!strcmp(r.t.netns[r.ui.layout.nodes[r.ui.sel].index].name, "h1"), "g zz: the selection stays");
	free(d);
	keys(&r, "gh2\033");
	tap_ok(!strcmp(r.t.netns[r.ui.layout.nodes[r.ui.sel].index].name, "h1") && !r.ui.jumping,
	       "g h2 Esc: nothing moves");
	rig_close(&r);
}

/* Dense at 200x60, then 80x24, then 200x60: what a fresh UI shows at 200x60. */
static void check_resize(void)
{
	struct rig r, fresh;
	char *a, *b;

	rig_open(&r, 50, 200, 60, true);
	rig_open(&fresh, 50, 200, 60, true);
	tap_require(!canvas_resize(r.c, 80, 24), "a canvas of 80x24");
	keys(&r, "");
	tap_require(!canvas_resize(r.c, 200, 60), "a canvas of 200x60");
	keys(&r, "");
	keys(&fresh, "");
	a = dump(&r, true);
	b = dump(&fresh, true);
	tap_ok(a && b && !strcmp(a, b), "dense: 200x60, 80x24, 200x60 gives a fresh start's picture");
	free(a);
	free(b);
	rig_close(&r);
	rig_close(&fresh);
}

/* The fake source sets veth 0 (r0:a) down 5 to 15 s into each minute: the dense picture at 8 s
 * marks it, and every box and line is where it was at 3 s. */
static void check_state_moves_nothing(void)
{
	struct rig r;
	struct lnode *nodes;
	struct llink *links;
	char *d;
	bool same;

	rig_open(&r, 50, 200, 60, true);
	nodes = malloc(r.ui.layout.nnodes * sizeof(*nodes));
	links = malloc(r.ui.layout.nlinks * sizeof(*links));
	tap_require(nodes && links, "memory");
	memcpy(nodes, r.ui.layout.nodes, r.ui.layout.nnodes * sizeof(*nodes));
	memcpy(links, r.ui.layout.links, r.ui.layout.nlinks * sizeof(*links));
	r.src->ops->tick(r.src, T0 + 8);
	r.s = r.src->ops->snapshot(r.src);
	keys(&r, "");
	d = dump(&r, false);
	tap_ok(strstr(d, "DOWN r0a") != NULL, "dense, 8 s in: r0a is marked DOWN");
	same = !memcmp(nodes, r.ui.layout.nodes, r.ui.layout.nnodes * sizeof(*nodes)) &&
	       !memcmp(links, r.ui.layout.links, r.ui.layout.nlinks * sizeof(*links));
	tap_ok(same, "dense: with r0a down, every box and link is where it was");
	free(d);
	free(nodes);
	free(links);
	rig_close(&r);
}

int main(void)
{
	char dir[400];
	bool update = golden_start(dir, sizeof(dir));

	check_goldens(dir, update);
	check_rule_and_toggle();
	check_jump_prefix();
	check_jump_all(50, 80, 24);
	check_jump_all(50, 200, 60);
	check_jump_all(200, 120, 40);
	check_resize();
	check_state_moves_nothing();
	if (update)
		tap_ok(false, "golden files updated in %s: look at them, then run again", dir);
	return tap_done();
}
