#!/usr/bin/env bash
# The UI's text on a live network built by plain ip commands, in tmux: namespaces named 红色 and
# café on a bridge, pinging each other over IPv4 and IPv6. At 120 columns every address in the
# flows is whole (as `ip -j addr` gives it); 红色's box has its right edge in one column as the
# terminal counts columns (east-asian wide: 2); at 80x24 space shows PAUSED on the status line and
# the clock and uptime stop (for 3 s of the test's clock), and go again on a second space.
# The whole live network is watched: only this test's namespaces, in a pid namespace of its own.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"
command -v python3 >/dev/null || skip_all "python3 not installed"
export LANG=C.UTF-8

A6=2001:db8:aaaa:bbbb:cccc:dddd:eeee:1
B6=2001:db8:aaaa:bbbb:cccc:dddd:eeee:2
ip link add br0 type bridge
ip link set br0 up
i=0
for c in 红色:10.0.0.1:$A6 café:10.0.0.2:$B6; do
	IFS=: read -r ns v4 _ <<<"$c"
	v6=${c#*:*:}
	i=$((i + 1))
	ip netns add "$ns"
	ip link add eth0 netns "$ns" type veth peer name "port$i"
	ip link set "port$i" master br0 up
	ip -n "$ns" addr add "$v4/24" dev eth0
	ip -n "$ns" addr add "$v6/64" dev eth0 nodad
	ip -n "$ns" link set eth0 up
	ip -n "$ns" link set lo up
done
is "$(ip -n 红色 -j addr show dev eth0 | jq -r '[.[0].addr_info[] | select(.scope == "global") | .local] | join(" ")')" \
	"10.0.0.1 $A6" "the kernel: 红色's eth0 has 10.0.0.1 and $A6"
ip netns exec 红色 ping -q -i 0.2 10.0.0.2 >/dev/null 2>&1 &
P4=$!
ip netns exec 红色 ping -q -i 0.2 "$B6" >/dev/null 2>&1 &
P6=$!
at_exit "kill $P4 $P6 2>/dev/null"

tmux_start 120 40 "LANG=C.UTF-8 $NSVIZ watch"
wait_screen '│ tcx │' 60
ok $? "watch on the live network: drawn and attached" || show_screen
wait_screen "icmp6 .*$B6" 10
ok $? "an icmp6 flow to $B6 is listed" || show_screen

# Every address in the flows rows (their numbers left out) is whole: one the kernel gives an
# interface (`ip -j addr`: the namespaces', and the bridge's and its ports' link-local ones), or
# a multicast or unspecified address (a destination or source no interface has); none is a
# strict prefix of one, none ends in …
kernel_addrs() {
	ip -j addr show | jq -r '.[].addr_info[].local'
	for ns in 红色 café; do ip -n "$ns" -j addr show | jq -r '.[].addr_info[].local'; done
}
flows_cut() {
	screen | grep -E '^ icmp6? ' | sed 's/│.*//' | awk '{ NF -= 4; print }' |
		KERNEL="$(kernel_addrs)" python3 -c '
import ipaddress, os, sys
have = set(os.environ["KERNEL"].split())
rows = sys.stdin.read()
if not rows:
    print("no flows")
for word in rows.split():
    if ":" not in word and word.count(".") != 3:
        continue
    try:
        a = ipaddress.ip_address(word)
    except ValueError:
        print(word)
        continue
    if word not in have and not (a.is_multicast or a.is_unspecified):
        print(word)
'
}
# (Waited for: under load a screen may be caught between two frames with no flow rows yet.)
flows_whole() { [ -z "$(flows_cut)" ]; }
wait_until flows_whole
is "$(flows_cut)" "" "120x40: every address in the flows is whole" || show_screen

# 红色's box: the column of its right edge, as wide as the terminal draws each character.
box_edges() {
	screen | python3 -c '
import sys, unicodedata
lines = sys.stdin.read().split("\n")
def cols(s):
    return [sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s[:i]) for i in range(len(s))]
for y, l in enumerate(lines):
    if "╭─ 红色 " in l:
        top, left = y, cols(l)[l.index("╭")]
        break
else:
    sys.exit(1)
edges = []
for l in lines[top:]:
    c = cols(l)
    at = {c[i]: ch for i, ch in enumerate(l)}
    right = [c[i] for i, ch in enumerate(l) if ch in "╮│┤╯" and c[i] > left]
    edges.append(right[0] if right else -1)
    if at.get(left) == "╰":
        break
print(" ".join(map(str, sorted(set(edges)))), len(edges))
'
}
edges=$(box_edges)
like "$edges" '^[0-9]+ [3-9]$' "120x40: 红色's box has one right edge column, top to bottom ($edges)" || show_screen

resize 80 24
wait_screen '^ nsviz' 5
keys Space
wait_screen '^ PAUSED │' 5
ok $? "80x24: space shows PAUSED at the start of the status line" || show_screen
clock() { screen | head -1 | grep -oE '[0-9]{2}:[0-9]{2}:[0-9]{2}'; }
uptime() { screen | tail -1 | grep -oE 'up [0-9:]+'; }
c1=$(clock) u1=$(uptime)
sleep 3
c2=$(clock) u2=$(uptime)
[[ -n $c1 && $c1 == "$c2" && -n $u1 && $u1 == "$u2" ]]
ok $? "paused 3 s: the clock ($c1, $c2) and the uptime ($u1, $u2) stand still" || show_screen
keys Space
moved() { [[ $(clock) != "$c1" ]]; }
wait_until moved
ok $? "space again: the clock goes on ($(clock))" || show_screen
! screen | grep -q 'PAUSED'
ok $? "... and PAUSED is gone" || show_screen

keys q
wait_screen '^EXIT=' 10
like "$(screen)" 'EXIT=0' "q exits with status 0" || show_screen
done_testing
