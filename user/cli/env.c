// SPDX-License-Identifier: GPL-2.0
/* The environment, read once: NSVIZ_* variables and NO_COLOR into struct env, then handed to the
 * parts that use them. No other file calls getenv(). */
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "env.h"
#include "probes.h"
#include "state.h"
#include "tui.h"

static const char *env_str(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

static struct env_num env_num(const char *name)
{
	const char *v = env_str(name);

	return (struct env_num){ v != NULL, v ? (uint32_t)strtoul(v, NULL, 0) : 0 };
}

void env_read(struct env *env)
{
	const char *hook = env_str("NSVIZ_HOOK"), *debug = getenv("NSVIZ_DEBUG"); /* even empty */
	const char *fail_at = env_str("NSVIZ_FAIL_AT");
	struct env_num expedite;

	env->rundir = env_str("NSVIZ_RUNDIR");
	env->fail_at = fail_at ? atoi(fail_at) : 0;
	env->force_clsact = hook && !strcmp(hook, "clsact");
	env->empty_hooks = hook && !strcmp(hook, "empty");
	env->debug = !debug ? 0 : !strcmp(debug, "2") ? 2 : 1;
	env->no_color = env_str("NO_COLOR") != NULL;
	env->ringbuf_size = env_num("NSVIZ_RINGBUF_SIZE");
	env->attach_step = env_num("NSVIZ_ATTACH_STEP");
	env->attach_threads = env_num("NSVIZ_ATTACH_THREADS");
	env->event_rate = env_num("NSVIZ_EVENT_RATE");
	expedite = env_num("NSVIZ_EXPEDITE");
	env->no_expedite = expedite.set && !expedite.v;
	state_set_dir(env->rundir);
	build_fail_at(env->fail_at);
}

void env_probes_opts(const struct env *env, struct probes_opts *o)
{
	if (env->ringbuf_size.set)
		o->ringbuf_size = env->ringbuf_size.v;
	if (env->attach_step.set)
		o->attach_step = env->attach_step.v;
	if (env->attach_threads.set)
		o->attach_threads = env->attach_threads.v;
	o->event_rate = env->event_rate.set ? env->event_rate.v :
			o->event_rate ? o->event_rate : PROBES_EVENT_RATE;
	o->force_clsact = env->force_clsact;
	o->no_expedite = env->no_expedite;
	if (env->empty_hooks)
		o->work = NSVIZ_WORK_NONE;
	o->debug = env->debug;
	o->ifs = env->ifs;
	o->nifs = env->nifs;
}

void env_tui_opts(const struct env *env, struct tui_opts *o)
{
	*o = (struct tui_opts){ .interval = env->interval, .refresh = env->refresh,
				.duration = env->duration, .no_color = env->no_color };
}
