// SPDX-License-Identifier: GPL-2.0
/* The main picture: namespace and bridge boxes, veth links labelled with their live rates, drawn
 * brighter and heavier as they get busier, with a marker running along each busy direction; a link
 * whose live state is wrong (down, no carrier, a port not forwarding, missing) is dimmed and
 * marked instead; one that differs from the topology file is marked "≠" in its own colour; where
 * packets are dropped, a red "✗" and the drop rate (dropmarks.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dropmarks.h"
#include "format.h"
#include "linkstate.h"
#include "sparkline.h"
#include "ui.h"

#define HOT_BPS 1e6 /* a link above 1 Mbit/s is drawn heavy */
#define HOT_PPS 1000
#define LINK_SPARK 8 /* samples of a link's sparkline, where it has room */

struct dir_rate {
	double pps, bps;
};

/* An interface whose probes are not attached yet counts nothing: it is as good as absent. */
static const struct snap_iface *observed(const struct snap_iface *f)
{
	return f && !f->pending ? f : NULL;
}

/* Traffic leaving the end at pts[0] (forward) and coming back; false when neither end is
 * observed yet (still attaching). */
static bool link_rates(const struct snapshot *s, const struct llink *k, struct dir_rate *fwd,
		       struct dir_rate *back)
{
	const struct snap_iface *a0 = ui_iface(s, k->veth, k->first_end);
	const struct snap_iface *b0 = ui_iface(s, k->veth, !k->first_end);
	const struct snap_iface *a = observed(a0), *b = observed(b0);

	*fwd = (struct dir_rate){ a ? a->tx.pps : 0, a ? a->tx.bps : 0 };
	*back = (struct dir_rate){ b ? b->tx.pps : 0, b ? b->tx.bps : 0 };
	/* Without the sending end's counters, the receiving end tells the same story. */
	if (!a && b)
		*fwd = (struct dir_rate){ b->rx.pps, b->rx.bps };
	if (!b && a)
		*back = (struct dir_rate){ a->rx.pps, a->rx.bps };
	return a || b || (!a0 && !b0);
}

static int link_len(const struct llink *k)
{
	int n = 0;

	for (int i = 1; i < k->npts; i++)
		n += abs(k->pts[i].x - k->pts[i - 1].x) + abs(k->pts[i].y - k->pts[i - 1].y);
	return n;
}

/* The point STEP cells along K from pts[0]. */
static struct lpoint link_at(const struct llink *k, int step)
{
	struct lpoint p = k->pts[0];

	for (int i = 1; i < k->npts && step > 0; i++) {
		struct lpoint q = k->pts[i];
		int seg = abs(q.x - p.x) + abs(q.y - p.y), n = step < seg ? step : seg;

		p.x += ((q.x > p.x) - (q.x < p.x)) * n;
		p.y += ((q.y > p.y) - (q.y < p.y)) * n;
		step -= n;
	}
	return p;
}

static void draw_marker(struct ui *ui, const struct region *r, const struct llink *k,
			bool forward)
{
	int len = link_len(k), step;

	if (len < 2)
		return;
	ui->animating = true;
	step = 1 + (int)(ui->frame % (unsigned)(len - 1));
	struct lpoint p = link_at(k, forward ? step : len - step);

	rg_put(r, p.x, p.y, ui->utf8 ? 0x25cf : 'o', ST_PACKET);
}

static const char *const arrows[4][2] = {
	[LLINK_VERTICAL] = { "\u25bc", "\u25b2" },
	[LLINK_HORIZONTAL] = { "\u25b6", "\u25c0" },
	[LLINK_LANE] = { "\u25bc", "\u25b2" },
	[LLINK_COMB] = { "\u25b2", "\u25bc" }, /* from the namespace up to its bus */
};

/* Row ROW of K's label; right-aligned when it sits left of the line. */
static void label_text(const struct region *r, const struct llink *k, int row, enum style st,
		       const char *text)
{
	int x = k->label_left ? k->label.x - text_width(text) : k->label.x;

	rg_text(r, x, k->label.y + row, k->label_w, st, text);
}

/* Dense mode: one row, packets/s each way, and nothing on an idle link (the line is dim). */
static void draw_dense_label(const struct region *r, const struct llink *k, struct dir_rate fwd,
			     struct dir_rate back, bool seen)
{
	char a[16], b[16], buf[48];

