// SPDX-License-Identifier: GPL-2.0
/* JSON lines: snapshots and events, schema in docs/json.md. Field names are a contract: add,
 * never rename. */
#include <inttypes.h>
#include <string.h>

#include "out_json.h"
#include "out_paths.h"
#include "text.h"

static const char *const class_names[NSVIZ_CLASS_MAX] = {
	"arp", "ipv4", "ipv6", "icmp", "icmpv6", "tcp", "udp", "other", "malformed",
};

void json_str(FILE *f, const char *s, bool null_if_empty)
{
	bool control;

	if (!s || (null_if_empty && !*s)) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (size_t n; (n = text_char(s, &control)); s += n) {
		const unsigned char *p = (const unsigned char *)s;

		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (control) /* C0, DEL, U+0080-U+009F, or a stray byte read as Latin-1 */
			fprintf(f, "\\u%04x", n == 2 ? 0x80 | (p[1] & 0x3f) : *p);
		else
			fwrite(s, 1, n, f);
	}
	fputc('"', f);
}

static void json_dir(FILE *f, const char *name, const struct snap_dir *d)
{
	fprintf(f, "\"%s\":{\"packets\":%" PRIu64 ",\"bytes\":%" PRIu64 ",\"pps\":%.1f,\"bps\":%.1f,"
		   "\"classes\":{", name, d->packets, d->bytes, d->pps, d->bps);
	for (int c = 0; c < NSVIZ_CLASS_MAX; c++)
		fprintf(f, "%s\"%s\":%" PRIu64, c ? "," : "", class_names[c], d->classes[c]);
	fputs("}}", f);
}

static void json_iface(FILE *f, const struct snap_iface *i, bool xdp)
{
	fputs("{\"netns\":", f);
	json_str(f, i->netns, true);
	fputs(",\"ifname\":", f);
	json_str(f, i->ifname, false);
	fprintf(f, ",\"ifindex\":%d,\"bridge\":", i->ifindex);
	json_str(f, i->bridge, true);
	fputs(",\"peer\":", f);
	if (*i->peer_ifname) {
		fputs("{\"netns\":", f);
		json_str(f, i->peer_netns, true);
		fputs(",\"ifname\":", f);
		json_str(f, i->peer_ifname, false);
		fputc('}', f);
	} else {
		fputs("null", f);
	}
	fputc(',', f);
	json_dir(f, "rx", &i->rx);
	fputc(',', f);
	json_dir(f, "tx", &i->tx);
	if (xdp) {
		fputc(',', f);
		json_dir(f, "xdp", &i->xdp);
	}
	fputc('}', f);
}

static void json_flow(FILE *f, const struct snap_flow *fl)
{
	fputs("{\"proto\":", f);
	json_str(f, fl->proto, false);
	fputs(",\"src\":", f);
	json_str(f, fl->src, false);
	fputs(",\"dst\":", f);
	json_str(f, fl->dst, false);
	fprintf(f, ",\"sport\":%u,\"dport\":%u,\"src_netns\":", fl->sport, fl->dport);
	json_str(f, fl->src_netns, true);
	fputs(",\"dst_netns\":", f);
	json_str(f, fl->dst_netns, true);
	fprintf(f, ",\"packets\":%" PRIu64 ",\"bytes\":%" PRIu64 ",\"pps\":%.1f,\"bps\":%.1f,"
		   "\"first_ns\":%" PRIu64 ",\"last_ns\":%" PRIu64 ",\"tcp_flags\":%u,\"points\":[",
		fl->packets, fl->bytes, fl->pps, fl->bps, fl->first_ns, fl->last_ns, fl->tcp_flags);
	/* Slot numbers modulo 64, as a list: a 64-bit mask does not survive JSON doubles. */
	for (int b = 0, n = 0; b < 64; b++)
		if (fl->points & (1ULL << b))
			fprintf(f, "%s%d", n++ ? "," : "", b);
	fputs("]}", f);
}

