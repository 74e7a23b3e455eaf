// SPDX-License-Identifier: GPL-2.0
/* The live state in a JSON snapshot (docs/json.md): an interface's (snap_link) as fields of its
 * object, the namespaces with their routes and forwarding. */
#include <string.h>

#include "out_json.h"

static const char *jbool(bool b)
{
	return b ? "true" : "false";
}

static void json_port(FILE *f, const struct snap_link *l)
{
	if (!l->is_port) {
		fputs("null", f);
		return;
	}
	fputs("{\"state\":", f);
	out_json_str(f, l->port.state, false);
	fprintf(f, ",\"learning\":%s,\"flood\":%s,\"isolated\":%s,\"hairpin\":%s}",
		jbool(l->port.learning), jbool(l->port.flood), jbool(l->port.isolated),
		jbool(l->port.hairpin));
}

/* An interface the topology declares but the kernel does not have: every fact is null. */
static void json_absent(FILE *f)
{
	fputs(",\"present\":false,\"kind\":null,\"admin_up\":null,\"oper\":null,\"carrier\":null,"
	      "\"mtu\":null,\"mac\":null,\"addrs\":null,\"addrs_more\":null,\"master\":null,"
	      "\"port\":null,\"stp\":null,\"vlan_filtering\":null", f);
}

void out_json_link(FILE *f, const struct snap_link *l)
{
	bool bridge = !strcmp(l->kind, "bridge");

	if (!l->known)
		return;
	if (!l->present) {
		json_absent(f);
		return;
	}
	fputs(",\"present\":true,\"kind\":", f);
	out_json_str(f, l->kind, true);
	fprintf(f, ",\"admin_up\":%s,\"oper\":", jbool(l->admin_up));
	out_json_str(f, l->oper, false);
	fprintf(f, ",\"carrier\":%s,\"mtu\":%u,\"mac\":", jbool(l->carrier), l->mtu);
	out_json_str(f, l->mac, true);
	fputs(",\"addrs\":[", f);
	for (int i = 0; i < l->naddrs; i++) {
		fputs(i ? "," : "", f);
		out_json_str(f, l->addrs[i], false);
	}
	fprintf(f, "],\"addrs_more\":%s,\"master\":", jbool(l->addrs_more));
	out_json_str(f, l->master, true);
	fputs(",\"port\":", f);
	json_port(f, l);
	fprintf(f, ",\"stp\":%s,\"vlan_filtering\":%s", bridge ? jbool(l->stp) : "null",
		bridge ? jbool(l->vlan_filtering) : "null");
}

static void json_route(FILE *f, const struct snap_route *r)
{
	fputs("{\"dst\":", f);
	out_json_str(f, r->dst, false);
	fputs(",\"gateway\":", f);
	out_json_str(f, r->gateway, true);
	fputs(",\"dev\":", f);
	out_json_str(f, r->dev, true);
	fputc('}', f);
}

static void json_netns(FILE *f, const struct snapshot *s, const struct snap_netns *n)
{
	fputs("{\"name\":", f);
	out_json_str(f, n->name, true);
	fprintf(f, ",\"present\":%s,\"forwarding\":", jbool(n->present));
	fputs(n->present ? jbool(n->forwarding) : "null", f);
	fputs(",\"routes\":", f);
	if (!n->present) {
		fputs("null}", f);
		return;
	}
	fputc('[', f);
	for (int i = 0; i < n->nroutes; i++) {
		fputs(i ? "," : "", f);
		json_route(f, &s->routes[n->first_route + i]);
	}
	fputs("]}", f);
}

void out_json_netns(FILE *f, const struct snapshot *s)
{
	if (!s->nnetns)
		return;
	fputs(",\"netns\":[", f);
	for (int i = 0; i < s->nnetns; i++) {
		fputs(i ? "," : "", f);
		json_netns(f, s, &s->netns[i]);
	}
	fputc(']', f);
}
