// SPDX-License-Identifier: GPL-2.0
/* `nsviz trace`: packet paths hop by hop. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "build.h"
#include "clock.h"
#include "collector.h"
#include "commands.h"
#include "filter.h"
#include "loop.h"
#include "out_json.h"
#include "out_paths.h"
#include "out_pcapng.h"
#include "text.h"
#include "topo.h"
#include "target.h"
#include "tracer.h"

struct trace_run {
	const struct env *env;
	struct source *src;
	struct tracer *tr;
	long printed;
	bool done;
	uint64_t reported; /* sampled-out paths + lost records last reported */
	struct pcapng *pcap;
	int pcap_err;
	int *pcap_iface; /* per slot: interface id in the pcapng file, -1 until described */
	char (*pcap_name)[TOPO_NETNS_MAX + TOPO_IFNAME_MAX + 8]; /* per slot: what it describes */
	struct watch_follow follow;
	bool said;       /* the failure that ends the loop is printed already */
};

/* Every packet kept in a path goes to the pcapng file, on an interface described on first use:
 * "red/eth0-r (tx)", "host/veth-r (rx)". The first write error stops the trace (on_settle). */
static void on_packet(const struct trace_packet *p, void *ctx)
{
	struct trace_run *r = ctx;
	char *name = r->pcap_name[p->slot], was[sizeof(*r->pcap_name)];
	int *id = &r->pcap_iface[p->slot];

	if (r->pcap_err)
		return;
	/* A slot reused by another interface (the live network changed) is described again. */
	snprintf(was, sizeof(was), "%s", name);
	snprintf(name, sizeof(was), "%s/%s (%s)", p->netns[0] ? p->netns : "host", p->ifname,
		 p->dir == 'r' ? "rx" : "tx");
	if (*id < 0 || strcmp(was, name))
		*id = out_pcapng_add_iface(r->pcap, name);
	r->pcap_err = *id < 0 ? *id
			      : out_pcapng_write(r->pcap, *id, p->wall_ns,
					     p->dir == 'r' ? PCAPNG_DIR_IN : PCAPNG_DIR_OUT, p->data,
					     p->caplen, p->wirelen);
}

static void on_path(const struct snap_path *p, void *ctx)
{
	struct trace_run *r = ctx;

	if (r->done)
		return;
	if (r->env->json) {
		out_json_path(stdout, p);
		fputc('\n', stdout);
	} else {
		out_paths_text(stdout, p);
	}
	fflush(stdout);
	r->done = r->env->count && ++r->printed >= r->env->count;
}

static int on_ring(void *ctx)
{
	struct trace_run *r = ctx;
	int rc = r->src->ops->consume(r->src);

	r->said = rc < 0; /* by the source (source.h) */
	return rc < 0 ? rc : r->done;
}

static int on_settle(void *ctx)
{
	struct trace_run *r = ctx;
	char shown[256];
	int rc;

	tracer_tick(r->tr);
	if (r->pcap && !r->pcap_err)
		r->pcap_err = out_pcapng_flush(r->pcap);
	rc = r->pcap_err;
	r->said = rc;
	if (rc)
		fprintf(stderr, "nsviz trace: write %s: %s\n",
			text_escape(r->env->pcap, shown, sizeof(shown)), strerror(-rc));
	return rc ? rc : r->done;
}

/* Paths not recorded and kernel records lost, as a trace_stats object or a line on stderr. */
static void report(struct trace_run *r, bool final)
{
	const struct snapshot *s;
	struct path_stats st;

	r->src->ops->tick(r->src, wall_now());
	s = r->src->ops->snapshot(r->src);
	tracer_stats(r->tr, &st);
	if (!final && st.sampled_out + s->lost_trace == r->reported)
		return;
	r->reported = st.sampled_out + s->lost_trace;
	if (r->env->json)
		out_json_trace_stats(stdout, wall_now(), final, &st, s);
	else
		fprintf(stderr, "nsviz trace: %llu paths (%llu incomplete); %llu paths not recorded "
				"(sampled out under load); %llu packet records and %llu events lost in "
				"the kernel\n",
			(unsigned long long)st.emitted, (unsigned long long)st.incomplete,
			(unsigned long long)st.sampled_out, (unsigned long long)s->lost_trace,
			(unsigned long long)s->lost_events);
	fflush(stdout);
}

static int on_report(void *ctx)
{
	report(ctx, false);
	return 0;
}

static void on_tap(const void *rec, size_t size, void *ctx)
{
	tracer_record(((struct trace_run *)ctx)->tr, rec, size);
}

static int trace_loop(struct trace_run *r)
{
	struct loop *l = loop_new();
	int rc = l ? 0 : -ENOMEM;

	if (!rc)
		rc = loop_add_fd(l, r->src->ops->fd(r->src), on_ring, r);
	if (!rc)
		rc = loop_add_timer(l, 0.05, on_settle, r);
	if (!rc)
		rc = loop_add_timer(l, r->env->interval, on_report, r);
	if (!rc)
		rc = loop_run(l, r->env->duration);
	if (rc < 0 && !r->said)
		fprintf(stderr, "nsviz trace: event loop: %s\n", strerror(-rc));
	if (!r->done)
		tracer_flush(r->tr);
	report(r, true);
	loop_free(l);
	return rc;
}

