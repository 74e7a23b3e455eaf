// SPDX-License-Identifier: GPL-2.0
/* The topology parser: every refusal with its exact line, column and message; several errors at
 * once; the built-ins; comments, any order, IPv6; what `nsviz show` prints. No root needed. */
#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "tap.h"
#include "topo.h"

/* Parse TEXT as "t.topo"; returns what went to the error stream (caller frees). */
static char *parse(const char *text, struct topo *t, int *ret)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	*ret = topo_parse("t.topo", text, t, f);
	fclose(f);
	return buf;
}

static const struct refusal {
	const char *name, *text, *errors;
} refusals[] = {
	/* statements and words */
	{ "unknown keyword", "netns a\nnamespace b\n",
	  "t.topo:2:1: unknown keyword 'namespace'; expected netns, bridge, veth, port or route\n" },
	{ "netns without a name", "netns\n",
	  "t.topo:1:6: missing words: expected 'netns NAME [forwarding]'\n" },
	{ "netns with an unknown option", "netns a fwd\n",
	  "t.topo:1:9: unknown netns option 'fwd'; the only one is 'forwarding'\n" },
	{ "netns with an extra word", "netns a forwarding now\n",
	  "t.topo:1:20: unexpected 'now' after 'netns NAME [forwarding]'\n" },
	{ "bridge without a name", "  bridge   # no name\n",
	  "t.topo:1:9: missing words: expected 'bridge [NS:]NAME [ADDR/PREFIX] [OPTIONS]'\n" },
	{ "bridge with an extra word", "bridge br 10.0.0.1/24 x\n",
	  "t.topo:1:23: unexpected 'x': a bridge takes one address and the options mtu N, down, "
	  "stp, vlan_filtering\n" },
	{ "bridge with two addresses", "bridge br 10.0.0.1/24 10.0.1.1/24\n",
	  "t.topo:1:23: unexpected '10.0.1.1/24': a bridge takes one address and the options mtu N, "
	  "down, stp, vlan_filtering\n" },
	/* link options */
	{ "mtu without a number", "netns a\nveth a:e mtu -- a:f\n",
	  "t.topo:2:14: 'mtu' needs a number, e.g. mtu 9000\n" },
	{ "mtu at the end of a bridge line", "bridge br mtu\n",
	  "t.topo:1:14: 'mtu' needs a number, e.g. mtu 9000\n" },
	{ "mtu too small", "netns a\nveth a:e -- a:f mtu 67\n",
	  "t.topo:2:21: MTU '67' is not a number from 68 to 65535\n" },
	{ "mtu not a number", "bridge br mtu 9k\n",
	  "t.topo:1:15: MTU '9k' is not a number from 68 to 65535\n" },
	{ "port option on a namespace end", "netns a\nbridge br\nveth a:e down hairpin -- br:p\n",
	  "t.topo:3:15: nolearning, noflood, isolated and hairpin are options of a bridge port; "
	  "a:e is in a namespace\n" },
	{ "port option on a bridge", "bridge br isolated\n",
	  "t.topo:1:11: unexpected 'isolated': a bridge takes one address and the options mtu N, "
	  "down, stp, vlan_filtering\n" },
	{ "route with a missing word", "netns a\nroute a default via\n",
	  "t.topo:2:20: missing words: expected 'route NS (default | PREFIX) via ADDR'\n" },
	{ "route with an extra word", "netns a\nveth a:e 10.0.0.1/24 -- a:f\n"
	  "route a default via 10.0.0.2 dev e\n",
	  "t.topo:3:30: unexpected 'dev' after 'route NS (default | PREFIX) via ADDR'\n" },
	{ "route without 'via'", "netns a\nveth a:e 10.0.0.1/24 -- a:f\nroute a default by 10.0.0.2\n",
	  "t.topo:3:17: expected 'via', got 'by' (route NS (default | PREFIX) via ADDR)\n" },
	{ "veth without '--'", "netns a\nveth a:e a:f\n",
	  "t.topo:2:6: expected 'veth OWNER:IFNAME [ADDR/PREFIX ...] -- OWNER:IFNAME [ADDR/PREFIX ...]'\n" },
	{ "veth without a first end", "netns a\nveth -- a:f\n",
	  "t.topo:2:6: missing end before '--'\n" },
	{ "veth without a second end", "netns a\nveth a:e --\n",
	  "t.topo:2:12: missing end after '--'\n" },
	{ "veth with two '--'", "netns a\nveth a:e -- a:f -- a:g\n",
	  "t.topo:2:17: a veth has two ends; found a second '--'\n" },
	{ "end that is not OWNER:IFNAME", "netns a\nveth a -- a:f\n",
	  "t.topo:2:6: 'a' is not OWNER:IFNAME (e.g. red:eth0)\n" },
	{ "end without an owner", "netns a\nveth :e -- a:f\n",
	  "t.topo:2:6: missing OWNER before ':' in ':e'\n" },
	/* namespace names */
	{ "netns name with '/'", "netns a/b\n",
	  "t.topo:1:8: namespace name 'a/b' contains '/'; use letters, digits, '-', '_' or '.'\n" },
	{ "netns name '.'", "netns .\n",
	  "t.topo:1:7: namespace name '.' is not allowed (it is a directory)\n" },
	{ "netns name '..'", "netns ..\n",
	  "t.topo:1:7: namespace name '..' is not allowed (it is a directory)\n" },
	{ "netns name over 64 bytes",
	  "netns aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
	  "t.topo:1:7: namespace name is 65 bytes; at most 64 are allowed\n" },
	{ "netns name with a control character", "netns a\033b\n",
	  "t.topo:1:8: namespace name 'a\\x1bb' contains a control character; use letters, digits, "
	  "'-', '_' or '.'\n" },
	{ "netns name with ':'", "netns a:b\n",
	  "t.topo:1:8: ':' in namespace name 'a:b' (':' separates OWNER from IFNAME)\n" },
	{ "netns name starting with '-'", "netns -a\n",
	  "t.topo:1:7: namespace name '-a' starts with '-' (it would read as an option to `ip netns`)\n" },
	/* interface names */
	{ "interface name over 15 bytes", "netns a\nveth a:abcdefghijklmnop -- a:f\n",
	  "t.topo:2:8: interface name 'abcdefghijklmnop' is 16 bytes; the kernel allows at most 15\n" },
	{ "interface name with '/'", "netns a\nveth a:e/1 -- a:f\n",
	  "t.topo:2:9: interface name 'e/1' contains '/', which the kernel refuses\n" },
	{ "interface name with ':'", "netns a\nveth a:e:1 -- a:f\n",
	  "t.topo:2:9: interface name 'e:1' contains ':', which the kernel refuses\n" },
	{ "interface name with '%'", "netns a\nveth a:e%d -- a:f\n",
	  "t.topo:2:9: interface name 'e%d' contains '%': the kernel would take it as a template "
	  "and pick a name of its own\n" },
	{ "empty interface name", "netns a\nveth a: -- a:f\n",
	  "t.topo:2:8: empty interface name\n" },
	{ "interface name with a tab-like control character", "netns a\nveth a:e\vx -- a:f\n",
	  "t.topo:2:9: interface name 'e\\x0bx' contains a control character (it would drive the "
	  "terminals that show it)\n" },
	{ "netns name with a C1 control character (CSI) in UTF-8", "netns a\xc2\x9b" "31m\n",
	  "t.topo:1:8: namespace name 'a\\xc2\\x9b31m' contains a control character; use letters, "
	  "digits, '-', '_' or '.'\n" },
	{ "bridge name with a C1 control byte", "bridge b\x85x\n",
	  "t.topo:1:9: bridge name 'b\\x85x' contains a control character (it would drive the "
	  "terminals that show it)\n" },
	{ "interface name '..'", "netns a\nveth a:.. -- a:f\n",
	  "t.topo:2:8: interface name '..' is not allowed by the kernel\n" },
	{ "interface name 'lo'", "netns a\nveth a:lo -- a:f\n",
	  "t.topo:2:8: 'lo' is the loopback interface every namespace already has\n" },
	{ "bridge name over 15 bytes", "bridge bridge-of-the-lan\n",
	  "t.topo:1:8: bridge name 'bridge-of-the-lan' is 17 bytes; the kernel allows at most 15\n" },
	/* duplicates and owners */
	{ "netns declared twice", "netns a\n\nnetns a\n",
	  "t.topo:3:7: netns 'a' is already declared at line 1\n" },
	{ "bridge declared twice", "bridge b\nbridge b\n",
	  "t.topo:2:8: bridge 'b' is already declared at line 1\n" },
	{ "name both netns and bridge", "netns x\nbridge x\n",
	  "t.topo:2:8: 'x' is both a netns (line 1) and a bridge; an owner must name one thing\n" },
	{ "interface twice in one netns", "netns a\nbridge b\nveth a:e -- b:p\nveth a:e -- b:q\n",
	  "t.topo:4:8: interface 'e' already exists in a (line 3)\n" },
	{ "both ends of a veth with one name", "netns a\nveth a:e -- a:e\n",
	  "t.topo:2:15: interface 'e' already exists in a (line 2)\n" },
	{ "bridge ports share the host namespace", "bridge b1\nbridge b2\nnetns a\n"
	  "veth a:e0 -- b1:p\nveth a:e1 -- b2:p\n",
	  "t.topo:5:17: interface 'p' already exists in the host namespace (line 4)\n" },
	{ "bridge port named like a bridge", "bridge b1\nbridge b2\nnetns a\nveth a:e -- b1:b2\n",
	  "t.topo:4:16: 'b2' is already the name of a bridge (line 2); a bridge and its ports "
	  "share its namespace\n" },
	{ "bridge named like an earlier bridge port", "netns a\nveth a:e -- b1:b2\nbridge b1\n"
	  "bridge b2\n",
	  "t.topo:4:8: bridge 'b2' has the name of a bridge port (line 2); a bridge and its ports "
	  "share its namespace\n" },
	{ "a bridge in a netns shares its names", "netns lab\nnetns a\nbridge lab:br\n"
	  "veth a:e -- br:p\nveth lab:p -- a:f\nport tap br:lab\n",
	  "t.topo:5:10: interface 'p' already exists in lab (line 4)\n" },
	{ "a bridge inside a netns puts it on its subnet", "netns lab\nbridge lab:br0 10.1.0.1/24\n"
	  "route lab 10.9.0.0/16 via 10.1.0.254\nroute lab 10.1.0.0/24 via 10.1.0.9\n",
	  "t.topo:4:11: lab already reaches 10.1.0.0/24 through br0 (line 2): the kernel adds that "
	  "route with the address\n" },
	{ "a bridge in an unknown netns", "bridge x:br\nbridge :b2\n",
	  "t.topo:1:8: bridge in unknown netns 'x': declare it with 'netns x'\n"
	  "t.topo:2:8: missing NS before ':' in ':b2'\n" },
	{ "ports: kind, owner, addresses, options", "netns a\nbridge b\nport vxlan b:v\n"
	  "port dummy a:d\nport tap b:t 10.0.0.1/24\nport tap b:u mtu 1400 down hairpin\nport tap\n",
	  "t.topo:3:6: port kind 'vxlan' is not one nsviz makes: dummy or tap (a veth is 'veth END "
	  "-- END'; a vxlan needs parameters the format has no place for)\n"
	  "t.topo:4:12: 'a' is a netns; a port belongs to a bridge ('port dummy BRIDGE:d')\n"
	  "t.topo:5:14: address on a bridge port has no effect; put it on the bridge ('bridge b "
	  "ADDR/PREFIX')\n"
	  "t.topo:7:9: missing words: expected 'port KIND BRIDGE:IFNAME [mtu N] [down] "
	  "[PORT-OPTION ...]'\n" },
	{ "undeclared owner", "bridge b\nveth blue:e -- b:p\n",
	  "t.topo:2:6: unknown owner 'blue': declare it with 'netns blue' or 'bridge blue'\n" },
	{ "both ends on one bridge", "bridge b\nveth b:p -- b:q\n",
	  "t.topo:2:13: both ends on bridge 'b' would make a loop\n" },
	/* addresses */
	{ "bad IPv4 address", "netns a\nveth a:e 10.0.0.256/24 -- a:f\n",
	  "t.topo:2:10: '10.0.0.256' is not an IPv4 or IPv6 address\n" },
	{ "bad IPv6 address", "netns a\nveth a:e fd00::zz/64 -- a:f\n",
	  "t.topo:2:10: 'fd00::zz' is not an IPv4 or IPv6 address\n" },
	{ "address without prefix", "netns a\nveth a:e 10.0.0.1 -- a:f\n",
	  "t.topo:2:10: '10.0.0.1' needs a prefix length, e.g. 10.0.0.1/24\n" },
	{ "IPv4 prefix over 32", "netns a\nveth a:e 10.0.0.1/33 -- a:f\n",
	  "t.topo:2:10: '10.0.0.1/33': prefix length must be a number from 0 to 32\n" },
	{ "IPv6 prefix over 128", "netns a\nveth a:e fd00::1/129 -- a:f\n",
	  "t.topo:2:10: 'fd00::1/129': prefix length must be a number from 0 to 128\n" },
	{ "prefix not a number", "bridge b 10.0.0.1/2x\n",
	  "t.topo:1:10: '10.0.0.1/2x': prefix length must be a number from 0 to 32\n" },
	{ "empty prefix", "bridge b 10.0.0.1/\n",
	  "t.topo:1:10: '10.0.0.1/': prefix length must be a number from 0 to 32\n" },
	{ "multicast address", "bridge b 224.0.0.1/24\n",
	  "t.topo:1:10: '224.0.0.1/24' is a multicast address; an interface needs a unicast address\n" },
	{ "unspecified IPv6 address", "bridge b ::/64\n",
	  "t.topo:1:10: '::/64' is the unspecified address; an interface needs a unicast address\n" },
	{ "loopback address", "bridge b 127.0.0.2/8\n",
	  "t.topo:1:10: '127.0.0.2/8' is a loopback address; an interface needs a unicast address\n" },
	{ "same address twice", "netns a\nbridge b 10.0.0.1/24\nveth a:e 10.0.0.1/16 -- b:p\n",
	  "t.topo:3:10: address 10.0.0.1 is already on bridge b (line 2)\n" },
	{ "same IPv6 address, spelled differently",
	  "netns a\nnetns c\nveth a:e fd00::1/64 -- c:e fd00:0:0::1/64\n",
	  "t.topo:3:28: address fd00::1 is already on a:e (line 3)\n" },
	{ "address on a bridge port", "netns a\nbridge b\nveth a:e -- b:p 10.0.0.1/24\n",
	  "t.topo:3:17: address on a bridge port has no effect; put it on the bridge "
	  "('bridge b ADDR/PREFIX')\n" },
	/* routes */
	{ "route for an undeclared netns", "route z default via 10.0.0.1\n",
	  "t.topo:1:7: route for unknown netns 'z'\n" },
	{ "route for a bridge", "bridge b 10.0.0.1/24\nroute b default via 10.0.0.2\n",
	  "t.topo:2:7: 'b' is a bridge; routes belong to a netns\n" },
	{ "route via an unreachable address", "netns a\nbridge b\nveth a:e 10.0.0.1/24 -- b:p\n"
	  "route a default via 10.0.1.1\n",
	  "t.topo:4:21: via 10.0.1.1 is not reachable from a: it lies in none of its subnets "
	  "(10.0.0.0/24)\n" },
	{ "route via a netns without addresses", "netns a\nroute a default via 10.0.1.1\n",
	  "t.topo:2:21: via 10.0.1.1 is not reachable from a: it has no IPv4 address\n" },
	{ "route via the namespace's own address", "netns a\nbridge b\n"
	  "veth a:e 10.0.0.1/24 -- b:p\nroute a default via 10.0.0.1\n",
	  "t.topo:4:21: via 10.0.0.1 is a's own address; route via a neighbour on the same subnet\n" },
	{ "route via with a prefix", "netns a\nroute a default via 10.0.0.1/24\n",
	  "t.topo:2:21: '10.0.0.1/24': expected a plain address, without /PREFIX\n" },
	{ "route mixing families", "netns a\nbridge b\nveth a:e 10.0.0.1/24 -- b:p\n"
	  "route a fd00::/8 via 10.0.0.2\n",
	  "t.topo:4:22: via 10.0.0.2 is not in the same address family as the destination\n" },
	{ "route destination with host bits", "netns a\nbridge b\nveth a:e 10.0.0.1/24 -- b:p\n"
	  "route a 10.9.0.1/16 via 10.0.0.2\n",
	  "t.topo:4:9: route destination 10.9.0.1/16 has host bits set; did you mean 10.9.0.0/16?\n" },
	{ "route destination not an address", "netns a\nroute a anywhere via 10.0.0.2\n",
	  "t.topo:2:9: 'anywhere' is not an IPv4 or IPv6 address (expected 'default' or PREFIX)\n" },
	{ "route via its own address, after a subnet that holds it", "netns a\nbridge b\n"
	  "veth a:e 10.0.0.5/24 -- b:p\nveth a:f 10.0.0.1/24 -- b:q\nroute a default via 10.0.0.1\n",
	  "t.topo:5:21: via 10.0.0.1 is a's own address; route via a neighbour on the same subnet\n" },
	{ "route via an unreachable address, many subnets", "netns a\nbridge b\n"
	  "veth a:e0 10.0.0.1/24 -- b:p0\nveth a:e1 10.0.1.1/24 -- b:p1\n"
	  "veth a:e2 10.0.2.1/24 -- b:p2\nveth a:e3 10.0.3.1/24 -- b:p3\n"
	  "veth a:e4 10.0.4.1/24 -- b:p4\nveth a:e5 10.0.5.1/24 -- b:p5\n"
	  "veth a:e6 10.0.6.1/24 -- b:p6\nveth a:e7 10.0.7.1/24 -- b:p7\n"
	  "veth a:e8 10.0.8.1/24 -- b:p8\nveth a:e9 10.0.9.1/24 -- b:p9\n"
	  "veth a:e10 10.0.10.1/24 -- b:p10\nveth a:e11 10.0.11.1/24 fd00::1/64 -- b:p11\n"
	  "veth a:e12 10.0.12.1/24 -- b:p12\nveth a:e13 10.0.13.1/24 -- b:p13\n"
	  "veth a:e14 10.0.14.1/24 -- b:p14\nveth a:e15 10.0.15.1/24 -- b:p15\n"
	  "route a default via 10.1.0.1\n",
	  "t.topo:19:21: via 10.1.0.1 is not reachable from a: it lies in none of its subnets "
	  "(10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24, 10.0.4.0/24, 10.0.5.0/24, "
	  "10.0.6.0/24, 10.0.7.0/24, 10.0.8.0/24, 10.0.9.0/24, 10.0.10.0/24, 10.0.11.0/24, "
	  "10.0.12.0/24, 10.0.13.0/24, 10.0.14.0/24, 10.0.15.0/24)\n" },
	{ "route twice", "netns a\nbridge b\nveth a:e 10.0.0.1/24 -- b:p\n"
	  "route a 10.9.0.0/16 via 10.0.0.2\nroute a 10.9.0.0/16 via 10.0.0.3\n",
	  "t.topo:5:9: duplicate route: a already has this destination (line 4)\n" },
	{ "route to a connected subnet", "netns a\nbridge b\nveth a:e 10.0.0.1/24 -- b:p\n"
	  "route a 10.0.0.0/24 via 10.0.0.2\n",
	  "t.topo:4:9: a already reaches 10.0.0.0/24 through e (line 3): the kernel adds that "
	  "route with the address\n" },
};

