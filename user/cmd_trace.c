// SPDX-License-Identifier: GPL-2.0
/* Placeholder: replaced by the issue that implements these commands. */
#include <stdio.h>
#include "commands.h"

int cmd_trace(const struct env *env)
{
	(void)env;
	fprintf(stderr, "nsviz trace: not implemented yet\n");
	return EXIT_FAIL;
}

int cmd_fdb(const struct env *env)
{
	(void)env;
	fprintf(stderr, "nsviz fdb: not implemented yet\n");
	return EXIT_FAIL;
}
