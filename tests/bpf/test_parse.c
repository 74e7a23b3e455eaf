// SPDX-License-Identifier: GPL-2.0
/* The BPF parser on crafted frames through bpf_prog_test_run_opts: every frame is classified
 * (total + one ethertype class + at most one L4 class, malformed when cut short or inconsistent)
 * and nothing is read from the wrong place (ports after IPv4 options and IPv6 extension headers,
 * ICMP id/seq, ARP addresses). The kernel refuses test frames shorter than an Ethernet header,
 * and so never hands tc one: the shortest case here is a bare Ethernet header. Needs root. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nsviz.h"
#include "nsviz.skel.h"
#include "../unit/tap.h"
#include "loopback.h"

#define SLOT NSVIZ_SLOT(0, NSVIZ_DIR_TX)
#define BIT(c) (1u << (c))

struct frame {
	uint8_t b[3000];
	size_t len;
};

static void put(struct frame *f, const void *p, size_t n)
{
	memcpy(f->b + f->len, p, n);
	f->len += n;
}

static void put16(struct frame *f, uint16_t v)
{
	uint8_t b[2] = { v >> 8, v & 0xff };

	put(f, b, 2);
}

static void eth(struct frame *f, uint16_t type)
{
	static const uint8_t macs[12] = { 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1 };

	f->len = 0;
	put(f, macs, sizeof(macs));
	put16(f, type);
}

/* Test runs refuse an untagged IP frame shorter than its IP header; behind a VLAN tag the parser
 * meets the same short header. */
static void vlan(struct frame *f, uint16_t type)
{
	eth(f, 0x8100);
	put16(f, 1);
	put16(f, type);
}

/* An IPv4 header of IHL words (options zero), total length TOT, fragment field FRAG. */
static void ipv4(struct frame *f, int ihl, uint16_t tot, uint16_t frag, uint8_t proto)
{
	uint8_t h[60] = { 0x40 | ihl, 0, tot >> 8, tot & 0xff, 0x12, 0x34, frag >> 8, frag & 0xff,
			  64, proto, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2 };

	put(f, h, ihl >= 5 ? ihl * 4 : 20);
}

static void ipv6(struct frame *f, uint16_t plen, uint8_t next)
{
	uint8_t h[40] = { 0x60, 0, 0, 0, plen >> 8, plen & 0xff, next, 64 };

	h[8] = 0xfd;
	h[23] = 1;
	h[24] = 0xfd;
	h[39] = 2;
	put(f, h, sizeof(h));
}

static void udp(struct frame *f, uint16_t sport, uint16_t dport)
{
	put16(f, sport);
	put16(f, dport);
	put16(f, 8);
	put16(f, 0);
}

static void tcp(struct frame *f, uint8_t doff, uint8_t flags)
{
	uint8_t h[20] = { 0x9c, 0x40, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, doff << 4, flags };

	put(f, h, sizeof(h));
}

static void icmp_echo(struct frame *f, uint8_t type, uint16_t id, uint16_t seq)
{
	uint8_t h[8] = { type, 0, 0, 0, id >> 8, id & 0xff, seq >> 8, seq & 0xff };

	put(f, h, sizeof(h));
}

static void arp(struct frame *f, uint16_t op, uint16_t ptype, uint8_t plen)
{
	uint8_t h[28] = { 0, 1, ptype >> 8, ptype & 0xff, 6, plen, 0, op, 2, 0, 0, 0, 0, 1,
			  10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2 };

	put(f, h, sizeof(h));
}

struct ctx {
	struct nsviz_bpf *skel;
	int ncpus;
	struct nsviz_counters *vals;
	struct ring_buffer *rb;
	struct nsviz_event last[NSVIZ_EV_KINDS];
	struct nsviz_ev_packet pkt; /* trace mode: the last packet record */
	size_t pkt_size;
};

static int on_event(void *c, void *data, size_t size)
{
	struct ctx *x = c;
	const struct nsviz_event *e = data;

	if (e->h.kind == NSVIZ_EV_PACKET && size <= sizeof(x->pkt)) {
		memcpy(&x->pkt, data, size);
		x->pkt_size = size;
	} else if (size >= sizeof(*e) && e->h.kind < NSVIZ_EV_KINDS) {
		x->last[e->h.kind] = *e;
	}
	return 0;
}

