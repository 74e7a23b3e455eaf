// SPDX-License-Identifier: GPL-2.0
/* Recent packet paths; the selected one is drawn hop by hop on the topology, with the time of
 * each hop, what each bridge decided, and for a drop the kernel's reason. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dropwords.h"
#include "format.h"
#include "ui.h"

#define REPLAY_STEP 0.5 /* seconds from one hop of a replay to the next */

/* "bridge1 forwarded to 1 port", "lan1 flooded to 2 ports", "br0 delivered it locally". */
static int bridge_verdicts(const struct region *r, int x, int y, const struct snap_path *p)
{
	for (int i = 0; i < p->nbridges && i < SNAP_PATH_BRIDGES; i++) {
		const struct snap_bridge_verdict *b = &p->bridges[i];

		if (!b->verdict[0])
			continue;
		x += rg_printf(r, x, y, -1, ST_BRIDGE_NAME, " %s", b->bridge);
		x += rg_printf(r, x, y, -1, ST_NORMAL, " %s", !strcmp(b->verdict, "forward") ? "forwarded"
							  : !strcmp(b->verdict, "flood") ? "flooded"
							  : !strcmp(b->verdict, "flood (unknown unicast)")
							  ? "flooded (unknown unicast)"
							  : !strcmp(b->verdict, "local") ? "delivered it locally"
							  : !strcmp(b->verdict, "drop") ? "dropped it" : b->verdict);
		if (b->ports && strcmp(b->verdict, "drop"))
			x += rg_printf(r, x, y, -1, ST_NORMAL, " to %u port%s", b->ports, b->ports == 1 ? "" : "s");
		if (b->local)
			x += rg_text(r, x, y, -1, ST_NORMAL, " +local");
		x += rg_text(r, x, y, -1, ST_DIM, i + 1 < p->nbridges ? ";" : "");
	}
	return x;
}

static enum style verdict_style(const struct snap_path *p)
{
	if (!strcmp(p->verdict, "drop"))
		return ST_WARN;
	if (!strncmp(p->verdict, "flood", 5))
		return ST_ARP;
	return ST_ICMP;
}

/* "red:eth0-r tx → bridge1:veth-r rx → ..." wrapped over the rows of R from Y, every hop (CUR,
 * the current hop of a replay, highlighted and the hops after it dim; -1 for none). Returns the
 * row after the last. */
static int hop_lines(const struct ui *ui, const struct topo *t, const struct region *r, int y,
		     const struct snap_path *p, int cur)
{
	const char *arrow = ui->utf8 ? " \u2192 " : " > ";
	int x = 1;

	for (int h = 0; h < p->nhops; h++) {
		const struct snap_hop *hop = &p->hops[h];
		enum style st = h == cur ? ST_SELECTED : cur >= 0 && h > cur ? ST_DIM : ST_NORMAL;
		char buf[200], where[96], num[16];

		snprintf(num, sizeof(num), "%d", h + 1);
		snprintf(buf, sizeof(buf), "%s %s +%u%s", ui_where(t, hop->netns, hop->ifname, where, sizeof(where)),
			 hop->dir == 't' ? "tx" : "rx", hop->t_us, ui->utf8 ? "\u00b5s" : "us");
		if (x > 1 && x + text_width(arrow) + text_width(num) + 1 + text_width(buf) > r->w - 1) {
			x = 3;
			y++;
		}
		if (h > 0)
			x += rg_text(r, x, y, -1, ST_DIM, arrow);
		x += rg_text(r, x, y, -1, h == cur ? st : ST_PATH, num) + 1;
		x += rg_text(r, x, y, -1, st, buf);
	}
	return y + 1;
}

bool ui_path_ends(const struct snap_path *p, char *from, size_t flen, char *dest, size_t dlen)
{
	/* A drop before any hop (NEIGH_FAILED) happened where the packet started: the namespace
	 * of "netns:ifname". */
	const char *ns = p->nhops ? p->hops[0].netns : p->drop_where;
	int nslen = p->nhops ? (int)strlen(ns) : strchr(ns, ':') ? (int)(strchr(ns, ':') - ns) : 0;
	char a[48] = "", b[48] = "";
	struct in_addr ip;

	if ((sscanf(p->summary, "%47s > %47s", a, b) != 2 &&
	     sscanf(p->summary, "ARP who-has %47s", b) != 1) ||
	    inet_pton(AF_INET, b, &ip) != 1 || (!p->nhops && !*p->drop_where))
		return false;
	snprintf(from, flen, "%.*s", nslen ? nslen : 4, nslen ? ns : "host");
	snprintf(dest, dlen, "%s", b);
	return true;
}

