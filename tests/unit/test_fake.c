// SPDX-License-Identifier: GPL-2.0
/* The fake source counts a demo ping as the live model does: across the router, one echo request
 * flow and one echo reply flow of one packet per echo each (not one flow of both, not one count
 * per LAN), at one packet a second while it runs, and never more than the sender's interface. */
#include <string.h>

#include "fake.h"
#include "tap.h"
#include "topo.h"

#define T0 1795975455.0
#define ECHOES 20

/* The flows of S from SRC to DST with ICMP type TYPE: how many, and the last one. */
static int flows_of(const struct snapshot *s, const char *src, const char *dst, int type,
		    const struct snap_flow **last)
{
	int n = 0;

	for (int i = 0; i < s->nflows; i++)
		if (!strcmp(s->flows[i].proto, "icmp") && !strcmp(s->flows[i].src, src) &&
		    !strcmp(s->flows[i].dst, dst) && s->flows[i].dport == type) {
			*last = &s->flows[i];
			n++;
		}
	return n;
}

static const struct snap_dir *tx_of(const struct snapshot *s, const char *netns, const char *ifname)
{
	for (int i = 0; i < s->nifaces; i++)
		if (!strcmp(s->ifaces[i].netns, netns) && !strcmp(s->ifaces[i].ifname, ifname))
			return &s->ifaces[i].tx;
	return NULL;
}

/* At AT seconds after the ping started, the request and the reply flow have WANT packets. */
static void check_echo(struct source *src, double at, uint64_t want, double pps)
{
	const struct snap_flow *req = NULL, *rep = NULL;
	const struct snapshot *s;
	const struct snap_dir *h1;

	src->ops->tick(src, T0 + 10 + at);
	s = src->ops->snapshot(src);
	tap_ok(flows_of(s, "10.0.1.2", "10.0.2.2", 8, &req) == 1 &&
		       flows_of(s, "10.0.2.2", "10.0.1.2", 0, &rep) == 1,
	       "after %.1f s: one request flow h1 -> h2 and one reply flow h2 -> h1", at);
	if (!req || !rep)
		return;
	tap_ok(req->packets == want && rep->packets == want && req->bytes == want * 98 &&
		       rep->bytes == want * 98,
	       "after %.1f s: %llu packets of 98 bytes each way (got %llu, %llu)", at,
	       (unsigned long long)want, (unsigned long long)req->packets,
	       (unsigned long long)rep->packets);
	tap_ok(req->pps == pps && rep->pps == pps && req->bps == pps * 98 * 8,
	       "after %.1f s: %g packet/s each way, in bits per second %g", at, pps, req->bps);
	tap_ok(!strcmp(req->src_netns, "h1") && !strcmp(req->dst_netns, "h2"),
	       "the request flow is h1 -> h2");
	h1 = tx_of(s, "h1", "eth0");
	tap_ok(h1 && req->packets <= h1->classes[NSVIZ_C_ICMP],
	       "the request flow does not exceed the ICMP h1:eth0 sent");
}

int main(void)
{
	struct topo t = { 0 };
	struct source *src;

	if (!tap_ok(!topo_load("router", &t, stderr), "the router topology loads"))
		return tap_done();
	src = fake_source_new(&t, 7, T0);
	if (!tap_ok(src != NULL, "a fake source on router")) {
		topo_free(&t);
		return tap_done();
	}
	src->ops->tick(src, T0 + 10);
	tap_ok(src->ops->ping(src, "h1", "10.0.2.2", ECHOES) == 0, "ping -c %d h1 -> h2", ECHOES);
	check_echo(src, 5.5, 6, 1);
	check_echo(src, 60, ECHOES, 0);
	src->ops->destroy(src);
	topo_free(&t);
	return tap_done();
}
