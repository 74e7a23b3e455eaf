// SPDX-License-Identifier: GPL-2.0
/* Text tables in aligned columns: the counters, one row per interface and direction; the FDB. */
#include <inttypes.h>
#include <string.h>

#include "out_table.h"
#include "text.h"

static const char *const class_heads[NSVIZ_CLASS_MAX] = {
	"ARP", "IPV4", "IPV6", "ICMP", "ICMP6", "TCP", "UDP", "OTHER", "BAD",
};

static void table_row(FILE *f, const struct snap_iface *i, const char *dir, const struct snap_dir *d)
{
	char where[TOPO_NETNS_MAX + TOPO_IFNAME_MAX + 2], shown[4 * sizeof(where)];

	snprintf(where, sizeof(where), "%s:%s", *i->netns ? i->netns : "host", i->ifname);
	fprintf(f, "%-24s %-3s %10" PRIu64 " %12" PRIu64 " %9.1f %11.0f",
		text_escape(where, shown, sizeof(shown)), dir, d->packets,
		d->bytes, d->pps, d->bps);
	for (int c = 0; c < NSVIZ_CLASS_MAX; c++)
		fprintf(f, " %*" PRIu64, c == NSVIZ_C_ICMPV6 || c == NSVIZ_C_OTHER ? 6 : 5, d->classes[c]);
	fputc('\n', f);
}

void out_table_counters(FILE *f, const struct snapshot *s)
{
	bool xdp = strstr(s->hook_mode, "xdp") != NULL;

	fprintf(f, "hook %s   uptime %.1f s   events %" PRIu64 "   lost events %" PRIu64 "\n",
		s->hook_mode, s->uptime, s->events_seen, s->lost_events);
	fprintf(f, "%-24s %-3s %10s %12s %9s %11s", "INTERFACE", "DIR", "PACKETS", "BYTES", "PPS",
		"BIT/S");
	for (int c = 0; c < NSVIZ_CLASS_MAX; c++)
		fprintf(f, " %*s", c == NSVIZ_C_ICMPV6 || c == NSVIZ_C_OTHER ? 6 : 5, class_heads[c]);
	fputc('\n', f);
	for (int i = 0; i < s->nifaces; i++) {
		table_row(f, &s->ifaces[i], "rx", &s->ifaces[i].rx);
		table_row(f, &s->ifaces[i], "tx", &s->ifaces[i].tx);
		if (xdp && *s->ifaces[i].bridge)
			table_row(f, &s->ifaces[i], "xdp", &s->ifaces[i].xdp);
	}
}

void out_table_fdb(FILE *out, const struct snap_fdb *e, int n)
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
