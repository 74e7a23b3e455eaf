// SPDX-License-Identifier: GPL-2.0
/* Flows: the kernel's table each tick turned into rates (against the previous tick, matched by
 * key) and the busiest first; addresses named and placed in their namespaces. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mac.h"
#include "model_int.h"

static int key_cmp(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(struct nsviz_flow_key));
}

static int busier(const void *a, const void *b)
{
	const struct snap_flow *x = a, *y = b;

	if (x->pps != y->pps)
		return x->pps < y->pps ? 1 : -1;
	if (x->bytes != y->bytes)
		return x->bytes < y->bytes ? 1 : -1;
	return x->last_ns < y->last_ns ? 1 : x->last_ns > y->last_ns ? -1 : 0;
}

void model_key_str(const struct nsviz_flow_key *k, char *src, char *dst, size_t len)
{
	const uint8_t *a[2] = { k->saddr, k->daddr };
	char *out[2] = { src, dst };

	for (int i = 0; i < 2; i++) {
		if (k->family == 4 || k->family == 6)
			inet_ntop(k->family == 4 ? AF_INET : AF_INET6, a[i], out[i], (socklen_t)len);
		else
			mac_str(a[i], out[i]);
	}
}

const char *model_key_proto(const struct nsviz_flow_key *k)
{
	if (k->family == 0)
		return k->ethertype == 0x0806 ? "arp" : "eth";
	switch (k->proto) {
	case 1: return "icmp";
	case 6: return "tcp";
	case 17: return "udp";
	case 58: return "icmp6";
	}
	return k->family == 4 ? "ipv4" : "ipv6";
}

static bool addr_is(const struct topo_addr *a, int family, const uint8_t *addr)
{
	int af = family == 4 ? AF_INET : AF_INET6;

	return a->family == af && !memcmp(a->addr, addr, family == 4 ? 4 : 16);
}

const char *model_addr_netns(const struct model *m, int family, const uint8_t *addr)
{
	const struct topo *t = m->topo;

	if (!t || (family != 4 && family != 6))
		return NULL;
	for (int v = 0; v < t->nveths; v++) {
		for (int e = 0; e < 2; e++) {
			const struct topo_end *end = &t->veths[v].end[e];

			for (int i = 0; i < end->naddrs; i++)
				if (addr_is(&end->addrs[i], family, addr)) {
					const char *ns = topo_end_netns(t, end);

					return ns ? ns : "";
				}
		}
	}
	for (int b = 0; b < t->nbridges; b++)
		if (t->bridges[b].has_addr && addr_is(&t->bridges[b].addr, family, addr))
			return "";
	return NULL;
}

static void flow_fill(const struct model *m, const struct model_flow *mf, struct snap_flow *s)
{
	const struct nsviz_flow_key *k = &mf->key;
	const char *ns;

	memset(s, 0, sizeof(*s));
	snprintf(s->proto, sizeof(s->proto), "%s", model_key_proto(k));
	model_key_str(k, s->src, s->dst, sizeof(s->src));
	s->sport = k->sport;
	s->dport = k->dport;
	ns = model_addr_netns(m, k->family, k->saddr);
	snprintf(s->src_netns, sizeof(s->src_netns), "%s", ns ? ns : "");
	ns = model_addr_netns(m, k->family, k->daddr);
	snprintf(s->dst_netns, sizeof(s->dst_netns), "%s", ns ? ns : "");
	s->packets = mf->f.packets;
	s->bytes = mf->f.bytes;
	s->first_ns = mf->f.first_ns;
	s->last_ns = mf->f.last_ns;
	s->tcp_flags = mf->f.tcp_flags;
	s->points = mf->f.points;
}

static void flow_rate(const struct model *m, struct snap_flow *s, const struct model_flow *mf,
		      double dt)
{
	const struct model_flow *p = m->nprev_flows ? bsearch(&mf->key, m->prev_flows,
							       m->nprev_flows, sizeof(*m->prev_flows),
							       key_cmp)
						    : NULL;
	uint64_t packets = p ? p->f.packets : 0, bytes = p ? p->f.bytes : 0;

	/* LRU eviction and re-creation can make a flow smaller than it was. */
	if (dt <= 0 || mf->f.packets < packets)
		return;
	s->pps = (double)(mf->f.packets - packets) / dt;
	s->bps = (double)(mf->f.bytes - bytes) * 8 / dt;
}

void model_flows_tick(struct model *m, double dt)
{
	struct snap_flow *sf;
	struct model_flow *pf;
	int n = 0;

	m->nsnap_flows = 0;
	if (!m->nflows) {
		m->nprev_flows = 0;
		return;
	}
	sf = realloc(m->snap_flows, m->nflows * sizeof(*sf));
	if (!sf)
		return;
	m->snap_flows = sf;
	qsort(m->flows, m->nflows, sizeof(*m->flows), key_cmp);
	for (int i = 0; i < m->nflows; i++) {
		/* Seen only where packets are not counted (bridge ports): nothing to report. */
		if (!m->flows[i].f.packets && !m->flows[i].f.bytes)
			continue;
		flow_fill(m, &m->flows[i], &sf[n]);
		flow_rate(m, &sf[n++], &m->flows[i], dt);
	}
	qsort(sf, n, sizeof(*sf), busier);
	m->nsnap_flows = n < MODEL_FLOWS_MAX ? n : MODEL_FLOWS_MAX;
	pf = realloc(m->prev_flows, m->nflows * sizeof(*pf));
	if (!pf)
		return;
	memcpy(pf, m->flows, m->nflows * sizeof(*pf));
	m->prev_flows = pf;
	m->nprev_flows = m->nflows;
}