void json_snapshot(FILE *f, const struct snapshot *s)
{
	bool xdp = strstr(s->hook_mode, "xdp") != NULL;

	fprintf(f, "{\"type\":\"snapshot\",\"time\":%.6f,\"uptime\":%.3f,\"hook\":", s->time,
		s->uptime);
	json_str(f, s->hook_mode, false);
	fprintf(f, ",\"lost_events\":%" PRIu64 ",\"interfaces\":[", s->lost_events);
	for (int i = 0; i < s->nifaces; i++) {
		if (i)
			fputc(',', f);
		json_iface(f, &s->ifaces[i], xdp && *s->ifaces[i].bridge);
	}
	fputs("],\"flows\":[", f);
	for (int i = 0; i < s->nflows; i++) {
		if (i)
			fputc(',', f);
		json_flow(f, &s->flows[i]);
	}
	fputs("],\"fdb\":", f);
	out_fdb_json(f, s->fdb, s->nfdb);
	fputs("}\n", f);
}

static void mac_str(const uint8_t *m, char *buf, size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

static void json_arp(FILE *f, const struct model_event *e)
{
	const struct nsviz_ev_arp *a = &e->raw.arp;
	char sha[18], tha[18];

	mac_str(a->sha, sha, sizeof(sha));
	mac_str(a->tha, tha, sizeof(tha));
	if (a->op == 1 || a->op == 2)
		fprintf(f, ",\"op\":\"%s\"", a->op == 1 ? "who-has" : "is-at");
	else
		fprintf(f, ",\"op\":%u", a->op);
	fprintf(f, ",\"sender_ip\":\"%s\",\"sender_mac\":\"%s\",\"target_ip\":\"%s\","
		   "\"target_mac\":\"%s\"", e->src, sha, e->dst, tha);
}

static void json_addrs(FILE *f, const struct model_event *e, const struct nsviz_flow_key *k)
{
	fprintf(f, ",\"proto\":\"%s\",\"src\":\"%s\",\"dst\":\"%s\"", e->proto, e->src, e->dst);
	if (k)
		fprintf(f, ",\"sport\":%u,\"dport\":%u", k->sport, k->dport);
}

static void json_kind(FILE *f, const struct model_event *e)
{
	const struct nsviz_event *r = &e->raw;

	switch (r->h.kind) {
	case NSVIZ_EV_ARP:
		json_arp(f, e);
		break;
	case NSVIZ_EV_ICMP:
		fprintf(f, ",\"family\":%u,\"type\":%u,\"code\":%u,\"id\":%u,\"seq\":%u",
			r->icmp.family, r->icmp.type, r->icmp.code, r->icmp.id, r->icmp.seq);
		json_addrs(f, e, NULL);
		break;
	case NSVIZ_EV_FLOW:
		json_addrs(f, e, &r->flow.key);
		break;
	case NSVIZ_EV_DROP:
		fputs(",\"reason\":", f);
		json_str(f, e->detail, false);
		fprintf(f, ",\"reason_code\":%u", r->drop.reason);
		json_addrs(f, e, &r->drop.key);
		break;
	case NSVIZ_EV_FDB:
		fprintf(f, ",\"op\":\"%s\",\"mac\":\"%s\",\"vlan\":%u,\"static\":%s,\"bridge\":",
			e->detail, e->src, r->fdb.vlan, r->fdb.is_static ? "true" : "false");
		json_str(f, e->s.ifname, true);
		fputs(",\"port\":", f);
		json_str(f, e->port, true);
		break;
	}
}

void json_event(FILE *f, const struct model_event *e)
{
	fprintf(f, "{\"type\":\"event\",\"time\":%.6f,\"kind\":", e->s.time);
	json_str(f, e->s.kind, false);
	fputs(",\"netns\":", f);
	json_str(f, e->s.netns, true);
	fputs(",\"ifname\":", f);
	json_str(f, e->s.ifname, true);
	/* The skb address as a hex string: JSON numbers are doubles and would round it. */
	fprintf(f, ",\"ifindex\":%d,\"dir\":%s,\"ts_ns\":%" PRIu64 ",\"skb\":\"0x%" PRIx64 "\",\"len\":%u",
		e->ifindex, e->dir == 'r' ? "\"rx\"" : e->dir == 't' ? "\"tx\"" : "null",
		(uint64_t)e->raw.h.ts_ns, (uint64_t)e->raw.h.skb, e->raw.h.len);
	json_kind(f, e);
	fputs(",\"text\":", f);
	json_str(f, e->s.text, false);
	fputs("}\n", f);
}
