#!/usr/bin/env bash
# `nsviz discover` on the tutorial's network made by hand with ip (not nsviz), plus a namespace
# held only by a process (`unshare -n sleep`) on the bridge, a port set down, changed MTUs, port
# flags, STP, a route, forwarding, and two namespace-to-namespace veths whose ifindexes look
# alike, a bridge inside a namespace with a veth port and a tap, a tap on bridge1 (a dummy too
# where the kernel has the driver): each is listed as `ip -j` says; observing changes nothing;
# and in a second fresh sandbox
# `nsviz up` of the output rebuilds it as `ip -j` says, it discovers as the same text, and pings
# cross it. Then odd names: taken twice, stale, too long.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"

# The seed's own commands (ip for brctl, which is not installed everywhere).
setup_begin
ip netns add red
ip netns add green
ip link add bridge1 type bridge
ip link add eth0-r type veth peer name veth-r
ip link set eth0-r netns red
ip link set veth-r master bridge1
ip link add eth0-g type veth peer name veth-g
ip link set eth0-g netns green
ip link set veth-g master bridge1
ip link set bridge1 up
for c in r:red g:green; do
	ip link set "veth-${c%%:*}" up
	ip -n "${c#*:}" link set lo up
	ip -n "${c#*:}" link set "eth0-${c%%:*}" up
done
ip -n red addr add 10.0.0.1/24 dev eth0-r
ip -n green addr add 10.0.0.2/24 dev eth0-g
# A namespace only a process holds, on the bridge, with its MTU changed on both ends.
proc_held_port
# A port set down, a route, forwarding.
ip netns add blue
ip link add eth0-b type veth peer name veth-b
ip link set eth0-b netns blue
ip link set veth-b master bridge1
ip -n blue link set eth0-b up
ip -n blue addr add 10.0.0.4/24 dev eth0-b
ip -n red route add 10.9.0.0/16 via 10.0.0.2
ip netns exec green sysctl -qw net.ipv4.ip_forward=1
# Port flags: no learning on veth-g, hairpin on veth-r.
ip link set dev veth-g type bridge_slave learning off
ip link set dev veth-r type bridge_slave hairpin on
# A bridge with spanning tree on.
ip link add br-stp type bridge stp_state 1
# Two namespace-to-namespace pairs: every end is ifindex 2 pointing at ifindex 2.
for pair in p:q r2:s2; do
	a=${pair%%:*} b=${pair#*:}
	ip netns add "$a"
	ip netns add "$b"
	ip -n "$a" link add name "x-$a" type veth peer name "x-$b"
	ip -n "$a" link set "x-$b" netns "$b"
done
# A bridge inside namespace lab, with lab-h on it through a veth, and a tap; a tap on bridge1.
ip netns add lab
ip netns add lab-h
ip -n lab link add br-lab type bridge
ip -n lab link set br-lab up
ip -n lab addr add 10.0.7.1/24 dev br-lab
ip -n lab-h link add eth0 type veth peer name lab-p netns lab
ip -n lab link set lab-p master br-lab up
ip -n lab-h link set eth0 up
ip -n lab-h addr add 10.0.7.2/24 dev eth0
ip -n lab tuntap add dev tap-l mode tap
ip -n lab link set tap-l master br-lab up
ip tuntap add dev tap-h mode tap
ip link set tap-h master bridge1 up
ip link set dev tap-h type bridge_slave learning off
setup_end
# The dummy driver is not in every kernel: a dummy port only where it is.
if ip -n lab link add d-l type dummy 2>/dev/null; then
	ip -n lab link set d-l master br-lab up
else
	echo "# no dummy driver in this kernel: no dummy port"
fi
ip netns exec red ping -c1 -W2 10.0.0.2 >/dev/null 2>&1 || echo "Bail out! the hand-made network does not ping"
ip netns exec lab-h ping -c1 -W2 10.0.7.1 >/dev/null 2>&1 || echo "Bail out! lab-h does not ping br-lab"

# What the kernel says, read before nsviz runs and after: observing must change nothing.
kernel_state() {
	for ns in $(ip -j netns list | jq -r '.[].name' | sort); do
		echo "== $ns"
		ip -n "$ns" -j addr | jq -c '.[] | [.ifname, .flags, .mtu, .operstate, [.addr_info[].local]]'
		ip -n "$ns" -j route
		ip netns exec "$ns" sysctl -n net.ipv4.ip_forward net.ipv6.conf.default.addr_gen_mode
	done
	ip -j addr | jq -c '.[] | [.ifname, .flags, .mtu, .master, [.addr_info[].local]]'
	ls -A /run
}
before=$(kernel_state)

t_run "discover succeeds" "$NSVIZ" discover
cp "$T_TMP/out" "$T_TMP/live.topo"
out=$(cat "$T_TMP/live.topo")
sed 's/^/# /' "$T_TMP/live.topo"
is "$(kernel_state)" "$before" "discovering changed no address, link, route, sysctl nor /run"

# Namespaces: every name `ip netns` lists, and the process-held one as COMM-PID.
for ns in $(ip -j netns list | jq -r '.[].name'); do
	like "$out" "^netns $ns( forwarding)?\$" "netns $ns listed (ip netns list)"
done
like "$out" "^netns sleep-$sp\$" "the namespace held by sleep (pid $sp) is listed as sleep-$sp"
like "$out" '^netns green forwarding$' "green forwards (its ip_forward is 1)"
like "$out" '^netns red$' "red does not forward"
# Bridges (of the host, and lab's as lab:NAME) and ports of each kind as `ip -d -j link` says.
for ns in "" lab; do
	for br in $(ip ${ns:+-n $ns} -j link show type bridge | jq -r '.[].ifname'); do
		like "$out" "^bridge ${ns:+$ns:}$br( |\$)" "bridge ${ns:+$ns:}$br listed"
		for port in $(ip ${ns:+-n $ns} -d -j link show master "$br" |
				jq -r '.[] | "\(.linkinfo.info_kind):\(.ifname)"'); do
			case ${port%%:*} in
			veth) want="^veth .* -- $br:${port#*:}( |\$)" ;;
			tun) want="^port tap $br:${port#*:}( |\$)" ;;
			*) want="^port ${port%%:*} $br:${port#*:}( |\$)" ;;
			esac
			like "$out" "$want" "${port%%:*} port ${port#*:} of $br listed as $br:${port#*:}"
		done
	done
