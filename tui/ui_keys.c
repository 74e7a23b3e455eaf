// SPDX-License-Identifier: GPL-2.0
/* Keys -> state changes. Modes first (help, filter typing, ping target picking), then the
 * htop/bmon habits. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui.h"

static void item_centre(const struct layout *l, int item, int *x, int *y)
{
	if (item < l->nnodes) {
		*x = l->nodes[item].x + l->nodes[item].w / 2;
		*y = l->nodes[item].y + l->nodes[item].h / 2;
	} else {
		*x = l->links[item - l->nnodes].label.x - 1;
		*y = l->links[item - l->nnodes].label.y;
	}
}

/* The nearest item in direction (DX, DY): within 45 degrees of it if any, else anywhere ahead. */
static void move_spatial(struct ui *ui, int dx, int dy)
{
	const struct layout *l = &ui->layout;
	int n = l->nnodes + l->nlinks, best = -1, best_d = 0, x0, y0;

	if (ui->sel >= n)
		return;
	item_centre(l, ui->sel, &x0, &y0);
	for (int i = 0; i < n; i++) {
		int x, y, along, across, d;

		item_centre(l, i, &x, &y);
		along = (x - x0) * dx + (y - y0) * dy * 3; /* a row is about three columns */
		across = abs((x - x0) * dy) + abs((y - y0) * dx) * 3;
		if (i == ui->sel || along <= 0)
			continue;
		d = along + 2 * across + (across > along ? 100000 : 0);
		if (best < 0 || d < best_d) {
			best = i;
			best_d = d;
		}
	}
	if (best >= 0)
		ui->sel = best;
}

/* The table the arrows move in, for the current view and pane. */
static int *current_row(struct ui *ui)
{
	if (ui->view == VIEW_TOPOLOGY || ui->view == VIEW_TRAFFIC)
		return ui->pane == PANE_TOPO ? NULL : ui_row(ui, VIEW_MAX + ui->pane);
	return ui_row(ui, ui->view);
}

static void move(struct ui *ui, int dx, int dy, int page)
{
	int *row = current_row(ui);

	if (!row) {
		/* A page in the topology: as many steps, until nothing is further that way. */
		for (int i = 0, n = ui->layout.nnodes + ui->layout.nlinks; i < page && i < n; i++)
			move_spatial(ui, dx, dy);
		return;
	}
	*row += dy * page;
	if (*row < 0)
		*row = 0; /* the views clamp the other end, they know the count */
}

static void cycle_pane(struct ui *ui, int step)
{
	int first = ui->view == VIEW_TRAFFIC ? PANE_FLOWS : PANE_TOPO;
	int n = PANE_COUNT - first;

	if (ui->view != VIEW_TOPOLOGY && ui->view != VIEW_TRAFFIC)
		return;
	ui->pane = first + ((int)ui->pane - first + step + n) % n;
}

static void focus_selected(struct ui *ui)
{
	const struct layout *l = &ui->layout;

	if (ui->view != VIEW_TOPOLOGY || ui->pane != PANE_TOPO || ui->sel >= l->nnodes + l->nlinks)
		return;
	if (ui->sel < l->nnodes) {
		ui->focus = l->nodes[ui->sel].kind == LNODE_NETNS ? FOCUS_NETNS : FOCUS_BRIDGE;
		ui->focus_index = l->nodes[ui->sel].index;
	} else {
		ui->focus = FOCUS_VETH;
		ui->focus_index = l->links[ui->sel - l->nnodes].veth;
	}
	ui->row[VIEW_MAX + PANE_FLOWS] = ui->row[VIEW_MAX + PANE_EVENTS] = 0;
}

/* Addresses of namespaces other than FROM, counted; the WANT-th goes to TO as "NETNS ADDR". */
static int ping_targets(const struct topo *t, const char *from, int want, char *to, size_t len)
{
	int n = 0;

	for (int v = 0; v < t->nveths; v++)
		for (int e = 0; e < 2; e++) {
			const struct topo_end *end = &t->veths[v].end[e];
			const char *ns = topo_end_netns(t, end);

			if (!ns || !strcmp(ns, from))
				continue;
			for (int a = 0; a < end->naddrs; a++, n++) {
				char addr[64];

				if (n != want)
					continue;
				topo_addr_str(&end->addrs[a], addr, sizeof(addr));
				*strchrnul(addr, '/') = 0;
				snprintf(to, len, "%s %s", ns, addr);
			}
		}
	return n;
}