/* Run F through the egress program; the counters of the slot, summed. */
static int run(struct ctx *x, const struct frame *f, struct nsviz_counters *sum)
{
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = f->b, .data_size_in = (uint32_t)f->len,
		    .repeat = 1);
	uint32_t key = SLOT;
	int fd = bpf_map__fd(x->skel->maps.counters);

	memset(x->vals, 0, x->ncpus * sizeof(*x->vals));
	memset(x->last, 0, sizeof(x->last));
	memset(sum, 0, sizeof(*sum));
	if (bpf_map_update_elem(fd, &key, x->vals, BPF_ANY) ||
	    bpf_prog_test_run_opts(bpf_program__fd(x->skel->progs.nsviz_tc_egress), &o) ||
	    bpf_map_lookup_elem(fd, &key, x->vals)) {
		printf("# test run: %s\n", strerror(errno));
		return -1000;
	}
	ring_buffer__consume(x->rb);
	for (int c = 0; c < x->ncpus; c++) {
		sum->packets += x->vals[c].packets;
		sum->bytes += x->vals[c].bytes;
		for (int k = 0; k < NSVIZ_CLASS_MAX; k++)
			sum->classes[k] += x->vals[c].classes[k];
	}
	return (int)o.retval;
}

/* F counted once, with its length, in exactly the classes of WANT. */
static void expect(struct ctx *x, const struct frame *f, unsigned want, const char *name)
{
	struct nsviz_counters s;
	int rv = run(x, f, &s);
	unsigned got = 0;
	bool once = true;

	for (int k = 0; k < NSVIZ_CLASS_MAX; k++) {
		got |= s.classes[k] ? BIT(k) : 0;
		once &= s.classes[k] <= 1;
	}
	tap_ok(rv == -1 && s.packets == 1 && s.bytes == f->len && got == want && once,
	       "%s: classes 0x%x (want 0x%x), %llu packet, %llu bytes of %zu, verdict %d", name, got,
	       want, (unsigned long long)s.packets, (unsigned long long)s.bytes, f->len, rv);
}

static bool flow_has(struct ctx *x, uint8_t family, uint8_t proto, uint16_t sport, uint16_t dport)
{
	int fd = bpf_map__fd(x->skel->maps.flows);
	struct nsviz_flow_key k, next;
	void *prev = NULL;

	while (!bpf_map_get_next_key(fd, prev, &next)) {
		k = next;
		prev = &k;
		if (k.family == family && k.proto == proto && k.sport == sport && k.dport == dport)
			return true;
	}
	return false;
}

static void test_arp(struct ctx *x, struct frame *f)
{
	const struct nsviz_ev_arp *a = &x->last[NSVIZ_EV_ARP].arp;
	static const uint8_t spa[4] = { 10, 0, 0, 1 }, tpa[4] = { 10, 0, 0, 2 };

	eth(f, 0x0806);
	arp(f, 1, 0x0800, 4);
	expect(x, f, BIT(NSVIZ_C_ARP), "ARP request");
	tap_ok(a->op == 1 && !memcmp(a->spa, spa, 4) && !memcmp(a->tpa, tpa, 4) && a->sha[5] == 1,
	       "ARP event: who-has 10.0.0.2 tell 10.0.0.1 from ..:01");
	f->len -= 10;
	expect(x, f, BIT(NSVIZ_C_ARP) | BIT(NSVIZ_C_MALFORMED), "ARP truncated");
	tap_ok(x->last[NSVIZ_EV_ARP].h.kind == 0, "no ARP event for a truncated ARP");
	eth(f, 0x0806);
	arp(f, 2, 0x86dd, 16);
	expect(x, f, BIT(NSVIZ_C_ARP) | BIT(NSVIZ_C_MALFORMED), "ARP for another protocol");
}

