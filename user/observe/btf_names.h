/* SPDX-License-Identifier: GPL-2.0 */
/* Whether a BTF file (/sys/kernel/btf/vmlinux, a module's) names something, without parsing its
 * types: a look into its string section, a few milliseconds where btf__load_vmlinux_btf() takes
 * a fifth of a second that nsviz would pay again when libbpf loads the programs. */
#ifndef NSVIZ_BTF_NAMES_H
#define NSVIZ_BTF_NAMES_H

#include <stdbool.h>

/* HAS[i]: the string section of the BTF at PATH holds NAMES[i] (N names). A name is there only if
 * a type or member has it (pahole keeps no other string). 0, or -errno with every HAS[i] false
 * (-EINVAL: not a BTF file). */
int btf_names_have(const char *path, const char *const *names, int n, bool *has);

#endif
