// SPDX-License-Identifier: GPL-2.0
/* UI state and what the views share: finding a link's counters, the focus and text filters,
 * scrolling, the cached layout, and a private copy of the snapshot for the paused screen. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chatter.h"
#include "ui.h"

void ui_init(struct ui *ui, bool color, bool utf8)
{
	memset(ui, 0, sizeof(*ui));
	ui->color = color;
	ui->utf8 = utf8;
	ui->view = VIEW_TOPOLOGY;
	ui->interval = 1;
	ui->oy = -1;
	ui->sel = -1; /* the first namespace, once laid out */
}

void ui_fini(struct ui *ui)
{
	layout_free(&ui->layout);
	layout_keys_free(&ui->layout_keys);
}

void ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	va_end(ap);
	ui->msg_frames = 12;
}

int *ui_row(struct ui *ui, int table)
{
	return &ui->row[table];
}

const struct snap_iface *ui_iface(const struct snapshot *s, int veth, int end)
{
	for (int i = 0; i < s->nifaces; i++)
		if (s->ifaces[i].veth == veth && s->ifaces[i].end == end)
			return &s->ifaces[i];
	return NULL;
}

const struct snap_iface *ui_bridge_iface(const struct snapshot *s, int br)
{
	const struct topo_bridge *b = &s->topo->bridges[br];
	const char *ns = b->netns >= 0 ? s->topo->netns[b->netns].name : "";

	for (int i = 0; i < s->nifaces; i++) {
		const struct snap_iface *f = &s->ifaces[i];

		if (f->veth < 0 && !*f->bridge && !strcmp(f->netns, ns) && !strcmp(f->ifname, b->name))
			return f;
	}
	return NULL;
}

char *ui_where(const struct topo *t, const char *netns, const char *ifname, char *buf, size_t len)
{
	const char *owner = netns;

	for (int v = 0; !*netns && v < t->nveths; v++)
		for (int e = 0; e < 2; e++) {
			const struct topo_end *end = &t->veths[v].end[e];

			if (end->kind == TOPO_OWNER_BRIDGE && !strcmp(end->ifname, ifname))
				owner = t->bridges[end->owner].name;
		}
	snprintf(buf, len, "%s%s%s", owner, *owner ? ":" : "", ifname);
	return buf;
}

int ui_scroll(int *row, int n, int h)
{
	int top;

	if (*row >= n)
		*row = n - 1;
	if (*row < 0)
		*row = 0;
	top = *row - h / 2;
	if (top > n - h)
		top = n - h;
	return top < 0 ? 0 : top;
}

/* The object of selection SEL in layout L, found again in layout M: a node by its namespace or
 * bridge (its first part), a link by its veth. */
static int same_item(const struct layout *l, int sel, const struct layout *m)
{
	int i;

	if (sel < 0 || sel >= l->nnodes + l->nlinks)
		return -1;
	if (sel < l->nnodes)
		return layout_find_node(m, l->nodes[sel].kind, l->nodes[sel].index);
	i = layout_find_link(m, l->links[sel - l->nnodes].veth);
	return i < 0 ? -1 : m->nnodes + i;
}

/* The layout for DENSE (DENSE_AUTO: the normal one unless it is taller than ROWS and the dense
 * one is shorter). 0 or -ENOMEM. */
static int build_layout(const struct topo *t, int width, int rows, enum ui_dense dense,
			struct layout *l)
{
	struct layout d;
	int err = dense == DENSE_ON ? layout_build_dense(t, width, l) : layout_build(t, width, l);

	if (err || dense != DENSE_AUTO || l->h + 1 <= rows)
		return err;
	if (layout_build_dense(t, width, &d))
		return 0; /* the normal one will do */
	if (d.h < l->h) {
		layout_free(l);
		*l = d;
	} else {
		layout_free(&d);
	}
	return 0;
}

/* Another topology on a screen of the same size: what stays stays where it was (*L, laid out
 * afresh, is used where layout_keep cannot place the change without moving anything). */
static void keep_places(struct ui *ui, const struct topo *t, int width, struct layout *l)
{
	struct layout kept;

	if (!ui->layout_keys.node || layout_keep(&ui->layout, &ui->layout_keys, t, l, width, &kept))
		return;
	layout_free(l);
	*l = kept;
}

