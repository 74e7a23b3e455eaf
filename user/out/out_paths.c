// SPDX-License-Identifier: GPL-2.0
/* Text and JSON for paths and FDB entries: formatting only, no state. */
#include <stdio.h>
#include <string.h>

#include "out_json.h"
#include "out_paths.h"
#include "paths.h"
#include "text.h"

void out_path_text(FILE *out, const struct snap_path *p)
{
	char hops[2048], shown[4 * sizeof(hops)], summary[4 * sizeof(p->summary)];

	paths_format_hops(p, hops, sizeof(hops));
	fprintf(out, "%s\n  %s\n", p->summary[0] ? text_escape(p->summary, summary, sizeof(summary))
		     : "(unknown packet)", text_escape(hops, shown, sizeof(shown)));
}

static void hop_json(FILE *out, const struct snap_hop *h)
{
	fputs("{\"netns\":", out);
	json_str(out, h->netns, true);
	fputs(",\"ifname\":", out);
	json_str(out, h->ifname, false);
	fprintf(out, ",\"dir\":\"%s\",\"bridge\":", h->dir == 'r' ? "rx" : "tx");
	json_str(out, h->bridge, true);
	fprintf(out, ",\"t_us\":%u,\"from\":%d}", h->t_us, h->from);
}

static void bridge_json(FILE *out, const struct snap_bridge_verdict *b)
{
	fputs("{\"bridge\":", out);
	json_str(out, b->bridge, false);
	fputs(",\"verdict\":", out);
	json_str(out, b->verdict, true);
	fprintf(out, ",\"ports\":%u,\"local\":%s}", b->ports, b->local ? "true" : "false");
}

void out_path_json(FILE *out, const struct snap_path *p)
{
	fprintf(out, "{\"type\":\"path\",\"time\":%.6f,\"summary\":", p->time);
	json_str(out, p->summary, false);
	fputs(",\"proto\":", out);
	json_str(out, p->proto, true);
	fputs(",\"hops\":[", out);
	for (int i = 0; i < p->nhops; i++) {
		if (i)
			fputc(',', out);
		hop_json(out, &p->hops[i]);
	}
	fputs("],\"verdict\":", out);
	json_str(out, p->verdict, true);
	fputs(",\"drop_reason\":", out);
	json_str(out, p->drop_reason, true);
	fputs(",\"drop_where\":", out);
	json_str(out, p->drop_where, true);
	fputs(",\"bridges\":[", out);
	for (int i = 0; i < p->nbridges; i++) {
		if (i)
			fputc(',', out);
		bridge_json(out, &p->bridges[i]);
	}
	fprintf(out, "],\"latency_us\":%u,\"complete\":%s}", p->latency_us,
		p->complete ? "true" : "false");
}

void out_fdb_text(FILE *out, const struct snap_fdb *e, int n)
{
	if (!n) {
		fprintf(out, "no FDB entries\n");
		return;
	}
	fprintf(out, "%-15s %-15s %-17s %4s  %-7s %8s  %s\n", "BRIDGE", "PORT", "MAC", "VLAN",
		"TYPE", "AGE", "OWNER");
	for (int i = 0; i < n; i++) {
		char vlan[8] = "-", bridge[4 * sizeof(e->bridge)], port[4 * sizeof(e->port)];
		char owner[4 * sizeof(e->owner)];

		if (e[i].vlan)
			snprintf(vlan, sizeof(vlan), "%u", e[i].vlan);
		fprintf(out, "%-15s %-15s %-17s %4s  %-7s %7.1fs  %s\n",
			text_escape(e[i].bridge, bridge, sizeof(bridge)),
			text_escape(e[i].port, port, sizeof(port)), e[i].mac, vlan, e[i].type, e[i].age,
			e[i].owner[0] ? text_escape(e[i].owner, owner, sizeof(owner)) : "-");
	}
}

void out_fdb_json(FILE *out, const struct snap_fdb *e, int n)
{
	fputc('[', out);
	for (int i = 0; i < n; i++) {
		fputs(i ? ",{\"bridge\":" : "{\"bridge\":", out);
		json_str(out, e[i].bridge, false);
		fputs(",\"port\":", out);
		json_str(out, e[i].port, false);
		fprintf(out, ",\"mac\":\"%s\",\"vlan\":%u,\"type\":\"%s\",\"static\":%s,\"owner\":",
			e[i].mac, e[i].vlan, e[i].type, strcmp(e[i].type, "static") ? "false" : "true");
		json_str(out, e[i].owner, true);
		fprintf(out, ",\"age\":%.1f}", e[i].age);
	}
	fputc(']', out);
}
