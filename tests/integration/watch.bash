# Helpers of the watch_*.sh tests (sourced after tests/lib.sh and `sandbox "$@"`).
# shellcheck shell=bash

W_IFACES="red:eth0-r green:eth0-g :veth-r :veth-g :bridge1"

# The seed topology, up, with IPv6 off so that router solicitations and MLD stay quiet.
seed_up() {
	sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	"$NSVIZ" up seed >"$T_TMP/up.out" 2>&1 || { sed 's/^/# /' "$T_TMP/up.out" >&2; return 1; }
	at_exit "\"$NSVIZ\" down seed"
	for ns in red green; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	done
}

# Permanent neighbour entries red <-> green: no ARP at all, not even reachability probes.
static_neigh() {
	local mr mg
	mr=$(ip -n red -j link show eth0-r | jq -r '.[0].address')
	mg=$(ip -n green -j link show eth0-g | jq -r '.[0].address')
	ip -n red neigh replace 10.0.0.2 lladdr "$mg" nud permanent dev eth0-r &&
		ip -n green neigh replace 10.0.0.1 lladdr "$mr" nud permanent dev eth0-g
}

# "ifname rx_packets rx_bytes tx_packets tx_bytes" per interface, from the kernel (stats64).
kstats() {
	local x ns dev
	for x in $W_IFACES; do
		ns=${x%%:*} dev=${x#*:}
		if [ -n "$ns" ]; then ip -n "$ns" -s -j link show "$dev"; else ip -s -j link show "$dev"; fi |
			jq -r '.[0] | "\(.ifname) \(.stats64.rx.packets) \(.stats64.rx.bytes) \(.stats64.tx.packets) \(.stats64.tx.bytes)"'
	done
}

# wait_quiet [STATS]: wait until no interface moved for 2 s (IGMP reports and ARP probes after
# link-up), at most 30 s; STATS is the function that reads the counters (default kstats).
wait_quiet() {
	local a b i stats=${1:-kstats}
	a=$($stats)
	for i in $(seq 30); do
		sleep 2
		b=$($stats)
		[ "$a" = "$b" ] && return 0
		a=$b
	done
	return 1
}

# watch_start ARGS...: nsviz watch --json ARGS in the background; returns once attached (the
# first snapshot line is out). Output in $T_TMP/w.json, errors in $T_TMP/w.err, pid in WPID.
watch_start() {
	"$NSVIZ" watch --json "$@" >"$T_TMP/w.json" 2>"$T_TMP/w.err" &
	WPID=$!
	at_exit "kill -9 $WPID"
	wait_for_line "$WPID" "$T_TMP/w.json" '"type":"snapshot"' "$T_TMP/w.err"
}

# watch_stop: SIGTERM the watcher started by watch_start; it must exit 0.
watch_stop() {
	kill -TERM "$WPID"
	wait "$WPID"
	is "$?" 0 "watch exits 0 on SIGTERM"
}

# How many of the BPF link ids in $1 still exist (retried briefly: release is deferred).
links_left() {
	local id n i
	for i in $(seq 20); do
		n=0
		for id in $1; do bpftool link show id "$id" >/dev/null 2>&1 && n=$((n + 1)); done
		[ "$n" -eq 0 ] && break
		sleep 0.1
	done
	echo "$n"
}

# The BPF link ids the process PID holds.
link_ids() {
	grep -h '^link_id:' /proc/"$1"/fdinfo/* 2>/dev/null | awk '{print $2}' | sort -n
}

# tcx_links [PID]: "IFINDEX ingress|egress" of every tcx link PID (default: watch's) holds
# (/proc/PID/fdinfo), sorted.
tcx_links() {
	awk '/^link_type:/ { tcx = $2 == "tcx" } tcx && /^ifindex:/ { i = $2 }
		tcx && /^attach_type:/ { print i, $3 }' /proc/"${1:-$WPID}"/fdinfo/* 2>/dev/null |
		tr -d '()' | sort
}
# expect_tcx IFINDEX...: tcx_links's lines for links in and out on each, on one line (trace and
# why: a program on every point).
expect_tcx() { tcx_lines "egress ingress" "$@"; }
# expect_tcx_pair IFINDEX...: the same for veth ends whose peers are observed too, under watch,
# stats and export: out only (each end's egress counts what its peer receives).
expect_tcx_pair() { tcx_lines egress "$@"; }
tcx_lines() {
	local dirs=$1 i d
	shift
	for i in "$@"; do for d in $dirs; do echo "$i $d"; done; done | sort | tr '\n' ' '
}

# has_tcx PID DIRS IFINDEX...: PID holds a tcx link in each of DIRS ("egress ingress", "egress")
# on each interface (for wait_until).
has_tcx() {
	local i d l dirs=$2
	l=$(tcx_links "$1")
	shift 2
	for i in "$@"; do
		for d in $dirs; do grep -qx "$i $d" <<<"$l" || return 1; done
	done
}
# ifx NETNS IFNAME: its ifindex ("" for the host namespace).
ifx() { ip ${1:+-n "$1"} -j link show "$2" | jq -r '.[0].ifindex'; }

# The last snapshot of $T_TMP/w.json.
last_snapshot() {
	grep '"type":"snapshot"' "$T_TMP/w.json" | tail -1
}

# snapshot_has FILTER: the last snapshot line makes the jq FILTER true (for wait_until).
snapshot_has() {
	last_snapshot | jq -e "$1" >/dev/null 2>&1
}

# events_seen N FILTER: at least N event lines of $T_TMP/w.json match the jq FILTER (for
# wait_until; a line still being written does not count).
events_seen() {
	[ "$(grep '"type":"event"' "$T_TMP/w.json" | jq -c "select($2)" 2>/dev/null | wc -l)" -ge "$1" ]
}

# nsviz's "ifname rx_packets rx_bytes tx_packets tx_bytes" from a snapshot line on stdin.
nstats() {
	jq -r '.interfaces[] | "\(.ifname) \(.rx.packets) \(.rx.bytes) \(.tx.packets) \(.tx.bytes)"'
}

# Differences B - A of two kstats outputs.
kdelta() {
	# %.0f: awk would print a byte count past 2^31 as 8.33579e+09
	paste -d' ' <(echo "$1") <(echo "$2") |
		awk '{printf "%s %.0f %.0f %.0f %.0f\n", $1, $7 - $2, $8 - $3, $9 - $4, $10 - $5}'
}

# Floods of the *_cadence.sh tests.
FLOOD_S=10

# udp_flood SECONDS: from red, 64-byte datagrams to green on ports 1024..9215 round and round.
udp_flood() {
	ip netns exec red python3 - 10.0.0.2 "$1" <<'EOF'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
end = time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    for port in range(1024, 9216):
        try:
            s.sendto(b"x" * 64, (sys.argv[1], port))
        except OSError:
            pass  # a full qdisc or socket buffer: the flood goes on
EOF
}

# flood: both floods at once for FLOOD_S seconds; sets F0/F1 to the wall-clock start and end.
flood() {
	local ping_pid
	F0=$(date +%s.%N)
	ip netns exec red ping -f -q -w "$FLOOD_S" 10.0.0.2 >/dev/null &
	ping_pid=$!
	udp_flood "$FLOOD_S"
	wait "$ping_pid"
	F1=$(date +%s.%N)
}

# stats_seed SECONDS: `nsviz stats --interval SECONDS seed` in the background (its table in
# $T_TMP/stats, pid in SPID); returns once its 9 links (6 tcx, 3 tracepoints) are there and past
# the baseline it takes right after the last one (it prints nothing until the end).
stats_seed() {
	"$NSVIZ" stats --interval "$1" seed >"$T_TMP/stats" 2>&1 &
	SPID=$!
	wait_until stats_attached
	sleep 1
}
stats_attached() { [ "$(link_ids "$SPID" | wc -w)" -ge 9 ]; }

# stats_table: the rows of $T_TMP/stats as "ifname rx-packets rx-bytes tx-packets tx-bytes".
stats_table() {
	awk '$2=="rx" || $2=="tx" {sub(/^[^:]*:/, "", $1); v[$1] = v[$1] " " $3 " " $4}
		END {for (i in v) print i v[i]}' "$T_TMP/stats"
}
