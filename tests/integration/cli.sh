#!/usr/bin/env bash
# The command line: help, version, unknown options and commands, the privilege check.
. "$(dirname "$0")/../lib.sh"

t_run "--version prints the version" "$NSVIZ" --version
like "$(cat "$T_TMP/out" 2>/dev/null)" '^nsviz [0-9]+\.[0-9]+\.[0-9]+$' "version format"
t_run "--help succeeds" "$NSVIZ" --help
like "$(cat "$T_TMP/out")" 'commands:' "--help lists the commands"
t_run "up --help succeeds" "$NSVIZ" up --help
"$NSVIZ" up --bogus >"$T_TMP/out" 2>&1
is "$?" 2 "unknown option exits 2"
like "$(cat "$T_TMP/out")" "unknown option '--bogus'.*|Try 'nsviz up --help'" "unknown option names itself and hints"
"$NSVIZ" frobnicate >"$T_TMP/out" 2>&1
is "$?" 2 "unknown command exits 2"
like "$(cat "$T_TMP/out")" "Try 'nsviz --help'" "unknown command hints at --help"
if id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$NSVIZ" up >"$T_TMP/out" 2>&1
	is "$?" 1 "up without privileges exits 1"
	like "$(cat "$T_TMP/out")" 'needs root' "up without privileges says what it needs"
fi
done_testing
