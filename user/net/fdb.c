// SPDX-License-Identifier: GPL-2.0
/* The bridge FDB the way `bridge fdb show br BR` reads it, and the MACs of the network's
 * namespaces that name the owners of its entries; the dumps are netlink.c's. */
#include <errno.h>
#include <linux/neighbour.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fdb.h"
#include "fdb_table.h"
#include "grow.h"
#include "mac.h"
#include "netlink.h"
#include "netns.h"

struct dump {
	const char *bridge;
	struct snap_fdb *entries;
	int n, cap;
	int sock;                    /* for SIOCGIFNAME, or -1 */
	int port;                    /* the last port named, and its name: entries come by port */
	char port_name[IF_NAMESIZE];
};

/* The name of the port IFINDEX ("if7" if it has gone). One socket serves the whole read:
 * if_indextoname() opens and closes one per call, and at a thousand ports the closes alone cost a
 * third of a second. */
static const char *port_name(struct dump *d, int ifindex)
{
	struct ifreq ifr = { .ifr_ifindex = ifindex };

	if (ifindex == d->port)
		return d->port_name;
	d->port = ifindex;
	if (d->sock >= 0 && !ioctl(d->sock, SIOCGIFNAME, &ifr))
		snprintf(d->port_name, sizeof(d->port_name), "%s", ifr.ifr_name);
	else
		snprintf(d->port_name, sizeof(d->port_name), "if%d", ifindex);
	return d->port_name;
}

static int entry_cb(const struct nl_fdb *f, void *data)
{
	struct dump *d = data;
	struct snap_fdb *e = grow_append((void **)&d->entries, &d->cap, &d->n, sizeof(*e));

	if (!e)
		return -ENOMEM;
	snprintf(e->bridge, sizeof(e->bridge), "%s", d->bridge);
	mac_str(f->mac, e->mac);
	snprintf(e->port, sizeof(e->port), "%s", port_name(d, f->port));
	e->vlan = f->vlan;
	/* `bridge fdb` says "permanent" for local entries, "static" for NUD_NOARP. */
	snprintf(e->type, sizeof(e->type), "%s",
		 f->state & NUD_PERMANENT ? "local" : f->state & NUD_NOARP ? "static" : "learned");
	e->age = f->used;
	return 0;
}

/* A netlink socket and a socket for SIOCGIFNAME inside the namespace of bridge BR of T, and the
 * bridge's ifindex there. 0 or -errno (-ENODEV: no such bridge). */
static int bridge_open(const struct topo *t, const struct topo_bridge *br, struct nl **nl,
		       int *sock, int *ifindex)
{
	const struct topo_netns *ns = br->netns >= 0 ? &t->netns[br->netns] : NULL;
	int nsfd = ns ? netns_open_at(ns->name, ns->path) : -1, saved = -1, ret;
	struct nl_link l = { 0 };

	*sock = -1;
	if (ns && nsfd < 0)
		return nsfd == -ENOENT ? -ENODEV : nsfd;
	/* SIOCGIFNAME answers for the namespace the socket was made in. */
	ret = nsfd >= 0 ? netns_enter(nsfd, &saved) : 0;
	if (!ret) {
		*sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		ret = nsfd >= 0 ? netns_leave(saved) : 0;
	}
	ret = ret ?: nl_open(nsfd, nl) ?: nl_link_get(*nl, 0, br->name, &l);
	if (nsfd >= 0)
		close(nsfd);
	*ifindex = l.ifindex;
	return ret;
}

int fdb_bridge_exists(const struct topo *t, int i)
{
	struct nl *nl = NULL;
	int sock, ifindex = 0, ret = bridge_open(t, &t->bridges[i], &nl, &sock, &ifindex);

	nl_close(nl);
	if (sock >= 0)
		close(sock);
	return ret;
}

/* The entries of bridge I of T into D. */
static int dump_bridge(const struct topo *t, int i, struct dump *d)
{
	struct nl *nl = NULL;
	int br_ifindex = 0, ret = bridge_open(t, &t->bridges[i], &nl, &d->sock, &br_ifindex);

	d->bridge = t->bridges[i].name;
	d->port = 0; /* ifindexes are per namespace */
	if (!ret)
		ret = nl_fdb_dump(nl, br_ifindex, entry_cb, d);
	nl_close(nl);
	if (d->sock >= 0)
		close(d->sock);
	return ret;
}

int fdb_read(const struct topo *t, struct snap_fdb **entries, int *n, int *cap)
{
	struct dump d = { .entries = *entries, .n = *n, .cap = *cap };
	int ret = 0;

	for (int i = 0; !ret && i < t->nbridges; i++)
		ret = dump_bridge(t, i, &d);
	*entries = d.entries;
	*n = d.n;
	*cap = d.cap;
	return ret;
}

struct owners {
	const char *netns, *path;
	struct fdb_owner *v;
	int n, cap;
};

static int owner_cb(const struct nl_link *l, void *data)
{
	static const uint8_t none[6];
	struct owners *o = data;
	struct fdb_owner *w;

	if (l->mac_len != sizeof(none) || !memcmp(l->mac, none, sizeof(none)))
		return 0;
	w = grow_append((void **)&o->v, &o->cap, &o->n, sizeof(*w));
	if (!w)
		return -ENOMEM;
	mac_str(l->mac, w->mac);
	snprintf(w->owner, sizeof(w->owner), "%s:%s", o->netns, l->name);
	return 0;
}

/* A namespace that is gone (or not built yet) owns nothing: it is not on the network. */
static int netns_owners(struct owners *o)
{
	int nsfd = netns_open_at(o->netns, o->path), ret;
	struct nl *nl = NULL;

	if (nsfd < 0)
		return nsfd == -ENOENT ? 0 : nsfd;
	ret = nl_open(nsfd, &nl);
	close(nsfd);
	if (!ret)
		ret = nl_dump_links(nl, owner_cb, o);
	nl_close(nl);
	return ret;
}

int fdb_read_owners(const struct topo *t, struct fdb_owner **owners, int *n)
{
	struct owners o = { 0 };
	int ret = 0;

	for (int i = 0; !ret && i < t->nnetns; i++) {
		o.netns = t->netns[i].name;
		o.path = t->netns[i].path;
		ret = netns_owners(&o);
	}
	if (ret) {
		free(o.v);
		return ret;
	}
	*owners = o.v;
	*n = o.n;
	return 0;
}
