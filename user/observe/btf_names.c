// SPDX-License-Identifier: GPL-2.0
/* See btf_names.h. The layout is the kernel's struct btf_header (include/uapi/linux/btf.h). */
#include <errno.h>
#include <linux/btf.h>
#include <stdlib.h>
#include <string.h>

#include "btf_names.h"
#include "slurp.h"

/* NAME as a whole string of the section S (LEN bytes), not the tail of a longer one. */
static bool has_string(const char *s, size_t len, const char *name)
{
	size_t n = strlen(name) + 1; /* with its NUL: not a prefix of a longer one either */
	const char *end = s + len;

	for (const char *p = s; p < end && (p = memmem(p, end - p, name, n)); p++)
		if (p == s || p[-1] == '\0')
			return true;
	return false;
}

int btf_names_have(const char *path, const char *const *names, int n, bool *has)
{
	const struct btf_header *h;
	size_t len = 0;
	char *buf = slurp(path, &len);
	int rc = buf ? 0 : -errno;

	memset(has, 0, n * sizeof(*has));
	h = (const struct btf_header *)buf;
	if (!rc && (len < sizeof(*h) || h->magic != BTF_MAGIC || h->hdr_len > len ||
		    (size_t)h->hdr_len + h->str_off + h->str_len > len))
		rc = -EINVAL;
	for (int i = 0; !rc && i < n; i++)
		has[i] = has_string(buf + h->hdr_len + h->str_off, h->str_len, names[i]);
	free(buf);
	return rc;
}
