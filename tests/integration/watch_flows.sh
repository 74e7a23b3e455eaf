#!/usr/bin/env bash
# A flow counts each packet once, where it enters the network, however many LANs and routers it
# crosses: `ping -c 20` across a router namespace (built by nsviz, then by plain `ip` commands),
# and across the host namespace routing between two bridges, gives an echo request flow and an
# echo reply flow of exactly 20 packets and 20 frames' bytes each, never more than the sender's
# own interface counted (stats64), although the router's egress saw them; one ICMP event per
# echo, not one per LAN. A packet a router receives from outside the observed interfaces enters
# at the router. On seed, N pings are N packets each way. The request flow's first_ns and last_ns
# (the coarse clock) lie within the ping run read on the test's own CLOCK_MONOTONIC, and span its
# echoes, sent INTERVAL apart.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"
. "$(dirname "$0")/trace-net.bash"

COUNT=20
SIZE=100                        # ICMP payload bytes (ping -s)
FRAME=$((14 + 20 + 8 + SIZE))   # Ethernet + IPv4 + ICMP headers + payload
INTERVAL=0.05                   # s between echoes (ping -i)
INTERVAL_NS=50000000
TICK_NS=10000000                # the coarse clock lags the fine one by at most a tick (1-4 ms)

mono_ns() { python3 -c 'import time; print(time.clock_gettime_ns(time.CLOCK_MONOTONIC))'; }

# The flow of snapshot $1 from $2 to $3 with ICMP type $4 (8 request, 0 reply), as
# "packets bytes", one line per such flow.
flow_of() {
	jq -r --arg s "$2" --arg d "$3" --argjson t "$4" \
		'.flows[] | select(.proto == "icmp" and .src == $s and .dst == $d and .dport == $t)
		 | "\(.packets) \(.bytes) \(.first_ns) \(.last_ns)"' <<<"$1"
}

# Whether the flow of $1 from $2 to $3 type $4 was seen at tx of NETNS:IFNAME $5.
seen_at_tx() {
	jq --arg s "$2" --arg d "$3" --argjson t "$4" --arg ns "${5%%:*}" --arg dev "${5#*:}" '
		([.interfaces | to_entries[] | select((.value.netns // "") == $ns and .value.ifname == $dev)
		  | .key * 3 + 1][0] % 64) as $slot
		| [.flows[] | select(.proto == "icmp" and .src == $s and .dst == $d and .dport == $t)
		   | .points | index($slot) != null] == [true]' <<<"$1"
}

# kernel_tx KSTATS N FIELD: tx packets (FIELD 4) or bytes (5) of the Nth interface of W_IFACES.
kernel_tx() {
	awk -v n="$2" -v f="$3" 'NR == n {print $f}' <<<"$1"
}

# measure NAME TOPOLOGY SRC_NS:IFNAME SRC_IP DST_NS:IFNAME DST_IP [ROUTER_NS:IFNAME]: ping -c COUNT
# from SRC to DST under `watch --json TOPOLOGY` and check the two echo flows and events against
# the pings and the kernel's counters of both senders' interfaces. Leaves the last snapshot in SNAP.
measure() {
	local name=$1 topo=$2 src=$3 sip=$4 dst=$5 dip=$6 fwd=${7:-} k0 k1 d snap req rep p b f l t0 t1
	local sns=${3%%:*} dns=${5%%:*}
	W_IFACES="$src $dst"
	wait_quiet
	ok $? "$name: the network is quiet before the measurement"
	watch_start --interval 0.5 "$topo" || { echo "Bail out! $name: watch did not start"; exit 1; }
	k0=$(kstats)
	t0=$(mono_ns)
	ip netns exec "$sns" ping -c "$COUNT" -i "$INTERVAL" -s "$SIZE" -q "$dip" >/dev/null
	ok $? "$name: ping -c $COUNT $sns -> $dns"
	t1=$(mono_ns)
	# The last reply's event is out: the reader has drained the ring past every echo.
	wait_until events_seen 1 \
		".kind == \"icmp\" and .icmp_type == 0 and .seq == $COUNT and .src == \"$dip\""
	k1=$(kstats)
	watch_stop
	snap=$(last_snapshot)
	d=$(kdelta "$k0" "$k1")
	is "$(kernel_tx "$d" 1 4) $(kernel_tx "$d" 2 4)" "$COUNT $COUNT" \
		"$name: the kernel counted $COUNT packets sent by each end (stats64)"

	req=$(flow_of "$snap" "$sip" "$dip" 8)
	rep=$(flow_of "$snap" "$dip" "$sip" 0)
	is "$(cut -d' ' -f1,2 <<<"$req")" "$COUNT $((COUNT * FRAME))" \
		"$name: one echo request flow, $COUNT packets, $COUNT x $FRAME bytes"
	is "$(cut -d' ' -f1,2 <<<"$rep")" "$COUNT $((COUNT * FRAME))" \
		"$name: one echo reply flow, $COUNT packets, $COUNT x $FRAME bytes"
	read -r p b f l <<<"$req"
	ok "$([ "${f:-0}" -ge $((t0 - TICK_NS)) ] && [ "${l:-0}" -le "$t1" ] &&
		[ $((${l:-0} - ${f:-0})) -ge $(((COUNT - 1) * INTERVAL_NS - TICK_NS)) ]; echo $?)" \
		"$name: the request flow's first_ns..last_ns ($f..$l) lie in the ping run ($t0..$t1) and span its echoes"
	ok "$([ "${p:-0}" -le "$(kernel_tx "$d" 1 4)" ] &&
		[ "${b:-0}" -le "$(kernel_tx "$d" 1 5)" ]; echo $?)" \
		"$name: the request flow does not exceed what $src sent (packets, bytes)"
	read -r p b _ <<<"$rep"
	ok "$([ "${p:-0}" -le "$(kernel_tx "$d" 2 4)" ] &&
		[ "${b:-0}" -le "$(kernel_tx "$d" 2 5)" ]; echo $?)" \
		"$name: the reply flow does not exceed what $dst sent (packets, bytes)"
	SNAP=$snap
	if [ -n "$fwd" ]; then
		is "$(seen_at_tx "$snap" "$sip" "$dip" 8 "$fwd")" true \
			"$name: the request flow went out through $fwd (tx is in its points)"
	fi
	is "$(grep '"type":"event"' "$T_TMP/w.json" | jq -r --arg s "$sip" \
		'select(.kind == "icmp" and .icmp_type == 8 and .src == $s) | .seq' | tr '\n' ' ')" \
		"$(seq -s ' ' "$COUNT") " "$name: one echo request event per ping, seq 1..$COUNT"
}

