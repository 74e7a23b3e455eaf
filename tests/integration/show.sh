#!/usr/bin/env bash
# `nsviz show`: prints the parsed topology without privileges; bad files give every error as
# FILE:LINE:COL and exit 2; nothing is created.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 || skip_all "needs setpriv and user nobody"
chmod 755 "$T_TMP"

# as_nobody CMD...: run without any privilege; stdout to $T_TMP/out, stderr to $T_TMP/err
as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$@" >"$T_TMP/out" 2>"$T_TMP/err"
}

as_nobody "$NSVIZ" show
is "$?" 0 "show without an argument succeeds as nobody"
is "$(cat "$T_TMP/out")" "topology seed (built-in:seed): 2 netns, 1 bridge, 2 veth pairs, 0 routes
netns red
  eth0-r  10.0.0.1/24  -- bridge1:veth-r
netns green
  eth0-g  10.0.0.2/24  -- bridge1:veth-g
bridge bridge1
  veth-r  -            -- red:eth0-r
  veth-g  -            -- green:eth0-g" "show prints the seed topology"
cp "$T_TMP/out" "$T_TMP/noarg"
as_nobody "$NSVIZ" show seed
is "$(cat "$T_TMP/out")" "$(cat "$T_TMP/noarg")" "show seed is the default"

as_nobody "$NSVIZ" show router
is "$?" 0 "show router succeeds"
router=$(cat "$T_TMP/out")
like "$router" '^topology router \(built-in:router\): 3 netns, 2 bridges, 4 veth pairs, 2 routes' "router header"
like "$router" 'netns router \(forwarding\)' "router forwards"
like "$router" 'netns h1
  eth0     10\.0\.1\.2/24  -- lan1:lan1-h1
  route default via 10\.0\.1\.1' "h1 on lan1 with its default route"

as_nobody "$NSVIZ" show "$TOP/examples/router.topo"
is "$?" 0 "show examples/router.topo succeeds"
is "$(tail -n +2 "$T_TMP/out")" "$(printf '%s\n' "$router" | tail -n +2)" "the file shows as the built-in"
like "$(head -1 "$T_TMP/out")" "^topology router \\($TOP/examples/router.topo\\)" "file source in the header"

cat >"$T_TMP/six.topo" <<'TOPO'
# IPv6 and a statement order of our own
veth zz-a:eth0 fd00:9::1/64 -- zz-b:eth0 fd00:9::2/64
netns zz-a
netns zz-b
TOPO
as_nobody "$NSVIZ" show "$T_TMP/six.topo"
is "$?" 0 "show an IPv6 file succeeds"
like "$(cat "$T_TMP/out")" '^topology six \(' "named after the file without .topo"
like "$(cat "$T_TMP/out")" 'eth0  fd00:9::1/64  -- zz-b:eth0' "IPv6 address shown"

cat >"$T_TMP/bad.topo" <<'TOPO'
netns zz-a
netns zz-a
bridge zz-br 10.0.0.1
veth zz-a:eth0 10.0.0.1/24 -- zz-nobody:p
routes zz-a default via 10.0.0.9
TOPO
as_nobody "$NSVIZ" show "$T_TMP/bad.topo"
is "$?" 2 "a bad file exits 2"
is "$(cat "$T_TMP/err")" "$T_TMP/bad.topo:2:7: netns 'zz-a' is already declared at line 1
$T_TMP/bad.topo:3:14: '10.0.0.1' needs a prefix length, e.g. 10.0.0.1/24
$T_TMP/bad.topo:4:31: unknown owner 'zz-nobody': declare it with 'netns zz-nobody' or 'bridge zz-nobody'
$T_TMP/bad.topo:5:1: unknown keyword 'routes'; expected netns, bridge, veth, port or route" "every error as FILE:LINE:COL: message"
is "$(cat "$T_TMP/out")" "" "nothing printed on stdout for a bad file"

as_nobody "$NSVIZ" show no-such-topology
is "$?" 2 "an unknown built-in exits 2"
is "$(cat "$T_TMP/err")" "unknown topology 'no-such-topology': no such file, and not a built-in (built-ins: seed, router)" "an unknown built-in lists the built-ins"
as_nobody "$NSVIZ" show "$T_TMP/missing.topo"
is "$?" 2 "a missing file exits 2"
like "$(cat "$T_TMP/err")" "missing.topo: cannot open: No such file or directory" "a missing file says so"

