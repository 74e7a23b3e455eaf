#!/usr/bin/env bash
# up and down of a bridge inside a namespace (`bridge NS:NAME`) and of ports that are no veth
# (`port tap`, `port dummy`): every object as `ip -d -j` says, the taps made as `ip tuntap` makes
# them, host ports recorded and removed by down and nothing else; a step refused halfway (an
# injected failure at each step; a dummy on a kernel without the driver) rolls back everything.
# In a pid namespace of its own: `check` reads the live network, which would else include the
# namespaces other tests' processes hold.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"

cat >"$T_TMP/ports.topo" <<'TOPO'
netns lab
netns red
bridge lab:br0 10.1.0.1/24
bridge hb
veth red:eth0 10.1.0.2/24 -- br0:p-red
veth lab:eth1 -- hb:p-lab
port tap br0:t0 nolearning
port tap hb:t1 mtu 1400 hairpin
TOPO
nothing_left() {
	is "$(ip netns list)" "" "$1: no namespace left"
	is "$(ip -br link | awk '{print $1}' | tr '\n' ' ')" "lo " "$1: no link left on the host"
	t_run "$1: no record left" test ! -e "/run/nsviz/$2.state"
}
# "IFNAME KIND MASTER" of each link but lo in namespace $1 ("" the host), sorted.
links() {
	ip ${1:+-n $1} -d -j link | jq -r '.[] | select(.ifname != "lo") |
		"\(.ifname) \(.linkinfo.info_kind) \(.master // "-")"' | sort | tr '\n' ','
}

t_run "up of a bridge inside a namespace and tap ports" "$NSVIZ" up "$T_TMP/ports.topo"
is "$(links lab)" "br0 bridge -,eth1 veth -,p-red veth br0,t0 tun br0," \
	"lab holds br0, the veth end onto hb, red's port and the tap t0 on br0 (ip -d link)"
is "$(links "")" "hb bridge -,p-lab veth hb,t1 tun hb," "the host holds hb, lab's port and the tap t1"
is "$(ip -n lab -d -j link show t0 | jq -c '.[0] | [.linkinfo.info_data.type, .linkinfo.info_data.pi,
	.linkinfo.info_data.persist, .linkinfo.info_slave_data.learning]')" '["tap",false,true,false]' \
	"t0 is a persistent tap without packet information, a port without learning"
is "$(ip -d -j link show t1 | jq -c '.[0] | [.mtu, .linkinfo.info_slave_data.hairpin]')" \
	'[1400,true]' "t1 has MTU 1400 and hairpin"
is "$(ip -n lab -j addr show br0 | jq -r '.[0].addr_info[] | select(.family == "inet") |
	"\(.local)/\(.prefixlen)"')" 10.1.0.1/24 "br0 inside lab has its address"
t_run "red pings br0 inside lab" ip netns exec red ping -c1 -W2 10.1.0.1
like "$(cat /run/nsviz/ports.state)" $'\ntap t1 [0-9]+\n' "the host tap is recorded as 'tap t1 IFINDEX'"
is "$(grep -c -e ' t0 ' -e ' br0 ' /run/nsviz/ports.state)" 0 \
	"what is inside lab is not recorded: it goes with the namespace"
t_run "up again: already up" "$NSVIZ" up "$T_TMP/ports.topo"
like "$(cat "$T_TMP/out")" "ports is already up" "and says so"
t_run "check: as declared" "$NSVIZ" check "$T_TMP/ports.topo"
ip tuntap add dev keep mode tap
t_run "down" "$NSVIZ" down "$T_TMP/ports.topo"
like "$(cat "$T_TMP/out")" "removed tap t1" "down removed the host tap"
is "$(ip -br link | awk '{print $1}' | sort | tr '\n' ' ')" "keep lo " \
	"nothing of the topology is left, a tap nsviz did not make stays"
ip link del keep

# Every step of up refused in turn: nothing is left.
for n in $(seq 1 19); do
	NSVIZ_FAIL_AT=$n "$NSVIZ" up "$T_TMP/ports.topo" >"$T_TMP/out" 2>&1
	rc=$?
	[ "$rc" -eq 0 ] && { "$NSVIZ" down "$T_TMP/ports.topo" >/dev/null 2>&1; break; }
	like "$rc $(grep '^nsviz up:' "$T_TMP/out")" '^1 nsviz up: .+: Input/output error; rolled back [0-9]+ objects?$' \
		"step $n fails: the step is named, the rollback counted"
	nothing_left "step $n fails" ports
done
[ "$n" -ge 10 ]
ok $? "more than 10 steps were refused in turn (the last: $n)"

# A dummy port: built where the kernel has the driver, else refused and rolled back.
sed 's/^port tap hb:t1.*/port dummy hb:d1/' "$T_TMP/ports.topo" >"$T_TMP/dummies.topo"
if ip link add probe-d type dummy 2>/dev/null; then
	ip link del probe-d
	t_run "up with a dummy port" "$NSVIZ" up "$T_TMP/dummies.topo"
	is "$(links "")" "d1 dummy hb,hb bridge -,p-lab veth hb," "d1 is a dummy on hb"
	t_run "down" "$NSVIZ" down "$T_TMP/dummies.topo"
else
	"$NSVIZ" up "$T_TMP/dummies.topo" >"$T_TMP/out" 2>&1
	is "$? $(grep '^nsviz up:' "$T_TMP/out")" \
		"1 nsviz up: create dummy hb:d1: Operation not supported; rolled back 4 objects" \
		"this kernel has no dummy driver: the step is refused, lab, red, hb and p-lab rolled back"
fi
nothing_left "after the dummy" dummies
done_testing
