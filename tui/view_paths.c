// SPDX-License-Identifier: GPL-2.0
/* Recent packet paths; the selected one is drawn hop by hop on the topology, with the time of
 * each hop, what each bridge decided, and for a drop the kernel's reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "ui.h"

/* The kernel's skb drop reasons that nsviz's topologies meet, in words. */
static const char *reason_words(const char *reason)
{
	static const char *const words[][2] = {
		{ "NO_SOCKET", "nothing listens on that port" },
		{ "NOT_SPECIFIED", "no reason given by the kernel" },
		{ "OTHERHOST", "not addressed to this host" },
		{ "NETFILTER_DROP", "a netfilter rule dropped it" },
		{ "IP_RPFILTER", "reverse path filter" },
		{ "IP_NOPROTO", "no handler for that IP protocol" },
		{ "IP_OUTNOROUTES", "no route to the destination" },
		{ "IP_INADDRERRORS", "bad destination address" },
		{ "IP_INHDR", "bad IP header" },
		{ "IP_CSUM", "bad IP checksum" },
		{ "PKT_TOO_SMALL", "packet too small" },
		{ "DEV_READY", "the interface is down" },
		{ "NEIGH_FAILED", "ARP/ND got no answer" },
		{ "NEIGH_QUEUEFULL", "too many packets waiting for ARP" },
		{ "QDISC_DROP", "the queue discipline dropped it" },
		{ "SOCKET_RCVBUFF", "the socket's receive buffer is full" },
		{ "UNHANDLED_PROTO", "protocol not handled" },
		{ "TC_INGRESS", "a tc program dropped it" },
		{ "XDP", "an XDP program dropped it" },
		{ "IPV6DISABLED", "IPv6 is disabled there" },
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(reason, words[i][0]))
			return words[i][1];
	return NULL;
}

/* "bridge1 forwarded to 1 port", "lan1 flooded to 2 ports", "br0 delivered it locally". */
static int bridge_verdicts(const struct region *r, int x, int y, const struct snap_path *p)
{
	for (int i = 0; i < p->nbridges && i < SNAP_PATH_BRIDGES; i++) {
		const struct snap_bridge_verdict *b = &p->bridges[i];

		if (!b->verdict[0])
			continue;
		x += rg_printf(r, x, y, -1, ST_BRIDGE_NAME, " %s", b->bridge);
		x += rg_printf(r, x, y, -1, ST_NORMAL, " %s", !strcmp(b->verdict, "forward") ? "forwarded"
							  : !strcmp(b->verdict, "flood") ? "flooded"
							  : !strcmp(b->verdict, "flood (unknown unicast)")
							  ? "flooded (unknown unicast)"
							  : !strcmp(b->verdict, "local") ? "delivered it locally"
							  : !strcmp(b->verdict, "drop") ? "dropped it" : b->verdict);
		if (b->ports && strcmp(b->verdict, "drop"))
			x += rg_printf(r, x, y, -1, ST_NORMAL, " to %u port%s", b->ports, b->ports == 1 ? "" : "s");
		if (b->local)
			x += rg_text(r, x, y, -1, ST_NORMAL, " +local");
		x += rg_text(r, x, y, -1, ST_DIM, i + 1 < p->nbridges ? ";" : "");
	}
	return x;
}

static enum style verdict_style(const struct snap_path *p)
{
	if (!strcmp(p->verdict, "drop"))
		return ST_WARN;
	if (!strncmp(p->verdict, "flood", 5))
		return ST_ARP;
	return ST_ICMP;
}

/* "red:eth0-r tx → bridge1:veth-r rx → ..." wrapped over the rows of R from Y. */
static int hop_lines(const struct ui *ui, const struct topo *t, const struct region *r, int y,
		     const struct snap_path *p)
{
	int x = 1;

	for (int h = 0; h < p->nhops && y < r->h; h++) {
		const struct snap_hop *hop = &p->hops[h];
		char buf[200], where[96];

		snprintf(buf, sizeof(buf), "%s %s +%u%s", ui_where(t, hop->netns, hop->ifname, where, sizeof(where)),
			 hop->dir == 't' ? "tx" : "rx", hop->t_us, ui->utf8 ? "\u00b5s" : "us");
		if (x > 1 && x + text_width(buf) + 3 > r->w) {
			x = 3;
			y++;
		}
		if (h > 0)
			x += rg_text(r, x, y, -1, ST_DIM, ui->utf8 ? " \u2192 " : " > ");
		x += rg_printf(r, x, y, -1, ST_PATH, "%d", h + 1);
		x += rg_text(r, x + 1, y, -1, ST_NORMAL, buf) + 1;
	}
	return y + 1;
}

