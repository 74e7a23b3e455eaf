// SPDX-License-Identifier: GPL-2.0
/* Placeholder until the UI lands. */
#include <errno.h>
#include "tui.h"

int tui_run(struct source *src, const struct env *env)
{
	(void)src;
	(void)env;
	return -ENOSYS;
}
