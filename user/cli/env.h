/* SPDX-License-Identifier: GPL-2.0 */
/* The command line, parsed once into one struct. */
#ifndef NSVIZ_ENV_H
#define NSVIZ_ENV_H

#include <stdbool.h>

struct env {
	const char *cmd;       /* "up", "down", ...; "run" for the bare demo */
	const char *topology;  /* file path or built-in name; NULL = "seed" */
	bool json;
	bool xdp;
	bool fake;             /* UI on a synthetic data source, no root, no network */
	bool follow;           /* discover: then print each change until stopped */
	double interval;       /* seconds between snapshots */
	double duration;       /* seconds to run, 0 = until a signal */
	double refresh;        /* UI redraws per second */
	long count;            /* trace: paths to print, 0 = unlimited */
	const char *pcap;      /* trace: pcapng output file */
	int snaplen;           /* trace: bytes of each packet captured */
	char **filter;         /* trace: tcpdump filter words */
	int nfilter;
};

#endif