/* The summary, the verdict in words (for a drop: where and why), then the hops. */
static void path_detail(const struct ui *ui, const struct topo *t, const struct region *r, int y,
			const struct snap_path *p)
{
	const char *words = p->cause[0] ? p->cause : reason_words(p->drop_reason);
	char buf[512];
	int x;

	if (y >= r->h)
		return;
	x = 1 + rg_printf(r, 1, y, -1, ST_BOLD, "%s ", p->summary);
	x += rg_printf(r, x, y, -1, verdict_style(p), "[%s]", p->verdict);
	snprintf(buf, sizeof(buf), " %u%s end to end%s", p->latency_us, ui->utf8 ? "\u00b5s" : "us",
		 p->complete ? "" : ", incomplete");
	rg_text(r, x, y, -1, ST_NORMAL, buf);
	x = bridge_verdicts(r, 0, ++y, p);
	if (!strcmp(p->verdict, "drop")) {
		snprintf(buf, sizeof(buf), "dropped%s%s: %s%s%s%s%s%s", *p->drop_where ? " at " : "",
			 p->drop_where, p->drop_reason[0] ? p->drop_reason : "reason unknown",
			 *p->drop_function ? " in " : "", p->drop_function, words ? " (" : "",
			 words ? words : "", words ? ")" : "");
		if (x > 0)
			x += rg_text(r, x, y, -1, ST_DIM, ";");
		rg_text(r, x + 1, y, r->w - x - 2, ST_WARN, buf);
	}
	hop_lines(ui, t, r, y + 1, p);
}

void view_paths(struct ui *ui, const struct snapshot *s, const struct region *r)
{
	const struct layout *l = ui_layout(ui, s->topo, r->w);
	const struct snap_path *sel = ui_selected_path(ui, s);
	int th = l->h + 1 > r->h - 10 ? r->h - 10 : l->h + 1, *row = ui_row(ui, VIEW_PATHS), top, n, *idx;
	struct region topo = region_sub(r, 0, 0, r->w, th < 3 ? 3 : th);
	struct region list = region_sub(r, 0, topo.h, r->w, r->h - topo.h);
	int lh = list.h - 4;

	view_topology(ui, s, &topo, sel);
	ui_header(&list, 0, " PATHS     SUMMARY", true);
	rg_text(&list, list.w - 19, 0, -1, ST_TAB_ACTIVE, "VERDICT   LATENCY");
	if (!sel) {
		rg_text(&list, 2, 1, -1, ST_DIM, ui->filter[0] ? "no paths match the filter"
							     : "no packet paths yet (press p to ping)");
		return;
	}
	idx = ui_shown_paths(ui, s, &n);
	top = ui_scroll(row, n, lh - 1);
	for (int i = top, y = 1; idx && i < n && y < lh; i++, y++) {
		const struct snap_path *p = &s->paths[idx[i]];
		enum style st = i == *row ? ST_SELECTED : ST_NORMAL;
		char clock[16];

		rg_fill(&list, 0, y, list.w, 1, st);
		rg_printf(&list, 1, y, -1, st, "%s", fmt_clock(p->time, clock, sizeof(clock)));
		rg_text(&list, 11, y, list.w - 31, st, p->summary);
		rg_printf(&list, list.w - 19, y, -1, st == ST_SELECTED ? st : verdict_style(p), "%-8s", p->verdict);
		rg_printf(&list, list.w - 10, y, -1, st, "%7u%s", p->latency_us, ui->utf8 ? "\u00b5s" : "us");
	}
	free(idx);
	path_detail(ui, s->topo, &list, lh, sel);
}
