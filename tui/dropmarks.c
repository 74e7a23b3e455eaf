// SPDX-License-Identifier: GPL-2.0
/* See dropmarks.h. The rate is the model's fading one (snap_iface.drop_rate), so a mark stays a
 * few seconds after the last drop: long enough to be seen, never for good. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "dropmarks.h"
#include "dropwords.h"
#include "ui.h"

bool dropping(const struct snap_iface *f)
{
	return f && !f->pending && f->drop_rate > 0;
}

const char *drop_mark(bool utf8)
{
	return utf8 ? "\u2717" : "x";
}

char *drop_rate_str(const struct snap_iface *f, char *buf, size_t len)
{
	snprintf(buf, len, f->drop_rate < 9.95 ? "%.1f drop/s" : "%.0f drop/s", f->drop_rate);
	return buf;
}

/* F is one of box N's: an interface of its namespace, or its bridge's device or port. */
static bool in_node(const struct topo *t, const struct lnode *n, const struct snap_iface *f)
{
	if (n->kind == LNODE_NETNS)
		return !strcmp(f->netns, t->netns[n->index].name);
	return !*f->netns && (!strcmp(f->bridge, t->bridges[n->index].name) ||
			      (f->veth < 0 && !strcmp(f->ifname, t->bridges[n->index].name)));
}

const struct snap_iface *drop_worst(const struct snapshot *s, const struct layout *l, int sel)
{
	const struct snap_iface *best = NULL;

	for (int i = 0; i < s->nifaces && sel >= 0; i++) {
		const struct snap_iface *f = &s->ifaces[i];
		bool mine = sel < l->nnodes ? in_node(s->topo, &l->nodes[sel], f)
			  : sel < l->nnodes + l->nlinks && f->veth == l->links[sel - l->nnodes].veth;

		if (mine && dropping(f) && (!best || f->drop_rate > best->drop_rate))
			best = f;
	}
	return best;
}

void drop_port_mark(const struct region *r, int x, int y, const char *name, bool utf8)
{
	const struct cell *c = rg_get(r, x - 1, y);
	bool left = c && (!c->ch || c->ch == ' ') && !(c->lines & LN_DIRS);

	rg_text(r, left ? x - 1 : x + text_width(name), y, 1, ST_WARN, drop_mark(utf8));
}

int drop_info(const struct ui *ui, const struct snapshot *s, const struct region *r, int y)
{
	const struct snap_iface *f;
	const char *words;
	char where[80], rate[32], text[320];

	if (ui->view != VIEW_TOPOLOGY || ui->layout_topo != s->topo || y >= r->h ||
	    !(f = drop_worst(s, &ui->layout, ui->sel)))
		return 0;
	words = drop_words(f->drop_reason);
	snprintf(text, sizeof(text), "%s %s %s, %" PRIu64 " so far: %s%s%s", drop_mark(ui->utf8),
		 ui_where(s->topo, f->netns, f->ifname, where, sizeof(where)),
		 drop_rate_str(f, rate, sizeof(rate)), f->drops, f->drop_reason, words ? ", " : "",
		 words ? words : "");
	rg_text(r, 1, y, r->w - 2, ST_WARN, text);
	return 1;
}
