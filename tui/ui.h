/* SPDX-License-Identifier: GPL-2.0 */
/* The UI's state and its pure parts: keys -> state changes and actions, snapshot -> canvas.
 * tui.c feeds it terminal keys and blits what it draws; the tests drive it directly. */
#ifndef NSVIZ_UI_H
#define NSVIZ_UI_H

#include <stdbool.h>
#include "canvas.h"
#include "layout.h"
#include "layout_keep.h"
#include "snapshot.h"

enum ui_view { VIEW_TOPOLOGY = 1, VIEW_INTERFACES, VIEW_TRAFFIC, VIEW_FDB, VIEW_PATHS, VIEW_MAX };
enum ui_pane { PANE_TOPO, PANE_FLOWS, PANE_EVENTS, PANE_COUNT };
enum ui_focus { FOCUS_NONE, FOCUS_NETNS, FOCUS_BRIDGE, FOCUS_VETH };
enum ui_sort { SORT_RATE, SORT_PACKETS, SORT_BYTES, SORT_RECENT, SORT_COUNT };
/* The topology's layout: dense when the normal one does not fit (DENSE_AUTO), or as `d` chose. */
enum ui_dense { DENSE_AUTO, DENSE_OFF, DENSE_ON };

/* Keys beyond ASCII, as tui.c translates them. */
enum {
	UK_UP = 0x110000, UK_DOWN, UK_LEFT, UK_RIGHT, UK_ENTER, UK_ESC, UK_TAB, UK_BTAB,
	UK_PGUP, UK_PGDN, UK_HOME, UK_END, UK_BACKSPACE,
};

enum ui_action { UA_NONE, UA_QUIT, UA_PING, UA_WHY };

/* The smallest screen the views are made for; below it the UI only says so. */
enum { UI_MIN_W = 80, UI_MIN_H = 24 };

struct ui {
	bool color, utf8;
	enum ui_view view;
	enum ui_pane pane;
	int help;                /* 0, or the help page: 1 the keys (and the legend if it fits), 2 the legend */
	bool paused;
	int sel;                 /* topology: a node index, or nnodes + a link index; -1 first netns */
	enum ui_focus focus;
	int focus_index;         /* namespace, bridge or veth index */
	int row[VIEW_MAX + PANE_COUNT]; /* selected row per table (see ui_row) */
	enum ui_sort sort;
	char filter[64];
	bool editing;            /* typing the filter */
	bool picking;            /* choosing the ping target */
	bool pick_why;           /* ... for `why`, not for a ping */
	bool chatter;            /* link-local chatter shown (`6`), not folded away */
	bool why_open;           /* the why pane is shown */
	int why_top;             /* its first row shown */
	int pick;                /* index among the ping targets */
	char ping_from[TOPO_NETNS_MAX + 1], ping_to[TOPO_NETNS_MAX + 80];
	unsigned frame;          /* redraws so far: drives the packet markers */
	double clock;            /* seconds, monotonic, set before each frame: paces the replay */
	double interval;         /* seconds between the model's samples (the graphs' time axis) */
	uint64_t path_id;        /* the selected path (paths view), by identity; 0: the row's */
	struct snap_path path_kept; /* a copy of it: still shown once the source has let it go */
	uint64_t replay_id;      /* the path being replayed hop by hop, 0 for none */
	double replay_t0;        /* the clock when its replay began */
	bool animating;          /* the last frame had markers running: the next one differs */
	const struct topo *topo; /* of the last frame: sel and focus_index are indices into it */
	struct layout layout;
	struct layout_keys layout_keys; /* what it draws, by name: the next topology keeps it */
	const struct topo *layout_topo;
	int layout_width, layout_rows;
	enum ui_dense dense, layout_dense; /* asked for (`d`), and what the layout was built for */
	bool jumping;            /* typing a namespace's name to go to (`g`) */
	char jump[TOPO_NETNS_MAX + 1];
	int ox, oy;              /* topology scroll */
	char msg[128];
	int msg_frames;
	struct region topo_view; /* where the topology was last drawn, for mouse clicks */
	int tab_x[VIEW_MAX + 1]; /* screen columns where each view's tab starts (and ends) */
};

void ui_init(struct ui *ui, bool color, bool utf8);
void ui_fini(struct ui *ui);
/* Apply KEY (a character or UK_*). UA_PING: ping ui->ping_from -> ui->ping_to; UA_WHY: run
 * `why` from ui->ping_from to ui->ping_to. */
