#!/usr/bin/env bash
# watch, stats, trace and fdb with no TOPOLOGY on the tutorial's network made by hand with ip
# (never by nsviz), plus a namespace held only by a process (`unshare -n sleep`) on the bridge and
# a namespace-to-namespace veth: every veth end, bridge and port is observed; after a known ping
# every counter equals the kernel's stats64; every live field of every interface equals what
# `ip -j -d link`, `ip -j addr` and `bridge -j link` say, also after a link is set down and an
# address added while watching, each also a topology event; --netns and --bridge narrow it;
# observing changes no sysctl and writes nothing under /run. With a TOPOLOGY describing it: the
# same fields, a deleted veth reads present:false, events only for what the file names.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/watch.bash"
# IPv6 off everywhere: no router solicitations or MLD reports to move the counters.
sandbox_build "$@"
ip netns add red
ip netns add green
ip link add bridge1 type bridge
for c in r:red g:green; do
	ip -n "${c#*:}" link set lo up
	ip netns exec "${c#*:}" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip link add "eth0-${c%%:*}" type veth peer name "veth-${c%%:*}"
	ip link set "eth0-${c%%:*}" netns "${c#*:}"
	ip link set "veth-${c%%:*}" master bridge1 up
	ip -n "${c#*:}" link set "eth0-${c%%:*}" up
done
ip link set bridge1 up
ip -n red addr add 10.0.0.1/24 dev eth0-r
ip -n green addr add 10.0.0.2/24 dev eth0-g
ip link set dev veth-g type bridge_slave learning off
ip -n red route add 10.9.0.0/16 via 10.0.0.2
ip netns exec green sysctl -qw net.ipv4.ip_forward=1
ip link set dev veth-r type bridge_slave hairpin on
proc_held_port "nsenter -t \$sp -n sysctl -qw net.ipv6.conf.all.disable_ipv6=1"
ip netns add p
ip netns add q
ip -n p link add name x-p type veth peer name x-q
ip -n p link set x-q netns q
setup_end
SP="sleep-$sp"

# in_ns NETNS CMD...: run CMD in the namespace ("" the host, $SP the process-held one).
in_ns() {
	local ns=$1
	shift
	case $ns in
	"") "$@" ;;
	"$SP") nsenter -t "$sp" -n "$@" ;;
	*) ip netns exec "$ns" "$@" ;;
	esac
}
NAMESPACES=("" red green "$SP" p q)

# What observing must not change: the sysctls nsviz could touch, and every file under /run.
untouched() {
	for ns in "${NAMESPACES[@]}"; do
		echo "== $ns $(in_ns "$ns" sysctl -n net.ipv4.ip_forward net.ipv6.conf.all.disable_ipv6 \
			net.ipv4.conf.all.rp_filter | tr '\n' ' ')"
	done
	find /run | sort
}
before=$(untouched)

# Every veth end, bridge and bridge port as the kernel lists them: "NETNS:IFNAME", sorted.
kernel_points() {
	for ns in "${NAMESPACES[@]}"; do
		in_ns "$ns" ip -d -j link | jq -r --arg ns "$ns" '.[] | select(.linkinfo.info_kind == "veth"
			or .linkinfo.info_kind == "bridge") | $ns + ":" + .ifname'
	done | sort
}
snap_points() { jq -r '.interfaces[] | (.netns // "") + ":" + .ifname' | sort; }

# "NETNS:IFNAME rx_packets rx_bytes tx_packets tx_bytes" of every point, from stats64.
kstats_all() {
	local f='.[] | select(.linkinfo.info_kind == "veth" or .linkinfo.info_kind == "bridge") |
		"\($ns):\(.ifname) \(.stats64.rx.packets) \(.stats64.rx.bytes) \(.stats64.tx.packets) \(.stats64.tx.bytes)"'
	for ns in "${NAMESPACES[@]}"; do
		in_ns "$ns" ip -s -d -j link | jq -r --arg ns "$ns" "$f"
	done | sort
}
nstats_all() {
	jq -r '.interfaces[] | "\(.netns // ""):\(.ifname) \(.rx.packets) \(.rx.bytes) \(.tx.packets) \(.tx.bytes)"' | sort
}

