// SPDX-License-Identifier: GPL-2.0
/* The probes' fate in one sentence, from paths as the tracer emits them. */
#include <string.h>

#include "tap.h"
#include "why_evidence.h"

static struct snap_path path(const char *summary, const char *last_ns, const char *last_if,
			     const char *verdict, const char *reason, const char *where)
{
	struct snap_path p = { .nhops = 2 };

	snprintf(p.summary, sizeof(p.summary), "%s", summary);
	snprintf(p.hops[1].netns, sizeof(p.hops[1].netns), "%s", last_ns);
	snprintf(p.hops[1].ifname, sizeof(p.hops[1].ifname), "%s", last_if);
	snprintf(p.verdict, sizeof(p.verdict), "%s", verdict);
	snprintf(p.drop_reason, sizeof(p.drop_reason), "%s", reason);
	snprintf(p.drop_where, sizeof(p.drop_where), "%s", where);
	return p;
}

static char stop[64];

static void expect(const struct snap_path *ps, int n, const char *want, const char *name)
{
	char got[256];

	why_evidence(ps, n, "10.0.0.1", "10.0.0.2", got, sizeof(got), stop, sizeof(stop));
	tap_is_str(got, want, name);
}

/* Which causes' objects are about the place a probe was dropped. */
static void test_stopped_at(void)
{
	tap_ok(why_stopped_at("green:eth0-g", "green:eth0-g"), "the same interface");
	tap_ok(why_stopped_at("green:eth0-g", "green"), "its namespace");
	tap_ok(why_stopped_at("bridge1:veth-g", "veth-g"), "a bridge port by its name");
	tap_ok(why_stopped_at("bridge1:veth-g", "bridge1"), "a port's bridge");
	tap_ok(!why_stopped_at("green:eth0-g", "gree"), "not a prefix of a name");
	tap_ok(!why_stopped_at("green:eth0-g", "red:eth0-g"), "not another namespace's interface");
	tap_ok(!why_stopped_at("", "green"), "no drop: nothing is there");
}

int main(void)
{
	struct snap_path ps[3];

	ps[0] = path("10.0.0.1 > 10.0.0.2 ICMP echo request id 1 seq 1", "green", "eth0-g",
		     "forward", "", "");
	ps[1] = path("10.0.0.2 > 10.0.0.1 ICMP echo reply id 1 seq 1", "red", "eth0-r", "forward",
		     "", "");
	expect(ps, 2, "the last probe reached green:eth0-g and an answer came back", "answered");
	expect(ps, 1, "the last probe reached green:eth0-g and no answer came back", "unanswered");
	strcpy(ps[1].verdict, "drop");
	strcpy(ps[1].drop_reason, "NOT_SPECIFIED");
	strcpy(ps[1].drop_where, "bridge1:veth-g");
	expect(ps, 2, "the last probe reached green:eth0-g and its answer was dropped at "
	       "bridge1:veth-g (NOT_SPECIFIED) and never came back",
	       "an answer dropped on its way back did not come back");
	ps[1] = path("10.0.0.2 > 10.0.0.1 ICMP echo reply id 1 seq 1", "red", "eth0-r", "forward",
		     "", "");
	strcpy(ps[0].verdict, "flood (unknown unicast)");
	strcpy(ps[0].drop_where, "blue:eth0-b"); /* a port that was not DEST discarded it */
	expect(ps, 2, "the last probe was flooded (the bridge had no FDB entry for its MAC) and an "
	       "answer came back", "flooded: reachable, but said, not where a copy was discarded");
	ps[1] = path("10.0.0.1 > 10.0.0.2 ICMP echo request id 1 seq 2", "", "veth-g", "drop",
		     "NETFILTER_DROP", "green:eth0-g");
	expect(ps, 2, "the last probe was dropped at green:eth0-g (NETFILTER_DROP)",
	       "dropped: the last probe counts, with its reason and place");
	tap_is_str(stop, "green:eth0-g", "dropped: where");
	ps[0] = path("10.0.0.1 > 10.0.0.20 ICMP echo request id 1 seq 1", "x", "y", "drop", "R",
		     "x:y");
	ps[1] = path("ARP who-has 10.0.0.2 tell 10.0.0.1", "", "bridge1", "flood", "", "");
	ps[2] = ps[1];
	expect(ps, 3, "ARP went out 2 times and was never answered; no probe left",
	       "ARP unanswered; another destination's packets are not the probe");
	ps[2] = path("ARP 10.0.0.2 is-at 02:00:00:00:00:02", "red", "eth0-r", "forward", "", "");
	expect(ps, 3, "no probe was seen on an observed interface", "ARP answered, no probe seen");
	tap_is_str(stop, "", "no probe dropped: no place");
	test_stopped_at();
	return tap_done();
}
