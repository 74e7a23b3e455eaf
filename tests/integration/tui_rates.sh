#!/usr/bin/env bash
# Rates are right in every unit: while red pings green 5 times a second with 1042-byte frames
# (the rate this test sends, so 41.7 kbit/s each way), `watch --json` reports 5 packets/s and
# 41.7 kbit/s on red's and green's interfaces and on the echo flow, and the UI shows the same
# on both links of the topology view, in the interfaces view and in the flows view, within 25 %
# for ping's timing. The expected numbers come from what the test sent, not from nsviz.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"

PPS=5                         # ping -i 0.2
FRAME=$((14 + 20 + 8 + 1000)) # Ethernet + IPv4 + ICMP headers + ping -s 1000
BPS=$((PPS * FRAME * 8))

seed_up || { echo "Bail out! nsviz up seed failed"; exit 1; }
static_neigh || { echo "Bail out! static neighbours failed"; exit 1; }
wait_quiet
ok $? "the topology is quiet before the measurement"

ip netns exec red ping -q -i 0.2 -s 1000 10.0.0.2 >/dev/null 2>&1 &
PING=$!
at_exit "kill $PING"
# The frame size, independently: what the kernel counted red sending over 2 s of pings.
k0=$(kstats)
sleep 2
k1=$(kstats)
is "$(kdelta "$k0" "$k1" | awk '$1 == "eth0-r" && $4 { print $5 / $4 }')" "$FRAME" \
	"the kernel counts $FRAME bytes per echo request on red:eth0-r"

# near GOT WANT NAME: GOT (a number, SI suffix k or M allowed) is within 25 % of WANT.
near() {
	local v
	v=$(echo "$1" | awk '{ m = sub(/k$/, "") ? 1e3 : sub(/M$/, "") ? 1e6 : 1; print $1 * m }')
	awk -v v="${v:-0}" -v w="$2" 'BEGIN { exit !(v >= 0.75 * w && v <= 1.25 * w) }'
	ok $? "$3 ($1, expected $2 +- 25 %)"
}

watch_start --interval 2 || { echo "Bail out! watch did not start"; exit 1; }
sleep 4.5
watch_stop
# The second snapshot: a whole interval of pings (the last one, at exit, may be short).
snap=$(grep '"type":"snapshot"' "$T_TMP/w.json" | sed -n 2p)
for x in eth0-r:tx eth0-g:rx eth0-g:tx eth0-r:rx; do
	j=".interfaces[] | select(.ifname==\"${x%:*}\") | .${x#*:}"
	near "$(echo "$snap" | jq "$j.pps")" "$PPS" "json: $x pps"
	near "$(echo "$snap" | jq "$j.bps")" "$BPS" "json: $x bps is bits per second"
done
flow='.flows[] | select(.proto=="icmp" and .src=="10.0.0.1")'
near "$(echo "$snap" | jq "$flow.pps")" "$PPS" "json: the echo request flow's pps"
near "$(echo "$snap" | jq "$flow.bps")" "$BPS" "json: the echo request flow's bps"

tmux_start 132 43 "$NSVIZ" watch --interval 2
# Two intervals of pings, so the labels show a whole one.
wait_screen 'seed .* tcx .* up 0:00:0[4-9]' 30
ok $? "the UI is attached and has run two intervals" || show_screen
labels=$(screen | grep -Eo '[▼▲▶◀] [0-9.]+k?p/s [0-9.]+[kM]?b/s')
is "$(echo "$labels" | wc -l)" 4 "four link labels (two links, both ways) show a rate" ||
	show_screen
while read -r _ p b; do
	near "${p%p/s}" "$PPS" "topology view: link label packets/s"
	near "${b%b/s}" "$BPS" "topology view: link label bits/s"
done <<<"$labels"

keys 2
wait_screen 'RX B/S' 5
ok $? "2: the interfaces view" || show_screen
for dev in red:eth0-r green:eth0-g; do
	read -r rxp rxb txp txb <<<"$(screen | awk -v d="$dev" '$1 == d { print $2, $3, $4, $5 }')"
	near "$rxp" "$PPS" "interfaces view: $dev RX P/S"
	near "$rxb" "$BPS" "interfaces view: $dev RX B/S"
	near "$txp" "$PPS" "interfaces view: $dev TX P/S"
	near "$txb" "$BPS" "interfaces view: $dev TX B/S"
done

keys 3
wait_screen 'PKT/S' 5
ok $? "3: the flows view" || show_screen
# The columns from the right: PKT/S BIT/S PACKETS BYTES.
read -r fp fb <<<"$(screen | grep -E '^ icmp +red 10\.0\.0\.1' | head -1 |
	awk '{ sub(/│.*/, ""); print $(NF - 3), $(NF - 2) }')"
near "$fp" "$PPS" "flows view: the echo request flow's PKT/S"
near "$fb" "$BPS" "flows view: the echo request flow's BIT/S"
keys q
wait_screen '^EXIT=' 30
like "$(screen)" 'EXIT=0' "q exits with status 0" || show_screen
done_testing