static void test_refusals(void)
{
	for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		struct topo t;
		int ret;
		char *errs = parse(refusals[i].text, &t, &ret);

		tap_ok(ret == -EINVAL && t.nnetns + t.nbridges + t.nveths + t.nroutes == 0 &&
		       !t.netns && !t.veths, "refused, topology left empty: %s", refusals[i].name);
		tap_is_str(errs, refusals[i].errors, refusals[i].name);
		free(errs);
	}
}

static void test_all_errors_at_once(void)
{
	const char *text = "route z default via 10.0.0.1\n" /* found after the whole file */
			   "netns a/b\n"
			   "frob\n"
			   "veth a:e 10.0.0.1 -- nobody:p\n";
	struct topo t;
	int ret;
	char *errs = parse(text, &t, &ret);

	tap_is_str(errs,
		   "t.topo:1:7: route for unknown netns 'z'\n"
		   "t.topo:2:8: namespace name 'a/b' contains '/'; use letters, digits, '-', '_' or '.'\n"
		   "t.topo:3:1: unknown keyword 'frob'; expected netns, bridge, veth, port or route\n"
		   "t.topo:4:6: unknown owner 'a': declare it with 'netns a' or 'bridge a'\n"
		   "t.topo:4:10: '10.0.0.1' needs a prefix length, e.g. 10.0.0.1/24\n"
		   "t.topo:4:22: unknown owner 'nobody': declare it with 'netns nobody' or 'bridge nobody'\n",
		   "every error of the file, sorted by line and column");
	free(errs);
}

