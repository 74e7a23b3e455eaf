// SPDX-License-Identifier: GPL-2.0
/* Discovery as a whole: find the namespaces, read each, order them, pair the veths. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "live.h"

/* The host first, then by name; a named namespace before a process-held one of the same name,
 * the lower pid first. */
static int ns_cmp(const void *pa, const void *pb)
{
	const struct live_ns *a = pa, *b = pb;
	int c;

	if ((a->origin == LIVE_HOST) != (b->origin == LIVE_HOST))
		return a->origin == LIVE_HOST ? -1 : 1;
	c = strcmp(a->name, b->name);
	if (!c)
		c = (int)a->origin - (int)b->origin;
	return c ? c : a->pid - b->pid;
}

static void ns_free(struct live_ns *ns)
{
	live_ns_clear(ns);
	memset(ns, 0, sizeof(*ns));
}

static const char *ns_label(const struct live_ns *ns)
{
	return ns->origin == LIVE_HOST ? "the host namespace" : ns->path;
}

static int ns_copy(struct live_ns *ns, const struct live_ns *from)
{
	ns->cookie = from->cookie;
	ns->forwarding = from->forwarding;
	ns->links = calloc(from->nlinks + 1, sizeof(*ns->links));
	ns->routes = calloc(from->nroutes + 1, sizeof(*ns->routes));
	if (!ns->links || !ns->routes)
		return -ENOMEM;
	if (from->nroutes) /* NULL when empty */
		memcpy(ns->routes, from->routes, from->nroutes * sizeof(*ns->routes));
	ns->nroutes = from->nroutes;
	for (; ns->nlinks < from->nlinks; ns->nlinks++) {
		const struct live_link *l = &from->links[ns->nlinks];
		struct live_link *c = &ns->links[ns->nlinks];

		*c = (struct live_link){ .l = l->l, .peer_ns = -1, .peer_link = -1 };
		c->addrs = malloc((l->naddrs + 1) * sizeof(*c->addrs));
		if (!c->addrs)
			return -ENOMEM;
		if (l->naddrs)
			memcpy(c->addrs, l->addrs, l->naddrs * sizeof(*c->addrs));
		c->naddrs = l->naddrs;
	}
	return 0;
}

/* What PREV read of NS, when that namespace did not say it changed; else NULL. Its inode is
 * the very namespace: the follower's socket inside keeps it from being freed and reused. */
static const struct live_ns *unchanged(const struct live *prev, const struct live_ns *ns,
				       const uint64_t *changed, int n)
{
	for (int i = 0; prev && i < prev->nns; i++) {
		if (prev->ns[i].ino != ns->ino)
			continue;
		for (int j = 0; j < n; j++)
			if (changed[j] == prev->ns[i].cookie)
				return NULL;
		return &prev->ns[i];
	}
	return NULL;
}

/* Read every namespace found, or copy it from PREV when unchanged; those gone since the scan are
 * dropped. */
static int read_all(struct live *live, const struct live *prev, const uint64_t *changed, int n,
		    FILE *err)
{
	int kept = 0, ret;

	for (int i = 0; i < live->nns; i++) {
		const struct live_ns *old = unchanged(prev, &live->ns[i], changed, n);

		ret = old ? ns_copy(&live->ns[i], old) : live_read_ns(&live->ns[i]);
		/* Denied (a namespace of another user namespace): said, and left out. */
		if (ret == -EPERM || ret == -EACCES)
			fprintf(err, "nsviz: enter network namespace %s: %s; left out\n",
				ns_label(&live->ns[i]), strerror(-ret));
		else if (ret && ret != -ENOENT && ret != -ESRCH) {
			fprintf(err, "nsviz: read network namespace %s: %s\n", ns_label(&live->ns[i]),
				strerror(-ret));
			ns_free(&live->ns[i]);
			live->nns = kept;
			return ret;
		}
		if (ret)
			ns_free(&live->ns[i]);
		else
			live->ns[kept++] = live->ns[i];
	}
	live->nns = kept;
	return 0;
}

