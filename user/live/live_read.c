// SPDX-License-Identifier: GPL-2.0
/* Reading one namespace: enter it on the calling thread, dump its links, addresses and main-table
 * routes over a socket made inside, read its forwarding switch, and come back. Nothing is
 * written: no sysctl, no link, no address changes. */
#include <errno.h>
#include <fcntl.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"
#include "live.h"
#include "netns.h"

static int add_link(const struct nl_link *l, void *ctx)
{
	struct live_ns *ns = ctx;
	int err = grow_array((void **)&ns->links, NULL, ns->nlinks, sizeof(*ns->links));

	if (err)
		return err;
	ns->links[ns->nlinks++] = (struct live_link){ .l = *l, .peer_ns = -1, .peer_link = -1 };
	return 0;
}

const struct live_link *live_link_by_index(const struct live_ns *ns, int ifindex)
{
	/* The kernel dumps links in ifindex order: a binary search. */
	int lo = 0, hi = ns->nlinks;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (ns->links[mid].l.ifindex < ifindex)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ns->nlinks && ns->links[lo].l.ifindex == ifindex ? &ns->links[lo] : NULL;
}

static int add_addr(const struct nl_addr *a, void *ctx)
{
	struct live_link *l = (struct live_link *)live_link_by_index(ctx, a->ifindex);
	int err;

	if (!l)
		return 0; /* its link came after the link dump */
	err = grow_array((void **)&l->addrs, NULL, l->naddrs, sizeof(*l->addrs));
	if (!err)
		l->addrs[l->naddrs++] = *a;
	return err;
}

static int add_route(const struct nl_route *r, void *ctx)
{
	struct live_ns *ns = ctx;
	int err;

	if (r->table != RT_TABLE_MAIN)
		return 0;
	err = grow_array((void **)&ns->routes, NULL, ns->nroutes, sizeof(*ns->routes));
	if (!err)
		ns->routes[ns->nroutes++] = *r;
	return err;
}

static int link_cmp(const void *a, const void *b)
{
	return ((const struct live_link *)a)->l.ifindex - ((const struct live_link *)b)->l.ifindex;
}

/* /proc/sys/net belongs to the namespace of the thread that opens it: read while inside. */
static int read_forwarding(bool *on)
{
	int fd = open("/proc/sys/net/ipv4/ip_forward", O_RDONLY | O_CLOEXEC);
	char c = '0';
	int err = 0;

	if (fd < 0)
		return -errno;
	if (read(fd, &c, 1) != 1)
		err = -EIO;
	close(fd);
	*on = c == '1';
	return err;
}

void live_ns_clear(struct live_ns *ns)
{
	for (int i = 0; i < ns->nlinks; i++)
		free(ns->links[i].addrs);
	free(ns->links);
	free(ns->routes);
	ns->links = NULL;
	ns->routes = NULL;
	ns->nlinks = ns->nroutes = 0;
}

/* Inside NS already. */
static int read_once(struct live_ns *ns)
{
	struct nl *nl;
	int err = nl_open(-1, &nl);

	if (err)
		return err;
	err = netns_cookie(-1, &ns->cookie) ?: nl_dump_links(nl, add_link, ns);
	if (!err)
		qsort(ns->links, ns->nlinks, sizeof(*ns->links), link_cmp);
	err = err ?: nl_dump_addrs(nl, add_addr, ns) ?: nl_dump_routes(nl, add_route, ns) ?:
	      read_forwarding(&ns->forwarding);
	nl_close(nl);
	return err;
}

int live_in_ns(const struct live_ns *ns, int (*fn)(void *ctx), void *ctx)
{
	int fd = open(ns->path, O_RDONLY | O_CLOEXEC), saved, err;
	struct stat st;

	if (fd < 0)
		return -errno;
	/* A pid reused since the scan, or a name given to another namespace: not the one found. */
	err = fstat(fd, &st) ? -errno : st.st_ino != ns->ino ? -ESRCH : netns_enter(fd, &saved);
	close(fd);
	if (err)
		return err;
	err = fn(ctx);
	if (netns_leave(saved))
		return -EIO; /* still in NS: the caller must not go on here */
	return err;
}

/* A change in the namespace during a dump interrupts it (NLM_F_DUMP_INTR: EINTR): read the
 * namespace again, a few times, rather than fail the whole reading. */
static int read_here(void *ctx)
{
	struct live_ns *ns = ctx;
	int err = -EINTR;

	for (int tries = 0; tries < 4 && err == -EINTR; tries++) {
		if (tries)
			live_ns_clear(ns);
		err = read_once(ns);
	}
	return err;
}

int live_read_ns(struct live_ns *ns)
{
	return live_in_ns(ns, read_here, ns);
}
