// SPDX-License-Identifier: GPL-2.0
/* One frame: the tab line, the current view's panes, the status line, help on top. */
#include "ui.h"

void ui_header(const struct region *r, int y, const char *text, bool active)
{
	rg_fill(r, 0, y, r->w, 1, active ? ST_TAB_ACTIVE : ST_HEADER);
	rg_text(r, 0, y, r->w, active ? ST_TAB_ACTIVE : ST_HEADER, text);
}

/* Flows and events side by side from 120 columns, when both fit whole there (no address is
 * shortened for the sake of the arrangement); else one above the other. Returns the flows'
 * width when side by side, 0 when stacked. */
static int side_by_side(const struct ui *ui, const struct snapshot *s, int w)
{
	int fw = flows_width(ui, s), ew = events_width(ui, s), split = w * 11 / 20;

	if (w < 120 || fw + 1 + ew > w)
		return 0;
	if (split < fw)
		split = fw;
	return split > w - 1 - ew ? w - 1 - ew : split;
}

/* Topology above; flows and events below, side by side when the screen is wide. */
static void main_view(struct ui *ui, const struct snapshot *s, const struct region *body)
{
	const struct layout *l = ui_layout(ui, s->topo, body->w, body->h);
	int fw = side_by_side(ui, s, body->w);
	bool wide = fw > 0;
	int min_bottom = wide ? 8 : 10, th = l->h + 1;
	struct region topo, flows, events;

	if (th > body->h - min_bottom)
		th = body->h - min_bottom;
	if (th < 3)
		th = 3;
	topo = region_sub(body, 0, 0, body->w, th);
	if (wide) {
		flows = region_sub(body, 0, th, fw, body->h - th);
		events = region_sub(body, fw + 1, th, body->w - fw - 1, body->h - th);
		for (int y = th; y < body->h; y++)
			rg_put(body, fw, y, ui->utf8 ? 0x2502 : '|', ST_DIM);
	} else {
		int fh = (body->h - th + 1) / 2;

		flows = region_sub(body, 0, th, body->w, fh);
		events = region_sub(body, 0, th + fh, body->w, body->h - th - fh);
	}
	view_topology(ui, s, &topo, NULL);
	view_flows(ui, s, &flows, ui->pane == PANE_FLOWS);
	view_events(ui, s, &events, ui->pane == PANE_EVENTS);
}

static void traffic_view(struct ui *ui, const struct snapshot *s, const struct region *body)
{
	int fh = body->h / 2;
	struct region flows = region_sub(body, 0, 0, body->w, fh);
	struct region events = region_sub(body, 0, fh, body->w, body->h - fh);

	view_flows(ui, s, &flows, ui->pane != PANE_EVENTS);
	view_events(ui, s, &events, ui->pane == PANE_EVENTS);
}

/* Below the smallest screen the views are made for, one line in the middle says what is
 * needed, in the longest form that fits whole (its numbers are never cut). */
static void too_small(const struct ui *ui, struct canvas *c)
{
	struct region full = region_make(c, 0, 0, c->w, c->h);
	const char *x = ui->utf8 ? "\u00d7" : "x";
	char forms[3][96];

	snprintf(forms[0], sizeof(forms[0]), "nsviz needs at least %d%s%d; this terminal is %d%s%d",
		 UI_MIN_W, x, UI_MIN_H, c->w, x, c->h);
	snprintf(forms[1], sizeof(forms[1]), "needs %d%s%d, is %d%s%d", UI_MIN_W, x, UI_MIN_H, c->w,
		 x, c->h);
	snprintf(forms[2], sizeof(forms[2]), "%d%s%d", UI_MIN_W, x, UI_MIN_H);
	for (int i = 0; i < 3; i++)
		if (text_width(forms[i]) <= c->w) {
			rg_text(&full, (c->w - text_width(forms[i])) / 2, (c->h - 1) / 2, -1, ST_WARN,
				forms[i]);
			return;
		}
}

void ui_render(struct ui *ui, const struct snapshot *s, struct canvas *c)
{
	struct region full = region_make(c, 0, 0, c->w, c->h);
	struct region tabs = region_sub(&full, 0, 0, c->w, 1);
	struct region body = region_sub(&full, 0, 1, c->w, c->h - 2);
	struct region status = region_sub(&full, 0, c->h - 1, c->w, 1);

	canvas_clear(c);
	/* Another topology (the live network changed): the old indices would name other objects,
	 * or none. Start afresh, as on a new screen. */
	if (s->topo != ui->topo) {
		ui->topo = s->topo;
		ui->sel = -1;
		ui->focus = FOCUS_NONE;
		ui->ox = 0;
		ui->oy = -1;
	}
	ui->animating = false;
	ui->topo_view.w = 0; /* until a view draws the topology */
	if (c->w < UI_MIN_W || c->h < UI_MIN_H) {
		too_small(ui, c);
		return;
	}
	tabline(ui, s, &tabs);
	switch (ui->view) {
	case VIEW_INTERFACES: view_interfaces(ui, s, &body); break;
	case VIEW_TRAFFIC: traffic_view(ui, s, &body); break;
	case VIEW_FDB: view_fdb(ui, s, &body); break;
	case VIEW_PATHS: view_paths(ui, s, &body); break;
	default: main_view(ui, s, &body); break;
	}
	view_why(ui, s, &body);
	if (ui->help)
		view_help(&body, ui->help);
	statusline(ui, s, &status);
	ui->frame++;
	if (ui->msg_frames > 0 && --ui->msg_frames == 0)
		ui->msg[0] = 0;
}
