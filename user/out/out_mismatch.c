// SPDX-License-Identifier: GPL-2.0
/* A declared-vs-live difference written out: the fields of the event, or its sentence. */
#include <stdlib.h>

#include "out_json.h"
#include "out_mismatch.h"
#include "text.h"

void out_mismatch_json(FILE *f, double time, const struct live_mismatch *m)
{
	fprintf(f, "{\"type\":\"event\",\"time\":%.6f,\"kind\":\"mismatch\",\"object\":\"%s\","
		   "\"netns\":", time, m->object);
	out_json_str(f, m->netns, true);
	fputs(",\"ifname\":", f);
	out_json_str(f, m->ifname, true);
	fprintf(f, ",\"field\":\"%s\",\"declared\":", m->field);
	out_json_str(f, m->declared, false);
	fputs(",\"live\":", f);
	out_json_str(f, m->live, true);
	fputs(",\"text\":", f);
	out_json_str(f, m->text, false);
	fputs("}\n", f);
}

void out_mismatch_text(FILE *f, const char *prefix, const struct live_mismatch *m)
{
	/* Names may hold any byte: none may drive the terminal. */
	char *shown = text_escape_dup(m->text);

	if (shown)
		fprintf(f, "%s%s\n", prefix, shown);
	free(shown);
}
