# Helpers of the trace_*.sh and fdb_*.sh tests (sourced after tests/lib.sh and `sandbox "$@"`).
# shellcheck shell=bash

# net_up TOPOLOGY: `nsviz up`, IPv6 off first so router solicitations and MLD stay quiet.
net_up() {
	local ns
	ipv6_off
	"$NSVIZ" up "$1" >"$T_TMP/up.out" 2>&1 || { sed 's/^/# up: /' "$T_TMP/up.out" >&2; return 1; }
	at_exit "\"$NSVIZ\" down \"$1\""
	for ns in $(ip netns list | awk '{print $1}'); do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	done
}

# ipn NS ARGS...: ip ARGS in namespace NS ("" = the host namespace).
ipn() {
	local ns=$1
	shift
	if [ -n "$ns" ]; then ip -n "$ns" "$@"; else ip "$@"; fi
}

# pin NS DEV IP PEER_NS PEER_DEV: a permanent neighbour entry in NS for IP, PEER_DEV's MAC, so
# that no ARP (nor its reachability probes) runs during the measurement.
pin() {
	local mac
	mac=$(ipn "$4" -j link show "$5" | jq -r '.[0].address')
	ipn "$1" neigh replace "$3" lladdr "$mac" nud permanent dev "$2"
}

# trace_start ARGS...: nsviz trace ARGS in the background; returns once it traces. Output in
# $T_TMP/t.out, errors in $T_TMP/t.err, pid in TPID.
trace_start() {
	"$NSVIZ" trace "$@" >"$T_TMP/t.out" 2>"$T_TMP/t.err" &
	TPID=$!
	at_exit "kill -9 $TPID"
	wait_for_line "$TPID" "$T_TMP/t.err" 'nsviz trace: tracing' "$T_TMP/t.err"
}

# trace_wait: wait for the tracer to end by itself (--count, --duration), at most 20 s; past
# that, SIGTERM it (it prints what it has) and fail.
trace_wait() {
	local i
	for i in $(seq 200); do
		kill -0 "$TPID" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$TPID" 2>/dev/null; then
		kill -TERM "$TPID"
		wait "$TPID"
		return 1
	fi
	wait "$TPID"
}

# The paths of $T_TMP/t.out (JSON lines) whose summary matches REGEX, one per line.
paths_matching() {
	jq -c --arg re "$1" 'select(.type == "path" and (.summary | test($re)))' "$T_TMP/t.out"
}

# "ns:ifname dir → ..." of a path object on stdin (the hops in order, branches flattened).
hops_of() {
	jq -r '[.hops[] | "\(.netns // .bridge // "host"):\(.ifname) \(.dir)"] | join(" → ")'
}

# arp_counter NETNS: an nft counter of the ARP requests NETNS's kernel receives (at the ARP input
# hook, before anything there may drop or ignore them); arp_requests NETNS reads it.
arp_counter() {
	ip netns exec "$1" nft -f - <<'NFT'
table arp watch {
	counter requests { }
	chain input { type filter hook input priority 0; arp operation request counter name requests; }
}
NFT
}

arp_requests() {
	ip netns exec "$1" nft -j list counter arp watch requests | jq '.nftables[1].counter.packets'
}

# The drop events of $T_TMP/w.json (watch.bash's watch_start), one JSON object a line.
watch_drops() {
	jq -c 'select(.type == "event" and .kind == "drop")' "$T_TMP/w.json"
}
