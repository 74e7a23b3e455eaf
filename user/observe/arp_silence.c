// SPDX-License-Identifier: GPL-2.0
/* See arp_silence.h. A few targets at a time (a table, the oldest replaced), each with the
 * namespace ends its requests reached and how often. A reply from the target, or a request
 * after one, starts the count again. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arp_silence.h"

#define TARGETS 64
#define REACHED_MAX 8
#define WINDOW_NS 10000000000ull /* requests older than this at the drop are not its own */

struct target {
	uint8_t ip[4];
	char sender[TOPO_NETNS_MAX + 1]; /* the namespace that asked */
	bool used, answered;             /* a reply reached the sender */
	unsigned sent;                   /* requests seen leaving the sender */
	unsigned replies;                /* replies seen leaving an end (lost on the way back) */
	uint64_t last_ns;
	struct reached {                 /* the namespace ends that received them */
		int point;
		char name[TOPO_NETNS_MAX + TOPO_IFNAME_MAX + 2]; /* "netns:ifname" */
		unsigned times;
	} reached[REACHED_MAX];
	int nreached;
};

struct arp_silence {
	arp_owner_fn owns;
	void *ctx;
	struct target t[TARGETS];
};

struct arp_silence *arp_silence_new(arp_owner_fn owns, void *ctx)
{
	struct arp_silence *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	a->owns = owns;
	a->ctx = ctx;
	return a;
}

void arp_silence_free(struct arp_silence *a)
{
	free(a);
}

/* The entry of IP, else a fresh one in place of the least recently used. */
static struct target *target(struct arp_silence *a, const uint8_t ip[4], bool create)
{
	struct target *oldest = &a->t[0];

	for (int i = 0; i < TARGETS; i++) {
		if (a->t[i].used && !memcmp(a->t[i].ip, ip, 4))
			return &a->t[i];
		if (!a->t[i].used || (oldest->used && a->t[i].last_ns < oldest->last_ns))
			oldest = &a->t[i];
	}
	if (!create)
		return NULL;
	memset(oldest, 0, sizeof(*oldest));
	oldest->used = true;
	memcpy(oldest->ip, ip, 4);
	return oldest;
}

static void reached(struct target *t, const struct arp_end *end)
{
	struct reached *r = t->reached;

	for (int i = 0; i < t->nreached; i++)
		if (r[i].point == end->point) {
			r[i].times++;
			return;
		}
	if (t->nreached == REACHED_MAX)
		return;
	r = &t->reached[t->nreached++];
	r->point = end->point;
	snprintf(r->name, sizeof(r->name), "%s:%s", end->netns, end->ifname);
	r->times = 1;
}

void arp_silence_frame(struct arp_silence *a, const uint8_t *frame, uint32_t caplen,
		       const struct arp_end *end, bool rx, uint64_t ts_ns)
{
	const uint8_t *arp = frame + 14;
	struct target *t;
	unsigned op;

	if (caplen < 42 || frame[12] != 0x08 || frame[13] != 0x06)
		return;
	op = arp[6] << 8 | arp[7];
	/* A reply's sender protocol address is the target asked for. */
	if (op == 2 && (t = target(a, arp + 14, false))) {
		t->answered |= rx && !strcmp(t->sender, end->netns);
		t->replies += !rx;
	}
	if (op != 1)
		return;
	t = target(a, arp + 24, true);
	if (t->answered || (!rx && strcmp(t->sender, end->netns))) {
		t->nreached = 0;
		t->sent = t->replies = 0;
		t->answered = false;
	}
	t->last_ns = ts_ns;
	if (rx) {
		reached(t, end);
		return;
	}
	snprintf(t->sender, sizeof(t->sender), "%s", end->netns);
	t->sent++;
}

/* The target the drop in NETNS was waiting for: DST itself, else the latest one NETNS asked for
 * and got no answer (DST was behind a gateway). */
static struct target *waited_for(struct arp_silence *a, const uint8_t dst[4], const char *netns,
				 uint64_t ts_ns)
{
	struct target *t = target(a, dst, false), *best = NULL;

	if (t && !t->answered && !strcmp(t->sender, netns) && ts_ns - t->last_ns < WINDOW_NS)
		return t;
	for (int i = 0; i < TARGETS; i++) {
		t = &a->t[i];
		if (t->used && !t->answered && t->sent && !strcmp(t->sender, netns) &&
		    ts_ns - t->last_ns < WINDOW_NS && (!best || t->last_ns > best->last_ns))
			best = t;
	}
	return best;
}

/* WORDS for T when no end that got its requests has the address: the first one, how many more. */
static void nobody(const struct target *t, const char *ip, char *words, size_t words_len)
{
	char more[32] = "";

	if (!t->nreached) {
		snprintf(words, words_len, "ARP for %s was sent %u time%s and reached no namespace",
			 ip, t->sent, t->sent == 1 ? "" : "s");
		return;
	}
	if (t->nreached > 1)
		snprintf(more, sizeof(more), " (and %d more end%s)", t->nreached - 1,
			 t->nreached > 2 ? "s" : "");
	snprintf(words, words_len, "ARP for %s reached %s %u time%s%s and was never answered: "
		 "none of them has %s", ip, t->reached[0].name, t->reached[0].times,
		 t->reached[0].times == 1 ? "" : "s", more, ip);
}

int arp_silence_explain(struct arp_silence *a, const uint8_t dst[4], const char *netns,
			uint64_t ts_ns, char *words, size_t words_len, char *where, size_t where_len)
{
	struct target *t = waited_for(a, dst, netns, ts_ns);
	char ip[16];

	if (!t)
		return -ENOENT;
	snprintf(ip, sizeof(ip), "%u.%u.%u.%u", t->ip[0], t->ip[1], t->ip[2], t->ip[3]);
	where[0] = 0;
	for (int i = 0; i < t->nreached; i++) {
		const struct reached *r = &t->reached[i];

		if (!a->owns(r->point, t->ip, a->ctx))
			continue;
		snprintf(where, where_len, "%s", r->name);
		if (t->replies)
			snprintf(words, words_len, "ARP for %s reached %s %u time%s; its answers "
				 "never reached %s", ip, r->name, r->times, r->times == 1 ? "" : "s",
				 netns[0] ? netns : "the host");
		else
			snprintf(words, words_len, "ARP for %s reached %s %u time%s and was never "
				 "answered", ip, r->name, r->times, r->times == 1 ? "" : "s");
		return 0;
	}
	nobody(t, ip, words, words_len);
	return 0;
}