static void test_no_cascade(void)
{
	struct topo t;
	int ret;
	char *errs = parse("netns a\nveth a:e 10.0.0.1 -- a:f\nroute a default via 10.0.0.2\n",
			   &t, &ret);

	tap_is_str(errs, "t.topo:2:10: '10.0.0.1' needs a prefix length, e.g. 10.0.0.1/24\n",
		   "a refused address does not make its routes unreachable too");
	free(errs);
}

static const char seed_shown[] =
	"topology seed (built-in:seed): 2 netns, 1 bridge, 2 veth pairs, 0 routes\n"
	"netns red\n"
	"  eth0-r  10.0.0.1/24  -- bridge1:veth-r\n"
	"netns green\n"
	"  eth0-g  10.0.0.2/24  -- bridge1:veth-g\n"
	"bridge bridge1\n"
	"  veth-r  -            -- red:eth0-r\n"
	"  veth-g  -            -- green:eth0-g\n";

static char *printed(const struct topo *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	topo_print(t, f);
	fclose(f);
	return buf;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = calloc(1, 65536);

	if (f && buf)
		buf[fread(buf, 1, 65535, f)] = 0;
	if (f)
		fclose(f);
	return buf;
}

static void test_builtins(void)
{
	const char *names[] = { "seed", "router" };

	for (size_t i = 0; i < 2; i++) {
		char path[64], *file;
		struct topo t;

		snprintf(path, sizeof(path), "examples/%s.topo", names[i]);
		file = read_all(path);
		tap_is_str(topo_builtin(names[i]), file, "built-in text equals its examples/ file");
		free(file);
		tap_ok(!topo_load(names[i], &t, stderr), "built-in %s parses", names[i]);
		tap_is_str(t.name, names[i], "built-in name");
		tap_is_str(topo_builtin_name(i), names[i], "built-ins in order");
		topo_free(&t);
	}
	tap_ok(topo_builtin_name(2) == NULL, "no built-in after the last");
	tap_ok(topo_builtin("nope") == NULL, "no built-in named nope");
}

