#!/usr/bin/env bash
# trace on a network made with plain ip, observed live (no topology file): bridge1 holds na, nb
# and the router namespace nr; nr routes to bridge2, which holds nc.
#   na:eth0-a 10.0.1.1 ─┐                       ┌─ nr:eth0-s 10.0.2.254 ── veth-s ─┐
#   nb:eth0-b 10.0.1.2 ─┼─ bridge1 ── veth-r ── nr:eth0-r 10.0.1.254      bridge2 ─┴─ nc:eth0-c 10.0.2.1
# Every neighbour is permanent and IPv6 is off: no frame moves but the test's echoes.
# - A routed ping na -> nc: each path's hops are the interfaces the test wired, in order, and
#   each bridge's verdict is forward.
# - `--pcap` of that ping: tcpdump reads it, one packet per hop of each echo the test sent.
# - A ping na -> nb right after `bridge fdb flush`: the request is unknown unicast, flooded to
#   both other ports (the kernel's tx counter of veth-r, the router's port, says the bridge sent
#   it there too); the reply goes to a MAC the bridge learned from the request: forward, 1 port.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"

command -v tcpdump >/dev/null || skip_all "tcpdump is not installed (scripts/install-deps.sh)"
COUNT=3
bridge_lan na:a:10.0.1.1 nb:b:10.0.1.2 nr:r:10.0.1.254
{ ip link add bridge2 type bridge && ip link set bridge2 up &&
	ip link add eth0-s type veth peer name veth-s && ip link set eth0-s netns nr &&
	ip link set veth-s master bridge2 up && ip -n nr link set eth0-s up &&
	ip -n nr addr add 10.0.2.254/24 dev eth0-s && ip netns exec nr sysctl -qw net.ipv4.ip_forward=1 &&
	ns_on_bridge nc c 10.0.2.1 bridge2 &&
	ip -n na route add default via 10.0.1.254 && ip -n nc route add default via 10.0.2.254; } ||
	{ echo "Bail out! the router and bridge2 could not be made"; exit 1; }
pin na eth0-a 10.0.1.2 nb eth0-b && pin nb eth0-b 10.0.1.1 na eth0-a &&
	pin na eth0-a 10.0.1.254 nr eth0-r && pin nr eth0-r 10.0.1.1 na eth0-a &&
	pin nr eth0-s 10.0.2.1 nc eth0-c && pin nc eth0-c 10.0.2.254 nr eth0-s ||
	{ echo "Bail out! the neighbours could not be pinned"; exit 1; }
# The bridges learn every MAC before the routed ping, which is to be forwarded all the way.
ip netns exec na ping -c 1 -W 2 -q 10.0.1.2 >/dev/null && ip netns exec na ping -c 1 -W 2 -q 10.0.2.1 >/dev/null
ok $? "na reaches nb on bridge1 and nc through nr"

# ktx DEV: the kernel's tx packets of DEV (host namespace).
ktx() { ip -s -j link show "$1" | jq '.[0].stats64.tx.packets'; }

# The routed ping, with --pcap.
pcap=$T_TMP/routed.pcapng
trace_start --json --count $((2 * COUNT)) --pcap "$pcap" icmp || { echo "Bail out! trace did not start"; exit 1; }
ip netns exec na ping -c "$COUNT" -i 0.2 -W 2 -q 10.0.2.1 >/dev/null
ok $? "ping -c $COUNT na -> nc through nr"
trace_wait
ok $? "trace exits 0 after $((2 * COUNT)) paths"
there="na:eth0-a tx → bridge1:veth-a rx → bridge1:veth-r tx → nr:eth0-r rx → nr:eth0-s tx → bridge2:veth-s rx → bridge2:veth-c tx → nc:eth0-c rx"
back="nc:eth0-c tx → bridge2:veth-c rx → bridge2:veth-s tx → nr:eth0-s rx → nr:eth0-r tx → bridge1:veth-r rx → bridge1:veth-a tx → na:eth0-a rx"
is "$(paths_matching '^10\.0\.1\.1 > 10\.0\.2\.1 ICMP echo request' | hops_of | sort | uniq -c | awk '{$1=$1; print}')" \
	"$COUNT $there" "each of the $COUNT requests: the 8 interfaces the test wired, in order"
