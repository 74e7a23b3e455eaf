// SPDX-License-Identifier: GPL-2.0
/* Rates are smooth functions of time with closed-form integrals, so counters are exact functions
 * of (seed, time) whatever the tick cadence; events and paths are drawn per whole second.
 * Counters and flows go through the live source's model (model_set_counters, model_flow,
 * model_tick), so rates have the same units and the same arithmetic as on a real network. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "clock.h"
#include "fake.h"
#include "fake_link.h"
#include "fake_why.h"
#include "model.h"

#define FAKE_FLOWS 6
#define FAKE_EVENTS 200
#define FAKE_PATHS 32
#define FAKE_PINGS 8

struct fake_flow {
	int src, dst;          /* namespaces */
	const char *proto;
	double base;           /* peak packets/s */
	double size;           /* bytes per packet */
	double omega, phase;
	uint16_t sport, dport;
};

struct fake_ping {
	int src, dst;
	double start;
	int count;
};

struct fake {
	struct source src;
	const struct topo *t;
	uint64_t seed;
	double t0, now;
	struct fake_flow flows[FAKE_FLOWS];
	int nflows;
	struct fake_ping pings[FAKE_PINGS];
	int npings;
	struct model *m; /* counters, rates and flows */
	struct snap_iface *ifaces; /* the model's, with their live state */
	struct snap_why why;       /* the UI's `why`, once asked for */
	double why_at;             /* when it was asked for (seconds into the source's time) */
	int why_ends[2];           /* from, to: namespaces */
	struct snapshot snap;
};

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

static double unit(uint64_t seed, uint64_t a, uint64_t b)
{
	return (mix(seed ^ mix(a * 1000003 + b)) >> 11) / 9007199254740992.0;
}

/* Packets a flow sent by time T: integral of base * (1 + sin(omega t + phase)) / 2. */
static double flow_packets(const struct fake_flow *f, double t)
{
	if (t <= 0)
		return 0;
	return f->base * (t / 2 + (cos(f->phase) - cos(f->omega * t + f->phase)) / (2 * f->omega));
}

/* Echo requests ping P sent by time T (one a second from its start). */
static double ping_sent(const struct fake_ping *p, double t)
{
	return t < p->start ? 0 : fmin(floor(t - p->start) + 1, p->count);
}

/* Echo requests (or replies) the pings sent from namespace NS... by time T. */
static double ping_packets(const struct fake *fk, int ns, bool as_src, double t)
{
	double n = 0;

	for (int i = 0; i < fk->npings; i++)
		if ((as_src ? fk->pings[i].src : fk->pings[i].dst) == ns)
			n += ping_sent(&fk->pings[i], t);
	return n;
}

/* The first address of namespace NS, or NULL. */
static const struct topo_addr *netns_first_addr(const struct topo *t, int ns)
{
	for (int v = 0; v < t->nveths; v++)
		for (int e = 0; e < 2; e++) {
			const struct topo_end *end = &t->veths[v].end[e];

			if (end->kind == TOPO_OWNER_NETNS && end->owner == ns && end->naddrs)
				return &end->addrs[0];
		}
	return NULL;
}

static const char *netns_addr(const struct topo *t, int ns, char *buf, size_t len)
{
	const struct topo_addr *a = netns_first_addr(t, ns);

	snprintf(buf, len, "?");
	if (a) {
		topo_addr_str(a, buf, len);
		*strchrnul(buf, '/') = 0;
	}
	return buf;
}

static bool has_addr(const struct topo *t, int ns)
{
	char buf[64];

	return strcmp(netns_addr(t, ns, buf, sizeof(buf)), "?") != 0;
}

static void make_flows(struct fake *fk)
{
	static const char *const protos[] = { "icmp", "tcp", "udp" };
	const struct topo *t = fk->t;

	for (int i = 0; i < FAKE_FLOWS * 4 && fk->nflows < FAKE_FLOWS && t->nnetns > 1; i++) {
		struct fake_flow *f = &fk->flows[fk->nflows];

		f->src = (int)(unit(fk->seed, 1, i) * t->nnetns);
		f->dst = (int)(unit(fk->seed, 2, i) * t->nnetns);
		if (f->src == f->dst || !has_addr(t, f->src) || !has_addr(t, f->dst))
			continue;
		f->proto = protos[fk->nflows % 3];
		f->base = fk->nflows == 1 ? 2000 + 6000 * unit(fk->seed, 3, i) : 1 + 20 * unit(fk->seed, 3, i);
		f->size = !strcmp(f->proto, "tcp") ? 1400 : !strcmp(f->proto, "udp") ? 200 : 98;
		f->omega = 0.2 + unit(fk->seed, 4, i);
		f->phase = 6.283 * unit(fk->seed, 5, i);
		f->sport = 32768 + (uint16_t)(unit(fk->seed, 6, i) * 20000);
		f->dport = !strcmp(f->proto, "tcp") ? 5201 : !strcmp(f->proto, "udp") ? 53 : 0;
		fk->nflows++;
	}
}

