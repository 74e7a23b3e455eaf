# Shared by the `nsviz why` integration tests (why.sh, why_more.sh): a LAN of red, green and blue
# on bridge1 made with plain ip, and the checks of a why run against a plain ping.
# Source it after tests/lib.sh and `sandbox`.
# shellcheck shell=bash

# The host's veth ends go first, at once: a namespace is removed in the background, and its
# peers with it, so the next network could meet the old names.
teardown() {
	for c in r g b; do ip link del "veth-$c" 2>/dev/null || true; done
	for ns in red green blue far; do ip netns del "$ns" 2>/dev/null || true; done
	ip link del bridge1 2>/dev/null || true
}
at_exit teardown

# The LAN: red 10.0.0.1, green 10.0.0.2, blue 10.0.0.3 on bridge1, no routes but their own.
lan() {
	teardown
	ip link add bridge1 up type bridge
	lan_member r red 10.0.0.1/24
	lan_member g green 10.0.0.2/24
	lan_member b blue 10.0.0.3/24
}

# truth FROM DEST [ping options]: 0 when a plain ping from FROM is answered.
truth() {
	local from=$1 dest=$2
	shift 2
	ip netns exec "$from" ping -q -c 1 -W 1 "$@" "$dest" >/dev/null 2>&1 || return 1
}

# why_is NAME STATUS FIRST_LINE_REGEX ARGS...: `nsviz why ARGS` exits STATUS and the first cause
# (or note) line matches the regex; an empty regex: there is none.
why_is() {
	local name=$1 status=$2 want=$3 got rc first
	shift 3
	got=$("$NSVIZ" why --count 2 "$@" 2>&1)
	rc=$?
	WHY_OUT=$got
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