# Control characters in names, C1 as much as C0, are refused and shown escaped: U+009B (CSI) in
# UTF-8, a stray byte 0x9b (CSI on a Latin-1 terminal), ESC; UTF-8 names stay as they are.
printf 'netns r\xc2\x9b31m\nnetns g\x9b31m\nnetns e\033[2J\nnetns r\xc4\x81d\xe4\xb8\x80\n' >"$T_TMP/c1.topo"
as_nobody "$NSVIZ" show "$T_TMP/c1.topo"
is "$?" 2 "names with control characters: exit 2"
is "$(cat "$T_TMP/err")" "$T_TMP/c1.topo:1:8: namespace name 'r\xc2\x9b31m' contains a control character; use letters, digits, '-', '_' or '.'
$T_TMP/c1.topo:2:8: namespace name 'g\x9b31m' contains a control character; use letters, digits, '-', '_' or '.'
$T_TMP/c1.topo:3:8: namespace name 'e\x1b[2J' contains a control character; use letters, digits, '-', '_' or '.'" \
	"each named with its control bytes as \\xNN, the UTF-8 name accepted"
ok "$(LC_ALL=C grep -c $'[\x80-\x9f]' "$T_TMP/err")" "and no C1 byte reaches the terminal"
as_nobody "$NSVIZ" show $'\xc2\x9b2Jlab'
is "$(cat "$T_TMP/err")" "unknown topology '\xc2\x9b2Jlab': no such file, and not a built-in (built-ins: seed, router)" \
	"an argument is escaped in messages too"

# A path that is not a small regular file is refused at once, naming the file and what it is:
# /dev/zero used to be read for gigabytes, a FIFO without a writer used to block forever.
mkfifo -m 644 "$T_TMP/fifo.topo"
truncate -s 17M "$T_TMP/huge.topo"
for f in /dev/zero "$T_TMP/fifo.topo" "$T_TMP" "$T_TMP/huge.topo"; do
	as_nobody timeout 20 "$NSVIZ" show "$f"
	is "$?" 2 "show $f exits 2"
	like "$(cat "$T_TMP/err")" "^$f: is (a character device|a FIFO|a directory|17825792 bytes)[;] " \
		"show $f says what $f is"
done

# --builtins: the names, one a line, as the files examples/ ships (the same texts: test_topo).
as_nobody "$NSVIZ" show --builtins
is "$?" 0 "show --builtins succeeds as nobody"
cp "$T_TMP/out" "$T_TMP/builtins"
is "$(sort "$T_TMP/builtins")" "$(cd "$TOP/examples" && ls *.topo | sed 's/\.topo$//' | sort)" \
	"show --builtins lists one name a line, each with its examples/ file"
while read -r name; do
	as_nobody "$NSVIZ" show "$name"
	is "$?" 0 "the listed built-in '$name' loads"
done <"$T_TMP/builtins"
as_nobody "$NSVIZ" show --builtins seed
is "$?:$(cat "$T_TMP/err")" "2:nsviz show: --builtins takes no TOPOLOGY" "show --builtins with a TOPOLOGY is bad usage"

# Scale smoke check: 60 000 interfaces and 60 000 routes in one namespace. Route checks used to
# scan the namespace's addresses and earlier routes for each route: about 2 minutes at 30 000
# sanitized, four times that at 60 000; now about a second. 120 s is no benchmark
# (docs/bench-topo-scale.md has the figures), only a bound the quadratic check cannot meet.
{
	echo "netns r"
	echo "bridge br0"
	awk 'BEGIN { for (i = 0; i < 60000; i++)
		printf "veth r:e%d 10.%d.%d.%d/30 -- br0:p%d\n", i, int(i / 16384), int(i / 64) % 256, (i % 64) * 4 + 1, i
	for (i = 0; i < 60000; i++)
		printf "route r 172.16.%d.%d/32 via 10.%d.%d.%d\n", int(i / 256), i % 256, int(i / 16384), int(i / 64) % 256, (i % 64) * 4 + 2 }'
} >"$T_TMP/scale.topo"
as_nobody timeout 120 "$NSVIZ" show "$T_TMP/scale.topo"
is "$?" 0 "60000 interfaces and 60000 routes in one namespace: show succeeds in time"
is "$(head -1 "$T_TMP/out")" "topology scale ($T_TMP/scale.topo): 1 netns, 1 bridge, 60000 veth pairs, 60000 routes" \
	"and counts them all"
is "$(grep -c '^  route 172\.16\.' "$T_TMP/out")" 60000 "and lists every route"

is "$(ip netns list; ip -br link show type bridge)" "" "show created nothing"
done_testing