enum ui_action ui_key(struct ui *ui, int key, const struct snapshot *s);
/* A mouse click at screen (X, Y): select what is there; DOUBLE also focuses it. */
enum ui_action ui_click(struct ui *ui, int x, int y, bool dbl, const struct snapshot *s);
/* Draw everything for S on C (its size is the screen's). */
void ui_render(struct ui *ui, const struct snapshot *s, struct canvas *c);
/* Show a message in the status line for a few seconds. */
void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Shared by the views. */
int *ui_row(struct ui *ui, int table);
const struct snap_iface *ui_iface(const struct snapshot *s, int veth, int end);
/* The device of bridge BR of the snapshot's topology (in its namespace), or NULL. */
const struct snap_iface *ui_bridge_iface(const struct snapshot *s, int br);
bool ui_flow_shown(const struct ui *ui, const struct snapshot *s, const struct snap_flow *f);
bool ui_event_shown(const struct ui *ui, const struct snapshot *s, const struct snap_event *e);
/* A packet from SRC to DST is link-local chatter (chatter.h) folded away: not shown. */
bool ui_folded(const struct ui *ui, const char *src, const char *dst);
/* With HIDDEN items folded away, the last row of R says so ("+12 link-local chatter hidden
 * (6 shows)"); the rows left above it (R's height when none is hidden). */
int ui_fold_note(const struct region *r, int hidden);
/* The same for path P, by its summary's addresses. */
bool ui_path_folded(const struct ui *ui, const struct snap_path *p);
/* "red:eth0-r", or for the host side of a bridge port "bridge1:veth-r". */
char *ui_where(const struct topo *t, const char *netns, const char *ifname, char *buf, size_t len);
/* Keep ROW within 0..N-1 and return the first row to show in H lines so that it is visible. */
int ui_scroll(int *row, int n, int h);
/* Topology layout for WIDTH columns on a screen of ROWS rows (between the tab and status
 * lines), rebuilt only when one of them or the mode asked for change: dense when asked, or
 * (DENSE_AUTO) when the normal layout is taller than ROWS (it cannot be seen whole even with
 * nothing below it) and the dense one is shorter. The selection keeps its object. */
const struct layout *ui_layout(struct ui *ui, const struct topo *t, int width, int rows);
/* Order of flows for the current sort: indices into s->flows. Caller frees. */
int *ui_sorted_flows(const struct ui *ui, const struct snapshot *s, int *n);
/* Paths matching the filter, newest first: indices into s->paths. Caller frees. */
int *ui_shown_paths(const struct ui *ui, const struct snapshot *s, int *n);
/* The path selected among those (by identity: ui->path_id), or once the source has let it go
 * the UI's copy of it, or NULL. */
const struct snap_path *ui_selected_path(struct ui *ui, const struct snapshot *s);

void view_topology(struct ui *ui, const struct snapshot *s, const struct region *r,
		   const struct snap_path *path);
void view_flows(struct ui *ui, const struct snapshot *s, const struct region *r, bool active);
void view_events(struct ui *ui, const struct snapshot *s, const struct region *r, bool active);
/* Columns the flows and events panes need to show every shown row whole. */
int flows_width(const struct ui *ui, const struct snapshot *s);
int events_width(const struct ui *ui, const struct snapshot *s);
void view_interfaces(struct ui *ui, const struct snapshot *s, const struct region *r);
void view_fdb(struct ui *ui, const struct snapshot *s, const struct region *r);
void view_paths(struct ui *ui, const struct snapshot *s, const struct region *r);
void view_help(const struct region *r, int page);
void view_why(struct ui *ui, const struct snapshot *s, const struct region *r);
/* TEXT wrapped at blanks in W columns from (X, Y) of R, continued INDENT columns in, on at most
 * ROWS rows (the last ends in an ellipsis if it is cut). Returns the rows used. */
int ui_wrap(const struct ui *ui, const struct region *r, int x, int y, int w, int rows,
	    int indent, enum style st, const char *text);
/* The first line of the why output W that starts with PREFIX ("  cause: "), after it, in BUF. */
bool ui_why_line(const struct snap_why *w, const char *prefix, char *buf, size_t len);
/* The namespace path P left (FROM, "host" for the host) and its IPv4 destination (DEST). */
bool ui_path_ends(const struct snap_path *p, char *from, size_t flen, char *dest, size_t dlen);
void statusline(struct ui *ui, const struct snapshot *s, const struct region *r);
void tabline(struct ui *ui, const struct snapshot *s, const struct region *r);

/* A table header row across R at row Y: "NAME" columns at the given x positions. */
void ui_header(const struct region *r, int y, const char *text, bool active);

#endif
