#!/usr/bin/env bash
# The UI shows the fake source's link states at the moments of its timeline (user/model/
# fake_link.h), which the status line's uptime tells (the source's time: it opens at 60 s):
# veth-r's port is set down at 5 s of each minute for 10 s, veth-g's port disabled at 25 s, and
# eth0-g without carrier at 40 s. Each mark is checked against the uptime on the same screen, so
# the machine's speed does not matter.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"

# capture REGEX SECONDS [-v]: until a screen matches (with -v: does not match); that screen in
# $S and its uptime's seconds (into the minute) in $SEC.
capture() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		S=$(screen)
		printf '%s\n' "$S" | grep -Eq -- "$1"
		if [ $? = "$([ "${3:-}" = -v ] && echo 1 || echo 0)" ]; then
			SEC=$(printf '%s\n' "$S" | tail -1 | sed -nE 's/.* up [0-9]+:[0-9]{2}:([0-9]{2}) .*/\1/p')
			SEC=$((10#${SEC:-99}))
			return 0
		fi
		sleep 0.1
	done
	return 1
}

# in_window SEC FROM TO: FROM <= SEC < TO.
in_window() { [ "$1" -ge "$2" ] && [ "$1" -lt "$3" ]; }

tmux_start 120 40 "$NSVIZ" --fake
wait_screen 'bridge1' 15
ok $? "nsviz --fake draws seed" || show_screen

capture 'DOWN veth-r' 20
ok $? "veth-r's link is marked DOWN" || show_screen
in_window "$SEC" 5 15
ok $? "... while the uptime is 5-15 s into a minute (it is $SEC s)"
like "$(printf '%s\n' "$S" | grep 'eth0-g')" 'eth0-g 10\.0\.0\.2/24' "green's box keeps its address"

row=$(printf '%s\n' "$S" | grep -n 'DOWN veth-r' | cut -d: -f1)
capture 'DOWN' 20 -v
ok $? "the mark goes" || show_screen
in_window "$SEC" 15 60
ok $? "... after 15 s into the minute (it is $SEC s)"
rate='([▼▲] [0-9.]+[kM]?p/s|idle)'
like "$(printf '%s\n' "$S" | sed -n "${row}p")" "$rate.*$rate" \
	"... and red's link has its rates back, beside green's, where the mark was"

capture 'disabled veth-g' 30
ok $? "veth-g's link is marked disabled (its bridge port state)" || show_screen
in_window "$SEC" 25 35
ok $? "... while the uptime is 25-35 s into a minute (it is $SEC s)"

keys 2
capture 'green:eth0-g +no carrier +1500' 25
ok $? "interfaces view at 120 columns: green:eth0-g, no carrier, MTU 1500" || show_screen
in_window "$SEC" 40 50
ok $? "... while the uptime is 40-50 s into a minute (it is $SEC s)"
like "$(printf '%s\n' "$S" | sed -n 2p)" 'STATE +MTU' "... under STATE and MTU headers"
like "$(printf '%s\n' "$S" | grep 'red:eth0-r')" 'red:eth0-r +up +1500' "... red:eth0-r is up"

keys q
wait_screen '^EXIT=' 10
like "$(screen)" 'EXIT=0' "q exits with status 0" || show_screen
done_testing