const struct layout *ui_layout(struct ui *ui, const struct topo *t, int width, int rows)
{
	struct layout l;

	if (ui->layout_topo == t && ui->layout_width == width && ui->layout_rows == rows &&
	    ui->layout_dense == ui->dense)
		return &ui->layout;
	if (build_layout(t, width, rows, ui->dense, &l))
		return &ui->layout;
	if (ui->layout_topo == t)
		ui->sel = same_item(&ui->layout, ui->sel, &l);
	else if (ui->layout_topo && ui->layout_width == width && ui->layout_rows == rows &&
		 ui->layout_dense == ui->dense)
		keep_places(ui, t, width, &l);
	layout_free(&ui->layout);
	layout_keys_free(&ui->layout_keys);
	/* Without the names (no memory), the next topology is laid out afresh. */
	(void)layout_keys_make(t, &l, &ui->layout_keys);
	ui->layout = l;
	ui->layout_topo = t;
	ui->layout_width = width;
	ui->layout_rows = rows;
	ui->layout_dense = ui->dense;
	return &ui->layout;
}

/* Namespace NAME ("" = host) is what the focus is on, or at one end of the focused link, or on
 * the focused bridge. */
static bool netns_in_focus(const struct ui *ui, const struct topo *t, const char *name)
{
	if (ui->focus == FOCUS_NETNS)
		return !strcmp(t->netns[ui->focus_index].name, name);
	for (int v = 0; v < t->nveths; v++) {
		const struct topo_veth *ve = &t->veths[v];

		if (ui->focus == FOCUS_VETH && v != ui->focus_index)
			continue;
		for (int e = 0; e < 2; e++) {
			const char *ns = topo_end_netns(t, &ve->end[e]);
			const struct topo_end *other = &ve->end[!e];

			if (ui->focus == FOCUS_BRIDGE &&
			    !(other->kind == TOPO_OWNER_BRIDGE && other->owner == ui->focus_index))
				continue;
			if (ns && !strcmp(ns, name))
				return true;
		}
	}
	return false;
}

/* An interface NETNS:IFNAME belongs to the focused item. */
static bool iface_in_focus(const struct ui *ui, const struct topo *t, const char *netns,
			   const char *ifname)
{
	if (ui->focus == FOCUS_NETNS)
		return !strcmp(t->netns[ui->focus_index].name, netns);
	if (ui->focus == FOCUS_BRIDGE && !*netns && !strcmp(t->bridges[ui->focus_index].name, ifname))
		return true;
	for (int v = 0; v < t->nveths; v++)
		for (int e = 0; e < 2; e++) {
			const struct topo_end *end = &t->veths[v].end[e];
			const char *ns = topo_end_netns(t, end);

			if (strcmp(end->ifname, ifname) || strcmp(ns ? ns : "", netns))
				continue;
			if (ui->focus == FOCUS_VETH)
				return v == ui->focus_index;
			return end->kind == TOPO_OWNER_BRIDGE && end->owner == ui->focus_index;
		}
	return false;
}

static bool contains(const char *hay, const char *needle)
{
	return strcasestr(hay, needle) != NULL;
}

bool ui_folded(const struct ui *ui, const char *src, const char *dst)
{
	return !ui->chatter && chatter(src, dst);
}

int ui_fold_note(const struct region *r, int hidden)
{
	char text[64];

	if (!hidden || r->h < 3)
		return r->h;
	snprintf(text, sizeof(text), "+%d link-local chatter hidden (6 shows)", hidden);
	rg_text(r, 2, r->h - 1, r->w - 2, ST_DIM, text);
	return r->h - 1;
}

bool ui_path_folded(const struct ui *ui, const struct snap_path *p)
{
	return !ui->chatter && chatter_summary(p->summary);
}

bool ui_flow_shown(const struct ui *ui, const struct snapshot *s, const struct snap_flow *f)
{
	char text[256];

	if (ui_folded(ui, f->src, f->dst))
		return false;
	if (ui->focus != FOCUS_NONE && !netns_in_focus(ui, s->topo, f->src_netns) &&
	    !netns_in_focus(ui, s->topo, f->dst_netns))
		return false;
	if (!ui->filter[0])
		return true;
	snprintf(text, sizeof(text), "%s %s %s %s %s %u %u", f->proto, f->src, f->dst, f->src_netns,
		 f->dst_netns, f->sport, f->dport);
	return contains(text, ui->filter);
}

/* ADDR ("10.0.0.1", or "10.0.0.1/24": the prefix is left out) is in TEXT as a whole word:
 * 10.0.0.1 is not in 10.0.0.12. */
static bool names_addr(const char *text, const char *addr)
{
	char bare[64];
	size_t n;

	snprintf(bare, sizeof(bare), "%.*s", (int)strcspn(addr, "/"), addr);
	n = strlen(bare);
	for (const char *p = text; n && (p = strstr(p, bare)); p++) {
		bool before = p > text && (isalnum((unsigned char)p[-1]) || strchr(".:", p[-1]));
		bool after = isalnum((unsigned char)p[n]) ||
			     (p[n] && strchr(".:", p[n]) && isalnum((unsigned char)p[n + 1]));

		if (!before && !after)
			return true;
	}
	return false;
}

