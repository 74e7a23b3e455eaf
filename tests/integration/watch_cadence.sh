#!/usr/bin/env bash
# Snapshots keep their cadence under load: `ping -f` plus a UDP flood over many ports (a new flow
# at every packet) red -> green for 10 s while `watch --json --interval 1` runs, once with a fast
# reader of its output and once with a slow one. Consecutive snapshots are at most 2 s apart
# throughout, lost_events grows in the snapshots written during the flood (not only after it),
# and at the end every counter still equals the kernel's.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"

# check_run NAME: the assertions on $T_TMP/w.json for a run whose flood lasted F0..F1.
check_run() {
	local snaps gap before during
	snaps=$(grep '"type":"snapshot"' "$T_TMP/w.json" | jq -c '[.time, .lost_events]')
	gap=$(echo "$snaps" | jq -s '[range(1; length) as $i | .[$i][0] - .[$i - 1][0]] | max')
	echo "# $1: $(echo "$snaps" | wc -l) snapshots, largest gap ${gap} s, the largest" \
		"$(grep '"type":"snapshot"' "$T_TMP/w.json" | awk '{print length}' | sort -n | tail -1) bytes"
	is "$(jq -n --argjson g "$gap" '$g <= 2')" true "$1: at most 2 s between snapshots (largest $gap s)"
	is "$(echo "$snaps" | jq -s --argjson f0 "$F0" --argjson f1 "$F1" \
		'[.[] | select(.[0] > $f0 + 1 and .[0] < $f1)] | length >= '$((FLOOD_S - 3)))" true \
		"$1: snapshots keep coming during the flood"
	before=$(echo "$snaps" | jq -s --argjson f0 "$F0" '[.[] | select(.[0] <= $f0) | .[1]] | last')
	during=$(echo "$snaps" | jq -s --argjson f1 "$F1" '[.[] | select(.[0] < $f1) | .[1]] | last')
	ok "$([ "$during" -gt "$before" ]; echo $?)" \
		"$1: lost_events grew in the snapshots written during the flood ($before -> $during)"
}

# run NAME READER: watch writing into a FIFO that READER (a command) copies to $T_TMP/w.json.
run() {
	local k0 k1 rpid
	rm -f "$T_TMP/fifo" && mkfifo "$T_TMP/fifo"
	$2 <"$T_TMP/fifo" >"$T_TMP/w.json" &
	rpid=$!
	at_exit "kill -9 $rpid"
	"$NSVIZ" watch --json --interval 1 seed >"$T_TMP/fifo" 2>"$T_TMP/w.err" &
	WPID=$!
	at_exit "kill -9 $WPID"
	wait_for_line "$WPID" "$T_TMP/w.json" '"type":"snapshot"' "$T_TMP/w.err" ||
		{ echo "Bail out! watch did not start"; exit 1; }
	k0=$(kstats)
	flood
	sleep 1.5 # a quiet interval: what was still in flight is counted, one more tick falls after
	k1=$(kstats)
	watch_stop
	wait "$rpid"
	check_run "$1"
	is "$(last_snapshot | nstats | sort)" "$(kdelta "$k0" "$k1" | sort)" \
		"$1: rx/tx packets and bytes still equal the kernel's after the flood"
}

# A reader slower than the events, 4 KiB every 25 ms (160 KiB/s), with a 1 MiB pipe (as a reader
# that wants no stalls sets with F_SETPIPE_SZ): events must not fill it ahead of the snapshots.
slow_cat() {
	python3 -c '
import fcntl, os, sys, time
fcntl.fcntl(0, 1031, 1 << 20)  # F_SETPIPE_SZ
while True:
    b = os.read(0, 4096)
    if not b:
        break
    sys.stdout.buffer.write(b)
    sys.stdout.flush()
    time.sleep(0.025)'
}

seed_up || { echo "Bail out! nsviz up seed failed"; exit 1; }
static_neigh
ok $? "permanent neighbour entries: no ARP during the measurement"
wait_quiet
ok $? "the topology is quiet before the measurement"
run "fast reader" cat
run "slow reader" slow_cat
done_testing