static void test_seed(void)
{
	struct topo t;
	char *out;

	tap_ok(!topo_load(NULL, &t, stderr), "no argument loads seed");
	tap_is_str(t.source, "built-in:seed", "seed source");
	tap_ok(t.nnetns == 2 && t.nbridges == 1 && t.nveths == 2 && t.nroutes == 0, "seed counts");
	tap_is_str(topo_end_netns(&t, &t.veths[1].end[0]), "green", "first end is in green");
	tap_ok(topo_end_netns(&t, &t.veths[1].end[1]) == NULL, "bridge port is in the host");
	tap_ok(t.veths[0].end[1].kind == TOPO_OWNER_BRIDGE && t.veths[0].end[1].owner == 0 &&
	       t.veths[0].end[1].line == 5 && t.veths[0].end[1].col == 32, "bridge end resolved");
	out = printed(&t);
	tap_is_str(out, seed_shown, "seed printed");
	free(out);
	topo_free(&t);
}

/* Options may stand among the addresses; each is read, and `show` prints them after the peer. */
static void test_link_options(void)
{
	const char *text = "netns a\nbridge br 10.0.9.1/24 down mtu 9000 stp vlan_filtering\n"
			   "veth a:e mtu 1400 10.0.9.2/24 down fd00::2/64 -- br:p hairpin mtu 1400 "
			   "nolearning noflood isolated\n";
	struct topo t;
	char *errs, *out;
	int ret;

	errs = parse(text, &t, &ret);
	tap_is_str(errs, "", "options parse without errors");
	free(errs);
	tap_require(!ret, "the topology with options parses");
	tap_ok(t.bridges[0].opts.down && t.bridges[0].opts.mtu == 9000 && t.bridges[0].stp &&
	       t.bridges[0].vlan_filtering && t.bridges[0].has_addr, "bridge options and address");
	tap_ok(t.veths[0].end[0].naddrs == 2 && t.veths[0].end[0].opts.mtu == 1400 &&
	       t.veths[0].end[0].opts.down, "end options between addresses");
	tap_ok(t.veths[0].end[1].naddrs == 0 && t.veths[0].end[1].opts.mtu == 1400 &&
	       !t.veths[0].end[1].opts.down && t.veths[0].end[1].opts.nolearning &&
	       t.veths[0].end[1].opts.noflood && t.veths[0].end[1].opts.isolated &&
	       t.veths[0].end[1].opts.hairpin, "port options");
	out = printed(&t);
	tap_is_str(out, "topology  (t.topo): 1 netns, 1 bridge, 1 veth pair, 0 routes\n"
			"netns a\n"
			"  e  10.0.9.2/24 fd00::2/64 mtu 1400 down          -- br:p\n"
			"bridge br 10.0.9.1/24 mtu 9000 down stp vlan_filtering\n"
			"  p  mtu 1400 nolearning noflood isolated hairpin  -- a:e\n",
		   "show prints the options with the addresses");
	free(out);
	topo_free(&t);
}