	if (!seen || (fwd.pps == 0 && back.pps == 0))
		return;
	snprintf(buf, sizeof(buf), "%s%s %s%s", arrows[k->shape][0], fmt_si(fwd.pps, a, sizeof(a)),
		 arrows[k->shape][1], fmt_si(back.pps, b, sizeof(b)));
	label_text(r, k, 0, ST_LABEL, buf);
}

/* Row ROW of K's rate label: the arrow of its direction and RATE in numbers. */
static void rate_row(const struct llink *k, int row, struct dir_rate rate, char *buf, size_t len)
{
	char text[32];

	snprintf(buf, len, "%s %s", arrows[k->shape][row], fmt_rate(rate.pps, rate.bps, text, sizeof(text)));
}

static bool link_idle(struct dir_rate fwd, struct dir_rate back)
{
	return fwd.pps == 0 && back.pps == 0;
}

static void draw_rate_label(const struct region *r, const struct llink *k, struct dir_rate fwd,
			    struct dir_rate back, bool seen)
{
	char buf[48];

	if (!seen) {
		label_text(r, k, 0, ST_DIM, "attaching");
		return;
	}
	if (link_idle(fwd, back)) {
		label_text(r, k, 0, ST_DIM, "idle");
		return;
	}
	rate_row(k, 0, fwd, buf, sizeof(buf));
	label_text(r, k, 0, fwd.pps ? ST_LABEL : ST_DIM, buf);
	rate_row(k, 1, back, buf, sizeof(buf));
	label_text(r, k, 1, back.pps ? ST_LABEL : ST_DIM, buf);
}

/* Columns of K's rate label, its wider row. */
static int rate_label_width(const struct llink *k, struct dir_rate fwd, struct dir_rate back)
{
	char a[48], b[48];

	if (link_idle(fwd, back))
		return text_width("idle");
	rate_row(k, 0, fwd, a, sizeof(a));
	rate_row(k, 1, back, b, sizeof(b));
	return text_width(a) > text_width(b) ? text_width(a) : text_width(b);
}

/* The cell at (X, Y) is on screen and holds no text, border or line. */
static bool cell_blank(const struct region *r, int x, int y)
{
	const struct cell *c = rg_get(r, x, y);

	return c && (!c->ch || c->ch == ' ') && !(c->lines & LN_DIRS);
}

/* The cells row 0 of K's label would give TEXT are blank and on screen: a mark never covers a
 * border, a line or text. */
static bool label_free(const struct region *r, const struct llink *k, const char *text)
{
	int w = text_width(text), x = k->label_left ? k->label.x - w : k->label.x;

	for (int i = 0; i < w; i++)
		if (!cell_blank(r, x + i, k->label.y))
			return false;
	return w <= k->label_w;
}

/* The first of the N FORMS of a mark (longest first) that fits in K's label, in style ST. */
static void draw_mark(const struct region *r, const struct llink *k, const char *const *forms,
		      int n, enum style st)
{
	for (int i = 0; i < n; i++)
		if (label_free(r, k, forms[i])) {
			label_text(r, k, 0, st, forms[i]);
			return;
		}
}

/* In place of the rates (a broken link carries nothing worth a number): the mark and the end it
 * is on, shortened to what fits ("DOWN veth-r", "DOWN", "DN", "✗"). */
static void draw_state_label(const struct ui *ui, const struct region *r, const struct llink *k,
			     enum lstate st, const struct snap_iface *f)
{
	char words[48];
	const char *forms[4] = { words, lstate_mark(st, f, 0, ui->utf8), lstate_mark(st, f, 1, ui->utf8),
				 lstate_mark(st, f, 2, ui->utf8) };

	snprintf(words, sizeof(words), "%s %s", forms[1], f->ifname);
	draw_mark(r, k, forms, 4, ST_WARN);
}

/* In place of the rates too, for an end that differs from the file: "≠ veth-g", "≠". */
static void draw_mismatch_label(const struct ui *ui, const struct region *r,
				const struct llink *k, const struct snap_iface *f)
{
	char words[48];
	const char *forms[2] = { words, lmismatch_mark(ui->utf8) };

	snprintf(words, sizeof(words), "%s %s", forms[1], f->ifname);
	draw_mark(r, k, forms, 2, ST_MISMATCH);
}

