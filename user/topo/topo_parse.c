// SPDX-License-Identifier: GPL-2.0
/* The .topo file format, line by line: words, statements, names and addresses as written.
 * Whatever needs the whole file (owners, duplicates, routes) is checked once it is read, in
 * topo_names.c and topo_check.c. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "text.h"
#include "topo_int.h"

struct line {
	int no;
	char **w;  /* words, NUL-terminated in a private copy of the text */
	int *col;  /* 1-based column of each word */
	int n;
	int end;   /* column just past the last word: where a missing word was expected */
};

void topo_error(struct topo_builder *b, int line, int col, const char *fmt, ...)
{
	struct topo_diag *d;
	char *raw;
	va_list ap;
	int n;

	if (!topo_grow(b, (void **)&b->diags, b->ndiags, sizeof(*b->diags)))
		return;
	d = &b->diags[b->ndiags];
	*d = (struct topo_diag){ .line = line, .col = col, .seq = b->ndiags };
	va_start(ap, fmt);
	n = vasprintf(&raw, fmt, ap);
	va_end(ap);
	d->msg = n < 0 ? NULL : text_escape_dup(raw);
	if (n >= 0)
		free(raw);
	if (d->msg)
		b->ndiags++;
	else
		b->oom = true;
}

bool topo_grow(struct topo_builder *b, void **arr, int n, size_t size)
{
	if (!grow_array(arr, NULL, n, size))
		return true;
	b->oom = true;
	return false;
}

/* The first of the FORBIDDEN bytes or control characters (C0, DEL, C1: text.h) in S, or NULL. */
static const char *bad_char(const char *s, const char *forbidden)
{
	const char *f = s + strcspn(s, forbidden), *ctl = NULL;

	if (text_has_control(s, &ctl) && ctl < f)
		return ctl;
	return *f ? f : NULL;
}

/* A namespace name becomes /run/netns/NAME: one safe path component. */
static bool check_netns_name(struct topo_builder *b, const char *s, int line, int col)
{
	const char *c = bad_char(s, "/:");

	if (!strcmp(s, ".") || !strcmp(s, ".."))
		topo_error(b, line, col, "namespace name '%s' is not allowed (it is a directory)", s);
	else if (strlen(s) > TOPO_NETNS_MAX)
		topo_error(b, line, col, "namespace name is %zu bytes; at most %d are allowed",
			   strlen(s), TOPO_NETNS_MAX);
	else if (c && *c == ':')
		topo_error(b, line, col + (int)(c - s),
			   "':' in namespace name '%s' (':' separates OWNER from IFNAME)", s);
	else if (c)
		topo_error(b, line, col + (int)(c - s),
			   "namespace name '%s' contains %s; use letters, digits, '-', '_' or '.'", s,
			   *c == '/' ? "'/'" : "a control character");
	else if (*s == '-')
		topo_error(b, line, col, "namespace name '%s' starts with '-' (it would read as an "
					 "option to `ip netns`)", s);
	else
		return true;
	return false;
}

/* What the kernel's dev_valid_name() accepts, without '%' (a name template) or control chars. */
static bool check_ifname(struct topo_builder *b, const char *what, const char *s, int line, int col)
{
	const char *c = bad_char(s, "/:%");

	if (!*s)
		topo_error(b, line, col, "empty %s name", what);
	else if (!strcmp(s, ".") || !strcmp(s, ".."))
		topo_error(b, line, col, "%s name '%s' is not allowed by the kernel", what, s);
	else if (strlen(s) > TOPO_IFNAME_MAX)
		topo_error(b, line, col, "%s name '%s' is %zu bytes; the kernel allows at most %d",
			   what, s, strlen(s), TOPO_IFNAME_MAX);
	else if (c && *c == '%')
		topo_error(b, line, col + (int)(c - s), "%s name '%s' contains '%%': the kernel would "
			   "take it as a template and pick a name of its own", what, s);
	else if (c && (*c == '/' || *c == ':'))
		topo_error(b, line, col + (int)(c - s), "%s name '%s' contains '%c', which the "
			   "kernel refuses", what, s, *c);
	else if (c)
		topo_error(b, line, col + (int)(c - s), "%s name '%s' contains a control character "
			   "(it would drive the terminals that show it)", what, s);
	else if (!strcmp(s, "lo"))
		topo_error(b, line, col, "'lo' is the loopback interface every namespace already has");
	else
		return true;
	return false;
}

