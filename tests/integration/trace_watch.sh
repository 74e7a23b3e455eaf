#!/bin/bash
# `watch --json` carries the same path objects as `trace --json`, as the paths complete, and every
# snapshot carries the bridges' FDB.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"
. "$(dirname "$0")/watch.bash"

net_up seed || { done_testing; exit 1; }
bridge fdb flush dev bridge1 dynamic # the entries below come from FDB events, not the first read
watch_start --interval 0.5 seed
ok $? "watch attached"
ip netns exec red ping -c 2 -i 0.3 -W 2 10.0.0.2 >/dev/null
ok $? "ping red -> green"
mac_r=$(ip -n red -j link show eth0-r | jq -r '.[0].address')
# The second request's path is out once its hops go quiet, the FDB with the next snapshot. (The
# pattern names the path line: the ICMP event's text, out earlier, says "echo request ... seq 2" too.)
wait_for_line "$WPID" "$T_TMP/w.json" '"type":"path".*echo request id [0-9]* seq 2"' "$T_TMP/w.err"
wait_until snapshot_has ".fdb[] | select(.mac == \"$mac_r\") | .port == \"veth-r\""
watch_stop

req=$(jq -c 'select(.type == "path" and (.summary | test("echo request id [0-9]+ seq 2$")))' \
	"$T_TMP/w.json")
is "$(hops_of <<<"$req")" \
	"red:eth0-r tx → bridge1:veth-r rx → bridge1:veth-g tx → green:eth0-g rx" \
	"a path object for the second echo request, with its hops"
is "$(jq -r '"\(.verdict) \(.complete)"' <<<"$req")" "forward true" "forward, complete"
arp=$(jq -c 'select(.type == "path" and (.summary | test("^ARP who-has 10.0.0.2")))' "$T_TMP/w.json" |
	head -1)
is "$(jq -r .verdict <<<"$arp")" flood "the first ARP request: flood"
is "$(last_snapshot | jq -r --arg m "$mac_r" '.fdb[] | select(.mac == $m) | "\(.bridge) \(.port) \(.type)"')" \
	"bridge1 veth-r learned" "the snapshot's fdb: red's MAC learned on veth-r (from the datapath's FDB events)"
done_testing
