#!/bin/bash
# Three namespaces on one bridge with the FDB flushed: the first ARP request is flooded to both
# other ports (verdict flood), the reply is forwarded, and the FDB then holds both MACs, learned,
# on the right ports.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"

TRI="$(dirname "$0")/fixtures/tri.topo"
net_up "$TRI" || { done_testing; exit 1; }
bridge fdb flush dev nzbr0 dynamic
is "$(bridge fdb show br nzbr0 | grep -vc permanent)" 0 "FDB flushed: no learned entry"
mac_r=$(ip -n nzr -j link show eth0 | jq -r '.[0].address')
mac_g=$(ip -n nzg -j link show eth0 | jq -r '.[0].address')

trace_start --json --count 2 "$TRI" arp
ok $? "trace attached"
ip netns exec nzr ping -c 1 -W 2 10.77.0.2 >/dev/null
ok $? "ping nzr -> nzg"
trace_wait

req=$(paths_matching '^ARP who-has 10\.77\.0\.2 tell 10\.77\.0\.1$' | head -1)
rep=$(paths_matching '^ARP 10\.77\.0\.2 is-at' | head -1)
is "$(jq -r '"\(.verdict) \(.complete)"' <<<"$req")" "flood true" "the first ARP request: flood"
is "$(jq -r '.bridges[0] | "\(.bridge) \(.verdict) \(.ports)"' <<<"$req")" "nzbr0 flood 2" \
	"nzbr0 sent it out of 2 ports"
hops=$(hops_of <<<"$req")
like "$hops" "^nzr:eth0 tx → nzbr0:nzp-r rx → " "it starts at nzr and enters nzbr0 on nzp-r"
for want in "nzbr0:nzp-g tx" "nzg:eth0 rx" "nzbr0:nzp-b tx" "nzb:eth0 rx"; do
	like "$hops" "$want" "it reaches $want"
done
is "$(jq -r '.hops as $h | [.hops[] | select(.ifname == "eth0" and .dir == "rx") |
	"\(.netns)<-\($h[.from].ifname)"] | sort | join(",")' <<<"$req")" "nzb<-nzp-b,nzg<-nzp-g" \
	"each branch follows its own port"
is "$(jq -r '"\(.verdict) \(.bridges[0].ports)"' <<<"$rep")" "forward 1" "the reply: forward, 1 port"

t_run "nsviz fdb --json" "$NSVIZ" fdb --json "$TRI"
fdb=$(cat "$T_TMP/out")
is "$(jq -r --arg m "$mac_r" '.fdb[] | select(.mac == $m) | "\(.port) \(.type)"' <<<"$fdb")" \
	"nzp-r learned" "nzr's MAC learned on nzp-r"
is "$(jq -r --arg m "$mac_g" '.fdb[] | select(.mac == $m) | "\(.port) \(.type)"' <<<"$fdb")" \
	"nzp-g learned" "nzg's MAC learned on nzp-g"
done_testing
