// SPDX-License-Identifier: GPL-2.0
/* Placeholder: replaced by the issue that implements these commands. */
#include <stdio.h>
#include "commands.h"

int cmd_run(const struct env *env)
{
	(void)env;
	fprintf(stderr, "nsviz run: not implemented yet\n");
	return EXIT_FAIL;
}

int cmd_watch(const struct env *env)
{
	(void)env;
	fprintf(stderr, "nsviz watch: not implemented yet\n");
	return EXIT_FAIL;
}

int cmd_stats(const struct env *env)
{
	(void)env;
	fprintf(stderr, "nsviz stats: not implemented yet\n");
	return EXIT_FAIL;
}
