#!/usr/bin/env bash
# `nsviz up` builds the seed topology as the file says and pings work at once; `up` again says it
# is up; `down` removes all of it; `down` again, or on a topology that is not up, says so.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"

t_run "up seed succeeds" "$NSVIZ" up seed
out=$(cat "$T_TMP/out")
like "$out" '^netns red$' "up prints each namespace it made"
like "$out" 'bridge bridge1' "up prints the bridge it made"
like "$out" 'veth red:eth0-r 10.0.0.1/24 -- bridge1:veth-r' "up prints each veth pair it made"
like "$out" 'seed is up' "up says the topology is up"

is "$(ip netns list | awk '{print $1}' | sort | tr '\n' ' ')" "green red " "ip netns list shows red and green"
is "$(ip -n red -br -4 addr show dev eth0-r | awk '{print $2, $3}')" "UP 10.0.0.1/24" \
	"red:eth0-r is up with 10.0.0.1/24"
is "$(ip -n green -br -4 addr show dev eth0-g | awk '{print $2, $3}')" "UP 10.0.0.2/24" \
	"green:eth0-g is up with 10.0.0.2/24"
like "$(ip -n red link show dev lo)" '<LOOPBACK,UP,LOWER_UP>' "lo is up in red"
like "$(ip -n green link show dev lo)" '<LOOPBACK,UP,LOWER_UP>' "lo is up in green"
like "$(ip -br link show dev bridge1)" '^bridge1 .*[<,]UP[,>]' "bridge1 is up in the host namespace"
like "$(bridge link show)" 'veth-r[@:].*master bridge1 state forwarding' "veth-r is a forwarding port of bridge1"
like "$(bridge link show)" 'veth-g[@:].*master bridge1 state forwarding' "veth-g is a forwarding port of bridge1"
is "$(ip netns exec red cat /proc/sys/net/ipv4/ip_forward)" 0 "no forwarding in red (not asked for)"
is "$(ip -n red -6 addr show dev eth0-r scope link)" "" "no IPv6 link-local noise on red:eth0-r"

t_run "red pings green (10.0.0.2)" ip netns exec red ping -c1 -W2 10.0.0.2
t_run "green pings red (10.0.0.1)" ip netns exec green ping -c1 -W2 10.0.0.1
t_run "the ownership record exists" test -s /run/nsviz/seed.state

bridge_index=$(ip -o link show dev bridge1 | cut -d: -f1)
red_inode=$(stat -L -c %i /run/netns/red)
like "$bridge_index $red_inode" '^[0-9]+ [0-9]+$' "bridge1 ifindex and red's inode known"
t_run "up seed again succeeds" "$NSVIZ" up seed
like "$(cat "$T_TMP/out")" 'seed is already up' "up again says it is already up"
is "$(ip -o link show dev bridge1 | cut -d: -f1) $(stat -L -c %i /run/netns/red)" \
	"$bridge_index $red_inode" \
	"up again changes nothing"

t_run "down seed succeeds" "$NSVIZ" down seed
like "$(cat "$T_TMP/out")" 'seed is down' "down says the topology is down"
is "$(ip netns list)" "" "no namespace left"
is "$(ip -br link | awk '{print $1}')" "lo" "no bridge or veth left in the host namespace"
t_run "no ownership record left" test ! -e /run/nsviz/seed.state

t_run "down seed again succeeds" "$NSVIZ" down seed
like "$(cat "$T_TMP/out")" 'seed is not up' "down again says it is not up"
t_run "down on a topology never built succeeds" "$NSVIZ" down router
like "$(cat "$T_TMP/out")" 'router is not up' "and says it is not up"
done_testing
