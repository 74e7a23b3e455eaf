// SPDX-License-Identifier: GPL-2.0
/* `nsviz why` output: the verdict, the path hop by hop, the causes most likely first. When the
 * probes got through, what the configuration says is only a note. */
#include <string.h>

#include "out_json.h"
#include "out_paths.h"
#include "out_why.h"
#include "text.h"
#include "why_evidence.h"

static const char *const rank_names[] = { "block", "silent", "symptom", "note" };

static const char *proto_name(enum why_proto p)
{
	return p == WHY_TCP ? "tcp" : p == WHY_UDP ? "udp" : "icmp";
}

#define STOP_MAX 128

/* What the traced paths say of the probes, into BUF, and where a dropped one stopped into STOP
 * (of STOP_MAX); false when they were not traced. */
static bool evidence(const struct out_why *w, char *buf, size_t len, char *stop)
{
	char src[64], dst[64];
	const struct why_trace *tr = w->tr;

	stop[0] = '\0';
	if (!tr)
		return false;
	topo_ip_str(&w->r->src, src, sizeof(src));
	topo_ip_str(&w->q->dst, dst, sizeof(dst));
	why_evidence(why_trace_npaths(tr) ? why_trace_path(tr, 0) : NULL, why_trace_npaths(tr), src,
		     dst, buf, len, stop, STOP_MAX);
	return true;
}

static void text_head(FILE *f, const struct out_why *w)
{
	char ip[64], shown[1024];

	fprintf(f, "%s → %s: %s (%d of %d %s probes answered", text_escape(w->from, shown,
		sizeof(shown)), topo_ip_str(&w->q->dst, ip, sizeof(ip)),
		w->reachable ? "reachable" : "unreachable", w->p->answered, w->p->sent,
		proto_name(w->q->proto));
	if (w->p->send_err)
		fprintf(f, "; %s refused to send them: %s", text_escape(w->from, shown, sizeof(shown)),
			strerror(w->p->send_err));
	fputs(")\n  path:", f);
	for (int i = 0; i < w->r->nhops; i++)
		fprintf(f, "%s%s", i ? " → " : " ", text_escape(w->r->hops[i].label, shown,
								  sizeof(shown)));
	fputs(w->r->nhops ? "\n" : w->r->arrived ? " (none: DEST is an address of FROM)\n" :
	      " (none: nothing leaves it)\n", f);
}

static void text_seen(FILE *f, const struct out_why *w)
{
	char hops[2048], summary[512], shown[4 * sizeof(hops)];

	for (int i = 0; i < why_trace_npaths(w->tr); i++) {
		const struct snap_path *p = why_trace_path(w->tr, i);

		out_paths_hops(p, hops, sizeof(hops));
		fprintf(f, "  seen: %s\n        %s\n", text_escape(p->summary, summary,
			sizeof(summary)), text_escape(hops, shown, sizeof(shown)));
	}
}

/* The cause C is about the place STOP where the probe was dropped (its object, or the veth peer
 * where a fault of its object shows): that is where it bit. */
static bool at_stop(const struct out_why *w, const struct why_cause *c, const char *stop)
{
	return !w->reachable && c->rank != WHY_NOTE &&
	       (why_stopped_at(stop, c->object) || why_stopped_at(stop, c->peer));
}

/* The causes, those at the place the probe was dropped first. */
static void text_causes(FILE *f, const struct out_why *w, const char *stop)
{
	char shown[1024];

	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < w->r->ncauses; i++) {
			const struct why_cause *c = &w->r->causes[i];
			bool at = at_stop(w, c, stop);

			if (at == !pass)
				fprintf(f, "  %s: %s%s\n",
					w->reachable || c->rank == WHY_NOTE ? "note" : "cause",
					text_escape(c->text, shown, sizeof(shown)),
					at ? " (where the probe was dropped)" : "");
		}
	if (!w->reachable && !w->r->ncauses)
		fputs("  cause: none found in the configuration\n", f);
}

void out_why_text(FILE *f, const struct out_why *w)
{
	char ev[256], stop[STOP_MAX], shown[1024];

	text_head(f, w);
	if (evidence(w, ev, sizeof(ev), stop))
		fprintf(f, "  probes: %s\n", text_escape(ev, shown, sizeof(shown)));
	text_seen(f, w);
	text_causes(f, w, stop);
}

static void json_path(FILE *f, const struct out_why *w, const char *stop)
{
	const struct why_result *r = w->r;

	fputs(",\"path\":[", f);
	for (int i = 0; i < r->nhops; i++) {
		fputs(i ? ",{\"hop\":" : "{\"hop\":", f);
		out_json_str(f, r->hops[i].label, false);
		fputs(",\"role\":", f);
		out_json_str(f, r->hops[i].role, false);
		fputc('}', f);
	}
	fputs("],\"causes\":[", f);
	for (int i = 0; i < r->ncauses; i++) {
		fprintf(f, "%s{\"rank\":\"%s\",\"object\":", i ? "," : "",
			rank_names[r->causes[i].rank]);
		out_json_str(f, r->causes[i].object, false);
		fputs(",\"fault\":", f);
		out_json_str(f, r->causes[i].fault, false);
		fputs(",\"text\":", f);
		out_json_str(f, r->causes[i].text, false);
		fprintf(f, ",\"at_drop\":%s", at_stop(w, &r->causes[i], stop) ? "true" : "false");
		fputc('}', f);
	}
	fputc(']', f);
}

/* The query and the probes' counts. */
static void json_head(FILE *f, const struct out_why *w)
{
	char ip[64];

	fputs("{\"type\":\"why\",\"from\":", f);
	out_json_str(f, w->from, false);
	fputs(",\"dest\":", f);
	out_json_str(f, topo_ip_str(&w->q->dst, ip, sizeof(ip)), false);
	fputs(",\"src\":", f);
	out_json_str(f, w->r->src.family ? topo_ip_str(&w->r->src, ip, sizeof(ip)) : "", true);
	fprintf(f, ",\"proto\":\"%s\",\"size\":%u,\"port\":", proto_name(w->q->proto), w->q->size);
	if (w->q->proto == WHY_ICMP)
		fputs("null", f);
	else
		fprintf(f, "%d", w->q->port);
	fprintf(f, ",\"verdict\":\"%s\",\"probes\":{\"sent\":%d,\"answered\":%d,\"send_error\":",
		w->reachable ? "reachable" : "unreachable", w->p->sent, w->p->answered);
	out_json_str(f, w->p->send_err ? strerror(w->p->send_err) : "", true);
	fputc('}', f);
}

static void json_seen(FILE *f, const struct why_trace *tr)
{
	fputs(",\"seen\":", f);
	if (!tr) {
		fputs("null", f);
		return;
	}
	fputc('[', f);
	for (int i = 0; i < why_trace_npaths(tr); i++) {
		if (i)
			fputc(',', f);
		out_json_path(f, why_trace_path(tr, i));
	}
	fputc(']', f);
}

void out_why_json(FILE *f, const struct out_why *w)
{
	char ev[256], stop[STOP_MAX];
	bool traced = evidence(w, ev, sizeof(ev), stop);

	json_head(f, w);
	json_path(f, w, stop);
	fputs(",\"evidence\":", f);
	out_json_str(f, traced ? ev : "", true);
	json_seen(f, w->tr);
	fputs("}\n", f);
}
