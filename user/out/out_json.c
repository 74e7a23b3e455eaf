// SPDX-License-Identifier: GPL-2.0
/* JSON lines: snapshots, events, paths, the FDB and trace statistics; schema in docs/json.md.
 * Field names are a contract: add, never rename. */
#include <inttypes.h>
#include <string.h>

#include "out_json.h"
#include "text.h"

void out_json_str(FILE *f, const char *s, bool null_if_empty)
{
	if (!s || (null_if_empty && !*s)) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		int n = text_utf8_len((const char *)p);

		/* Names are bytes to the kernel, JSON strings are Unicode text: what is not UTF-8
		 * becomes U+FFFD, one for each longest invalid beginning of a sequence, as jq and Python
		 * decode it (the Unicode standard's practice). Controls (C0, DEL, C1) are escaped, so
		 * that no reader's terminal acts on them. */
		if (n < 0)
			fputs("\\ufffd", f);
		else if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else if (*p == 0xc2 && p[1] <= 0x9f)
			fprintf(f, "\\u%04x", p[1]);
		else
			fwrite(p, 1, n, f);
		p += n < 0 ? -n : n;
	}
	fputc('"', f);
}

static void json_dir(FILE *f, const char *name, const struct snap_dir *d)
{
	fprintf(f, "\"%s\":{\"packets\":%" PRIu64 ",\"bytes\":%" PRIu64 ",\"pps\":%.1f,\"bps\":%.1f,"
		   "\"classes\":{", name, d->packets, d->bytes, d->pps, d->bps);
	for (int c = 0; c < NSVIZ_CLASS_MAX; c++)
		fprintf(f, "%s\"%s\":%" PRIu64, c ? "," : "", snap_class_name(c), d->classes[c]);
	fputs("}}", f);
}

static void json_iface(FILE *f, const struct snap_iface *i, bool xdp)
{
	fputs("{\"netns\":", f);
	out_json_str(f, i->netns, true);
	fputs(",\"ifname\":", f);
	out_json_str(f, i->ifname, false);
	fprintf(f, ",\"ifindex\":%d,\"bridge\":", i->ifindex);
	out_json_str(f, i->bridge, true);
	fputs(",\"peer\":", f);
	if (*i->peer_ifname) {
		fputs("{\"netns\":", f);
		out_json_str(f, i->peer_netns, true);
		fputs(",\"ifname\":", f);
		out_json_str(f, i->peer_ifname, false);
		fputc('}', f);
	} else {
		fputs("null", f);
	}
	out_json_link(f, &i->link);
	fputc(',', f);
	json_dir(f, "rx", &i->rx);
	fputc(',', f);
	json_dir(f, "tx", &i->tx);
	if (xdp) {
		fputc(',', f);
		json_dir(f, "xdp", &i->xdp);
	}
	fprintf(f, ",\"drops\":%" PRIu64 ",\"drops_link_local\":%" PRIu64 ",\"drop_rate\":%.1f,"
		   "\"drop_reason\":", i->drops, i->drops_chatter, i->drop_rate);
	out_json_str(f, i->drop_reason, true);
	fputc('}', f);
}

static void json_flow(FILE *f, const struct snap_flow *fl)
{
	fputs("{\"proto\":", f);
	out_json_str(f, fl->proto, false);
	fputs(",\"src\":", f);
	out_json_str(f, fl->src, false);
	fputs(",\"dst\":", f);
	out_json_str(f, fl->dst, false);
	fprintf(f, ",\"sport\":%u,\"dport\":%u,\"src_netns\":", fl->sport, fl->dport);
	out_json_str(f, fl->src_netns, true);
	fputs(",\"dst_netns\":", f);
	out_json_str(f, fl->dst_netns, true);
	fprintf(f, ",\"packets\":%" PRIu64 ",\"bytes\":%" PRIu64 ",\"pps\":%.1f,\"bps\":%.1f,"
		   "\"first_ns\":%" PRIu64 ",\"last_ns\":%" PRIu64 ",\"tcp_flags\":%u,\"points\":[",
		fl->packets, fl->bytes, fl->pps, fl->bps, fl->first_ns, fl->last_ns, fl->tcp_flags);
	/* Slot numbers modulo 64, as a list: a 64-bit mask does not survive JSON doubles. */
	for (int b = 0, n = 0; b < 64; b++)
		if (fl->points & (1ULL << b))
			fprintf(f, "%s%d", n++ ? "," : "", b);
	fputs("]}", f);
}

