#!/usr/bin/env bash
# The UI's mark of a difference from the topology file: `nsviz watch seed` in tmux at 120x40 on
# the seed's network built by plain ip commands. Nothing is marked while it is as the file says;
# then veth-g is taken off bridge1 and green:eth0-g's address changed (each checked with `ip -j`):
# the picture marks veth-g's link and green's interface row with "≠" in magenta (not DOWN's red),
# the events pane says each difference in words; the legend (?) explains the mark. Put right
# with ip, every mark goes. The boxes do not move meanwhile.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"

# IPv6 off: no link-local address next to the file's, no router solicitations in the events.
ipv6_off
ip link add bridge1 type bridge
ip link set bridge1 up
for c in r:red:10.0.0.1 g:green:10.0.0.2; do
	IFS=: read -r s ns addr <<<"$c"
	lan_member "$s" "$ns" "$addr/24"
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
done

tmux_start 120 40 env LANG=C.UTF-8 "$NSVIZ" watch seed
wait_screen 'seed .* tcx .* up ' 30
ok $? "watch seed on a hand-built network: drawn and attached" || show_screen
boxes() { screen | sed -n '2,12p' | LC_ALL=C.UTF-8 sed 's/[^╭╮╰╯┌┐└┘]/ /g; s/ *$//'; }
before=$(boxes)
! screen | grep -q '≠'
ok $? "nothing is marked while the network is as the file says" || show_screen

ip link set veth-g nomaster
is "$(ip -j link show veth-g | jq -r '.[0].master // "none"')" none "the kernel: veth-g has no master"
wait_screen '≠ veth-g' 5
ok $? "veth-g's link is marked ≠ veth-g" || show_screen
# Beside the flows (a wide screen) the events pane may wrap the sentence: it is read joined, from
# the pane's column; stacked under them (120 columns), it is one line of the screen.
said() {
	screen | sed -n 's/.*│ \(≠\| \) //p' | tr -s ' \n' '  ' | grep -qF -- "$1" ||
		screen | grep -qF -- "≠ $1"
}
wait_until said 'declared veth-g on bridge1 but it has no master'
ok $? "the events pane says it in words" || show_screen

ip -n green addr del 10.0.0.2/24 dev eth0-g
ip -n green addr add 10.0.1.2/24 dev eth0-g
is "$(ip -n green -j addr show dev eth0-g | jq -r '[.[0].addr_info[].local] | join(" ")')" \
	10.0.1.2 "the kernel: green:eth0-g has 10.0.1.2 and no other address"
wait_screen '│≠eth0-g 10\.0\.1\.2/24' 5
ok $? "green's box marks eth0-g ≠, with its live address" || show_screen
wait_until said 'declared 10.0.0.2/24 on green:eth0-g but it has 10.0.1.2/24'
ok $? "the events pane says the address difference in words" || show_screen
! screen | grep -Eq 'DOWN|no carrier|disabled|missing'
ok $? "neither is marked as a link state (DOWN, no carrier, disabled, missing)" || show_screen
# Magenta (SGR 35) on the marks, where DOWN is red (31).
marks=$(tmux -L "$TMUX_SOCK" capture-pane -e -p -t t | grep -o $'\e\\[[0-9;]*m≠' | sort -u)
like "$marks" $'\e\\[([0-9]+;)*35(;[0-9]+)*m≠' "the marks are drawn in magenta" ||
	printf '# %q\n' "$marks"
is "$(boxes)" "$before" "... and no box moved" || show_screen
keys '?'
wait_screen '≠ magenta: not as the file says' 5
ok $? "? explains the mark" || show_screen
keys Escape

ip link set veth-g master bridge1
ip -n green addr del 10.0.1.2/24 dev eth0-g
ip -n green addr add 10.0.0.2/24 dev eth0-g
is "$(ip -j link show veth-g | jq -r '.[0].master')" bridge1 "the kernel: veth-g is on bridge1 again"
no_mark() { ! screen | grep -Eq '≠|declared '; }
wait_until no_mark
ok $? "put right with ip, every mark and sentence goes" || show_screen

keys q
wait_screen '^EXIT=' 10
like "$(screen)" 'EXIT=0' "q exits with status 0" || show_screen
done_testing