static enum nsviz_class proto_class(const char *proto)
{
	return !strcmp(proto, "tcp") ? NSVIZ_C_TCP : !strcmp(proto, "udp") ? NSVIZ_C_UDP : NSVIZ_C_ICMP;
}

/* What namespace NS sent (OUT) or received by time T, per class; returns bytes. */
static double netns_traffic(const struct fake *fk, int ns, bool out, double t, double *cls)
{
	double bytes, pings = ping_packets(fk, ns, out, t) + ping_packets(fk, ns, !out, t);
	double arp = t > 0 ? floor(t / 30) + 1 : 0;

	memset(cls, 0, sizeof(double) * NSVIZ_CLASS_MAX);
	cls[NSVIZ_C_ICMP] = pings;
	cls[NSVIZ_C_ARP] = arp;
	bytes = pings * 98 + arp * 42;
	for (int i = 0; i < fk->nflows; i++) {
		const struct fake_flow *f = &fk->flows[i];
		double n = flow_packets(f, t);

		if ((out ? f->src : f->dst) == ns) {
			cls[proto_class(f->proto)] += n;
			bytes += n * f->size;
		}
		if ((out ? f->dst : f->src) == ns) { /* replies and acks */
			cls[proto_class(f->proto)] += n / 2;
			bytes += n / 2 * 66;
		}
	}
	cls[NSVIZ_C_IPV4] = cls[NSVIZ_C_ICMP] + cls[NSVIZ_C_TCP] + cls[NSVIZ_C_UDP];
	return bytes;
}

static int netns_links(const struct topo *t, int ns)
{
	int n = 0;

	for (int v = 0; v < t->nveths; v++)
		for (int e = 0; e < 2; e++)
			n += t->veths[v].end[e].kind == TOPO_OWNER_NETNS && t->veths[v].end[e].owner == ns;
	return n;
}

/* The end of veth V that drives it (in a namespace), or -1 when neither is. */
static int driving_end(const struct topo *t, int v)
{
	for (int e = 0; e < 2; e++)
		if (t->veths[v].end[e].kind == TOPO_OWNER_NETNS)
			return e;
	return -1;
}

/* Cumulative counters of end K of veth V at time T: the namespace's traffic shared among its
 * links; the other end mirrors it (a veth delivers what its peer sends). */
static void end_counts(const struct fake *fk, int v, int k, double t, struct snap_dir *rx,
		       struct snap_dir *tx)
{
	int d = driving_end(fk->t, v), ns, n;
	double cls[NSVIZ_CLASS_MAX], bytes;
	struct snap_dir *dirs[2] = { rx, tx };

	memset(rx, 0, sizeof(*rx));
	memset(tx, 0, sizeof(*tx));
	if (d < 0 || t <= 0)
		return;
	ns = fk->t->veths[v].end[d].owner;
	n = netns_links(fk->t, ns);
	for (int out = 0; out < 2; out++) {
		struct snap_dir *dir = dirs[k == d ? out : !out];

		bytes = netns_traffic(fk, ns, out, t, cls);
		for (int c = 0; c < NSVIZ_CLASS_MAX; c++)
			dir->classes[c] = (uint64_t)(cls[c] / n);
		dir->packets = dir->classes[NSVIZ_C_ARP] + dir->classes[NSVIZ_C_IPV4];
		dir->bytes = (uint64_t)(bytes / n);
	}
}

