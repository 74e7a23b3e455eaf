// SPDX-License-Identifier: GPL-2.0
/* A path as text lines (`nsviz trace`): formatting only, no state. */
#include <stdio.h>
#include <string.h>

#include "out_paths.h"
#include "text.h"

struct fmt {
	char *buf;
	size_t len, off;
};

static void fmt_add(struct fmt *f, const char *fmt, const char *a, const char *b, const char *c)
{
	int n;

	if (f->off >= f->len)
		return;
	n = snprintf(f->buf + f->off, f->len - f->off, fmt, a, b, c);
	if (n > 0)
		f->off += n;
}

/* Hop H and what follows it: one child continues the line, several branch in { | }. */
static void fmt_hop(struct fmt *f, const struct snap_path *p, int h, int depth)
{
	const struct snap_hop *hop = &p->hops[h];
	int nchild = 0, n = 0;

	fmt_add(f, "%s:%s %s", snap_place(hop->netns, hop->bridge, hop->ifname), hop->ifname,
		hop->dir == 'r' ? "rx" : "tx");
	for (int c = h + 1; c < p->nhops; c++)
		nchild += p->hops[c].from == h;
	if (!nchild || depth > SNAP_HOPS_MAX)
		return;
	fmt_add(f, "%s%s%s", " → ", nchild > 1 ? "{ " : "", "");
	for (int c = h + 1; c < p->nhops; c++) {
		if (p->hops[c].from != h)
			continue;
		if (n++)
			fmt_add(f, "%s%s%s", " | ", "", "");
		fmt_hop(f, p, c, depth + 1);
	}
	if (nchild > 1)
		fmt_add(f, "%s%s%s", " }", "", "");
}

static void fmt_verdict(struct fmt *f, const struct snap_path *p)
{
	const struct snap_bridge_verdict *b = NULL;
	char ports[48] = "", lat[24];

	for (int i = 0; i < p->nbridges && !b; i++)
		if (!strncmp(p->bridges[i].verdict, "flood", 5))
			b = &p->bridges[i];
	if (b && !strncmp(p->verdict, "flood", 5))
		snprintf(ports, sizeof(ports), " to %u port%s%s", b->ports, b->ports == 1 ? "" : "s",
			 b->local ? " and the bridge" : "");
	snprintf(lat, sizeof(lat), ", %u µs", p->latency_us);
	fmt_add(f, "  [%s%s", p->verdict[0] ? p->verdict : "unknown", ports, "");
	if (p->drop_reason[0])
		fmt_add(f, ": %s at %s%s", p->drop_reason, p->drop_where, "");
	if (p->drop_function[0])
		fmt_add(f, " in %s%s%s", p->drop_function, "", "");
	if (p->cause[0])
		fmt_add(f, " (%s)%s%s", p->cause, "", "");
	fmt_add(f, "%s%s]", lat, p->complete ? "" : ", incomplete", "");
}

void out_paths_hops(const struct snap_path *p, char *buf, size_t len)
{
	struct fmt f = { .buf = buf, .len = len };

	buf[0] = 0;
	if (!p->nhops)
		fmt_add(&f, "%s%s%s", "(no hop observed)", "", "");
	for (int h = 0; h < p->nhops; h++)
		if (p->hops[h].from < 0) {
			if (h)
				fmt_add(&f, "%s%s%s", " ; ", "", "");
			fmt_hop(&f, p, h, 0);
		}
	fmt_verdict(&f, p);
}

void out_paths_text(FILE *out, const struct snap_path *p)
{
	char hops[2048], shown[4 * sizeof(hops)], summary[4 * sizeof(p->summary)];

	out_paths_hops(p, hops, sizeof(hops));
	fprintf(out, "%s\n  %s\n", p->summary[0] ? text_escape(p->summary, summary, sizeof(summary))
		     : "(unknown packet)", text_escape(hops, shown, sizeof(shown)));
}
