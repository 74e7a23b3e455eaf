// SPDX-License-Identifier: GPL-2.0
/* History and paths, checked against the values fed, not against a golden: the graph's scale
 * top is the history's maximum and its tallest bar at that sample, a link's sparkline is tallest
 * at the sample with the maximum, the selected path keeps its identity while newer paths arrive,
 * a replay shows one hop more each half second, and the FDB view's owner is whole at every
 * width. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tap.h"
#include "ui.h"

#define T0 1700000000.0
#define NPATHS 6

struct fixture {
	struct topo t;
	struct snapshot s;
	struct snap_iface ifaces[4];
	struct snap_path paths[NPATHS];
	struct snap_fdb fdb[1];
};

/* The seed's four interfaces; red:eth0-r's history is 10 p/s (80 kbit/s) but for MAX at
 * sample AT; the others are quiet with the same shape. */
static int fixture(struct fixture *f, float max, int at)
{
	memset(f, 0, sizeof(*f));
	if (topo_load("seed", &f->t, stderr))
		return -1;
	f->s = (struct snapshot){ .topo = &f->t, .time = T0, .uptime = 83, .ifaces = f->ifaces,
				  .paths = f->paths, .fdb = f->fdb };
	for (int v = 0; v < f->t.nveths; v++)
		for (int e = 0; e < 2; e++) {
			struct snap_iface *i = &f->ifaces[f->s.nifaces++];
			const struct topo_end *end = &f->t.veths[v].end[e];
			const char *ns = topo_end_netns(&f->t, end);

			snprintf(i->netns, sizeof(i->netns), "%s", ns ? ns : "");
			snprintf(i->ifname, sizeof(i->ifname), "%s", end->ifname);
			i->veth = v;
			i->end = e;
			i->rx.pps = i->tx.pps = 5;
			i->rx.bps = i->tx.bps = 40000;
			for (int h = 0; h < SNAP_HIST; h++) {
				i->hist_pps[h] = h == at ? max : 10;
				i->hist_bps[h] = h == at ? max * 8000 : 80000;
			}
		}
	return 0;
}

static struct canvas *draw(struct ui *ui, const struct snapshot *s, int w, int h, const char *keys)
{
	struct canvas *c = canvas_new(w, h);

	ui_render(ui, s, c);
	for (const char *k = keys; *k; k++)
		ui_key(ui, *k, s);
	ui_render(ui, s, c);
	return c;
}

/* Row Y of C as UTF-8 text. */
static void row_text(const struct canvas *c, int y, char *buf, size_t len)
{
	size_t n = 0;

	for (int x = 0; x < c->w && n + 5 < len; x++) {
		const struct cell *cell = canvas_at(c, x, y);
		uint32_t ch = canvas_glyph(cell, true);

		if (cell->ch == CELL_TAIL)
			continue;
		n += wcrtomb(buf + n, (wchar_t)(ch ? ch : ' '), NULL);
	}
	buf[n] = 0;
}

/* The first row of C holding TEXT, or -1. */
static int find_row(const struct canvas *c, const char *text)
{
	char line[2048];

	for (int y = 0; y < c->h; y++) {
		row_text(c, y, line, sizeof(line));
		if (strstr(line, text))
			return y;
	}
	return -1;
}

static bool is_block(uint32_t ch)
{
	return ch >= 0x2581 && ch <= 0x2588;
}

/* The interfaces view's graphs: the scale top is the maximum fed (1234 p/s: "1.2k"; 9.872
 * Mbit/s: "9.9M"), the bar that reaches the top row is the sample with it. */