/* TEXT names an address of a namespace in focus, as the file or the kernel gives it: so the
 * replies to a focused namespace are shown, not only what its own interfaces saw. */
static bool names_focus(const struct ui *ui, const struct snapshot *s, const char *text)
{
	const struct topo *t = s->topo;
	char addr[64];

	for (int v = 0; v < t->nveths; v++)
		for (int e = 0; e < 2; e++) {
			const struct topo_end *end = &t->veths[v].end[e];
			const char *ns = topo_end_netns(t, end);

			for (int a = 0; ns && netns_in_focus(ui, t, ns) && a < end->naddrs; a++)
				if (names_addr(text, topo_ip_str(&end->addrs[a], addr, sizeof(addr))))
					return true;
		}
	for (int i = 0; i < s->nifaces; i++)
		for (int a = 0; *s->ifaces[i].netns && a < s->ifaces[i].link.naddrs; a++)
			if (netns_in_focus(ui, t, s->ifaces[i].netns) &&
			    names_addr(text, s->ifaces[i].link.addrs[a]))
				return true;
	return false;
}

bool ui_event_shown(const struct ui *ui, const struct snapshot *s, const struct snap_event *e)
{
	char text[320];

	if (ui_folded(ui, e->src, e->dst))
		return false;
	if (ui->focus != FOCUS_NONE && !iface_in_focus(ui, s->topo, e->netns, e->ifname) &&
	    !names_focus(ui, s, e->text))
		return false;
	if (!ui->filter[0])
		return true;
	snprintf(text, sizeof(text), "%s %s %s %s", e->kind, e->netns, e->ifname, e->text);
	return contains(text, ui->filter);
}

/* What flow_cmp orders: indexes into the flows of S, busiest by KEY first (qsort_r, so that no
 * file-scope state outlives a call). */
struct flow_order {
	const struct snapshot *s;
	enum ui_sort key;
};

static int flow_cmp(const void *a, const void *b, void *arg)
{
	const struct flow_order *o = arg;
	const struct snap_flow *x = &o->s->flows[*(const int *)a];
	const struct snap_flow *y = &o->s->flows[*(const int *)b];
	double dx, dy;

	switch (o->key) {
	case SORT_PACKETS: dx = x->packets, dy = y->packets; break;
	case SORT_BYTES: dx = x->bytes, dy = y->bytes; break;
	case SORT_RECENT: dx = x->last_ns, dy = y->last_ns; break;
	default: dx = x->bps, dy = y->bps; break;
	}
	if (dx != dy)
		return dx < dy ? 1 : -1;
	return *(const int *)a - *(const int *)b;
}

int *ui_sorted_flows(const struct ui *ui, const struct snapshot *s, int *n)
{
	int *idx = malloc(sizeof(int) * (s->nflows + 1));

	*n = 0;
	if (!idx)
		return NULL;
	for (int i = 0; i < s->nflows; i++)
		if (ui_flow_shown(ui, s, &s->flows[i]))
			idx[(*n)++] = i;
	qsort_r(idx, *n, sizeof(int), flow_cmp, &(struct flow_order){ s, ui->sort });
	return idx;
}

int *ui_shown_paths(const struct ui *ui, const struct snapshot *s, int *n)
{
	int *idx = malloc(sizeof(int) * (s->npaths + 1));
	char text[320];

	*n = 0;
	for (int i = s->npaths - 1; idx && i >= 0; i--) {
		const struct snap_path *p = &s->paths[i];

		snprintf(text, sizeof(text), "%s %s %s %s", p->summary, p->verdict, p->drop_reason, p->drop_where);
		if ((!ui->filter[0] || contains(text, ui->filter)) &&
		    !ui_path_folded(ui, p))
			idx[(*n)++] = i;
	}
	return idx;
}

/* The selected path is the one of ui->path_id wherever newer paths have put it, or the UI's
 * copy of it once the source has let it go (unless a filter hides it); else (a move) the one on
 * the selected row, which it then follows. */
const struct snap_path *ui_selected_path(struct ui *ui, const struct snapshot *s)
{
	int n, *idx = ui_shown_paths(ui, s, &n), *row = ui_row(ui, VIEW_PATHS), found = -1;
	const struct snap_path *p = NULL;

	for (int i = 0; idx && ui->path_id && i < n; i++)
		if (s->paths[idx[i]].id == ui->path_id)
			found = *row = i;
	if (found < 0 && ui->path_id && ui->path_id == ui->path_kept.id && !ui->filter[0]) {
		free(idx);
		return &ui->path_kept;
	}
	if (idx && n) {
		ui_scroll(row, n, 1);
		p = &s->paths[idx[*row]];
		ui->path_id = p->id;
		ui->path_kept = *p;
	}
	free(idx);
	return p;
}