static void test_router(void)
{
	struct topo t;
	char buf[64];

	tap_ok(!topo_load("router", &t, stderr), "router loads");
	tap_ok(t.netns[0].forwarding && !t.netns[1].forwarding, "router forwards, h1 does not");
	tap_ok(t.nroutes == 2 && t.routes[0].is_default && t.routes[0].netns == 1 &&
	       t.routes[0].dst.family == AF_INET, "h1 has a default route");
	tap_is_str(topo_ip_str(&t.routes[0].via, buf, sizeof(buf)), "10.0.1.1", "via 10.0.1.1");
	topo_free(&t);
}

static void test_layout_freedom(void)
{
	const char *text = "\n"
			   "# a comment line\r\n"
			   "veth  a:e0\t10.1.0.1/24 fd00:1::1/64 --  b:e0 10.1.0.2/24  fd00:1::2/64 # peer\n"
			   "\t\troute a fd00:9::/48 via fd00:1::2\r\n"
			   "route a default via 10.1.0.2\n"
			   "netns b forwarding#no blank before the comment\n"
			   "netns a\n"
			   "   \n"
			   "bridge br fd00:2::1/64";
	struct topo t;
	char buf[64];
	int ret;
	char *errs = parse(text, &t, &ret);

	tap_is_str(errs, "", "comments, blank lines, tabs, CR, any order, IPv6, no final newline");
	tap_ok(!ret && t.nnetns == 2 && t.nveths == 1 && t.nroutes == 2 && t.nbridges == 1,
	       "everything parsed");
	if (!ret) {
		tap_is_str(topo_addr_str(&t.veths[0].end[1].addrs[1], buf, sizeof(buf)),
			   "fd00:1::2/64", "IPv6 address printed");
		tap_is_str(topo_addr_str(&t.routes[0].dst, buf, sizeof(buf)), "fd00:9::/48",
			   "IPv6 route destination");
		tap_ok(t.netns[0].forwarding && t.veths[0].end[0].owner == 1 && t.routes[1].netns == 1,
		       "owners resolved to their declarations");
		tap_ok(t.veths[0].end[0].line == 3 && t.veths[0].end[0].col == 7, "end position");
	}
	topo_free(&t);
	free(errs);
}

