#!/usr/bin/env bash
# `w` in the UI runs `nsviz why`, on the seed's network built by plain ip commands, in tmux at
# 80x24: from red (where the selection starts) to green's address, the pane says `reachable` and
# no cause on the healthy network, `unreachable` and the cause naming eth0-g once green's eth0-g is
# set down; each verdict agrees with a plain ping. Then from the paths view, on the dropped echo
# request of a failed ping, `w` gives the same cause, shown under the path once the pane is closed;
# q while a why runs ends it.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"

seed_by_hand

# pane_why: w from red, Enter on the target it offers (green's address), until the answer.
pane_why() {
	keys w
	wait_screen 'why red→green 10\.0\.0\.2' 5
	ok $? "w offers why from red to green 10.0.0.2" || show_screen
	keys Enter
	wait_screen 'running why red → 10\.0\.0\.2|red → 10\.0\.0\.2: ' 5
	ok $? "Enter opens the why pane at once" || show_screen
	wait_screen 'red → 10\.0\.0\.2: (un)?reachable' 30
	ok $? "the pane shows why's verdict" || show_screen
}

# verdict_is NAME PING_STATUS VERDICT: a plain ping from red to green exits PING_STATUS, and the
# pane's verdict is VERDICT; the screen is left in $s.
verdict_is() {
	ip netns exec red ping -q -c 1 -W 2 10.0.0.2 >/dev/null 2>&1
	is "$?" "$2" "$1: a plain ping from red to green exits $2"
	pane_why
	s=$(screen)
	like "$s" "red → 10\\.0\\.0\\.2: $3 " "$1: the pane says $3" || show_screen
}

tmux_start 80 24 "$NSVIZ" watch seed
wait_screen 'seed .* tcx .* up ' 30
ok $? "watch seed on a hand-built network: drawn and attached" || show_screen

verdict_is healthy 0 reachable
like "$s" 'path: red:eth0-r → veth-r → bridge1 → veth-g' "... with the path hop by hop" || show_screen
! grep -q 'cause:' <<<"$s"
ok $? "... and no cause" || show_screen
keys Escape
wait_until eval '! screen | grep -q "red → 10\.0\.0\.2: reachable"'
ok $? "Esc closes the pane" || show_screen

ip -n green link set eth0-g down
verdict_is "eth0-g down" 1 unreachable
like "$s" "cause: green's eth0-g is down \\(admin\\)" "... and the cause names eth0-g" || show_screen
keys Escape

# The paths view: red's echo requests, dropped when ARP for green fails (NEIGH_FAILED).
ip netns exec red ping -q -c 2 -W 1 10.0.0.2 >/dev/null 2>&1
keys 5 / e c h o Space r e q Enter
wait_screen 'echo request.* drop ' 15
ok $? "5: red's echo request is listed as dropped" || show_screen
wait_screen 'w: why red → 10\.0\.0\.2' 5
ok $? "the failed path says which key runs why for it, from red to 10.0.0.2" || show_screen
keys w
wait_screen "red → 10\\.0\\.0\\.2: unreachable" 30
ok $? "w on the path runs why red 10.0.0.2: unreachable" || show_screen
keys Escape
wait_screen "why: green's eth0-g is down \\(admin\\)" 5
ok $? "the path then shows why's first cause, naming eth0-g" || show_screen

# q while a why runs: the UI ends it (and its probes with it) on the way out.
keys w
wait_screen 'running why red → 10\.0\.0\.2' 5
ok $? "w again: running" || show_screen
shell=$(tmux -L "$TMUX_SOCK" list-panes -t t -F '#{pane_pid}')
ui_pid=$(pgrep -P "$shell" | head -1)
why_pid=$(pgrep -P "$ui_pid" | head -1)
like "$(tr '\0' ' ' </proc/"$why_pid"/cmdline)" 'why red 10\.0\.0\.2' "the why runs as a child of the UI"
keys q
wait_screen '^EXIT=' 10
like "$(screen)" 'EXIT=0' "q exits with status 0" || show_screen
kill -0 "$why_pid" 2>/dev/null
ok $((!$?)) "the why the UI started is gone with it"
done_testing