/* Everything that can be refused is checked before anything is attached. */
static int trace_prepare(const struct env *env, struct filter **f, struct trace_run *r)
{
	char err[PCAP_ERRBUF_SIZE + 64], shown[256];
	int rc;

	rc = filter_new(env->filter, env->nfilter, env->snaplen, f, err, sizeof(err));
	if (rc == -EINVAL) {
		fprintf(stderr, "nsviz trace: bad filter '");
		for (int i = 0; i < env->nfilter; i++)
			fprintf(stderr, "%s%s", i ? " " : "",
				text_escape(env->filter[i], shown, sizeof(shown)));
		fprintf(stderr, "': %s\n", err);
		return EXIT_USAGE;
	}
	if (!rc && env->pcap) {
		r->pcap_iface = malloc(NSVIZ_SLOTS_MAX * sizeof(*r->pcap_iface));
		r->pcap_name = calloc(NSVIZ_SLOTS_MAX, sizeof(*r->pcap_name));
		rc = r->pcap_iface && r->pcap_name ? out_pcapng_new(env->pcap, env->snaplen, true, &r->pcap)
						   : -ENOMEM;
		if (r->pcap_iface)
			memset(r->pcap_iface, 0xff, NSVIZ_SLOTS_MAX * sizeof(*r->pcap_iface));
		if (rc)
			fprintf(stderr, "nsviz trace: open %s: %s\n",
				text_escape(env->pcap, shown, sizeof(shown)), strerror(-rc));
	} else if (rc) {
		fprintf(stderr, "nsviz trace: filter: %s\n", strerror(-rc));
	}
	return rc ? EXIT_FAIL : EXIT_OK;
}

/* TOPOLOGY is optional, so in `nsviz trace icmp` the first word, which names neither a built-in
 * nor a file, starts the filter: E gets no topology (the live network) and WORDS (freed by the
 * caller) the filter. Otherwise T is loaded as asked, or the error printed. 0 or the exit status. */
static int load_topology(const struct env *env, struct env *e, char ***words, struct topo *t)
{
	const char *arg = env->topology;
	char *msg = NULL;
	size_t len = 0;
	FILE *err = open_memstream(&msg, &len);
	int rc = !arg ? 0 : err ? topo_load(arg, t, err) : -ENOMEM;

	if (err)
		fclose(err);
	if (arg && !rc)
		topo_free(t);
	*e = *env;
	if (rc == -ENOENT && !strchr(arg, '/') && !strstr(arg, ".topo") &&
	    (*words = calloc(env->nfilter + 1, sizeof(**words)))) {
		(*words)[0] = (char *)arg;
		for (int i = 0; i < env->nfilter; i++)
			(*words)[i + 1] = env->filter[i];
		e->filter = *words;
		e->nfilter = env->nfilter + 1;
		e->topology = NULL;
	} else if (rc) {
		fputs(msg ? msg : "nsviz trace: out of memory\n", stderr);
	}
	free(msg);
	return rc && !*words ? EXIT_USAGE : target_load(e, t);
}

int cmd_trace(const struct env *env)
{
	struct probes_opts opts = { .trace_snaplen = env->snaplen, .every_point = true };
	struct trace_run r = { 0 };
	char shown[256];
	struct collector *c = NULL;
	struct filter *f = NULL;
	char **words = NULL;
	struct env e;
	struct topo t;
	int ret, rc;

	ret = load_topology(env, &e, &words, &t);
	if (ret) {
		free(words);
		return ret;
	}
	r.env = &e;
	ret = trace_prepare(&e, &f, &r);
	if (ret)
		goto cleanup;
	env_probes_opts(env, &opts);
	rc = collector__open(&t, &opts, &c, stderr) ?: collector__attach(c);
	ret = rc == -ENXIO ? EXIT_USAGE : EXIT_FAIL; /* ENXIO: a bad --if */
	if (rc)
		goto cleanup;
	r.tr = tracer_new(collector__probes(c), e.nfilter ? f : NULL, on_path,
			  r.pcap ? on_packet : NULL, &r);
	if (!r.tr) {
		fprintf(stderr, "nsviz trace: %s\n", strerror(ENOMEM));
		goto cleanup;
	}
	collector__set_tap(c, on_tap, &r);
	/* New points are traced as they attach, gone ones leave (the tracer follows the probes). */
	r.follow = (struct watch_follow){ .env = &e, .coll = c };
	r.src = watch_follow_source(&r.follow, &t, stderr);
	c = NULL; /* r.src's now, also on failure */
	if (!r.src)
		goto cleanup;
	/* Also with --json: the line says when tracing has begun (stderr is not the JSON stream). */
	fprintf(stderr, "nsviz trace: tracing %s%s%s%s (Ctrl-C to stop)\n", t.name,
			e.nfilter ? ", filter '" : "", e.nfilter ? filter_text(f) : "",
			e.nfilter ? "'" : "");
	ret = trace_loop(&r) ? EXIT_FAIL : EXIT_OK;
cleanup:
	if (r.src)
		r.src->ops->destroy(r.src);
	collector__destroy(c);
	tracer_free(r.tr);
	rc = out_pcapng_close(r.pcap);
	if (rc && ret == EXIT_OK) {
		fprintf(stderr, "nsviz trace: write %s: %s\n",
			text_escape(env->pcap, shown, sizeof(shown)), strerror(-rc));
		ret = EXIT_FAIL;
	}
	free(r.pcap_iface);
	free(r.pcap_name);
	filter_free(f);
	topo_free(&t);
	free(words);
	return ret;
}
