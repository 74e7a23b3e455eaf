#!/bin/bash
# Unanswered ARP for a gateway: on router.topo, with the router ignoring ARP on eth1
# (arp_ignore=8), h1's ping to h2 (10.0.2.2, behind 10.0.1.1) is dropped in h1 as NEIGH_FAILED;
# the drop names the gateway's silence, "ARP for 10.0.1.1 reached router:eth1 N times and was never
# answered", N being what the router's kernel received (an nft counter).
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"

net_up router || { done_testing; exit 1; }
arp_counter router
ok $? "an nft counter of the ARP requests the router receives"
ip netns exec router sysctl -qw net.ipv4.conf.all.arp_ignore=8 net.ipv4.conf.eth1.arp_ignore=8
ip -n h1 neigh flush all
trace_start --json --duration 6 router
ok $? "trace attached"
ip netns exec h1 ping -c 1 -W 4 10.0.2.2 >/dev/null
is "$?" 1 "h1's ping to h2 fails"
trace_wait
got=$(arp_requests router)
neigh=$(jq -c 'select(.type == "path" and .drop_reason == "NEIGH_FAILED")' "$T_TMP/t.out")
echo "# $neigh"
is "$(jq -r '"\(.summary)|\(.drop_where)|\(.cause_where)"' <<<"$neigh")" \
	"10.0.1.2 > 10.0.2.2 ICMP|h1:eth0|router:eth1" "the drop: h1's packet to h2, in h1, blaming router:eth1"
is "$(jq -r .cause <<<"$neigh")" \
	"ARP for 10.0.1.1 reached router:eth1 $got times and was never answered" \
	"the gateway's silence, as often as the router's kernel counted"
done_testing