/* A JSON array of N entries. */
static void json_fdb_entries(FILE *out, const struct snap_fdb *e, int n)
{
	fputc('[', out);
	for (int i = 0; i < n; i++) {
		fputs(i ? ",{\"bridge\":" : "{\"bridge\":", out);
		out_json_str(out, e[i].bridge, false);
		fputs(",\"port\":", out);
		out_json_str(out, e[i].port, false);
		fprintf(out, ",\"mac\":\"%s\",\"vlan\":%u,\"type\":\"%s\",\"static\":%s,\"owner\":",
			e[i].mac, e[i].vlan, e[i].type, strcmp(e[i].type, "static") ? "false" : "true");
		out_json_str(out, e[i].owner, true);
		fprintf(out, ",\"age\":%.1f}", e[i].age);
	}
	fputc(']', out);
}

void out_json_snapshot(FILE *f, const struct snapshot *s)
{
	bool xdp = strstr(s->hook_mode, "xdp") != NULL;

	fprintf(f, "{\"type\":\"snapshot\",\"time\":%.6f,\"uptime\":%.3f,\"hook\":", s->time,
		s->uptime);
	out_json_str(f, s->hook_mode, false);
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
	json_fdb_entries(f, s->fdb, s->nfdb);
	out_json_netns(f, s);
	fputs("}\n", f);
}

void out_json_fdb(FILE *f, double time, const struct snap_fdb *e, int n)
{
	fprintf(f, "{\"type\":\"fdb\",\"time\":%.6f,\"fdb\":", time);
	json_fdb_entries(f, e, n);
	fputs("}\n", f);
}

void out_json_trace_stats(FILE *f, double time, bool final, const struct path_stats *st,
			  const struct snapshot *s)
{
	fprintf(f, "{\"type\":\"trace_stats\",\"time\":%.6f,\"final\":%s,\"paths\":%" PRIu64
		   ",\"incomplete\":%" PRIu64 ",\"sampled_out\":%" PRIu64 ",\"lost_records\":%" PRIu64
		   ",\"lost_events\":%" PRIu64 "}\n",
		time, final ? "true" : "false", st->emitted, st->incomplete, st->sampled_out,
		s->lost_trace, s->lost_events);
}

static void json_arp(FILE *f, const struct snap_event *e)
{
	if (e->arp.op == 1 || e->arp.op == 2)
		fprintf(f, ",\"op\":\"%s\"", e->arp.op == 1 ? "who-has" : "is-at");
	else
		fprintf(f, ",\"op\":%u", e->arp.op);
	fprintf(f, ",\"sender_ip\":\"%s\",\"sender_mac\":\"%s\",\"target_ip\":\"%s\","
		   "\"target_mac\":\"%s\"", e->src, e->arp.sender_mac, e->dst, e->arp.target_mac);
}

static void json_addrs(FILE *f, const struct snap_event *e, bool ports)
{
	fprintf(f, ",\"proto\":\"%s\",\"src\":\"%s\",\"dst\":\"%s\"", e->proto, e->src, e->dst);
	if (ports)
		fprintf(f, ",\"sport\":%u,\"dport\":%u", e->sport, e->dport);
}

