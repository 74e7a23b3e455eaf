#!/usr/bin/env bash
# The demo end to end, as root, in tmux at 80x24: `nsviz` builds the seed topology and shows red,
# green and bridge1, then attaches; a ping from red lights up both links with a non-zero rate and
# an ICMP event; a resize to 120x40 redraws at once; q exits 0, the terminal is restored, the
# topology is gone.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"

tmux_start 80 24 "$NSVIZ"
wait_screen 'bridge1' 30
ok $? "nsviz (the demo) draws the topology" || show_screen
s=$(screen)
like "$s" '─ red ' "red is shown"
like "$s" '─ green ' "green is shown"
like "$s" '─ bridge1 ' "bridge1 is shown"
like "$(echo "$s" | tail -1)" 'seed .* (tcx|attaching [0-9]+/5).* up [0-9]+:[0-9]{2}:[0-9]{2} .* lost [0-9]+' \
	"status line: topology, hook mode or attach progress, uptime, lost events" || show_screen
# The UI opens first and attaches meanwhile (watch_staged.sh tests the stages).
wait_screen 'seed .* tcx .* up ' 30
ok $? "attached: the status line shows the hook mode" || show_screen
ip netns list | grep -q '^red' && ip netns list | grep -q '^green'
ok $? "the seed namespaces exist while the UI runs"

ip netns exec red ping -c 4 -i 0.5 10.0.0.2 >/dev/null 2>&1 &
ping_pid=$!
# Both links' labels (one row, left red, right green) show a non-zero rate during the ping.
busy='[▼▲] [1-9][0-9.]*k?p/s.*[▼▲] [1-9][0-9.]*k?p/s'
wait_screen "$busy" 10
ok $? "during a ping from red, the red and green links both show a non-zero rate" || show_screen
wait "$ping_pid"
ok $? "ping red -> green succeeded"
# IPv6 chatter (DAD, MLD) may have pushed the echo events off the five rows: filter on them.
keys / e c h o Enter
wait_screen 'icmp .*echo request' 10
ok $? "an ICMP echo event is in the events pane (found with the / filter)" || show_screen
filter_shown() { screen | tail -1 | grep -q '/echo'; }
wait_until filter_shown # (a message may hold the status line for a moment)
like "$(screen | tail -1)" '/echo' "the status line shows the filter"
keys Escape

# The p key: ping from the selected namespace (red, where the selection starts) to green.
wait_screen 'idle .*idle' 15
ok $? "the links are idle again after the ping" || show_screen
keys p
wait_screen 'ping red.*green 10\.0\.0\.2' 5
ok $? "p offers a ping from red to green" || show_screen
keys Enter
wait_screen 'pinging 10\.0\.0\.2 from red' 5
ok $? "Enter starts it" || show_screen
wait_screen "$busy" 10
ok $? "the ping started with p lights both links" || show_screen

# The paths view, filtered on the echo requests: forwarded by bridge1, red to green hop by hop.
keys 5 / e c h o Space r e q Enter
wait_screen 'echo request.*forward' 10
ok $? "5: the paths view lists the echo requests as forwarded" || show_screen
wait_screen '1 red:eth0-r tx .*2 bridge1:veth-r rx' 5
ok $? "the selected path's hops start red:eth0-r tx, bridge1:veth-r rx" || show_screen
like "$(screen)" '#1 tx \+0' "the first hop is drawn on the red link" || show_screen
keys Escape 1

resize 120 40
wait_screen '^ EVENTS .*WHAT' 5 && screen | grep -q '^ FLOWS SOURCE'
ok $? "resized to 120x40: redrawn, flows and events one above the other (side by side they would not fit whole)" || show_screen
is "$(screen | wc -l)" 40 "the screen has 40 rows"
like "$(screen | tail -1)" 'seed .* tcx' "the status line is on the last row"

keys q
wait_screen '^EXIT=' 30
like "$(screen)" 'EXIT=0' "q exits with status 0" || show_screen
terminal_restored
ok $? "the terminal is restored (icanon, echo)" || show_screen
ip netns list | grep -Eq '^(red|green)( |$)'
ok $((!$?)) "the seed topology is gone" || ip netns list | sed 's/^/# /' >&2
ip link show bridge1 >/dev/null 2>&1
ok $((!$?)) "bridge1 is gone"
done_testing