static void check_graph(void)
{
	struct fixture f;
	struct ui ui;
	const int at = 37;
	char line[512];

	if (fixture(&f, 1234, at)) {
		tap_ok(0, "graph: fixture");
		return;
	}
	ui_init(&ui, false, true);
	struct canvas *c = draw(&ui, &f.s, 80, 24, "2");
	int y = find_row(c, "packets/s red:eth0-r");
	int yb = find_row(c, "bits/s red:eth0-r");

	tap_ok(y > 0 && yb > y, "the interfaces view graphs red:eth0-r's packets/s and bits/s");
	row_text(c, y + 1, line, sizeof(line));
	tap_ok(y > 0 && !strncmp(line, " 1.2k ", 6), "the packets/s scale top is the maximum fed, 1.2k (%s)", line);
	row_text(c, yb + 1, line, sizeof(line));
	tap_ok(yb > 0 && !strncmp(line, " 9.9M ", 6), "the bits/s scale top is the maximum fed, 9.9M (%s)", line);
	int top = 0, x_top = -1;

	for (int x = 7; y > 0 && x < 7 + SNAP_HIST; x++)
		if (canvas_at(c, x, y + 1)->ch == 0x2588) {
			top++;
			x_top = x;
		}
	tap_ok(top == 1 && x_top == 7 + at, "one bar reaches the top, the sample with the maximum (x %d)", x_top);
	row_text(c, y, line, sizeof(line));
	tap_ok(strstr(line, "now 10p/s") && strstr(line, "max 1.2kp/s"), "the graph's title: newest and maximum (%s)", line);
	canvas_free(c);
	ui_fini(&ui);
	/* From the picture: the link green-bridge1 selected (l: red's box, then its link), 2. */
	ui_init(&ui, false, true);
	c = draw(&ui, &f.s, 80, 24, "ll2");
	tap_ok(find_row(c, "packets/s green:eth0-g rx+tx") > 0, "2 on a selected link graphs its top end, green:eth0-g");
	canvas_free(c);
	ui_fini(&ui);
	topo_free(&f.t);
}

/* A link's sparkline on the topology: its tallest cell is the sample with the maximum, whose
 * place is known from the end (the newest sample is the rightmost cell). */
static void check_link_spark(void)
{
	struct fixture f;
	struct ui ui;
	const int ago = 2, at = SNAP_HIST - 1 - ago;
	int found = 0;

	if (fixture(&f, 50, at)) {
		tap_ok(0, "sparkline: fixture");
		return;
	}
	ui_init(&ui, false, true);
	struct canvas *c = draw(&ui, &f.s, 120, 40, "");

	for (int y = 0; y < c->h; y++)
		for (int x = 0; x < c->w; x++) {
			int n = 0, tallest = -1;
			uint32_t best = 0;

			if (!is_block(canvas_at(c, x, y)->ch) || (x && is_block(canvas_at(c, x - 1, y)->ch)))
				continue;
			for (; x + n < c->w && is_block(canvas_at(c, x + n, y)->ch); n++)
				if (canvas_at(c, x + n, y)->ch > best) {
					best = canvas_at(c, x + n, y)->ch;
					tallest = n;
				}
			found++;
			tap_ok(n >= 3 && tallest == n - 1 - ago && best == 0x2588,
			       "a sparkline at %d,%d (%d cells) is tallest %d samples before the newest", x, y,
			       n, ago);
		}
	tap_ok(found == 2, "both links of the seed carry a sparkline (%d)", found);
	canvas_free(c);
	ui_fini(&ui);
	topo_free(&f.t);
}

static void add_path(struct fixture *f, uint64_t id)
{
	struct snap_path *p = &f->paths[f->s.npaths++];
	const char *where[][2] = { { "red", "eth0-r" }, { "", "veth-r" }, { "", "veth-g" }, { "green", "eth0-g" } };

	memset(p, 0, sizeof(*p));
	p->id = id;
	p->time = T0 - 10 + id;
	snprintf(p->summary, sizeof(p->summary), "10.0.0.1 > 10.0.0.2 ICMP echo request id 7 seq %u",
		 (unsigned)id);
	snprintf(p->verdict, sizeof(p->verdict), "forward");
	for (int h = 0; h < 4; h++) {
		snprintf(p->hops[h].netns, sizeof(p->hops[h].netns), "%s", where[h][0]);
		snprintf(p->hops[h].ifname, sizeof(p->hops[h].ifname), "%s", where[h][1]);
		p->hops[h].dir = h % 2 ? 'r' : 't';
		p->hops[h].t_us = 7 * h;
		p->hops[h].from = h - 1;
	}
	p->nhops = 4;
	p->complete = true;
}

/* The row of C drawn as selected in the paths list, as text. */
static bool selected_row(const struct canvas *c, char *buf, size_t len)
{
	for (int y = c->h / 2; y < c->h - 1; y++)
		if (canvas_at(c, 2, y)->style == ST_SELECTED && canvas_at(c, 40, y)->style == ST_SELECTED) {
			row_text(c, y, buf, len);
			return true;
		}
	return false;
}