/* NAME is that of a namespace of LIVE other than SKIP, among the first N. */
static bool name_taken(const struct live *live, int n, int skip, const char *name)
{
	for (int i = 0; i < n; i++)
		if (i != skip && !strcmp(live->ns[i].name, name))
			return true;
	return false;
}

/* A process-held namespace named like one sorted before it (a /run/netns name, another
 * container's) becomes NAME-2, NAME-3, ...: one name, one namespace, or the printed file would
 * be refused. Its NAME is at most LIVE_SAFE_MAX + 8 bytes: the suffix fits in 64. */
static void rename_clashes(struct live *live)
{
	bool renamed = false;

	for (int i = 1; i < live->nns; i++) {
		struct live_ns *ns = &live->ns[i];
		char base[TOPO_NETNS_MAX + 1];

		if (ns->origin != LIVE_PROC || !name_taken(live, i, i, ns->name))
			continue;
		snprintf(base, sizeof(base), "%.*s", LIVE_SAFE_MAX, ns->name);
		for (int k = 2; name_taken(live, live->nns, i, ns->name); k++)
			snprintf(ns->name, sizeof(ns->name), "%.*s-%d", LIVE_SAFE_MAX, base, k);
		renamed = true;
	}
	if (renamed)
		qsort(live->ns, live->nns, sizeof(*live->ns), ns_cmp);
}

int live_discover(struct live *live, FILE *err)
{
	return live_rediscover(live, NULL, NULL, 0, err);
}

int live_rediscover(struct live *live, const struct live *prev, const uint64_t *changed, int n,
		    FILE *err)
{
	int ret = live_scan(live, err) ?: read_all(live, prev, changed, n, err);

	if (!ret && (ret = live_name_containers(live)))
		fprintf(err, "nsviz: name the containers' namespaces: %s\n", strerror(-ret));

	if (!ret) {
		qsort(live->ns, live->nns, sizeof(*live->ns), ns_cmp);
		rename_clashes(live);
		ret = live_resolve_peers(live, err);
	}
	if (ret)
		live_free(live);
	return ret;
}

const char *live_oper_name(unsigned int oper)
{
	static const char *const names[] = { "unknown", "notpresent", "down", "lowerlayerdown",
					     "testing", "dormant", "up" };

	return oper < sizeof(names) / sizeof(*names) ? names[oper] : "unknown";
}

const char *live_port_state_name(unsigned int state)
{
	static const char *const names[] = { "disabled", "listening", "learning", "forwarding",
					     "blocking" };

	return state < sizeof(names) / sizeof(*names) ? names[state] : "unknown";
}

char *live_addrs_str(const struct live_link *l, char *buf, size_t len)
{
	size_t off = 0;
	char a[64];

	buf[0] = 0;
	for (int i = 0; i < l->naddrs && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s", i ? " " : "",
					topo_addr_str(&l->addrs[i].a, a, sizeof(a)));
	return buf;
}

char *live_route_dst(const struct nl_route *r, char *buf, size_t len)
{
	struct topo_addr dst = { .family = r->family, .prefix = r->dst_len };

	memcpy(dst.addr, r->dst, sizeof(dst.addr));
	return topo_addr_str(&dst, buf, len);
}

char *live_route_gw(const struct nl_route *r, char *buf, size_t len)
{
	buf[0] = 0;
	if (r->has_gw && !inet_ntop(r->family, r->gw, buf, (socklen_t)len))
		buf[0] = 0;
	return buf;
}

const struct live_ns *live_ns_by_cookie(const struct live *live, uint64_t cookie)
{
	for (int i = 0; i < live->nns; i++)
		if (live->ns[i].cookie == cookie)
			return &live->ns[i];
	return NULL;
}

void live_free(struct live *live)
{
	for (int i = 0; i < live->nns; i++)
		ns_free(&live->ns[i]);
	free(live->ns);
	memset(live, 0, sizeof(*live));
}
