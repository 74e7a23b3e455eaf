// SPDX-License-Identifier: GPL-2.0
/* One table decides the look. Monochrome relies on bold, dim, reverse and underline alone, so the
 * screen stays readable with NO_COLOR or on a terminal without colours. */
#include "style.h"

enum { K, R, G, Y, B, M, C, W, D = COLOR_DEFAULT };

static const struct {
	struct attr color, mono;
} table[ST_COUNT] = {
	[ST_NORMAL] = { { D, D, 0 }, { D, D, 0 } },
	[ST_DIM] = { { D, D, ATTR_DIM }, { D, D, ATTR_DIM } },
	[ST_BOLD] = { { D, D, ATTR_BOLD }, { D, D, ATTR_BOLD } },
	[ST_NS] = { { C, D, 0 }, { D, D, 0 } },
	[ST_NS_NAME] = { { C, D, ATTR_BOLD }, { D, D, ATTR_BOLD } },
	[ST_BRIDGE] = { { B, D, 0 }, { D, D, 0 } },
	[ST_BRIDGE_NAME] = { { B, D, ATTR_BOLD }, { D, D, ATTR_BOLD | ATTR_UNDERLINE } },
	[ST_ADDR] = { { D, D, 0 }, { D, D, 0 } },
	[ST_LINK_IDLE] = { { D, D, ATTR_DIM }, { D, D, ATTR_DIM } },
	[ST_LINK_ACTIVE] = { { G, D, 0 }, { D, D, 0 } },
	[ST_LINK_HOT] = { { Y, D, ATTR_BOLD }, { D, D, ATTR_BOLD } },
	[ST_LINK_DOWN] = { { R, D, ATTR_DIM }, { D, D, ATTR_DIM } },
	[ST_PACKET] = { { W, D, ATTR_BOLD }, { D, D, ATTR_BOLD } },
	[ST_LABEL] = { { G, D, 0 }, { D, D, 0 } },
	[ST_SELECTED] = { { K, C, 0 }, { D, D, ATTR_REVERSE } },
	[ST_FOCUSED] = { { Y, D, ATTR_BOLD }, { D, D, ATTR_BOLD | ATTR_UNDERLINE } },
	[ST_PATH] = { { M, D, ATTR_BOLD }, { D, D, ATTR_BOLD | ATTR_REVERSE } },
	[ST_HEADER] = { { K, G, 0 }, { D, D, ATTR_REVERSE } },
	[ST_TITLE] = { { C, D, ATTR_BOLD }, { D, D, ATTR_BOLD } },
	[ST_TAB] = { { W, B, 0 }, { D, D, ATTR_REVERSE } },
	[ST_TAB_ACTIVE] = { { K, C, ATTR_BOLD }, { D, D, ATTR_BOLD } },
	[ST_STATUS] = { { W, B, 0 }, { D, D, ATTR_REVERSE } },
	[ST_STATUS_KEY] = { { Y, B, ATTR_BOLD }, { D, D, ATTR_REVERSE | ATTR_BOLD } },
	[ST_WARN] = { { W, R, ATTR_BOLD }, { D, D, ATTR_BOLD | ATTR_UNDERLINE } },
	[ST_ARP] = { { Y, D, 0 }, { D, D, 0 } },
	[ST_ICMP] = { { G, D, 0 }, { D, D, 0 } },
	[ST_FDB] = { { B, D, ATTR_BOLD }, { D, D, 0 } },
	[ST_FLOW] = { { C, D, 0 }, { D, D, 0 } },
	[ST_SPARK] = { { G, D, 0 }, { D, D, 0 } },
	[ST_MISMATCH] = { { M, D, ATTR_BOLD | ATTR_UNDERLINE }, { D, D, ATTR_UNDERLINE } },
};

struct attr style_attr(enum style s, bool color)
{
	if ((unsigned)s >= ST_COUNT)
		s = ST_NORMAL;
	return color ? table[s].color : table[s].mono;
}
