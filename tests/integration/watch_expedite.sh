#!/usr/bin/env bash
# rcu_expedited while nsviz makes its tcx links (user/observe/expedite.h): on during the burst,
# off again before the first snapshot and after exit; a watch killed in the middle leaves it on
# with its mark, and the next nsviz turns it off; an administrator's 1 is never touched, and
# NSVIZ_EXPEDITE=0 never turns it on. strace slows every bpf() call so the burst lasts long enough
# to be seen; the knob is read straight from /sys, not from nsviz.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
knob=/sys/kernel/rcu_expedited
mark=/run/nsviz/rcu_expedited
[ -w "$knob" ] || skip_all "this kernel has no writable $knob"
command -v strace >/dev/null && command -v pgrep >/dev/null || skip_all "needs strace and pgrep"

was=$(cat "$knob")
at_exit "echo $was >$knob"
echo 0 >"$knob"

setup_begin
ip link add nzxeb type bridge
ip link set nzxeb up
for i in $(seq 20); do
	ip netns add "nzxe$i"
	ip link add "nzxep$i" master nzxeb up type veth peer name eth0 netns "nzxe$i"
	ip -n "nzxe$i" link set eth0 up
done
setup_end

# slow_watch OUT [ENV...]: watch --json in the background under strace, each bpf() delayed 10 ms
# (40 links and the map updates between them: half a second); sets $tracer (strace) and $pid (nsviz).
slow_watch() {
	local out=$1
	shift
	env "$@" ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e trace=bpf \
		-e inject=bpf:delay_enter=10000 "$NSVIZ" watch --json --interval 0.2 >"$out" 2>"$out.err" &
	tracer=$!
	wait_until pgrep -P "$tracer" >/dev/null
	pid=$(pgrep -P "$tracer")
	at_exit "kill -9 $tracer $pid"
}

# seen_on: the knob read 1 while nsviz was still attaching (before its first snapshot).
seen_on() {
	local i
	for i in $(seq 400); do
		[ "$(cat "$knob")" = 1 ] && ! grep -q '"type":"snapshot"' "$1" && return 0
		sleep 0.01
	done
	return 1
}

# The burst: on while attaching, off at the first snapshot, off after exit.
slow_watch "$T_TMP/w1"
seen_on "$T_TMP/w1"
ok $? "rcu_expedited is 1 while watch attaches"
like "$(cat "$mark" 2>/dev/null)" '^on$' "the mark says nsviz turned it on"
wait_for_line "$pid" "$T_TMP/w1" '"type":"snapshot"' "$T_TMP/w1.err"
ok $? "watch's first snapshot"
is "$(cat "$knob")" 0 "rcu_expedited is 0 again at the first snapshot"
ok "$(test ! -e "$mark"; echo $?)" "no mark left once attached"
kill -TERM "$pid"
wait "$tracer"
ok $? "watch exits 0 on SIGTERM"
is "$(cat "$knob")" 0 "rcu_expedited is 0 after watch detached and exited"
ok "$(test ! -e /run/nsviz; echo $?)" "no state directory left: it was made for the mark"

# Killed in the middle: left on, with the mark; the next nsviz that loads programs turns it off.
slow_watch "$T_TMP/w2"
seen_on "$T_TMP/w2"
ok $? "rcu_expedited is 1 while the second watch attaches"
kill -9 "$pid"
wait "$tracer" 2>/dev/null
is "$(cat "$knob")" 1 "a watch killed while attaching leaves rcu_expedited at 1"
like "$(cat "$mark" 2>/dev/null)" '^on$' "and its mark saying so"
NSVIZ_EXPEDITE=0 "$NSVIZ" stats --interval 0.1 --netns nzxe1 >"$T_TMP/s" 2>&1
ok $? "stats runs"
is "$(cat "$knob")" 0 "the next nsviz turned rcu_expedited off"
ok "$(test ! -e "$mark"; echo $?)" "and removed the mark"

# Somebody else's 1 is theirs: nsviz neither owns nor clears it.
echo 1 >"$knob"
"$NSVIZ" stats --interval 0.1 >"$T_TMP/s" 2>&1
ok $? "stats runs with rcu_expedited already 1"
is "$(cat "$knob")" 1 "an administrator's rcu_expedited=1 is left as it was"
ok "$(test ! -e "$mark"; echo $?)" "with no mark"
echo 0 >"$knob"

# NSVIZ_EXPEDITE=0: never on, however long the burst.
slow_watch "$T_TMP/w3" NSVIZ_EXPEDITE=0
ones=0
until grep -q '"type":"snapshot"' "$T_TMP/w3" || ! kill -0 "$pid" 2>/dev/null; do
	[ "$(cat "$knob")" = 1 ] && ones=$((ones + 1))
	sleep 0.01
done
grep -q '"type":"snapshot"' "$T_TMP/w3"
ok $? "watch with NSVIZ_EXPEDITE=0 attaches"
is "$ones" 0 "NSVIZ_EXPEDITE=0: rcu_expedited never read 1 while attaching"
kill -TERM "$pid"
wait "$tracer"
done_testing