static void pick_target(struct ui *ui, const struct topo *t, int step)
{
	int n = ping_targets(t, ui->ping_from, -1, NULL, 0);

	ui->pick = n ? ((ui->pick + step) % n + n) % n : 0;
	ping_targets(t, ui->ping_from, ui->pick, ui->ping_to, sizeof(ui->ping_to));
}

/* `p` (or `w` for WHY): from the selected (or focused) namespace, then choose where to. */
static void start_pick(struct ui *ui, const struct topo *t, bool why)
{
	const struct layout *l = &ui->layout;
	int ns = -1;

	if (ui->view == VIEW_TOPOLOGY && ui->pane == PANE_TOPO && ui->sel < l->nnodes &&
	    l->nodes[ui->sel].kind == LNODE_NETNS)
		ns = l->nodes[ui->sel].index;
	else if (ui->focus == FOCUS_NETNS)
		ns = ui->focus_index;
	if (ns < 0) {
		ui_message(ui, "select a namespace first (arrows), then %c", why ? 'w' : 'p');
		return;
	}
	snprintf(ui->ping_from, sizeof(ui->ping_from), "%s", t->netns[ns].name);
	if (!ping_targets(t, ui->ping_from, -1, NULL, 0)) {
		ui_message(ui, "no other namespace has an address to ping");
		return;
	}
	ui->picking = true;
	ui->pick_why = why;
	pick_target(ui, t, 0);
}

/* `w`: in the paths view, for the selected path (from where it left to where it was going);
 * elsewhere, from a namespace to a target picked as for `p`. */
static enum ui_action start_why(struct ui *ui, const struct snapshot *s)
{
	const struct snap_path *p = ui->view == VIEW_PATHS ? ui_selected_path(ui, s) : NULL;

	if (!p) {
		start_pick(ui, s->topo, true);
		return UA_NONE;
	}
	if (!ui_path_ends(p, ui->ping_from, sizeof(ui->ping_from), ui->ping_to,
			  sizeof(ui->ping_to))) {
		ui_message(ui, "this path has no IPv4 destination for why");
		return UA_NONE;
	}
	return UA_WHY;
}

#define TYPED "address " /* ping_to while an address is typed in place of a pick */

/* Digits and dots type the target's address instead of picking one; Backspace takes one back. */
static void type_target(struct ui *ui, int key)
{
	size_t n = strlen(ui->ping_to), min = strlen(TYPED);

	if (strncmp(ui->ping_to, TYPED, min))
		n = (size_t)snprintf(ui->ping_to, sizeof(ui->ping_to), "%s", TYPED);
	if (key == UK_BACKSPACE || key == 127 || key == 8)
		ui->ping_to[n > min ? n - 1 : n] = 0;
	else if (n < min + 15) /* the longest IPv4 address */
		snprintf(ui->ping_to + n, sizeof(ui->ping_to) - n, "%c", key);
}

static enum ui_action picking_key(struct ui *ui, int key, const struct topo *t)
{
	if ((key >= '0' && key <= '9') || key == '.' || key == UK_BACKSPACE || key == 127 || key == 8) {
		type_target(ui, key);
		return UA_NONE;
	}
	switch (key) {
	case UK_LEFT: case UK_UP: case 'h': case 'k':
		pick_target(ui, t, -1);
		break;
	case UK_RIGHT: case UK_DOWN: case 'l': case 'j': case UK_TAB:
		pick_target(ui, t, 1);
		break;
	case UK_ENTER: case 'p': case 'w':
		if (!strcmp(ui->ping_to, TYPED))
			break; /* nothing typed yet */
		ui->picking = false;
		/* ping_to is "NETNS ADDR": keep the address */
		memmove(ui->ping_to, strchr(ui->ping_to, ' ') + 1, strlen(strchr(ui->ping_to, ' ')));
		return ui->pick_why ? UA_WHY : UA_PING;
	case UK_ESC: case 'q':
		ui->picking = false;
		break;
	}
	return UA_NONE;
}

static void editing_key(struct ui *ui, int key)
{
	size_t n = strlen(ui->filter);

	if (key == UK_ENTER) {
		ui->editing = false;
	} else if (key == UK_ESC) {
		ui->editing = false;
		ui->filter[0] = 0;
	} else if (key == UK_BACKSPACE || key == 127 || key == 8) {
		if (n)
			ui->filter[n - 1] = 0;
	} else if (key >= 32 && key < 127 && n + 1 < sizeof(ui->filter)) {
		ui->filter[n] = (char)key;
		ui->filter[n + 1] = 0;
	}
}

/* The namespace named NAME, else the first whose name starts with it, else the same ignoring
 * case; -1 if none. */
