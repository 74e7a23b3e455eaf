#!/usr/bin/env bash
# The UI keeps its frames under load: while `ping -f` plus a UDP flood run red -> green for 10 s,
# with no event rate limit and a 256 MiB ring, and the UI is stopped for 4 s of it (a backlog of
# millions of events when it resumes), the status line of `nsviz watch --interval 1` in tmux
# keeps advancing: its uptime never falls more than 2 s behind the wall clock (plus the 1 s it is
# rounded to), except while stopped and in the interval after. Afterwards q exits 0.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"

# The status line's uptime in seconds from "up H:MM:SS" on stdin, or nothing.
uptime_s() {
	sed -n 's/.* up \([0-9]*\):\([0-9][0-9]\):\([0-9][0-9]\) .*/\1 \2 \3/p' |
		awk '{print $1 * 3600 + $2 * 60 + $3}'
}

seed_up || { echo "Bail out! nsviz up seed failed"; exit 1; }
static_neigh || { echo "Bail out! static neighbours"; exit 1; }
wait_quiet

# No rate limit and a 256 MiB ring: a backlog far larger than the reader takes in one interval.
tmux_start 132 43 "NSVIZ_EVENT_RATE=0 NSVIZ_RINGBUF_SIZE=268435456 $NSVIZ watch --interval 1 seed"
wait_screen 'seed .*tcx .* up ' 30
ok $? "the UI is up and attached" || show_screen

# nsviz is the child of the pane's shell (other nsviz processes may run on this machine).
pid=$(pgrep -P "$(tmux -L "$TMUX_SOCK" list-panes -t t -F '#{pane_pid}')" -x "$(basename "$NSVIZ")")
like "$pid" '^[0-9]+$' "the UI's process is found" || { done_testing; exit 1; }
at_exit "kill -CONT $pid"
flood &
flood_pid=$!
at_exit "kill $flood_pid"
# The UI stopped for 4 s of the flood, as a busy machine might: the ring fills up meanwhile.
(sleep 2 && kill -STOP "$pid" && sleep 4 && kill -CONT "$pid" && date +%s.%N >"$T_TMP/cont") &
# "wall-clock seconds, displayed uptime", four times a second while the flood runs.
while kill -0 "$flood_pid" 2>/dev/null; do
	echo "$(date +%s.%N) $(screen | tail -1 | uptime_s)"
	sleep 0.25
done >"$T_TMP/samples"
wait "$flood_pid"
ok $? "the floods ran"

n=$(awk 'NF == 2' "$T_TMP/samples" | wc -l)
ok "$([ "$n" -ge $((FLOOD_S * 2)) ]; echo $?)" "the status line was read during the flood ($n times)"
# Lag of the displayed uptime behind the wall clock, relative to the first sample, except while
# the UI was stopped and in the interval after (its next tick catches up).
lag=$(awk -v c="$(cat "$T_TMP/cont")" 'NF == 2 && ($1 < c - 4.5 || $1 > c + 1.5) {
		if (!t0) { t0 = $1; u0 = $2 }
		l = ($1 - t0) - ($2 - u0)
		if (l > m) m = l
	} END { printf "%.2f", m }' "$T_TMP/samples")
echo "# the uptime fell at most $lag s behind the wall clock"
ok "$(awk -v l="$lag" 'BEGIN { exit !(l <= 3) }'; echo $?)" \
	"the status line's uptime keeps advancing during the flood (largest lag $lag s)" ||
	sed 's/^/# /' "$T_TMP/samples" >&2
keys q
wait_screen 'EXIT=0' 10
ok $? "q exits 0" || show_screen
done_testing
