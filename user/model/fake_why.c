// SPDX-License-Identifier: GPL-2.0
/* The path is the one a bridge network gives (A's veth, its peer, the bridge, B's peer, B's
 * veth); the causes are the fake links' broken states on it, most likely first, as
 * user/explain/why_check.c says them. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fake_link.h"
#include "fake_why.h"

struct answer {
	char *text;
	size_t len, size;
	int ncauses;
};

static void say(struct answer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct answer *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(w->text + w->len, w->size - w->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		w->len = w->len + n < w->size ? w->len + n : w->size - 1;
}

/* The veth whose namespace end is namespace NS's (its first), with that end in *E; or -1. */
static int ns_veth(const struct topo *t, int ns, int *e)
{
	for (int v = 0; v < t->nveths; v++)
		for (*e = 0; *e < 2; (*e)++)
			if (t->veths[v].end[*e].kind == TOPO_OWNER_NETNS && t->veths[v].end[*e].owner == ns)
				return v;
	return -1;
}

/* "red's eth0-r", or the bare name in the host. */
static const char *owned(const struct topo *t, const struct topo_end *end, char *buf, size_t len)
{
	const char *ns = topo_end_netns(t, end);

	snprintf(buf, len, "%s%s%s", ns ? ns : "", ns ? "'s " : "", end->ifname);
	return buf;
}

/* What is wrong with end E of veth V at EL, as a cause: a block (SYMPTOM false: down, a port
 * not forwarding) or a symptom (no carrier); nothing when it is fine. */
static void end_cause(const struct topo *t, int v, int e, double el, bool symptom,
		      struct answer *w)
{
	const struct topo_end *end = &t->veths[v].end[e];
	struct snap_link l;
	char nm[96];

	fake_link(t, v, e, el, &l);
	owned(t, end, nm, sizeof(nm));
	if (!symptom && !l.admin_up)
		say(w, "  cause: %s is down (admin)\n", nm);
	else if (!symptom && l.admin_up && l.is_port && strcmp(l.port.state, "forwarding"))
		say(w, "  cause: %s, a port of %s, is %s\n", end->ifname, l.master, l.port.state);
	else if (symptom && l.admin_up && !l.carrier)
		say(w, "  cause: %s has no carrier (operstate %s)\n", nm, l.oper);
	else
		return;
	w->ncauses++;
}

/* "red:eth0-r → veth-r → bridge1" for end E of veth V; BACK: "bridge1 → veth-g → green:eth0-g"
 * (without the bridge when the way there ended on it). */
static void half_path(const struct topo *t, int v, int e, bool back, const char *there,
		      struct answer *w)
{
	const struct topo_end *end = &t->veths[v].end[e], *peer = &t->veths[v].end[!e];
	const char *ns = topo_end_netns(t, end);
	const char *br = peer->kind == TOPO_OWNER_BRIDGE ? t->bridges[peer->owner].name : NULL;

	if (back && br && there && !strcmp(br, there))
		br = NULL;
	if (back)
		say(w, "%s%s → %s → %s:%s", br ? " → " : "", br ? br : "", peer->ifname,
		    ns ? ns : "host", end->ifname);
	else
		say(w, " %s:%s → %s%s%s", ns ? ns : "host", end->ifname, peer->ifname,
		    br ? " → " : "", br ? br : "");
}

void fake_why(const struct topo *t, int a, int b, const char *dest, double el,
	      struct snap_why *out)
{
	char causes[1024] = "";
	struct answer w = { out->text, 0, sizeof(out->text), 0 }, c = { causes, 0, sizeof(causes), 0 };
	int ea, eb, va = ns_veth(t, a, &ea), vb = ns_veth(t, b, &eb);

	out->text[0] = 0;
	if (va < 0 || vb < 0) {
		say(&w, "nsviz why: the fake network has no path from %s to %s\n", t->netns[a].name,
		    dest);
		out->status = 1;
		return;
	}
	/* Most likely first, as `why` ranks them: what blocks, then its symptoms. */
	for (int symptom = 0; symptom < 2; symptom++) {
		const int on_path[4][2] = { { va, ea }, { va, !ea }, { vb, !eb }, { vb, eb } };

		for (int i = 0; i < 4; i++)
			end_cause(t, on_path[i][0], on_path[i][1], el, symptom, &c);
	}
	out->status = c.ncauses ? 3 : 0;
	say(&w, "%s → %s: %s (%d of 3 icmp probes answered)\n  path:", t->netns[a].name, dest,
	    c.ncauses ? "unreachable" : "reachable", c.ncauses ? 0 : 3);
	half_path(t, va, ea, false, NULL, &w);
	half_path(t, vb, eb, true, t->veths[va].end[!ea].kind == TOPO_OWNER_BRIDGE ?
		  t->bridges[t->veths[va].end[!ea].owner].name : NULL, &w);
	say(&w, "\n  probes: none sent: the fake source's answer is canned\n%s", causes);
}