static int find_netns(const struct topo *t, const char *name)
{
	size_t n = strlen(name);

	for (int pass = 0; pass < 3; pass++)
		for (int i = 0; i < t->nnetns; i++) {
			const char *have = t->netns[i].name;

			if (pass == 0 ? !strcmp(have, name) : pass == 1 ? !strncmp(have, name, n)
								 : !strncasecmp(have, name, n))
				return i;
		}
	return -1;
}

/* Enter on `g`'s prompt: select the namespace in the topology (view_topology scrolls to it). */
static void jump(struct ui *ui, const struct topo *t)
{
	int ns = find_netns(t, ui->jump), node = ns < 0 ? -1 : layout_find_node(&ui->layout, LNODE_NETNS, ns);

	ui->jumping = false;
	if (!ui->jump[0])
		return;
	if (node < 0) {
		ui_message(ui, "no namespace starts with \"%s\"", ui->jump);
		return;
	}
	if (ui->view != VIEW_PATHS)
		ui->view = VIEW_TOPOLOGY;
	ui->pane = PANE_TOPO;
	ui->sel = node;
}

static void jumping_key(struct ui *ui, int key, const struct topo *t)
{
	size_t n = strlen(ui->jump);

	if (key == UK_ENTER)
		jump(ui, t);
	else if (key == UK_ESC)
		ui->jumping = false;
	else if (key == UK_BACKSPACE || key == 127 || key == 8)
		ui->jump[n ? n - 1 : 0] = 0;
	else if (key > 32 && key < 127 && n + 1 < sizeof(ui->jump))
		snprintf(ui->jump + n, sizeof(ui->jump) - n, "%c", key);
}

/* `d`: the other layout than the one shown, until `d` again. */
static void toggle_dense(struct ui *ui)
{
	ui->dense = ui->layout.dense ? DENSE_OFF : DENSE_ON;
	ui_message(ui, "%s layout (d: %s)", ui->layout.dense ? "normal" : "dense",
		   ui->layout.dense ? "dense" : "normal");
}

static bool movement_key(struct ui *ui, int key)
{
	switch (key) {
	case UK_UP: case 'k': move(ui, 0, -1, 1); break;
	case UK_DOWN: case 'j': move(ui, 0, 1, 1); break;
	case UK_LEFT: case 'h': move(ui, -1, 0, 1); break;
	case UK_RIGHT: case 'l': move(ui, 1, 0, 1); break;
	case UK_PGUP: move(ui, 0, -1, 10); break;
	case UK_PGDN: move(ui, 0, 1, 10); break;
	case UK_HOME: move(ui, 0, -1, 1 << 20); break;
	case UK_END: move(ui, 0, 1, 1 << 20); break;
	default: return false;
	}
	return true;
}

/* The why pane holds the keys while it is open: it scrolls, Esc closes it, q still quits. */
static enum ui_action why_key(struct ui *ui, int key)
{
	switch (key) {
	case UK_ESC: case UK_ENTER: ui->why_open = false; break;
	case UK_UP: case 'k': ui->why_top--; break;
	case UK_DOWN: case 'j': ui->why_top++; break;
	case UK_PGUP: ui->why_top -= 10; break;
	case UK_PGDN: ui->why_top += 10; break;
	case UK_HOME: ui->why_top = 0; break;
	case UK_END: ui->why_top = 1 << 20; break;
	case 'q': case 'Q': return UA_QUIT;
	}
	if (ui->why_top < 0)
		ui->why_top = 0; /* view_why clamps the other end, it knows the count */
	return UA_NONE;
}

/* `2` with a link selected on the picture: its end at the top (or left) is the interface selected,
 * so that its graphs are the link's. */
static void select_link_iface(struct ui *ui, const struct snapshot *s)
{
	const struct layout *l = &ui->layout;
	const struct llink *k;

	if (ui->view != VIEW_TOPOLOGY || ui->pane != PANE_TOPO || ui->sel < l->nnodes ||
	    ui->sel >= l->nnodes + l->nlinks)
		return;
	k = &l->links[ui->sel - l->nnodes];
	for (int i = 0; i < s->nifaces; i++)
		if (s->ifaces[i].veth == k->veth && s->ifaces[i].end == k->first_end)
			ui->row[VIEW_INTERFACES] = i;
}

/* `r` in the paths view: replay the selected path hop by hop (view_paths paces it). */
static void start_replay(struct ui *ui, const struct snapshot *s)
{
	const struct snap_path *p = ui->view == VIEW_PATHS ? ui_selected_path(ui, s) : NULL;

	if (!p) {
		ui_message(ui, "r replays the selected path: in the paths view (5)");
		return;
	}
	ui->replay_id = p->id;
	ui->replay_t0 = ui->clock;
}

