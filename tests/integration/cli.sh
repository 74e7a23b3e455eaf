#!/usr/bin/env bash
# The command line: help, version, unknown options and commands, the privilege check, the ranges
# of numeric options (checked before anything else: before privileges, before "not up"); output
# that stdout does not take is a failure.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"

t_run "--version prints the version" "$NSVIZ" --version
like "$(cat "$T_TMP/out" 2>/dev/null)" '^nsviz [0-9]+\.[0-9]+\.[0-9]+$' "version format"
t_run "--help succeeds" "$NSVIZ" --help
like "$(cat "$T_TMP/out")" 'commands:' "--help lists the commands"
t_run "up --help succeeds" "$NSVIZ" up --help
for args in "--version" "--help" "show seed"; do
	# shellcheck disable=SC2086 # the arguments
	"$NSVIZ" $args >/dev/full 2>"$T_TMP/err"
	is "$?" 1 "$args with stdout full exits 1"
	like "$(cat "$T_TMP/err")" "^nsviz( show)?: write to stdout: No space left on device$" \
		"with one line naming stdout and the cause"
done
"$NSVIZ" up --bogus >"$T_TMP/out" 2>&1
is "$?" 2 "unknown option exits 2"
like "$(cat "$T_TMP/out")" "unknown option '--bogus'.*|Try 'nsviz up --help'" "unknown option names itself and hints"
"$NSVIZ" frobnicate >"$T_TMP/out" 2>&1
is "$?" 2 "unknown command exits 2"
like "$(cat "$T_TMP/out")" "Try 'nsviz --help'" "unknown command hints at --help"

# bad_number CMD OPT VALUE WHAT: exit 2 with "nsviz CMD: --OPT: 'VALUE' is not a WHAT from ...",
# nothing else said. Nothing is up in the sandbox, so a check after the topology's would say
# "not up" (exit 1) instead, and `run` would build and run (timeout: that must not hang the test).
bad_number() {
	timeout 20 "$NSVIZ" "$1" "--$2" "$3" >"$T_TMP/out" 2>&1
	is "$?" 2 "$1 --$2 $3 exits 2"
	like "$(cat "$T_TMP/out")" "^nsviz $1: --$2: '$3' is not a $4 from [0-9.]+ to [0-9.]+\$" \
		"$1 --$2 $3 names the option, the value and the range"
}
for v in nan 1e30 2.7 0 -1 0x10 4294967296 ' 3' ''; do
	bad_number trace count "$v" "whole number"
done
for v in 4294967296 33 257 128.5; do
	bad_number trace snaplen "$v" "whole number"
done
for v in inf nan 0 1e3 86401 -1 1,5 .; do
	bad_number watch interval "$v" number
done
for v in nan inf 0 604801; do
	bad_number watch duration "$v" number
	bad_number trace duration "$v" number
done
for v in 0.05 101 inf; do
	bad_number run refresh "$v" number
done
# In range, the same options pass the parser and reach the topology check.
for args in "trace --count 1 --snaplen 34 --duration 0.5 seed" "trace --count=2147483647 --snaplen 256 seed" \
	"watch --interval 86400 --duration .5 --refresh 100 seed" "stats --interval 0.01 seed"; do
	# shellcheck disable=SC2086
	"$NSVIZ" $args >"$T_TMP/out" 2>&1
	is "$?" 1 "$args: accepted, then refused as not up"
	like "$(cat "$T_TMP/out")" "is not up" "$args: the refusal is about the topology"
done
"$NSVIZ" trace --interval 1 >"$T_TMP/out" 2>&1
is "$?" 2 "trace --interval 1 exits 2"
is "$(head -1 "$T_TMP/out")" "nsviz trace: trace has no --interval option" \
	"a misplaced option names itself, not its value"
"$NSVIZ" up --json >"$T_TMP/out" 2>&1
is "$(head -1 "$T_TMP/out")" "nsviz up: up has no --json option" "so does a misplaced flag"
"$NSVIZ" trace --count >"$T_TMP/out" 2>&1
is "$?" 2 "trace --count without a value exits 2"
is "$(head -1 "$T_TMP/out")" "nsviz trace: --count needs a value" "and says so"
if id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$NSVIZ" up >"$T_TMP/out" 2>&1
	is "$?" 1 "up without privileges exits 1"
	like "$(cat "$T_TMP/out")" 'needs root' "up without privileges says what it needs"
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$NSVIZ" trace --count nan \
		>"$T_TMP/out" 2>&1
	is "$?" 2 "a bad number is bad usage before the privilege check"
fi
done_testing
