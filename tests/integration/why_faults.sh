#!/usr/bin/env bash
# The fault classes of issue 11 that why.sh and why_more.sh leave out (docs/why.md, "The audit"),
# each on a network built anew with plain ip, bridge, sysctl, iptables and tc (never nsviz), one
# fault at a time: a plain ping (or a plain TCP/UDP exchange) is the independent truth of the
# verdict, the exit status follows it, and the first cause names the object and the fault.
# Also the bug of an answer said to have come back when none did (ARP off after it was learned).
T_SANDBOX_PID=1 # /proc shows only this test's processes: no namespace of another test
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
command -v nft >/dev/null || skip_all "nft is not installed (scripts/install-deps.sh)"

. "$(dirname "$0")/../why_lib.sh"

mac_of() { ip -n "$1" -j link show dev "$2" | jq -r '.[0].address'; }

setup_begin
lan
setup_end

# Carrier: the host's end of green's veth is down, so green's end has no carrier.
ip link set veth-g down
check_truth "a veth whose peer is down" 1 red 10.0.0.2
why_is "a veth whose peer is down" 3 "^  cause: veth-g is down \(admin\)$" red green
has_line "a veth whose peer is down: the far end's carrier is said" \
	"^  cause: green's eth0-g has no carrier \(operstate (lowerlayerdown|down)\)$"

# The bridge itself down: its ports are disabled by it, a symptom said after it.
lan
ip link set bridge1 down
check_truth "bridge down" 1 red 10.0.0.2
why_is "bridge down" 3 "^  cause: bridge1 is down \(admin\)$" red green
has_line "bridge down: its disabled ports are its symptom" \
	"^  cause: veth-g, a port of bridge1, is disabled \(the bridge is down\)$"

# A port that neither learns nor is flooded to: unicast reaches green only while the bridge keeps
# the entry it learned before (reachable, said as a note); once the entry is gone, never.
lan
bridge link set dev veth-g learning off flood off
gmac=$(mac_of green eth0-g)
check_truth "learning and flood off, the entry still there" 0 red 10.0.0.2
why_is "learning and flood off, the entry still there" 0 \
	"^  note: veth-g, a port of bridge1, neither learns nor is flooded to: unicast reaches green:eth0-g only while bridge1 keeps its FDB entry for $gmac$" \
	red green
bridge fdb del "$gmac" dev veth-g master
check_truth "learning and flood off, no entry" 1 red 10.0.0.2
why_is "learning and flood off, no entry" 3 \
	"^  cause: veth-g, a port of bridge1, neither learns nor is flooded to, and bridge1 has no FDB entry for green:eth0-g's MAC $gmac there: unicast never reaches it$" \
	red green

# Kernel STP's learning state (why_more.sh has listening): the port learns but forwards nothing
# for the forward delay, 10 s here, after 10 s of listening; the checks run inside it.
lan
port_state() { [ "$(bridge -j link show dev veth-g | jq -r '.[0].state')" = "$1" ]; }
ip link set bridge1 type bridge stp_state 1 forward_delay 1000
ip link set veth-g down
ip link set veth-g up
if wait_until port_state learning || wait_until port_state learning; then
	check_truth "STP port learning" 1 red 10.0.0.2
	why_is "STP port learning" 3 "^  cause: veth-g, a port of bridge1, is learning \(STP is on\)" red green
else
	echo "# SKIP STP learning: veth-g is $(bridge -j link show dev veth-g | jq -r '.[0].state') after 20 s"
fi

# flood off alone is healthy while the bridge learns: green's ARP answer teaches it.
lan
bridge link set dev veth-g flood off
check_truth "flood off, learning on" 0 red 10.0.0.2
why_is "flood off, learning on: reachable, no cause" 0 "" red green

# flood off with an empty FDB: red already knows green's MAC (a permanent entry), green is
# silent (no IPv6 chatter), and the bridge's entry for it is gone: nothing teaches it again.
lan
ip netns exec green sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.eth0-g.disable_ipv6=1
gmac=$(mac_of green eth0-g)
ip -n red neigh replace 10.0.0.2 dev eth0-r lladdr "$gmac" nud permanent
bridge link set dev veth-g flood off
bridge fdb del "$gmac" dev veth-g master 2>/dev/null
is "$(bridge fdb show br bridge1 | grep -c "^$gmac dev veth-g ")" 0 \
	"flood off, empty FDB: the bridge has no entry for green's MAC (the kernel says)"
check_truth "flood off, empty FDB" 1 red 10.0.0.2
why_is "flood off, empty FDB" 3 "^  cause: veth-g, a port of bridge1, is not flooded to \(flood off\) and bridge1 has no FDB entry for green:eth0-g's MAC $gmac there" \
	red green

# Reachable, but flooded: a bridge that forgets at once (ageing 0) has no entry for green.
lan
ip link set bridge1 type bridge ageing_time 0
check_truth "ageing 0" 0 red 10.0.0.2
why_is "ageing 0: reachable" 0 "" red green
probes_like "ageing 0: flooded, and said" \
	"^  probes: the last probe was flooded \(the bridge had no FDB entry for its MAC\) and an answer came back$"

# A gateway on no connected subnet of red (the kernel takes it with onlink).
lan
ip -n red route add 10.0.5.0/24 via 10.0.9.1 dev eth0-r onlink
check_truth "gateway off subnet" 1 red 10.0.5.1
why_is "gateway off subnet" 3 "^  cause: red's gateway 10.0.9.1 for 10.0.5.1 is not on a connected subnet of eth0-r$" \
	red 10.0.5.1