/* Select the second newest path; two newer ones arrive above it: still selected, on screen. */
static void check_selection(void)
{
	struct fixture f;
	struct ui ui;
	char line[512];

	if (fixture(&f, 10, 0)) {
		tap_ok(0, "selection: fixture");
		return;
	}
	for (uint64_t id = 1; id <= 3; id++)
		add_path(&f, id);
	ui_init(&ui, false, true);
	struct canvas *c = draw(&ui, &f.s, 80, 24, "5j");

	tap_ok(ui_selected_path(&ui, &f.s)->id == 2, "j selects the second newest path (seq 2)");
	add_path(&f, 4);
	add_path(&f, 5);
	ui_render(&ui, &f.s, c);
	tap_ok(ui_selected_path(&ui, &f.s)->id == 2, "after two newer paths, seq 2 is still selected");
	tap_ok(selected_row(c, line, sizeof(line)) && strstr(line, "seq 2 "),
	       "and its row is the one drawn selected (%s)", line);
	ui_key(&ui, 'k', &f.s);
	ui_render(&ui, &f.s, c);
	tap_ok(ui_selected_path(&ui, &f.s)->id == 3, "k from there selects the next newer path, seq 3");
	/* The source lets seq 1 to 3 go (its ring is full): the UI keeps showing its copy. */
	memmove(f.paths, f.paths + 3, 2 * sizeof(f.paths[0]));
	f.s.npaths = 2;
	ui_render(&ui, &f.s, c);
	tap_ok(ui_selected_path(&ui, &f.s)->id == 3 && find_row(c, "seq 3 [forward]") > 0 &&
	       !selected_row(c, line, sizeof(line)),
	       "once the source has let it go, seq 3 is still selected and detailed, no row drawn selected");
	canvas_free(c);
	ui_fini(&ui);
	topo_free(&f.t);
}

/* Hop labels ("#N tx/rx +Tµs") on the picture of C. */
static int hop_labels(const struct canvas *c)
{
	char line[2048];
	int n = 0;

	for (int y = 0; y < c->h / 2; y++) {
		row_text(c, y, line, sizeof(line));
		for (const char *p = line; (p = strstr(p, " #")); p++)
			n += p[2] >= '1' && p[2] <= '9';
	}
	return n;
}

/* r: the picture shows hop 1 at once, one hop more each 0.5 s, the current one highlighted;
 * the replay ends a step after the last hop and the whole path stays. */
static void check_replay(void)
{
	struct fixture f;
	struct ui ui;

	if (fixture(&f, 10, 0)) {
		tap_ok(0, "replay: fixture");
		return;
	}
	add_path(&f, 1);
	ui_init(&ui, false, true);
	ui.clock = 100;
	struct canvas *c = draw(&ui, &f.s, 80, 24, "5r");

	tap_ok(hop_labels(c) == 1 && find_row(c, "replay: hop 1 of 4, +0µs") >= 0, "the replay starts at hop 1");
	for (int k = 2; k <= 4; k++) {
		ui.clock = 100 + 0.5 * (k - 1) + 0.1;
		ui_render(&ui, &f.s, c);
		char want[64];

		snprintf(want, sizeof(want), "replay: hop %d of 4, +%dµs", k, 7 * (k - 1));
		tap_ok(hop_labels(c) == k && find_row(c, want) >= 0 && ui.animating,
		       "%.1f s later: %d hops on the picture, '%s'", 0.5 * (k - 1) + 0.1, k, want);
	}
	ui.clock = 100 + 0.5 * 5;
	ui_render(&ui, &f.s, c);
	tap_ok(hop_labels(c) == 4 && find_row(c, "replay:") < 0 && !ui.replay_id,
	       "after the last hop the replay ends, the whole path shown");
	canvas_free(c);
	ui_fini(&ui);
	topo_free(&f.t);
}

/* The longest path a snapshot holds (16 hops), dropped, at 80x24: every hop is on screen with its
 * time, the picture gives way. */