/* For an end of K that drops packets: "✗ 5.0 drop/s" (or "✗"), then the rate of the busier
 * direction; false when neither end drops. */
static bool draw_drop_label(const struct ui *ui, const struct snapshot *s, const struct region *r,
			    const struct llink *k, struct dir_rate fwd, struct dir_rate back)
{
	const struct snap_iface *a = ui_iface(s, k->veth, 0), *b = ui_iface(s, k->veth, 1);
	const struct snap_iface *f = !dropping(b) || (dropping(a) && a->drop_rate >= b->drop_rate) ? a : b;
	bool out = fwd.pps >= back.pps;
	struct dir_rate d = out ? fwd : back;
	char words[48], rate[32], buf[48];
	const char *forms[2] = { words, drop_mark(ui->utf8) };

	if (!dropping(f))
		return false;
	snprintf(words, sizeof(words), "%s %s", forms[1], drop_rate_str(f, rate, sizeof(rate)));
	draw_mark(r, k, forms, 2, ST_WARN);
	snprintf(buf, sizeof(buf), "%s %s", arrows[k->shape][!out], fmt_rate(d.pps, d.bps, rate, sizeof(rate)));
	label_text(r, k, 1, d.pps ? ST_LABEL : ST_DIM, buf);
	return true;
}

/* HOP is at end E of link K. */
static bool hop_at(const struct topo *t, const struct llink *k, int e, const struct snap_hop *hop)
{
	const struct topo_end *end = &t->veths[k->veth].end[e];
	const char *ns = topo_end_netns(t, end);

	return !strcmp(end->ifname, hop->ifname) && !strcmp(ns ? ns : "", hop->netns);
}

/* The hops of PATH on link K: "#1 +0µs" per end it touches, on at most ROWS rows; during a replay its last hop (the
 * current one) highlighted. */
static bool draw_path_label(const struct ui *ui, const struct topo *t, const struct region *r,
			    const struct llink *k, const struct snap_path *path, int rows)
{
	int row = 0;

	for (int h = 0; path && h < path->nhops && row < rows; h++) {
		const struct snap_hop *hop = &path->hops[h];

		for (int e = 0; e < 2; e++) {
			char buf[48];

			if (!hop_at(t, k, e, hop))
				continue;
			snprintf(buf, sizeof(buf), "#%d %s +%u\u00b5s", h + 1, hop->dir == 't' ? "tx" : "rx",
				 hop->t_us);
			if (row < rows)
				label_text(r, k, row++, ui->replay_id && h == path->nhops - 1 ? ST_SELECTED : ST_PATH,
					   buf);
		}
	}
	return row > 0;
}

static enum style link_style(struct dir_rate fwd, struct dir_rate back, bool *heavy)
{
	double pps = fwd.pps + back.pps, bps = fwd.bps + back.bps;

	*heavy = bps >= HOT_BPS || pps >= HOT_PPS;
	return *heavy ? ST_LINK_HOT : pps > 0 ? ST_LINK_ACTIVE : ST_LINK_IDLE;
}

static bool node_focused(const struct ui *ui, const struct lnode *n)
{
	return (ui->focus == FOCUS_NETNS && n->kind == LNODE_NETNS && ui->focus_index == n->index) ||
	       (ui->focus == FOCUS_BRIDGE && n->kind == LNODE_BRIDGE && ui->focus_index == n->index);
}

/* With a focus, what is not part of it is dimmed: the focused item, its links and the boxes
 * at their other ends stay bright. */
static bool link_in_focus(const struct ui *ui, const struct topo *t, const struct llink *k)
{
	if (ui->focus == FOCUS_VETH)
		return k->veth == ui->focus_index;
	for (int e = 0; e < 2; e++) {
		const struct topo_end *end = &t->veths[k->veth].end[e];

		if ((ui->focus == FOCUS_NETNS && end->kind == TOPO_OWNER_NETNS && end->owner == ui->focus_index) ||
		    (ui->focus == FOCUS_BRIDGE && end->kind == TOPO_OWNER_BRIDGE && end->owner == ui->focus_index))
			return true;
	}
	return false;
}

static bool node_in_focus(const struct ui *ui, const struct topo *t, const struct layout *l, int node)
{
	if (ui->focus == FOCUS_NONE || node_focused(ui, &l->nodes[node]))
		return true;
	for (int i = 0; i < l->nlinks; i++)
		if ((l->links[i].node[0] == node || l->links[i].node[1] == node) &&
		    link_in_focus(ui, t, &l->links[i]))
			return true;
	return false;
}