static void test_ipv4(struct ctx *x, struct frame *f)
{
	const struct nsviz_ev_icmp *c = &x->last[NSVIZ_EV_ICMP].icmp;
	unsigned v4 = BIT(NSVIZ_C_IPV4), bad = BIT(NSVIZ_C_MALFORMED);

	eth(f, 0x0800);
	ipv4(f, 5, 28, 0, 1);
	icmp_echo(f, 8, 0x4242, 7);
	expect(x, f, v4 | BIT(NSVIZ_C_ICMP), "ICMP echo request");
	tap_ok(c->family == 4 && c->type == 8 && c->id == 0x4242 && c->seq == 7 && c->saddr[0] == 10 &&
	       c->daddr[3] == 2, "ICMP event: type 8 id 0x4242 seq 7, 10.0.0.1 > 10.0.0.2");
	tap_ok(x->last[NSVIZ_EV_FLOW].h.kind == NSVIZ_EV_FLOW && x->last[NSVIZ_EV_FLOW].flow.key.sport == 0x4242,
	       "a new-flow event keyed by the echo id");
	eth(f, 0x0800);
	ipv4(f, 4, 28, 0, 17);
	udp(f, 1, 2);
	expect(x, f, v4 | bad, "IPv4 IHL 4");
	eth(f, 0x0800);
	ipv4(f, 7, 36, 0, 17);
	udp(f, 4000, 4001);
	expect(x, f, v4 | BIT(NSVIZ_C_UDP), "IPv4 with 8 bytes of options, UDP");
	tap_ok(flow_has(x, 4, 17, 4000, 4001), "ports read after the options (4000 > 4001)");
	vlan(f, 0x0800);
	put(f, "\x45\0\0\x1c\0\0\0\0\x40\x11", 10);
	expect(x, f, v4 | bad, "IPv4 header cut at 10 bytes");
	vlan(f, 0x0800);
	expect(x, f, v4 | bad, "no payload after the IPv4 ethertype");
	eth(f, 0x0806);
	expect(x, f, BIT(NSVIZ_C_ARP) | bad, "bare Ethernet header, ARP ethertype");
	eth(f, 0x0800);
	ipv4(f, 5, 200, 0, 17);
	udp(f, 1, 2);
	expect(x, f, v4 | bad, "IPv4 total length beyond the frame");
	eth(f, 0x0800);
	ipv4(f, 5, 28, 0x00b9, 17);
	udp(f, 5000, 5001);
	expect(x, f, v4, "IPv4 later fragment: no L4 class");
	tap_ok(!flow_has(x, 4, 17, 5000, 5001), "a later fragment's payload is not read as ports");
	eth(f, 0x0800);
	ipv4(f, 5, 28, 0x2000, 17);
	udp(f, 6000, 6001);
	expect(x, f, v4 | BIT(NSVIZ_C_UDP), "IPv4 first fragment (MF): UDP");
	eth(f, 0x0800);
	ipv4(f, 5, 40, 0, 6);
	tcp(f, 5, 0x02);
	expect(x, f, v4 | BIT(NSVIZ_C_TCP), "TCP SYN");
	eth(f, 0x0800);
	ipv4(f, 5, 40, 0, 6);
	tcp(f, 3, 0x02);
	expect(x, f, v4 | bad, "TCP data offset 3");
	eth(f, 0x0800);
	ipv4(f, 5, 30, 0, 6);
	put(f, "\x9c\x40\0\x50\0\0\0\0\0\0", 10);
	expect(x, f, v4 | bad, "TCP header cut at 10 bytes");
}

static void test_ipv6(struct ctx *x, struct frame *f)
{
	const struct nsviz_ev_icmp *c = &x->last[NSVIZ_EV_ICMP].icmp;
	unsigned v6 = BIT(NSVIZ_C_IPV6);
	uint8_t hbh[8] = { 60, 0 }, dst[16] = { 17, 1 }, frag[8] = { 6, 0, 0, 0 };

	eth(f, 0x86dd);
	ipv6(f, 8, 58);
	icmp_echo(f, 128, 9, 3);
	expect(x, f, v6 | BIT(NSVIZ_C_ICMPV6), "ICMPv6 echo request");
	tap_ok(c->family == 6 && c->type == 128 && c->id == 9 && c->seq == 3 && c->saddr[0] == 0xfd,
	       "ICMPv6 event: type 128 id 9 seq 3");
	eth(f, 0x86dd);
	ipv6(f, 32, 0);
	put(f, hbh, sizeof(hbh));
	put(f, dst, sizeof(dst));
	udp(f, 7000, 7001);
	expect(x, f, v6 | BIT(NSVIZ_C_UDP), "IPv6 hop-by-hop + 16-byte destination options, UDP");
	tap_ok(flow_has(x, 6, 17, 7000, 7001), "ports read after the extension headers (7000 > 7001)");
	eth(f, 0x86dd);
	ipv6(f, 28, 44);
	frag[0] = 17;
	frag[3] = 0xb8; /* offset 23 * 8 */
	put(f, frag, sizeof(frag));
	udp(f, 8000, 8001);
	expect(x, f, v6, "IPv6 later fragment: no L4 class");
	eth(f, 0x86dd);
	ipv6(f, 28, 44);
	frag[0] = 6;
	frag[3] = 1; /* offset 0, M */
	put(f, frag, sizeof(frag));
	tcp(f, 5, 0x12);
	expect(x, f, v6 | BIT(NSVIZ_C_TCP), "IPv6 first fragment: TCP");
	vlan(f, 0x86dd);
	ipv6(f, 0, 59);
	f->len -= 20;
	expect(x, f, v6 | BIT(NSVIZ_C_MALFORMED), "IPv6 header cut at 20 bytes");
	eth(f, 0x86dd);
	ipv6(f, 8, 1);
	icmp_echo(f, 8, 1, 1);
	expect(x, f, v6, "protocol 1 (ICMPv4) inside IPv6: no L4 class");
}

