// SPDX-License-Identifier: GPL-2.0
/* `nsviz discover --json`: every namespace with its interfaces (kind, state, MTU, MAC, addresses,
 * master, veth peer, bridge and port settings), routes of the main table and forwarding. */
#include <inttypes.h>
#include <linux/if_bridge.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>

#include "out_json.h"
#include "out_live.h"
#include "text.h"

static const char *const origins[] = { [LIVE_HOST] = "host", [LIVE_NAMED] = "named",
				       [LIVE_PROC] = "process" };

static const char *const route_types[] = { "unspec", "unicast", "local", "broadcast", "anycast",
					   "multicast", "blackhole", "unreachable", "prohibit",
					   "throw", "nat" };

/* iproute2's names of the routing protocols a route may carry, as in /etc/iproute2/rt_protos. */
static const char *proto_name(unsigned int p, char *buf, size_t len)
{
	static const struct { unsigned int id; const char *name; } known[] = {
		{ RTPROT_REDIRECT, "redirect" }, { RTPROT_KERNEL, "kernel" }, { RTPROT_BOOT, "boot" },
		{ RTPROT_STATIC, "static" }, { RTPROT_RA, "ra" }, { RTPROT_DHCP, "dhcp" },
		{ RTPROT_BGP, "bgp" }, { RTPROT_OSPF, "ospf" },
	};

	for (size_t i = 0; i < sizeof(known) / sizeof(*known); i++)
		if (known[i].id == p)
			return known[i].name;
	snprintf(buf, len, "%u", p);
	return buf;
}

static const char *name_of(const char *const *names, size_t n, unsigned int v)
{
	return v < n ? names[v] : "unknown";
}

static void json_mac(FILE *f, const struct nl_link *l)
{
	if (!l->mac_len) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (int i = 0; i < l->mac_len; i++)
		fprintf(f, "%s%02x", i ? ":" : "", l->mac[i]);
	fputc('"', f);
}

static void json_addrs(FILE *f, const struct live_link *l)
{
	char a[64];

	fputc('[', f);
	for (int i = 0; i < l->naddrs; i++)
		fprintf(f, "%s\"%s\"", i ? "," : "", topo_addr_str(&l->addrs[i].a, a, sizeof(a)));
	fputc(']', f);
}

static void json_port(FILE *f, const struct nl_port *p)
{
	if (!p->is_port) {
		fputs("null", f);
		return;
	}
	fprintf(f, "{\"state\":\"%s\",\"learning\":%s,\"flood\":%s,\"isolated\":%s,\"hairpin\":%s}",
		live_port_state_name(p->state),
		p->learning ? "true" : "false", p->flood ? "true" : "false",
		p->isolated ? "true" : "false", p->hairpin ? "true" : "false");
}

/* The other end of a veth, {"netns":NAME or null for the host,"ifname":...}, or null. */
static void json_peer(FILE *f, const struct live *live, const struct live_link *l)
{
	const struct live_ns *ns = l->peer_ns >= 0 ? &live->ns[l->peer_ns] : NULL;

	if (!ns) {
		fputs("null", f);
		return;
	}
	fputs("{\"netns\":", f);
	out_json_str(f, ns->name, true);
	fputs(",\"ifname\":", f);
	out_json_str(f, ns->links[l->peer_link].l.name, false);
	fputc('}', f);
}

static void json_link(FILE *f, const struct live *live, const struct live_ns *ns,
		      const struct live_link *l)
{
	const struct live_link *m = l->l.master ? live_link_by_index(ns, l->l.master) : NULL;

	fputs("{\"ifname\":", f);
	out_json_str(f, l->l.name, false);
	fprintf(f, ",\"ifindex\":%d,\"kind\":", l->l.ifindex);
	out_json_str(f, l->l.kind, true);
	fprintf(f, ",\"admin_up\":%s,\"oper\":\"%s\",\"carrier\":%s,\"mtu\":%u,\"mac\":",
		l->l.flags & IFF_UP ? "true" : "false",
		live_oper_name(l->l.operstate),
		l->l.carrier ? "true" : "false", l->l.mtu);
	json_mac(f, &l->l);
	fputs(",\"addrs\":", f);
	json_addrs(f, l);
	fputs(",\"master\":", f);
	out_json_str(f, m ? m->l.name : NULL, true);
	fputs(",\"peer\":", f);
	json_peer(f, live, l);
	fputs(",\"port\":", f);
	json_port(f, &l->l.port);
	if (!strcmp(l->l.kind, "bridge"))
		fprintf(f, ",\"bridge\":{\"stp\":%s,\"vlan_filtering\":%s}", l->l.stp ? "true" : "false",
			l->l.vlan_filtering ? "true" : "false");
	fputc('}', f);
}

