#!/usr/bin/env bash
# watch with no TOPOLOGY observes a bridge inside a namespace, its veth ports and its ports of
# other kinds (a tap a process holds open, a vxlan), all made with plain ip: every counter equals
# the kernel's stats64 after a ping the test sends (a tap counts what its reader took; a vxlan
# without a remote drops what it is given, so its tx packets are the kernel's tx_dropped). This
# kernel has no dummy driver: the tap is the port the kernel counts like one. --if NETNS:IFNAME
# adds an interface nsviz would not observe (a namespace's lo): it counts a ping 127.0.0.1 exactly.
# Bad --if values are refused with exit 2. fdb and check read the bridge inside the namespace.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/watch.bash"
sandbox_build "$@"
for ns in lab a b; do
	ip netns add $ns
	ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip -n $ns link set lo up
done
ip -n lab link add br0 type bridge
ip -n lab link add vx0 type vxlan id 5 dstport 4789
ip -n lab link set vx0 master br0 up
ip -n lab tuntap add dev t0 mode tap
ip -n lab link set t0 master br0 up
# A process holds the tap open (IFF_TAP | IFF_NO_PI): it has carrier and the bridge floods to it.
ip netns exec lab python3 -c 'import fcntl, os, struct
f = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(f, 0x400454ca, struct.pack("16sH", b"t0", 0x1002))
while os.read(f, 65536): pass' &
tp=$!
at_exit "kill $tp"
tap_up() { [ "$(ip -n lab -j link show t0 | jq -r '.[0].operstate')" = UP ]; }
wait_until tap_up
for c in a b; do
	ip -n $c link add eth0 type veth peer name p$c netns lab
	ip -n lab link set p$c master br0 up
	ip -n $c link set eth0 up
done
ip -n lab link set br0 up
ip -n a addr add 10.0.5.1/24 dev eth0
ip -n b addr add 10.0.5.2/24 dev eth0
setup_end

POINTS="a:eth0 b:eth0 lab:br0 lab:pa lab:pb lab:t0"
# "NETNS:IFNAME rx_packets rx_bytes tx_packets tx_bytes" of each of $1, from stats64.
kstats_of() {
	local x
	for x in $1; do
		ip -n "${x%%:*}" -s -j link show "${x#*:}" | jq -r --arg x "$x" '.[0].stats64 |
			"\($x) \(.rx.packets) \(.rx.bytes) \(.tx.packets) \(.tx.bytes)"'
	done
}
kstats_points() { kstats_of "$POINTS"; }
snap_points() { jq -r '.interfaces[] | (.netns // "host") + ":" + .ifname' | sort | tr '\n' ' '; }
nstats_of() { # SNAPSHOT POINTS
	local x
	for x in $2; do
		echo "$1" | jq -r --arg ns "${x%%:*}" --arg dev "${x#*:}" '.interfaces[] |
			select(.netns == $ns and .ifname == $dev) |
			"\($ns):\($dev) \(.rx.packets) \(.rx.bytes) \(.tx.packets) \(.tx.bytes)"'
	done
}
# Wait for two more snapshots than now, then print the last.
next_snapshot() {
	local n
	n=$(grep -c '"type":"snapshot"' "$T_TMP/w.json")
	more() { [ "$(grep -c '"type":"snapshot"' "$T_TMP/w.json")" -ge $((n + 2)) ]; }
	wait_until more
	last_snapshot
}

wait_quiet kstats_points
ok $? "the hand-made network is quiet before the measurement"
watch_start --interval 0.3 --if a:lo || { echo "Bail out! watch did not start"; exit 1; }
is "$(last_snapshot | snap_points)" "a:eth0 a:lo b:eth0 lab:br0 lab:pa lab:pb lab:t0 lab:vx0 " \
	"observed: both ends of each veth, the bridge in lab, its tap and vxlan ports, and --if a:lo"
is "$(last_snapshot | jq -c '[.interfaces[] | select(.ifname == "t0" or .ifname == "vx0") |
	{ifname, bridge, kind, master, peer}] | sort_by(.ifname)')" \
	'[{"ifname":"t0","bridge":"br0","kind":"tun","master":"br0","peer":null},{"ifname":"vx0","bridge":"br0","kind":"vxlan","master":"br0","peer":null}]' \
	"the tap and the vxlan are ports of br0 without a peer" || last_snapshot | jq -c '.interfaces[0]' | sed 's/^/# /' >&2
k0=$(kstats_points)
lo0=$(kstats_of a:lo)
vx0=$(ip -n lab -s -j link show vx0 | jq '.[0].stats64 | [.rx.packets, .tx.dropped]')
ip netns exec a ping -c 5 -i 0.2 -q 10.0.5.2 >/dev/null
ok $? "ping -c 5 a -> b across the bridge inside lab"
ip netns exec a ping -c 3 -i 0.2 -q 127.0.0.1 >/dev/null
ok $? "ping -c 3 127.0.0.1 inside a"
k1=$(kstats_points)
lo1=$(kstats_of a:lo)
vx1=$(ip -n lab -s -j link show vx0 | jq '.[0].stats64 | [.rx.packets, .tx.dropped]')
snap=$(next_snapshot)
is "$(nstats_of "$snap" "$POINTS")" "$(kdelta "$k0" "$k1")" \
	"rx/tx packets and bytes of the bridge, its veth and tap ports and the veth peers equal stats64"