/* An interface address: parsed, with a prefix, and unicast. */
static void parse_if_addr(struct topo_builder *b, const char *s, int line, int col,
			  struct topo_addr *a)
{
	const char *why;
	char msg[160];

	if (topo_addr_parse(s, true, a, msg, sizeof(msg))) {
		topo_error(b, line, col, "%s", msg);
		return;
	}
	why = topo_addr_unusable(a);
	if (why) {
		topo_error(b, line, col, "'%s' is %s; an interface needs a unicast address", s, why);
		memset(a, 0, sizeof(*a));
	}
}

static void copy_name(char *dst, size_t size, const char *s)
{
	snprintf(dst, size, "%s", s);
}

static bool expect_words(struct topo_builder *b, const struct line *l, int min, int max,
			 const char *usage)
{
	if (l->n < min)
		topo_error(b, l->no, l->end, "missing words: expected '%s'", usage);
	else if (l->n > max)
		topo_error(b, l->no, l->col[max], "unexpected '%s' after '%s'", l->w[max], usage);
	return l->n >= min;
}

static void parse_netns(struct topo_builder *b, const struct line *l)
{
	struct topo *t = b->t;
	struct topo_netns *ns;

	if (!expect_words(b, l, 2, 3, "netns NAME [forwarding]"))
		return;
	if (!topo_grow(b, (void **)&t->netns, t->nnetns, sizeof(*t->netns)))
		return;
	ns = &t->netns[t->nnetns++];
	*ns = (struct topo_netns){ .line = l->no, .col = l->col[1] };
	check_netns_name(b, l->w[1], l->no, l->col[1]);
	copy_name(ns->name, sizeof(ns->name), l->w[1]);
	if (l->n > 2 && strcmp(l->w[2], "forwarding"))
		topo_error(b, l->no, l->col[2], "unknown netns option '%s'; the only one is "
			   "'forwarding'", l->w[2]);
	ns->forwarding = l->n > 2;
}

#define MTU_MIN 68     /* IPv4's minimum */
#define MTU_MAX 65535

/* An option of a link at word *I of L ("mtu N", "down"): true when it was one (then *I is its
 * last word). */
static bool parse_link_opt(struct topo_builder *b, const struct line *l, int *i, int last,
			   struct topo_link_opts *o)
{
	const char *w = l->w[*i];
	char *end;
	long mtu;

	if (!strcmp(w, "down")) {
		o->down = true;
		return true;
	}
	if (strcmp(w, "mtu"))
		return false;
	if (++*i >= last) {
		topo_error(b, l->no, *i < l->n ? l->col[*i] : l->end, "'mtu' needs a number, e.g. "
			   "mtu 9000");
		return true;
	}
	mtu = strtol(l->w[*i], &end, 10);
	if (*end || end == l->w[*i] || mtu < MTU_MIN || mtu > MTU_MAX)
		topo_error(b, l->no, l->col[*i], "MTU '%s' is not a number from %d to %d", l->w[*i],
			   MTU_MIN, MTU_MAX);
	else
		o->mtu = (unsigned int)mtu;
	return true;
}

/* A bridge port's option (only a bridge's end may have them; checked once owners are known):
 * true when W was one. */
static bool parse_port_opt(const char *w, struct topo_link_opts *o)
{
	bool *flag = !strcmp(w, "nolearning") ? &o->nolearning : !strcmp(w, "noflood") ?
		     &o->noflood : !strcmp(w, "isolated") ? &o->isolated :
		     !strcmp(w, "hairpin") ? &o->hairpin : NULL;

	if (flag)
		*flag = true;
	return flag;
}

/* A bridge's own option at word I: true when it was one. */
static bool parse_bridge_opt(const struct line *l, int i, struct topo_bridge *br)
{
	if (!strcmp(l->w[i], "stp"))
		br->stp = true;
	else if (!strcmp(l->w[i], "vlan_filtering"))
		br->vlan_filtering = true;
	else
		return false;
	return true;
}

/* The NAME of "bridge [NS:]NAME" at word 1, with its namespace kept in SRC. */
static void parse_bridge_name(struct topo_builder *b, const struct line *l,
			      struct topo_bridge *br, struct topo_bridge_src *src)
{
	char *name = l->w[1], *colon = strchr(name, ':');
	int col = l->col[1];