static void test_route_forms(void)
{
	const char *text = "netns a\nnetns b\n"
			   "veth a:e 10.0.0.1/24 fd00::1/64 -- b:e 10.0.0.2/24 fd00::2/64\n"
			   "route a 10.9.0.1 via 10.0.0.2\n"
			   "route a default via fd00::2\n";
	struct topo t;
	char buf[64];
	int ret;
	char *errs = parse(text, &t, &ret);

	tap_is_str(errs, "", "a host route and an IPv6 default route");
	if (!ret) {
		tap_is_str(topo_addr_str(&t.routes[0].dst, buf, sizeof(buf)), "10.9.0.1/32",
			   "a plain destination is a host route");
		tap_ok(t.routes[1].is_default && t.routes[1].dst.family == AF_INET6 &&
		       t.routes[1].dst.prefix == 0, "default takes the family of via");
	}
	topo_free(&t);
	free(errs);
}

static void test_same_name_in_two_netns(void)
{
	struct topo t;
	int ret;
	char *errs = parse("netns a\nnetns b\nveth a:eth0 10.0.0.1/31 -- b:eth0 10.0.0.0/31\n",
			   &t, &ret);

	tap_is_str(errs, "", "eth0 in two namespaces is fine");
	topo_free(&t);
	free(errs);
}

