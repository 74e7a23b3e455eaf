// SPDX-License-Identifier: GPL-2.0
/* `nsviz why FROM DEST`: read the live network, work out the expected path and what blocks it,
 * send probes from FROM, and say whether DEST answered and why not (docs/why.md). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "out_why.h"
#include "text.h"
#include "why.h"
#include "why_probe.h"
#include "why_trace.h"

#define WHY_COUNT 3  /* probes when --count is not given: a lost one is not the verdict */
#define WHY_SIZE 56  /* ping's default payload */

/* The probe asked for by ENV into Q (all but its addresses). 0, or EXIT_USAGE said. */
static int query_opts(const struct env *env, struct why_query *q)
{
	const char *proto = env->proto ? env->proto : "icmp";
	char shown[256];

	q->proto = !strcmp(proto, "tcp") ? WHY_TCP : !strcmp(proto, "udp") ? WHY_UDP : WHY_ICMP;
	q->size = env->size < 0 ? WHY_SIZE : (unsigned int)env->size;
	q->port = (int)env->port;
	if (q->proto == WHY_ICMP && strcmp(proto, "icmp"))
		fprintf(stderr, "nsviz why: --proto: '%s' is not icmp, tcp or udp\n",
			text_escape(proto, shown, sizeof(shown)));
	else if (q->proto != WHY_ICMP && !q->port)
		fprintf(stderr, "nsviz why: --proto %s needs --port\n", proto);
	else if (q->proto == WHY_ICMP && q->port)
		fprintf(stderr, "nsviz why: --port needs --proto tcp or udp\n");
	else if (q->proto == WHY_TCP && env->size >= 0)
		fprintf(stderr, "nsviz why: --size is for icmp and udp probes (a SYN has no payload)\n");
	else
		return 0;
	return EXIT_USAGE;
}

/* FROM and DEST of ENV found in LIVE, into Q. 0, or EXIT_USAGE said. */
static int query_ends(const struct env *env, const struct live *live, struct why_query *q)
{
	char shown[256];
	int rc;

	q->from = why_find_ns(live, env->topology);
	if (q->from < 0) {
		fprintf(stderr, "nsviz why: no network namespace '%s' (see: nsviz discover)\n",
			text_escape(env->topology, shown, sizeof(shown)));
		return EXIT_USAGE;
	}
	rc = why_parse_dest(live, env->filter[0], &q->dst);
	if (rc)
		fprintf(stderr, rc == -EAFNOSUPPORT ?
			"nsviz why: '%s' is IPv6: why explains IPv4 destinations only\n" :
			"nsviz why: '%s' is neither an IPv4 address nor a namespace with one\n",
			text_escape(env->filter[0], shown, sizeof(shown)));
	return rc ? EXIT_USAGE : 0;
}

/* The probes of Q from FROM, watched as `trace` watches (when it can: else without), into *P
 * and *TR. 0 or -errno (printed). */
static int probe(const struct env *env, const struct live *live, const struct why_query *q,
		 const struct why_result *r, struct why_probes *p, struct why_trace **tr)
{
	int rc;

	*tr = NULL;
	if (r->src.family && why_trace_start(live, &r->src, &q->dst, tr, stderr))
		fprintf(stderr, "nsviz why: going on without tracing the probes\n");
	rc = why_probe(&live->ns[q->from], q, env->count ? (int)env->count : WHY_COUNT, p);
	if (rc)
		fprintf(stderr, "nsviz why: send the probes from %s: %s\n", env->topology,
			strerror(-rc));
	why_trace_pump(*tr, true);
	return rc;
}

static int diagnose(const struct env *env, const struct live *live, struct why_query *q)
{
	struct why_facts facts = { 0 };
	struct why_result *r = calloc(1, sizeof(*r));
	struct why_trace *tr = NULL;
	struct why_probes p;
	struct out_why o = { .from = env->topology, .dest = env->filter[0], .q = q, .r = r, .p = &p };
	int rc = r ? 0 : -ENOMEM;

	if (r) {
		/* A first walk without the facts says which namespaces they are needed from and
		 * the source address of the probes. The facts are read after the probes: the
		 * neighbour entries are then the ones the probes' ARP left, answered or not. */
		why_analyse(live, NULL, q, r);
		rc = probe(env, live, q, r, &p, &tr);
	}
	if (!rc) {
		rc = why_facts_read(live, r, &facts, stderr);
		if (rc)
			fprintf(stderr, "nsviz why: read the namespaces' sysctls, neighbours and "
				"rules: %s\n", strerror(-rc));
	}
	if (!rc) {
		why_analyse(live, &facts, q, r);
		o.reachable = p.answered > 0;
		o.tr = tr;
		(env->json ? out_why_json : out_why_text)(stdout, &o);
	}
	why_trace_free(tr);
	why_facts_free(&facts);
	free(r);
	return rc ? EXIT_FAIL : o.reachable ? EXIT_OK : EXIT_MISMATCH;
}

int cmd_why(const struct env *env)
{
	struct why_query q = { 0 };
	struct live live;
	int rc;

	if (!env->topology || env->nfilter != 1) {
		fprintf(stderr, "nsviz why: %s\nTry 'nsviz why --help'.\n",
			env->nfilter > 1 ? "one destination only" : "needs FROM and DEST");
		return EXIT_USAGE;
	}
	rc = query_opts(env, &q);
	if (rc)
		return rc;
	if (live_discover(&live, stderr))
		return EXIT_FAIL;
	rc = query_ends(env, &live, &q) ?: diagnose(env, &live, &q);
	live_free(&live);
	return rc;
}