# The live fields of interface NS:IFNAME as the kernel says them, in the snapshot's shape.
kernel_link() {
	local ns=${1%%:*} dev=${1#*:} master
	master=$(in_ns "$ns" ip -j link show "$dev" | jq -r '.[0].master // empty')
	in_ns "$ns" ip -d -j link show "$dev" | jq -c --argjson addrs \
		"$(in_ns "$ns" ip -j addr show dev "$dev" | jq -c '[.[0].addr_info[] | .local + "/" + (.prefixlen | tostring)]')" \
		--argjson port "$(if [ -n "$master" ]; then in_ns "$ns" bridge -j link show dev "$dev" | jq -c '.[0].state'; else echo null; fi)" \
		'.[0] | .linkinfo as $li | {kind: $li.info_kind, admin_up: (.flags | index("UP") != null),
		oper: (.operstate | ascii_downcase), carrier: (if (.flags | index("UP")) then
		(.flags | index("LOWER_UP") != null) else null end), mtu, mac: .address, addrs: $addrs,
		master: (.master // null), port: (if $li.info_slave_kind == "bridge" then
		{state: $port, learning: $li.info_slave_data.learning, flood: $li.info_slave_data.flood,
		isolated: $li.info_slave_data.isolated, hairpin: $li.info_slave_data.hairpin} else null end),
		stp: (if $li.info_kind == "bridge" then $li.info_data.stp_state != 0 else null end),
		vlan_filtering: (if $li.info_kind == "bridge" then $li.info_data.vlan_filtering != 0
		else null end)}'
}
# The same fields of NS:IFNAME in the snapshot on stdin (carrier only where ip can tell it: up).
snap_link() {
	jq -c --arg ns "${1%%:*}" --arg dev "${1#*:}" '.interfaces[] | select((.netns // "") == $ns
		and .ifname == $dev) | {kind, admin_up, oper, carrier: (if .admin_up then .carrier
		else null end), mtu, mac, addrs, master, port, stp, vlan_filtering}'
}
check_links() { # SNAPSHOT WHEN
	local x
	for x in $(echo "$1" | snap_points); do
		is "$(echo "$1" | snap_link "$x")" "$(kernel_link "$x")" "$2: $x's live fields are the kernel's"
	done
}

wait_quiet kstats_all
ok $? "the hand-made network is quiet before the measurement"
watch_start --interval 0.5 || { echo "Bail out! watch did not start"; exit 1; }
k0=$(kstats_all)
is "$(last_snapshot | snap_points | tr '\n' ' ')" "$(kernel_points | tr '\n' ' ')" \
	"watch with no TOPOLOGY observes every veth end, bridge and port the kernel has"
in_ns red ping -c 5 -i 0.2 -q 10.0.0.2 >/dev/null
ok $? "ping -c 5 red -> green"
in_ns red ping -c 3 -i 0.2 -q 10.0.0.3 >/dev/null
ok $? "ping -c 3 red -> $SP (the process-held namespace)"
wait_until events_seen 1 ".kind==\"icmp\" and .icmp_type==0 and .seq==3 and .netns==\"$SP\""
k1=$(kstats_all)
n=$(grep -c '"type":"snapshot"' "$T_TMP/w.json")
more_snapshots() { [ "$(grep -c '"type":"snapshot"' "$T_TMP/w.json")" -ge $((n + 2)) ]; }
wait_until more_snapshots
snap=$(last_snapshot)
is "$(echo "$snap" | nstats_all)" "$(kdelta "$k0" "$k1" | sort)" \
	"rx/tx packets and bytes of every point equal the kernel's stats64 over the interval"
is "$(echo "$snap" | jq -r --arg ns "$SP" '.interfaces[] | select(.netns == $ns) | .rx.classes.icmp')" \
	8 "$SP:eth0-p, entered through /proc/$sp/ns/net, received its 3 echo requests and the 5 to green (flooded: veth-g learns nothing)"
