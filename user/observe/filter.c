// SPDX-License-Identifier: GPL-2.0
/* Classic BPF from libpcap's compiler, run by pcap_offline_filter: the same language and the
 * same semantics as tcpdump, with nothing loaded into the kernel. */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"

struct filter {
	struct bpf_program prog;
	char text[];
};

static char *join_words(char *const *words, int nwords)
{
	size_t len = 1;
	char *s;

	for (int i = 0; i < nwords; i++)
		len += strlen(words[i]) + 1;
	s = calloc(1, len);
	if (!s)
		return NULL;
	for (int i = 0; i < nwords; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, words[i]);
	}
	return s;
}

int filter_new(char *const *words, int nwords, int snaplen, struct filter **out, char *err,
	       size_t errlen)
{
	char *text = join_words(words, nwords);
	struct filter *f = NULL;
	pcap_t *dead = NULL;
	int ret = -ENOMEM;

	if (!text)
		goto cleanup;
	f = calloc(1, sizeof(*f) + strlen(text) + 1);
	dead = pcap_open_dead(DLT_EN10MB, snaplen);
	if (!f || !dead)
		goto cleanup;
	strcpy(f->text, text);
	if (pcap_compile(dead, &f->prog, text, 1, PCAP_NETMASK_UNKNOWN)) {
		snprintf(err, errlen, "%s", pcap_geterr(dead));
		ret = -EINVAL;
		goto cleanup;
	}
	*out = f;
	f = NULL;
	ret = 0;
cleanup:
	if (dead)
		pcap_close(dead);
	free(f);
	free(text);
	return ret;
}

bool filter_match(const struct filter *f, const void *data, uint32_t caplen, uint32_t wirelen)
{
	struct pcap_pkthdr h = { .caplen = caplen, .len = wirelen < caplen ? caplen : wirelen };

	return pcap_offline_filter(&f->prog, &h, data) != 0;
}

const char *filter_text(const struct filter *f)
{
	return f->text;
}

void filter_free(struct filter *f)
{
	if (!f)
		return;
	pcap_freecode(&f->prog);
	free(f);
}
