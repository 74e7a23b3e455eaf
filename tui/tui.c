// SPDX-License-Identifier: GPL-2.0
/* The only file that talks to ncurses: terminal setup and teardown, the canvas blit, keys.
 * Everything waits in the one loop: the source's fd, stdin, the redraw and tick timers, SIGWINCH
 * (and SIGINT/SIGTERM/SIGHUP, which end the loop so the terminal is restored on the way out). */
#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "clock.h"
#include "loop_source.h"
#include "tui.h"
#include "ui.h"

struct tui {
	struct source *src;
	const struct tui_opts *opts;
	struct ui ui;
	struct canvas *canvas;
	struct canvas *prev;    /* the last frame blitted: unchanged cells are skipped */
	struct snapshot *shown; /* what is on screen; kept while paused */
	SCREEN *screen;
	bool color;
	bool ticked; /* the source has news since the last frame */
	struct loop_source run; /* run.said: the source printed why; the UI does not repeat it */
};

static bool curses_on;

/* Also from atexit: whatever happens, never leave the terminal in raw mode. */
static void term_restore(void)
{
	if (!curses_on)
		return;
	curses_on = false;
	endwin();
}

static void init_colors(struct tui *t)
{
	start_color();
	use_default_colors();
	for (int s = 0; s < ST_COUNT; s++) {
		struct attr a = style_attr(s, true);

		init_pair(s + 1, a.fg == COLOR_DEFAULT ? -1 : a.fg, a.bg == COLOR_DEFAULT ? -1 : a.bg);
	}
	t->color = true;
}

static int term_open(struct tui *t, bool *utf8)
{
	static bool registered;

	setlocale(LC_ALL, "");
	*utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	t->screen = newterm(NULL, stdout, stdin);
	if (!t->screen)
		return -ENOTTY;
	curses_on = true;
	if (!registered)
		atexit(term_restore);
	registered = true;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED, NULL);
	if (has_colors() && !t->opts->no_color)
		init_colors(t);
	return 0;
}

static attr_t curses_attr(enum style s, bool color)
{
	struct attr a = style_attr(s, color);
	attr_t r = 0;

	if (a.flags & ATTR_BOLD)
		r |= A_BOLD;
	if (a.flags & ATTR_DIM)
		r |= A_DIM;
	if (a.flags & ATTR_REVERSE)
		r |= A_REVERSE;
	if (a.flags & ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	return r;
}

static bool same_cell(const struct cell *a, const struct cell *b)
{
	return a->ch == b->ch && a->lines == b->lines && a->style == b->style;
}

static void blit(struct tui *t)
{
	const struct canvas *c = t->canvas;
	bool full = t->prev->w != c->w || t->prev->h != c->h;

	for (int y = 0; y < c->h && y < LINES; y++)
		for (int x = 0; x < c->w && x < COLS; x++) {
			const struct cell *cell = canvas_at(c, x, y);
			wchar_t wc[2] = { (wchar_t)canvas_glyph(cell, t->ui.utf8), 0 };
			cchar_t cc;

			/* The right half of a wide character is drawn with its left half. */
			if (!wc[0] || (!full && same_cell(cell, canvas_at(t->prev, x, y))))
				continue;
			setcchar(&cc, wc, curses_attr(cell->style, t->color),
				 t->color ? cell->style + 1 : 0, NULL);
			mvadd_wch(y, x, &cc);
		}
	wnoutrefresh(stdscr);
	doupdate();
	if (full && canvas_resize(t->prev, c->w, c->h))
		return; /* without memory for it, the next frame is blitted in full */
	memcpy(t->prev->cells, c->cells, sizeof(*c->cells) * c->w * c->h);
}

static int draw(struct tui *t)
{
	if (!t->shown || !t->ui.paused) {
		struct snapshot *s = snapshot_dup(t->src->ops->snapshot(t->src));

		if (!s)
			return -ENOMEM;
		snapshot_free(t->shown);
		t->shown = s;
	}
	if (t->canvas->w != COLS || t->canvas->h != LINES)
		if (canvas_resize(t->canvas, COLS, LINES))
			return -ENOMEM;
	t->ui.clock = mono_now();
	ui_render(&t->ui, t->shown, t->canvas);
	blit(t);
	return 0;
}

static int on_ticked(void *ctx)
{
	struct tui *t = ctx;

	t->ticked = true;
	return 0;
}

/* Probes are still being attached: the picture fills in between ticks. */
static bool attaching(const struct snapshot *s)
{
	for (int i = 0; s && i < s->nifaces; i++)
		if (s->ifaces[i].pending)
			return true;
	return false;
}

/* A frame only when something would change: news from the source, markers running, a message
 * fading, attaching going on. An idle screen costs one frame per interval, a paused one none
 * (keys still redraw) unless a path is being replayed on it. */
static int on_refresh(void *ctx)
{
	struct tui *t = ctx;

	/* A replay goes on while paused: pause, then replay, is how a path is shown to people. */
	if ((t->ui.paused && !t->ui.replay_id) ||
	    (!t->ticked && !t->ui.animating && !t->ui.msg_frames && !attaching(t->shown)))
		return 0;
	t->ticked = false;
	return draw(t);
}

static int on_winch(void *ctx)
{
	struct tui *t = ctx;
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
		resizeterm(ws.ws_row, ws.ws_col);
	clear();
	canvas_resize(t->prev, 1, 1); /* repaint everything */
	return draw(t);
}

static int translate(wint_t ch, int kind)
{
	static const struct {
		int curses, ui;
	} map[] = {
		{ KEY_UP, UK_UP }, { KEY_DOWN, UK_DOWN }, { KEY_LEFT, UK_LEFT }, { KEY_RIGHT, UK_RIGHT },
		{ KEY_ENTER, UK_ENTER }, { KEY_BTAB, UK_BTAB }, { KEY_PPAGE, UK_PGUP },
		{ KEY_NPAGE, UK_PGDN }, { KEY_HOME, UK_HOME }, { KEY_END, UK_END },
		{ KEY_BACKSPACE, UK_BACKSPACE }, { KEY_MOUSE, 0 },
	};

	if (kind == KEY_CODE_YES) {
		for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (map[i].curses == (int)ch)
				return map[i].ui;
		return -1;
	}
	switch (ch) {
	case '\r': case '\n': return UK_ENTER;
	case '\t': return UK_TAB;
	case 27: return UK_ESC;
	}
	return (int)ch;
}

static void do_ping(struct tui *t)
{
	int err;

	if (!t->src->ops->ping) {
		ui_message(&t->ui, "this data source cannot ping");
		return;
	}
	err = t->src->ops->ping(t->src, t->ui.ping_from, t->ui.ping_to, 5);
	if (err)
		ui_message(&t->ui, "ping from %s to %s: %s", t->ui.ping_from, t->ui.ping_to, strerror(-err));
	else
		ui_message(&t->ui, "pinging %s from %s (5 echo requests)", t->ui.ping_to, t->ui.ping_from);
}

/* The why pane opens at once and says it is running; the answer comes with the snapshots. */
static void do_why(struct tui *t)
{
	int err;

	if (!t->src->ops->why) {
		ui_message(&t->ui, "this data source cannot run why");
		return;
	}
	err = t->src->ops->why(t->src, t->ui.ping_from, t->ui.ping_to);
	if (err) {
		ui_message(&t->ui, "why %s %s: %s", t->ui.ping_from, t->ui.ping_to, strerror(-err));
		return;
	}
	t->ui.why_open = true;
	t->ui.why_top = 0;
	t->ui.paused = false; /* the answer comes with the next snapshots */
}

static enum ui_action mouse(struct tui *t)
{
	MEVENT ev;

	if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)))
		return UA_NONE;
	return ui_click(&t->ui, ev.x, ev.y, ev.bstate & BUTTON1_DOUBLE_CLICKED, t->shown);
}

