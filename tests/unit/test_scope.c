// SPDX-License-Identifier: GPL-2.0
/* topo_scope: what --netns and --bridge keep of a topology, with every index renumbered, and the
 * refusal of a name the topology does not have. No root needed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "topo.h"

/* Three namespaces, two bridges: a and b on br1, c on br2, a joined to c directly. */
static const char *text = "netns a\nnetns b\nnetns c\nbridge br1\nbridge br2\n"
			  "veth a:e 10.0.0.1/24 -- br1:pa\nveth b:e 10.0.0.2/24 -- br1:pb\n"
			  "veth c:e 10.0.1.3/24 -- br2:pc\nveth a:x 10.9.0.1/24 -- c:y 10.9.0.3/24\n"
			  "route a 10.0.1.0/24 via 10.9.0.3\nroute c 10.0.0.0/24 via 10.9.0.1\n";

static void end_str(const struct topo *t, const struct topo_end *e, char *buf, size_t len)
{
	const char *ns = topo_end_netns(t, e);

	snprintf(buf, len, "%s:%s", ns ? ns : t->bridges[e->owner].name, e->ifname);
}

/* T in one line: "netns a c | bridges br1 | veths a:e-br1:pa | routes a c". */
static void describe(const struct topo *t, char *buf, size_t len)
{
	FILE *f = fmemopen(buf, len, "w");
	char a[64], b[64];

	fputs("netns", f);
	for (int i = 0; i < t->nnetns; i++)
		fprintf(f, " %s", t->netns[i].name);
	fputs(" | bridges", f);
	for (int i = 0; i < t->nbridges; i++)
		fprintf(f, " %s", t->bridges[i].name);
	fputs(" | veths", f);
	for (int i = 0; i < t->nveths; i++) {
		end_str(t, &t->veths[i].end[0], a, sizeof(a));
		end_str(t, &t->veths[i].end[1], b, sizeof(b));
		fprintf(f, " %s-%s/%d", a, b, t->veths[i].end[0].naddrs);
	}
	fputs(" | routes", f);
	for (int i = 0; i < t->nroutes; i++)
		fprintf(f, " %s", t->netns[t->routes[i].netns].name);
	fclose(f);
}

static void check(const char *netns, const char *bridge, const char *want)
{
	struct topo t;
	char got[512];

	tap_require(!topo_parse("t.topo", text, &t, stderr), "the test topology parses");
	tap_ok(!topo_scope(&t, netns, bridge, "watch", stderr), "--netns %s --bridge %s: accepted",
	       netns ? netns : "-", bridge ? bridge : "-");
	describe(&t, got, sizeof(got));
	tap_is_str(got, want, "and keeps what it observes, renumbered");
	topo_free(&t);
}

/* A bridge inside lab with a veth from a and a tap; a host bridge with b and a tap. */
static const char *text_ns = "netns lab\nnetns a\nnetns b\nbridge lab:br0\nbridge hb\n"
			     "veth a:e -- br0:pa\nveth b:e -- hb:pb\nport tap br0:t0\n"
			     "port tap hb:t1\n";

static void check_ns_bridge(const char *netns, const char *bridge, const char *want)
{
	struct topo t;
	char got[512], ports[128] = "";
	size_t off = 0;

	tap_require(!topo_parse("t.topo", text_ns, &t, stderr), "the bridge-in-a-netns topology parses");
	tap_ok(!topo_scope(&t, netns, bridge, "watch", stderr), "--netns %s --bridge %s: accepted",
	       netns ? netns : "-", bridge ? bridge : "-");
	describe(&t, got, sizeof(got));
	for (int i = 0; i < t.nports; i++)
		off += snprintf(ports + off, sizeof(ports) - off, " %s:%s",
				t.bridges[t.ports[i].end.owner].name, t.ports[i].end.ifname);
	for (int i = 0; i < t.nbridges; i++)
		off += snprintf(ports + off, sizeof(ports) - off, " %s@%s", t.bridges[i].name,
				t.bridges[i].netns >= 0 ? t.netns[t.bridges[i].netns].name : "host");
	snprintf(got + strlen(got), sizeof(got) - strlen(got), " | ports+bridges%s", ports);
	tap_is_str(got, want, "and keeps the bridges in namespaces and the ports of kept bridges");
	topo_free(&t);
}

static void refused(const char *netns, const char *bridge, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct topo t;
	int rc;

	tap_require(f && !topo_parse("t.topo", text, &t, stderr), "the test topology parses");
	rc = topo_scope(&t, netns, bridge, "watch", f);
	fclose(f);
	tap_ok(rc == -EINVAL, "--netns %s --bridge %s: -EINVAL", netns ? netns : "-",
	       bridge ? bridge : "-");
	tap_is_str(buf, want, "with one message naming it");
	free(buf);
	topo_free(&t);
}

int main(void)
{
	check(NULL, NULL, "netns a b c | bridges br1 br2 | veths a:e-br1:pa/1 b:e-br1:pb/1 "
			  "c:e-br2:pc/1 a:x-c:y/1 | routes a c");
	check("a", NULL, "netns a c | bridges br1 | veths a:e-br1:pa/1 a:x-c:y/1 | routes a c");
	check("b", NULL, "netns b | bridges br1 | veths b:e-br1:pb/1 | routes");
	check(NULL, "br2", "netns c | bridges br2 | veths c:e-br2:pc/1 | routes c");
	check("a,b", "br1", "netns a b | bridges br1 | veths a:e-br1:pa/1 b:e-br1:pb/1 | routes a");
	check("c", "br1", "netns c | bridges br1 | veths | routes c");
	check_ns_bridge("lab", NULL, "netns lab a | bridges br0 | veths a:e-lab:pa/0 | routes | "
			"ports+bridges br0:t0 br0@lab");
	check_ns_bridge("a", NULL, "netns lab a | bridges br0 | veths a:e-lab:pa/0 | routes | "
			"ports+bridges br0:t0 br0@lab");
	check_ns_bridge(NULL, "hb", "netns b | bridges hb | veths b:e-hb:pb/0 | routes | "
			"ports+bridges hb:t1 hb@host");
	check_ns_bridge("b", "br0", "netns lab b | bridges br0 | veths | routes | "
			"ports+bridges br0:t0 br0@lab");
	refused("a,zz", NULL, "nsviz watch: --netns: no namespace 'zz' in t.topo\n");
	refused("a,", NULL, "nsviz watch: --netns: no namespace '' in t.topo\n");
	refused("", NULL, "nsviz watch: --netns: no namespace '' in t.topo\n");
	refused(NULL, "br3", "nsviz watch: --bridge: no bridge 'br3' in t.topo\n");
	return tap_done();
}
