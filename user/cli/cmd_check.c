// SPDX-License-Identifier: GPL-2.0
/* `nsviz check`: compare a topology with the live network and print each difference; and the same
 * report for `watch` and `stats` as they start. */
#include <string.h>

#include "clock.h"
#include "commands.h"
#include "live_mismatch.h"
#include "out_json.h"
#include "out_mismatch.h"
#include "text.h"

struct reporter {
	FILE *out;
	bool json;
	const char *prefix;
};

static void print_mismatch(const struct live_mismatch *m, void *ctx)
{
	const struct reporter *r = ctx;

	if (r->json)
		out_mismatch_json(r->out, wall_now(), m);
	else
		out_mismatch_text(r->out, r->prefix, m);
}

int check_report(const struct topo *t, FILE *out, bool json, const char *cmd)
{
	char prefix[32] = "";
	struct reporter r = { .out = out, .json = json, .prefix = prefix };
	struct live live;
	int n = live_discover(&live, stderr);

	if (cmd)
		snprintf(prefix, sizeof(prefix), "nsviz %s: ", cmd);

	if (n)
		return n;
	n = live_mismatch(t, &live, print_mismatch, &r);
	if (n < 0)
		fprintf(stderr, "nsviz %s: compare with the live network: %s\n", cmd ? cmd : "check",
			strerror(-n));
	live_free(&live);
	fflush(out); /* a reader of watch --json sees them now, not with the first snapshot */
	return n;
}

/* The closing line: how many differences N were found. */
static void print_summary(const struct topo *t, bool json, int n)
{
	char shown[4 * TOPO_NAME_MAX + 1];

	if (json) {
		fputs("{\"type\":\"check\",\"topology\":", stdout);
		out_json_str(stdout, t->name, false);
		printf(",\"mismatches\":%d}\n", n);
	} else if (!n) {
		printf("topology %s matches the live network\n",
		       text_escape(t->name, shown, sizeof(shown)));
	} else {
		printf("topology %s: %d difference%s from the live network\n",
		       text_escape(t->name, shown, sizeof(shown)), n, n == 1 ? "" : "s");
	}
}

int cmd_check(const struct env *env)
{
	struct topo t = { 0 };
	int n;

	if (topo_load(env->topology, &t, stderr))
		return EXIT_USAGE;
	n = check_report(&t, stdout, env->json, NULL);
	if (n >= 0)
		print_summary(&t, env->json, n);
	topo_free(&t);
	return n < 0 ? EXIT_FAIL : n ? EXIT_MISMATCH : EXIT_OK;
}
