#!/usr/bin/env bash
# Every number on screen in the right unit: while red pings green 5 times a second with 1042-byte
# frames (the rate this test sends, so 41.7 kbit/s each way), `watch --json` reports 5 packets/s
# and 41.7 kbit/s on red's and green's interfaces and on the echo flow, and the UI shows the same
# on both links of the topology view, in the interfaces view and in the flows view, within 25 %
# for ping's timing (on a loaded machine a reading may be off once: the test waits up to 10 s for
# one inside the tolerance; the 8x error of old never gets there). When the ping stops: the
# interfaces view's totals equal the kernel's counters, red's classes and the request flow count
# what the kernel saw red send and receive; the uptime is the time since attach; the newest
# event's and the tab line's clocks agree with the test's; a request's path latency in µs is at
# most ping's longest round trip. The expected numbers come from what the test sent or the
# kernel counted, not from nsviz.
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
sleep 2 # the measurement: 2 s of pings
k1=$(kstats)
is "$(kdelta "$k0" "$k1" | awk '$1 == "eth0-r" && $4 { print $5 / $4 }')" "$FRAME" \
	"the kernel counts $FRAME bytes per echo request on red:eth0-r"

# within GOT WANT: GOT (a number, SI suffix k or M allowed) is within 25 % of WANT.
within() {
	local v
	v=$(echo "$1" | awk '{ m = sub(/k$/, "") ? 1e3 : sub(/M$/, "") ? 1e6 : 1; print $1 * m }')
	awk -v v="${v:-0}" -v w="$2" 'BEGIN { exit !(v >= 0.75 * w && v <= 1.25 * w) }'
}
near() {
	within "$1" "$2"
	ok $? "$3 ($1, expected $2 +- 25 %)"
}
# all_within WANT VALUE...: there are values and each is within 25 % of WANT.
all_within() {
	local w=$1 v
	shift
	for v in "$@"; do within "$v" "$w" || return 1; done
	[ $# -gt 0 ]
}
watch_start --interval 2 seed || { echo "Bail out! watch did not start"; exit 1; }
sleep 8.5 # the measurement: four whole intervals of pings
watch_stop
# Each rate is the median over the snapshots with a whole interval of pings (not the first, at
# attach, nor the last, at exit).
snaps=$(grep '"type":"snapshot"' "$T_TMP/w.json" | sed '1d;$d')
median() { echo "$snaps" | jq "$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for x in eth0-r:tx eth0-g:rx eth0-g:tx eth0-r:rx; do
	j=".interfaces[] | select(.ifname==\"${x%:*}\") | .${x#*:}"
	near "$(median "$j.pps")" "$PPS" "json: $x pps"
	near "$(median "$j.bps")" "$BPS" "json: $x bps is bits per second"
done
flow='.flows[] | select(.proto=="icmp" and .src=="10.0.0.1")'
near "$(median "$flow.pps")" "$PPS" "json: the echo request flow's pps"
near "$(median "$flow.bps")" "$BPS" "json: the echo request flow's bps"

kill "$PING"
wait "$PING" 2>/dev/null

# The UI: rates while a known ping runs, then the totals it leaves behind.
t0=$(date +%s)
tmux_start 132 43 "$NSVIZ" watch --interval 2 seed
wait_screen 'seed .* tcx' 30
ok $? "the UI is attached" || show_screen
t_att=$(date +%s)
ka=$(kstats)
ip netns exec red ping -i 0.2 -s 1000 10.0.0.2 >"$T_TMP/ping.out" 2>&1 &
PING=$!
at_exit "kill $PING"
sleep 4.5 # two intervals: the last one was all pings

labels_ok() {
	local p b
	labels=$(screen | grep -Eo '[▼▲▶◀] [0-9.]+k?p/s [0-9.]+[kM]?b/s')
	mapfile -t p < <(echo "$labels" | awk '{ sub(/p\/s/, "", $2); print $2 }')
	mapfile -t b < <(echo "$labels" | awk '{ sub(/b\/s/, "", $3); print $3 }')
	[ "${#p[@]}" -eq 4 ] && all_within "$PPS" "${p[@]}" && all_within "$BPS" "${b[@]}"
}
wait_until labels_ok
is "$(echo "$labels" | wc -l)" 4 "four link labels (two links, both ways) show a rate" ||
	show_screen
while read -r _ p b; do
	near "${p%p/s}" "$PPS" "topology view: link label packets/s"
	near "${b%b/s}" "$BPS" "topology view: link label bits/s"
done <<<"$labels"

# An interface row: WHERE [BRIDGE] [STATE MTU] RX_P/S RX_b/s TX_P/S TX_b/s RX_PKTS TX_PKTS (132
# columns); the state is words ("up", "no carrier"), the MTU the number after them.
iface_row() {
	screen | awk -v d="$1" -v st="$(screen | grep -c ' STATE ')" '$1 == d {
		i = 2; while (i <= NF && $i !~ /^[0-9]/) i++; if (st) i++
		print $i, $(i + 1), $(i + 2), $(i + 3), $(i + 4), $(i + 5) }'
}
ifaces_ok() {
	local dev rxp rxb txp txb
	for dev in red:eth0-r green:eth0-g; do
		read -r rxp rxb txp txb _ <<<"$(iface_row "$dev")"
		all_within "$PPS" "$rxp" "$txp" && all_within "$BPS" "$rxb" "$txb" || return 1
	done
}
keys 2
wait_screen 'RX b/s' 5
ok $? "2: the interfaces view" || show_screen
wait_until ifaces_ok
for dev in red:eth0-r green:eth0-g; do
	read -r rxp rxb txp txb _ <<<"$(iface_row "$dev")"
	near "$rxp" "$PPS" "interfaces view: $dev RX P/S"
	near "$rxb" "$BPS" "interfaces view: $dev RX b/s"
	near "$txp" "$PPS" "interfaces view: $dev TX P/S"
	near "$txb" "$BPS" "interfaces view: $dev TX b/s"
done

keys 3
wait_screen 'PKT/S' 5
ok $? "3: the flows view" || show_screen
# A flow row's last four words: PKT/S BIT/S PACKETS BYTES.
request_row() { screen | grep -E '^ icmp +red 10\.0\.0\.1 .*green 10\.0\.0\.2' | head -1; }
flow_rates() { request_row | awk '{ print $(NF - 3), $(NF - 2) }'; }
flow_ok() { read -r fp fb <<<"$(flow_rates)"; all_within "$PPS" "$fp" && all_within "$BPS" "$fb"; }
wait_until flow_ok
read -r fp fb <<<"$(flow_rates)"
near "$fp" "$PPS" "flows view: the echo request flow's PKT/S"
near "$fb" "$BPS" "flows view: the echo request flow's BIT/S"

kill -INT "$PING" # ping prints its round trips and exits 0
wait "$PING"
is "$?" 0 "ping red -> green, ended with SIGINT"
t_end=$(date +%s)
kb=$(kstats)
delta=$(kdelta "$ka" "$kb")
# What red sent and received since attach, all echo requests and replies (no ARP: static
# neighbours), as the kernel counted.
read -r N NR <<<"$(echo "$delta" | awk '$1 == "eth0-r" { print $4, $2 }')"
keys 2
wait_screen 'RX PKTS' 5
# The kernel's final counts; the screen has them after a tick or two.
totals() {
	local x
	for x in $W_IFACES; do
		x=${x/#:/host:}
		echo "${x#*:} $(iface_row "$x" | awk '{ print $5, $6 }')"
	done
}
want=$(echo "$delta" | awk '{ print $1, $2, $4 }')
totals_final() { [ "$(totals)" = "$want" ]; }
wait_until totals_final
while read -r dev rx tx; do
	is "$(totals | awk -v d="$dev" '$1 == d { print $2, $3 }')" "$rx $tx" \
		"interfaces view: $dev RX/TX PKTS equal the kernel's ($rx $tx)"
done <<<"$want"
# The selected (first) interface is red:eth0-r: its classes, against what the test sent.
classes=$(screen | awk '$1 == "rx" || $1 == "tx" { print $1, $2, $5 }' | tr '\n' ' ')
is "$classes" "rx 0 $NR tx 0 $N " "interfaces view: red:eth0-r classes: arp 0, icmp $NR in, $N out"
keys 3
wait_screen 'PKT/S' 5
is "$(request_row | awk '{ print $(NF - 1) }')" "$N" "flows view: the request flow's PACKETS is $N"

# Clock times, against the test's own clock (across midnight too): the newest event is the last
# echo reply (within 3 s), and the tab line shows the last snapshot's time (at most an interval,
# 2 s, old: within 4 s).
sod() { awk -F: '{ print $1 * 3600 + $2 * 60 + $3 }' <<<"$1"; }
near_clock() {
	awk -v a="$(sod "$1")" -v b="$(sod "$2")" -v t="$4" \
		'BEGIN { d = (a - b + 129600) % 86400 - 43200; exit !(d >= -t && d <= t) }'
	ok $? "$3 ($1, expected $2 +- $4 s)"
}
ev=$(screen | sed -n '/EVENTS/{n;p;q}' | grep -Eo '^ [0-9]{2}:[0-9]{2}:[0-9]{2}' | tr -d ' ')
near_clock "$ev" "$(date -d "@$t_end" +%T)" "events: the newest is when the ping ended" 3
near_clock "$(screen | head -1 | grep -Eo '[0-9]{2}:[0-9]{2}:[0-9]{2} *$' | tr -d ' ')" \
	"$(date +%T)" "tab line: the clock" 4

# A duration: the status line's uptime is the time since attach, in seconds.
up=$(screen | grep -Eo 'up [0-9]+:[0-9]{2}:[0-9]{2}' | awk -F'[ :]' '{ print $2 * 3600 + $3 * 60 + $4 }')
now=$(date +%s)
awk -v u="$up" -v hi=$((now - t0 + 1)) -v lo=$((now - t_att - 3)) 'BEGIN { exit !(u >= lo && u <= hi) }'
ok $? "status line: up ${up}s, between $((now - t_att - 3)) and $((now - t0 + 1)) s as timed by the test"

# Another duration: a request's path takes no longer, end to end, than ping's longest round trip.
rtt=$(grep -Eo 'rtt [^=]+= [0-9.]+/[0-9.]+/[0-9.]+' "$T_TMP/ping.out" | awk -F/ '{ print $NF * 1000 }')
keys 5 / e c h o Space r e q Enter
wait_screen '[0-9]+µs end to end' 5
ok $? "5: the paths view shows a request's latency" || show_screen
lat=$(screen | grep -Eo '[0-9]+µs end to end' | head -1 | grep -Eo '^[0-9]+')
awk -v l="$lat" -v r="$rtt" 'BEGIN { exit !(l > 0 && l <= r) }'
ok $? "paths view: ${lat}µs end to end, at most ping's longest round trip (${rtt}µs)"
keys Escape q
wait_screen '^EXIT=' 30
like "$(screen)" 'EXIT=0' "q exits with status 0" || show_screen
done_testing
