# Shared by the `nsviz why` integration tests (tests/integration/why*.sh): a LAN of red, green and
# blue on bridge1 made with plain ip, a router to a second LAN, and the checks of a why run
# against a plain ping.
# Source it after tests/lib.sh and `sandbox`.
# shellcheck shell=bash

# The host's veth ends go first, at once: a namespace is removed in the background, and its
# peers with it, so the next network could meet the old names.
teardown() {
	for c in r g b x; do ip link del "veth-$c" 2>/dev/null || true; done
	for ns in red green blue far; do ip netns del "$ns" 2>/dev/null || true; done
	ip link del bridge1 2>/dev/null || true
}
at_exit teardown

# lan [MEMBERS]: red 10.0.0.1, green 10.0.0.2, blue 10.0.0.3 (MEMBERS: "r g b" by default) on
# bridge1, no routes but their own.
lan() {
	local c ns n=0
	teardown
	ip link add bridge1 up type bridge
	for c in ${1:-r g b}; do
		case $c in r) ns=red n=1 ;; g) ns=green n=2 ;; b) ns=blue n=3 ;; esac
		lan_member "$c" "$ns" "10.0.0.$n/24"
	done
}

# The LAN, and far (10.0.1.2) behind blue (10.0.1.1, forwarding); default routes both ways.
routed() {
	lan
	ip netns add far
	ip link add eth1-b netns blue type veth peer name eth0-f netns far
	ip -n blue link set eth1-b up
	ip -n far link set lo up
	ip -n far link set eth0-f up
	ip -n blue addr add 10.0.1.1/24 dev eth1-b
	ip -n far addr add 10.0.1.2/24 dev eth0-f
	ip netns exec blue sysctl -qw net.ipv4.ip_forward=1
	ip -n red route add default via 10.0.0.3
	ip -n far route add default via 10.0.1.1
}


# truth FROM DEST [ping options]: 0 when a plain ping from FROM is answered.
truth() {
	local from=$1 dest=$2
	shift 2
	ip netns exec "$from" ping -q -c 1 -W 1 "$@" "$dest" >/dev/null 2>&1 || return 1
}

# why_run ARGS...: `nsviz why ARGS` into WHY_OUT (stdout and stderr), its exit status into WHY_RC;
# the wall time is said in a TAP comment and held to the generous bound WHY_BOUND_S (the issue's
# "within a few seconds": 15 s, on a machine shared with other work).
WHY_BOUND_S=15
why_run() {
	local t0=$EPOCHREALTIME ms
	WHY_OUT=$("$NSVIZ" why "$@" 2>&1)
	WHY_RC=$?
	ms=$((${EPOCHREALTIME/./} / 1000 - ${t0/./} / 1000))
	printf '# why %s: %d.%03d s\n' "$*" $((ms / 1000)) $((ms % 1000))
	[ "$ms" -le $((WHY_BOUND_S * 1000)) ] || ok 1 "why $*: took more than $WHY_BOUND_S s"
}

# why_is NAME STATUS FIRST_LINE_REGEX ARGS...: `nsviz why ARGS` exits STATUS and the first cause
# (or note) line matches the regex; an empty regex: there is none.
why_is() {
	local name=$1 status=$2 want=$3 got rc first
	shift 3
	why_run --count 2 "$@"
	got=$WHY_OUT
	rc=$WHY_RC
	is "$rc" "$status" "$name: exit $status" || printf '# %s\n' "$got"
	first=$(printf '%s\n' "$got" | grep -m1 -E '^  (cause|note): ')
	if [ -z "$want" ]; then
		is "$first" "" "$name: no cause invented" || printf '# %s\n' "$got"
		return
	fi
	like "$first" "$want" "$name: the first cause names the object and the fault" ||
		printf '# %s\n' "$got"
}

# check_truth NAME WANT FROM DEST [ping options]: a plain ping gives WANT (0 answered, 1 not).
check_truth() {
	local name=$1 want=$2
	shift 2
	truth "$@"
	is "$?" "$want" "$name: a plain ping agrees"
}

# probes_like NAME REGEX: the last why_is said this of the traced probes.
probes_like() {
	like "$(grep '^  probes: ' <<<"$WHY_OUT")" "$2" "$1: the traced probes say where they stopped" ||
		printf '# %s\n' "$WHY_OUT"
}

# has_line NAME REGEX: some line of the last why_is matches.
has_line() {
	like "$(grep -m1 -E "$2" <<<"$WHY_OUT")" "$2" "$1" || printf '# %s\n' "$WHY_OUT"
}
