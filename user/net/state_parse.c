// SPDX-License-Identifier: GPL-2.0
/* Reading the ownership record back: every line is checked as strictly as a topology file, since
 * `down` deletes what the record names. A namespace name becomes a path under /run/netns, an
 * ifindex an argument to RTM_DELLINK: a record that is not exactly what `up` writes is refused,
 * line named, and nothing is touched. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state_int.h"

#define MAX_WORDS 4

struct parser {
	struct state *s;
	const char *path;
	int line;
	int up_line; /* the line of `up`, 0 before it */
	char *why;
	size_t whylen;
};

__attribute__((format(printf, 2, 3))) static int refuse(struct parser *p, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(p->why, p->whylen, "%s:%d: %s", p->path, p->line, msg);
	return -EBADMSG;
}

/* A decimal number in [MIN, MAX] written as `up` writes it: digits only, no leading zero. */
static bool parse_number(const char *w, uint64_t min, uint64_t max, uint64_t *v)
{
	char *end;

	if (!isdigit((unsigned char)*w) || (w[0] == '0' && w[1]))
		return false;
	errno = 0;
	*v = strtoull(w, &end, 10);
	return !errno && !*end && *v >= min && *v <= max;
}

/* What the topology file allows for a namespace (NETNS) or an interface name. */
static const char *name_problem(const char *s, bool netns)
{
	size_t max = netns ? TOPO_NETNS_MAX : TOPO_IFNAME_MAX;

	if (!*s || strlen(s) > max)
		return netns ? "is not 1 to 64 bytes" : "is not 1 to 15 bytes";
	if (!strcmp(s, ".") || !strcmp(s, ".."))
		return "is a directory name";
	if (*s == '-')
		return "starts with '-'";
	for (; *s; s++)
		if (iscntrl((unsigned char)*s) || strchr(netns ? "/:" : "/:%", *s))
			return "contains a character no name of a topology may have";
	return NULL;
}

static int find(const struct state *s, enum state_kind kind, const char *name)
{
	for (int i = 0; i < s->nobjs; i++)
		if (s->objs[i].kind == kind && !strcmp(s->objs[i].name, name))
			return i;
	return -1;
}

/* Bridges and host veth ends share the host's ifindex space. */
static int find_ifindex(const struct state *s, uint64_t ifindex)
{
	for (int i = 0; i < s->nobjs; i++)
		if (s->objs[i].kind != STATE_NETNS && s->objs[i].id == ifindex)
			return i;
	return -1;
}

static int parse_obj(struct parser *p, enum state_kind kind, char **w, int n)
{
	bool netns = kind == STATE_NETNS;
	const char *what = netns ? "a cookie" : "an ifindex";
	const char *problem = n >= 2 ? name_problem(w[1], netns) : NULL;
	const char *peer = n == 4 && strcmp(w[3], "-") ? w[3] : NULL;
	uint64_t id;

	if (n != (kind == STATE_LINK ? 4 : 3))
		return refuse(p, "'%s' takes %s", w[0], kind == STATE_LINK ?
			      "a name, an ifindex and the namespace of its peer (or -)" :
			      netns ? "a name and a cookie" : "a name and an ifindex");
	if (problem)
		return refuse(p, "%s name %s", w[0], problem);
	if (!parse_number(w[2], 1, netns ? UINT64_MAX : INT_MAX, &id))
		return refuse(p, "%s %s: '%.24s' is not %s (1 to %s)", w[0], w[1], w[2], what,
			      netns ? "2^64-1" : "2147483647");
	if (find(p->s, kind, w[1]) >= 0)
		return refuse(p, "%s %s is listed twice", w[0], w[1]);
	if (!netns && find_ifindex(p->s, id) >= 0)
		return refuse(p, "ifindex %s of %s is listed twice", w[2], w[1]);
	if (peer && find(p->s, STATE_NETNS, peer) < 0)
		return refuse(p, "link %s: its peer's namespace is not listed before it", w[1]);
	return state_push(p->s, kind, w[1], id, peer);
}

static int parse_words(struct parser *p, char **w, int n)
{
	uint64_t id;

	if (p->up_line)
		return refuse(p, "a line after 'up' (line %d), which ends a record", p->up_line);
	if (p->line == 1)
		return strcmp(w[0], "hostns") || n != 2 || !parse_number(w[1], 1, UINT64_MAX, &id) ?
		       refuse(p, "a record starts with 'hostns COOKIE'") : (p->s->hostns = id, 0);
	if (!strcmp(w[0], "up") && n == 1) {
		p->up_line = p->line;
		p->s->complete = true;
		return 0;
	}
	for (int k = STATE_NETNS; k < STATE_KINDS; k++)
		if (!strcmp(w[0], state_kind_name(k)))
			return parse_obj(p, k, w, n);
	return refuse(p, "not a line of a record (netns, bridge, link, tap, dummy or up)");
}

/* Words separated by single blanks, as written: anything else was not written by nsviz. */
static int parse_line(struct parser *p, char *line)
{
	char *w[MAX_WORDS + 1];
	int n = 0;

	for (char *c = line; n <= MAX_WORDS; n++) {
		w[n] = strsep(&c, " ");
		if (!*w[n])
			return refuse(p, "an empty line or a stray blank");
		if (!c) {
			n++;
			break;
		}
	}
	if (n > MAX_WORDS)
		return refuse(p, "too many words");
	return parse_words(p, w, n);
}

int state_parse(struct state *s, const char *path, char *text, char *why, size_t whylen)
{
	struct parser p = { .s = s, .path = path, .why = why, .whylen = whylen };
	char *nl;
	int err = 0;

	/* A last line without its newline was being written when the writer died: ignored. */
	for (char *line = text; !err && (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		p.line++;
		if (nl - line > STATE_LINE_MAX)
			return refuse(&p, "a line longer than any a record has");
		err = parse_line(&p, line);
	}
	return err;
}
