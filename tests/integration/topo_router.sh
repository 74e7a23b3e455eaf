#!/usr/bin/env bash
# The router topology: two bridges joined by a forwarding namespace; hosts on each side reach
# each other through it both ways, with routes and forwarding only where the file says.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"

t_run "up router (built-in) succeeds" "$NSVIZ" up router
like "$(cat "$T_TMP/out")" '^netns router forwarding$' "up prints the forwarding namespace"
like "$(cat "$T_TMP/out")" '^route h1 default via 10.0.1.1$' "up prints the routes"
is "$(ip netns list | awk '{print $1}' | sort | tr '\n' ' ')" "h1 h2 router " "three namespaces"
is "$(ip netns exec router cat /proc/sys/net/ipv4/ip_forward)" 1 "forwarding on in router"
is "$(ip netns exec h1 cat /proc/sys/net/ipv4/ip_forward)" 0 "forwarding off in h1"
is "$(cat /proc/sys/net/ipv4/ip_forward)" 0 "forwarding off in the host namespace"
like "$(ip -n h1 route show default)" '^default via 10.0.1.1 dev eth0' "h1's default route"
like "$(ip -n h2 route show default)" '^default via 10.0.2.1 dev eth0' "h2's default route"
like "$(bridge link show)" 'lan1-r[@:].*master lan1 ' "the router's port on lan1"
like "$(bridge link show)" 'lan2-h2[@:].*master lan2 ' "h2's port on lan2"
like "$(ip netns exec h1 ping -c1 -W2 10.0.2.2)" 'ttl=63' "h1 pings h2 across the router (one hop)"
like "$(ip netns exec h2 ping -c1 -W2 10.0.1.2)" 'ttl=63' "h2 pings h1 across the router"

t_run "up examples/router.topo: same topology, already up" "$NSVIZ" up "$TOP/examples/router.topo"
like "$(cat "$T_TMP/out")" 'router is already up' "it says so"

t_run "down router succeeds" "$NSVIZ" down router
is "$(ip netns list)" "" "no namespace left"
is "$(ip -br link | awk '{print $1}')" "lo" "no bridge or veth left"
done_testing