/* The worse live state of K's two ends, and the interface it is on (*F). */
static enum lstate link_state(const struct snapshot *s, const struct llink *k,
			      const struct snap_iface **f)
{
	const struct snap_iface *a = ui_iface(s, k->veth, 0), *b = ui_iface(s, k->veth, 1);

	*f = lstate_worse(a, b) ? b : a;
	return lstate_of(*f);
}

/* The end of K that differs from the file (the first), or NULL. */
static const struct snap_iface *link_mismatch(const struct snapshot *s, const struct llink *k)
{
	const struct snap_iface *a = ui_iface(s, k->veth, 0), *b = ui_iface(s, k->veth, 1);

	return lmismatch(a) ? a : lmismatch(b) ? b : NULL;
}

static void draw_link(struct ui *ui, const struct snapshot *s, const struct region *r,
		      const struct llink *k, const struct snap_path *path, bool selected)
{
	bool dense = ui->layout.dense;
	const struct snap_iface *bad, *odd = link_mismatch(s, k);
	enum lstate state = link_state(s, k, &bad);
	struct dir_rate fwd, back;
	bool heavy, on_path, seen;
	enum style st;

	seen = link_rates(s, k, &fwd, &back);
	st = link_style(fwd, back, &heavy);
	on_path = draw_path_label(ui, s->topo, r, k, path, dense ? 1 : 2);
	if (!on_path && !path && state != LS_OK)
		draw_state_label(ui, r, k, state, bad);
	else if (!on_path && !path && odd)
		draw_mismatch_label(ui, r, k, odd);
	else if (!on_path && !path && !draw_drop_label(ui, s, r, k, fwd, back))
		(dense ? draw_dense_label : draw_rate_label)(r, k, fwd, back, seen);
	if (state != LS_OK || odd) {
		st = state != LS_OK ? ST_LINK_DOWN : ST_MISMATCH;
		heavy = false;
	}
	if (on_path)
		st = ST_PATH;
	if (ui->focus == FOCUS_VETH && ui->focus_index == k->veth)
		st = ST_FOCUSED;
	else if (ui->focus != FOCUS_NONE && !on_path && !link_in_focus(ui, s->topo, k))
		st = ST_LINK_IDLE;
	if (selected)
		st = ST_SELECTED;
	for (int i = 1; i < k->npts; i++) {
		if (k->pts[i].y == k->pts[i - 1].y)
			rg_hline(r, k->pts[i - 1].x, k->pts[i].x, k->pts[i].y, st, heavy);
		else
			rg_vline(r, k->pts[i].x, k->pts[i - 1].y, k->pts[i].y, st, heavy);
	}
	/* One marker, for the busier direction, so the line itself stays visible. */
	if ((fwd.pps > 0 || back.pps > 0) && !path && state == LS_OK)
		draw_marker(ui, r, k, fwd.pps >= back.pps);
}

/* The interface whose history stands for K's: rx+tx of either end counts both directions. */
static const struct snap_iface *link_history(const struct snapshot *s, const struct llink *k)
{
	const struct snap_iface *f = observed(ui_iface(s, k->veth, k->first_end));

	return f ? f : observed(ui_iface(s, k->veth, !k->first_end));
}

/* K's recent packets/s as a sparkline beside its rate label (after it, or before a label left of
 * its line), one blank cell either side, in up to LINK_SPARK blank cells, at least 3: drawn
 * after everything else, so that it never covers a line, a border or text, nor a rate. */
static void draw_link_spark(const struct ui *ui, const struct snapshot *s, const struct region *r,
			    const struct llink *k)
{
	const struct snap_iface *bad, *f = link_history(s, k);
	struct dir_rate fwd, back;
	int w, n = 0, dir = k->label_left ? -1 : 1, edge;

	if (!f || hist_max(f->hist_pps) <= 0 || link_state(s, k, &bad) != LS_OK ||
	    link_mismatch(s, k) || !link_rates(s, k, &fwd, &back))
		return;
	w = rate_label_width(k, fwd, back);
	edge = k->label_left ? k->label.x - w - 1 : k->label.x + w; /* the blank next to the text */
	while (n < LINK_SPARK + 2 && cell_blank(r, edge + dir * n, k->label.y))
		n++;
	if (n - 2 < 3)
		return;
	sparkline(ui, r, k->label_left ? edge - n + 2 : edge + 1, k->label.y, n - 2, f->hist_pps);
}

