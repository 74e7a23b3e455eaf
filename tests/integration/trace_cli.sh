#!/bin/bash
# trace and fdb on the command line: refusals (not up, bad file, bad filter, snaplen) change
# nothing and say why; TOPOLOGY is optional before the filter words. In a pid namespace of its
# own: the live network (no TOPOLOGY) would else include the namespaces other tests' processes
# hold, and their pings.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"

"$NSVIZ" trace seed icmp >/dev/null 2>"$T_TMP/err"
is "$?" 1 "trace on a topology that is not up: exit 1"
like "$(cat "$T_TMP/err")" "topology 'seed' is not up \(try: nsviz up seed; without TOPOLOGY, nsviz trace observes the live network\)" \
	"and says so"
"$NSVIZ" fdb seed >/dev/null 2>"$T_TMP/err"
is "$?" 1 "fdb on a topology that is not up: exit 1"
"$NSVIZ" trace "$T_TMP/none.topo" icmp >/dev/null 2>"$T_TMP/err"
is "$?" 2 "trace on a missing topology file: exit 2"

net_up seed || { done_testing; exit 1; }
"$NSVIZ" trace --snaplen 300 seed >/dev/null 2>"$T_TMP/err"
is "$?" 2 "--snaplen above 256: exit 2"
like "$(cat "$T_TMP/err")" "from 34 to 256" "with the range"
"$NSVIZ" trace seed host 10.0.0.300 >/dev/null 2>"$T_TMP/err"
is "$?" 2 "a bad address in the filter: exit 2"
like "$(cat "$T_TMP/err")" "^nsviz trace: bad filter 'host 10\.0\.0\.300': " "the filter in the message"

trace_start icmp --json --count 1
ok $? "nsviz trace icmp --json --count 1: options may follow the filter words"
like "$(cat "$T_TMP/t.err")" "tracing live, filter 'icmp'" "announced as such: no TOPOLOGY is the live network"
ip netns exec red ping -c 1 -W 2 10.0.0.2 >/dev/null
trace_wait
like "$(jq -r 'select(.type == "path") | .summary' "$T_TMP/t.out")" "ICMP echo request" \
	"and the ICMP path comes out"
done_testing