/* A move in the paths view starts from where the selected path is now, and selects by row. */
static void paths_move(struct ui *ui, int key, const struct snapshot *s)
{
	ui_selected_path(ui, s);
	if (movement_key(ui, key))
		ui->path_id = ui->replay_id = 0;
}

enum ui_action ui_key(struct ui *ui, int key, const struct snapshot *s)
{
	if (ui->help) {
		ui->help = ui->help == 1 && (key == '?' || key == 'H') ? 2 : 0;
		return UA_NONE;
	}
	if (ui->why_open)
		return why_key(ui, key);
	if (ui->editing) {
		editing_key(ui, key);
		return UA_NONE;
	}
	if (ui->picking)
		return picking_key(ui, key, s->topo);
	if (ui->jumping) {
		jumping_key(ui, key, s->topo);
		return UA_NONE;
	}
	switch (key) {
	case 'q': case 'Q': return UA_QUIT;
	case '?': case 'H': ui->help = 1; break;
	case '1': case '2': case '3': case '4': case '5':
		if (key == '2')
			select_link_iface(ui, s);
		ui->view = key - '0';
		if (ui->view == VIEW_TRAFFIC && ui->pane == PANE_TOPO)
			ui->pane = PANE_FLOWS;
		break;
	case UK_TAB: cycle_pane(ui, 1); break;
	case UK_BTAB: cycle_pane(ui, -1); break;
	case UK_ENTER: focus_selected(ui); break;
	case UK_ESC: ui->focus = FOCUS_NONE; ui->filter[0] = 0; ui->replay_id = 0; break;
	case 'p': start_pick(ui, s->topo, false); break;
	case 'w': return start_why(ui, s);
	case ' ': ui->paused = !ui->paused; break;
	case 's': ui->sort = (ui->sort + 1) % SORT_COUNT; break;
	case '/': ui->editing = true; ui->filter[0] = 0; break;
	case '6': ui->chatter = !ui->chatter; break;
	case 'r': start_replay(ui, s); break;
	case 'g': ui->jumping = true; ui->jump[0] = 0; break;
	case 'd': toggle_dense(ui); break;
	default:
		if (ui->view == VIEW_PATHS)
			paths_move(ui, key, s);
		else
			movement_key(ui, key);
		break;
	}
	return UA_NONE;
}

static bool on_link(const struct llink *k, int x, int y)
{
	for (int i = 1; i < k->npts; i++) {
		struct lpoint a = k->pts[i - 1], b = k->pts[i];

		if (x >= (a.x < b.x ? a.x : b.x) && x <= (a.x > b.x ? a.x : b.x) &&
		    y >= (a.y < b.y ? a.y : b.y) && y <= (a.y > b.y ? a.y : b.y))
			return true;
	}
	return false;
}

/* The item under virtual (X, Y): a box, else a link, else -1. */
static int item_at(const struct layout *l, int x, int y)
{
	for (int i = 0; i < l->nnodes; i++) {
		const struct lnode *n = &l->nodes[i];

		if (x >= n->x && x < n->x + n->w && y >= n->y && y < n->y + n->h)
			return i;
	}
	for (int i = 0; i < l->nlinks; i++)
		if (on_link(&l->links[i], x, y) || on_link(&l->links[i], x - 1, y) ||
		    on_link(&l->links[i], x + 1, y))
			return l->nnodes + i;
	return -1;
}

enum ui_action ui_click(struct ui *ui, int x, int y, bool dbl, const struct snapshot *s)
{
	const struct region *r = &ui->topo_view;
	int item;

	if (ui->help || ui->editing || ui->picking || ui->why_open || ui->jumping)
		return ui_key(ui, UK_ESC, s);
	if (y == 0) {
		for (int v = VIEW_TOPOLOGY; v < VIEW_MAX; v++)
			if (x >= ui->tab_x[v] && x < ui->tab_x[v + 1])
				return ui_key(ui, '0' + v, s);
		return UA_NONE;
	}
	if (!r->w || x < r->x || y < r->y || x >= r->x + r->w || y >= r->y + r->h)
		return UA_NONE;
	item = item_at(&ui->layout, x - r->x + r->ox, y - r->y + r->oy);
	if (item < 0)
		return UA_NONE;
	ui->pane = PANE_TOPO;
	ui->sel = item;
	return dbl ? ui_key(ui, UK_ENTER, s) : UA_NONE;
}
