#!/usr/bin/env bash
# `nsviz discover --follow --json` on a network changed by plain ip commands while it runs: a
# namespace added, a process-held one (`unshare -n sleep`) with a veth into the bridge, a link
# set down, an address changed, a route added, forwarding on, a namespace deleted — each is an
# event whose values are what `ip -j` says before and after; nothing is printed and almost no
# CPU is spent while nothing changes; SIGINT ends it with status 0; every line is strict JSON.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"

ip link add bridge1 type bridge
ip link set bridge1 up
"$NSVIZ" discover --follow --json >"$T_TMP/ev" 2>"$T_TMP/err" &
np=$!
at_exit "kill $np"
wait_for_line "$np" "$T_TMP/ev" '"type":"live"' "$T_TMP/err"
ok $? "discover --follow prints the live network first"

# event JQ-CONDITION NAME: an event line matching it arrives (10 s at most). jq's own -e reads
# only the last line's result; a line being written may not parse yet.
has_event() { jq -c "select(.type == \"event\" and .kind == \"topology\" and ($1))" \
	"$T_TMP/ev" 2>/dev/null | grep -q .; }
event() { wait_until has_event "$1"; ok $? "$2" || sed 's/^/# /' "$T_TMP/err" >&2; }

ip netns add blue
event '.op == "add" and .object == "netns" and .netns == "blue"' "a namespace added: add netns blue"

ip link add eth0-b type veth peer name veth-b
ip link set eth0-b netns blue
event '.op == "add" and .object == "interface" and .netns == "blue" and .ifname == "eth0-b"' \
	"a veth end moved into blue: add interface blue:eth0-b"
ip link set veth-b master bridge1 up
ip -n blue link set eth0-b up
ip -n blue addr add 10.0.0.4/24 dev eth0-b
event '.op == "change" and .netns == null and .ifname == "veth-b" and .field == "master" and
	.from == null and .to == "bridge1"' "veth-b joins bridge1: master null -> bridge1"

unshare -n sleep 600 &
sp=$!
at_exit "kill $sp"
event ".op == \"add\" and .object == \"netns\" and .netns == \"sleep-$sp\"" \
	"a process-held namespace: add netns sleep-$sp (found by the /proc scan)"
ip link add eth0-p type veth peer name veth-p
ip link set eth0-p netns "$sp"
ip link set veth-p master bridge1 up
event ".op == \"add\" and .object == \"interface\" and .netns == \"sleep-$sp\" and
	.ifname == \"eth0-p\"" "its veth end: add interface sleep-$sp:eth0-p"

state() { ip -n blue -j link show eth0-b | jq -r '.[0].operstate | ascii_downcase'; }
before=$(state)
ip -n blue link set eth0-b down
after=$(state)
event ".op == \"change\" and .netns == \"blue\" and .ifname == \"eth0-b\" and .field == \"oper\"
	and .from == \"$before\" and .to == \"$after\"" "a link set down: oper $before -> $after (ip -j)"
event '.op == "change" and .ifname == "eth0-b" and .field == "admin_up" and .from == "true" and
	.to == "false"' "a link set down: admin_up true -> false"

ip -n blue addr del 10.0.0.4/24 dev eth0-b
ip -n blue addr add 10.0.1.4/24 dev eth0-b
now=$(ip -n blue -j addr show dev eth0-b | jq -r '[.[0].addr_info[] | "\(.local)/\(.prefixlen)"] | join(" ")')
event ".op == \"change\" and .ifname == \"eth0-b\" and .field == \"addrs\" and .to == \"$now\"" \
	"an address changed: addrs -> $now (ip -j)"

ip -n blue link set eth0-b up
ip -n blue route add default via 10.0.1.1
via=$(ip -n blue -j route show default | jq -r '.[0].gateway')
event ".op == \"add\" and .object == \"route\" and .netns == \"blue\" and
	.route.dst == \"0.0.0.0/0\" and .route.gateway == \"$via\"" "a route added: default via $via (ip -j)"
ip netns exec blue sysctl -qw net.ipv4.ip_forward=1
event '.op == "change" and .object == "netns" and .netns == "blue" and .field == "forwarding" and
	.from == "false" and .to == "true"' "forwarding turned on: forwarding false -> true"

# Idle: no event, and next to no CPU (the /proc scan once a second).
sleep 1
lines=$(wc -l <"$T_TMP/ev")
cpu0=$(awk '{ print $14 + $15 }' "/proc/$np/stat")
sleep 3
cpu1=$(awk '{ print $14 + $15 }' "/proc/$np/stat")
is "$(wc -l <"$T_TMP/ev")" "$lines" "nothing printed while nothing changes"
ok $((cpu1 - cpu0 > 15)) "under 5 % of a core while idle ($((cpu1 - cpu0)) ticks in 3 s)"

ip netns del blue
event '.op == "remove" and .object == "netns" and .netns == "blue"' "a namespace deleted: remove netns blue"
event '.op == "remove" and .object == "interface" and .netns == null and .ifname == "veth-b"' \
	"its peer goes with it: remove interface veth-b"
wait_until test -z "$(ip -j link show veth-b 2>/dev/null)"
ok $? "the kernel removed veth-b too (nsviz kept no namespace alive)"

kill -INT "$np"
wait "$np"
is "$?" 0 "SIGINT ends it with status 0"
t_run "every line is strict JSON" python3 "$TOP/tests/integration/json_strict.py" "$T_TMP/ev"
is "$(cat "$T_TMP/err")" "" "nothing on stderr"
done_testing
