#!/usr/bin/env bash
# nsviz watch --json on the seed topology: over a quiet interval with `ping -c 5` red -> green,
# every interface's rx/tx packets and bytes equal the kernel's own counters exactly; the pings
# land in the icmp class, ARP in arp; one ICMP event per echo request and reply with the right
# id/seq, ARP events for the first exchange; SIGTERM ends it with status 0 and nothing attached.
# `nsviz stats`, whose programs only count (docs/datapath.md), equals the kernel's counters too;
# NSVIZ_HOOK=empty (the benchmark's floor) attaches the same links and counts nothing.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"

seed_up || { echo "Bail out! nsviz up seed failed"; exit 1; }
wait_quiet
ok $? "the topology is quiet before the measurement"

watch_start --interval 0.5 seed || { echo "Bail out! watch did not start"; exit 1; }
k0=$(kstats)
links=$(link_ids "$WPID")
ip netns exec red ping -c 5 -i 0.2 -q 10.0.0.2 >/dev/null
ok $? "ping -c 5 red -> green"
# The last packet's events are out once the reader has drained the ring past them.
wait_until events_seen 1 '.kind=="icmp" and .icmp_type==0 and .seq==5 and .netns=="green"'
k1=$(kstats)
watch_stop
snap=$(last_snapshot)

is "$(echo "$snap" | nstats | sort)" "$(kdelta "$k0" "$k1" | sort)" \
	"rx/tx packets and bytes of every interface equal the kernel's (stats64) over the interval"
is "$(echo "$snap" | jq '[.interfaces[] | select(.ifname=="eth0-r") | .tx.classes.icmp][0]')" 5 \
	"red:eth0-r sent 5 ICMP packets"
is "$(echo "$snap" | jq '[.interfaces[] | select(.ifname=="eth0-g") | .rx.classes.icmp][0]')" 5 \
	"green:eth0-g received 5 ICMP packets"
is "$(echo "$snap" | jq '[.interfaces[] | select(.ifname=="eth0-r") | .tx.classes.arp][0] >= 1')" true \
	"red:eth0-r sent ARP, counted as arp"
is "$(echo "$snap" | jq '[.interfaces[] | .rx.packets == (.rx.classes.arp + .rx.classes.ipv4 + .rx.classes.ipv6 + .rx.classes.other)] | all')" true \
	"every packet is in exactly one of arp/ipv4/ipv6/other"
is "$(echo "$snap" | jq -c '[.interfaces[] | select(.ifname=="veth-r") | .bridge, .peer.netns, .peer.ifname]')" \
	'["bridge1","red","eth0-r"]' "veth-r: bridge and peer"
is "$(echo "$snap" | jq -c '[.interfaces[] | select(.ifname=="eth0-r") | .netns, .bridge]')" \
	'["red",null]' "eth0-r: netns red, no bridge"

ev() { grep '"type":"event"' "$T_TMP/w.json" | jq -c "select($1)"; }
req=$(ev '.kind=="icmp" and .icmp_type==8 and .netns=="red" and .ifname=="eth0-r" and .dir=="tx"')
rep=$(ev '.kind=="icmp" and .icmp_type==0 and .netns=="green" and .ifname=="eth0-g" and .dir=="tx"')
is "$(echo "$req" | jq -r .seq | tr '\n' ' ')" "1 2 3 4 5 " "an echo request event per ping, seq 1..5"
is "$(echo "$rep" | jq -r .seq | tr '\n' ' ')" "1 2 3 4 5 " "an echo reply event per ping, seq 1..5"
is "$( (echo "$req"; echo "$rep") | jq -r .id | sort -u | wc -l)" 1 "requests and replies share one id"
is "$(echo "$req" | jq -r '.src + ">" + .dst' | sort -u)" "10.0.0.1>10.0.0.2" "request addresses"
like "$(echo "$req" | jq -r .skb | head -1)" '^0x[0-9a-f]+$' "events carry the skb address"
is "$(ev '.kind=="arp" and .op=="who-has"' | jq -r '.netns + " " + .sender_ip + " " + .target_ip' | head -1)" \
	"red 10.0.0.1 10.0.0.2" "ARP who-has 10.0.0.2 from red"
is "$(ev '.kind=="arp" and .op=="is-at"' | jq -r '.netns + " " + .sender_ip' | head -1)" \
	"green 10.0.0.2" "ARP is-at from green"
is "$(echo "$snap" | jq '.lost_events')" 0 "no event lost"
is "$(echo "$snap" | jq -r '[.flows[] | select(.proto=="icmp" and .src=="10.0.0.1")][0] | "\(.packets) \(.src_netns) \(.dst_netns)"')" \
	"5 red green" "the echo flow: 5 packets, red -> green"

is "$(echo "$links" | wc -w)" 9 "6 tcx links (egress on every point, ingress on bridge1 only) and 3 tracepoint links while attached"
left=0
for id in $links; do bpftool link show id "$id" >/dev/null 2>&1 && left=$((left + 1)); done
is "$left" 0 "no link of that watch remains after SIGTERM"
# stats loads counting programs only: the same exact counters over another quiet interval. It
# says nothing before its table, so its start cannot be told apart from an ARP probe of the
# pings above (a neighbour in DELAY probes 5 s later): permanent neighbours, so none is sent.
mac() { ip -n "$1" -j link show "$2" | jq -r '.[0].address'; }
ip -n red neigh replace 10.0.0.2 lladdr "$(mac green eth0-g)" dev eth0-r nud permanent
ip -n green neigh replace 10.0.0.1 lladdr "$(mac red eth0-r)" dev eth0-g nud permanent
wait_quiet
stats_seed 4 # the topology is quiet: nothing is missed while it settles
k0=$(kstats)
ip netns exec red ping -c 5 -i 0.2 -q 10.0.0.2 >/dev/null
wait "$SPID"
is "$?" 0 "stats exits 0"
k1=$(kstats)
is "$(stats_table | sort)" "$(kdelta "$k0" "$k1" | sort)" \
	"stats: rx/tx packets and bytes of every interface equal the kernel's (stats64)"
is "$(awk '$1=="red:eth0-r" && $2=="tx" {print $10}' "$T_TMP/stats")" 5 \
	"stats: red:eth0-r sent 5 ICMP packets"
like "$(head -1 "$T_TMP/stats")" '^hook tcx ' "stats: the hook mode is plain tcx"

# The benchmark's floor: the same links on the same points, programs that return at once.
NSVIZ_HOOK=empty stats_seed 3
ip netns exec red ping -c 3 -i 0.2 -q 10.0.0.2 >/dev/null
is "$(link_ids "$SPID" | wc -w)" 9 "floor: 6 tcx links and 3 tracepoint links, as for stats"
wait "$SPID"
is "$(awk '$2=="rx" || $2=="tx" {n++; s += $3} END {print n, s}' "$T_TMP/stats")" "10 0" \
	"floor: ten points, nothing counted"
done_testing
