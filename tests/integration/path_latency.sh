#!/usr/bin/env bash
# Path latency against ping's own clock: `ping -c 10` across a LAN made with plain ip, observed by
# `watch --json` (its path objects' latency_us) and `nsviz export` (nsviz_path_latency_seconds).
# Each echo's request path (eth0-a tx .. eth0-b rx) and reply path (eth0-b tx .. eth0-a rx) lie
# inside the round trip ping measured for that icmp_seq, so each latency, and their sum, is at
# most that RTT; the histogram holds the 20 paths, its sum at most the sum of the RTTs, every path
# in the buckets up to the largest RTT. With netem (`tc qdisc ... netem delay 20ms` on veth-b,
# the bridge port towards nb), every request path crosses the delay: at least 20 ms. Without
# netem in the kernel, that assertion is skipped, saying so.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"
. "$(dirname "$0")/export.bash"

COUNT=10
DELAY_MS=20
export_setup
# One echo before nsviz attaches, so that bridge1 has learned both MACs and forwards every echo
# measured (the neighbours are permanent: no ARP teaches it otherwise).
ip netns exec na ping -c 1 -W 2 -q 10.0.0.2 >/dev/null
ok $? "ping -c 1 na -> nb before the measurement"
wait_quiet
ok $? "the LAN is quiet before the measurement"
netem=0
tc qdisc add dev veth-b root netem delay "${DELAY_MS}ms" 2>"$T_TMP/netem" && netem=1
export_start --interval 0.2 || { echo "Bail out! export did not start"; exit 1; }
watch_start --interval 0.2 || { echo "Bail out! watch did not start"; exit 1; }

ip netns exec na ping -c "$COUNT" -i 0.2 10.0.0.2 >"$T_TMP/ping"
ok $? "ping -c $COUNT na -> nb"
# "seq rtt_us" per echo, from ping's own report.
sed -n 's/.*icmp_seq=\([0-9]*\) .*time=\([0-9.]*\) ms.*/\1 \2/p' "$T_TMP/ping" |
	awk '{ printf "%d %d\n", $1, $2 * 1000 }' >"$T_TMP/rtt"
is "$(wc -l <"$T_TMP/rtt")" "$COUNT" "ping reported $COUNT round trips"

counted() { [ "$(metric 'nsviz_path_latency_seconds_count{verdict="forward"}')" = $((2 * COUNT)) ]; }
wait_until counted
is "$(metric 'nsviz_path_latency_seconds_count{verdict="forward"}')" $((2 * COUNT)) \
	"the histogram holds the $((2 * COUNT)) forwarded echo paths"
# Paths are printed as they complete (100 ms after their last hop): one snapshot more.
sleep 0.5
watch_stop
# "seq request_us reply_us" per echo, from the complete forwarded paths of watch --json.
jq -r 'select(.type == "path" and .proto == "icmp" and .complete and .verdict == "forward")
	| (.summary | capture("echo (?<k>request|reply) id [0-9]+ seq (?<s>[0-9]+)")) as $m
	| "\($m.s) \($m.k) \(.latency_us)"' "$T_TMP/w.json" |
	awk '{ l[$1, $2] = $3; s[$1] = 1 } END { for (q in s) print q, l[q, "request"], l[q, "reply"] }' |
	sort -n >"$T_TMP/paths"
is "$(awk 'NF == 3 && $2 > 0 && $3 > 0' "$T_TMP/paths" | wc -l)" "$COUNT" \
	"watch --json: a complete request and reply path, each of some µs, for each of the $COUNT echoes"
over=$(join "$T_TMP/paths" "$T_TMP/rtt" | awk '$2 + $3 > $4 { printf "seq %d: %d + %d > %d µs; ", $1, $2, $3, $4 }')
is "$over" "" "each echo's request + reply path latency is at most the RTT ping measured for it"

rtt_sum=$(awk '{ s += $2 } END { print s / 1e6 }' "$T_TMP/rtt")
rtt_max=$(awk '$2 > m { m = $2 } END { print m / 1e6 }' "$T_TMP/rtt")
sum=$(metric 'nsviz_path_latency_seconds_sum{verdict="forward"}')
ok "$(awk -v s="${sum:-x}" -v r="$rtt_sum" 'BEGIN { exit !(s == s + 0 && s > 0 && s <= r) }'; echo $?)" \
	"nsviz_path_latency_seconds_sum $sum s is at most the sum of ping's RTTs ($rtt_sum s)"
# The smallest bucket bound at or above the largest RTT.
le=$(curl -sf "$XURL" | sed -n 's/^nsviz_path_latency_seconds_bucket{verdict="forward",le="\([0-9.e-]*\)"}.*/\1/p' |
	awk -v m="$rtt_max" '$1 >= m { print; exit }')
is "$(metric "nsviz_path_latency_seconds_bucket{verdict=\"forward\",le=\"$le\"}")" $((2 * COUNT)) \
	"every path is in the buckets up to le=$le, the first bound above ping's largest RTT ($rtt_max s)"

if [ "$netem" = 1 ]; then
	slow=$(awk -v d=$((DELAY_MS * 1000)) '$2 >= d' "$T_TMP/paths" | wc -l)
	is "$slow" "$COUNT" "each request path across the ${DELAY_MS} ms netem delay took at least ${DELAY_MS} ms"
	fast=$(metric 'nsviz_path_latency_seconds_bucket{verdict="forward",le="0.01"}')
	ok "$([ "${fast:-99}" -le "$COUNT" ]; echo $?)" "at most the $COUNT replies under 10 ms in the histogram: $fast"
else
	echo "ok $((T_N += 1)) # SKIP the ${DELAY_MS} ms lower bound: netem is not in this kernel ($(head -1 "$T_TMP/netem"))"
fi

export_stop
done_testing
