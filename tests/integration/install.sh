#!/usr/bin/env bash
# `make install` / `make uninstall`: into a DESTDIR with PREFIX=/usr, and for real with the default
# PREFIX on a tmpfs over /usr/local (this sandbox's own mount namespace): each file where it
# belongs with its mode, the binary runs, man finds the page and renders it without a warning,
# systemd-analyze accepts the unit, uninstall leaves no file. The man page is checked against
# `nsviz --help`, each `nsviz COMMAND --help` and user/cli/env.c, read now, so it cannot drift.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
BIN=$TOP/build/nsviz
[ -x "$BIN" ] || skip_all "build/nsviz not built (make all)"

# mk ARGS...: make in the source tree, as a user would type it (not as a sub-make of `make test`).
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -C "$TOP" "$@"; }

# The files an install puts under PREFIX, relative to it.
installed="lib/systemd/system/nsviz-export.service
sbin/nsviz
share/bash-completion/completions/nsviz
$(cd "$TOP/examples" && ls *.topo | sed 's|^|share/doc/nsviz/examples/|')
share/man/man8/nsviz.8"

# --- DESTDIR and PREFIX -------------------------------------------------------------------------
D=$T_TMP/dest
mk -q build/nsviz
ok $? "build/nsviz is up to date (so install has nothing to build)"
is "$(mk -n install DESTDIR="$D" PREFIX=/usr | grep -Ev '^(install -D -m 0[67][54][54] |sed -i |	)')" "" \
	"install only copies (no compiler, no bpftool)"
t_run "make install DESTDIR=\$tmp PREFIX=/usr" mk install DESTDIR="$D" PREFIX=/usr
is "$(cd "$D/usr" && find . -type f | sed 's|^\./||' | sort)" "$(sort <<<"$installed")" \
	"each file where it belongs, nothing else"
is "$(find "$D" -type f -printf '%m %P\n' | grep -c '^644 ')" "$(($(wc -l <<<"$installed") - 1))" \
	"data files are 0644"
is "$(stat -c %a "$D/usr/sbin/nsviz")" 755 "the binary is 0755"
cmp -s "$BIN" "$D/usr/sbin/nsviz"
ok $? "the installed binary is the one make built"
is "$("$D/usr/sbin/nsviz" --version)" "nsviz $(cat "$TOP/VERSION")" "the installed binary runs: --version"
"$D/usr/sbin/nsviz" --help >"$T_TMP/out" 2>&1
is "$?:$(head -1 "$T_TMP/out")" "0:usage: nsviz [COMMAND] [OPTIONS] [TOPOLOGY]" "and --help"
cmp -s "$TOP/docs/nsviz.8" "$D/usr/share/man/man8/nsviz.8"
ok $? "the man page is docs/nsviz.8"
is "$(diff "$TOP/contrib/systemd/nsviz-export.service" "$D/usr/lib/systemd/system/nsviz-export.service" |
	grep '^[<>]')" "< ExecStart=/usr/local/sbin/nsviz export
> ExecStart=/usr/sbin/nsviz export" "the unit runs \$PREFIX/sbin/nsviz, and is otherwise the one in contrib"
t_run "make uninstall DESTDIR=\$tmp PREFIX=/usr" mk uninstall DESTDIR="$D" PREFIX=/usr
is "$(find "$D" -type f)" "" "uninstall leaves no file"
[ ! -e "$D/usr/share/doc/nsviz" ]
ok $? "nor nsviz's own doc directory"
t_run "uninstall twice is fine" mk uninstall DESTDIR="$D" PREFIX=/usr

# --- the default PREFIX, for real -----------------------------------------------------------------
mount -t tmpfs nsviz-test /usr/local || { echo "Bail out! cannot mount tmpfs on /usr/local"; exit 1; }
t_run "make install (PREFIX=/usr/local)" mk install
is "$(cd /usr/local && find . -type f | sed 's|^\./||' | sort)" "$(sort <<<"$installed")" \
	"each file under /usr/local"
is "$(PATH=/usr/local/sbin:$PATH command -v nsviz)" /usr/local/sbin/nsviz "nsviz is on root's PATH"
is "$(man -w nsviz 2>&1)" /usr/local/share/man/man8/nsviz.8 "man finds nsviz(8)"
LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -Tutf8 8 nsviz >/dev/null 2>"$T_TMP/err"
is "$?:$(cat "$T_TMP/err")" "0:" "man nsviz renders without a warning"
if command -v systemd-analyze >/dev/null; then
	# Also checks that ExecStart's binary exists and man:nsviz(8) resolves.
	systemd-analyze verify /usr/local/lib/systemd/system/nsviz-export.service >"$T_TMP/out" 2>&1
	is "$?:$(cat "$T_TMP/out")" "0:" "systemd-analyze verify accepts the installed unit"
