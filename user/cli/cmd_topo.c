// SPDX-License-Identifier: GPL-2.0
/* `nsviz up` and `nsviz down`: load the topology, then build or remove it (user/net/build.c says how;
 * it reports kernel errors itself, with the step that failed). A closed stdout (`nsviz up | head`)
 * must not kill them halfway: SIGPIPE is ignored and the lines are lost instead. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "build.h"
#include "commands.h"
#include "state.h"
#include "topo.h"

/* A record nsviz refuses to read is bad input, like a bad topology file. */
static int exit_status(int err)
{
	return err == -EBADMSG ? EXIT_USAGE : err ? EXIT_FAIL : EXIT_OK;
}

int cmd_up(const struct env *env)
{
	bool already = false;
	struct topo t;
	int err;

	if (topo_load(env->topology, &t, stderr))
		return EXIT_USAGE;
	signal(SIGPIPE, SIG_IGN);
	err = build_up(&t, env->cmd, &already, stdout, stderr);
	if (!err)
		printf(already ? "nsviz up: %s is already up\n" : "nsviz up: %s is up\n", t.name);
	topo_free(&t);
	return exit_status(err);
}

/* The record's name as topo_load() would name the topology, without reading the file: it may be
 * gone, or broken. */
static void record_name(const char *arg, char *name, size_t len)
{
	const char *base = arg ? strrchr(arg, '/') : NULL;
	size_t n;

	base = base ? base + 1 : arg ? arg : "seed";
	n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".topo"))
		n -= 5;
	snprintf(name, len, "%.*s", (int)n, base);
}

/* The way out of a record nsviz refuses: show it, remove it, touch nothing it lists. */
static int forget(const struct env *env)
{
	char name[TOPO_NAME_MAX + 1];
	int err, lock;

	record_name(env->topology, name, sizeof(name));
	lock = state_lock(name, "down", stderr);
	if (lock < 0) {
		fprintf(stderr, "nsviz down: lock the record of %s: %s\n", name, strerror(-lock));
		return lock == -EINVAL ? EXIT_USAGE : EXIT_FAIL;
	}
	err = state_forget(name, "down", stdout, stderr);
	state_unlock(name, lock);
	if (err == -ENOENT)
		printf("nsviz down: %s has no record; nothing to forget\n", name);
	else if (!err)
		printf("nsviz down: forgot the record of %s; nothing it lists was removed\n", name);
	return err && err != -ENOENT ? EXIT_FAIL : EXIT_OK;
}

int cmd_down(const struct env *env)
{
	bool was_up = false;
	struct topo t;
	int err;

	if (env->forget)
		return forget(env);
	if (topo_load(env->topology, &t, stderr))
		return EXIT_USAGE;
	signal(SIGPIPE, SIG_IGN);
	err = build_down(&t, env->cmd, &was_up, stdout, stderr);
	if (!err)
		printf(was_up ? "nsviz down: %s is down\n" : "nsviz down: %s is not up\n", t.name);
	topo_free(&t);
	return exit_status(err);
}
