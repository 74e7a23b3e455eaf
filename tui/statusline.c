// SPDX-License-Identifier: GPL-2.0
/* The tab line on top and the status line at the bottom: what is watched, how, for how long,
 * what was lost, and which keys do what. */
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "ui.h"

static const char *const view_names[VIEW_MAX] = {
	[VIEW_TOPOLOGY] = "Topology", [VIEW_INTERFACES] = "Interfaces", [VIEW_TRAFFIC] = "Flows+Events",
	[VIEW_FDB] = "FDB", [VIEW_PATHS] = "Paths",
};

void tabline(struct ui *ui, const struct snapshot *s, const struct region *r)
{
	char clock[16];
	int x;

	rg_fill(r, 0, 0, r->w, 1, ST_TAB);
	x = rg_text(r, 0, 0, -1, ST_TAB_ACTIVE, " nsviz ") + 1;
	for (int v = VIEW_TOPOLOGY; v < VIEW_MAX; v++) {
		enum style st = v == (int)ui->view ? ST_TAB_ACTIVE : ST_TAB;

		ui->tab_x[v] = x;
		x += rg_printf(r, x, 0, -1, st, " %d %s ", v, view_names[v]);
	}
	ui->tab_x[VIEW_MAX] = x;
	/* The snapshot's time: a paused screen's clock stands still with the rest of it. */
	if (x + 10 <= r->w)
		rg_printf(r, r->w - 9, 0, -1, ST_TAB, "%s", fmt_clock(s->time, clock, sizeof(clock)));
}

/* One part of the status line. The state (paused, focus, filter, events lost) is always
 * shown; the rest, by rank, while there is room for it. */
struct seg {
	char text[160];
	enum style st;
	int rank; /* 0: always; then the order in which the others give way (the highest first) */
};

enum { MAX_SEGS = 8 };

static int seg_width(const struct seg *g)
{
	return text_width(g->text) + 3; /* " TEXT " and the separator */
}

static void add_seg(struct seg *g, int *n, enum style st, int rank, const char *fmt, const char *arg)
{
	g[*n].st = st;
	g[*n].rank = rank;
	snprintf(g[*n].text, sizeof(g[*n].text), fmt, arg);
	(*n)++;
}

/* Leave out the optional segments, highest rank first, until the rest fit W. */
static void drop_segs(struct seg *g, int n, int w)
{
	int used = 0, rank = 0;

	for (int i = 0; i < n; i++)
		used += seg_width(&g[i]);
	for (int i = 0; i < n; i++)
		rank = g[i].rank > rank ? g[i].rank : rank;
	for (; used > w && rank > 0; rank--)
		for (int i = 0; i < n; i++)
			if (g[i].rank == rank && used > w) {
				used -= seg_width(&g[i]);
				g[i].rank = -1;
			}
}

/* " TEXT " in style ST from *X, then a separator. */
static void seg(const struct region *r, int *x, const struct seg *g)
{
	if (g->rank < 0)
		return;
	*x += rg_printf(r, *x, 0, r->w - *x, g->st, " %s ", g->text);
	*x += rg_text(r, *x, 0, r->w - *x, ST_STATUS, "\u2502");
}

static void hints(const struct ui *ui, const struct region *r, int x)
{
	static const char *const keys[][2] = {
		{ "q", "quit" }, { "?", "help" }, { "Tab", "pane" }, { "\u21b5", "focus" },
		{ "p", "ping" }, { "s", "sort" }, { "/", "filter" }, { "1-5", "views" },
		{ "Spc", "pause" },
	};

	x++;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *key = keys[i][0];

		if (!ui->utf8 && !strcmp(key, "\u21b5"))
			key = "Enter";
		if (x + text_width(key) + (int)strlen(keys[i][1]) + 2 > r->w)
			break;
		x += rg_text(r, x, 0, -1, ST_STATUS_KEY, key);
		x += rg_printf(r, x, 0, -1, ST_STATUS, " %s ", keys[i][1]);
	}
}

static const char *focus_name(const struct ui *ui, const struct topo *t, char *buf, size_t len)
{
	switch (ui->focus) {
	case FOCUS_NETNS: snprintf(buf, len, "%s", t->netns[ui->focus_index].name); break;
	case FOCUS_BRIDGE: snprintf(buf, len, "%s", t->bridges[ui->focus_index].name); break;
	case FOCUS_VETH: {
		const struct topo_veth *v = &t->veths[ui->focus_index];
		int e = v->end[0].kind == TOPO_OWNER_NETNS ? 0 : 1;
		const char *ns = topo_end_netns(t, &v->end[e]);

		snprintf(buf, len, "link %s%s%s", ns ? ns : "", ns ? ":" : "", v->end[e].ifname);
		break;
	}
	default: return NULL;
	}
	return buf;
}

/* The segments for S, in the order they are drawn. */
static int status_segs(const struct ui *ui, const struct snapshot *s, struct seg *g)
{
	char buf[128], fname[96];
	int n = 0;

	if (ui->paused)
		add_seg(g, &n, ST_WARN, 0, "%s", "PAUSED");
	add_seg(g, &n, ST_STATUS_KEY, 2, "%s", s->topo->name);
	add_seg(g, &n, ST_STATUS, 4, "%s", s->hook_mode[0] ? s->hook_mode : "-");
	add_seg(g, &n, ST_STATUS, 3, "up %s", fmt_uptime(s->uptime, buf, sizeof(buf)));
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)s->lost_events);
	add_seg(g, &n, s->lost_events ? ST_WARN : ST_STATUS, s->lost_events ? 0 : 5, "lost %s", buf);
	if (focus_name(ui, s->topo, fname, sizeof(fname)))
		add_seg(g, &n, ST_STATUS_KEY, 0, "focus %s", fname);
	if (ui->editing || ui->filter[0]) {
		snprintf(buf, sizeof(buf), "/%s%s", ui->filter, ui->editing ? "_" : "");
		add_seg(g, &n, ST_STATUS_KEY, 0, "%s", buf);
	}
	return n;
}

void statusline(struct ui *ui, const struct snapshot *s, const struct region *r)
{
	struct seg g[MAX_SEGS];
	char buf[256];
	int x = 0, n = status_segs(ui, s, g);

	rg_fill(r, 0, 0, r->w, 1, ST_STATUS);
	drop_segs(g, n, r->w);
	for (int i = 0; i < n; i++)
		seg(r, &x, &g[i]);
	if (ui->picking) {
		snprintf(buf, sizeof(buf), "%s %s\u2192%s [\u2190\u2192 \u21b5 Esc]",
			 ui->pick_why ? "why" : "ping", ui->ping_from, ui->ping_to);
		rg_text(r, x + 1, 0, r->w - x - 1, ST_STATUS_KEY, buf);
	} else if (ui->jumping) {
		snprintf(buf, sizeof(buf), "go to namespace: %s_ [\u21b5 Esc]", ui->jump);
		rg_text(r, x + 1, 0, r->w - x - 1, ST_STATUS_KEY, buf);
	} else if (ui->msg[0]) {
		rg_text(r, x + 1, 0, r->w - x - 1, ST_STATUS_KEY, ui->msg);
	} else if (!ui->editing) {
		hints(ui, r, x);
	}
}
