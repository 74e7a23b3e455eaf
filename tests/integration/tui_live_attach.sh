#!/usr/bin/env bash
# The UI follows the live network without a restart (network made by hand with ip, never by
# nsviz), in tmux at 120x40: `nsviz watch` with no TOPOLOGY draws red and green on bridge1; a
# namespace blue added with a veth into the bridge is drawn with its port and address, and the
# interfaces view shows what its probes counted of a ping; red, green and bridge1 stay exactly
# where they were meanwhile (same line, same column: no reshuffle), blue under bridge1 where there
# is room; deleted, blue vanishes and red, green and bridge1 have still not moved; q exits 0.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"

bridge_lan red:r:10.0.0.1 green:g:10.0.0.2

tmux_start 120 40 "$NSVIZ" watch
wait_screen 'live .* tcx .* up ' 30
ok $? "watch with no TOPOLOGY: drawn and attached" || show_screen
# The picture: the screen above the flows pane.
picture() { screen | sed '/FLOWS /,$d'; }
# Where each box's title is: "LINE:TEXT BEFORE IT" (the text before it, spaces and borders, tells
# its column whatever the characters' widths).
at() { picture | grep -n -- "─ $1 ─" | sed "s/─ $1 ─.*//"; }
where() { echo "red@$(at red) green@$(at green) bridge1@$(at bridge1)"; }
before=$(where)
like "$before" 'red@[0-9]+:.* green@[0-9]+:.* bridge1@[0-9]+:' "red, green and bridge1 are drawn"
! picture | grep -q 'blue'
ok $? "no blue yet" || show_screen

ns_on_bridge blue b 10.0.0.4
wait_screen '─ blue ─' 10
ok $? "blue, added while watching, is drawn" || show_screen
wait_screen 'eth0-b 10\.0\.0\.4/24' 5
ok $? "with its address" || show_screen
like "$(screen)" 'veth-b' "and its port on bridge1"
ip netns exec red ping -c 3 -i 0.2 -q 10.0.0.4 >/dev/null
ok $? "red pings blue"
keys 2
# Its row in the interfaces view: RX and TX packets counted since its probes attached.
blue_counts() { screen | grep -Eq 'blue:eth0-b +up +1500 +[0-9.]+ +[0-9.]+[kM]? +[0-9.]+ +[0-9.]+[kM]? +[1-9][0-9]* +[1-9][0-9]* '; }
wait_until blue_counts
ok $? "the interfaces view: blue:eth0-b counted the pings" || show_screen
keys 1
wait_screen '─ blue ─' 5
is "$(where)" "$before" "red, green and bridge1 did not move when blue came" || show_screen
ok "$([ "$(at blue | cut -d: -f1)" -gt "$(at bridge1 | cut -d: -f1)" ]; echo $?)" \
	"blue is drawn under bridge1 (line $(at blue | cut -d: -f1))" || show_screen

ip netns del blue
gone() { ! picture | grep -q -e 'blue' -e 'veth-b'; }
wait_until gone
ok $? "blue deleted: it and its port vanish from the picture" || show_screen
is "$(where)" "$before" "blue gone: red, green and bridge1 still where they were" || show_screen

keys q
wait_screen '^EXIT=' 10
like "$(screen)" 'EXIT=0' "q exits with status 0" || show_screen
done_testing
