// SPDX-License-Identifier: GPL-2.0
/* Firewall rules: `nft list ruleset` read into its drop/reject rules and drop policies, and
 * whether one of them matches the probe. A rule matches unless one of its matches that are
 * understood here (addresses, protocol, ICMP type, port, conntrack state) says otherwise: a rule
 * with only matches not understood (an interface name, a mark) is taken to match. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "live.h"
#include "topo_int.h"
#include "why_int.h"

struct nft_parse {
	struct why_ns_facts *ns;
	struct why_rule cur; /* family, table, chain, hook of the lines read */
	int depth, chain_depth;
};

static int add_rule(struct nft_parse *p, const char *text, bool policy)
{
	struct why_ns_facts *ns = p->ns;
	int err = grow_array((void **)&ns->rules, NULL, ns->nrules, sizeof(*ns->rules));

	if (err)
		return err;
	ns->rules[ns->nrules] = p->cur;
	ns->rules[ns->nrules].policy = policy;
	snprintf(ns->rules[ns->nrules].text, sizeof(ns->rules[0].text), "%s", text);
	ns->nrules++;
	return 0;
}

static bool is_drop(const char *line)
{
	size_t n = strlen(line);

	return (n >= 4 && !strcmp(line + n - 4, "drop") && (n == 4 || line[n - 5] == ' ')) ||
	       !strncmp(line, "reject", 6) || strstr(line, " reject");
}

/* One line, without its leading blanks, inside the ruleset. */
static int parse_line(struct nft_parse *p, const char *line)
{
	const char *hook = strstr(line, " hook ");

	if (p->depth == 0 && sscanf(line, "table %15s %63s", p->cur.family, p->cur.table) == 2)
		return 0;
	if (p->depth == 1 && sscanf(line, "chain %63s", p->cur.chain) == 1) {
		p->chain_depth = 2;
		p->cur.hook[0] = '\0';
		return 0;
	}
	if (p->depth != p->chain_depth)
		return 0;
	if (!strncmp(line, "type ", 5) && hook) {
		sscanf(hook, " hook %15s", p->cur.hook);
		return strstr(line, "policy drop") ? add_rule(p, "policy drop", true) : 0;
	}
	return is_drop(line) ? add_rule(p, line, false) : 0;
}

int why_parse_nft(const char *text, struct why_ns_facts *ns)
{
	struct nft_parse p = { .ns = ns, .chain_depth = -1 };
	char *copy = strdup(text), *save = NULL;
	int err = copy ? 0 : -ENOMEM;

	for (char *line = copy ? strtok_r(copy, "\n", &save) : NULL; line && !err;
	     line = strtok_r(NULL, "\n", &save)) {
		line += strspn(line, " \t");
		if (!strcmp(line, "}")) {
			if (--p.depth < p.chain_depth)
				p.chain_depth = -1;
			continue;
		}
		err = parse_line(&p, line);
		for (const char *c = line; *c; c++)
			p.depth += (*c == '{') - (*c == '}');
	}
	free(copy);
	return err;
}

static const char *proto_name(enum why_proto p)
{
	return p == WHY_TCP ? "tcp" : p == WHY_UDP ? "udp" : "icmp";
}

/* The address match WORD ("10.0.0.1", "10.0.0.0/24") holds IP; a set or a name: maybe. */
static bool addr_match(const char *word, const struct topo_addr *ip)
{
	struct topo_addr a;
	char msg[64];

	if (topo_addr_parse(word, false, &a, msg, sizeof(msg)))
		return true;
	return topo_addr_contains(&a, ip);
}

/* The match starting at TOK[I] agrees with the probe W follows; *USED words read. */
static bool word_match(const struct walk *w, char **tok, int n, int i, int *used)
{
	const char *a = tok[i], *b = i + 1 < n ? tok[i + 1] : "", *c = i + 2 < n ? tok[i + 2] : "";
	const char *proto = proto_name(w->q->proto);

	*used = 1;
	if (!strcmp(a, "ip") && (!strcmp(b, "saddr") || !strcmp(b, "daddr"))) {
		*used = 3;
		return addr_match(c, b[0] == 's' ? &w->src : &w->dst);
	}
	if ((!strcmp(a, "ip") && !strcmp(b, "protocol")) ||
	    (!strcmp(a, "meta") && !strcmp(b, "l4proto"))) {
		*used = 3;
		return c[0] == '{' || !strcmp(c, proto);
	}
	if (!strcmp(a, "icmp") || !strcmp(a, "tcp") || !strcmp(a, "udp") || !strcmp(a, "th")) {
		if (strcmp(a, "th") && strcmp(a, proto))
			return false;
		*used = (!strcmp(b, "type") || !strcmp(b, "dport")) ? 3 : 1;
		if (!strcmp(b, "type"))
			return c[0] == '{' || !strcmp(c, "echo-request");
		return strcmp(b, "dport") || c[0] == '{' || atoi(c) == w->q->port;
	}
	if (!strcmp(a, "ct") && !strcmp(b, "state")) {
		*used = 3;
		return strstr(c, "new") != NULL;
	}
	return true;
}

static bool rule_match(const struct walk *w, const struct why_rule *r)
{
	char text[sizeof(r->text)], *tok[64], *save = NULL;
	int n = 0, used;

	if (r->policy)
		return true;
	snprintf(text, sizeof(text), "%s", r->text);
	for (char *t = strtok_r(text, " ", &save); t && n < 64; t = strtok_r(NULL, " ", &save))
		tok[n++] = t;
	for (int i = 0; i < n; i += used)
		if (!word_match(w, tok, n, i, &used))
			return false;
	return true;
}

static bool hook_in(const char *hook, const char *const *hooks)
{
	for (; *hooks; hooks++)
		if (!strcmp(hook, *hooks))
			return true;
	return false;
}

void why_check_nft(struct walk *w, int ns, const char *const *hooks)
{
	const struct why_ns_facts *f = why_facts_of(w, ns);
	const char *name = why_ns_name(w->live, ns);

	for (int i = 0; f && i < f->nrules && !w->ret; i++) {
		const struct why_rule *r = &f->rules[i];

		if (!hook_in(r->hook, hooks) || !strcmp(r->family, "ip6") || !rule_match(w, r))
			continue;
		if (r->policy)
			why_cause(w, WHY_NOTE, name, "nft-policy",
				  "nft in %s: chain %s of table %s %s has policy drop (rules before it "
				  "may accept the probe)", name, r->chain, r->family, r->table);
		else
			why_cause(w, WHY_SILENT, name, "nft-drop",
				  "nft in %s %s the probe: table %s %s, chain %s, rule '%s'", name,
				  strstr(r->text, "reject") ? "rejects" : "drops", r->family, r->table,
				  r->chain, r->text);
	}
}