/* An echo request of P, at least a second old, that no echo reply in S answers. */
static bool unanswered(const struct snapshot *s, const struct snap_path *p)
{
	char a[48], b[48], reply[128];
	unsigned id, seq;

	if (sscanf(p->summary, "%47s > %47s ICMP echo request id %u seq %u", a, b, &id, &seq) != 4 ||
	    p->time > s->time - 1)
		return false;
	snprintf(reply, sizeof(reply), "%s > %s ICMP echo reply id %u seq %u", b, a, id, seq);
	for (int i = 0; i < s->npaths; i++)
		if (!strcmp(s->paths[i].summary, reply))
			return false;
	return true;
}

/* A path that did not get there: dropped, or a request never answered. */
static bool path_failed(const struct snapshot *s, const struct snap_path *p)
{
	return !strcmp(p->verdict, "drop") || unanswered(s, p);
}

/* For a failed path: what `why` said for its ends (its first cause, or its verdict), and the
 * key that asks it. */
static int diagnosis(const struct ui *ui, const struct snapshot *s, const struct region *r, int y,
		     const struct snap_path *p)
{
	const char *arrow = ui->utf8 ? "\u2192" : "->";
	char from[TOPO_NETNS_MAX + 1], dest[48], line[512], text[600];
	const struct snap_why *w = s->why;
	bool asked;

	if (!ui_path_ends(p, from, sizeof(from), dest, sizeof(dest)))
		return y;
	asked = w && !strcmp(w->from, from) && !strcmp(w->dest, dest);
	if (strcmp(p->verdict, "drop"))
		y += ui_wrap(ui, r, 1, y, r->w - 2, 1, 3, ST_WARN, "no reply seen to this request");
	if (asked && w->running)
		snprintf(text, sizeof(text), "why: running %s", ui->utf8 ? "\u2026" : "...");
	else if (asked && ui_why_line(w, "  cause: ", line, sizeof(line)))
		snprintf(text, sizeof(text), "why: %s", line);
	else if (asked)
		snprintf(text, sizeof(text), "why: %.*s", (int)(strchrnul(w->text, '\n') - w->text),
			 w->text);
	else
		text[0] = 0;
	if (text[0])
		y += ui_wrap(ui, r, 1, y, r->w - 2, 1, 5, ST_WARN, text);
	snprintf(text, sizeof(text), "w: why %s %s %s, the cause in the configuration", from, arrow, dest);
	return y + ui_wrap(ui, r, 1, y, r->w - 2, 1, 3, ST_DIM, text);
}

/* The summary, the verdict in words (for a drop: where and why), then the hops. Returns the row
 * after the last. */
static int path_detail(const struct ui *ui, const struct snapshot *s, const struct region *r,
			int y, const struct snap_path *p, int cur)
{
	const struct topo *t = s->topo;
	const char *words = p->cause[0] ? p->cause : drop_words(p->drop_reason);
	char buf[512];
	int x;

	if (y >= r->h)
		return y;
	x = 1 + rg_printf(r, 1, y, -1, ST_BOLD, "%s ", p->summary);
	x += rg_printf(r, x, y, -1, verdict_style(p), "[%s]", p->verdict);
	snprintf(buf, sizeof(buf), " %u%s end to end%s", p->latency_us, ui->utf8 ? "\u00b5s" : "us",
		 p->complete ? "" : ", incomplete");
	rg_text(r, x, y, -1, ST_NORMAL, buf);
	x = bridge_verdicts(r, 0, ++y, p);
	if (!strcmp(p->verdict, "drop")) {
		snprintf(buf, sizeof(buf), "dropped%s%s: %s%s%s%s%s%s", *p->drop_where ? " at " : "",
			 p->drop_where, p->drop_reason[0] ? p->drop_reason : "reason unknown",
			 *p->drop_function ? " in " : "", p->drop_function, words ? " (" : "",
			 words ? words : "", words ? ")" : "");
		if (x > 0)
			x += rg_text(r, x, y, -1, ST_DIM, ";");
		/* The reason in words is the diagnosis: on rows of its own rather than cut. */
		if (x + 1 + text_width(buf) > r->w - 1 && x > 0)
			x = 0, y++;
		y += ui_wrap(ui, r, x + 1, y, r->w - x - 2, 2, 2, ST_WARN, buf) - 1;
	}
	y = hop_lines(ui, t, r, y + 1, p, cur);
	return path_failed(s, p) ? diagnosis(ui, s, r, y, p) : y;
}