done
like "$out" '^bridge lab:br-lab 10.0.7.1/24$' "lab's bridge with its address"
like "$out" '^veth lab-h:eth0 10.0.7.2/24 -- br-lab:lab-p$' "lab-h's veth onto the bridge inside lab"
like "$out" '^port tap bridge1:tap-h nolearning$' "the host tap, a port without learning"
stp=$(ip -d -j link show br-stp | jq -r '.[0].linkinfo.info_data.stp_state')
is "$stp $(grep '^bridge br-stp' "$T_TMP/live.topo")" "1 bridge br-stp down stp" \
	"br-stp, never set up, with STP on (ip -d: stp_state $stp)"
mtu=$(ip -j link show bridge1 | jq -r '.[0].mtu')
like "$out" "^bridge bridge1 mtu $mtu\$" "bridge1's MTU ($mtu, from its 1400 port) is written"
# Each veth end with its peer, its addresses, MTU and state, all from `ip -j`.
veth_end() { # NS IFNAME: "NS:IFNAME ADDR... [mtu N] [down]" as ip -j shows it
	ip -n "$1" -j addr show dev "$2" | jq -r --arg ns "$1" '.[0] |
		[$ns + ":" + .ifname] + [.addr_info[] | select(.scope == "global") |
		.local + "/" + (.prefixlen | tostring)] + (if .mtu != 1500 then ["mtu", .mtu]
		else [] end) + (if (.flags | index("UP")) then [] else ["down"] end) |
		map(tostring) | join(" ")'
}
port_end() { # PORT: "BRIDGE:PORT [mtu N] [down] [nolearning] [noflood] [isolated] [hairpin]"
	ip -d -j link show dev "$1" | jq -r '.[0] | .linkinfo.info_slave_data as $p |
		[.master + ":" + .ifname] + (if .mtu != 1500 then ["mtu", .mtu] else [] end) +
		(if (.flags | index("UP")) then [] else ["down"] end) +
		(if $p.learning then [] else ["nolearning"] end) +
		(if $p.flood then [] else ["noflood"] end) +
		(if $p.isolated then ["isolated"] else [] end) +
		(if $p.hairpin then ["hairpin"] else [] end) | map(tostring) | join(" ")'
}
sleep_end=$(nsenter -t "$sp" -n ip -j addr show dev eth0-p | jq -r --arg ns "sleep-$sp" '.[0] |
	[$ns + ":" + .ifname, (.addr_info[] | select(.scope == "global") | .local + "/" +
	(.prefixlen | tostring)), "mtu", (.mtu | tostring)] | join(" ")')
for pair in "$(veth_end red eth0-r) -- $(port_end veth-r)" \
	    "$(veth_end green eth0-g) -- $(port_end veth-g)" \
	    "$(veth_end blue eth0-b) -- $(port_end veth-b)" \
	    "$sleep_end -- $(port_end veth-p)" \
	    "$(veth_end p x-p) -- $(veth_end q x-q)" "$(veth_end r2 x-r2) -- $(veth_end s2 x-s2)"; do
	like "$out" "^veth $pair\$" "veth $pair"
done
like "$out" '-- bridge1:veth-b down$' "the port set down is written down"
like "$out" '-- bridge1:veth-g nolearning$' "the port without learning is written nolearning"
like "$out" '-- bridge1:veth-r hairpin$' "the hairpin port is written hairpin"
like "$out" "^veth sleep-$sp:eth0-p 10.0.0.3/24 mtu 1400 -- bridge1:veth-p mtu 1400\$" \
	"the changed MTU is written on both ends"
links() { ip -n "$1" -j link show "$2" | jq -r '.[0] | "\(.ifindex)->\(.link_index)"'; }
is "$(links p x-p) $(links q x-q)" "$(links r2 x-r2) $(links s2 x-s2)" \
	"p:x-p, q:x-q look like r2:x-r2, s2:x-s2 by ifindex (the peers were told apart by namespace id)"
via=$(ip -n red -j route show 10.9.0.0/16 | jq -r '.[0].gateway')
like "$out" "^route red 10.9.0.0/16 via $via\$" "red's route via $via (ip route)"
like "$out" '^# \(host\): lo: loopback$' "the host's loopback is a note, not dropped"
is "$(grep -c -v -e '^#' -e '^netns ' -e '^bridge ' -e '^veth ' -e '^port ' -e '^route ' "$T_TMP/live.topo")" 0 \
	"every line is a statement or a note"

# JSON: the live facts, against ip -j.
t_run "discover --json succeeds" "$NSVIZ" discover --json
json=$(cat "$T_TMP/out")
t_run "discover --json is one strict JSON line" python3 "$TOP/tests/integration/json_strict.py" "$T_TMP/out"
iface() { jq -c --arg ns "$1" --arg i "$2" '.netns[] | select((.name // "") == $ns) |
	.interfaces[] | select(.ifname == $i)' <<<"$json"; }
is "$(iface red eth0-r | jq -r '.mac')" "$(ip -n red -j link show eth0-r | jq -r '.[0].address')" \
	"red:eth0-r's MAC is the kernel's"
is "$(iface '' veth-b | jq -c '[.admin_up, .oper, .master, .port.state]')" \
	'[false,"down","bridge1","disabled"]' "veth-b: down, a disabled port of bridge1"
is "$(iface '' veth-r | jq -c '[.admin_up, .oper, .carrier, .port.state, .port.learning, .peer]')" \
	'[true,"up",true,"forwarding",true,{"netns":"red","ifname":"eth0-r"}]' \
	"veth-r: up, a forwarding learning port, peer red:eth0-r"
is "$(jq -r --arg n "sleep-$sp" '.netns[] | select(.name == $n) | [.origin, .pid] | join(" ")' \
	<<<"$json")" "process $sp" "sleep-$sp is held by process $sp"
is "$(iface green eth0-g | jq -c '.addrs | map(select(startswith("10.")))')" '["10.0.0.2/24"]' \
	"green:eth0-g has 10.0.0.2/24"

# Round trip in a second sandbox: up of the output, then discover again.
roundtrip() {
	mount -t tmpfs nsviz-test2 /run && mkdir -p /run/netns && ip link set lo up &&
	"$NSVIZ" up "$T_TMP/live.topo" >"$T_TMP/up.out" 2>&1 &&
	"$NSVIZ" discover >"$T_TMP/second.topo" &&
	ip -d -j link >"$T_TMP/second-host.json" &&
	ip -n "sleep-$sp" -j link show eth0-p >"$T_TMP/second-sleep.json" &&
	ip -n lab -d -j link >"$T_TMP/second-lab.json" &&
	ip netns exec red ping -c1 -W2 10.0.0.2 >/dev/null &&
	ip netns exec lab-h ping -c1 -W2 10.0.7.1 >/dev/null &&
	ip netns exec red ping -c1 -W2 10.0.0.3 >/dev/null &&
	! ip netns exec red ping -c1 -W1 10.0.0.4 >/dev/null
}
export -f roundtrip
export NSVIZ T_TMP sp
t_run "in a fresh sandbox, up of the output, discover, red pings green and sleep-$sp, not blue, lab-h pings br-lab" \
	unshare -n -m -p -f --mount-proc --propagation private bash -c roundtrip
[ -s "$T_TMP/up.out" ] && sed 's/^/# up: /' "$T_TMP/up.out"
is "$(cat "$T_TMP/second.topo" 2>&1)" "$out" "the rebuilt network discovers as the same text"
# What up built, as ip -j says: the MTUs, the port left down, STP.
is "$(jq -c '.[] | select(.ifname == "veth-p" or .ifname == "bridge1") | [.ifname, .mtu]' \
	"$T_TMP/second-host.json" | sort | tr '\n' ' ')$(jq -c '.[0].mtu' "$T_TMP/second-sleep.json")" \
	'["bridge1",1400] ["veth-p",1400] 1400' "up set the MTUs: bridge1, veth-p and its peer 1400"
is "$(jq -c '.[] | select(.ifname == "veth-b") | [(.flags | index("UP") != null), .master]' \
	"$T_TMP/second-host.json")" '[false,"bridge1"]' "up left veth-b down, a port of bridge1"
is "$(jq -c '.[] | select(.ifname == "br-stp") | .linkinfo.info_data.stp_state' \
	"$T_TMP/second-host.json")" 1 "up made br-stp with STP on"
is "$(jq -c '.[] | select(.ifname == "veth-g" or .ifname == "veth-r") | [.ifname,
	.linkinfo.info_slave_data.learning, .linkinfo.info_slave_data.hairpin]' \
	"$T_TMP/second-host.json" | sort | tr '\n' ' ')" '["veth-g",false,false] ["veth-r",true,true] ' \
	"up set the port flags: veth-g without learning, veth-r hairpin"

is "$(jq -c '[.[] | select(.ifname != "lo") | [.ifname, .linkinfo.info_kind, .master]] | sort' \
	"$T_TMP/second-lab.json")" "$(ip -n lab -d -j link | jq -c '[.[] | select(.ifname != "lo") |
	[.ifname, .linkinfo.info_kind, .master]] | sort')" \
	"up made lab's bridge, its veth port and its tap (and dummy) inside lab, as ip -d says"