static void json_kind(FILE *f, const struct snap_event *e)
{
	if (!strcmp(e->kind, "arp")) {
		json_arp(f, e);
	} else if (!strcmp(e->kind, "icmp")) {
		fprintf(f, ",\"family\":%u,\"icmp_type\":%u,\"icmp_code\":%u,\"id\":%u,\"seq\":%u",
			e->icmp.family, e->icmp.type, e->icmp.code, e->icmp.id, e->icmp.seq);
		json_addrs(f, e, false);
	} else if (!strcmp(e->kind, "flow")) {
		json_addrs(f, e, true);
	} else if (!strcmp(e->kind, "drop")) {
		fputs(",\"reason\":", f);
		out_json_str(f, e->drop.reason, false);
		fprintf(f, ",\"reason_code\":%u,\"function\":", e->drop.code);
		out_json_str(f, e->drop.function, true);
		json_addrs(f, e, true);
	} else if (!strcmp(e->kind, "fdb")) {
		fprintf(f, ",\"op\":\"%s\",\"mac\":\"%s\",\"vlan\":%u,\"static\":%s,\"bridge\":",
			e->fdb.op, e->fdb.mac, e->fdb.vlan, e->fdb.is_static ? "true" : "false");
		out_json_str(f, e->ifname, true);
		fputs(",\"port\":", f);
		out_json_str(f, e->fdb.port, true);
	}
}

void out_json_event(FILE *f, const struct snap_event *e)
{
	fprintf(f, "{\"type\":\"event\",\"time\":%.6f,\"kind\":", e->time);
	out_json_str(f, e->kind, false);
	fputs(",\"netns\":", f);
	out_json_str(f, e->netns, true);
	fputs(",\"ifname\":", f);
	out_json_str(f, e->ifname, true);
	/* The skb address as a hex string: JSON numbers are doubles and would round it. */
	fprintf(f, ",\"ifindex\":%d,\"dir\":%s,\"ts_ns\":%" PRIu64 ",\"skb\":\"0x%" PRIx64 "\",\"len\":%u",
		e->ifindex, e->dir == 'r' ? "\"rx\"" : e->dir == 't' ? "\"tx\"" : "null",
		e->ts_ns, e->skb, e->len);
	json_kind(f, e);
	fputs(",\"text\":", f);
	out_json_str(f, e->text, false);
	fputs("}\n", f);
}

static void json_hop(FILE *out, const struct snap_hop *h)
{
	fputs("{\"netns\":", out);
	out_json_str(out, h->netns, true);
	fputs(",\"ifname\":", out);
	out_json_str(out, h->ifname, false);
	fprintf(out, ",\"dir\":\"%s\",\"bridge\":", h->dir == 'r' ? "rx" : "tx");
	out_json_str(out, h->bridge, true);
	fprintf(out, ",\"t_us\":%u,\"from\":%d}", h->t_us, h->from);
}

static void json_bridge(FILE *out, const struct snap_bridge_verdict *b)
{
	fputs("{\"bridge\":", out);
	out_json_str(out, b->bridge, false);
	fputs(",\"verdict\":", out);
	out_json_str(out, b->verdict, true);
	fprintf(out, ",\"ports\":%u,\"local\":%s}", b->ports, b->local ? "true" : "false");
}

void out_json_path(FILE *out, const struct snap_path *p)
{
	fprintf(out, "{\"type\":\"path\",\"time\":%.6f,\"summary\":", p->time);
	out_json_str(out, p->summary, false);
	fputs(",\"proto\":", out);
	out_json_str(out, p->proto, true);
	fputs(",\"hops\":[", out);
	for (int i = 0; i < p->nhops; i++) {
		if (i)
			fputc(',', out);
		json_hop(out, &p->hops[i]);
	}
	fputs("],\"verdict\":", out);
	out_json_str(out, p->verdict, true);
	fputs(",\"drop_reason\":", out);
	out_json_str(out, p->drop_reason, true);
	fputs(",\"drop_where\":", out);
	out_json_str(out, p->drop_where, true);
	fputs(",\"drop_function\":", out);
	out_json_str(out, p->drop_function, true);
	fputs(",\"cause\":", out);
	out_json_str(out, p->cause, true);
	fputs(",\"cause_where\":", out);
	out_json_str(out, p->cause_where, true);
	fputs(",\"bridges\":[", out);
	for (int i = 0; i < p->nbridges; i++) {
		if (i)
			fputc(',', out);
		json_bridge(out, &p->bridges[i]);
	}
	fprintf(out, "],\"latency_us\":%u,\"complete\":%s}", p->latency_us,
		p->complete ? "true" : "false");
}