/* Rows the detail of P takes in W columns: drawn where nobody sees it, as it will be. */
static int detail_rows(const struct ui *ui, const struct snapshot *s, int w, const struct snap_path *p)
{
	struct canvas *c = canvas_new(w, 64);
	int n;

	if (!c)
		return 4; /* out of memory: what a path without a drop takes */
	struct region all = region_make(c, 0, 0, w, 64);

	n = path_detail(ui, s, &all, 0, p, -1);
	canvas_free(c);
	return n;
}

/* The hops of P a replay has reached (one more each REPLAY_STEP seconds, then the whole path a
 * step more before it ends), so *CUR, the current one; all of them, and -1, without a replay. */
static int replay_hops(struct ui *ui, const struct snap_path *p, int *cur)
{
	int k = (int)((ui->clock - ui->replay_t0) / REPLAY_STEP) + 1;

	*cur = -1;
	if (!ui->replay_id || ui->replay_id != p->id || k > p->nhops + 1 || k < 1) {
		ui->replay_id = 0;
		return p->nhops;
	}
	ui->animating = true; /* the next step needs a frame of its own */
	*cur = (k > p->nhops ? p->nhops : k) - 1;
	return *cur + 1;
}

/* "▶ replay: hop 2 of 4, +6µs" in the list's header while a replay runs. */
static void replay_title(const struct ui *ui, const struct region *r, const struct snap_path *p, int cur)
{
	char buf[64];

	if (cur < 0)
		return;
	snprintf(buf, sizeof(buf), "%s replay: hop %d of %d, +%u%s", ui->utf8 ? "\u25b6" : ">",
		 cur + 1, p->nhops, p->hops[cur].t_us, ui->utf8 ? "\u00b5s" : "us");
	rg_text(r, 20, 0, r->w - 20 - 20, ST_TAB_ACTIVE, buf);
}

void view_paths(struct ui *ui, const struct snapshot *s, const struct region *r)
{
	const struct layout *l = ui_layout(ui, s->topo, r->w, r->h);
	const struct snap_path *sel = ui_selected_path(ui, s);
	int need = sel ? detail_rows(ui, s, r->w, sel) : 0, *row = ui_row(ui, VIEW_PATHS), top, n, *idx, cur = -1;
	int th = l->h + 1 > r->h - 10 ? r->h - 10 : l->h + 1;
	struct snap_path shown;

	/* The whole hop list, and three rows of the list, before the picture. */
	if (th > r->h - need - 4)
		th = r->h - need - 4;
	struct region topo = region_sub(r, 0, 0, r->w, th < 3 ? 3 : th);
	struct region list = region_sub(r, 0, topo.h, r->w, r->h - topo.h);
	int lh = list.h - need, hidden = 0, nrows;
	struct region rows = region_sub(&list, 0, 0, list.w, lh);

	if (sel) {
		shown = *sel;
		shown.nhops = replay_hops(ui, sel, &cur);
	}
	view_topology(ui, s, &topo, sel ? &shown : NULL);
	for (int i = 0; i < s->npaths; i++)
		hidden += ui_path_folded(ui, &s->paths[i]);
	nrows = ui_fold_note(&rows, hidden); /* the paths' rows, above the count of folded ones */
	ui_header(&list, 0, " PATHS     SUMMARY", true);
	rg_text(&list, list.w - 19, 0, -1, ST_TAB_ACTIVE, "VERDICT   LATENCY");
	if (!sel) {
		rg_text(&list, 2, 1, -1, ST_DIM, ui->filter[0] ? "no paths match the filter"
							     : "no packet paths yet (press p to ping)");
		return;
	}
	replay_title(ui, &list, sel, cur);
	idx = ui_shown_paths(ui, s, &n);
	top = ui_scroll(row, n, nrows - 1);
	for (int i = top, y = 1; idx && i < n && y < nrows; i++, y++) {
		const struct snap_path *p = &s->paths[idx[i]];
		enum style st = p->id == sel->id ? ST_SELECTED : ST_NORMAL;
		char clock[16];

		rg_fill(&list, 0, y, list.w, 1, st);
		rg_printf(&list, 1, y, -1, st, "%s", fmt_clock(p->time, clock, sizeof(clock)));
		rg_text(&list, 11, y, list.w - 31, st, p->summary);
		rg_printf(&list, list.w - 19, y, -1, st == ST_SELECTED ? st : verdict_style(p), "%-8s", p->verdict);
		rg_printf(&list, list.w - 10, y, -1, st, "%7u%s", p->latency_us, ui->utf8 ? "\u00b5s" : "us");
	}
	free(idx);
	path_detail(ui, s, &list, lh, sel, cur);
}
