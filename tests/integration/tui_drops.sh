#!/usr/bin/env bash
# Drops and chatter on the picture, on networks built by plain ip and nft commands, `watch seed`
# in tmux at 120x40.
# 1. An nft rule in green drops red's echo requests (5 a second): a red ✗ appears left of
#    eth0-g in green's box within a few seconds, the link says a drop rate within 25 % of the
#    test's ping rate (the first reading inside that within 10 s: tui_lib.bash), the selected green box says NETFILTER_DROP in words above the events and
#    as many drops so far as the rule's own counter, and the ✗ goes within 10 s of the last drop.
# 2. A fresh network with IPv6 on (its veths set up once nsviz is attached): in the first 5 s
#    of its link-local chatter (the kernel's own counters say it sent some), no ✗ and no drop
#    event is on screen; the panes count the hidden chatter and `6` shows it.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"
command -v nft >/dev/null || skip_all "nft is not installed (scripts/install-deps.sh)"

seed_by_hand
ip netns exec green nft -f - <<'NFT' || skip_all "nftables is not available in this kernel"
table inet t {
	chain in {
		type filter hook input priority 0;
		icmp type echo-request counter drop
	}
}
NFT

tmux_start 120 40 "$NSVIZ" watch seed
wait_screen 'seed .* tcx .* up ' 30
ok $? "watch seed: drawn and attached" || show_screen
ip netns exec red ping -q -i 0.2 -c 60 -W 0.2 10.0.0.2 >/dev/null 2>&1 &
PING=$!
at_exit "kill $PING"
wait_screen '│✗eth0-g' 5
ok $? "a red ✗ left of eth0-g in green's box within 5 s" || show_screen
keys l
wait_screen '✗ green:eth0-g [0-9.]+ drop/s, [0-9]+ so far: NETFILTER_DROP, a netfilter rule dropped it' 3
ok $? "green selected: where, how fast and the reason in words above the events" || show_screen
sleep 2
wait_until drop_rate_near green:eth0-g 5
ok $? "green's drop rate ${rate:-none}/s is the ping's 5/s (±25 %)" || show_screen
label=$(grep -o '[●│] ✗ [0-9.]* drop/s' <<<"$sc" | awk '{print $3}')
is "${label:-none}" "$rate" "green's link says that rate, and no other link drops" || show_screen
wait "$PING"
sleep 1.5
kernel=$(ip netns exec green nft -j list ruleset | jq '[.nftables[] | .rule? // empty | .expr[] | .counter? // empty | .packets] | add')
shown=$(screen | grep -o 'drop/s, [0-9]* so far' | awk '{print $2}')
is "$shown" "$kernel" "drops so far: as many as the nft rule's counter" || show_screen
gone() { ! screen | grep -q '✗'; }
wait_until gone
ok $? "the ✗ goes within seconds of the last drop" || show_screen
keys q
wait_screen '^EXIT=0' 5
ok $? "q exits 0"

# 2. A fresh network: its veths come up under the observer's eyes.
ip netns del red
ip netns del green
ip link del bridge1
seed_by_hand
for s in r g; do ip link set "veth-$s" down; done
ip -n red link set eth0-r down
ip -n green link set eth0-g down
is "$(ip netns exec red sysctl -n net.ipv6.conf.default.disable_ipv6)" 0 "IPv6 is on in red"
tmux_start 120 40 "$NSVIZ" watch seed
wait_screen 'seed .* tcx .* up ' 30
ok $? "watch seed on the fresh network: attached" || show_screen
for s in r g; do ip link set "veth-$s" up; done
ip -n red link set eth0-r up
ip -n green link set eth0-g up
red=0 drops=0
for ((i = 0; i < 25; i++)); do
	sc=$(screen)
	grep -q '✗' <<<"$sc" && red=$((red + 1))
	grep -Eq '^ [0-9:]{8} +[^ ]+ +drop ' <<<"$sc" && drops=$((drops + 1))
	sleep 0.2
done
is "$red" 0 "no ✗ in the first 5 s" || show_screen
is "$drops" 0 "no drop event in the first 5 s" || show_screen
sent=$(ip netns exec red nstat -az -j 2>/dev/null | jq '[.kernel | .Icmp6OutMsgs // 0] | add')
ok "$([ "${sent:-0}" -gt 0 ]; echo $?)" "the kernel: red sent $sent ICMPv6 messages meanwhile (its chatter)"
wait_screen 'link-local chatter hidden \(6 shows\)' 5
ok $? "the panes count the chatter they hide" || show_screen
! screen | grep -q 'ff02::'
ok $? "no ff02:: address on screen while folded" || show_screen
keys 6
wait_screen 'ff02::' 3
ok $? "6 shows the chatter (ff02:: in flows and events)" || show_screen
keys q
wait_screen '^EXIT=0' 5
ok $? "q exits 0"
done_testing
