#!/usr/bin/env bash
# `nsviz check` on the tutorial's network made by hand with ip (never nsviz), as examples/seed.topo
# declares it: no difference, exit 0. Then one thing changed at a time with ip, each named in one
# line with the file's value and the kernel's (read back with `ip -j`), exit 3, and put back;
# `watch --json` carries the same events before its first snapshot, `stats` says them on stderr.
# A file using every option, built by `nsviz up`, matches; a port flag, STP, forwarding and a
# route changed with ip are named. Bad usage exits 2.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"

setup_begin
ip link add bridge1 up type bridge
lan_member r red 10.0.0.1/24
lan_member g green 10.0.0.2/24
setup_end
seed=$TOP/examples/seed.topo

# check_is NAME STATUS LINES...: `check $file` exits STATUS and prints LINES (the summary last).
file=$seed
check_is() {
	local name=$1 status=$2 got rc
	shift 2
	got=$("$NSVIZ" check "$file" 2>&1)
	rc=$?
	is "$rc" "$status" "$name: exit $status"
	is "$got" "$(printf '%s\n' "$@")" "$name: named with both values"
}

check_is "the hand-built network as the file says" 0 "topology seed matches the live network"
is "$("$NSVIZ" check "$seed" --json)" '{"type":"check","topology":"seed","mismatches":0}' \
	"--json: no event, and a closing line that says so"

ip link set veth-g nomaster
is "$(ip -j link show veth-g | jq -r '.[0].master // "none"')" none \
	"the kernel: veth-g has no master"
check_is "a port off its bridge" 3 "declared veth-g on bridge1 but it has no master" \
	"topology seed: 1 difference from the live network"
"$NSVIZ" check "$seed" --json > "$T_TMP/check.json"
event=$(jq -c 'select(.kind=="mismatch") | del(.time)' "$T_TMP/check.json")
is "$event" '{"type":"event","kind":"mismatch","object":"interface","netns":null,"ifname":"veth-g","field":"master","declared":"bridge1","live":null,"text":"declared veth-g on bridge1 but it has no master"}' \
	"--json: the event with both values"
is "$(tail -n1 "$T_TMP/check.json")" '{"type":"check","topology":"seed","mismatches":1}' \
	"--json: the closing line counts it"
"$NSVIZ" watch "$seed" --json --duration 1 > "$T_TMP/watch.json" 2> "$T_TMP/watch.err"
is "$?" 0 "watch --json runs on the hand-built network"
is "$(head -n1 "$T_TMP/watch.json" | jq -c 'del(.time)')" "$event" \
	"watch --json: the same event, before the first snapshot"
is "$(jq -c 'select(.kind=="mismatch")' "$T_TMP/watch.json" | wc -l)" 1 "watch --json: once"
python3 "$(dirname "$0")/json_strict.py" "$T_TMP/check.json" "$T_TMP/watch.json" \
	> "$T_TMP/strict" 2>&1
ok $? "check's and watch's lines are strict JSON" || sed 's/^/# /' "$T_TMP/strict" >&2
"$NSVIZ" stats "$seed" --interval 0.1 > "$T_TMP/stats.out" 2> "$T_TMP/stats.err"
is "$(cat "$T_TMP/stats.err")" "nsviz stats: declared veth-g on bridge1 but it has no master" \
	"stats: the difference on stderr, one line"
"$NSVIZ" watch "$seed" --duration 0.5 > "$T_TMP/table.out" 2> "$T_TMP/table.err"
is "$(cat "$T_TMP/table.err")" "nsviz watch: declared veth-g on bridge1 but it has no master" \
	"watch's table: the difference on stderr, one line"
ip link set veth-g master bridge1

