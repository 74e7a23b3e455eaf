#!/usr/bin/env bash
# One topology, one nsviz at a time: `down` during `up`, or two `down`s, wait for each other and
# leave nothing; `up` killed while it makes a namespace leaves nothing `down` cannot remove; a
# teardown hung up on (SIGHUP), interrupted, or whose terminal closes after the UI's q finishes,
# and `run` shows its progress. strace slows
# the syscalls that open each window so the other party reliably lands in it.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/tui_lib.bash"
command -v strace >/dev/null && command -v pgrep >/dev/null || skip_all "needs strace and pgrep"

topo=$T_TMP/nzqk.topo
{
	echo "bridge nzqkb"
	for i in $(seq 12); do
		echo "netns nzqk$i"
		echo "veth nzqk$i:eth0 -- nzqkb:nzqkp$i"
	done
} >"$topo"

nothing_left() {
	is "$(ip netns list)" "" "$1: no namespace left"
	is "$(ls /run/netns)" "" "$1: nothing left in /run/netns"
	is "$(ip -br link | awk '{print $1}' | tr '\n' ' ')" "lo " "$1: no link left"
	is "$(ls /run/nsviz)" "" "$1: no record or lock file left"
}

# slow SYSCALL USEC OUT CMD...: run CMD in the background under strace, each SYSCALL delayed;
# sets $slow (strace's pid, whose exit status is CMD's). LeakSanitizer cannot run under ptrace.
slow() {
	local call=$1 usec=$2 out=$3
	shift 3
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e trace="$call" -e inject="$call:delay_enter=$usec" \
		"$@" >"$out" 2>&1 &
	slow=$!
}
wait_until() { for _ in $(seq 1000); do eval "$1" && return 0; sleep 0.01; done; return 1; }

# `down` while `up` is still building: it waits, then removes everything.
slow sendto 20000 "$T_TMP/up" "$NSVIZ" up "$topo"
t_run "up is under way" wait_until "test -s /run/nsviz/nzqk.state"
"$NSVIZ" down "$topo" >"$T_TMP/down" 2>&1
is "$?" 0 "down during up exits 0"
wait "$slow"
is "$?" 0 "up exits 0"
like "$(cat "$T_TMP/down")" "another nsviz \(pid [0-9]+\) is working on nzqk; waiting" \
	"down says it waits for the other nsviz"
like "$(tail -1 "$T_TMP/down")" "nsviz down: nzqk is down" "then takes it down"
nothing_left "down during up"

# Two `down`s: the second waits and finds nothing to do; no error from either.
t_run "up" "$NSVIZ" up "$topo"
slow umount2 100000 "$T_TMP/down1" "$NSVIZ" down "$topo"
t_run "the first down is under way" wait_until "[ \$(ls /run/netns | wc -l) -lt 12 ]"
"$NSVIZ" down "$topo" >"$T_TMP/down2" 2>&1
is "$?" 0 "the second down exits 0"
wait "$slow"
is "$?" 0 "the first down exits 0"
is "$(grep -c '^removed' "$T_TMP/down1")" 25 "the first removed 12 namespaces, 12 ports, 1 bridge"
is "$(grep -v '^removed' "$T_TMP/down1")" "nsviz down: nzqk is down" "the first reports no error"
like "$(cat "$T_TMP/down2")" "another nsviz \(pid [0-9]+\) is working on nzqk; waiting.*
nsviz down: nzqk is not up$" "the second waited, then found it down"
nothing_left "two downs"

# SIGKILL while `up` mounts a namespace: the name is on record before it exists.
slow mount 1000000 "$T_TMP/up" "$NSVIZ" up "$topo"
t_run "up is making nzqk1" wait_until "test -e /run/netns/nzqk1"
kill -9 "$(pgrep -P "$slow")"
{ wait "$slow"; } 2>/dev/null
t_run "killed up left nzqk1 in /run/netns" test -e /run/netns/nzqk1
t_run "down after the kill succeeds" "$NSVIZ" down "$topo"
nothing_left "killed while making a namespace"
t_run "up again succeeds" "$NSVIZ" up "$topo"

# SIGHUP and SIGINT during `down`: it finishes.
slow umount2 100000 "$T_TMP/down1" "$NSVIZ" down "$topo"
t_run "down is under way" wait_until "[ \$(ls /run/netns | wc -l) -lt 12 ]"
kill -HUP "$(pgrep -P "$slow")"
kill -INT "$(pgrep -P "$slow")"
wait "$slow"
is "$?" 0 "down hung up on and interrupted exits 0"
like "$(tail -1 "$T_TMP/down1")" "nzqk is down" "and finished"
nothing_left "SIGHUP during down"

# `run` on a terminal: quit (SIGINT, as the UI's q ends the loop), then SIGHUP during its
# teardown; it finishes, counting on the terminal.
slow umount2 100000 "$T_TMP/run" script -qfec "$NSVIZ run $topo --json >$T_TMP/json" "$T_TMP/tty"
t_run "run is up" wait_until "grep -qx up /run/nsviz/nzqk.state 2>/dev/null && test -s $T_TMP/json"
kill -INT "$(pgrep -f "^$NSVIZ run")"
t_run "run's teardown is under way" wait_until "[ \$(ls /run/netns | wc -l) -lt 12 ]"
kill -HUP "$(pgrep -f "^$NSVIZ run")"
wait "$slow"
is "$?" 0 "run hung up on during its teardown exits 0"
like "$(tr '\r' '\n' <"$T_TMP/tty")" "nsviz run: removing nzqk: 25 of 25 objects" \
	"run counts the objects it removes"
nothing_left "SIGHUP during run's teardown"

# The UI: q, then the terminal closes (its tmux server killed) while the teardown runs.
tmux_start 100 30 ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e trace=umount2 \
	-e inject=umount2:delay_enter=100000 "$NSVIZ" run "$topo"
t_run "the UI is up" wait_until "grep -qx up /run/nsviz/nzqk.state 2>/dev/null"
wait_screen 'nzqk .*tcx' 30
ok $? "the UI is attached (it reads keys)" || show_screen
keys q
t_run "the UI's teardown is under way" wait_until "[ \$(ls /run/netns | wc -l) -lt 12 ]"
tmux -L "$TMUX_SOCK" kill-server
t_run "nsviz finished after its terminal closed" wait_until "! pgrep -f '^$NSVIZ run' >/dev/null"
nothing_left "terminal closed during the UI's teardown"
done_testing
