// SPDX-License-Identifier: GPL-2.0
/* The bridge FDB the way `bridge fdb show br BR` reads it. The kernel's dump also walks every other
 * bridge master and adds the ports' own address lists (NTF_SELF, no NDA_MASTER), so only entries
 * whose NDA_MASTER is the bridge asked for are kept. */
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_bridge.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fdb.h"

#ifndef NETLINK_GET_STRICT_CHK
#define NETLINK_GET_STRICT_CHK 12
#endif

struct dump {
	int br_ifindex;
	const char *bridge;
	struct snap_fdb *entries;
	int n, cap;
	long hz;
};

void fdb_mac_str(const uint8_t mac[6], char buf[18])
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4],
		 mac[5]);
}

static struct snap_fdb *grow(struct snap_fdb **v, int *n, int *cap)
{
	struct snap_fdb *nv;

	if (*n == *cap) {
		nv = realloc(*v, (*cap ? *cap * 2 : 16) * sizeof(**v));
		if (!nv)
			return NULL;
		*v = nv;
		*cap = *cap ? *cap * 2 : 16;
	}
	memset(&(*v)[*n], 0, sizeof(**v));
	return &(*v)[(*n)++];
}

static int attr_cb(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_type_valid(a, NDA_MAX) > 0)
		tb[mnl_attr_get_type(a)] = a;
	return MNL_CB_OK;
}

static int entry_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NDA_MAX + 1] = { 0 };
	const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);
	struct dump *d = data;
	struct snap_fdb *e;
	char port[IF_NAMESIZE];

	if (nlh->nlmsg_type != RTM_NEWNEIGH || ndm->ndm_family != AF_BRIDGE ||
	    mnl_attr_parse(nlh, sizeof(*ndm), attr_cb, tb) < 0)
		return MNL_CB_OK;
	if (!tb[NDA_MASTER] || (int)mnl_attr_get_u32(tb[NDA_MASTER]) != d->br_ifindex ||
	    !tb[NDA_LLADDR] || mnl_attr_get_payload_len(tb[NDA_LLADDR]) != 6)
		return MNL_CB_OK;
	e = grow(&d->entries, &d->n, &d->cap);
	if (!e)
		return MNL_CB_ERROR;
	snprintf(e->bridge, sizeof(e->bridge), "%s", d->bridge);
	fdb_mac_str(mnl_attr_get_payload(tb[NDA_LLADDR]), e->mac);
	if (!if_indextoname(ndm->ndm_ifindex, port))
		snprintf(port, sizeof(port), "if%d", ndm->ndm_ifindex);
	snprintf(e->port, sizeof(e->port), "%s", port);
	e->vlan = tb[NDA_VLAN] ? mnl_attr_get_u16(tb[NDA_VLAN]) : 0;
	e->is_static = ndm->ndm_state & (NUD_PERMANENT | NUD_NOARP);
	if (tb[NDA_CACHEINFO] && mnl_attr_get_payload_len(tb[NDA_CACHEINFO]) >= sizeof(struct nda_cacheinfo))
		e->age = (double)((const struct nda_cacheinfo *)mnl_attr_get_payload(tb[NDA_CACHEINFO]))
				 ->ndm_used / d->hz;
	return MNL_CB_OK;
}

static int dump_bridge(struct mnl_socket *nl, struct dump *d)
{
	char buf[MNL_SOCKET_BUFFER_SIZE * 2];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	unsigned int seq = time(NULL), portid = mnl_socket_get_portid(nl);
	struct ndmsg *ndm;
	ssize_t len;
	int ret;

	nlh->nlmsg_type = RTM_GETNEIGH;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq;
	ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));
	ndm->ndm_family = AF_BRIDGE;
	mnl_attr_put_u32(nlh, NDA_MASTER, d->br_ifindex);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	errno = 0;
	do {
		len = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (len < 0)
			return -errno;
		ret = mnl_cb_run(buf, len, seq, portid, entry_cb, d);
	} while (ret > 0);
	return ret < 0 ? (errno ? -errno : -EIO) : 0;
}