else
	ok 0 "# SKIP systemd-analyze is not installed"
fi
t_run "make uninstall (PREFIX=/usr/local)" mk uninstall
is "$(find /usr/local -type f)" "" "uninstall leaves no file under /usr/local"

# --- the man page: lint ---------------------------------------------------------------------------
man8=$TOP/docs/nsviz.8
LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 "$man8" >/dev/null 2>"$T_TMP/err"
is "$?:$(cat "$T_TMP/err")" "0:" "man -l docs/nsviz.8: no warning"
groff -ww -z -man "$man8" 2>"$T_TMP/err"
is "$?:$(cat "$T_TMP/err")" "0:" "groff -ww -z -man: no warning"

is "$(sed -n 's/^\.TH NSVIZ 8 [0-9-]* "nsviz \([^"]*\)".*/\1/p' "$man8")" "$(cat "$TOP/VERSION")" \
	"man: its header names the version in VERSION"

# --- the man page: every command and option nsviz has, read from nsviz --------------------------
MANWIDTH=1000 man -l "$man8" 2>/dev/null | col -bx >"$T_TMP/man.txt"
section() { sed -n "/^$1\$/,/^[A-Z][A-Z ]*\$/p" "$T_TMP/man.txt"; }
section SYNOPSIS >"$T_TMP/synopsis"
section OPTIONS | sed -n 's/^       \(--[a-z-]*\).*/\1/p' | sort -u >"$T_TMP/man-options"
commands=$("$BIN" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
like "$commands" '^up$' "nsviz --help lists commands (they are read from it)"
for cmd in $commands; do
	syn=$(grep -E "^ *nsviz (\[$cmd\]|$cmd)( |$)" "$T_TMP/synopsis")
	like "$syn" . "man: SYNOPSIS has nsviz $cmd"
	like "$(section COMMANDS)" "^       (\[$cmd\]|$cmd)( |$)" "man: COMMANDS describes $cmd"
	for opt in $("$BIN" "$cmd" --help | sed -n 's/^  \(--[a-z-]*\).*/\1/p'); do
		like "$syn" "\[$opt( [^]]*)?\]|$cmd $opt\$" "man: SYNOPSIS of $cmd has $opt"
		grep -qx -- "$opt" "$T_TMP/man-options"
		ok $? "man: OPTIONS describes $opt ($cmd)"
	done
done
for opt in --help --version; do
	grep -qx -- "$opt" "$T_TMP/man-options"
	ok $? "man: OPTIONS describes $opt"
done
is "$(section 'EXIT STATUS' | grep -Eo '^       [0-9]+' | tr -d ' ' | tr '\n' ' ')" "0 1 2 3 " \
	"man: EXIT STATUS gives 0, 1, 2 and 3"
for var in $(grep -Eo '(getenv|env_str|env_num)\("[A-Z_]+"\)' "$TOP/user/cli/env.c" | grep -Eo '[A-Z_]{3,}'); do
	like "$(section ENVIRONMENT)" "^       ([A-Z_]+, )*$var([ ,=]|$)" "man: ENVIRONMENT has $var (read by env.c)"
done
for f in /run/netns /run/nsviz /proc/PID/ns/net /sys/kernel/btf/vmlinux; do
	like "$(section FILES)" "^       $f" "man: FILES has $f"
done
for page in 'ip\(8\)' 'ip-netns\(8\)' 'bridge\(8\)' 'tc\(8\)' 'bpftool\(8\)' 'prometheus\(1\)'; do
	like "$(section 'SEE ALSO')" "$page" "man: SEE ALSO has $page"
done

# The man page's network built by hand is the tutorial's: run its `ip` lines here (the sandbox).
section EXAMPLES | sed -n '/built by hand/,/^ *[A-Z]/s/^ *sudo \(ip .*\)/\1/p' >"$T_TMP/by-hand"
is "$(grep -c . "$T_TMP/by-hand")" 12 "man: EXAMPLES builds a network with 12 ip commands"
bash -e "$T_TMP/by-hand" >"$T_TMP/out" 2>&1
ok $? "they run" || sed 's/^/# /' "$T_TMP/out" >&2
"$BIN" check seed >"$T_TMP/out" 2>&1
is "$?:$(cat "$T_TMP/out")" "0:topology seed matches the live network" \
	"and nsviz check finds the built-in seed in what they built"
done_testing