static void test_l2(struct ctx *x, struct frame *f)
{
	unsigned udp4 = BIT(NSVIZ_C_IPV4) | BIT(NSVIZ_C_UDP);

	eth(f, 0x8100);
	put16(f, 5);
	put16(f, 0x0800);
	ipv4(f, 5, 28, 0, 17);
	udp(f, 9000, 9001);
	expect(x, f, udp4, "802.1Q VLAN 5, IPv4 UDP");
	tap_ok(flow_has(x, 4, 17, 9000, 9001), "ports read after the VLAN tag");
	eth(f, 0x88a8);
	put16(f, 5);
	put16(f, 0x8100);
	put16(f, 6);
	put16(f, 0x0806);
	arp(f, 1, 0x0800, 4);
	expect(x, f, BIT(NSVIZ_C_ARP), "802.1ad + 802.1Q (QinQ), ARP");
	eth(f, 0x8100);
	put16(f, 5);
	expect(x, f, BIT(NSVIZ_C_OTHER) | BIT(NSVIZ_C_MALFORMED), "VLAN tag cut short");
	eth(f, 0x88cc);
	put(f, "\x02\x07\x04", 3);
	expect(x, f, BIT(NSVIZ_C_OTHER), "LLDP: other");
	eth(f, 0x0800);
	ipv4(f, 5, 2986, 0, 17);
	udp(f, 1, 2);
	memset(f->b + f->len, 0xab, 2958);
	f->len = 3000;
	expect(x, f, udp4, "3000-byte frame (beyond a 1500 MTU), IPv4 UDP");
}

/* Trace mode: every packet also becomes a record with its first SNAPLEN bytes. */
static void test_trace(struct ctx *x, struct frame *f)
{
	const struct nsviz_ev_packet *p = &x->pkt;
	size_t head = offsetof(struct nsviz_ev_packet, data);

	eth(f, 0x0800);
	ipv4(f, 5, 28, 0, 1);
	icmp_echo(f, 8, 1, 1);
	expect(x, f, BIT(NSVIZ_C_IPV4) | BIT(NSVIZ_C_ICMP), "trace mode: ICMP still counted");
	tap_ok(x->pkt_size == head + f->len && p->cap_len == f->len && p->h.len == f->len &&
	       !memcmp(p->data, f->b, f->len), "a packet record with the whole 42-byte frame");
	tap_ok(p->h.skb && p->h.iface == 0 && p->h.dir == NSVIZ_DIR_TX && p->h.ts_ns,
	       "the record names the skb, the interface, the direction and the time");
	eth(f, 0x0800);
	ipv4(f, 5, 186, 0, 17);
	udp(f, 1, 2);
	memset(f->b + f->len, 0xcd, 158);
	f->len = 200;
	x->pkt_size = 0;
	expect(x, f, BIT(NSVIZ_C_IPV4) | BIT(NSVIZ_C_UDP), "trace mode: 200-byte UDP counted");
	tap_ok(x->pkt_size == head + 64 && p->cap_len == 64 && p->h.len == 200 &&
	       !memcmp(p->data, f->b, 64), "a 200-byte frame is captured to the snaplen, 64 bytes");
}

static void ctx_close(struct ctx *x)
{
	ring_buffer__free(x->rb);
	nsviz_bpf__destroy(x->skel);
	free(x->vals);
	memset(x, 0, sizeof(*x));
}

static int ctx_open(struct ctx *x, uint32_t snaplen)
{
	struct nsviz_dev_val v = { .iface = 0, .flags = NSVIZ_DEV_EDGE };

	x->ncpus = libbpf_num_possible_cpus();
	x->vals = calloc(x->ncpus, sizeof(*x->vals));
	x->skel = nsviz_bpf__open();
	if (!x->vals || !x->skel)
		return -1;
	x->skel->rodata->trace_snaplen = snaplen;
	if (loopback_load(x->skel, &v))
		return -1;
	x->rb = ring_buffer__new(bpf_map__fd(x->skel->maps.events), on_event, x, NULL);
	return x->rb ? 0 : -1;
}

int main(void)
{
	static struct frame f;
	struct ctx x = { 0 };

	if (geteuid() != 0) {
		printf("1..0 # SKIP needs root to load BPF programs\n");
		return 0;
	}
	if (tap_ok(!ctx_open(&x, 0), "load the programs and map the test device")) {
		test_arp(&x, &f);
		test_ipv4(&x, &f);
		test_ipv6(&x, &f);
		test_l2(&x, &f);
		tap_ok(x.pkt_size == 0, "no packet records outside trace mode");
	}
	ctx_close(&x);
	if (tap_ok(!ctx_open(&x, 64), "load in trace mode, snaplen 64"))
		test_trace(&x, &f);
	ctx_close(&x);
	return tap_done();
}
