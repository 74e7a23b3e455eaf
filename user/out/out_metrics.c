// SPDX-License-Identifier: GPL-2.0
/* Metrics in the Prometheus text format 0.0.4 or in OpenMetrics 1.0. The two differ only in
 * their metadata and end: OpenMetrics names a counter's family without `_total` and an info's
 * without `_info`, gives units, and ends with `# EOF`; the samples are the same lines. */
#include <inttypes.h>
#include <string.h>

#include "out_metrics.h"
#include "text.h"

enum mtype { M_COUNTER, M_GAUGE, M_HISTOGRAM, M_INFO };

struct family {
	const char *name; /* the samples' name (a histogram's base name) */
	enum mtype type;
	const char *unit; /* the suffix the name ends with, or NULL */
	const char *help;
};

static const char *const type_names[][2] = {
	[M_COUNTER] = { "counter", "counter" },
	[M_GAUGE] = { "gauge", "gauge" },
	[M_HISTOGRAM] = { "histogram", "histogram" },
	[M_INFO] = { "gauge", "info" },
};

const char *out_metrics_content_type(enum metrics_format f)
{
	return f == METRICS_OPENMETRICS ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
					: "text/plain; version=0.0.4; charset=utf-8";
}

static void header(FILE *out, enum metrics_format f, const struct family *m)
{
	size_t len = strlen(m->name);
	const char *cut = NULL;

	if (f == METRICS_OPENMETRICS)
		cut = m->type == M_COUNTER ? "_total" : m->type == M_INFO ? "_info" : NULL;
	if (cut)
		len -= strlen(cut);
	fprintf(out, "# HELP %.*s %s\n", (int)len, m->name, m->help);
	fprintf(out, "# TYPE %.*s %s\n", (int)len, m->name, type_names[m->type][f]);
	if (f == METRICS_OPENMETRICS && m->unit)
		fprintf(out, "# UNIT %.*s %s\n", (int)len, m->name, m->unit);
}

/* A label value: backslash, quote and newline escaped, each invalid UTF-8 sequence as U+FFFD
 * (both formats must be UTF-8; the kernel's names are bytes). */
static void label_value(FILE *out, const char *s)
{
	while (*s) {
		int n = text_utf8_len(s);

		if (n < 0) {
			fputs("\xef\xbf\xbd", out);
			s += -n;
		} else if (*s == '\\' || *s == '"' || *s == '\n') {
			fprintf(out, "\\%c", *s == '\n' ? 'n' : *s);
			s++;
		} else {
			fwrite(s, 1, n, out);
			s += n;
		}
	}
}

/* NAME{K="V",...}, the N label pairs of KV, and a blank before the value. */
static void series(FILE *out, const char *name, const char *const *kv, int n)
{
	fputs(name, out);
	for (int i = 0; i < n; i++) {
		fprintf(out, "%s%s=\"", i ? "," : "{", kv[2 * i]);
		label_value(out, kv[2 * i + 1]);
		fputc('"', out);
	}
	fputs(n ? "} " : " ", out);
}

static void u64(FILE *out, const char *name, const char *const *kv, int n, uint64_t v)
{
	series(out, name, kv, n);
	fprintf(out, "%" PRIu64 "\n", v);
}

static void dbl(FILE *out, const char *name, const char *const *kv, int n, double v)
{
	series(out, name, kv, n);
	fprintf(out, "%.15g\n", v);
}

/* Removed interfaces leave the output: not read yet is shown, known gone is not. Pending ones
 * have no counters yet. */
static bool shown(const struct snap_iface *i)
{
	return !i->pending && (!i->link.known || i->link.present);
}

static bool place_shown(const struct snapshot *s, const char *netns, const char *ifname)
{
	for (int i = 0; i < s->nifaces; i++)
		if (!strcmp(s->ifaces[i].netns, netns) && !strcmp(s->ifaces[i].ifname, ifname))
			return shown(&s->ifaces[i]);
	return false;
}

static const char *const dirs[2] = { "rx", "tx" };

static const struct snap_dir *dir_of(const struct snap_iface *i, int d)
{
	return d ? &i->tx : &i->rx;
}