/* ADDR (with MORE, "+3", the count of addresses not shown) in W columns: the prefix length
 * goes first, then the count, then the address's middle (`fe80::…:8a74`), never its end. */
static void fit_addr(const char *addr, const char *more, int w, char *buf, size_t len)
{
	char bare[64];

	snprintf(bare, sizeof(bare), "%s", addr);
	*strchrnul(bare, '/') = 0;
	const char *forms[][2] = { { addr, more }, { bare, more }, { addr, "" } };

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		snprintf(buf, len, "%s%s%s", forms[i][0], *forms[i][1] ? " " : "", forms[i][1]);
		if (text_width(buf) <= w)
			return;
	}
	text_fit(bare, w, FIT_MIDDLE, buf, len);
}

/* Line A of end E's lines in its namespace box (as many as the file gives it addresses, at
 * least one, so that the box keeps its size): the live addresses where the kernel was read,
 * with "+N" on the last line for those without a line, fitted into W columns. */
static void end_addr(const struct topo_end *e, const struct snap_iface *f, int a, int rows, int w,
		     char *buf, size_t len)
{
	const struct snap_link *l = f && f->link.known ? &f->link : NULL;
	char addr[64] = "", more[16] = "";

	if (!l && a < e->naddrs)
		topo_addr_str(&e->addrs[a], addr, sizeof(addr));
	else if (l && a < l->naddrs)
		snprintf(addr, sizeof(addr), "%s", l->addrs[a]);
	if (l && a == rows - 1 && (l->naddrs > rows || l->addrs_more))
		snprintf(more, sizeof(more), "+%d%s", l->naddrs - rows, l->addrs_more ? "+" : "");
	fit_addr(addr, more, w, buf, len);
}

/* End E's lines from row *ROW of box N: its name (dim when its state is wrong, "✗" left of it
 * when it drops packets, else "≠" when it differs from the file), its addresses. */
static void draw_end_lines(const struct ui *ui, const struct snapshot *s, const struct region *r,
			   const struct lnode *n, int v, int k, int *row)
{
	const struct topo_end *e = &s->topo->veths[v].end[k];
	const struct snap_iface *f = ui_iface(s, v, k);
	int rows = e->naddrs > 0 ? e->naddrs : 1, col = text_width(e->ifname) + 1;
	char addr[80];

	rg_text(r, n->x + 2, n->y + 1 + *row, n->w - 4, lstate_of(f) ? ST_DIM : ST_BOLD, e->ifname);
	if (dropping(f))
		rg_text(r, n->x + 1, n->y + 1 + *row, 1, ST_WARN, drop_mark(ui->utf8));
	else if (lmismatch(f))
		rg_text(r, n->x + 1, n->y + 1 + *row, 1, ST_MISMATCH, lmismatch_mark(ui->utf8));
	for (int a = 0; a < rows && *row < n->h - 2; a++, (*row)++) {
		end_addr(e, f, a, rows, n->w - 4 - col, addr, sizeof(addr));
		rg_text(r, n->x + 2 + col, n->y + 1 + *row, n->w - 4 - col, ST_ADDR, addr);
	}
}

static void draw_netns_text(const struct ui *ui, const struct snapshot *s, const struct region *r,
			    const struct lnode *n)
{
	const struct topo *t = s->topo;
	int row = 0;

	for (int v = 0; v < t->nveths; v++)
		for (int k = 0; k < 2; k++)
			if (t->veths[v].end[k].kind == TOPO_OWNER_NETNS && t->veths[v].end[k].owner == n->index)
				draw_end_lines(ui, s, r, n, v, k, &row);
	if (!row)
		rg_text(r, n->x + 2, n->y + 1, n->w - 4, ST_ADDR, "(no links)");
}

static enum lstate node_state(const struct snapshot *s, const struct lnode *n)
{
	return n->kind == LNODE_BRIDGE ? lstate_of(ui_bridge_iface(s, n->index)) : LS_OK;
}

