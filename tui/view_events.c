// SPDX-License-Identifier: GPL-2.0
/* ARP, ICMP, FDB, new flows and drops, newest first, with time and place; above them, while
 * the network differs from the topology file, each difference in words. */
#include <string.h>

#include "dropmarks.h"
#include "format.h"
#include "linkstate.h"
#include "ui.h"

static enum style kind_style(const char *kind)
{
	if (!strcmp(kind, "arp"))
		return ST_ARP;
	if (!strcmp(kind, "icmp"))
		return ST_ICMP;
	if (!strcmp(kind, "fdb"))
		return ST_FDB;
	if (!strcmp(kind, "drop"))
		return ST_WARN;
	return ST_FLOW;
}

/* Where an event's kind and text start: after the clock, the place (16 columns), the kind. */
#define KIND_X 27
#define TEXT_X 32

int events_width(const struct ui *ui, const struct snapshot *s)
{
	int w = 0;

	for (int i = 0; i < s->nevents; i++)
		if (ui_event_shown(ui, s, &s->events[i]) && text_width(s->events[i].text) > w)
			w = text_width(s->events[i].text);
	return TEXT_X + w + 1;
}

static void event_row(const struct region *r, int y, const struct topo *t, const struct snap_event *e,
		      bool selected)
{
	char clock[16], where[96];
	enum style st = selected ? ST_SELECTED : ST_NORMAL;
	int x = 1;

	rg_fill(r, 0, y, r->w, 1, st);
	ui_where(t, e->netns, e->ifname, where, sizeof(where));
	x += rg_printf(r, x, y, -1, selected ? st : ST_DIM, "%s ", fmt_clock(e->time, clock, sizeof(clock)));
	rg_text(r, x, y, KIND_X - x - 1, st, where);
	rg_text(r, KIND_X, y, TEXT_X - KIND_X, selected ? st : kind_style(e->kind), e->kind);
	rg_text(r, TEXT_X, y, -1, st, e->text);
}

/* TEXT's first LEN bytes from row Y, column 3 on, broken at blanks, down to row MAX at most;
 * the row after it. */
static int wrap(const struct region *r, int y, int max, const char *text, int len)
{
	int w = r->w - 4;

	while (len > 0 && y <= max && w > 0) {
		int n = len;

		if (n > w)
			for (n = w; n > 0 && text[n] != ' '; n--)
				;
		n = n ? n : w < len ? w : len;
		rg_printf(r, 3, y++, w, ST_MISMATCH, "%.*s", n, text);
		for (; n < len && text[n] == ' '; n++)
			;
		text += n;
		len -= n;
	}
	return y;
}

/* TEXT, one difference or several ("; " between them), each from a new row marked "≠". */
static int mismatch_text(const struct ui *ui, const struct region *r, int y, int max,
			 const char *text)
{
	while (*text && y <= max) {
		const char *end = strstr(text, "; ");
		int len = end ? (int)(end - text) : (int)strlen(text);

		rg_text(r, 1, y, 1, ST_MISMATCH, lmismatch_mark(ui->utf8));
		y = wrap(r, y, max, text, len);
		text += len + (end ? 2 : 0);
	}
	return y;
}

/* Each way the network differs from the file now, in at most MAX rows from row 1 (what the
 * picture's "≠" marks mean; they go when the network is put right). The rows drawn. */
static int mismatch_rows(const struct ui *ui, const struct snapshot *s, const struct region *r,
			 int max)
{
	int y = 1;

	for (int i = 0; i < s->nnetns; i++)
		y = mismatch_text(ui, r, y, max, s->netns[i].mismatch);
	for (int i = 0; i < s->nifaces; i++)
		if (lmismatch(&s->ifaces[i]))
			y = mismatch_text(ui, r, y, max, s->ifaces[i].link.mismatch);
	return y - 1;
}

/* Link-local chatter is folded away (ui_folded): the last row of WHOLE counts it. */
void view_events(struct ui *ui, const struct snapshot *s, const struct region *whole, bool active)
{
	int n = 0, *row = ui_row(ui, VIEW_MAX + PANE_EVENTS), top, y = 1, hidden = 0;
	struct region rows;
	const struct region *r = &rows;

	if (whole->h < 1)
		return;
	for (int i = 0; i < s->nevents; i++)
		hidden += ui_folded(ui, s->events[i].src, s->events[i].dst);
	rows = region_sub(whole, 0, 0, whole->w, ui_fold_note(whole, hidden));
	ui_header(r, 0, " EVENTS   WHERE            KIND  WHAT", active);
	y += mismatch_rows(ui, s, r, (r->h - 1) / 2);
	y += drop_info(ui, s, r, y);
	for (int i = 0; i < s->nevents; i++)
		n += ui_event_shown(ui, s, &s->events[i]);
	if (!n) {
		rg_text(r, 2, y, r->w - 2, ST_DIM, "no events yet");
		return;
	}
	top = ui_scroll(row, n, r->h - y);
	for (int i = s->nevents - 1, k = 0; i >= 0 && y < r->h; i--) {
		if (!ui_event_shown(ui, s, &s->events[i]))
			continue;
		if (k >= top)
			event_row(r, y++, s->topo, &s->events[i], active && k == *row);
		k++;
	}
}