int fdb_read(const char *bridge, struct snap_fdb **entries, int *n)
{
	struct dump d = { .bridge = bridge, .entries = *entries, .n = *n, .cap = *n,
			  .hz = sysconf(_SC_CLK_TCK) };
	struct mnl_socket *nl = NULL;
	int one = 1, ret;

	d.br_ifindex = if_nametoindex(bridge);
	if (!d.br_ifindex)
		return -ENODEV;
	if (d.hz <= 0)
		d.hz = 100;
	nl = mnl_socket_open(NETLINK_ROUTE);
	if (!nl)
		return -errno;
	ret = mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) ? -errno : 0;
	/* Strict checking makes the kernel honour NDA_MASTER instead of reading an ifinfomsg. */
	if (!ret)
		mnl_socket_setsockopt(nl, NETLINK_GET_STRICT_CHK, &one, sizeof(one));
	if (!ret)
		ret = dump_bridge(nl, &d);
	mnl_socket_close(nl);
	*entries = d.entries;
	*n = d.n;
	return ret;
}

/* Entries with the time they were last used (ages are computed when asked). */
struct fdb_row {
	struct snap_fdb e;
	double used_at;
};

struct fdb {
	struct fdb_row *rows;
	int n, cap;
	struct snap_fdb *out; /* what fdb_entries hands out, cap entries */
};

struct fdb *fdb_new(void)
{
	return calloc(1, sizeof(struct fdb));
}

void fdb_free(struct fdb *f)
{
	if (!f)
		return;
	free(f->rows);
	free(f->out);
	free(f);
}

static int reserve(struct fdb *f, int n)
{
	struct fdb_row *r;
	struct snap_fdb *o;

	if (n <= f->cap)
		return 0;
	r = realloc(f->rows, n * sizeof(*r));
	if (r)
		f->rows = r;
	o = realloc(f->out, n * sizeof(*o));
	if (o)
		f->out = o;
	if (!r || !o)
		return -ENOMEM;
	f->cap = n;
	return 0;
}

int fdb_refresh(struct fdb *f, const char *const *bridges, int nbridges, double now)
{
	struct snap_fdb *fresh = NULL;
	int n = 0, ret = 0;

	for (int i = 0; i < nbridges && !ret; i++)
		ret = fdb_read(bridges[i], &fresh, &n);
	if (!ret)
		ret = reserve(f, n);
	if (!ret) {
		for (int i = 0; i < n; i++)
			f->rows[i] = (struct fdb_row){ .e = fresh[i], .used_at = now - fresh[i].age };
		f->n = n;
	}
	free(fresh);
	return ret;
}

static int find(const struct fdb *f, const char *bridge, const char *mac, uint16_t vlan)
{
	for (int i = 0; i < f->n; i++) {
		const struct snap_fdb *e = &f->rows[i].e;

		if (!strcmp(e->bridge, bridge) && !strcmp(e->mac, mac) && e->vlan == vlan)
			return i;
	}
	return -1;
}

int fdb_event(struct fdb *f, bool update, const char *bridge, const char *port,
	      const uint8_t mac[6], uint16_t vlan, bool is_static, double now)
{
	struct snap_fdb *e;
	char m[18];
	int i;

	fdb_mac_str(mac, m);
	i = find(f, bridge, m, vlan);
	if (!update && i >= 0)
		f->rows[i] = f->rows[--f->n];
	if (!update)
		return 0;
	if (i < 0) {
		if (reserve(f, f->n < f->cap ? f->cap : f->cap * 2 + 16))
			return -ENOMEM;
		i = f->n++;
		f->rows[i] = (struct fdb_row){ 0 };
		snprintf(f->rows[i].e.bridge, sizeof(f->rows[i].e.bridge), "%s", bridge);
		strcpy(f->rows[i].e.mac, m);
		f->rows[i].e.vlan = vlan;
	}
	e = &f->rows[i].e;
	snprintf(e->port, sizeof(e->port), "%s", port);
	e->is_static = is_static;
	f->rows[i].used_at = now;
	return 0;
}

static int cmp_row(const void *a, const void *b)
{
	const struct snap_fdb *x = &((const struct fdb_row *)a)->e, *y = &((const struct fdb_row *)b)->e;
	int c = strcmp(x->bridge, y->bridge);

	if (!c)
		c = strcmp(x->port, y->port);
	if (!c)
		c = strcmp(x->mac, y->mac);
	return c ? c : x->vlan - y->vlan;
}

const struct snap_fdb *fdb_entries(struct fdb *f, double now, int *n)
{
	if (f->n)
		qsort(f->rows, f->n, sizeof(*f->rows), cmp_row);
	for (int i = 0; i < f->n; i++) {
		f->out[i] = f->rows[i].e;
		f->out[i].age = now > f->rows[i].used_at ? now - f->rows[i].used_at : 0;
	}
	*n = f->n;
	return f->out;
}
