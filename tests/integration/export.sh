#!/usr/bin/env bash
# nsviz export on a LAN made with plain ip, during a ping the test sends: /metrics' interface
# counters equal the kernel's (stats64) exactly, drops equal the kernel's own count of datagrams
# to a closed port; a real Prometheus scrapes it (negotiating OpenMetrics) and its queried
# counters equal the kernel's; promtool lints the text format and parses the OpenMetrics one;
# a namespace made while exporting joins it, a deleted veth leaves it; SIGTERM ends it with status 0 and nothing attached.
# A pid namespace of its own: the live network it observes is the sandbox's, never another
# test's process-held namespaces.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"
. "$(dirname "$0")/export.bash"

for c in curl prometheus promtool; do
	command -v "$c" >/dev/null || skip_all "$c is not installed (scripts/install-deps.sh)"
done
export_lan || { echo "Bail out! the LAN could not be made"; exit 1; }
# One echo each way so that bridge1 has learned both MACs (whatever IPv6 sent before it was
# turned off, which is a race), before the counters are read.
ip netns exec na ping -c 1 -W 2 -q 10.0.0.2 >/dev/null
ok $? "ping -c 1 na -> nb before the measurement"
wait_quiet
ok $? "the LAN is quiet before the measurement"

k0=$(kstats)
export_start --interval 0.2 || { echo "Bail out! export did not start"; exit 1; }
links=$(link_ids "$XPID")
is "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$XURL")" \
	"200 text/plain; version=0.0.4; charset=utf-8" "the default 127.0.0.1:9477 serves the text format"

# The bridge learned both MACs before: forgotten now, they are learned again by the ping.
learned() { bridge -j fdb show br bridge1 | jq -r '.[] | select(.flags == [] and (.state // "") == "") | "\(.mac) \(.ifname)"'; }
macs=$(learned)
is "$(echo "$macs" | wc -l)" 2 "bridge1 learned the MACs of eth0-a and eth0-b"
echo "$macs" | while read -r mac dev; do bridge fdb del "$mac" dev "$dev" master; done
ip netns exec na ping -c 5 -i 0.2 -q 10.0.0.2 >/dev/null
ok $? "ping -c 5 na -> nb"
# Datagrams to a port nobody listens on: the kernel drops each (NO_SOCKET) and counts it.
nb_noports() { ip netns exec nb awk '/^Udp:/ { n++; if (n == 2) print $3 }' /proc/net/snmp; }
u0=$(nb_noports)
ip netns exec na bash -c 'for i in 1 2 3 4 5 6 7; do echo x >/dev/udp/10.0.0.2/9; done'
wait_until agrees "$k0" xstats
is "$AGREE_GOT" "$AGREE_WANT" "rx/tx packets and bytes of every interface equal the kernel's (stats64)"
is "$(metric 'nsviz_interface_class_packets_total{netns="na",ifname="eth0-a",direction="tx",class="icmp"}')" 5 \
	"na:eth0-a sent 5 ICMP packets"
drops_seen() { [ "$(metric 'nsviz_drops_total{netns="nb",ifname="eth0-b",reason="NO_SOCKET"}')" = "$1" ]; }
wait_until drops_seen "$(($(nb_noports) - u0))"
is "$(metric 'nsviz_drops_total{netns="nb",ifname="eth0-b",reason="NO_SOCKET"}')" "$(($(nb_noports) - u0))" \
	"NO_SOCKET drops on nb:eth0-b equal the kernel's Udp NoPorts"
is "$(($(nb_noports) - u0))" 7 "the kernel counted the 7 datagrams"
is "$(metric 'nsviz_fdb_events_total{bridge="bridge1",op="delete"}')" 2 \
	"an FDB delete event for each entry the test deleted"
is "$(metric 'nsviz_fdb_events_total{bridge="bridge1",op="learn"}')" "$(learned | wc -l)" \
	"FDB learn events equal the entries the bridge learned again"
forwarded=$(metric 'nsviz_path_latency_seconds_count{verdict="forward"}')
ok "$([ "${forwarded:-0}" -ge 10 ]; echo $?)" "at least 10 forwarded paths (5 requests, 5 replies): $forwarded"
is "$(metric 'nsviz_path_latency_seconds_bucket{verdict="forward",le="+Inf"}')" "$forwarded" \
	"the +Inf bucket holds every forwarded path"
is "$(metric 'nsviz_link_up{netns="",ifname="veth-a"}') $(metric 'nsviz_port_state{netns="",ifname="veth-a",bridge="bridge1",state="forwarding"}')" \
	"1 1" "veth-a is up and forwarding"
is "$(metric nsviz_lost_events_total)" 0 "no event lost"

