#!/usr/bin/env bash
# More fault classes of `nsviz why`, each on a network built anew with plain ip, bridge, sysctl
# and tc (never nsviz), one fault at a time: a plain ping is the independent truth of the
# verdict, the exit status follows it, and the first cause names the object and the fault.
# Faults this kernel cannot make (a tc drop action, a VLAN-filtering bridge) are detected and
# skipped with the reason in a TAP comment.
T_SANDBOX_PID=1 # /proc shows only this test's processes: no namespace of another test
. "$(dirname "$0")/../lib.sh"
sandbox "$@"

. "$(dirname "$0")/../why_lib.sh"

# The LAN, far (10.0.1.2) behind blue (10.0.1.1, forwarding), and a second link from red
# (10.0.2.1) to blue (10.0.2.3) that blue's way back to red takes: asymmetric routing.
asymmetric() {
	lan
	ip netns add far
	ip link add eth1-b netns blue type veth peer name eth0-f netns far
	ip link add eth1-r netns red type veth peer name eth2-b netns blue
	ip -n blue link set eth1-b up
	ip -n blue link set eth2-b up
	ip -n red link set eth1-r up
	ip -n far link set lo up
	ip -n far link set eth0-f up
	ip -n blue addr add 10.0.1.1/24 dev eth1-b
	ip -n blue addr add 10.0.2.3/24 dev eth2-b
	ip -n red addr add 10.0.2.1/24 dev eth1-r
	ip -n far addr add 10.0.1.2/24 dev eth0-f
	ip netns exec blue sysctl -qw net.ipv4.ip_forward=1
	# red takes answers on either link: its own rp_filter stays off.
	ip netns exec red sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth1-r.rp_filter=0
	ip netns exec blue sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0-b.rp_filter=0
	ip -n red route add 10.0.1.0/24 via 10.0.0.3
	ip -n blue route add 10.0.0.1/32 via 10.0.2.1
	ip -n far route add default via 10.0.1.1
}

setup_begin
asymmetric
setup_end
check_truth "asymmetric, rp_filter off" 0 red 10.0.1.2
why_is "asymmetric, rp_filter off" 0 "" red far
ip netns exec blue sysctl -qw net.ipv4.conf.eth0-b.rp_filter=1
check_truth "rp_filter strict" 1 red 10.0.1.2
why_is "rp_filter strict" 3 "^  cause: rp_filter=1 \(strict\) on blue:eth0-b drops 10.0.0.1: blue's route back to it leaves by another interface" red far
ip netns exec blue sysctl -qw net.ipv4.conf.eth0-b.rp_filter=2
check_truth "rp_filter loose" 0 red 10.0.1.2
why_is "rp_filter loose: the way back exists, nothing dropped" 0 "" red far

lan
ip netns exec green sysctl -qw net.ipv4.icmp_echo_ignore_all=1
check_truth "icmp_echo_ignore_all" 1 red 10.0.0.2
why_is "icmp_echo_ignore_all" 3 "^  cause: green has net.ipv4.icmp_echo_ignore_all=1: it answers no ping" red green
why_is "icmp_echo_ignore_all: a TCP SYN is still refused" 0 "" red green --proto tcp --port 9

# Kernel STP in a namespace: the bridge refuses a port state set by hand (EBUSY), so the port is
# bounced and stays listening (blocking) for the forward delay, 30 s, far longer than the checks.
lan
ip link set bridge1 type bridge stp_state 1 forward_delay 3000
ip link set veth-g down
ip link set veth-g up
state=$(bridge -j link show dev veth-g | jq -r '.[0].state')
if [ "$state" = listening ] || [ "$state" = blocking ]; then
	check_truth "STP port $state" 1 red 10.0.0.2
	why_is "STP port $state" 3 "^  cause: veth-g, a port of bridge1, is $state \(STP is on\)" red green
else
	echo "# SKIP STP: the kernel left veth-g $state after a bounce with STP on"
fi

# A FAILED neighbour entry where the owner answers: the kernel asks again, nothing to say.
lan
ip -n red neigh add 10.0.0.2 dev eth0-r nud failed
check_truth "a failed neighbour entry, owner alive" 0 red 10.0.0.2
ip -n red neigh replace 10.0.0.2 dev eth0-r nud failed
why_is "a failed neighbour entry, owner alive" 0 "" red green
# An address nobody owns: the cause is that, not the entry the probes leave.
check_truth "an address nobody answers" 1 red 10.0.0.99
why_is "an address nobody answers" 3 "^  cause: no interface in the L2 domain of red:eth0-r has 10.0.0.99: nothing answers ARP for it" red 10.0.0.99
# An owner that answers no ARP (NOARP): red's entry is left failed or incomplete, a symptom.
lan
ip -n green link set eth0-g arp off
check_truth "NOARP owner" 1 red 10.0.0.2
why_is "NOARP owner" 3 "^  cause: green's eth0-g has ARP off \(NOARP\): it answers no ARP" red green
has_line "NOARP owner: red's failed entry is named after it" \
	"^  cause: red's neighbour entry for 10.0.0.2 on eth0-r is incomplete or failed: ARP for it went unanswered$"

# A stale MAC: red keeps, for good, a MAC green no longer has (as after green moved).
lan
ip -n red neigh replace 10.0.0.2 dev eth0-r lladdr 02:00:00:00:00:99 nud permanent
check_truth "stale MAC" 1 red 10.0.0.2
why_is "stale MAC" 3 "^  cause: red's neighbour entry for 10.0.0.2 says 02:00:00:00:00:99, but 10.0.0.2 is green:eth0-g with ..:..:..:..:..:.. \(a stale MAC\)" red green

# tc: a qdisc that drops is in why.sh. A filter's actions are not read: a filter on the path is
# noted (a classify-only u32 filter, which passes everything: this kernel has no gact action).
lan
ip netns exec green tc qdisc add dev eth0-g clsact
why_is "clsact without filters" 0 "" red green
ip netns exec green tc filter add dev eth0-g ingress protocol ip u32 match u32 0 0
check_truth "a tc filter that passes" 0 red 10.0.0.2
why_is "a tc filter that passes" 0 "^  note: green's eth0-g has tc filters, not checked \(a drop action in them would not be seen\): ingress protocol ip pref [0-9]+ u32 chain 0$" red green
ip -n green link set eth0-g down
why_is "a tc filter on a down interface: the cause comes first" 3 "^  cause: green's eth0-g is down \(admin\)$" red green
has_line "a tc filter on a down interface: still noted" "^  note: green's eth0-g has tc filters, not checked"
if ip netns exec green tc filter add dev eth0-g egress protocol ip u32 match u32 0 0 \
	action drop 2>/dev/null; then
	ip -n green link set eth0-g up
	check_truth "tc filter drop" 1 red 10.0.0.2
	why_is "tc filter drop: noted, not found" 3 "^  cause: none found in the configuration$" red green
else
	echo "# SKIP a tc filter with a drop action: this kernel has no gact action (tc refuses it)"
fi

# A VLAN-filtering bridge is noted, its VLANs unchecked (unit-tested); this kernel may refuse it.
lan
if ip link set bridge1 type bridge vlan_filtering 1 2>/dev/null; then
	why_is "VLAN filtering" 0 "^  note: bridge1 filters VLANs; the VLANs of its ports are not checked$" red green
else
	echo "# SKIP VLAN filtering: this kernel refuses 'ip link set bridge1 type bridge vlan_filtering 1'"
fi

done_testing