/* The benchmark's shape: one bridge, N namespaces; plus one duplicate at the very end. */
static void test_scale(void)
{
	size_t len = 0;
	char *text = NULL, *errs;
	FILE *f = open_memstream(&text, &len);
	struct topo t;
	int ret, n = 1000;

	fprintf(f, "bridge tsbr\n");
	for (int i = 1; i <= n; i++)
		fprintf(f, "netns ts-%d\nveth ts-%d:eth0 10.77.%d.%d/16 -- tsbr:ts-p%d\n", i, i,
			(i + 1) / 256, (i + 1) % 256, i);
	fflush(f);
	errs = parse(text, &t, &ret);
	tap_ok(!ret && t.nnetns == n && t.nveths == n, "1000 namespaces on one bridge parse");
	tap_ok(!ret && t.veths[n - 1].end[0].owner == n - 1 && !strcmp(t.veths[n - 1].end[1].ifname,
	       "ts-p1000"), "the last veth is resolved");
	topo_free(&t);
	free(errs);
	fprintf(f, "veth ts-7:eth1 10.77.0.8/16 -- tsbr:ts-p7\n");
	fclose(f);
	errs = parse(text, &t, &ret);
	tap_is_str(errs, "t.topo:2002:16: address 10.77.0.8 is already on ts-7:eth0 (line 15)\n"
			 "t.topo:2002:37: interface 'ts-p7' already exists in the host namespace "
			 "(line 15)\n", "duplicates found among a thousand");
	free(errs);
	free(text);
}