/* BYTES: the bytes counter, else the packets one. */
static void iface_totals(FILE *out, enum metrics_format f, const struct snapshot *s, bool bytes)
{
	static const struct family fam[2] = {
		{ "nsviz_interface_packets_total", M_COUNTER, NULL,
		  "Packets an interface received (rx, tc ingress) or sent (tx, tc egress) since nsviz attached; the kernel's stats64 over the same time." },
		{ "nsviz_interface_bytes_total", M_COUNTER, "bytes",
		  "Bytes an interface received (rx) or sent (tx) since nsviz attached, as the kernel counts them (a bridge device's rx without the Ethernet header)." },
	};

	header(out, f, &fam[bytes]);
	for (int i = 0; i < s->nifaces; i++) {
		const struct snap_iface *it = &s->ifaces[i];

		for (int d = 0; d < 2 && shown(it); d++) {
			const char *kv[] = { "netns", it->netns, "ifname", it->ifname, "direction", dirs[d] };

			u64(out, fam[bytes].name, kv, 3,
			    bytes ? dir_of(it, d)->bytes : dir_of(it, d)->packets);
		}
	}
}

static void iface_classes(FILE *out, enum metrics_format f, const struct snapshot *s)
{
	static const struct family fam = {
		"nsviz_interface_class_packets_total", M_COUNTER, NULL,
		"Packets per class (arp, ipv4, ipv6, other by ethertype; icmp, icmpv6, tcp, udp; malformed) an interface received or sent since nsviz attached."
	};

	header(out, f, &fam);
	for (int i = 0; i < s->nifaces; i++) {
		const struct snap_iface *it = &s->ifaces[i];

		for (int d = 0; d < 2 && shown(it); d++)
			for (int c = 0; c < NSVIZ_CLASS_MAX; c++) {
				const char *kv[] = { "netns", it->netns, "ifname", it->ifname,
						     "direction", dirs[d], "class", snap_class_name(c) };

				u64(out, fam.name, kv, 4, dir_of(it, d)->classes[c]);
			}
	}
}

static void link_state(FILE *out, enum metrics_format f, const struct snapshot *s)
{
	static const struct family up = {
		"nsviz_link_up", M_GAUGE, NULL,
		"1 when the interface's operational state is up (ip link's state UP), else 0."
	};

	header(out, f, &up);
	for (int i = 0; i < s->nifaces; i++) {
		const struct snap_iface *it = &s->ifaces[i];
		const char *kv[] = { "netns", it->netns, "ifname", it->ifname };

		if (shown(it) && it->link.known)
			u64(out, up.name, kv, 2, !strcmp(it->link.oper, "up"));
	}
}

static void port_state(FILE *out, enum metrics_format f, const struct snapshot *s)
{
	static const struct family fam = {
		"nsviz_port_state", M_GAUGE, NULL,
		"A bridge port's STP state: 1 for the state it is in, 0 for the others."
	};
	static const char *const states[] = { "disabled", "listening", "learning", "forwarding",
					      "blocking" };

	header(out, f, &fam);
	for (int i = 0; i < s->nifaces; i++) {
		const struct snap_iface *it = &s->ifaces[i];

		for (size_t k = 0; k < 5 && shown(it) && it->link.is_port; k++) {
			const char *kv[] = { "netns", it->netns, "ifname", it->ifname,
					     "bridge", it->link.master, "state", states[k] };

			u64(out, fam.name, kv, 4, !strcmp(it->link.port.state, states[k]));
		}
	}
}

static void drops(FILE *out, enum metrics_format f, const struct snapshot *s, const struct tally *t)
{
	static const struct family fam = {
		"nsviz_drops_total", M_COUNTER, NULL,
		"Packets the kernel freed as dropped (skb:kfree_skb) on an observed interface, by the kernel's reason; drop events not delivered count in nsviz_lost_events_total instead."
	};

	header(out, f, &fam);
	for (int i = 0; i < t->ndrops; i++) {
		const struct tally_drop *d = &t->drops[i];
		const char *kv[] = { "netns", d->netns, "ifname", d->ifname, "reason", d->reason };

		if (place_shown(s, d->netns, d->ifname))
			u64(out, fam.name, kv, 3, d->count);
	}
}

static void fdb_events(FILE *out, enum metrics_format f, const struct snapshot *s,
		       const struct tally *t)
{
	static const struct family fam = {
		"nsviz_fdb_events_total", M_COUNTER, NULL,
		"Changes of a bridge's forwarding database seen by its tracepoints: op learn, move or delete."
	};

	header(out, f, &fam);
	for (int i = 0; i < t->nfdb; i++) {
		const char *kv[] = { "bridge", t->fdb[i].bridge, "op", t->fdb[i].op };

		if (place_shown(s, "", t->fdb[i].bridge))
			u64(out, fam.name, kv, 2, t->fdb[i].count);
	}
}

