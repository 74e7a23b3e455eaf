#!/bin/bash
# On router.topo a ping from h1 to h2 crosses lan1, the router namespace and lan2: one path with
# the eight hops in order, forwarded by both bridges; the reply takes the same way back.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"

net_up router || { done_testing; exit 1; }
ip netns exec h1 ping -c 1 -W 2 10.0.2.2 >/dev/null
ok $? "ping h1 -> h2 through the router (neighbours resolved)"
trace_start --json --count 2 router icmp
ok $? "trace attached"
ip netns exec h1 ping -c 1 -W 2 10.0.2.2 >/dev/null
trace_wait

req=$(paths_matching '^10\.0\.1\.2 > 10\.0\.2\.2 ICMP echo request')
is "$(hops_of <<<"$req")" "h1:eth0 tx → lan1:lan1-h1 rx → lan1:lan1-r tx → router:eth1 rx → \
router:eth2 tx → lan2:lan2-r rx → lan2:lan2-h2 tx → h2:eth0 rx" "the request's hops, in order"
is "$(jq -r '"\(.verdict) \(.complete)"' <<<"$req")" "forward true" "forward, complete"
is "$(jq -r '[.bridges[] | "\(.bridge)=\(.verdict)"] | join(" ")' <<<"$req")" \
	"lan1=forward lan2=forward" "a verdict per bridge, in the order crossed"
is "$(jq '[.hops[].t_us] | . == sort' <<<"$req")" true "per-hop times never decrease"
rep=$(paths_matching '^10\.0\.2\.2 > 10\.0\.1\.2 ICMP echo reply')
is "$(hops_of <<<"$rep" | awk -F' → ' '{print $1 " ... " $NF}')" "h2:eth0 tx ... h1:eth0 rx" \
	"the reply goes back from h2 to h1"
is "$(jq '.hops | length' <<<"$rep")" 8 "in eight hops"
done_testing
