/* SPDX-License-Identifier: GPL-2.0 */
/* What a cell means (a style), and how that looks in colour or in monochrome. Pure data: the
 * canvas stores styles, the golden dumps and the ncurses blit resolve them the same way. */
#ifndef NSVIZ_STYLE_H
#define NSVIZ_STYLE_H

#include <stdbool.h>
#include <stdint.h>

enum style {
	ST_NORMAL,
	ST_DIM,
	ST_BOLD,
	ST_NS,          /* namespace box frame */
	ST_NS_NAME,
	ST_BRIDGE,      /* bridge box frame */
	ST_BRIDGE_NAME,
	ST_ADDR,
	ST_LINK_IDLE,
	ST_LINK_ACTIVE,
	ST_LINK_HOT,
	ST_LINK_DOWN,   /* a link whose live state is wrong (down, no carrier, ...) */
	ST_PACKET,      /* the marker travelling along a busy link */
	ST_LABEL,       /* link rate labels */
	ST_SELECTED,    /* the selected item or row */
	ST_FOCUSED,     /* the focused namespace or link */
	ST_PATH,        /* a path's hops on the topology */
	ST_HEADER,      /* table headers */
	ST_TITLE,       /* pane titles */
	ST_TAB,
	ST_TAB_ACTIVE,
	ST_STATUS,
	ST_STATUS_KEY,
	ST_WARN,        /* lost events, drops */
	ST_ARP,
	ST_ICMP,
	ST_FDB,
	ST_FLOW,
	ST_SPARK,
	ST_MISMATCH,    /* an object that differs from the topology file */
	ST_COUNT,
};

enum { ATTR_BOLD = 1, ATTR_DIM = 2, ATTR_REVERSE = 4, ATTR_UNDERLINE = 8 };

/* Colours as in curses: 0 black .. 7 white; COLOR_DEFAULT leaves the terminal's own. */
enum { COLOR_DEFAULT = 255 };

struct attr {
	uint8_t fg, bg, flags;
};

struct attr style_attr(enum style s, bool color);

#endif
