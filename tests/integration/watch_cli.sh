#!/usr/bin/env bash
# watch/stats/run from the command line: a topology that is not up is refused (exit 1), a bad
# file is a usage error (exit 2); `run` builds the topology, watches, and removes only what it
# built; `stats` prints one table after --interval; watch off a terminal prints the table; a
# failure is one line on stderr.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"

"$NSVIZ" watch --json seed >"$T_TMP/out" 2>&1
is "$?" 1 "watch on a topology that is not up exits 1"
like "$(cat "$T_TMP/out")" "not up .*nsviz up seed" "and says how to bring it up"
echo 'netns x y z' >"$T_TMP/bad.topo"
"$NSVIZ" watch "$T_TMP/bad.topo" >"$T_TMP/out" 2>&1
is "$?" 2 "watch on a file that does not parse exits 2"

"$NSVIZ" run --json --interval 0.3 --duration 1.5 >"$T_TMP/run.json" 2>"$T_TMP/run.err"
is "$?" 0 "run --json --duration exits 0"
like "$(grep '"type":"snapshot"' "$T_TMP/run.json" | tail -1 | jq -r '[.interfaces[].ifname] | join(" ")')" \
	'^eth0-r veth-r eth0-g veth-g bridge1$' "run watched the seed topology it built"
is "$(ip netns list | wc -l)" 0 "run removed the namespaces it built"
ip link show bridge1 >/dev/null 2>&1
is "$?" 1 "run removed the bridge it built"

seed_up || { echo "Bail out! nsviz up seed failed"; exit 1; }
"$NSVIZ" run --json --interval 0.3 --duration 0.5 >/dev/null 2>&1
is "$?" 0 "run on a topology already up exits 0"
is "$(ip netns list | awk '{print $1}' | sort | tr '\n' ' ')" "green red " "and leaves it up"

stats_seed 3
ip netns exec red ping -c 3 -i 0.2 -q 10.0.0.2 >/dev/null
wait "$SPID"
is "$?" 0 "stats exits 0"
like "$(head -2 "$T_TMP/stats" | tail -1)" '^INTERFACE +DIR +PACKETS +BYTES' "stats prints a table header"
is "$(grep -c -E '^(red:eth0-r|host:veth-r|green:eth0-g|host:veth-g|host:bridge1) +(rx|tx) ' "$T_TMP/stats")" 10 \
	"one row per interface and direction"
icmp=$(awk '$1=="red:eth0-r" && $2=="tx" {print $10}' "$T_TMP/stats")
is "$icmp" 3 "red:eth0-r tx counted the 3 pings as ICMP"

# One failure, one message: a line that names what failed and why, not repeated by the command.
"$NSVIZ" stats --interval 0.2 seed >/dev/full 2>"$T_TMP/err"
is "$?" 1 "stats whose stdout is full exits 1"
is "$(cat "$T_TMP/err")" "nsviz stats: write to stdout: No space left on device" \
	"with one line naming stdout and the cause"

"$NSVIZ" watch --interval 0.3 --duration 1 seed >"$T_TMP/table" 2>&1 </dev/null
is "$?" 0 "watch off a terminal exits 0"
ok "$([ "$(grep -c '^INTERFACE' "$T_TMP/table")" -ge 3 ]; echo $?)" "and prints the table every interval"
"$NSVIZ" watch --json --interval 0.2 --duration 5 seed >/dev/full 2>"$T_TMP/err"
is "$?" 1 "watch whose stdout is full exits 1"
is "$(cat "$T_TMP/err")" "nsviz watch: write to stdout: No space left on device" \
	"with one line naming stdout and the cause"
"$NSVIZ" watch --json --interval 0.2 --duration 5 seed 2>"$T_TMP/err" | head -c 1 >/dev/null
is "${PIPESTATUS[0]}" 0 "watch whose reader goes away exits 0"
is "$(cat "$T_TMP/err")" "" "and says nothing"

ip link del veth-g # and eth0-g with it: the record still says up
for cmd in "watch --json --duration 1 seed" "stats --interval 0.2 seed"; do
	# shellcheck disable=SC2086 # the command and its options
	"$NSVIZ" $cmd >/dev/null 2>"$T_TMP/err"
	is "$?" 1 "$cmd with an interface gone exits 1"
	is "$(cat "$T_TMP/err")" "nsviz: interface green:eth0-g not found (is the topology up?)" \
		"with one line naming the interface"
done
done_testing
