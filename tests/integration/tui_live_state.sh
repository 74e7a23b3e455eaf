#!/usr/bin/env bash
# The UI on a live network built by plain ip commands (the seed's names), in tmux at 120x40:
# veth-r set down is marked `DOWN veth-r` on the picture and red:eth0-r `no carrier` in the
# interfaces view (as `ip -j link` says: up, NO-CARRIER), and the mark goes when it is up again; veth-g's port
# state set to disabled is marked `disabled veth-g` (as `bridge -j link` says); an address changed
# by hand is the one green's box shows; the boxes do not move meanwhile; q exits 0.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"

seed_by_hand

tmux_start 120 40 "$NSVIZ" watch seed
wait_screen 'seed .* tcx .* up ' 30
ok $? "watch seed on a hand-built network: drawn and attached" || show_screen
# Where the boxes' corners are (a marker running on a line would change the lines).
boxes() { screen | sed -n '2,12p' | LC_ALL=C.UTF-8 sed 's/[^╭╮╰╯┌┐└┘]/ /g; s/ *$//'; }
before=$(boxes)
like "$(screen)" 'veth-r' "the bridge port veth-r is drawn" || show_screen
! screen | grep -Eq 'DOWN|no carrier|disabled'
ok $? "nothing is marked while everything is up" || show_screen

ip link set veth-r down
is "$(ip -j link show veth-r | jq -r '.[0].operstate')" DOWN "the kernel: veth-r is DOWN"
wait_screen 'DOWN veth-r' 5
ok $? "the picture marks veth-r's link DOWN" || show_screen
is "$(boxes)" "$before" "... and no box moved" || show_screen
is "$(ip -n red -j link show eth0-r | jq -r '.[0].flags | (index("UP") != null) and (index("NO-CARRIER") != null)')" \
	true "the kernel: red:eth0-r is up, with NO-CARRIER"
keys 2
wait_screen 'red:eth0-r +no carrier +1500' 5
ok $? "the interfaces view: red:eth0-r no carrier, MTU 1500" || show_screen
keys 1
ip link set veth-r up
until_gone() { ! screen | grep -q "$1"; }
wait_until until_gone 'DOWN veth-r'
ok $? "veth-r up again: the mark goes" || show_screen

bridge link set dev veth-g state 0
is "$(bridge -j link show dev veth-g | jq -r '.[0].state')" disabled "the kernel: veth-g's port is disabled"
wait_screen 'disabled veth-g' 5
ok $? "the picture marks veth-g's link disabled" || show_screen

ip -n green addr del 10.0.0.2/24 dev eth0-g
ip -n green addr add 10.0.0.9/24 dev eth0-g
wait_screen 'eth0-g 10\.0\.0\.9[/ ]' 5
ok $? "green's box shows the live address 10.0.0.9/24, not the file's" || show_screen

keys q
wait_screen '^EXIT=' 10
like "$(screen)" 'EXIT=0' "q exits with status 0" || show_screen
done_testing
