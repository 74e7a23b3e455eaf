// SPDX-License-Identifier: GPL-2.0
/* What the traced paths say about the probes, in one sentence: where the last probe stopped and
 * why, whether an answer came back, or that ARP went unanswered. */
#include <string.h>

#include "why_evidence.h"

/* P is a packet from A to B (its summary starts "A > B "). */
static bool between(const struct snap_path *p, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	return !strncmp(p->summary, a, la) && !strncmp(p->summary + la, " > ", 3) &&
	       !strncmp(p->summary + la + 3, b, lb) && p->summary[la + 3 + lb] == ' ';
}

/* Where P ended: the drop's place, else its last hop. */
static void last_place(const struct snap_path *p, char *buf, size_t len)
{
	const struct snap_hop *h = &p->hops[p->nhops - 1];

	if (p->drop_where[0])
		snprintf(buf, len, "%s", p->drop_where);
	else if (h->netns[0])
		snprintf(buf, len, "%s:%s", h->netns, h->ifname);
	else
		snprintf(buf, len, "%s", h->ifname);
}

static void arp_only(const struct snap_path *ps, int n, char *buf, size_t len)
{
	int asked = 0, told = 0;

	for (int i = 0; i < n; i++) {
		asked += !strncmp(ps[i].summary, "ARP who-has", 11);
		told += strstr(ps[i].summary, " is-at ") != NULL;
	}
	if (asked && !told)
		snprintf(buf, len, "ARP went out %d time%s and was never answered; no probe left",
			 asked, asked == 1 ? "" : "s");
	else
		snprintf(buf, len, "no probe was seen on an observed interface");
}

/* What became of the last ANSWER, into BUF: a dropped answer did not come back, though DEST
 * sent it (a reply to a MAC nobody has, a NOARP sender). */
static const char *answer_fate(const struct snap_path *answer, char *buf, size_t len)
{
	char where[TOPO_NETNS_MAX + TOPO_IFNAME_MAX + 2];

	if (!answer)
		return "no answer came back";
	if (strcmp(answer->verdict, "drop"))
		return "an answer came back";
	last_place(answer, where, sizeof(where));
	snprintf(buf, len, "its answer was dropped at %s (%s) and never came back", where,
		 answer->drop_reason[0] ? answer->drop_reason : "no reason given");
	return buf;
}

void why_evidence(const struct snap_path *ps, int n, const char *src, const char *dst,
		  char *buf, size_t len, char *stop, size_t stop_len)
{
	const struct snap_path *probe = NULL, *answer = NULL;
	char where[TOPO_NETNS_MAX + TOPO_IFNAME_MAX + 2], back[384];

	for (int i = 0; i < n; i++) {
		if (between(&ps[i], src, dst) && ps[i].nhops)
			probe = &ps[i];
		if (between(&ps[i], dst, src) && ps[i].nhops)
			answer = &ps[i];
	}
	stop[0] = '\0';
	if (!probe) {
		arp_only(ps, n, buf, len);
		return;
	}
	last_place(probe, where, sizeof(where));
	if (!strcmp(probe->verdict, "drop"))
		snprintf(stop, stop_len, "%s", where);
	if (!strcmp(probe->verdict, "drop"))
		snprintf(buf, len, "the last probe was dropped at %s (%s)", where,
			 probe->drop_reason[0] ? probe->drop_reason : "no reason given");
	else if (!strncmp(probe->verdict, "flood", 5))
		/* Where a flood ended says nothing: the ports that were not DEST discard it. */
		snprintf(buf, len, "the last probe was flooded (the bridge had no FDB entry for its "
			 "MAC) and %s", answer_fate(answer, back, sizeof(back)));
	else
		snprintf(buf, len, "the last probe reached %s and %s", where,
			 answer_fate(answer, back, sizeof(back)));
}

bool why_stopped_at(const char *stop, const char *object)
{
	size_t ls = strlen(stop), lo = strlen(object);

	if (!ls || !lo)
		return false;
	return !strcmp(stop, object) ||
	       (ls > lo && stop[ls - lo - 1] == ':' && !strcmp(stop + ls - lo, object)) ||
	       (ls > lo && stop[lo] == ':' && !strncmp(stop, object, lo) && !strchr(object, ':'));
}