/* How box N's namespace (with its routes) or bridge differs from the file, or NULL. */
static const char *node_mismatch(const struct snapshot *s, const struct lnode *n)
{
	if (n->kind == LNODE_BRIDGE)
		return lmismatch(ui_bridge_iface(s, n->index));
	for (int i = 0; i < s->nnetns; i++)
		if (!strcmp(s->netns[i].name, s->topo->netns[n->index].name))
			return *s->netns[i].mismatch ? s->netns[i].mismatch : NULL;
	return NULL;
}

/* Dense mode's one-line box: " name address" (the live address, as in the full box), the name
 * dim when its link's state is wrong and after a "≠" when it differs from the file. */
static void draw_line_box(const struct ui *ui, const struct snapshot *s, const struct region *r,
			  const struct lnode *n, enum style frame)
{
	const struct topo *t = s->topo;
	int nw = text_width(t->netns[n->index].name), w = n->w - 4 - nw;
	char addr[80];

	rg_fill(r, n->x, n->y, n->w - 1, 1, ST_NORMAL);
	for (int v = 0; v < t->nveths; v++)
		for (int k = 0; k < 2; k++) {
			const struct topo_end *e = &t->veths[v].end[k];
			const struct snap_iface *f = ui_iface(s, v, k);

			if (e->kind != TOPO_OWNER_NETNS || e->owner != n->index)
				continue;
			if (lstate_of(f))
				frame = ST_DIM;
			if (lmismatch(f))
				rg_text(r, n->x, n->y, 1, ST_MISMATCH, lmismatch_mark(ui->utf8));
			end_addr(e, f, 0, 1, w, addr, sizeof(addr));
			rg_text(r, n->x + 2 + nw, n->y, w, ST_ADDR, addr);
		}
	rg_text(r, n->x + 1, n->y, nw, frame == ST_NS ? ST_NS_NAME : frame, t->netns[n->index].name);
}

static void draw_node(const struct ui *ui, const struct snapshot *s, const struct region *r,
		      const struct lnode *n, bool dim)
{
	bool ns = n->kind == LNODE_NETNS;
	enum style frame = node_focused(ui, n) ? ST_FOCUSED : dim ? ST_DIM : node_state(s, n) ? ST_LINK_DOWN :
			   node_mismatch(s, n) ? ST_MISMATCH : ns ? ST_NS : ST_BRIDGE;

	if (n->h == 1 && ns)
		draw_line_box(ui, s, r, n, frame);
	else if (n->h == 1) /* a bus */
		rg_hline(r, n->x, n->x + n->w - 1, n->y, frame, false);
	else
		rg_box(r, n->x, n->y, n->w, n->h, frame, ns);
	if (ns && n->h > 1)
		draw_netns_text(ui, s, r, n);
}

/* A plain stretch of top border, no link joining it, where a title LEN wide fits; else -1. */
static int title_fit(const struct region *r, const struct lnode *n, int len)
{
	for (int x = n->x + 2; x + len + 1 < n->x + n->w; x++) {
		bool clear = true;

		for (int i = x - 1; i <= x + len && clear; i++) {
			const struct cell *c = rg_get(r, i, n->y);

			clear = !c || (c->lines & LN_DIRS) == (LN_E | LN_W);
		}
		if (clear)
			return x;
	}
	return -1;
}

/* After the links, so that the title goes where no link joins the border. A bridge whose device
 * is wrong is marked after its name, in the longest form that fits there ("DOWN", "DN", "✗");
 * else a bridge that drops packets, "✗"; else a box that differs from the file, "≠". */
