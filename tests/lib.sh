# Shared by the integration tests: TAP output and a private network sandbox.
# Source it, then call `sandbox "$@"` first: the test re-runs itself inside `unshare -n -m` with a
# fresh tmpfs on /run, so every namespace, link and state file it makes lives and dies with it.
# With T_SANDBOX_PID=1 set before, also in a pid namespace with its own /proc: a test of what
# /proc shows (process-held namespaces) sees only its own processes, never the machine's.
# shellcheck shell=bash
set -u
T_TMP=$(mktemp -d /tmp/nsviz-test.XXXXXX)
trap 't_cleanup' EXIT
T_N=0
T_FAILED=0
NSVIZ=${NSVIZ:-$(dirname "$0")/../../build/nsviz}
TOP=${NSVIZ_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}

sandbox() {
	if [ -z "${NSVIZ_SANDBOX:-}" ]; then
		rm -rf "$T_TMP"
		exec env NSVIZ_SANDBOX=1 unshare -n -m ${T_SANDBOX_PID:+-p -f --mount-proc} \
			--propagation private bash "$0" "$@"
	fi
	mount -t tmpfs nsviz-test /run || { echo "Bail out! cannot mount tmpfs on /run"; exit 1; }
	mkdir -p /run/netns
	ip link set lo up
}

# Tests may append commands to run at exit, even on failure.
T_CLEANUP=""
at_exit() { T_CLEANUP="$*; $T_CLEANUP"; }
t_cleanup() {
	eval "$T_CLEANUP" >/dev/null 2>&1 || true
	expedite_sweep
	rm -rf "${T_TMP:-/nonexistent}"
}

# An nsviz killed while it made or closed links leaves rcu_expedited on and its mark saying so
# (user/observe/expedite.h); the next nsviz would turn it off, so does the sandbox's end.
expedite_sweep() {
	local mark=/run/nsviz/rcu_expedited

	[ -n "${NSVIZ_SANDBOX:-}" ] && [ -f "$mark" ] || return 0
	flock -n "$mark" sh -c "grep -q '^on' '$mark' && echo 0 >/sys/kernel/rcu_expedited && rm -f '$mark'" || true
}

# ok COND_EXIT_STATUS NAME. What a failure shows goes to stderr, as Test::More does: prove passes
# it through, so a failure in CI keeps its evidence in the log.
ok() {
	local status=$1
	shift
	T_N=$((T_N + 1))
	if [ "$status" -eq 0 ]; then
		echo "ok $T_N - $*"
	else
		echo "not ok $T_N - $*"
		T_FAILED=$((T_FAILED + 1))
	fi
	return "$status"
}

# t_run NAME CMD...: the command succeeds
t_run() {
	local name=$1
	shift
	"$@" >"$T_TMP/out" 2>&1
	ok $? "$name" || sed 's/^/# /' "$T_TMP/out" >&2
}

# t_fail NAME CMD...: the command fails
t_fail() {
	local name=$1
	shift
	if "$@" >"$T_TMP/out" 2>&1; then
		ok 1 "$name (unexpectedly succeeded)"
		sed 's/^/# /' "$T_TMP/out" >&2
	else
		ok 0 "$name"
	fi
}

# is GOT WANT NAME
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '# got:      %s\n# expected: %s\n' "$1" "$2" >&2
		return 1
	fi
}

# like GOT REGEX NAME
like() {
	if printf '%s' "$1" | grep -Eq -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '# got: %s\n# does not match: %s\n' "$1" "$2" >&2
		return 1
	fi
}

# wait_for_line PID FILE PATTERN ERRFILE: wait up to 10 s, while PID lives, for a line of FILE
# matching PATTERN; on failure show ERRFILE and return 1.
wait_for_line() {
	local i
	for i in $(seq 100); do
		grep -q -- "$3" "$2" 2>/dev/null && return 0
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	sed 's/^/# /' "$4" >&2
	return 1
}

# wait_until CMD...: retry CMD every 0.1 s until it succeeds, at most 10 s; its status.
wait_until() {
	local i
	for i in $(seq 100); do
		"$@" && return 0
		sleep 0.1
	done
	"$@"
}

# port_disabled PORT: the bridge has disabled its port PORT (no carrier); for wait_until.
port_disabled() {
	[ "$(bridge -j link show dev "$1" | jq -r '.[0].state')" = disabled ]
}

