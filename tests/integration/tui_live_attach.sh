#!/usr/bin/env bash
# The UI follows the live network without a restart (network made by hand with ip, never by
# nsviz), in tmux at 120x40: `nsviz watch` with no TOPOLOGY draws red and green on bridge1; a
# namespace blue added with a veth into the bridge is drawn with its port and address, its link's
# rates once its probes are attached; deleted, it vanishes; red, green and bridge1 do not move
# meanwhile; q exits 0.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"

ip link add bridge1 type bridge
ip link set bridge1 up
ns_on_bridge() { # SUFFIX NETNS ADDR
	ip netns add "$2"
	ip link add "eth0-$1" type veth peer name "veth-$1"
	ip link set "eth0-$1" netns "$2"
	ip link set "veth-$1" master bridge1 up
	ip -n "$2" addr add "$3/24" dev "eth0-$1"
	ip -n "$2" link set "eth0-$1" up
	ip -n "$2" link set lo up
}
ns_on_bridge r red 10.0.0.1
ns_on_bridge g green 10.0.0.2

tmux_start 120 40 "$NSVIZ" watch
wait_screen 'live .* tcx .* up ' 30
ok $? "watch with no TOPOLOGY: drawn and attached" || show_screen
# Where each box's title is: "LINE:TEXT BEFORE IT" (the text before it, spaces and borders, tells
# its column whatever the characters' widths).
at() { screen | grep -n -- "─ $1 ─" | sed "s/─ $1 ─.*//"; }
where() { echo "red@$(at red) green@$(at green) bridge1@$(at bridge1)"; }
before=$(where)
like "$before" 'red@[0-9]+:.* green@[0-9]+:.* bridge1@[0-9]+:' "red, green and bridge1 are drawn"
! screen | grep -q 'blue'
ok $? "no blue yet" || show_screen

ns_on_bridge b blue 10.0.0.4
wait_screen '─ blue ─' 10
ok $? "blue, added while watching, is drawn" || show_screen
wait_screen 'eth0-b 10\.0\.0\.4/24' 5
ok $? "with its address" || show_screen
like "$(screen)" 'veth-b' "and its port on bridge1"
ip netns exec red ping -c 3 -i 0.2 -q 10.0.0.4 >/dev/null
ok $? "red pings blue"
blue_rate() { screen | sed -n '/─ bridge1 ─/,/─ blue ─/p' | grep -Eq '▼ [1-9][0-9.]*p/s'; }
wait_until blue_rate
ok $? "blue's link, under bridge1, shows a rate: its probes count" || show_screen
is "$(where)" "$before" "red, green and bridge1 did not move" || show_screen

ip netns del blue
gone() { ! screen | grep -q -e 'blue' -e 'veth-b'; }
wait_until gone
ok $? "blue deleted: it and its port vanish from the picture" || show_screen
is "$(where)" "$before" "red, green and bridge1 are where they were" || show_screen

keys q
wait_screen '^EXIT=' 10
like "$(screen)" 'EXIT=0' "q exits with status 0" || show_screen
done_testing
