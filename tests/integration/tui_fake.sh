#!/usr/bin/env bash
# The UI on the fake source in tmux (no network needed): it draws the seed topology with moving
# rates, switches views, pings with `p`, redraws at once on resize, quits with q or SIGTERM with
# status 0 and the terminal restored. Also: --fake without a terminal, or with a topology file
# that does not exist, is a clear error with exit status 2; stdin not a terminal, one line.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"

"$NSVIZ" watch --fake >"$T_TMP/out" 2>&1 </dev/null
is "$?" 2 "--fake without a terminal: exit 2"
like "$(cat "$T_TMP/out")" "needs? a terminal|on a terminal" "... with a message saying why"

tmux_start 80 24 "$NSVIZ" watch --fake "$T_TMP/no-such.topo"
wait_screen '^EXIT=' 10
like "$(screen)" 'EXIT=2' "a topology file that does not exist: exit 2" || show_screen
like "$(screen)" 'no-such\.topo: cannot open' "... saying which file and why" || show_screen

tmux_start 80 24 "$NSVIZ" watch --fake "</dev/null"
wait_screen '^EXIT=' 10
like "$(screen)" 'EXIT=1' "stdout a terminal, stdin not: exit 1" || show_screen
is "$(screen | grep -c '^nsviz')" 1 "... with one message" || show_screen
like "$(screen)" '^nsviz: UI: stdin and stdout must be a terminal' "... saying why" || show_screen

tmux_start 80 24 "$NSVIZ" watch --fake
wait_screen 'bridge1' 15
ok $? "80x24: the topology is drawn" || show_screen
s=$(screen)
like "$s" 'red' "red is shown"
like "$s" 'green' "green is shown"
like "$s" '[▼▲] [1-9][0-9.]*k?p/s' "a link shows a non-zero packet rate"
like "$(echo "$s" | tail -1)" 'seed .* fake .* up [0-9]+:[0-9]{2}:[0-9]{2} .* lost 0' \
	"status line: topology, hook mode, uptime, lost events"
like "$s" 'FLOWS' "flows pane" && like "$s" 'EVENTS' "events pane"

keys 2
wait_screen 'INTERFACE +BRIDGE' 5
ok $? "2: interfaces view" || show_screen
keys 4
wait_screen 'PORT +MAC +VLAN +TYPE +AGE +OWNER' 5
ok $? "4: FDB view" || show_screen
keys 5
wait_screen 'PATHS +SUMMARY' 5
ok $? "5: paths view" || show_screen
keys 1 p
wait_screen 'ping red.*green 10\.0\.0\.2' 5
ok $? "p on red offers green's address" || show_screen
keys Enter
wait_screen 'pinging 10\.0\.0\.2 from red' 5
ok $? "Enter starts the ping" || show_screen
keys '?'
wait_screen 'nsviz keys' 5
ok $? "?: help" || show_screen
keys '?'
wait_screen 'nsviz legend' 5 && screen | grep -q 'PAUSED'
ok $? "? again: the legend (80x24 has no room for both)" || show_screen
keys x

resize 120 40
wait_screen '^ EVENTS .*WHAT' 5 && screen | grep -q '^ FLOWS SOURCE'
ok $? "resized to 120x40: flows and events one above the other (side by side they would not fit whole)" || show_screen
is "$(screen | wc -l)" 40 "the screen has 40 rows"
like "$(screen | tail -1)" 'seed .* fake' "the status line moved to the last row"

keys q
wait_screen '^EXIT=' 10
like "$(screen)" 'EXIT=0' "q exits with status 0" || show_screen
terminal_restored
ok $? "the terminal is restored (icanon, echo)" || show_screen

tmux_start 80 24 "$NSVIZ" --fake
wait_screen 'bridge1' 15
ok $? "nsviz --fake (the demo on the fake source) draws the seed topology" || show_screen
kill -TERM "$(pgrep -n -f -x "$NSVIZ --fake")"
wait_screen '^EXIT=' 10
like "$(screen)" 'EXIT=0' "SIGTERM: exit status 0" || show_screen
terminal_restored
ok $? "SIGTERM: the terminal is restored" || show_screen
done_testing
