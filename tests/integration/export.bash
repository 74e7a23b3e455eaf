# Helpers of the export*.sh tests (sourced after tests/lib.sh, `sandbox "$@"` and watch.bash).
# shellcheck shell=bash

# The LAN, made with plain ip: bridge1, namespaces na (eth0-a 10.0.0.1) and nb (eth0-b 10.0.0.2)
# on ports veth-a and veth-b; IPv6 off so that nothing but the test's traffic moves.
W_IFACES="na:eth0-a nb:eth0-b :veth-a :veth-b :bridge1"
export_lan() {
	ipv6_off
	ip link add bridge1 type bridge && ip link set bridge1 up &&
		lan_member a na 10.0.0.1/24 && lan_member b nb 10.0.0.2/24 || return 1
	# A new namespace does not inherit the sandbox's setting.
	ip netns exec na sysctl -qw net.ipv6.conf.all.disable_ipv6=1 &&
		ip netns exec nb sysctl -qw net.ipv6.conf.all.disable_ipv6=1 || return 1
	# Permanent neighbours: no ARP probe moves a counter while the test compares them.
	ip -n na neigh replace 10.0.0.2 nud permanent dev eth0-a \
		lladdr "$(ip -n nb -j link show eth0-b | jq -r '.[0].address')" &&
		ip -n nb neigh replace 10.0.0.1 nud permanent dev eth0-b \
			lladdr "$(ip -n na -j link show eth0-a | jq -r '.[0].address')"
}

# export_setup: the test is skipped without curl; else the LAN, or it bails out.
export_setup() {
	command -v curl >/dev/null || skip_all "curl is not installed (scripts/install-deps.sh)"
	export_lan || { echo "Bail out! the LAN could not be made"; exit 1; }
}

# agrees K0 CMD...: CMD's "ifname rxp rxb txp txb" lines (after a while for it to catch up) are
# the kernel's counters since the kstats reading K0, and the kernel's did not move meanwhile.
agrees() {
	local k0=$1 a b got
	shift
	a=$(kstats)
	sleep "${AGREE_WAIT:-0.5}"
	got=$("$@")
	b=$(kstats)
	AGREE_GOT=$got AGREE_WANT=$(kdelta "$k0" "$a")
	[ "$a" = "$b" ] && [ "$got" = "$AGREE_WANT" ]
}

# The interface counters of /metrics as "ifname rxp rxb txp txb" lines.
xstats() { curl -sf "$XURL" | mstats; }

# export_start ARGS...: nsviz export ARGS in the background (pid in XPID, stderr in
# $T_TMP/x.err); returns once /metrics answers with every point attached.
export_start() {
	"$NSVIZ" export "$@" 2>"$T_TMP/x.err" &
	XPID=$!
	at_exit "kill -9 $XPID"
	XURL=http://${X_ADDR:-127.0.0.1:9477}/metrics
	wait_until attached || { sed 's/^/# /' "$T_TMP/x.err" >&2; return 1; }
}

# /metrics says every point is attached.
attached() {
	curl -sf "$XURL" 2>/dev/null | grep -qx 'nsviz_points_pending 0'
}

# export_stop: SIGTERM the exporter; it must exit 0.
export_stop() {
	kill -TERM "$XPID"
	wait "$XPID"
	is "$?" 0 "export exits 0 on SIGTERM"
}

# The value of the sample whose line starts with $1 (a name and its labels) in /metrics.
metric() {
	curl -sf "$XURL" | awk -v s="$1" 'index($0, s " ") == 1 { print $NF }'
}

# "ifname rx_packets rx_bytes tx_packets tx_bytes" per interface of W_IFACES, from the text on
# stdin.
mstats() {
	awk -v want="$W_IFACES" '
	/^nsviz_interface_(packets|bytes)_total\{/ {
		match($0, /ifname="[^"]*"/); ifn = substr($0, RSTART + 8, RLENGTH - 9)
		match($0, /direction="[^"]*"/); d = substr($0, RSTART + 11, RLENGTH - 12)
		v[ifn, d, $0 ~ /^nsviz_interface_packets/ ? "p" : "b"] = $NF
	}
	END {
		n = split(want, w, " ")
		for (i = 1; i <= n; i++) {
			f = w[i]; sub(/^[^:]*:/, "", f)
			print f, v[f, "rx", "p"], v[f, "rx", "b"], v[f, "tx", "p"], v[f, "tx", "b"]
		}
	}'
}
