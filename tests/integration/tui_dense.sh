#!/usr/bin/env bash
# Dense mode on a live network built by plain ip commands: 30 namespaces on one bridge, one of
# them pinging another 5 times a second. `nsviz watch` in tmux at 80x24 draws the bridge as a bus
# by itself (the normal picture is taller than the screen) with one-line namespace boxes; the two
# pinging namespaces' labels read the rate the test sends (5 packets/s each way, as the kernel's
# counters agree), idle namespaces have no label; `g` goes to the last namespace (scrolling to it),
# a name no namespace starts says so, `d` turns to the normal layout and back, `q` exits 0.
# The whole live network is watched: only this test's namespaces, in a pid namespace of its own.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"
export LANG=C.UTF-8
N=30

# IPv6 off: the router solicitations and MLD reports of 30 new namespaces, flooded to every port,
# would give the idle namespaces a label.
ipv6_off
ip link add dbr type bridge
ip link set dbr up
for ((i = 1; i <= N; i++)); do
	ip netns add "dn$i"
	ip netns exec "dn$i" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip link add eth0 netns "dn$i" type veth peer name "dp$i"
	ip link set "dp$i" master dbr up
	ip -n "dn$i" addr add "10.5.0.$i/24" dev eth0
	ip -n "dn$i" link set eth0 up
done
is "$(ip -j link show master dbr | grep -o '"ifname"' | wc -l)" "$N" "the kernel: $N ports on dbr"
ip netns exec dn1 ping -q -i 0.2 10.5.0.2 >/dev/null 2>&1 &
PING=$!
at_exit "kill $PING 2>/dev/null"

tmux_start 80 24 "LANG=C.UTF-8 $NSVIZ watch"
wait_screen '│ tcx │' 60
ok $? "watch on the live network: drawn and attached" || show_screen
wait_screen '── dbr ─' 5
ok $? "80x24: dense by itself, dbr drawn as a bus" || show_screen
# Its live addresses: 10.5.0.1/24 and a link-local one, shortened to fit the box's one line.
like "$(screen)" ' dn1 10\.5\.0\.1(/24)?( \+1)? ─' "dn1 in a one-line box: its name and address" || show_screen

# The label on dn1's row: ▲ what dn1 sends up to the bus, ▼ what comes down to it.
rate_of() { screen | grep -E " $1 10\.5\.0\.[0-9]+[/ ]" | grep -oE "▲[0-9.]+k? ▼[0-9.]+k?" | head -1; }
near5() { awk -v v="$1" 'BEGIN { exit !(v >= 3.75 && v <= 6.25) }'; }
both5() {
	local r up down
	r=$(rate_of "$1")
	up=$(echo "$r" | grep -oE '▲[0-9.]+' | tr -d ▲) down=$(echo "$r" | grep -oE '▼[0-9.]+' | tr -d ▼)
	[ -n "$up" ] && [ -n "$down" ] && near5 "$up" && near5 "$down"
}
wait_until both5 dn1
ok $? "dn1 sends and receives 5 packets/s, as its ping does ('$(rate_of dn1)')" || show_screen
tx0=$(ip -n dn1 -j -s link show eth0 | grep -oE '"tx":\{[^}]*"packets":[0-9]+' | grep -oE '[0-9]+$')
sleep 4
tx1=$(ip -n dn1 -j -s link show eth0 | grep -oE '"tx":\{[^}]*"packets":[0-9]+' | grep -oE '[0-9]+$')
near5 "$(echo "($tx1 - $tx0) / 4" | bc -l)"
ok $? "the kernel agrees: dn1's eth0 sent $((tx1 - tx0)) packets in 4 s"
# A namespace below the first screenful (which ones fit depends on the boxes' widths).
far=""
for ((i = N; i >= 1; i--)); do
	screen | grep -q " dn$i 10\.5\.0\.$i[/ ]" || { far=$i; break; }
done
ok $([ -n "$far" ]; echo $?) "dn$far is not on screen before the jump" || show_screen
# shellcheck disable=SC2046
keys g $(echo "dn$far" | sed 's/./& /g')
wait_screen "go to namespace: dn${far}_" 5
ok $? "g dn$far: the prompt on the status line" || show_screen
keys Enter
wait_screen " dn$far 10\.5\.0\.$far[/ ]" 5
ok $? "Enter: the picture scrolls to dn$far" || show_screen
keys g z z Enter
wait_screen 'no namespace starts with "zz"' 5
ok $? "g zz: the status line says no namespace starts with it" || show_screen

# dn2 and dn3 come after dn19 (the live network's order): go to each.
keys g d n 2 Enter
wait_screen ' dn2 10\.5\.0\.2[/ ]' 5
ok $? "g dn2: dn2 on screen" || show_screen
wait_until both5 dn2
ok $? "dn2 (the one pinged): its label reads about 5 each way ('$(rate_of dn2)')" || show_screen
keys g d n 3 Enter
wait_screen ' dn3 10\.5\.0\.3[/ ]' 5
ok $? "g dn3: dn3 on screen" || show_screen
is "$(rate_of dn3)" "" "dn3 is idle: no label on its row" || show_screen

keys d
wait_screen 'normal layout \(d: dense\)' 5 && wait_screen '╭─ dn3 ' 5
ok $? "d: the normal layout, dn3 still in view in its full box" || show_screen
keys d
wait_screen 'dense layout \(d: normal\)' 5 && wait_screen ' dn3 10\.5\.0\.3[^│]*─[┤┘]' 5
ok $? "d again: dense, dn3 still in view in its one-line box" || show_screen
keys q
wait_screen '^EXIT=' 10
like "$(screen)" 'EXIT=0' "q: exit 0" || show_screen
done_testing
