// SPDX-License-Identifier: GPL-2.0
/* Placeholder: replaced by the issue that implements these commands. */
#include <stdio.h>
#include "commands.h"

int cmd_up(const struct env *env)
{
	(void)env;
	fprintf(stderr, "nsviz up: not implemented yet\n");
	return EXIT_FAIL;
}

int cmd_down(const struct env *env)
{
	(void)env;
	fprintf(stderr, "nsviz down: not implemented yet\n");
	return EXIT_FAIL;
}
