// SPDX-License-Identifier: GPL-2.0
/* See linkstate.h. The kernel's words are kept where they are the clearest (a port's STP state);
 * "no carrier" covers the RFC 2863 states of an interface that is up but cannot pass packets. */
#include <string.h>

#include "linkstate.h"

enum lstate lstate_of(const struct snap_iface *f)
{
	const struct snap_link *l = f ? &f->link : NULL;

	if (!l || !l->known)
		return LS_OK;
	if (!l->present)
		return LS_MISSING;
	if (!l->admin_up)
		return LS_DOWN;
	if (l->is_port && *l->port.state && strcmp(l->port.state, "forwarding"))
		return LS_PORT;
	if (!l->carrier || !strcmp(l->oper, "lowerlayerdown") || !strcmp(l->oper, "down"))
		return LS_NOCARRIER;
	return LS_OK;
}

int lstate_worse(const struct snap_iface *a, const struct snap_iface *b)
{
	return lstate_of(b) > lstate_of(a);
}

/* A port state in two or three letters: "disabled" DIS, "blocking" BLK, "listening" LSN,
 * "learning" LRN. */
static const char *port_short(const char *state)
{
	static const char *const names[][2] = {
		{ "disabled", "DIS" }, { "blocking", "BLK" }, { "listening", "LSN" }, { "learning", "LRN" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(state, names[i][0]))
			return names[i][1];
	return "PRT";
}

const char *lstate_mark(enum lstate st, const struct snap_iface *f, int form, bool utf8)
{
	static const char *const words[][2] = {
		[LS_NOCARRIER] = { "no carrier", "NC" },
		[LS_DOWN] = { "DOWN", "DN" },
		[LS_MISSING] = { "missing", "MIS" },
	};

	if (st == LS_OK)
		return NULL;
	if (form >= 2)
		return utf8 ? "\u2717" : "x";
	if (st == LS_PORT)
		return form ? port_short(f->link.port.state) : f->link.port.state;
	return words[st][form];
}

const char *lmismatch(const struct snap_iface *f)
{
	return f && f->link.known && *f->link.mismatch ? f->link.mismatch : NULL;
}

const char *lmismatch_mark(bool utf8)
{
	return utf8 ? "\u2260" : "!";
}

const char *lstate_word(const struct snap_iface *f)
{
	enum lstate st = lstate_of(f);

	if (!f || !f->link.known)
		return "";
	return st == LS_OK ? "up" : lstate_mark(st, f, 0, false);
}
