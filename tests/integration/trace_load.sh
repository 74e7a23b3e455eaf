#!/bin/bash
# Under a flood (ping -f for 2 s) trace keeps up by sampling: it records at most its rate of new
# paths, reports how many it did not record (and any kernel records lost) in trace_stats, and the
# paths it prints are whole, not fragments.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"

net_up seed || { done_testing; exit 1; }
ip netns exec red ping -c 1 -W 2 10.0.0.2 >/dev/null
trace_start --json --duration 5 seed icmp
ok $? "trace attached"
sent=$(ip netns exec red ping -f -q -w 2 10.0.0.2 | awk '/transmitted/ {print $1}')
trace_wait
ok $? "trace ends after --duration with status 0"

stats=$(jq -c 'select(.type == "trace_stats" and .final)' "$T_TMP/t.out")
printed=$(jq -s '[.[] | select(.type == "path")] | length' "$T_TMP/t.out")
echo "# sent $sent echo requests; $printed paths printed; $stats"
like "$stats" '"paths":[0-9]+' "a final trace_stats object"
is "$(jq '.paths' <<<"$stats")" "$printed" "it counts the paths printed"
is "$(jq --argjson s "$sent" '.sampled_out + .lost_records > 0 and .paths < 2 * $s' <<<"$stats")" \
	true "fewer paths than packets; the rest reported as sampled out or lost records"
is "$(jq '.paths < 2000 * 5 + 2000' <<<"$stats")" true "at most the rate (2000 new paths/s)"
is "$(jq -s '[.[] | select(.type == "path" and .complete)] | length / (length + 0.001) > 0' \
	"$T_TMP/t.out")" true "complete paths among them"
is "$(jq -s '[.[] | select(.type == "path" and .complete and (.hops | length) != 4)] | length' \
	"$T_TMP/t.out")" 0 "every complete path has its 4 hops"
done_testing