# arp_filter: green's way back to red leaves by eth1-g (10.0.0.12, also on bridge1), which does
# not answer for eth0-g's address (arp_ignore 1). Without arp_filter, eth0-g answers and the
# echo replies leave by eth1-g to red: reachable; with it, eth0-g stays silent.
lan
ip link add eth1-g netns green type veth peer name veth-x
ip link set veth-x master bridge1 up
ip -n green link set eth1-g up
ip -n green addr add 10.0.0.12/24 dev eth1-g
ip -n green route add 10.0.0.1/32 dev eth1-g
ip netns exec green sysctl -qw net.ipv4.conf.eth1-g.arp_ignore=1
check_truth "arp_filter 0, the way back by another interface" 0 red 10.0.0.2
ip -n red neigh flush dev eth0-r
why_is "arp_filter 0, the way back by another interface" 0 "" red green
ip -n red neigh flush dev eth0-r
ip netns exec green sysctl -qw net.ipv4.conf.eth0-g.arp_filter=1
check_truth "arp_filter 1" 1 red 10.0.0.2
why_is "arp_filter 1" 3 "^  cause: green's eth0-g has arp_filter=1 and would route the answer to 10.0.0.1 elsewhere: it does not answer ARP for 10.0.0.2$" \
	red green

# MTU on the far LAN of a router: far's own link, then the router's link towards it (the
# router refuses to forward and says so; that is not an answer).
routed
ip -n far link set eth0-f mtu 1000
check_truth "MTU on the far LAN" 1 red 10.0.1.2 -M do -s 1400
why_is "MTU on the far LAN" 3 "^  cause: MTU 1000 on far:eth0-f is below the 1428-byte probe \(DF\)" \
	red far --size 1400
why_is "MTU on the far LAN: small probes pass" 0 "" red far --size 900
ip -n far link set eth0-f mtu 1500
ip -n blue link set eth1-b mtu 1000
check_truth "MTU of the router towards the far LAN" 1 red 10.0.1.2 -M do -s 1400
why_is "MTU of the router towards the far LAN" 3 "^  cause: MTU 1000 on blue:eth1-b is below the 1428-byte probe \(DF\)" \
	red far --size 1400

# iptables (Debian's is iptables-nft: its rules are nftables rules, named as such).
lan
if ! command -v iptables >/dev/null; then
	echo "# SKIP iptables: not installed (scripts/install-deps.sh installs it)"
elif ! iptables -V | grep -q nf_tables; then
	echo "# SKIP iptables: $(iptables -V) is not iptables-nft; legacy rules are not read"
else
	ip netns exec green iptables -A INPUT -p icmp --icmp-type echo-request -j DROP
	check_truth "iptables DROP" 1 red 10.0.0.2
	why_is "iptables DROP" 3 "^  cause: nft in green drops the probe: table ip filter, chain INPUT, rule '[^']*icmp type echo-request[^']* drop' \(where the probe was dropped\)$" \
		red green
	ip netns exec green iptables -A INPUT -p udp --dport 53 -j DROP
	why_is "iptables DROP of a UDP port" 3 "^  cause: nft in green drops the probe: table ip filter, chain INPUT, rule '[^']*udp dport 53[^']* drop' \(where the probe was dropped\)$" \
		red green --proto udp --port 53
	why_is "iptables: a UDP port no rule drops answers (port unreachable)" 0 "" \
		red green --proto udp --port 54
	ip netns exec green iptables -F INPUT
	ip netns exec green iptables -A INPUT -p icmp -j REJECT
	check_truth "iptables REJECT" 1 red 10.0.0.2
	why_is "iptables REJECT" 3 "^  cause: nft in green rejects the probe: table ip filter, chain INPUT, rule '[^']*icmp[^']* reject' \(where the probe was dropped\)$" \
		red green
fi

# A qdisc that loses everything (netem loss 100%), where the kernel has netem.
lan
if ip netns exec green tc qdisc add dev eth0-g root netem loss 100% 2>/dev/null; then
	check_truth "netem loss 100%" 1 red 10.0.0.2
	why_is "netem loss 100%" 3 "^  cause: green's eth0-g drops everything it sends: tc qdisc netem " red green
else
	echo "# SKIP netem: this kernel has no netem qdisc (tc refuses it)"
fi

# The bug once seen: green turns ARP off after red has learned its MAC. Red's echo requests
# reach green; green's replies go to its own MAC (NOARP) and the bridge drops them. The probes'
# line must not say an answer came back.
lan
check_truth "ARP off after it was learned: before" 0 red 10.0.0.2
ip -n green link set eth0-g arp off
check_truth "ARP off after it was learned" 1 red 10.0.0.2
why_is "ARP off after it was learned" 3 "^  cause: green's eth0-g has ARP off \(NOARP\)" red green
probes_like "ARP off after it was learned" \
	"^  probes: the last probe reached green:eth0-g and its answer was dropped at bridge1:veth-g \([A-Z_]+\) and never came back$"
# The same with a permanent entry for a MAC nobody has: the probes die at green, unanswered.
lan
ip -n red neigh replace 10.0.0.2 dev eth0-r lladdr 02:00:00:00:00:99 nud permanent
why_is "a MAC nobody has" 3 "^  cause: red's neighbour entry for 10.0.0.2 says 02:00:00:00:00:99" red green
like "$(grep '^  probes: ' <<<"$WHY_OUT")" "^  probes: the last probe (was dropped at|reached) " \
	"a MAC nobody has: the probes line says where they stopped"
unlike_answer=$(grep -c 'an answer came back' <<<"$WHY_OUT")
is "$unlike_answer" 0 "a MAC nobody has: no answer is said to have come back"

done_testing
