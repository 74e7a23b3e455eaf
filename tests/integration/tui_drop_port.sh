#!/usr/bin/env bash
# A drop at a disabled bridge port, on the picture (issue 12's test): the seed's network built by
# plain ip, green's port veth-g set disabled (`bridge link set ... state 0`), green pings red 5
# times a second (red's MAC known to green, so every echo request reaches the bridge and none is
# an ARP). In `watch seed` at 120x40: the ✗ is left of veth-g in bridge1's box and nowhere else,
# the link says the port's state, and the selected bridge says the drop rate within 25 % of the
# ping's (the first reading inside that within 10 s, while the ping runs), the reason in words,
# and as many drops so far as green sent echo requests (the kernel's own counter), none answered.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"

seed_by_hand
red_mac=$(ip -n red -j link show eth0-r | jq -r '.[0].address')
ip -n green neigh replace 10.0.0.1 lladdr "$red_mac" dev eth0-g nud permanent
bridge link set dev veth-g state 0
like "$(bridge -j link show dev veth-g)" '"state":"disabled"' "the kernel: veth-g is disabled"

tmux_start 120 40 "$NSVIZ" watch seed
wait_screen 'seed .* tcx .* up ' 30
ok $? "watch seed: drawn and attached" || show_screen
sent0=$(ip netns exec green nstat -az -j | jq '.kernel.IcmpOutEchos // 0')
ip netns exec green ping -q -i 0.2 -c 60 -W 0.2 10.0.0.1 >/dev/null 2>&1 &
PING=$!
at_exit "kill $PING"
wait_screen '✗veth-g' 5
ok $? "a red ✗ left of veth-g in bridge1's box within 5 s" || show_screen
is "$(screen | grep -o '✗[a-z0-9-]*' | sort -u | tr '\n' ' ')" "✗veth-g " \
	"the ✗ is at that port only" || show_screen
like "$(screen)" 'disabled veth-g' "the link says its port is disabled" || show_screen
keys j j
words='✗ bridge1:veth-g [0-9.]+ drop/s, [0-9]+ so far: BRIDGE_INGRESS_STP_STATE, the bridge port is not forwarding'
wait_screen "$words" 3
ok $? "bridge1 selected: where, how fast and the reason in words above the events" || show_screen
sleep 2
wait_until drop_rate_near bridge1:veth-g 5
ok $? "the port's drop rate ${rate:-none}/s is the ping's 5/s (±25 %)" || show_screen
wait "$PING"
sleep 1.5
sent=$(( $(ip netns exec green nstat -az -j | jq '.kernel.IcmpOutEchos // 0') - sent0 ))
shown=$(screen | grep -o 'drop/s, [0-9]* so far' | awk '{print $2}')
is "${shown:-none}" "$sent" "drops so far: every echo request green sent (the kernel's IcmpOutEchos)" ||
	show_screen
is "$(ip netns exec red nstat -az -j | jq '.kernel.IcmpInEchos // 0')" 0 "the kernel: none reached red"
keys q
wait_screen '^EXIT=0' 5
ok $? "q exits 0"
done_testing