/* The identity of end K of veth V as the model takes it. */
static void iface_identity(const struct topo *t, struct snap_iface *f, int v, int k)
{
	const struct topo_end *end = &t->veths[v].end[k], *peer = &t->veths[v].end[!k];
	const char *ns = topo_end_netns(t, end), *pns = topo_end_netns(t, peer);

	memset(f, 0, sizeof(*f));
	snprintf(f->netns, sizeof(f->netns), "%s", ns ? ns : "");
	snprintf(f->ifname, sizeof(f->ifname), "%s", end->ifname);
	if (end->kind == TOPO_OWNER_BRIDGE)
		snprintf(f->bridge, sizeof(f->bridge), "%s", t->bridges[end->owner].name);
	snprintf(f->peer_netns, sizeof(f->peer_netns), "%s", pns ? pns : "");
	snprintf(f->peer_ifname, sizeof(f->peer_ifname), "%s", peer->ifname);
	f->ifindex = 2 + v * 2 + k;
	f->veth = v;
	f->end = k;
}

static void set_counters(struct model *m, int i, enum nsviz_dir dir, const struct snap_dir *d)
{
	struct nsviz_counters c = { .packets = d->packets, .bytes = d->bytes };

	memcpy(c.classes, d->classes, sizeof(c.classes));
	model_set_counters(m, i, dir, &c);
}

/* Every interface's counters at time T into the model. */
static void feed_counters(struct fake *fk, double t)
{
	int i = 0;

	for (int v = 0; v < fk->t->nveths; v++)
		for (int e = 0; e < 2; e++, i++) {
			struct snap_dir rx, tx;

			end_counts(fk, v, e, t, &rx, &tx);
			set_counters(fk->m, i, NSVIZ_DIR_RX, &rx);
			set_counters(fk->m, i, NSVIZ_DIR_TX, &tx);
		}
}

static void netns_iface(const struct topo *t, int ns, char *buf, size_t len)
{
	snprintf(buf, len, "?");
	for (int v = 0; v < t->nveths; v++)
		for (int e = 0; e < 2; e++)
			if (t->veths[v].end[e].kind == TOPO_OWNER_NETNS && t->veths[v].end[e].owner == ns) {
				snprintf(buf, len, "%s", t->veths[v].end[e].ifname);
				return;
			}
}

/* A new zeroed last item of the window ARR (*N items of SIZE, at most MAX), its oldest item
 * dropped when it is full. */
static void *window_push(void *arr, int *n, int max, size_t size)
{
	char *a = arr;

	if (*n == max) {
		memmove(a, a + size, size * (max - 1));
		(*n)--;
	}
	memset(a + size * *n, 0, size);
	return a + size * (*n)++;
}

