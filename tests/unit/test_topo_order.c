// SPDX-License-Identifier: GPL-2.0
/* topo_order_like: a view made again keeps the order of the one before for what stayed. */
#include <string.h>

#include "tap.h"
#include "topo.h"

static int load(const char *text, struct topo *t)
{
	return topo_parse("test", text, t, stderr);
}

int main(void)
{
	struct topo prev = { 0 }, t = { 0 };

	tap_require(!load("netns red\nnetns zed\nbridge br1\n"
			  "veth red:eth0 -- br1:p-red\nveth zed:eth0 -- br1:p-zed\n", &prev),
		    "the view before parses");
	/* Made again: blue is new and sorts first, bridge br0 is new. */
	tap_require(!load("netns blue\nnetns red\nnetns zed\nbridge br0\nbridge br1\n"
			  "veth blue:eth0 -- br1:p-blue\nveth red:eth0 -- br1:p-red\n"
			  "veth zed:eth0 10.0.0.9/24 -- br0:p-zed\nroute zed 10.9.0.0/16 via 10.0.0.1\n", &t),
		    "the view after parses");
	tap_ok(!topo_order_like(&t, &prev), "topo_order_like");
	tap_is_str(t.netns[0].name, "red", "red first, as before");
	tap_is_str(t.netns[1].name, "zed", "then zed");
	tap_is_str(t.netns[2].name, "blue", "the new namespace after them");
	tap_is_str(t.bridges[0].name, "br1", "the bridge that stayed first");
	tap_is_str(t.bridges[1].name, "br0", "the new one after it");
	tap_ok(t.veths[0].end[0].owner == 0 && t.veths[0].end[1].owner == 0 &&
	       !strcmp(t.veths[0].end[1].ifname, "p-red"),
	       "red's veth, unchanged, first; its ends name red and br1 by their new indices");
	tap_ok(!strcmp(t.veths[1].end[0].ifname, "eth0") && t.veths[1].end[0].owner == 2 &&
	       t.veths[1].end[1].owner == 0, "blue's veth (new) next: blue and br1");
	tap_ok(t.veths[2].end[0].owner == 1 && t.veths[2].end[1].owner == 1,
	       "zed's veth moved to br0 is a new one: last, on zed and br0");
	tap_is_str(t.netns[t.routes[0].netns].name, "zed", "the route is still zed's");
	topo_free(&prev);
	tap_ok(!topo_order_like(&prev, &t), "an empty view before or after is fine");
	topo_free(&t);
	return tap_done();
}
