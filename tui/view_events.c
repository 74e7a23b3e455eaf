// SPDX-License-Identifier: GPL-2.0
/* ARP, ICMP, FDB, new flows and drops, newest first, with time and place. */
#include <string.h>

#include "format.h"
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

void view_events(struct ui *ui, const struct snapshot *s, const struct region *r, bool active)
{
	int n = 0, *row = ui_row(ui, VIEW_MAX + PANE_EVENTS), top, y = 1;

	if (r->h < 1)
		return;
	ui_header(r, 0, " EVENTS   WHERE            KIND  WHAT", active);
	for (int i = 0; i < s->nevents; i++)
		n += ui_event_shown(ui, s, &s->events[i]);
	if (!n) {
		rg_text(r, 2, 1, r->w - 2, ST_DIM, "no events yet");
		return;
	}
	top = ui_scroll(row, n, r->h - 1);
	for (int i = s->nevents - 1, k = 0; i >= 0 && y < r->h; i--) {
		if (!ui_event_shown(ui, s, &s->events[i]))
			continue;
		if (k >= top)
			event_row(r, y++, s->topo, &s->events[i], active && k == *row);
		k++;
	}
}