static void draw_title(const struct ui *ui, const struct snapshot *s, const struct region *r,
		       const struct lnode *n, bool selected)
{
	enum lstate st = node_state(s, n);
	char title[128], text[160];
	const char *mark = NULL;
	int x = -1, tw;

	if (n->h == 1 && n->kind == LNODE_NETNS) {
		if (selected) /* its name is its title */
			rg_text(r, n->x + 1, n->y, -1, ST_SELECTED, s->topo->netns[n->index].name);
		return;
	}
	layout_title(s->topo, n, title, sizeof(title));
	tw = text_width(title);
	for (int form = 0; st != LS_OK && form < 3 && x < 0; form++) {
		mark = lstate_mark(st, ui_bridge_iface(s, n->index), form, ui->utf8);
		x = title_fit(r, n, tw + text_width(mark) + 3);
	}
	if (st == LS_OK && n->kind == LNODE_BRIDGE && dropping(ui_bridge_iface(s, n->index))) {
		mark = drop_mark(ui->utf8);
		x = title_fit(r, n, tw + text_width(mark) + 3);
	} else if (st == LS_OK && node_mismatch(s, n)) {
		mark = lmismatch_mark(ui->utf8);
		x = title_fit(r, n, tw + text_width(mark) + 3);
	}
	if (x < 0) {
		mark = NULL;
		x = title_fit(r, n, tw + 2);
	}
	x = x < 0 ? n->x + 2 : x;
	snprintf(text, sizeof(text), " %s ", title);
	rg_text(r, x, n->y, n->w - 4,
		selected ? ST_SELECTED : n->kind == LNODE_NETNS ? ST_NS_NAME : ST_BRIDGE_NAME, text);
	if (mark)
		rg_printf(r, x + tw + 2, n->y, -1,
			  st == LS_OK && !dropping(ui_bridge_iface(s, n->index)) ? ST_MISMATCH : ST_WARN, "%s ", mark);
}

/* A port whose state is wrong is dimmed, one that differs from the file in the mismatch's colour;
 * its link carries the mark. One that drops packets has a "✗" beside its name. */
static void draw_ports(const struct ui *ui, const struct snapshot *s, const struct region *r,
		       const struct llink *k)
{
	for (int e = 0; e < 2; e++) {
		const struct snap_iface *f = ui_iface(s, k->veth, e);

		if (k->port[e].x >= 0)
			rg_text(r, k->port[e].x, k->port[e].y, -1,
				lstate_of(f) ? ST_DIM : lmismatch(f) ? ST_MISMATCH : ST_NORMAL,
				s->topo->veths[k->veth].end[e].ifname);
		if (k->port[e].x >= 0 && dropping(f))
			drop_port_mark(r, k->port[e].x, k->port[e].y, s->topo->veths[k->veth].end[e].ifname,
				       ui->utf8);
	}
}

/* The item to keep in view: the link of PATH's last hop shown (during a replay, the current
 * one), else the selection. */
static int view_item(const struct ui *ui, const struct topo *t, const struct layout *l,
		     const struct snap_path *path)
{
	for (int i = 0; path && path->nhops && i < l->nlinks; i++)
		for (int e = 0; e < 2; e++)
			if (hop_at(t, &l->links[i], e, &path->hops[path->nhops - 1]))
				return l->nnodes + i;
	return ui->sel;
}

/* Keep ITEM in view. */
static void scroll_to(struct ui *ui, const struct layout *l, const struct region *r, int item)
{
	int x, y, w, h;

	if (item < l->nnodes) {
		const struct lnode *n = &l->nodes[item];
		x = n->x, y = n->y, w = n->w, h = n->h;
	} else {
		const struct llink *k = &l->links[item - l->nnodes];
		x = k->label.x, y = k->label.y, w = 1, h = 2;
	}
	if (y + h > ui->oy + r->h)
		ui->oy = y + h - r->h;
	if (y - 1 < ui->oy)
		ui->oy = y - 1;
	if (ui->oy > l->h - r->h)
		ui->oy = l->h - r->h;
	if (ui->oy < -1)
		ui->oy = -1;
	if (x + w > ui->ox + r->w)
		ui->ox = x + w - r->w;
	if (x < ui->ox)
		ui->ox = x;
}

/* "ARROW more" on row Y of the fixed region F, rightmost where its cells are blank (it never
 * covers a border, a line or text); the arrow alone where the words find no room. */
static void scroll_hint(const struct region *f, int y, const char *arrow)
{
	int n = 0;

	for (int x = f->w - 2; x >= 0; x--) {
		const struct cell *c = rg_get(f, x, y);

		n = c && (!c->ch || c->ch == ' ') && !(c->lines & LN_DIRS) ? n + 1 : 0;
		if (n == 8) { /* " ▼ more " */
			rg_printf(f, x + 1, y, -1, ST_DIM, "%s more", arrow);
			return;
		}
	}
	for (int x = f->w - 1; x >= 0; x--) {
		const struct cell *c = rg_get(f, x, y);

		if (c && (!c->ch || c->ch == ' ') && !(c->lines & LN_DIRS)) {
			rg_text(f, x, y, 1, ST_DIM, arrow);
			return;
		}
	}
}

