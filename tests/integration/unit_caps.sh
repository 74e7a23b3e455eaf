#!/usr/bin/env bash
# contrib/systemd/nsviz-export.service gives nsviz the capabilities it needs and nothing more:
# with exactly its CapabilityBoundingSet= (and NoNewPrivileges=), as systemd would run it, nsviz
# discovers every namespace (also one held by another user's process) and counts a ping exactly
# as the kernel does; without any one of them it refuses to start or misses a namespace.
# (No systemd runs here as PID 1, so the unit itself is not started; install.sh has
# systemd-analyze verify it.)
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"
command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 || skip_all "needs setpriv and user nobody"

unit=$TOP/contrib/systemd/nsviz-export.service
caps=$(sed -n 's/^CapabilityBoundingSet=//p' "$unit")
like "$caps" '^CAP_[A-Z_]+( CAP_[A-Z_]+)*$' "the unit sets CapabilityBoundingSet=: $caps"
grep -qx 'NoNewPrivileges=yes' "$unit"
ok $? "and NoNewPrivileges=yes"
grep -q '^PrivateNetwork=' "$unit"
ok $((!$?)) "and no PrivateNetwork= (it would hide the host's network)"

# as_unit "CAP_A CAP_B": setpriv's options for root with only those capabilities, as the unit
# runs it (setpriv then execs the command: the same pid, signals reach it).
as_unit() {
	local set
	set=$(printf '%s\n' $1 | tr 'A-Z' 'a-z' | sed 's/^cap_/+/' | paste -sd,)
	echo "--no-new-privs --inh-caps=-all --bounding-set=-all${set:+,$set}"
}

# The tutorial's network by hand, IPv6 off so the ping is all the traffic; a namespace held by
# a process of user nobody.
ipv6_off
ip link add bridge1 type bridge
ip link set bridge1 up
for m in "r red 10.0.0.1/24" "g green 10.0.0.2/24"; do
	set -- $m
	lan_member "$@"
	ip netns exec "$2" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
done
unshare -n setpriv --reuid=nobody --regid=nogroup --clear-groups sleep 600 &
sp=$!
at_exit "kill $sp"
own_netns() { test "$(stat -L -c %i "/proc/$sp/ns/net")" != "$(stat -L -c %i /proc/self/ns/net)"; }
wait_until own_netns
is "$(stat -c %U "/proc/$sp")" nobody "a namespace held by a process of nobody"

setpriv $(as_unit "$caps") "$NSVIZ" discover >"$T_TMP/out" 2>"$T_TMP/err"
is "$?:$(cat "$T_TMP/err")" "0:" "discover runs with the unit's capabilities"
is "$(grep '^netns' "$T_TMP/out" | sort)" "netns green
netns red
netns sleep-$sp" "and finds every namespace, nobody's too"

# watch with the unit's capabilities counts a ping as the kernel does (export observes as watch):
# nsviz through a wrapper that execs it under setpriv, for watch.bash's helpers.
printf '#!/bin/sh\nexec setpriv %s "%s" "$@"\n' "$(as_unit "$caps")" "$NSVIZ" >"$T_TMP/nsviz-unit"
chmod +x "$T_TMP/nsviz-unit"
real=$NSVIZ NSVIZ=$T_TMP/nsviz-unit
wait_quiet
ok $? "the network is quiet before the measurement"
watch_start --netns red,green
ok $? "watch attaches with the unit's capabilities"
k0=$(kstats)
ip netns exec red ping -c 5 -i 0.2 -q 10.0.0.2 >/dev/null
ok $? "red pings green"
wait_until events_seen 1 '.kind=="icmp" and .icmp_type==0 and .seq==5 and .netns=="green"'
k1=$(kstats)
watch_stop
is "$(cat "$T_TMP/w.err")" "" "nothing on stderr"
is "$(last_snapshot | nstats | sort)" "$(kdelta "$k0" "$k1" | sort)" \
	"every interface's rx/tx packets and bytes equal the kernel's"
is "$(last_snapshot | jq '[.interfaces[] | select(.ifname=="eth0-r") | .tx.classes.icmp][0]')" 5 \
	"red:eth0-r sent the 5 echo requests"
NSVIZ=$real

# Each capability is needed.
for cap in $caps; do
	setpriv $(as_unit "${caps//$cap/}") "$NSVIZ" discover >"$T_TMP/out" 2>"$T_TMP/err"
	status=$?
	case $cap in
	CAP_SYS_PTRACE)
		is "$status:$(grep -c "^netns sleep-$sp\$" "$T_TMP/out")" "0:0" \
			"without $cap the namespace of nobody's process is missing" ;;
	*)
		is "$status:$(grep -c 'needs root' "$T_TMP/err")" "1:1" "without $cap nsviz refuses to start" ;;
	esac
done
done_testing
