// SPDX-License-Identifier: GPL-2.0
/* What changed between two readings of the live network: namespaces matched by cookie, links
 * within a namespace by ifindex, routes by what they say. Each difference is one event, with the
 * field and its old and new values as text for a change. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "live.h"

#define TEXT_MAX 4096 /* one field's value: all of an interface's addresses */

struct differ {
	void (*cb)(const struct live_event *e, void *ctx);
	void *ctx;
};

static void emit(struct differ *d, enum live_op op, enum live_obj obj, const struct live_ns *ns,
		 const struct live_link *l, const struct nl_route *r)
{
	struct live_event e = { .op = op, .obj = obj, .ns = ns, .link = l, .route = r };

	d->cb(&e, d->ctx);
}

static void changed(struct differ *d, const struct live_ns *ns, const struct live_link *l,
		    const char *field, const char *from, const char *to)
{
	struct live_event e = { .op = LIVE_CHANGE, .obj = l ? LIVE_OBJ_LINK : LIVE_OBJ_NETNS,
				.ns = ns, .link = l, .field = field, .from = from, .to = to };

	if (strcmp(from, to))
		d->cb(&e, d->ctx);
}

static const char *bool_str(bool b)
{
	return b ? "true" : "false";
}

/* The text of one field of L (its master's name looked up in NS). */
static const char *link_field(const struct live_ns *ns, const struct live_link *l, int field,
			      char *buf, size_t len)
{
	const struct live_link *m = l->l.master ? live_link_by_index(ns, l->l.master) : NULL;

	buf[0] = 0;
	switch (field) {
	case 0: return l->l.name;
	case 1: return bool_str(l->l.flags & IFF_UP);
	case 2: return live_oper_name(l->l.operstate);
	case 3: return bool_str(l->l.carrier);
	case 4: snprintf(buf, len, "%u", l->l.mtu); return buf;
	case 5: return m ? m->l.name : "";
	case 6: return l->l.port.is_port ? live_port_state_name(l->l.port.state) : "";
	}
	return live_addrs_str(l, buf, len);
}

static void diff_link(struct differ *d, const struct live_ns *old_ns, const struct live_link *a,
		      const struct live_ns *ns, const struct live_link *b)
{
	static const char *const fields[] = { "name", "admin_up", "oper", "carrier", "mtu",
					      "master", "port_state", "addrs" };
	char from[TEXT_MAX], to[TEXT_MAX];

	for (int f = 0; f < (int)(sizeof(fields) / sizeof(*fields)); f++)
		changed(d, ns, b, fields[f], link_field(old_ns, a, f, from, sizeof(from)),
			link_field(ns, b, f, to, sizeof(to)));
}

/* Links of both readings of one namespace, merged by ifindex (both are sorted). */
static void diff_links(struct differ *d, const struct live_ns *a, const struct live_ns *b)
{
	int i = 0, j = 0;

	while (i < a->nlinks || j < b->nlinks) {
		int ia = i < a->nlinks ? a->links[i].l.ifindex : -1;
		int ib = j < b->nlinks ? b->links[j].l.ifindex : -1;

		if (ib < 0 || (ia >= 0 && ia < ib))
			emit(d, LIVE_REMOVE, LIVE_OBJ_LINK, a, &a->links[i++], NULL);
		else if (ia < 0 || ib < ia)
			emit(d, LIVE_ADD, LIVE_OBJ_LINK, b, &b->links[j++], NULL);
		else
			diff_link(d, a, &a->links[i++], b, &b->links[j++]);
	}
}

static int route_cmp(const void *pa, const void *pb)
{
	const struct nl_route *a = *(const struct nl_route *const *)pa;
	const struct nl_route *b = *(const struct nl_route *const *)pb;

	return memcmp(a, b, sizeof(*a));
}

/* NS's routes as pointers sorted by content, in *OUT (caller frees). */
static int sorted_routes(const struct live_ns *ns, const struct nl_route ***out)
{
	const struct nl_route **v = calloc(ns->nroutes + 1, sizeof(*v));

	if (!v)
		return -ENOMEM;
	for (int i = 0; i < ns->nroutes; i++)
		v[i] = &ns->routes[i];
	qsort(v, ns->nroutes, sizeof(*v), route_cmp);
	*out = v;
	return 0;
}

static int diff_routes(struct differ *d, const struct live_ns *a, const struct live_ns *b)
{
	const struct nl_route **ra = NULL, **rb = NULL;
	int i = 0, j = 0, err = sorted_routes(a, &ra) ?: sorted_routes(b, &rb);

	while (!err && (i < a->nroutes || j < b->nroutes)) {
		int c = i == a->nroutes ? 1 : j == b->nroutes ? -1 : route_cmp(&ra[i], &rb[j]);

		if (c < 0)
			emit(d, LIVE_REMOVE, LIVE_OBJ_ROUTE, a, NULL, ra[i++]);
		else if (c > 0)
			emit(d, LIVE_ADD, LIVE_OBJ_ROUTE, b, NULL, rb[j++]);
		else
			i++, j++;
	}
	free(ra);
	free(rb);
	return err;
}

int live_diff(const struct live *old, const struct live *cur,
	      void (*cb)(const struct live_event *e, void *ctx), void *ctx)
{
	struct differ d = { .cb = cb, .ctx = ctx };
	int err = 0;

	for (int i = 0; i < old->nns; i++)
		if (!live_ns_by_cookie(cur, old->ns[i].cookie))
			emit(&d, LIVE_REMOVE, LIVE_OBJ_NETNS, &old->ns[i], NULL, NULL);
	for (int i = 0; i < cur->nns && !err; i++) {
		const struct live_ns *b = &cur->ns[i], *a = live_ns_by_cookie(old, b->cookie);

		if (!a) {
			emit(&d, LIVE_ADD, LIVE_OBJ_NETNS, b, NULL, NULL);
			continue;
		}
		changed(&d, b, NULL, "name", a->name, b->name);
		changed(&d, b, NULL, "forwarding", bool_str(a->forwarding), bool_str(b->forwarding));
		diff_links(&d, a, b);
		err = diff_routes(&d, a, b);
	}
	return err;
}

bool live_same_namespaces(const struct live *live, const struct live *scan)
{
	if (live->nns != scan->nns)
		return false;
	for (int i = 0; i < scan->nns; i++) {
		int j = 0;

		while (j < live->nns && live->ns[j].ino != scan->ns[i].ino)
			j++;
		if (j == live->nns)
			return false;
	}
	return true;
}