	if (colon) {
		*colon = 0;
		src->netns_col = col;
		if (!*name)
			topo_error(b, l->no, col, "missing NS before ':' in ':%s'", colon + 1);
		copy_name(src->netns, sizeof(src->netns), name);
		col += (int)(colon + 1 - name);
		name = colon + 1;
	}
	br->col = col;
	check_ifname(b, "bridge", name, l->no, col);
	copy_name(br->name, sizeof(br->name), name);
}

static void parse_bridge(struct topo_builder *b, const struct line *l)
{
	struct topo *t = b->t;
	struct topo_bridge *br;
	struct topo_bridge_src *src;

	if (!expect_words(b, l, 2, l->n, "bridge [NS:]NAME [ADDR/PREFIX] [OPTIONS]"))
		return;
	if (!topo_grow(b, (void **)&t->bridges, t->nbridges, sizeof(*t->bridges)) ||
	    !topo_grow(b, (void **)&b->bridges, t->nbridges, sizeof(*b->bridges)))
		return;
	src = &b->bridges[t->nbridges];
	*src = (struct topo_bridge_src){ 0 };
	br = &t->bridges[t->nbridges++];
	*br = (struct topo_bridge){ .netns = -1, .line = l->no };
	parse_bridge_name(b, l, br, src);
	for (int i = 2; i < l->n; i++) {
		if (parse_link_opt(b, l, &i, l->n, &br->opts) || parse_bridge_opt(l, i, br))
			continue;
		/* Addresses have a '.', ':' or '/'; a word without is a mistyped option. */
		if (br->has_addr || !strpbrk(l->w[i], ".:/")) {
			topo_error(b, l->no, l->col[i], "unexpected '%s': a bridge takes one address "
				   "and the options mtu N, down, stp, vlan_filtering", l->w[i]);
			continue;
		}
		src->addr_col = l->col[i];
		parse_if_addr(b, l->w[i], l->no, l->col[i], &br->addr);
		br->has_addr = true;
	}
}

/* OWNER:IFNAME [ADDR/PREFIX ...] [mtu N] [down] [PORT OPTION ...] from words [first, last). */
static void parse_end(struct topo_builder *b, const struct line *l, int first, int last,
		      struct topo_end *e, struct topo_end_src *src)
{
	char *w = l->w[first], *colon = strchr(w, ':');

	*e = (struct topo_end){ .line = l->no, .col = l->col[first] };
	*src = (struct topo_end_src){ .owner_col = l->col[first] };
	if (!colon) {
		topo_error(b, l->no, l->col[first], "'%s' is not OWNER:IFNAME (e.g. red:eth0)", w);
		return;
	}
	*colon = 0;
	src->ifname_col = l->col[first] + (int)(colon + 1 - w);
	if (!*w)
		topo_error(b, l->no, l->col[first], "missing OWNER before ':' in '%s:%s'", w,
			   colon + 1);
	copy_name(src->owner, sizeof(src->owner), w);
	check_ifname(b, "interface", colon + 1, l->no, src->ifname_col);
	copy_name(e->ifname, sizeof(e->ifname), colon + 1);
	e->addrs = calloc(last - first, sizeof(*e->addrs));
	src->addr_col = calloc(last - first, sizeof(int));
	if (!e->addrs || !src->addr_col) {
		b->oom = true;
		return;
	}
	for (int i = first + 1; i < last; i++) {
		if (parse_link_opt(b, l, &i, last, &e->opts))
			continue;
		if (parse_port_opt(l->w[i], &e->opts)) {
			src->port_opt_col = src->port_opt_col ?: l->col[i];
			continue;
		}
		src->addr_col[e->naddrs] = l->col[i];
		parse_if_addr(b, l->w[i], l->no, l->col[i], &e->addrs[e->naddrs++]);
	}
}