is "$(paths_matching '^10\.0\.2\.1 > 10\.0\.1\.1 ICMP echo reply' | hops_of | sort | uniq -c | awk '{$1=$1; print}')" \
	"$COUNT $back" "each of the $COUNT replies: the same way back"
is "$(paths_matching 'ICMP echo' | jq -r '"\(.complete) \(.verdict) " + ([.bridges[] | "\(.bridge)=\(.verdict)"] | join(","))' | sort | uniq -c | awk '{$1=$1; print}')" \
	"$COUNT true forward bridge1=forward,bridge2=forward
$COUNT true forward bridge2=forward,bridge1=forward" "complete, forwarded by both bridges, in the order crossed each way"
hops=$(wc -w <<<"${there//→/}")
hops=$((hops / 2))
tcpdump -n -r "$pcap" >"$T_TMP/tcpdump" 2>"$T_TMP/tcpdump.err"
ok $? "tcpdump -r reads the pcap" || sed 's/^/# /' "$T_TMP/tcpdump.err" >&2
is "$(grep -c 'ICMP echo request' "$T_TMP/tcpdump")" $((COUNT * hops)) \
	"tcpdump: $COUNT echo requests x $hops hops"
is "$(grep -c 'ICMP echo reply' "$T_TMP/tcpdump")" $((COUNT * hops)) "tcpdump: $COUNT echo replies x $hops hops"
is "$(wc -l <"$T_TMP/tcpdump")" $((2 * COUNT * hops)) "and nothing else"
# The flood: the bridge forgets every learned MAC, then na pings nb.
trace_start --json --count 2 icmp || { echo "Bail out! trace did not start"; exit 1; }
bridge fdb flush dev bridge1 dynamic
is "$(bridge -j fdb show br bridge1 | jq '[.[] | select((.state // "") == "")] | length')" 0 \
	"bridge1's FDB flushed: no learned entry"
r0=$(ktx veth-r)
ip netns exec na ping -c 1 -W 2 -q 10.0.1.2 >/dev/null
ok $? "ping na -> nb after the flush"
trace_wait
ok $? "trace exits 0 after 2 paths"
is "$(($(ktx veth-r) - r0))" 1 "the kernel sent 1 frame to the router's port veth-r: the request, flooded"
req=$(paths_matching '^10\.0\.1\.1 > 10\.0\.1\.2 ICMP echo request')
is "$(jq -r '"\(.verdict) \(.bridges[0].bridge) \(.bridges[0].ports)"' <<<"$req")" \
	"flood (unknown unicast) bridge1 2" "the request: flood (unknown unicast), out of 2 ports of bridge1"
like "$(hops_of <<<"$req")" "^na:eth0-a tx → bridge1:veth-a rx → " "it starts at na and enters bridge1 on veth-a"
is "$(jq -r '.hops as $h | [.hops[] | select(.dir == "rx" and .netns != null and .netns != "na")
	| "\($h[$h[.from].from].ifname) → \($h[.from].ifname) → \(.netns):\(.ifname)"] | sort | join(", ")' <<<"$req")" \
	"veth-a → veth-b → nb:eth0-b, veth-a → veth-r → nr:eth0-r" "a copy to nb and one to nr, each through its own port"
rep=$(paths_matching '^10\.0\.1\.2 > 10\.0\.1\.1 ICMP echo reply')
is "$(jq -r '"\(.verdict) \(.bridges[0].ports)"' <<<"$rep")" "forward 1" "the reply: forward, 1 port"
is "$(hops_of <<<"$rep")" "nb:eth0-b tx → bridge1:veth-b rx → bridge1:veth-a tx → na:eth0-a rx" \
	"back the way the bridge learned"

done_testing