ip -n green addr del 10.0.0.2/24 dev eth0-g
ip -n green addr add 10.0.1.2/24 dev eth0-g
have=$(ip -n green -j addr show eth0-g | jq -r '.[0].addr_info[] | select(.scope!="link") |
	"\(.local)/\(.prefixlen)"')
check_is "an address changed" 3 "declared 10.0.0.2/24 on green:eth0-g but it has $have" \
	"topology seed: 1 difference from the live network"
ip -n green addr del 10.0.1.2/24 dev eth0-g
ip -n green addr add 10.0.0.2/24 dev eth0-g

ip -n red link set eth0-r down
check_is "a link set down" 3 "declared red:eth0-r up but it is down" \
	"topology seed: 1 difference from the live network"
ip -n red link set eth0-r up

ip link set veth-r mtu 1400
have=$(ip -j link show veth-r | jq -r '.[0].mtu')
check_is "an MTU changed" 3 "declared mtu 1500 on veth-r but it has mtu $have" \
	"topology seed: 1 difference from the live network"
ip link set veth-r mtu 1500

check_is "everything put back" 0 "topology seed matches the live network"

# Deleting the namespace deletes its veth, and so the other end: two differences, not one per
# thing in the namespace.
ip netns del green
# The kernel tears the namespace down, and the veth with it, a moment later.
veth_gone() { ! ip link show veth-g >/dev/null 2>&1; }
wait_until veth_gone
ok $? "the kernel removed veth-g with green"
check_is "a namespace deleted" 3 "declared netns green but it does not exist" \
	"declared interface veth-g on the host but it does not exist" \
	"topology seed: 2 differences from the live network"

# Every option of the format, built by nsviz: nothing is a difference that `up` makes. Then a
# port flag, STP, forwarding and a route changed with ip: each named.
cat > "$T_TMP/opts.topo" <<'TOPO'
netns a forwarding
netns b
bridge br0 10.1.0.254/24 mtu 1400 stp
bridge br1
veth a:e0 10.1.0.1/24 fd00::1/64 mtu 1400 -- br0:p-a mtu 1400 nolearning noflood isolated hairpin
veth b:e0 10.1.0.2/24 down -- br0:p-b mtu 1400 down
veth a:e1 10.9.0.1/30 -- b:e1 10.9.0.2/30 mtu 9000
veth b:e2 -- br1:p-b2
route b 10.7.0.0/16 via 10.9.0.1
route a default via 10.1.0.254
TOPO
at_exit "$NSVIZ down $T_TMP/opts.topo"
"$NSVIZ" up "$T_TMP/opts.topo" > "$T_TMP/up.out" 2>&1 || sed 's/^/# /' "$T_TMP/up.out" >&2
file=$T_TMP/opts.topo
check_is "every option as nsviz up makes it" 0 "topology opts matches the live network"
ip link set p-a type bridge_slave learning on
ip link set br0 type bridge stp_state 0
ip netns exec a sysctl -qw net.ipv4.ip_forward=0
ip -n b route del 10.7.0.0/16
kernel="$(ip -d -j link show p-a | jq -r '.[0].linkinfo.info_slave_data.learning')"
kernel+=" $(ip -d -j link show br0 | jq -r '.[0].linkinfo.info_data.stp_state')"
kernel+=" $(ip netns exec a sysctl -n net.ipv4.ip_forward)"
kernel+=" $(ip -n b -j route show 10.7.0.0/16 | jq length)"
is "$kernel" "true 0 0 0" "the kernel: learning on, STP off, forwarding off, no route"
check_is "a port flag, STP, forwarding and a route changed" 3 \
	"declared forwarding on in a but it is off" \
	"declared br0 with stp on but it is off" \
	"declared p-a with learning off but it is on" \
	"declared route 10.7.0.0/16 via 10.9.0.1 in b but it has none" \
	"topology opts: 4 differences from the live network"

"$NSVIZ" check "$TOP/nonexistent.topo" > /dev/null 2>&1
is "$?" 2 "a topology that cannot be read: exit 2"
"$NSVIZ" check seed extra > /dev/null 2>&1
is "$?" 2 "an extra argument: exit 2"
"$NSVIZ" check --interval 1 > /dev/null 2>&1
is "$?" 2 "an option check does not take: exit 2"

done_testing
