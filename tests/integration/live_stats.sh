#!/usr/bin/env bash
# stats with no TOPOLOGY follows the live network during its --interval (network made by hand with
# ip): a namespace added with a veth into the bridge is observed and its rows in the one table
# count from its attach (at least the kernel's delta over the pings the test sent, at most what
# the kernel counted since the veth was made); a namespace deleted meanwhile is not in the table.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"

bridge_lan red:r:10.0.0.1 green:g:10.0.0.2

# kernel NETNS IFNAME: "rx_packets tx_packets" from stats64.
kernel() { ip ${1:+-n "$1"} -s -j link show "$2" | jq -r '.[0].stats64 | "\(.rx.packets) \(.tx.packets)"'; }
# table WHERE: "rx_packets tx_packets" of WHERE's rows in the table.
table() { awk -v w="$1" '$1 == w && $2 == "rx" { rx = $3 } $1 == w && $2 == "tx" { tx = $3 }
	END { if (rx != "") print rx, tx }' "$T_TMP/s.out"; }

"$NSVIZ" stats --interval 10 >"$T_TMP/s.out" 2>"$T_TMP/s.err" &
SPID=$!
at_exit "kill -9 $SPID"
wait_until has_tcx "$SPID" egress "$(ifx red eth0-r)" "$(ifx green eth0-g)"
ok $? "stats attached to the network of its start"
ns_on_bridge blue b 10.0.0.4
wait_until has_tcx "$SPID" egress "$(ifx blue eth0-b)" "$(ifx "" veth-b)"
ok $? "blue, added during the interval, is observed (tcx links on eth0-b and veth-b)"
k0=$(kernel blue eth0-b)
ip netns exec red ping -c 3 -i 0.2 -W 2 -q 10.0.0.4 >/dev/null
ok $? "3 pings red -> blue answered"
km=$(kernel blue eth0-b)
ip netns del green
gone_g() { ! ip link show veth-g >/dev/null 2>&1; }
wait_until gone_g
ok $? "green deleted during the interval: the kernel removed it (stats holds nothing of it)"
wait "$SPID"
ok $? "stats exits 0 after its interval"
k1=$(kernel blue eth0-b)
read -r n_rx n_tx <<<"$(table blue:eth0-b)"
read -r a_rx a_tx <<<"$k0"
read -r m_rx m_tx <<<"$km"
read -r b_rx b_tx <<<"$k1"
ok "$([ -n "$n_rx" ] && [ "$n_rx" -ge $((m_rx - a_rx)) ] && [ "$n_rx" -le "$b_rx" ] &&
	[ "$n_tx" -ge $((m_tx - a_tx)) ] && [ "$n_tx" -le "$b_tx" ] && [ $((m_rx - a_rx)) -ge 3 ] &&
	echo 0 || echo 1)" \
	"blue:eth0-b's row counts from its attach: rx $n_rx tx $n_tx; the kernel's: $k0 before the pings, $km after, $k1 at the end"
[ -n "$(table host:veth-b)" ]
ok $? "host:veth-b has its rows"
is "$(grep -c -e '^green:' -e '^host:veth-g ' "$T_TMP/s.out")" 0 "green, deleted, has none"
[ -n "$(table red:eth0-r)" ]
ok $? "red:eth0-r, there all along, has its rows"
is "$(cat "$T_TMP/s.err")" "" "no message on stderr"
done_testing
