#!/usr/bin/env bash
# A step refused halfway (injected with NSVIZ_FAIL_AT, or a name taken between the checks and the
# build) rolls back everything made in that run and names the step; a killed `up` leaves a record
# that `down` cleans up.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"

nothing_left() {
	is "$(ip netns list)" "" "$1: no namespace left"
	is "$(ip -br link | awk '{print $1}' | tr '\n' ' ')" "${2:-lo }" "$1: no link left"
	t_run "$1: no record left" test ! -e "/run/nsviz/${3:-router}.state"
}

# The router topology takes 26 steps; fail a few of every kind, the first and the last.
for n in 1 2 3 4 10 11 12 13 14 16 20 25 26; do
	NSVIZ_FAIL_AT=$n "$NSVIZ" up router >"$T_TMP/out" 2>&1
	is "$?" 1 "step $n fails: exit 1"
	like "$(cat "$T_TMP/out")" '^nsviz up: .+: Input/output error; rolled back [0-9]+ objects?$' \
		"step $n fails: the step is named, the rollback counted"
	nothing_left "step $n fails"
done
t_run "NSVIZ_FAIL_AT past the last step: up succeeds" env NSVIZ_FAIL_AT=27 "$NSVIZ" up router
t_run "down router" "$NSVIZ" down router
nothing_left "after down"

NSVIZ_FAIL_AT=11 "$NSVIZ" up seed >"$T_TMP/out" 2>&1
is "$(grep '^nsviz up:' "$T_TMP/out")" \
	"nsviz up: create veth green:eth0-g -- bridge1:veth-g: Input/output error; rolled back 4 objects" \
	"the message names the veth that failed and counts red, green, bridge1, veth-r"
nothing_left "seed step 11 fails" "lo " seed

if ! command -v strace >/dev/null || ! command -v pgrep >/dev/null; then
	done_testing
	exit
fi

# A real race: a bridge port name is taken while `up` is held (strace delays its second write,
# the record's first line, after the conflict checks and before anything is made; the first is
# its pid into the lock file; a record with content tells when).
export NSVIZ_RUNDIR=$T_TMP/rundir
cat >"$T_TMP/nzq4.topo" <<'EOF'
netns nzq4a
bridge nzq4b
veth nzq4a:nzqe 10.79.0.1/24 -- nzq4b:nzq4p
EOF
strace -qq -o /dev/null -e trace=write -e inject=write:delay_exit=3000000:when=2 \
	"$NSVIZ" up "$T_TMP/nzq4.topo" >"$T_TMP/race" 2>&1 &
up_pid=$!
for _ in $(seq 500); do [ -s "$NSVIZ_RUNDIR/nzq4.state" ] && break; sleep 0.01; done
ip link add nzq4p type veth peer name nzq4q
index=$(ip -o link show dev nzq4p | cut -d: -f1)
wait "$up_pid"
is "$?" 1 "a port name taken during up: exit 1"
is "$(grep '^nsviz up:' "$T_TMP/race")" \
	"nsviz up: create veth nzq4a:nzqe -- nzq4b:nzq4p: File exists; rolled back 2 objects" \
	"the kernel's refusal is reported with the step; namespace and bridge rolled back"
is "$(ip -o link show dev nzq4p | cut -d: -f1)" "$index" "the interface made meanwhile is untouched"
nothing_left "race" "lo nzq4q@nzq4p nzq4p@nzq4q " nzq4
t_run "race: no record left" test ! -e "$NSVIZ_RUNDIR/nzq4.state"
ip link del nzq4p
unset NSVIZ_RUNDIR

# A killed `up`: every request is slowed down, and the process killed once lan1-r exists.
strace -qq -o /dev/null -e trace=sendto -e inject=sendto:delay_exit=30000 \
	"$NSVIZ" up router >/dev/null 2>&1 &
strace_pid=$!
for _ in $(seq 1000); do ip link show dev lan1-r >/dev/null 2>&1 && break; sleep 0.01; done
kill -9 "$(pgrep -P "$strace_pid")"
{ wait "$strace_pid"; } 2>/dev/null
like "$(ip netns list)" 'router' "killed up: the namespaces it made are there"
t_run "killed up: the record is there" test -s /run/nsviz/router.state
"$NSVIZ" up router >"$T_TMP/out" 2>&1
is "$?" 1 "up after a killed up exits 1"
like "$(cat "$T_TMP/out")" "router is partly built.*run 'nsviz down router' first" "and says to run down"
t_run "down after a killed up succeeds" "$NSVIZ" down router
nothing_left "down after a killed up"
done_testing
