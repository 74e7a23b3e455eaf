#!/bin/bash
# nsviz trace on the seed topology: one ping red -> green is a request path with exactly the hops
# red:eth0-r tx → bridge1:veth-r rx → bridge1:veth-g tx → green:eth0-g rx, verdict forward, and
# a reply path in reverse; per-hop times never decrease; text output reads the same.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"

net_up seed || { done_testing; exit 1; }
ip netns exec red ping -c 1 -W 2 10.0.0.2 >/dev/null # ARP resolved: two ICMP paths below

trace_start --json --count 2 seed icmp
ok $? "trace attached"
ip netns exec red ping -c 1 -W 2 10.0.0.2 >/dev/null
ok $? "ping red -> green"
trace_wait
ok $? "trace ends after --count 2"

req=$(paths_matching 'echo request')
rep=$(paths_matching 'echo reply')
like "$req" '"summary":"10\.0\.0\.1 > 10\.0\.0\.2 ICMP echo request id [0-9]+ seq 1"' "request summary"
is "$(hops_of <<<"$req")" \
	"red:eth0-r tx → bridge1:veth-r rx → bridge1:veth-g tx → green:eth0-g rx" "request hops, exactly"
is "$(jq -r '"\(.verdict) \(.complete) \(.proto) \(.drop_reason)"' <<<"$req")" \
	"forward true icmp null" "request: forward, complete, no drop reason" || echo "# $req"
is "$(hops_of <<<"$rep")" \
	"green:eth0-g tx → bridge1:veth-g rx → bridge1:veth-r tx → red:eth0-r rx" "reply in reverse"
is "$(jq -r '.verdict' <<<"$rep")" forward "reply: forward" || echo "# $rep"
is "$(jq '[.hops[].t_us] | . == sort' <<<"$req")$(jq '[.hops[].t_us] | . == sort' <<<"$rep")" \
	truetrue "per-hop times never decrease"
is "$(jq '.hops[0].t_us == 0 and .latency_us >= .hops[-1].t_us' <<<"$req")" true \
	"times count from the first hop; latency covers them"
is "$(jq -r '[.hops[] | .netns] | map(. // "null") | join(",")' <<<"$req")" "red,null,null,green" \
	"bridge ports have netns null"
is "$(jq -r '[.hops[] | .bridge] | map(. // "null") | join(",")' <<<"$req")" \
	"null,bridge1,bridge1,null" "and their bridge"

trace_start --count 1 seed icmp
ip netns exec red ping -c 1 -W 2 10.0.0.2 >/dev/null
trace_wait
like "$(cat "$T_TMP/t.out")" "^10\.0\.0\.1 > 10\.0\.0\.2 ICMP echo request id [0-9]+ seq 1
  red:eth0-r tx → bridge1:veth-r rx → bridge1:veth-g tx → green:eth0-g rx  \[forward, [0-9]+ µs\]$" \
	"text: a summary line, then the hops and the verdict"
done_testing