static void parse_veth(struct topo_builder *b, const struct line *l)
{
	struct topo *t = b->t;
	struct topo_veth *v;
	int sep = 0;

	for (int i = 1; i < l->n; i++) {
		if (strcmp(l->w[i], "--"))
			continue;
		if (sep) {
			topo_error(b, l->no, l->col[i], "a veth has two ends; found a second '--'");
			return;
		}
		sep = i;
	}
	if (!sep) {
		topo_error(b, l->no, l->n > 1 ? l->col[1] : l->end,
			   "expected 'veth OWNER:IFNAME [ADDR/PREFIX ...] -- OWNER:IFNAME [ADDR/PREFIX ...]'");
		return;
	}
	if (sep == 1)
		topo_error(b, l->no, l->col[sep], "missing end before '--'");
	if (sep == l->n - 1)
		topo_error(b, l->no, l->end, "missing end after '--'");
	if (sep == 1 || sep == l->n - 1)
		return;
	if (!topo_grow(b, (void **)&t->veths, t->nveths, sizeof(*t->veths)) ||
	    !topo_grow(b, (void **)&b->ends, t->nveths, 2 * sizeof(*b->ends)))
		return;
	v = &t->veths[t->nveths];
	*v = (struct topo_veth){ .line = l->no, .col = l->col[0] };
	parse_end(b, l, 1, sep, &v->end[0], &b->ends[2 * t->nveths]);
	parse_end(b, l, sep + 1, l->n, &v->end[1], &b->ends[2 * t->nveths + 1]);
	t->nveths++;
}

static void parse_port(struct topo_builder *b, const struct line *l)
{
	struct topo *t = b->t;
	struct topo_port *p;

	if (!expect_words(b, l, 3, l->n, "port KIND BRIDGE:IFNAME [mtu N] [down] [PORT-OPTION ...]"))
		return;
	if (!topo_grow(b, (void **)&t->ports, t->nports, sizeof(*t->ports)) ||
	    !topo_grow(b, (void **)&b->port_ends, t->nports, sizeof(*b->port_ends)))
		return;
	p = &t->ports[t->nports];
	*p = (struct topo_port){ 0 };
	if (!topo_port_kind_ok(l->w[1]))
		topo_error(b, l->no, l->col[1], "port kind '%s' is not one nsviz makes: dummy or tap "
			   "(a veth is 'veth END -- END'; a vxlan needs parameters the format has no "
			   "place for)", l->w[1]);
	copy_name(p->kind, sizeof(p->kind), l->w[1]);
	parse_end(b, l, 2, l->n, &p->end, &b->port_ends[t->nports]);
	t->nports++;
}

static void parse_route_dst(struct topo_builder *b, const struct line *l, struct topo_route *r)
{
	char msg[160], ip[64], net[64];
	struct topo_addr n;

	if (!strcmp(l->w[2], "default")) {
		r->is_default = true;
		return;
	}
	if (topo_addr_parse(l->w[2], strchr(l->w[2], '/'), &r->dst, msg, sizeof(msg))) {
		topo_error(b, l->no, l->col[2], "%s (expected 'default' or PREFIX)", msg);
		return;
	}
	n = topo_addr_network(&r->dst);
	if (!topo_addr_same(&n, &r->dst))
		topo_error(b, l->no, l->col[2], "route destination %s has host bits set; did you "
			   "mean %s?", topo_addr_str(&r->dst, ip, sizeof(ip)),
			   topo_addr_str(&n, net, sizeof(net)));
}

static void parse_route(struct topo_builder *b, const struct line *l)
{
	const char *usage = "route NS (default | PREFIX) via ADDR";
	struct topo *t = b->t;
	struct topo_route *r;
	char msg[160];

	if (!expect_words(b, l, 5, 5, usage))
		return;
	if (!topo_grow(b, (void **)&t->routes, t->nroutes, sizeof(*t->routes)) ||
	    !topo_grow(b, (void **)&b->routes, t->nroutes, sizeof(*b->routes)))
		return;
	r = &t->routes[t->nroutes];
	*r = (struct topo_route){ .line = l->no, .col = l->col[0] };
	b->routes[t->nroutes++] = (struct topo_route_src){
		.netns_col = l->col[1], .dst_col = l->col[2], .via_col = l->col[4] };
	copy_name(b->routes[t->nroutes - 1].netns, TOPO_NETNS_MAX + 1, l->w[1]);
	parse_route_dst(b, l, r);
	if (strcmp(l->w[3], "via"))
		topo_error(b, l->no, l->col[3], "expected 'via', got '%s' (%s)", l->w[3], usage);
	if (topo_addr_parse(l->w[4], false, &r->via, msg, sizeof(msg)))
		topo_error(b, l->no, l->col[4], "%s", msg);
	else if (r->is_default)
		r->dst = (struct topo_addr){ .family = r->via.family };
	else if (r->dst.family && r->dst.family != r->via.family)
		topo_error(b, l->no, l->col[4], "via %s is not in the same address family as the "
			   "destination", l->w[4]);
}

