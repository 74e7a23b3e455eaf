// SPDX-License-Identifier: GPL-2.0
/* The exporter's pure parts: the two formats of the metrics (names, escapes, which interfaces
 * are written, histogram buckets), the tallies behind them, Accept negotiation and --listen
 * parsing. The numbers themselves are checked against the kernel by
 * tests/integration/export.sh. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "http_accept.h"
#include "httpd.h"
#include "out_metrics.h"
#include "tally.h"
#include "tap.h"

static struct snap_iface ifaces[4];
static struct snapshot snap = { .ifaces = ifaces, .nifaces = 4, .lost_events = 3 };

static void iface(int i, const char *ns, const char *name, bool pending, bool gone)
{
	struct snap_iface *it = &ifaces[i];

	snprintf(it->netns, sizeof(it->netns), "%s", ns);
	snprintf(it->ifname, sizeof(it->ifname), "%s", name);
	it->pending = pending;
	it->link.known = true;
	it->link.present = !gone;
	snprintf(it->link.oper, sizeof(it->link.oper), "up");
	it->rx.packets = 7 + i;
	it->tx.bytes = 1000 + i;
}

static char *render(enum metrics_format f, const struct tally *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	out_metrics(out, f, &snap, t, NULL);
	fclose(out);
	return buf;
}

static bool has_line(const char *text, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = text; (p = strstr(p, line)); p++)
		if ((p == text || p[-1] == '\n') && p[n] == '\n')
			return true;
	return false;
}

static void line_is(const char *text, const char *line, bool want, const char *name)
{
	tap_ok(has_line(text, line) == want, "%s: %s%s", name, want ? "" : "no ", line);
}

static void test_formats(const struct tally *t)
{
	char *txt = render(METRICS_TEXT, t), *om = render(METRICS_OPENMETRICS, t);

	line_is(txt, "# TYPE nsviz_interface_packets_total counter", true, "text");
	line_is(om, "# TYPE nsviz_interface_packets counter", true, "OpenMetrics");
	line_is(om, "# UNIT nsviz_interface_bytes bytes", true, "OpenMetrics");
	line_is(txt, "# UNIT nsviz_interface_bytes bytes", false, "text");
	line_is(txt, "# TYPE nsviz_build_info gauge", true, "text");
	line_is(om, "# TYPE nsviz_build info", true, "OpenMetrics");
	line_is(om, "nsviz_interface_packets_total{netns=\"red\",ifname=\"eth0-r\",direction=\"rx\"} 7",
		true, "OpenMetrics samples keep _total");
	line_is(txt, "nsviz_interface_bytes_total{netns=\"\",ifname=\"veth-r\",direction=\"tx\"} 1001",
		true, "the host namespace");
	tap_ok(!strcmp(om + strlen(om) - 6, "# EOF\n"), "OpenMetrics ends with # EOF");
	tap_ok(!strstr(txt, "# EOF"), "the text format has no # EOF");
	line_is(txt, "nsviz_lost_events_total 3", true, "text");
	free(txt);
	free(om);
}

static void test_shown(const struct tally *t)
{
	char *txt = render(METRICS_TEXT, t);

	tap_ok(!strstr(txt, "ifname=\"pend\""), "a pending interface has no series yet");
	tap_ok(!strstr(txt, "ifname=\"gone\""), "a removed interface has none, drops included");
	line_is(txt, "nsviz_points_pending 1", true, "pending");
	free(txt);
}

static void test_escapes(const struct tally *t)
{
	char *txt;

	snprintf(ifaces[0].netns, sizeof(ifaces[0].netns), "r\"e\\d\n\xe9");
	txt = render(METRICS_TEXT, t);
	line_is(txt, "nsviz_interface_packets_total{netns=\"r\\\"e\\\\d\\n\xef\xbf\xbd\",ifname=\"eth0-r\",direction=\"rx\"} 7",
		true, "quote, backslash, newline escaped, a byte that is not UTF-8 as U+FFFD");
	snprintf(ifaces[0].netns, sizeof(ifaces[0].netns), "red");
	free(txt);
}

static struct snap_path path(const char *verdict, uint32_t us, bool complete)
{
	struct snap_path p = { .latency_us = us, .complete = complete };

	snprintf(p.verdict, sizeof(p.verdict), "%s", verdict);
	return p;
}

static void test_histogram(struct tally *t)
{
	struct snap_path p[] = { path("forward", 10, true), path("forward", 11, true),
				 path("forward", 3000000, true), path("flood", 40, true),
				 path("forward", 5, false) };
	char *txt;

	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++)
		tap_require(!tally_path(t, &p[i]), "tally a path");
	txt = render(METRICS_TEXT, t);
	line_is(txt, "nsviz_path_latency_seconds_bucket{verdict=\"forward\",le=\"1e-05\"} 1", true,
		"10 us is in the 10 us bucket");
	line_is(txt, "nsviz_path_latency_seconds_bucket{verdict=\"forward\",le=\"2.5e-05\"} 2", true,
		"buckets are cumulative");
	line_is(txt, "nsviz_path_latency_seconds_bucket{verdict=\"forward\",le=\"1\"} 2", true,
		"3 s is past the last bound");
	line_is(txt, "nsviz_path_latency_seconds_bucket{verdict=\"forward\",le=\"+Inf\"} 3", true,
		"+Inf has every complete path");
	line_is(txt, "nsviz_path_latency_seconds_count{verdict=\"forward\"} 3", true, "count");
	line_is(txt, "nsviz_path_latency_seconds_sum{verdict=\"forward\"} 3.000021", true, "sum");
	line_is(txt, "nsviz_path_latency_seconds_count{verdict=\"flood\"} 1", true, "a verdict each");
	line_is(txt, "nsviz_paths_incomplete_total 1", true, "the incomplete path apart");
	free(txt);
}

static struct snap_event event(const char *kind, const char *ns, const char *ifname,
			       const char *what)
{
	struct snap_event e = { 0 };

	snprintf(e.kind, sizeof(e.kind), "%s", kind);
	snprintf(e.netns, sizeof(e.netns), "%s", ns);
	snprintf(e.ifname, sizeof(e.ifname), "%s", ifname);
	snprintf(e.drop.reason, sizeof(e.drop.reason), "%s", what);
	snprintf(e.fdb.op, sizeof(e.fdb.op), "%s", what);
	return e;
}

static void tally_events(struct tally *t)
{
	struct snap_event e[] = { event("drop", "red", "eth0-r", "NO_SOCKET"),
				  event("drop", "red", "eth0-r", "NO_SOCKET"),
				  event("drop", "red", "eth0-r", "NEIGH_FAILED"),
				  event("drop", "", "gone", "NO_SOCKET"),
				  event("fdb", "", "veth-r", "learn"), event("icmp", "red", "eth0-r", "") };

	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++)
		tap_require(!tally_event(t, &e[i]), "tally an event");
}

static void test_tally(struct tally *t)
{
	char *txt = render(METRICS_TEXT, t);
	struct tally copy;

	line_is(txt, "nsviz_drops_total{netns=\"red\",ifname=\"eth0-r\",reason=\"NO_SOCKET\"} 2", true,
		"drops by place and reason");
	line_is(txt, "nsviz_drops_total{netns=\"red\",ifname=\"eth0-r\",reason=\"NEIGH_FAILED\"} 1",
		true, "another reason apart");
	line_is(txt, "nsviz_fdb_events_total{bridge=\"veth-r\",op=\"learn\"} 1", true, "FDB changes");
	tap_ok(t->ndrops == 3 && t->nfdb == 1, "other kinds are not tallied");
	tap_require(!tally_copy(t, &copy), "copy");
	tap_ok(copy.drops != t->drops && copy.drops[0].count == 2 && copy.incomplete == 1,
	       "a copy is deep");
	tally_free(&copy);
	free(txt);
}

static void test_accept(void)
{
	const char *om = "application/openmetrics-text", *text = "text/plain";
	const char *prom = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
			   "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

	tap_ok(http_accept_q(prom, om, "1.0.0") == 1 && http_accept_q(prom, text, "0.0.4") == 0.5,
	       "Prometheus' Accept: OpenMetrics 1, text 0.5");
	tap_ok(http_accept_q(NULL, om, "1.0.0") == 1 && http_accept_q("  ", text, "0.0.4") == 1,
	       "no Accept: anything");
	tap_ok(http_accept_q("*/*", om, "1.0.0") == 1, "*/* matches");
	tap_ok(http_accept_q("text/*;q=0.3, */*;q=0.9", text, "0.0.4") == 0.3,
	       "the most specific range counts, not the highest q");
	tap_ok(http_accept_q("application/openmetrics-text; version=0.0.1", om, "1.0.0") == 0,
	       "another version does not match");
	tap_ok(http_accept_q("TEXT/Plain ; q=0.2", text, "0.0.4") == 0.2,
	       "types are case-insensitive, blanks around parameters are fine");
	tap_ok(http_accept_q("image/png", text, "0.0.4") == 0, "an unrelated type: 0");
}