check_links "$snap" "before the changes"
# The namespaces, their forwarding and routes as sysctl and `ip -j route` say.
kernel_netns() {
	for ns in "${NAMESPACES[@]}"; do
		in_ns "$ns" ip -j route show table main | jq -c --arg ns "$ns" \
			--argjson fwd "$(in_ns "$ns" sysctl -n net.ipv4.ip_forward | sed 's/1/true/; s/0/false/')" \
			'{name: (if $ns == "" then null else $ns end), forwarding: $fwd, routes: [.[] |
			{dst: (if .dst == "default" then "0.0.0.0/0" elif (.dst | contains("/")) then .dst
			else .dst + "/32" end), gateway: (.gateway // null), dev: (.dev // null)}] | sort}'
	done | sort
}
is "$(echo "$snap" | jq -c '.netns[] | {name, forwarding, routes: (.routes | sort)}' | sort)" \
	"$(kernel_netns)" "the snapshot's namespaces, forwarding and routes are the kernel's"

# Changes while watching: each is in a snapshot soon after, without a restart.
ip -n green link set eth0-g down
ip -n red addr add 10.0.0.11/24 dev eth0-r
ip link set veth-p type bridge_slave learning off
changed() {
	snapshot_has '([.interfaces[] | select(.ifname == "eth0-g") | .oper][0] == "down") and
		([.interfaces[] | select(.ifname == "eth0-r") | .addrs | index("10.0.0.11/24")][0] != null)
		and ([.interfaces[] | select(.ifname == "veth-p") | .port.learning][0] == false)'
}
wait_until changed
ok $? "a link set down, an address added and a port flag changed show in the next snapshots"
snap=$(last_snapshot)
is "$(echo "$snap" | jq -c '.interfaces[] | select(.ifname == "veth-g") | [.oper, .port.state]')" \
	"$(jq -nc --arg o "$(ip -j link show veth-g | jq -r '.[0].operstate | ascii_downcase')" \
	--arg s "$(bridge -j link show dev veth-g | jq -r '.[0].state')" '[$o, $s]')" \
	"veth-g, whose peer is down, reads as ip link and bridge link say"
check_links "$snap" "after the changes"
topo_events() { grep '"kind":"topology"' "$T_TMP/w.json" | jq -c "select($1) | [.op, .object, .netns, .ifname, .field, .from, .to]"; }
is "$(topo_events '.ifname == "eth0-g" and .field == "oper"')" \
	'["change","interface","green","eth0-g","oper","up","down"]' \
	"a topology event: green:eth0-g oper up -> down"
is "$(topo_events '.ifname == "eth0-r" and .field == "addrs"')" \
	'["change","interface","red","eth0-r","addrs","10.0.0.1/24","10.0.0.1/24 10.0.0.11/24"]' \
	"a topology event: red:eth0-r gained 10.0.0.11/24"
ip netns add blue
wait_until events_seen 1 '.kind == "topology" and .op == "add" and .object == "netns" and .netns == "blue"'
ok $? "a topology event: namespace blue added (ip netns add) while watching"
watch_stop
ip netns del blue
is "$(untouched)" "$before" "observing changed no sysctl and wrote nothing under /run"

# Scope.
scope() { # ARGS...: the points of a short watch with ARGS (its messages as TAP comments)
	"$NSVIZ" watch --json --duration 0.3 "$@" 2>"$T_TMP/scope.err" | tail -1 | snap_points | tr '\n' ' '
	sed 's/^/# /' "$T_TMP/scope.err" >&2
}
is "$(scope --netns red)" ":bridge1 :veth-r red:eth0-r " "--netns red: its veth and the bridge it is on"
is "$(scope --netns p)" "p:x-p q:x-q " "--netns p: its veth to q"
is "$(scope --bridge bridge1)" "$(kernel_points | grep -v -e '^p:' -e '^q:' | tr '\n' ' ')" \
	"--bridge bridge1: the bridge, its ports and their peers"
is "$(scope --netns red,green --bridge bridge1)" \
	":bridge1 :veth-g :veth-r green:eth0-g red:eth0-r " "--netns red,green --bridge bridge1"
"$NSVIZ" watch --json --duration 0.3 --netns blue >"$T_TMP/out" 2>&1
is "$?" 2 "--netns with a namespace that is not live exits 2"
is "$(cat "$T_TMP/out")" "nsviz watch: --netns: no namespace 'blue' in live network" "and names it"

# stats, trace and fdb with no TOPOLOGY on the same network.
t_run "stats with no TOPOLOGY" "$NSVIZ" stats --interval 0.3
for x in "$SP:eth0-p" "p:x-p" "host:veth-p" "host:bridge1"; do
	like "$(cat "$T_TMP/out")" "^$x +rx " "stats lists $x"
done
"$NSVIZ" trace --json --count 1 icmp >"$T_TMP/t.out" 2>"$T_TMP/t.err" &
tpid=$!
wait_for_line "$tpid" "$T_TMP/t.err" "tracing live" "$T_TMP/t.err"
in_ns red ping -c 1 -W 2 10.0.0.3 >/dev/null
wait "$tpid"
is "$?" 0 "trace --count 1 icmp with no TOPOLOGY exits 0"
is "$(jq -r 'select(.type == "path") | [.hops[] | (.netns // "") + ":" + .ifname + ":" + .dir] |
	join(" ")' "$T_TMP/t.out")" "red:eth0-r:tx :veth-r:rx :veth-p:tx $SP:eth0-p:rx" \
	"the path of a ping red -> $SP, hop by hop"
t_run "fdb --json with no TOPOLOGY" "$NSVIZ" fdb --json
mac=$(in_ns "$SP" ip -j link show eth0-p | jq -r '.[0].address')
is "$(jq -r --arg m "$mac" '.fdb[] | select(.mac == $m) | .port + " " + .owner' "$T_TMP/out")" \
	"veth-p $SP:eth0-p" "fdb: eth0-p's MAC ($mac, ip link) on port veth-p, owned by $SP:eth0-p"

# The UI on the live network: p pings from the process-held namespace, entered by its /proc path.
. "$(dirname "$0")/tui_lib.bash"
in_echos() { # green's Icmp InEchos, from the kernel
	in_ns green awk '/^Icmp:/ && !h { for (i = 1; i <= NF; i++) if ($i == "InEchos") c = i; h = 1; next }
		/^Icmp:/ { print $c }' /proc/net/snmp
}
ip -n green link set eth0-g up
echos=$(in_echos)
tmux_start 132 43 "$NSVIZ" watch --netns "$SP,green"
wait_screen "$SP" 10
keys Right p
wait_screen "ping $SP→green 10\.0\.0\.2" 5
ok $? "p on $SP offers a ping to green" || show_screen
keys Enter
wait_screen "pinging 10\.0\.0\.2 from $SP \(5 echo requests\)" 5
ok $? "Enter starts it" || show_screen
echoed() { [ "$(in_echos)" -ge $((echos + 5)) ]; }
wait_until echoed
ok $? "green received the 5 echo requests (/proc/net/snmp InEchos $echos -> $(in_echos))"
keys q

# With a TOPOLOGY describing the hand-made network: the same live fields; an interface deleted
# while watching reads present:false with no facts.
printf '%s\n' 'netns red' 'netns green' 'bridge bridge1' \
	'veth red:eth0-r 10.0.0.1/24 -- bridge1:veth-r' 'veth green:eth0-g 10.0.0.2/24 -- bridge1:veth-g' \
	>"$T_TMP/hand.topo"
watch_start --interval 0.3 "$T_TMP/hand.topo" || { echo "Bail out! watch hand.topo did not start"; exit 1; }
check_links "$(last_snapshot)" "with a TOPOLOGY"
ip link del veth-g
gone() {
	snapshot_has '[.interfaces[] | select(.ifname == "veth-g" or .ifname == "eth0-g") |
		.present == false and .oper == null and .port == null] == [true, true]'
}
wait_until gone
ok $? "veth-g deleted while watching: it and its peer eth0-g read present:false, no facts"
is "$(topo_events '.op == "remove" and .object == "interface"' | sort | tr '\n' ' ')" \
	'["remove","interface","green","eth0-g",null,null,null] ["remove","interface",null,"veth-g",null,null,null] ' \
	"with a TOPOLOGY: the removals of veth-g and eth0-g are topology events"
ip netns add blue2
ip -n red link set eth0-r mtu 1400
wait_until events_seen 1 '.kind == "topology" and .field == "mtu" and .ifname == "eth0-r"'
ok $? "with a TOPOLOGY: red:eth0-r's MTU change is an event"
is "$(topo_events '.netns == "blue2"')" "" "a namespace the TOPOLOGY does not name is not"
is "$(last_snapshot | jq -c '[.interfaces[] | select(.ifname == "eth0-r") | .present, .oper]')" \
	'[true,"up"]' "red:eth0-r is still there and up"
watch_stop
done_testing