is "$(echo "$snap" | jq -c '.interfaces[] | select(.ifname == "vx0") | [.rx.packets, .tx.packets]')" \
	"$(jq -nc --argjson a "$vx0" --argjson b "$vx1" '[$b[0] - $a[0], $b[1] - $a[1]]')" \
	"the vxlan port without a remote: its rx, and its tx as the kernel's tx_dropped"
like "$(nstats_of "$snap" lab:t0)" '^lab:t0 0 0 [1-9]' "the tap port saw what br0 flooded to it (ARP at least)"
# loopback's driver counts a frame without its 14-byte Ethernet header; nsviz counts whole frames.
is "$(nstats_of "$snap" a:lo)" "$(kdelta "$lo0" "$lo1" | awk '{print $1, $2, $3 + 14 * $2, $4, $5 + 14 * $4}')" \
	"--if a:lo counts what the kernel counts on a's lo (plus each frame's Ethernet header)"
is "$(nstats_of "$snap" a:lo | cut -d' ' -f2,4)" "6 6" \
	"a's lo: the 3 echo requests and 3 replies, each received and sent once"
is "$(echo "$snap" | jq -r '[.flows[] | select(.proto == "icmp" and .src == "127.0.0.1") |
	"\(.dport):\(.packets)"] | sort | join(" ")')" "0:3 8:3" \
	"its flows: 3 echo requests and 3 replies, counted once where sent, not again where lo receives"
watch_stop

# --if with the topology's own interface is not a second point; --if host:lo adds the host's lo.
"$NSVIZ" watch --json --duration 0.3 --if lab:pa --if host:lo --if :lo >"$T_TMP/o.json" 2>"$T_TMP/o.err"
is "$?" 0 "watch --if lab:pa --if host:lo --if :lo"
is "$(tail -1 "$T_TMP/o.json" | snap_points)" \
	"a:eth0 b:eth0 host:lo lab:br0 lab:pa lab:pb lab:t0 lab:vx0 " \
	"an --if already observed is one point; host and '' are the host namespace"

# fdb reads the bridge inside lab: a's MAC learned on pa, as the kernel says.
mac_a=$(ip -n a -j link show eth0 | jq -r '.[0].address')
is "$("$NSVIZ" fdb --json | jq -r '.fdb[] | select(.bridge == "br0" and .type == "learned" and
	.port == "pa") | .mac')" "$mac_a" "fdb: br0 inside lab learned a's MAC ($mac_a) on pa"
is "$(ip netns exec lab bridge -j fdb show br br0 | jq -r --arg m "$mac_a" '.[] | select(.mac == $m) | .ifname')" \
	pa "and so says bridge fdb in lab"

# A file describing this network: check finds it as declared, then a port taken off its bridge.
cat >"$T_TMP/lab.topo" <<'TOPO'
netns lab
netns a
netns b
bridge lab:br0
veth a:eth0 10.0.5.1/24 -- br0:pa
veth b:eth0 10.0.5.2/24 -- br0:pb
port tap br0:t0
TOPO
"$NSVIZ" check "$T_TMP/lab.topo" >"$T_TMP/out" 2>&1
is "$?: $(cat "$T_TMP/out")" "0: topology lab matches the live network" \
	"check: the bridge inside lab, its veth ports and its tap are as the file declares"
ip -n lab link set t0 nomaster
"$NSVIZ" check "$T_TMP/lab.topo" >"$T_TMP/out" 2>&1
is "$?: $(head -1 "$T_TMP/out")" "3: declared lab:t0 on br0 but it has no master" \
	"check: the tap taken off br0 is a difference"
ip -n lab link set t0 master br0
# --if with a TOPOLOGY: the file's points, then a's lo.
is "$("$NSVIZ" stats --interval 0.2 --if a:lo "$T_TMP/lab.topo" 2>&1 | awk 'NR > 2 && $2 == "rx" {print $1}' | tr '\n' ' ')" \
	"a:eth0 lab:pa b:eth0 lab:pb lab:br0 lab:t0 a:lo " \
	"stats with a TOPOLOGY and --if a:lo: the file's veth ends, bridge and tap, then a:lo"

bad_if() { # VALUE MESSAGE
	timeout 10 "$NSVIZ" "$CMD" --if "$1" </dev/null >"$T_TMP/out" 2>&1
	is "$?/$(wc -l <"$T_TMP/out")" 2/1 "$CMD --if '$1' exits 2 with one line"
	like "$(cat "$T_TMP/out")" "$2" "and says: $2"
}
for CMD in watch stats trace; do
	bad_if eth0 "^nsviz $CMD: --if 'eth0': expected NETNS:IFNAME"
	bad_if a: "^nsviz $CMD: --if 'a:': the interface name is empty"
	bad_if a:abcdefghijklmnop "longer than 15 bytes"
	bad_if nope:eth0 "^nsviz: --if nope:eth0: no namespace nope"
	bad_if a:eth9 "^nsviz: --if a:eth9: no interface eth9"
done
"$NSVIZ" fdb --if a:lo >"$T_TMP/out" 2>&1
is "$?" 2 "fdb has no --if"
done_testing