static const struct {
	const char *keyword;
	void (*parse)(struct topo_builder *b, const struct line *l);
} statements[] = {
	{ "netns", parse_netns },
	{ "bridge", parse_bridge },
	{ "veth", parse_veth },
	{ "port", parse_port },
	{ "route", parse_route },
};

static void parse_statement(struct topo_builder *b, const struct line *l)
{
	for (size_t i = 0; i < sizeof(statements) / sizeof(statements[0]); i++)
		if (!strcmp(l->w[0], statements[i].keyword)) {
			statements[i].parse(b, l);
			return;
		}
	topo_error(b, l->no, l->col[0], "unknown keyword '%s'; expected netns, bridge, veth, "
		   "port or route", l->w[0]);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Split the line S (NUL-terminated, modified in place) into words, up to a '#'. */
static bool split_words(struct topo_builder *b, char *s, struct line *l)
{
	char *p = s;

	l->n = 0;
	while (*p && *p != '#') {
		if (is_blank(*p)) {
			p++;
			continue;
		}
		if (!topo_grow(b, (void **)&l->w, l->n, sizeof(*l->w)) ||
		    !topo_grow(b, (void **)&l->col, l->n, sizeof(*l->col)))
			return false;
		l->w[l->n] = p;
		l->col[l->n++] = (int)(p - s) + 1;
		while (*p && *p != '#' && !is_blank(*p))
			p++;
		l->end = (int)(p - s) + 1;
		if (*p == '#')
			break;
		if (*p)
			*p++ = 0;
	}
	*p = 0;
	return true;
}

static void parse_lines(struct topo_builder *b, char *text)
{
	struct line l = { 0 };
	char *s = text, *nl;

	for (l.no = 1; s && !b->oom; l.no++, s = nl) {
		nl = strchr(s, '\n');
		if (nl)
			*nl++ = 0;
		if (split_words(b, s, &l) && l.n)
			parse_statement(b, &l);
	}
	free(l.w);
	free(l.col);
}

static int diag_cmp(const void *pa, const void *pb)
{
	const struct topo_diag *a = pa, *b = pb;

	if (a->line != b->line)
		return a->line - b->line;
	if (a->col != b->col)
		return a->col - b->col;
	return a->seq - b->seq;
}

static void builder_free(struct topo_builder *b)
{
	for (int i = 0; i < b->ndiags; i++)
		free(b->diags[i].msg);
	for (int i = 0; b->ends && i < 2 * b->t->nveths; i++)
		free(b->ends[i].addr_col);
	for (int i = 0; b->port_ends && i < b->t->nports; i++)
		free(b->port_ends[i].addr_col);
	free(b->diags);
	free(b->ends);
	free(b->port_ends);
	free(b->routes);
	free(b->bridges);
	free(b->netns_ix);
	free(b->bridge_ix);
	topo_group_free(&b->netns_ends);
}

int topo_parse(const char *source, const char *text, struct topo *t, FILE *err)
{
	struct topo_builder b = { .source = source, .t = t };
	char *copy = strdup(text);
	int ret = 0;

	memset(t, 0, sizeof(*t));
	text_escape(source, t->source, sizeof(t->source)); /* only ever printed */
	if (!copy)
		return -ENOMEM;
	parse_lines(&b, copy);
	if (!b.oom)
		topo_check(&b);
	if (b.ndiags)
		qsort(b.diags, b.ndiags, sizeof(*b.diags), diag_cmp);
	for (int i = 0; i < b.ndiags; i++)
		fprintf(err, "%s:%d:%d: %s\n", t->source, b.diags[i].line, b.diags[i].col,
			b.diags[i].msg);
	if (b.oom)
		fprintf(err, "%s: out of memory\n", t->source);
	if (b.oom || b.ndiags)
		ret = b.oom ? -ENOMEM : -EINVAL;
	builder_free(&b);
	if (ret)
		topo_free(t);
	free(copy);
	return ret;
}