static void json_route(FILE *f, const struct live_ns *ns, const struct nl_route *r)
{
	const struct live_link *dev = r->oif ? live_link_by_index(ns, r->oif) : NULL;
	char d[64], gw[64], proto[16];

	fprintf(f, "{\"dst\":\"%s\",\"gateway\":", live_route_dst(r, d, sizeof(d)));
	out_json_str(f, live_route_gw(r, gw, sizeof(gw)), true);
	fputs(",\"dev\":", f);
	out_json_str(f, dev ? dev->l.name : NULL, true);
	fprintf(f, ",\"protocol\":\"%s\",\"type\":\"%s\"}", proto_name(r->protocol, proto, sizeof(proto)),
		name_of(route_types, sizeof(route_types) / sizeof(*route_types), r->type));
}

static void json_ns(FILE *f, const struct live *live, const struct live_ns *ns)
{
	fputs("{\"name\":", f);
	out_json_str(f, ns->name, true);
	fprintf(f, ",\"origin\":\"%s\",\"pid\":", origins[ns->origin]);
	if (ns->origin == LIVE_PROC)
		fprintf(f, "%d", ns->pid);
	else
		fputs("null", f);
	fprintf(f, ",\"cookie\":%" PRIu64 ",\"forwarding\":%s,\"interfaces\":[", ns->cookie,
		ns->forwarding ? "true" : "false");
	for (int i = 0; i < ns->nlinks; i++) {
		if (i)
			fputc(',', f);
		json_link(f, live, ns, &ns->links[i]);
	}
	fputs("],\"routes\":[", f);
	for (int i = 0; i < ns->nroutes; i++) {
		if (i)
			fputc(',', f);
		json_route(f, ns, &ns->routes[i]);
	}
	fputs("]}", f);
}

void out_live_json(FILE *f, const struct live *live)
{
	fputs("{\"type\":\"live\",\"netns\":[", f);
	for (int i = 0; i < live->nns; i++) {
		if (i)
			fputc(',', f);
		json_ns(f, live, &live->ns[i]);
	}
	fputs("]}\n", f);
}

static const char *const ops[] = { [LIVE_ADD] = "add", [LIVE_REMOVE] = "remove",
				   [LIVE_CHANGE] = "change" };
static const char *const objs[] = { [LIVE_OBJ_NETNS] = "netns", [LIVE_OBJ_LINK] = "interface",
				    [LIVE_OBJ_ROUTE] = "route" };

void out_live_json_event(FILE *f, double time, const struct live_event *e)
{
	fprintf(f, "{\"type\":\"event\",\"time\":%.6f,\"kind\":\"topology\",\"op\":\"%s\","
		   "\"object\":\"%s\",\"netns\":", time, ops[e->op], objs[e->obj]);
	out_json_str(f, e->ns->name, true);
	if (e->link) {
		fputs(",\"ifname\":", f);
		out_json_str(f, e->link->l.name, false);
		fprintf(f, ",\"ifindex\":%d", e->link->l.ifindex);
	}
	if (e->route) {
		fputs(",\"route\":", f);
		json_route(f, e->ns, e->route);
	}
	if (e->op == LIVE_CHANGE) {
		fprintf(f, ",\"field\":\"%s\",\"from\":", e->field);
		out_json_str(f, e->from, true);
		fputs(",\"to\":", f);
		out_json_str(f, e->to, true);
	}
	fputs("}\n", f);
}

static void text_event(FILE *f, const struct live_event *e)
{
	const char *ns = e->ns->origin == LIVE_HOST ? "(host)" : e->ns->name;
	char d[64], gw[64];

	fprintf(f, "%c %s %s", e->op == LIVE_ADD ? '+' : e->op == LIVE_REMOVE ? '-' : '~',
		objs[e->obj], ns);
	if (e->link)
		fprintf(f, ":%s", e->link->l.name);
	if (e->route) {
		live_route_gw(e->route, gw, sizeof(gw));
		fprintf(f, " %s%s%s", live_route_dst(e->route, d, sizeof(d)), *gw ? " via " : "", gw);
	}
	if (e->op == LIVE_CHANGE)
		fprintf(f, " %s: %s -> %s", e->field, *e->from ? e->from : "none",
			*e->to ? e->to : "none");
}

void out_live_text_event(FILE *f, const struct live_event *e)
{
	char *line = NULL, *shown;
	size_t len = 0;
	FILE *m = open_memstream(&line, &len);

	if (!m)
		return;
	text_event(m, e);
	fclose(m);
	/* Names may hold any byte: none may drive the terminal. */
	shown = line ? text_escape_dup(line) : NULL;
	if (shown)
		fprintf(f, "%s\n", shown);
	free(shown);
	free(line);
}