# 1. router, built by nsviz.
net_up router || { echo "Bail out! nsviz up router failed"; exit 1; }
pin h1 eth0 10.0.1.1 router eth1 && pin router eth1 10.0.1.2 h1 eth0 &&
	pin h2 eth0 10.0.2.1 router eth2 && pin router eth2 10.0.2.2 h2 eth0
ok $? "router: permanent neighbours on both LANs"
measure "router" router h1:eth0 10.0.1.2 h2:eth0 10.0.2.2 router:eth2
is "$(jq -r '.flows[] | select(.proto == "icmp") | "\(.src_netns)>\(.dst_netns)"' <<<"$SNAP" | sort |
	tr '\n' ' ')" "h1>h2 h2>h1 " "router: the two echo flows, placed in their namespaces, and no other"
"$NSVIZ" down router >/dev/null

# 2. The same shape built with plain ip commands, observed with the file that describes it.
ipnet_up() {
	local ns
	ipv6_off
	for ns in fr fa fb; do
		ip netns add "$ns" && at_exit "ip netns del $ns" || return 1
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1 || return 1
	done
	ip netns exec fr sysctl -qw net.ipv4.ip_forward=1 &&
		ip link add fl1 type bridge && ip link add fl2 type bridge &&
		at_exit "ip link del fl1; ip link del fl2" &&
		ip link add fl1-a type veth peer name eth0 netns fa &&
		ip link add fl1-r type veth peer name eth1 netns fr &&
		ip link add fl2-r type veth peer name eth2 netns fr &&
		ip link add fl2-b type veth peer name eth0 netns fb || return 1
	for p in fl1:fl1-a fl1:fl1-r fl2:fl2-r fl2:fl2-b; do
		ip link set "${p#*:}" master "${p%%:*}" up || return 1
	done
	ip link set fl1 up && ip link set fl2 up &&
		ip -n fa addr add 10.9.1.2/24 dev eth0 && ip -n fa link set eth0 up &&
		ip -n fr addr add 10.9.1.1/24 dev eth1 && ip -n fr link set eth1 up &&
		ip -n fr addr add 10.9.2.1/24 dev eth2 && ip -n fr link set eth2 up &&
		ip -n fb addr add 10.9.2.2/24 dev eth0 && ip -n fb link set eth0 up &&
		ip -n fa route add default via 10.9.1.1 && ip -n fb route add default via 10.9.2.1 &&
		pin fa eth0 10.9.1.1 fr eth1 && pin fr eth1 10.9.1.2 fa eth0 &&
		pin fb eth0 10.9.2.1 fr eth2 && pin fr eth2 10.9.2.2 fb eth0
}
ipnet_up
ok $? "routed: two LANs and a router built with ip commands"
measure "routed" "$TOP/tests/integration/fixtures/routed.topo" fa:eth0 10.9.1.2 fb:eth0 10.9.2.2 fr:eth2

# An uplink the file does not name: fx -- fr:up0. What fr forwards from it enters at fr:eth2.
ip netns add fx && at_exit "ip netns del fx" &&
	ip netns exec fx sysctl -qw net.ipv6.conf.all.disable_ipv6=1 &&
	ip -n fr link add up0 type veth peer name eth0 netns fx &&
	ip -n fr addr add 10.9.3.1/24 dev up0 && ip -n fr link set up0 up &&
	ip -n fx addr add 10.9.3.2/24 dev eth0 && ip -n fx link set eth0 up &&
	ip -n fx route add default via 10.9.3.1 &&
	pin fx eth0 10.9.3.1 fr up0 && pin fr up0 10.9.3.2 fx eth0
ok $? "uplink: namespace fx on fr:up0, outside the topology file"
measure "uplink" "$TOP/tests/integration/fixtures/routed.topo" fx:eth0 10.9.3.2 fb:eth0 10.9.2.2 fr:eth2

# 3. The host namespace routes between its two bridges.
net_up "$TOP/tests/integration/fixtures/hostrouted.topo" || { echo "Bail out! up hostrouted"; exit 1; }
sysctl -qw net.ipv4.ip_forward=1 &&
	pin ha eth0 10.8.1.1 "" hl1 && pin "" hl1 10.8.1.2 ha eth0 &&
	pin hb eth0 10.8.2.1 "" hl2 && pin "" hl2 10.8.2.2 hb eth0
ok $? "hostrouted: forwarding on in the host namespace, permanent neighbours"
measure "hostrouted" "$TOP/tests/integration/fixtures/hostrouted.topo" ha:eth0 10.8.1.2 hb:eth0 10.8.2.2 :hl2

# 4. seed: one LAN, nothing forwarded.
seed_up || { echo "Bail out! nsviz up seed failed"; exit 1; }
static_neigh
ok $? "seed: permanent neighbours"
measure "seed" seed red:eth0-r 10.0.0.1 green:eth0-g 10.0.0.2
done_testing