is "$(jq -c '.[] | select(.ifname == "tap-h") | [.linkinfo.info_kind, .master,
	.linkinfo.info_slave_data.learning]' "$T_TMP/second-host.json")" '["tun","bridge1",false]' \
	"up made tap-h, a tap on bridge1 without learning"

# A /run/netns name that is also the process-held namespace's COMM-PID: both stay, apart.
ip netns add "sleep-$sp"
t_run "discover with a name taken twice succeeds" "$NSVIZ" discover
out=$(cat "$T_TMP/out")
like "$out" "^netns sleep-$sp\$" "the named sleep-$sp keeps its name"
like "$out" "^veth sleep-$sp-2:eth0-p .* -- bridge1:veth-p" \
	"the process-held one becomes sleep-$sp-2, with its veth"

# A /run/netns entry nothing is mounted on (a half-made `ip netns add`) is no namespace.
touch /run/netns/stale
t_run "discover with a stale /run/netns entry succeeds" "$NSVIZ" discover
is "$(grep -c stale "$T_TMP/out")" 0 "the stale entry is no namespace"

# A name ip netns takes but a .topo file cannot hold (over 64 bytes): a note, not dropped.
long=$(printf 'n%.0s' $(seq 70))
ip netns add "$long"
t_run "discover with a 70-byte namespace name succeeds" "$NSVIZ" discover
like "$(cat "$T_TMP/out")" "^# $long: a namespace whose name is no .topo name\$" \
	"the 70-byte name is a note"

"$NSVIZ" discover seed >"$T_TMP/out" 2>&1
is "$? $(cat "$T_TMP/out")" "2 nsviz discover: unexpected argument 'seed': discover reads the live \
network, not a topology" "discover with an argument exits 2 and says why"
done_testing
