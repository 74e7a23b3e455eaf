# Sourced by trace_*.sh and fdb_*.sh (after tests/lib.sh and `sandbox`): bring a topology up.
# shellcheck shell=bash

# net_up TOPOLOGY: `nsviz up`, or, until that is available, the same with ip commands.
net_up() {
	"$NSVIZ" up "$1" >"$T_TMP/up.out" 2>&1 && return 0
	case "$1" in
	*/* | *.topo) cp "$1" "$T_TMP/net.topo" ;;
	*) sed -n "/^\t{ \"$1\",/,/ },\$/p" "$TOP/user/topo.c" | grep -o '"[^"]*\\n"' |
		sed 's/^"//; s/\\n"$//' >"$T_TMP/net.topo" ;;
	esac
	sed -i 's/#.*//' "$T_TMP/net.topo"
	net_up_ip "$T_TMP/net.topo"
}

is_netns() { [ -e "/run/netns/$1" ]; }

# net_end OWNER:IFNAME [ADDR...]: move the end into its namespace or bridge, address it, up.
net_end() {
	local owner=${1%%:*} ifname=${1#*:} a
	shift
	if is_netns "$owner"; then
		ip link set "$ifname" netns "$owner"
		for a in "$@"; do ip -n "$owner" addr add "$a" dev "$ifname"; done
		ip -n "$owner" link set "$ifname" up
	else
		ip link set "$ifname" master "$owner" up
	fi
}

net_up_ip() {
	local kw args left right file=$1
	while read -r kw args; do
		set -- $args
		case "$kw" in
		netns) ip netns add "$1" && ip -n "$1" link set lo up
			[ "${2:-}" = forwarding ] && ip netns exec "$1" sysctl -qw net.ipv4.ip_forward=1 ;;
		bridge) ip link add "$1" type bridge && ip link set "$1" up
			[ -n "${2:-}" ] && ip addr add "$2" dev "$1" ;;
		esac
	done <"$file"
	while read -r kw args; do
		[ "$kw" = veth ] || continue
		left=${args%% -- *} right=${args#* -- }
		set -- $left
		local a=${1#*:}
		set -- $right
		ip link add "$a" type veth peer name "${1#*:}"
		net_end $left
		net_end $right
	done <"$file"
	while read -r kw args; do
		set -- $args
		[ "$kw" = route ] && ip -n "$1" route add "$2" via "$4"
	done <"$file"
	return 0
}