# lan_member C NS ADDR: namespace NS, with end eth0-C (ADDR) of a veth whose peer veth-C is a port
# of bridge1 (which must exist); made with plain ip, never nsviz.
lan_member() {
	local c=$1 ns=$2 addr=$3
	ip netns add "$ns"
	ip link add "eth0-$c" netns "$ns" type veth peer name "veth-$c"
	ip link set "veth-$c" master bridge1 up
	ip -n "$ns" link set lo up
	ip -n "$ns" link set "eth0-$c" up
	ip -n "$ns" addr add "$addr" dev "eth0-$c"
}

# ns_on_bridge NETNS SUFFIX ADDR [BRIDGE]: namespace NETNS (ip netns add), its lo up, IPv6 off,
# with eth0-SUFFIX (ADDR/24) on BRIDGE (default bridge1) through veth-SUFFIX; all by ip, as a
# user would.
ns_on_bridge() {
	ip netns add "$1" &&
		ip -n "$1" link set lo up &&
		ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 &&
		ip link add "eth0-$2" type veth peer name "veth-$2" &&
		ip link set "eth0-$2" netns "$1" &&
		ip link set "veth-$2" master "${4:-bridge1}" up &&
		ip -n "$1" link set "eth0-$2" up &&
		ip -n "$1" addr add "$3/24" dev "eth0-$2"
}

# ipv6_off: IPv6 off in this namespace and in the interfaces made after: no link-local addresses,
# router solicitations or MLD reports to move the counters or fill the events.
ipv6_off() {
	sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
}

# setup_begin ... setup_end: the network is being built; in between, a command that fails ends
# the test with "Bail out!" and its line (set -e), as nothing after it would mean anything.
# setup_end cannot remove the ERR trap (bash puts back on return the one a function found), so
# the trap stays and says nothing outside setup.
T_SETUP=0
t_setup_failed() {
	[ "$T_SETUP" = 0 ] || echo "Bail out! setting up the network failed at line $1"
}
setup_begin() {
	T_SETUP=1
	trap 't_setup_failed $LINENO' ERR
	set -e
}
setup_end() {
	set +e
	T_SETUP=0
}

# sandbox_build "$@": sandbox, IPv6 off, setup_begin: for a test that then builds its network by
# hand (setup_end when it is built). Source the test's helpers before: the test re-runs itself.
sandbox_build() {
	sandbox "$@"
	ipv6_off
	setup_begin
}

# bridge_lan NS:SUFFIX:ADDR...: IPv6 off, bridge1 up, and each NS on it as ns_on_bridge makes it;
# the test bails out if any step fails.
bridge_lan() {
	local m ns sfx addr
	ipv6_off
	ip link add bridge1 type bridge && ip link set bridge1 up || { echo "Bail out! bridge1"; exit 1; }
	for m in "$@"; do
		IFS=: read -r ns sfx addr <<<"$m"
		ns_on_bridge "$ns" "$sfx" "$addr" || { echo "Bail out! $ns on bridge1"; exit 1; }
	done
}

# proc_held_port [CMD]: a namespace held only by a process (`unshare -n sleep`, pid in sp, killed
# at exit) with a veth into bridge1: eth0-p 10.0.0.3/24 inside, veth-p the port, both MTU 1400.
# CMD (eval'd, may use $sp) runs inside first, once the namespace is its own.
proc_held_port() {
	unshare -n sleep 600 &
	sp=$!
	at_exit "kill $sp"
	own_netns() { test "$(stat -L -c %i "/proc/$sp/ns/net")" != "$(stat -L -c %i /proc/self/ns/net)"; }
	wait_until own_netns
	eval "${1:-true}"
	ip link add eth0-p type veth peer name veth-p
	ip link set eth0-p netns "$sp"
	ip link set veth-p master bridge1 mtu 1400 up
	nsenter -t "$sp" -n ip link set eth0-p mtu 1400 up
	nsenter -t "$sp" -n ip addr add 10.0.0.3/24 dev eth0-p
}

skip_all() { echo "1..0 # SKIP $*"; exit 0; }

done_testing() {
	echo "1..$T_N"
	[ "$T_FAILED" -eq 0 ]
}