static void add_event(struct fake *fk, double when, const char *kind, int ns, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void add_event(struct fake *fk, double when, const char *kind, int ns, const char *fmt, ...)
{
	struct snapshot *s = &fk->snap;
	struct snap_event *e;
	va_list ap;

	if (when > fk->now - fk->t0)
		return;
	e = window_push(s->events, &s->nevents, FAKE_EVENTS, sizeof(*e));
	e->time = fk->t0 + when;
	snprintf(e->kind, sizeof(e->kind), "%s", kind);
	if (ns >= 0) {
		snprintf(e->netns, sizeof(e->netns), "%s", fk->t->netns[ns].name);
		netns_iface(fk->t, ns, e->ifname, sizeof(e->ifname));
	} else if (fk->t->nbridges) {
		snprintf(e->ifname, sizeof(e->ifname), "%s", fk->t->bridges[0].name);
	}
	va_start(ap, fmt);
	vsnprintf(e->text, sizeof(e->text), fmt, ap);
	va_end(ap);
}

/* An echo exchange between namespaces A and B at time W. */
static void echo_events(struct fake *fk, double w, int a, int b, int id, int seq)
{
	char sa[64], sb[64];

	netns_addr(fk->t, a, sa, sizeof(sa));
	netns_addr(fk->t, b, sb, sizeof(sb));
	add_event(fk, w, "icmp", a, "echo request %s > %s id %d seq %d", sa, sb, id, seq);
	add_event(fk, w + 0.0002, "icmp", b, "echo reply %s > %s id %d seq %d", sb, sa, id, seq);
}

static void arp_events(struct fake *fk, double w, int a, int b)
{
	char sa[64], sb[64];

	netns_addr(fk->t, a, sa, sizeof(sa));
	netns_addr(fk->t, b, sb, sizeof(sb));
	add_event(fk, w, "arp", a, "who-has %s tell %s", sb, sa);
	add_event(fk, w + 0.0001, "arp", b, "%s is-at 02:00:00:00:00:%02x", sb, b & 0xff);
}

/* Second S of the run: what happened in it. */
static void second_events(struct fake *fk, int s)
{
	const struct fake_flow *f = fk->nflows ? &fk->flows[0] : NULL;

	if (s == 0)
		for (int i = 0; i < fk->t->nbridges; i++)
			add_event(fk, 0.001 * i, "fdb", -1, "learn 02:00:00:00:00:%02x on %s", i, fk->t->bridges[i].name);
	if (f && s % 30 == 0)
		arp_events(fk, s + 0.1, f->src, f->dst);
	if (f && !strcmp(f->proto, "icmp"))
		echo_events(fk, s + 0.2, f->src, f->dst, 0x100 + (int)(fk->seed & 0xff), s + 1);
	for (int i = 0; f && s == 0 && i < fk->nflows; i++)
		add_event(fk, 0.3 + 0.01 * i, "flow", fk->flows[i].src, "new %s flow to %s", fk->flows[i].proto,
			  fk->t->netns[fk->flows[i].dst].name);
	if (f && s % 17 == 16)
		add_event(fk, s + 0.5, "drop", f->dst, "udp to a closed port: NO_SOCKET");
	for (int i = 0; i < fk->npings; i++) {
		const struct fake_ping *p = &fk->pings[i];
		int k = s - (int)floor(p->start);

		if (k == 0)
			arp_events(fk, p->start, p->src, p->dst);
		if (k >= 0 && k < p->count)
			echo_events(fk, p->start + k + 0.001, p->src, p->dst, 0x200 + i, k + 1);
	}
}

/* The veth end of namespace NS (its first), or -1. */
static int netns_end(const struct topo *t, int ns, int *end)
{
	for (int v = 0; v < t->nveths; v++)
		for (int e = 0; e < 2; e++)
			if (t->veths[v].end[e].kind == TOPO_OWNER_NETNS && t->veths[v].end[e].owner == ns) {
				*end = e;
				return v;
			}
	return -1;
}

static void add_hop(const struct topo *t, struct snap_path *p, int v, int e, char dir)
{
	const struct topo_end *end = &t->veths[v].end[e];
	const char *ns = topo_end_netns(t, end);
	struct snap_hop *h = &p->hops[p->nhops];

	memset(h, 0, sizeof(*h));
	snprintf(h->netns, sizeof(h->netns), "%s", ns ? ns : "");
	snprintf(h->ifname, sizeof(h->ifname), "%s", end->ifname);
	h->dir = dir;
	h->t_us = p->nhops ? p->hops[p->nhops - 1].t_us + 3 + p->nhops * 2 : 0;
	p->nhops++;
}

/* A request from A to B: out of A, across A's and B's links, into B. */
static void add_path(struct fake *fk, double when, int a, int b, const char *verdict, const char *what)
{
	struct snapshot *s = &fk->snap;
	struct snap_path *p;
	char sa[64], sb[64];
	int ea, eb, va = netns_end(fk->t, a, &ea), vb = netns_end(fk->t, b, &eb);

	if (va < 0 || vb < 0 || when > fk->now - fk->t0)
		return;
	p = window_push(s->paths, &s->npaths, FAKE_PATHS, sizeof(*p));
	p->time = fk->t0 + when;
	p->id = (uint64_t)llround(when * 1e6) + 1; /* its paths are made again each tick, alike */
	snprintf(p->summary, sizeof(p->summary), "%.46s > %.46s %.30s", netns_addr(fk->t, a, sa, sizeof(sa)),
		 netns_addr(fk->t, b, sb, sizeof(sb)), what);
	add_hop(fk->t, p, va, ea, 't');
	add_hop(fk->t, p, va, !ea, 'r');
	if (vb >= 0 && fk->t->veths[va].end[!ea].kind == TOPO_OWNER_BRIDGE) {
		struct snap_bridge_verdict *bv = &p->bridges[p->nbridges++];

		snprintf(bv->bridge, sizeof(bv->bridge), "%s", fk->t->bridges[fk->t->veths[va].end[!ea].owner].name);
		snprintf(bv->verdict, sizeof(bv->verdict), "%s", verdict);
		bv->ports = !strcmp(verdict, "flood") ? 2 : 1;
	}
	if (!strcmp(verdict, "drop")) {
		snprintf(p->drop_reason, sizeof(p->drop_reason), "NO_SOCKET");
		snprintf(p->drop_where, sizeof(p->drop_where), "%s:%s", fk->t->netns[b].name,
			 fk->t->veths[vb].end[eb].ifname);
		snprintf(p->bridges[0].verdict, sizeof(p->bridges[0].verdict), "forward");
		add_hop(fk->t, p, vb, !eb, 't');
		add_hop(fk->t, p, vb, eb, 'r');
	} else {
		add_hop(fk->t, p, vb, !eb, 't');
		add_hop(fk->t, p, vb, eb, 'r');
	}
	snprintf(p->verdict, sizeof(p->verdict), "%s", verdict);
	p->complete = true;
	p->latency_us = p->hops[p->nhops - 1].t_us;
}

static void second_paths(struct fake *fk, int s)
{
	const struct fake_flow *f = fk->nflows ? &fk->flows[0] : NULL;

	if (f && s % 30 == 0)
		add_path(fk, s + 0.1, f->src, f->dst, "flood", "ARP who-has");
	if (f && s % 2 == 0)
		add_path(fk, s + 0.2, f->src, f->dst, "forward", f->proto);
	if (f && s % 17 == 16)
		add_path(fk, s + 0.5, f->src, f->dst, "drop", "UDP port 9");
	for (int i = 0; i < fk->npings; i++) {
		const struct fake_ping *p = &fk->pings[i];
		int k = s - (int)floor(p->start);

		if (k >= 0 && k < p->count)
			add_path(fk, p->start + k + 0.001, p->src, p->dst, "forward", "ICMP echo request");
	}
}

/* A flow from namespace A to B as the kernel's flow table keys it (ICMP: SPORT the echo id,
 * DPORT 8 for requests, 0 for replies); -EINVAL when they have no addresses of one family. */
static int flow_key(const struct topo *t, int a, int b, uint8_t proto, uint16_t sport,
		    uint16_t dport, struct nsviz_flow_key *k)
{
	const struct topo_addr *sa = netns_first_addr(t, a), *da = netns_first_addr(t, b);
	bool v4;

	if (!sa || !da || sa->family != da->family)
		return -EINVAL;
	v4 = sa->family == AF_INET;
	*k = (struct nsviz_flow_key){ .sport = sport, .dport = dport, .proto = proto };
	k->family = v4 ? 4 : 6;
	k->ethertype = v4 ? 0x0800 : 0x86dd;
	if (proto == 1 && !v4) {
		k->proto = 58;
		k->dport = dport == 8 ? 128 : 129;
	}
	memcpy(k->saddr, sa->addr, v4 ? 4 : 16);
	memcpy(k->daddr, da->addr, v4 ? 4 : 16);
	return 0;
}

/* PACKETS of SIZE bytes from namespace A to B between times FIRST and LAST. */
static void feed_flow(struct fake *fk, int a, int b, uint8_t proto, uint16_t sport, uint16_t dport,
		      double packets, double size, double first, double last)
{
	struct nsviz_flow f = {
		.packets = (uint64_t)packets,
		.bytes = (uint64_t)floor(packets) * (uint64_t)size,
		.first_ns = (uint64_t)(first * 1e9),
		.last_ns = (uint64_t)(last * 1e9),
	};
	struct nsviz_flow_key k;

	if (f.packets && !flow_key(fk->t, a, b, proto, sport, dport, &k))
		model_flow(fk->m, &k, &f);
}

static uint8_t ip_proto(const char *proto)
{
	return !strcmp(proto, "tcp") ? 6 : !strcmp(proto, "udp") ? 17 : 1;
}

/* The flow table at time T: the synthetic flows, then each demo ping's requests and replies. */
static void feed_flows(struct fake *fk, double t)
{
	model_flows_begin(fk->m);
	for (int i = 0; i < fk->nflows; i++) {
		const struct fake_flow *f = &fk->flows[i];
		uint8_t proto = ip_proto(f->proto);

		feed_flow(fk, f->src, f->dst, proto, f->sport, proto == 1 ? 8 : f->dport,
			  flow_packets(f, t), f->size, 0, t);
	}
	for (int i = 0; i < fk->npings; i++) {
		const struct fake_ping *p = &fk->pings[i];
		double n = ping_sent(p, t);

		feed_flow(fk, p->src, p->dst, 1, 0x200 + i, 8, n, 98, p->start, p->start + n - 1);
		feed_flow(fk, p->dst, p->src, 1, 0x200 + i, 0, n, 98, p->start, p->start + n - 1);
	}
}

/* The model's rates are over its last tick, its sparklines one sample a tick: tick it once a
 * second over the last SNAP_HIST seconds up to EL (none before time zero). */
static void replay(struct fake *fk, double el)
{
	for (int k = SNAP_HIST; k >= 0; k--) {
		double t = el - k;

		if (t < 0)
			continue;
		feed_counters(fk, t);
		feed_flows(fk, t);
		model_tick(fk->m, fk->t0 + t);
	}
}

static void fill_fdb(struct fake *fk)
{
	struct snapshot *s = &fk->snap;
	double el = fk->now - fk->t0;

	s->nfdb = 0;
	for (int v = 0; v < fk->t->nveths; v++)
		for (int e = 0; e < 2; e++) {
			const struct topo_end *end = &fk->t->veths[v].end[e];
			const struct topo_end *peer = &fk->t->veths[v].end[!e];
			struct snap_fdb *o = &s->fdb[s->nfdb];

			if (end->kind != TOPO_OWNER_BRIDGE)
				continue;
			s->nfdb++;
			memset(o, 0, sizeof(*o));
			snprintf(o->bridge, sizeof(o->bridge), "%s", fk->t->bridges[end->owner].name);
			snprintf(o->mac, sizeof(o->mac), "02:00:00:00:%02x:%02x", (peer->owner >> 8) & 0xff,
				 peer->owner & 0xff);
			snprintf(o->port, sizeof(o->port), "%s", end->ifname);
			snprintf(o->type, sizeof(o->type), "learned");
			if (peer->kind == TOPO_OWNER_NETNS)
				snprintf(o->owner, sizeof(o->owner), "%s:%s",
					 fk->t->netns[peer->owner].name, peer->ifname);
			o->age = fmod(el + v * 7, 30);
		}
}

/* The busiest flow's UDP to a closed port (second_events) is dropped at its destination's end
 * at second 17k - 0.5: counted there at the tick after, as the model counts drops (one in a
 * second: 1/s), the rate halving each quiet second until it is below 0.05. */
static void fake_drops(struct fake *fk, double el)
{
	const struct fake_flow *f = fk->nflows ? &fk->flows[0] : NULL;
	int e, v = f ? netns_end(fk->t, f->dst, &e) : -1, tick = (int)floor(el), n = tick / 17;
	struct snap_iface *i;
	double rate;

	if (v < 0 || n == 0)
		return;
	i = &fk->ifaces[2 * v + e];
	rate = ldexp(1, -(tick - 17 * n));
	i->drops = (uint64_t)n;
	i->drop_rate = rate < 0.05 ? 0 : rate;
	snprintf(i->drop_reason, sizeof(i->drop_reason), "NO_SOCKET");
}

static int fake_tick(struct source *src, double now)
{
	struct fake *fk = (struct fake *)src;
	struct snapshot *s = &fk->snap;
	const struct snapshot *ms;
	double el;

	fk->now = now;
	el = now - fk->t0;
	replay(fk, el);
	ms = model_snapshot(fk->m);
	s->time = now;
	s->uptime = ms->uptime;
	memcpy(fk->ifaces, ms->ifaces, ms->nifaces * sizeof(*fk->ifaces));
	for (int i = 0; i < ms->nifaces; i++)
		fake_link(fk->t, fk->ifaces[i].veth, fk->ifaces[i].end, el, &fk->ifaces[i].link);
	fake_drops(fk, el);
	s->ifaces = fk->ifaces;
	s->nifaces = ms->nifaces;
	s->flows = ms->flows;
	s->nflows = ms->nflows;
	fill_fdb(fk);
	if (s->why && s->why->running && el - fk->why_at >= FAKE_WHY_S) {
		fake_why(fk->t, fk->why_ends[0], fk->why_ends[1], fk->why.dest, el, &fk->why);
		fk->why.running = false;
	}
	s->nevents = s->npaths = 0;
	for (int sec = el > 120 ? (int)el - 120 : 0; sec <= (int)el; sec++) {
		second_events(fk, sec);
		second_paths(fk, sec);
	}
	return 0;
}

static int fake_fd(struct source *src)
{
	(void)src;
	return -1;
}

static int fake_consume(struct source *src)
{
	(void)src;
	return 0;
}

static const struct snapshot *fake_snapshot(struct source *src)
{
	return &((struct fake *)src)->snap;
}

static int netns_by_addr(const struct topo *t, const char *addr)
{
	char buf[64];

	for (int n = 0; n < t->nnetns; n++)
		if (!strcmp(netns_addr(t, n, buf, sizeof(buf)), addr))
			return n;
	return -1;
}

/* Namespace NAME of T, or -1. */
static int netns_by_name(const struct topo *t, const char *name)
{
	for (int n = 0; n < t->nnetns; n++)
		if (!strcmp(t->netns[n].name, name))
			return n;
	return -1;
}

static int fake_ping(struct source *src, const char *from, const char *to, int count)
{
	struct fake *fk = (struct fake *)src;
	int a = netns_by_name(fk->t, from), b = netns_by_addr(fk->t, to);

	if (a < 0 || b < 0 || count < 1)
		return -EINVAL;
	if (fk->npings == FAKE_PINGS)
		memmove(fk->pings, fk->pings + 1, sizeof(fk->pings[0]) * --fk->npings);
	fk->pings[fk->npings++] = (struct fake_ping){ a, b, fk->now - fk->t0, count };
	return 0;
}

/* Finished FAKE_WHY_S later (fake_tick), as if it had sent its probes meanwhile. */
static int fake_why_start(struct source *src, const char *from, const char *dest)
{
	struct fake *fk = (struct fake *)src;
	int a = netns_by_name(fk->t, from), b = netns_by_addr(fk->t, dest);

	if (b < 0)
		b = netns_by_name(fk->t, dest);
	if (a < 0 || b < 0)
		return -EINVAL;
	memset(&fk->why, 0, sizeof(fk->why));
	snprintf(fk->why.from, sizeof(fk->why.from), "%s", from);
	netns_addr(fk->t, b, fk->why.dest, sizeof(fk->why.dest));
	fk->why.running = true;
	fk->why_at = fk->now - fk->t0;
	fk->why_ends[0] = a;
	fk->why_ends[1] = b;
	fk->snap.why = &fk->why;
	return 0;
}

static void fake_destroy(struct source *src)
{
	struct fake *fk = (struct fake *)src;

	if (!fk)
		return;
	model_free(fk->m);
	free(fk->ifaces);
	free(fk->snap.events);
	free(fk->snap.fdb);
	free(fk->snap.paths);
	free(fk);
}

static const struct source_ops fake_ops = {
	.fd = fake_fd,
	.consume = fake_consume,
	.tick = fake_tick,
	.snapshot = fake_snapshot,
	.ping = fake_ping,
	.why = fake_why_start,
	.destroy = fake_destroy,
};

struct source *fake_source_new(const struct topo *t, uint64_t seed, double t0)
{
	struct fake *fk = calloc(1, sizeof(*fk));
	struct snap_iface *ifaces = calloc(2 * t->nveths + 1, sizeof(*ifaces));
	struct snapshot *s;

	if (!fk || !ifaces) {
		free(fk);
		free(ifaces);
		return NULL;
	}
	for (int v = 0; v < t->nveths; v++)
		for (int e = 0; e < 2; e++)
			iface_identity(t, &ifaces[2 * v + e], v, e);
	fk->m = model_new(t, ifaces, 2 * t->nveths);
	free(ifaces);
	fk->src.ops = &fake_ops;
	fk->t = t;
	fk->seed = seed;
	fk->t0 = fk->now = t0;
	s = &fk->snap;
	s->topo = t;
	snprintf(s->hook_mode, sizeof(s->hook_mode), "fake");
	s->events = calloc(FAKE_EVENTS, sizeof(*s->events));
	s->fdb = calloc(2 * t->nveths + 1, sizeof(*s->fdb));
	s->paths = calloc(FAKE_PATHS, sizeof(*s->paths));
	fk->ifaces = calloc(2 * t->nveths + 1, sizeof(*fk->ifaces));
	if (!fk->m || !fk->ifaces || !s->events || !s->fdb || !s->paths) {
		fake_destroy(&fk->src);
		return NULL;
	}
	make_flows(fk);
	fake_tick(&fk->src, t0);
	return &fk->src;
}