static void check_long_path(void)
{
	struct fixture f;
	struct ui ui;
	char want[64];
	int all = 1;

	if (fixture(&f, 10, 0)) {
		tap_ok(0, "long path: fixture");
		return;
	}
	add_path(&f, 1);
	for (int h = 4; h < SNAP_HOPS_MAX; h++) {
		f.paths[0].hops[h] = f.paths[0].hops[h % 4];
		f.paths[0].hops[h].t_us = 7 * h;
	}
	f.paths[0].nhops = SNAP_HOPS_MAX;
	snprintf(f.paths[0].verdict, sizeof(f.paths[0].verdict), "drop");
	snprintf(f.paths[0].drop_reason, sizeof(f.paths[0].drop_reason), "NO_SOCKET");
	snprintf(f.paths[0].drop_where, sizeof(f.paths[0].drop_where), "green:eth0-g");
	ui_init(&ui, false, true);
	ui.dense = DENSE_OFF; /* the normal layout, taller than the screen */
	struct canvas *c = draw(&ui, &f.s, 80, 24, "5");

	for (int h = 0; h < SNAP_HOPS_MAX; h++) {
		const struct snap_hop *hop = &f.paths[0].hops[h];

		/* As the list writes a hop: its number, where (a bridge port by its bridge), its time. */
		snprintf(want, sizeof(want), "%d %s:%s %s +%dµs", h + 1, hop->netns[0] ? hop->netns : "bridge1",
			 hop->ifname, hop->dir == 't' ? "tx" : "rx", 7 * h);
		all &= find_row(c, want) >= 0;
	}
	tap_ok(all && find_row(c, "nothing listens on that port") >= 0,
	       "all 16 hops of a dropped path are on screen at 80x24, with the drop's words");
	canvas_free(c);
	ui_fini(&ui);
	topo_free(&f.t);
}

/* A topology taller than the paths view's picture: the path of the last namespace is scrolled
 * into view (the selection, the first namespace, is at the top). */
static void check_path_in_view(void)
{
	char text[2048] = "bridge br0\n";
	struct fixture f;
	struct ui ui;

	memset(&f, 0, sizeof(f));
	for (int i = 0; i < 16; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 "netns n%d\nveth n%d:eth0 10.0.0.%d/24 -- br0:p%d\n", i, i, i + 1, i);
	if (topo_parse("tall", text, &f.t, stderr)) {
		tap_ok(0, "tall topology parses");
		return;
	}
	f.s = (struct snapshot){ .topo = &f.t, .time = T0, .paths = f.paths };
	add_path(&f, 1);
	snprintf(f.paths[0].hops[0].netns, sizeof(f.paths[0].hops[0].netns), "n15");
	snprintf(f.paths[0].hops[0].ifname, sizeof(f.paths[0].hops[0].ifname), "eth0");
	f.paths[0].nhops = 1;
	ui_init(&ui, false, true);
	ui.dense = DENSE_OFF; /* the normal layout, taller than the screen */
	struct canvas *c = draw(&ui, &f.s, 80, 24, "5");

	tap_ok(ui.layout.h > 24 && hop_labels(c) == 1, "n15's hop, below the first screenful, is on the picture");
	canvas_free(c);
	ui_fini(&ui);
	topo_free(&f.t);
}

/* An owner as long as names go (15 + 1 + 15 columns), with long bridge and port names: whole at
 * every width from 80 to 200. */
static void check_fdb_owner(void)
{
	struct fixture f;
	const char *owner = "namespace-abcde:interface-abcd";

	if (fixture(&f, 10, 0)) {
		tap_ok(0, "fdb: fixture");
		return;
	}
	f.s.nfdb = 1;
	snprintf(f.fdb[0].bridge, sizeof(f.fdb[0].bridge), "bridge-abcdefgh");
	snprintf(f.fdb[0].port, sizeof(f.fdb[0].port), "port-abcdefghij");
	snprintf(f.fdb[0].mac, sizeof(f.fdb[0].mac), "02:42:ac:11:00:02");
	snprintf(f.fdb[0].type, sizeof(f.fdb[0].type), "learned");
	snprintf(f.fdb[0].owner, sizeof(f.fdb[0].owner), "%s", owner);
	for (int w = 80; w <= 200; w += 10) {
		struct ui ui;

		ui_init(&ui, false, true);
		struct canvas *c = draw(&ui, &f.s, w, 24, "4");

		tap_ok(find_row(c, owner) == 2 && find_row(c, "bridge-abcdefgh port-abcdefghij") == 2,
		       "%d columns: the owner and the names are whole", w);
		canvas_free(c);
		ui_fini(&ui);
	}
	topo_free(&f.t);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tap_require(setlocale(LC_ALL, "C.UTF-8") != NULL, "the C.UTF-8 locale");
	check_graph();
	check_link_spark();
	check_selection();
	check_replay();
	check_path_in_view();
	check_long_path();
	check_fdb_owner();
	return tap_done();
}
