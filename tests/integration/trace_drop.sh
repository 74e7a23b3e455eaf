#!/bin/bash
# Paths that end in a drop carry the kernel's reason and place: a UDP datagram to a closed port
# (NO_SOCKET in green after 4 hops), a ping while green's interface is down (the bridge has no
# port to send it to), and one whose ARP is never answered (dropped in red before any hop).
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"

net_up seed || { done_testing; exit 1; }
trace_start --json --count 2 seed udp or icmp[icmptype] = icmp-echo
ok $? "trace attached"
ip netns exec red bash -c 'echo hello > /dev/udp/10.0.0.2/9'
ok $? "a UDP datagram red -> green:9 (closed)"
# Its path is complete (dropped in green) before green's interface goes down.
wait_for_line "$TPID" "$T_TMP/t.out" 'UDP [0-9]* > 9,' "$T_TMP/t.err"
ip -n green link set eth0-g down
# The bridge stops sending to veth-g once it has seen its carrier go (linkwatch: up to 1 s).
wait_until port_disabled veth-g
ip netns exec red ping -c 1 -W 1 10.0.0.2 >/dev/null
is "$?" 1 "a ping fails while green's interface is down"
trace_wait

udp=$(paths_matching 'UDP [0-9]+ > 9,')
is "$(hops_of <<<"$udp")" \
	"red:eth0-r tx → bridge1:veth-r rx → bridge1:veth-g tx → green:eth0-g rx" "UDP: the 4 hops"
is "$(jq -r '"\(.verdict) \(.drop_reason) \(.drop_where) \(.complete)"' <<<"$udp")" \
	"drop NO_SOCKET green:eth0-g true" "UDP: drop, NO_SOCKET, in green at eth0-g"
ping=$(paths_matching 'echo request')
is "$(hops_of <<<"$ping")" "red:eth0-r tx → bridge1:veth-r rx" "ping: it gets into the bridge"
is "$(jq -r '"\(.verdict) \(.drop_reason) \(.drop_where)"' <<<"$ping")" \
	"drop NO_TX_TARGET bridge1:veth-r" "ping: dropped by the bridge, NO_TX_TARGET, at veth-r"
is "$(jq -r '.bridges[0] | "\(.bridge) \(.verdict) \(.ports)"' <<<"$ping")" "bridge1 drop 0" \
	"bridge1's verdict: drop, no port"

ip -n red neigh flush all
trace_start --json --duration 6 seed
ip netns exec red ping -c 1 -W 4 10.0.0.2 >/dev/null
trace_wait
neigh=$(jq -c 'select(.type == "path" and .drop_reason == "NEIGH_FAILED")' "$T_TMP/t.out")
is "$(jq -r '"\(.verdict) \(.drop_where) \(.hops | length)"' <<<"$neigh")" "drop red:eth0-r 0" \
	"ARP unanswered: a path with no hop, dropped in red at eth0-r, NEIGH_FAILED"
like "$(jq -r .cause <<<"$neigh")" '^ARP for 10\.0\.0\.2 was sent [1-9] times? and reached no namespace$' \
	"its cause: the requests reached no namespace (green's interface is down)"
is "$(jq -r 'select(.type == "path" and (.summary | test("^ARP who-has 10.0.0.2"))) | .verdict' \
	"$T_TMP/t.out" | sort -u)" local "the ARP requests only reach the bridge itself: local"
done_testing