static void parses(const char *s, int family, const char *addr, int port)
{
	struct sockaddr_storage ss;
	char got[INET6_ADDRSTRLEN] = "";
	socklen_t len;
	int rc = httpd_parse(s, &ss, &len), p = 0;

	if (!rc && ss.ss_family == AF_INET) {
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, got, sizeof(got));
		p = ntohs(((struct sockaddr_in *)&ss)->sin_port);
	} else if (!rc) {
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, got, sizeof(got));
		p = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	}
	tap_ok(!rc && ss.ss_family == family && !strcmp(got, addr) && p == port,
	       "--listen %s: %s port %d", s, got, p);
}

static void test_listen(void)
{
	const char *bad[] = { "", "9477", "127.0.0.1", "127.0.0.1:", "localhost:9477", ":0",
			      ":65536", "::1:9477", "[::1]", "[::1:9477", "1.2.3:9477", ":+80",
			      "[10.0.0.1]:80" };
	struct sockaddr_storage ss;
	socklen_t len;

	parses("127.0.0.1:9477", AF_INET, "127.0.0.1", 9477);
	parses("0.0.0.0:1", AF_INET, "0.0.0.0", 1);
	parses("[::1]:9477", AF_INET6, "::1", 9477);
	parses(":65535", AF_INET6, "::", 65535);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		tap_ok(httpd_parse(bad[i], &ss, &len) == -EINVAL, "--listen '%s' is refused", bad[i]);
}

int main(void)
{
	struct tally t = { 0 };

	iface(0, "red", "eth0-r", false, false);
	iface(1, "", "veth-r", false, false);
	iface(2, "", "pend", true, false);
	iface(3, "", "gone", false, true);
	tally_events(&t);
	test_formats(&t);
	test_shown(&t);
	test_escapes(&t);
	test_histogram(&t);
	test_tally(&t);
	tally_free(&t);
	test_accept();
	test_listen();
	return tap_done();
}
