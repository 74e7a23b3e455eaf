// SPDX-License-Identifier: GPL-2.0
/* An interface's live state (snap_link) as fields of its object in a JSON snapshot
 * (docs/json.md). */
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