curl -sf "$XURL" >"$T_TMP/text"
promtool check metrics <"$T_TMP/text" >"$T_TMP/lint" 2>&1
ok $? "promtool check metrics accepts the text format" || sed 's/^/# /' "$T_TMP/lint" >&2
is "$(cat "$T_TMP/lint")" "" "promtool's lint says nothing"
om='application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5'
curl -sf -H "Accept: $om" "$XURL" >"$T_TMP/om"
is "$(tail -1 "$T_TMP/om")" "# EOF" "OpenMetrics when asked: ends with # EOF"
# promtool's OpenMetrics parser (the one Prometheus uses) needs timestamps to build a block.
awk '/^#/ { print; next } { print $0, 1700000000 }' "$T_TMP/om" >"$T_TMP/om.ts"
promtool tsdb create-blocks-from openmetrics "$T_TMP/om.ts" "$T_TMP/blocks" >"$T_TMP/omcheck" 2>&1
ok $? "promtool parses the OpenMetrics output" || sed 's/^/# /' "$T_TMP/omcheck" >&2

# A real Prometheus scrapes it.
cat >"$T_TMP/prom.yml" <<YML
global: { scrape_interval: 1s, scrape_timeout: 1s }
scrape_configs:
  - job_name: nsviz
    static_configs: [ { targets: ['127.0.0.1:9477'] } ]
YML
prometheus --config.file="$T_TMP/prom.yml" --storage.tsdb.path="$T_TMP/tsdb" \
	--web.listen-address=127.0.0.1:9090 --log.level=warn >"$T_TMP/prom.log" 2>&1 &
ppid=$!
at_exit "kill $ppid; wait $ppid"
PROM=http://127.0.0.1:9090/api/v1
query() { curl -sf --data-urlencode "query=$1" "$PROM/query" | jq -r "$2"; }
# "ifname rxp rxb txp txb" per interface, from Prometheus (its answer written as samples).
pstats() {
	query '{__name__=~"nsviz_interface_(packets|bytes)_total"}' \
		'.data.result[] | "\(.metric.__name__){ifname=\"\(.metric.ifname)\",direction=\"\(.metric.direction)\"} \(.value[1])"' |
		mstats
}
# Two scrapes (1 s apart) after the kernel's counters were read.
AGREE_WAIT=2.5 wait_until agrees "$k0" pstats || sed 's/^/# /' "$T_TMP/prom.log" >&2
is "$AGREE_GOT" "$AGREE_WANT" "Prometheus' queried counters equal the kernel's"
is "$(query 'up{job="nsviz"}' '.data.result[0].value[1]')" 1 "the scrape is up"
meta=$(curl -sf "$PROM/metadata")
is "$(echo "$meta" | jq -r '.data.nsviz_interface_bytes[0] | .type + " " + .unit')" "counter bytes" \
	"Prometheus negotiated OpenMetrics: a counter family without _total, with its unit"
resets=0
for m in nsviz_interface_packets_total nsviz_interface_bytes_total nsviz_interface_class_packets_total \
	nsviz_drops_total nsviz_fdb_events_total nsviz_path_latency_seconds_count; do
	resets=$((resets + $(query "sum(resets($m[5m]))" '.data.result[0].value[1]')))
done
is "$resets" 0 "no counter went down between any two of Prometheus' scrapes"
like "$(query 'histogram_quantile(0.5, nsviz_path_latency_seconds_bucket{verdict="forward"})' '.data.result[0].value[1]')" \
	'^[0-9.e-]+$' "the latency histogram gives a median"

# A namespace made while exporting joins the output, its counters counting as the kernel's.
ns_on_bridge nc c 10.0.0.3
nc_rx() { metric 'nsviz_interface_packets_total{netns="nc",ifname="eth0-c",direction="rx"}'; }
joined() { [[ "$(nc_rx)" =~ ^[0-9]+$ ]] && attached; }
wait_until joined
ok $? "nc:eth0-c, made by ip while exporting, joins /metrics within a few seconds"
k_rx() { ip -n nc -s -j link show eth0-c | jq -r '.[0].stats64.rx.packets'; }
m0=$(nc_rx) kc0=$(k_rx)
ip netns exec na ping -c 4 -i 0.2 -q 10.0.0.3 >/dev/null
ok $? "ping -c 4 na -> nc"
caught_up() { [ $(($(nc_rx) - m0)) -eq $(($(k_rx) - kc0)) ]; }
wait_until caught_up
ok $? "nc:eth0-c's rx packets since then equal the kernel's ($(($(k_rx) - kc0)), at least the 4 echo requests)"
[ $(($(k_rx) - kc0)) -ge 4 ]
ok $? "the kernel counted the 4 echo requests at nc:eth0-c"

# A deleted veth leaves the output.
ip link del veth-b
gone() { ! curl -sf "$XURL" | grep -q 'ifname="\(veth-b\|eth0-b\)"'; }
wait_until gone
ok $? "veth-b and eth0-b leave /metrics once deleted"
like "$(metric 'nsviz_interface_packets_total{netns="na",ifname="eth0-a",direction="tx"}')" \
	'^[0-9]+$' "the others stay"

links="$links $(link_ids "$XPID")"
export_stop
is "$(links_left "$links")" 0 "no link of the exporter remains"
is "$(cat "$T_TMP/x.err")" "" "nothing on stderr"
done_testing