/* N interfaces and N routes in one namespace (routes used to cost a scan of the namespace's
 * addresses each); every kind of route error once, among them, found as in a small file. */
static void test_route_scale(void)
{
	size_t len = 0;
	char *text = NULL, *errs, *last;
	FILE *f = open_memstream(&text, &len);
	struct topo t;
	int ret, n = 5000;

	fprintf(f, "netns r\nbridge b\n");
	for (int i = 0; i < n; i++)
		fprintf(f, "veth r:e%d 10.%d.%d.1/24 -- b:p%d\n", i, i / 256, i % 256, i);
	for (int i = 0; i < n; i++)
		fprintf(f, "route r 172.16.%d.%d/32 via 10.%d.%d.2\n", i / 256, i % 256, (n - 1 - i) / 256,
			(n - 1 - i) % 256);
	fflush(f);
	errs = parse(text, &t, &ret);
	tap_ok(!ret && t.nroutes == n && t.routes[n - 1].netns == 0,
	       "5000 routes over 5000 interfaces of one namespace parse");
	topo_free(&t);
	free(errs);
	fprintf(f, "route r 172.16.0.0/32 via 10.0.0.3\nroute r 10.9.9.0/24 via 10.0.0.3\n"
		   "route r 172.17.0.0/16 via 10.19.135.1\nroute r 172.18.0.0/16 via 10.200.0.1\n");
	fclose(f);
	errs = parse(text, &t, &ret);
	last = errs ? strstr(errs, "t.topo:10006:") : NULL;
	tap_ok(ret == -EINVAL && last, "route errors among 5000");
	if (!last)
		return;
	tap_ok(!strncmp(last, "t.topo:10006:27: via 10.200.0.1 is not reachable from r: it lies in "
			      "none of its subnets (10.0.0.0/24, 10.0.1.0/24, ", 102) &&
	       strlen(last) < 256 + 90 && !strcmp(last + strlen(last) - 10, "/24, ...)\n"),
	       "an unreachable via, with a list of 5000 subnets cut after a whole subnet: ', ...'");
	*last = 0;
	tap_is_str(errs, "t.topo:10003:9: duplicate route: r already has this destination (line 5003)\n"
			 "t.topo:10004:9: r already reaches 10.9.9.0/24 through e2313 (line 2316): the "
			 "kernel adds that route with the address\n"
			 "t.topo:10005:27: via 10.19.135.1 is r's own address; route via a neighbour on "
			 "the same subnet\n", "a duplicate, a connected subnet, an own address");
	free(errs);
	free(text);
}

static void test_load_errors(void)
{
	struct topo t;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int ret = topo_load("nosuchtopology", &t, f);

	fclose(f);
	tap_ok(ret == -ENOENT, "unknown built-in is -ENOENT");
	tap_is_str(buf, "unknown topology 'nosuchtopology': no such file, and not a built-in "
			"(built-ins: seed, router)\n", "unknown built-in lists the built-ins");
	free(buf);
	f = open_memstream(&buf, &len);
	ret = topo_load("/nonexistent/x.topo", &t, f);
	fclose(f);
	tap_ok(ret == -ENOENT, "missing file is -ENOENT");
	tap_is_str(buf, "/nonexistent/x.topo: cannot open: No such file or directory\n",
		   "missing file message");
	free(buf);
}

static void test_load_file(void)
{
	struct topo t;

	tap_ok(!topo_load("examples/router.topo", &t, stderr), "examples/router.topo loads");
	tap_is_str(t.name, "router", "file topology is named after its basename");
	tap_is_str(t.source, "examples/router.topo", "file topology source is its path");
	topo_free(&t);
}

int main(void)
{
	test_refusals();
	test_all_errors_at_once();
	test_no_cascade();
	test_builtins();
	test_seed();
	test_router();
	test_link_options();
	test_layout_freedom();
	test_route_forms();
	test_same_name_in_two_netns();
	test_scale();
	test_route_scale();
	test_load_errors();
	test_load_file();
	return tap_done();
}