static void latency(FILE *out, enum metrics_format f, const struct tally *t)
{
	static const struct family fam = {
		"nsviz_path_latency_seconds", M_HISTOGRAM, "seconds",
		"Time from a packet's first hop to its last (or its drop), for each complete path, by verdict (forward, flood, flood (unknown unicast), local, drop)."
	};
	char le[32];

	header(out, f, &fam);
	for (int i = 0; i < t->nlatency; i++) {
		const struct tally_latency *l = &t->latency[i];
		const char *kv[] = { "verdict", l->verdict, "le", le };
		uint64_t cum = 0;

		for (int b = 0; b <= TALLY_BUCKETS; b++) {
			cum += l->buckets[b];
			if (b < TALLY_BUCKETS)
				snprintf(le, sizeof(le), "%g", tally_le[b]);
			else
				snprintf(le, sizeof(le), "+Inf");
			u64(out, "nsviz_path_latency_seconds_bucket", kv, 2, cum);
		}
		dbl(out, "nsviz_path_latency_seconds_sum", kv, 1, l->sum);
		u64(out, "nsviz_path_latency_seconds_count", kv, 1, l->count);
	}
}

/* One unlabelled sample of each family: the engine's own numbers. */
static void engine(FILE *out, enum metrics_format f, const struct snapshot *s, const struct tally *t)
{
	static const struct family fams[] = {
		{ "nsviz_paths_incomplete_total", M_COUNTER, NULL,
		  "Packet paths that did not complete (records lost, or open past 1 s): not in nsviz_path_latency_seconds." },
		{ "nsviz_lost_events_total", M_COUNTER, NULL,
		  "Events (arp, icmp, flow, drop, fdb) the kernel side could not deliver (rate limit or full ring) since nsviz attached." },
		{ "nsviz_lost_trace_records_total", M_COUNTER, NULL,
		  "Packet records for paths the kernel side could not deliver since nsviz attached." },
		{ "nsviz_flows", M_GAUGE, NULL,
		  "Flows with packets in the kernel's flow table (at most 256 are counted)." },
		{ "nsviz_points", M_GAUGE, NULL, "Interfaces nsviz observes (each with an rx and a tx point)." },
		{ "nsviz_points_pending", M_GAUGE, NULL,
		  "Interfaces whose probes are not attached yet: they have no counters until they are." },
	};
	uint64_t pending = 0;

	for (int i = 0; i < s->nifaces; i++)
		pending += s->ifaces[i].pending;
	const uint64_t v[] = { t->incomplete, s->lost_events, s->lost_trace, (uint64_t)s->nflows,
			       (uint64_t)s->nifaces, pending };

	for (size_t i = 0; i < sizeof(fams) / sizeof(fams[0]); i++) {
		header(out, f, &fams[i]);
		u64(out, fams[i].name, NULL, 0, v[i]);
	}
}

static void process(FILE *out, enum metrics_format f, const struct selfstat *p)
{
	static const struct family fams[] = {
		{ "process_cpu_seconds_total", M_COUNTER, "seconds", "Total user and system CPU time spent in seconds." },
		{ "process_resident_memory_bytes", M_GAUGE, "bytes", "Resident memory size in bytes." },
		{ "process_virtual_memory_bytes", M_GAUGE, "bytes", "Virtual memory size in bytes." },
		{ "process_start_time_seconds", M_GAUGE, "seconds", "Start time of the process since unix epoch in seconds." },
		{ "process_open_fds", M_GAUGE, NULL, "Number of open file descriptors." },
		{ "process_max_fds", M_GAUGE, NULL, "Maximum number of open file descriptors." },
	};
	const double v[] = { p->cpu_seconds, (double)p->resident_bytes, (double)p->virtual_bytes,
			     p->start_time, p->open_fds, (double)p->max_fds };

	for (size_t i = 0; i < sizeof(fams) / sizeof(fams[0]); i++) {
		header(out, f, &fams[i]);
		dbl(out, fams[i].name, NULL, 0, v[i]);
	}
}

void out_metrics(FILE *out, enum metrics_format f, const struct snapshot *s, const struct tally *t,
		 const struct selfstat *self)
{
	static const struct family build = { "nsviz_build_info", M_INFO, NULL,
					     "The version of nsviz, as a label." };
	const char *kv[] = { "version", NSVIZ_VERSION };

	iface_totals(out, f, s, false);
	iface_totals(out, f, s, true);
	iface_classes(out, f, s);
	link_state(out, f, s);
	port_state(out, f, s);
	drops(out, f, s, t);
	fdb_events(out, f, s, t);
	latency(out, f, t);
	engine(out, f, s, t);
	header(out, f, &build);
	u64(out, build.name, kv, 1, 1);
	if (self)
		process(out, f, self);
	if (f == METRICS_OPENMETRICS)
		fputs("# EOF\n", out);
}
