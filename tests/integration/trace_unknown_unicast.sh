#!/bin/bash
# Unknown-unicast flooding is its own verdict. With learning off on veth-g, bridge1 never learns
# green's MAC, so it floods red's echo requests to green, to its one other port: `flood (unknown
# unicast)`, not `forward`; the replies, to red's learned MAC, are forwarded. After `bridge fdb
# flush` the first unicast frame to a MAC the bridge forgot is flooded too.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"

net_up seed || { done_testing; exit 1; }
mac_g=$(ip -n green -j link show eth0-g | jq -r '.[0].address')
mac_r=$(ip -n red -j link show eth0-r | jq -r '.[0].address')
bridge link set dev veth-g learning off
bridge fdb flush dev bridge1 dynamic
ip netns exec red ping -c 1 -W 1 10.0.0.2 >/dev/null
ok $? "red pings green (neighbours resolved)"
is "$(bridge -j fdb show br bridge1 | jq --arg m "$mac_g" '[.[] | select(.mac == $m)] | length')" 0 \
	"the kernel's FDB has no entry for green's MAC"
is "$(bridge -j fdb show br bridge1 | jq -r --arg m "$mac_r" '.[] | select(.mac == $m) | .ifname')" \
	veth-r "the kernel's FDB has red's MAC on veth-r"

trace_start --json --count 2 seed icmp
ok $? "trace attached"
ip netns exec red ping -c 1 -W 1 10.0.0.2 >/dev/null
ok $? "ping red -> green"
trace_wait
req=$(paths_matching 'echo request')
rep=$(paths_matching 'echo reply')
is "$(jq -r '"\(.verdict)|\(.bridges[0].verdict) \(.bridges[0].ports)"' <<<"$req")" \
	"flood (unknown unicast)|flood (unknown unicast) 1" "the request: flood (unknown unicast) to 1 port"
is "$(hops_of <<<"$req")" "red:eth0-r tx → bridge1:veth-r rx → bridge1:veth-g tx → green:eth0-g rx" \
	"it reached green"
is "$(jq -r '"\(.verdict) \(.bridges[0].ports)"' <<<"$rep")" "forward 1" "the reply: forward"

# Learning back on: the FDB learns green's MAC from the ping's reply; flushed, it forgets it.
bridge link set dev veth-g learning on
ip netns exec red ping -c 1 -W 1 10.0.0.2 >/dev/null
trace_start --json --count 4 seed icmp
ip netns exec red ping -c 1 -W 1 10.0.0.2 >/dev/null
ok $? "ping with green's MAC learned"
bridge fdb flush dev bridge1 dynamic
ip netns exec red ping -c 1 -W 1 10.0.0.2 >/dev/null
ok $? "ping after bridge fdb flush"
trace_wait
is "$(jq -r 'select(.type == "path" and (.summary | test("echo request"))) | .verdict' \
	"$T_TMP/t.out" | paste -sd,)" "forward,flood (unknown unicast)" \
	"requests: forward while learned, flood (unknown unicast) after the flush"
done_testing
