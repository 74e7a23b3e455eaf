#!/bin/bash
# A packet dropped before its MAC header exists keeps its identity: a ping from red to an address
# nobody answers waits for ARP and is freed as NEIGH_FAILED; the drop names its addresses and
# protocol, read from the network header, not "headers not readable": in trace's path and in
# watch's drop event.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"
. "$(dirname "$0")/watch.bash"

net_up seed || { done_testing; exit 1; }
ip -n red neigh flush all
watch_start seed
ok $? "watch attached"
trace_start --json --duration 6 seed
ok $? "trace attached"
ip netns exec red ping -c 1 -W 4 10.0.0.9 >/dev/null
is "$?" 1 "a ping to 10.0.0.9 (nobody) fails"
trace_wait
is "$(ip -n red -j neigh show 10.0.0.9 | jq -r '.[0].state[0]')" FAILED \
	"the kernel's neighbour entry for 10.0.0.9 is FAILED"
neigh=$(jq -c 'select(.type == "path" and .drop_reason == "NEIGH_FAILED")' "$T_TMP/t.out")
echo "# $neigh"
is "$(jq -r '"\(.summary)|\(.proto)|\(.drop_where)"' <<<"$neigh")" \
	"10.0.0.1 > 10.0.0.9 ICMP|icmp|red:eth0-r" "the drop names the packet: 10.0.0.1 > 10.0.0.9 ICMP"
watch_stop
is "$(watch_drops | jq -r 'select(.reason == "NEIGH_FAILED") | "\(.proto) \(.src) > \(.dst)|\(.text)"')" \
	"icmp 10.0.0.1 > 10.0.0.9|NEIGH_FAILED: icmp 10.0.0.1 > 10.0.0.9" "watch's drop event names it too"
done_testing