static int on_keys(void *ctx)
{
	struct tui *t = ctx;
	wint_t ch;
	int kind;

	t->ui.clock = mono_now(); /* a replay starts now, not at the last frame */
	while ((kind = get_wch(&ch)) != ERR) {
		int key = translate(ch, kind);

		enum ui_action a;

		/* resizeterm() in on_winch queues KEY_RESIZE: the resize is done already. */
		if (key < 0 || !t->shown)
			continue;
		a = kind == KEY_CODE_YES && ch == KEY_MOUSE ? mouse(t) : ui_key(&t->ui, key, t->shown);
		switch (a) {
		case UA_QUIT: return 1;
		case UA_PING: do_ping(t); break;
		case UA_WHY: do_why(t); break;
		case UA_NONE: break;
		}
	}
	return draw(t);
}

static int tui_loop(struct tui *t)
{
	struct loop *l = loop_new();
	int err;

	if (!l)
		return -ENOMEM;
	t->run = (struct loop_source){ .src = t->src, .after_tick = on_ticked, .ctx = t };
	/* Keys, then the source; the refresh timer before the tick, as the loop fires them in
	 * this order. */
	err = loop_add_fd(l, STDIN_FILENO, on_keys, t);
	if (!err)
		err = loop_add_timer(l, 1.0 / (t->opts->refresh > 0 ? t->opts->refresh : 4), on_refresh,
				     t);
	if (!err)
		err = loop_source_add(l, &t->run, t->opts->interval > 0 ? t->opts->interval : 1);
	if (!err)
		err = loop_add_signal(l, SIGWINCH, on_winch, t);
	if (!err)
		err = draw(t);
	if (!err)
		err = loop_run(l, t->opts->duration);
	loop_free(l);
	return err;
}

int tui_run(struct source *src, const struct tui_opts *opts)
{
	struct tui t = { .src = src, .opts = opts };
	bool utf8;
	int err;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "nsviz: UI: stdin and stdout must be a terminal\n");
		return -ENOTTY;
	}
	err = term_open(&t, &utf8);
	if (err) {
		fprintf(stderr, "nsviz: UI: open the terminal: %s\n", strerror(-err));
		return err;
	}
	ui_init(&t.ui, t.color, utf8);
	if (t.opts->interval > 0)
		t.ui.interval = t.opts->interval;
	t.canvas = canvas_new(COLS > 0 ? COLS : 80, LINES > 0 ? LINES : 24);
	t.prev = canvas_new(1, 1);
	err = t.canvas && t.prev ? tui_loop(&t) : -ENOMEM;
	term_restore();
	delscreen(t.screen);
	ui_fini(&t.ui);
	canvas_free(t.canvas);
	canvas_free(t.prev);
	snapshot_free(t.shown);
	if (err && !t.run.said)
		fprintf(stderr, "nsviz: UI: %s\n", strerror(-err));
	return err;
}
