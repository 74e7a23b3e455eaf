#!/bin/bash
# --pcap of 5 pings with the filter `icmp`: tshark reads the file without a warning; it holds one
# packet per hop of the paths printed, on interfaces named NETNS/IFNAME (dir) like the hops, and no
# ARP. A filter that does not compile is refused (exit 2) before anything is attached or written.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"

net_up seed || { done_testing; exit 1; }
pcap=$T_TMP/five.pcapng

"$NSVIZ" trace --pcap "$pcap" seed icmp and '(' >"$T_TMP/bad.out" 2>&1
is "$?" 2 "a filter that does not compile: exit 2"
like "$(cat "$T_TMP/bad.out")" "bad filter 'icmp and \(': .*syntax error" "the message names it"
t_fail "no file written" test -e "$pcap"

ip neigh flush all >/dev/null 2>&1
trace_start --json --count 10 --pcap "$pcap" seed icmp
ok $? "trace attached"
ip netns exec red ping -c 5 -i 0.2 -W 2 10.0.0.2 >/dev/null
ok $? "5 pings red -> green (the first needs ARP)"
trace_wait
ok $? "trace exits 0 after 10 paths"

is "$(jq -s '[.[] | select(.type == "path")] | length' "$T_TMP/t.out")" 10 "10 paths printed"
tshark -r "$pcap" >/dev/null 2>"$T_TMP/tshark.err"
ok $? "tshark reads the file"
is "$(grep -v '^Running as user "root"' "$T_TMP/tshark.err")" "" "without a warning"
is "$(tshark -r "$pcap" 2>/dev/null | wc -l)" \
	"$(jq -s '[.[] | select(.type == "path") | .hops | length] | add' "$T_TMP/t.out")" \
	"one packet per hop of the paths"
is "$(tshark -r "$pcap" -Y arp 2>/dev/null | wc -l)" 0 "the filter kept ARP out"
is "$(tshark -r "$pcap" -Y 'icmp.type == 8' 2>/dev/null | wc -l)" 20 "5 echo requests x 4 hops"
is "$(tshark -r "$pcap" -T fields -e frame.interface_name 2>/dev/null | sort | uniq -c |
	awk '{$1=$1; print}' | sort | paste -sd,)" \
	"5 green/eth0-g (rx),5 green/eth0-g (tx),5 host/veth-g (rx),5 host/veth-g (tx),5 host/veth-r (rx),5 host/veth-r (tx),5 red/eth0-r (rx),5 red/eth0-r (tx)" \
	"interfaces named NETNS/IFNAME (dir), 5 packets on each"
is "$(jq -r 'select(.type == "path") | .hops[] |
	"\(.netns // "host")/\(.ifname) (\(.dir))"' "$T_TMP/t.out" | sort | uniq -c | awk '{$1=$1; print}' | sort | paste -sd,)" \
	"$(tshark -r "$pcap" -T fields -e frame.interface_name 2>/dev/null | sort | uniq -c |
	awk '{$1=$1; print}' | sort | paste -sd,)" "the same interfaces and counts as the paths' hops"
first=$(tshark -r "$pcap" -T fields -e frame.time_epoch -c 1 2>/dev/null)
like "$first" "^$(date +%s | cut -c1-7)" "timestamps are wall clock"

# paths_printed N: the text output of trace holds N paths (one indented hop line each).
paths_printed() { [ "$(grep -c '^  ' "$T_TMP/t.out")" -ge "$1" ]; }

for sig in INT TERM; do
	trace_start --pcap "$T_TMP/$sig.pcapng" seed icmp
	ip netns exec red ping -c 2 -i 0.2 -W 2 10.0.0.2 >/dev/null
	wait_until paths_printed 4
	kill -"$sig" "$TPID"
	wait "$TPID"
	is "$?" 0 "SIG$sig ends trace with status 0"
	is "$(tshark -r "$T_TMP/$sig.pcapng" 2>&1 | grep -vc '^Running as user')" 16 \
		"after SIG$sig the file is complete: 4 paths x 4 hops, no warning"
done
done_testing