static void draw_scroll_hints(const struct ui *ui, const struct layout *l, const struct region *r)
{
	struct region fixed = region_sub(r, 0, 0, r->w, r->h);

	if (ui->oy > -1)
		scroll_hint(&fixed, 0, ui->utf8 ? "\u25b2" : "^");
	if (ui->oy + r->h < l->h)
		scroll_hint(&fixed, r->h - 1, ui->utf8 ? "\u25bc" : "v");
}

/* Only what the viewport shows is drawn: a big topology costs what a screenful costs. */
static bool rect_visible(const struct region *v, int x, int y, int w, int h)
{
	return x < v->ox + v->w && x + w > v->ox && y < v->oy + v->h && y + h > v->oy;
}

static bool node_visible(const struct region *v, const struct lnode *n)
{
	return rect_visible(v, n->x, n->y, n->w, n->h);
}

static bool link_visible(const struct region *v, const struct llink *k)
{
	int x0 = k->label.x - LAYOUT_LABEL, x1 = k->label.x + LAYOUT_LABEL, y0 = k->label.y, y1 = k->label.y + 2;

	for (int i = 0; i < k->npts; i++) {
		x0 = k->pts[i].x < x0 ? k->pts[i].x : x0;
		x1 = k->pts[i].x > x1 ? k->pts[i].x : x1;
		y0 = k->pts[i].y < y0 ? k->pts[i].y : y0;
		y1 = k->pts[i].y > y1 ? k->pts[i].y : y1;
	}
	return rect_visible(v, x0, y0, x1 - x0 + 1, y1 - y0 + 1);
}

/* The top-left namespace: where the selection starts. */
static int first_netns(const struct layout *l)
{
	int best = 0;

	for (int i = 0; i < l->nnodes; i++) {
		const struct lnode *n = &l->nodes[i], *b = &l->nodes[best];

		if (n->kind == LNODE_NETNS &&
		    (b->kind != LNODE_NETNS || n->y < b->y || (n->y == b->y && n->x < b->x)))
			best = i;
	}
	return best;
}

void view_topology(struct ui *ui, const struct snapshot *s, const struct region *r,
		   const struct snap_path *path)
{
	/* The mode the caller chose for the whole screen, which this part of it does not know. */
	bool chosen = ui->layout_topo == s->topo && ui->layout_width == r->w;
	const struct layout *l = ui_layout(ui, s->topo, r->w, chosen ? ui->layout_rows : r->h);
	struct region v = *r;
	int nitems = l->nnodes + l->nlinks;

	if (!nitems) {
		rg_text(r, 2, 1, -1, ST_DIM, "(empty topology)");
		return;
	}
	if (ui->sel < 0)
		ui->sel = first_netns(l);
	if (ui->sel >= nitems)
		ui->sel = nitems - 1;
	scroll_to(ui, l, r, view_item(ui, s->topo, l, path));
	v.ox = ui->ox;
	v.oy = ui->oy; /* -1 at the top: a blank row above the first band */
	ui->topo_view = v;
	/* With a path shown, the path is the highlight, not the selection. */
	bool selecting = !path && ui->pane == PANE_TOPO;

	for (int i = 0; i < l->nnodes; i++)
		if (node_visible(&v, &l->nodes[i]))
			draw_node(ui, s, &v, &l->nodes[i], !node_in_focus(ui, s->topo, l, i));
	for (int i = 0; i < l->nlinks; i++)
		if (link_visible(&v, &l->links[i]))
			draw_ports(ui, s, &v, &l->links[i]);
	for (int i = 0; i < l->nlinks; i++)
		if (link_visible(&v, &l->links[i]))
			draw_link(ui, s, &v, &l->links[i], path, selecting && ui->sel == l->nnodes + i);
	for (int i = 0; i < l->nnodes; i++)
		if (node_visible(&v, &l->nodes[i]))
			draw_title(ui, s, &v, &l->nodes[i], selecting && ui->sel == i);
	/* Dense labels are one row of numbers, and an idle link has none: no sparklines there. */
	for (int i = 0; !path && !l->dense && i < l->nlinks; i++)
		if (link_visible(&v, &l->links[i]))
			draw_link_spark(ui, s, &v, &l->links[i]);
	draw_scroll_hints(ui, l, r);
}
