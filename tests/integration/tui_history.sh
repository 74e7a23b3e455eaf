#!/usr/bin/env bash
# History and paths in the UI, on the seed's network built by plain ip commands, while red pings
# green 5 times a second with 1000-byte payloads (1042-byte frames, checked against the kernel's
# counters), `watch --interval 2 seed` in tmux at 80x24 without colour (the selection is reverse
# video). In the paths view an echo path is selected (the second newest, or the next); after 2 s
# more of pings (some 20 newer paths above it) the same path (same summary, same seq) is still the
# selected row and the one detailed, and `r` replays it hop by hop, paused too. In the interfaces
# view, red:eth0-r's bits/s graph reads (`now`, a sample of 2 s) within 20 % of what the test
# sends and receives there, 2 x 5/s x 1042 B x 8 = 83.4 kbit/s, computed from its own packet size
# and interval; its time axis spans -120s ... now.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"

PPS=5                         # ping -i 0.2
FRAME=$((14 + 20 + 8 + 1000)) # Ethernet + IPv4 + ICMP headers + ping -s 1000
BPS=$((2 * PPS * FRAME * 8))  # requests out of red:eth0-r, replies into it

seed_by_hand
# No IPv6 chatter (router solicitations, MLD) in the counts: only the pings cross.
for ns in red green; do ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
ip netns exec red ping -q -i 0.2 -s 1000 10.0.0.2 >/dev/null 2>&1 &
PING=$!
at_exit "kill $PING"
sleep 1 # past the first ARP exchange
tx0=$(ip -n red -s -j link show eth0-r | jq '.[0].stats64.tx | .bytes, .packets')
sleep 2
tx1=$(ip -n red -s -j link show eth0-r | jq '.[0].stats64.tx | .bytes, .packets')
is "$(printf '%s\n%s\n' "$tx0" "$tx1" | paste -sd' ' | awk '{ printf "%.0f", ($3 - $1) / ($4 - $2) }')" \
	"$FRAME" "the kernel counts $FRAME bytes per echo request on red:eth0-r"

# Samples of 2 s: 10 pings each, give or take one for ping's phase (5 % of a sample, not 20 %).
tmux_start 80 24 NO_COLOR=1 "$NSVIZ" watch --interval 2 seed
wait_screen 'seed .* tcx .* up ' 30
ok $? "watch seed on a hand-built network: drawn and attached" || show_screen

# The selected row of the paths list (reverse video, its time and latency make it unique), as
# text.
selected() {
	tmux -L "$TMUX_SOCK" capture-pane -e -p -t t | grep -a $'\e\\[7m' | grep -a 'ICMP echo' |
		sed 's/\x1b\[[0-9;]*m//g' | head -1
}
# The first line of the detail: the selected path's whole summary (the row may shorten it).
detail() { screen | grep -a 'end to end' | head -1; }

keys 5
wait_screen 'ICMP echo request .*forward' 10
ok $? "the paths view lists the echo requests" || show_screen
# The second newest echo path (an ARP refresh may come between).
for _ in 1 2 3 4 5; do
	keys j
	sleep 0.5
	det=$(detail)
	[[ $det =~ ICMP\ echo ]] && break
done
sel=$(selected)
like "$det" "ICMP echo (request|reply) id [0-9]+ seq [0-9]+ " "a path is selected: $det" || show_screen
like "$sel" "$(echo "$det" | awk '{ print $1 " > " $3 }')" "its row is the one selected ($sel)"
sleep 2 # the pings go on: some 20 newer paths arrive above it
sel2=$(selected)
det2=$(detail)
is "$sel2" "$sel" "after 2 s more of pings the same path is the selected row" || show_screen
is "$det2" "$det" "and the one detailed"
n_newer=$(screen | grep -a -B30 -F -- "$sel" | grep -ac 'ICMP echo')
ok $((n_newer > 1 ? 0 : 1)) "newer paths are listed above it ($((n_newer - 1)) on screen)"

keys r
wait_screen 'replay: hop 1 of [0-9]+, \+0µs' 2
ok $? "r replays it: hop 1" || show_screen
wait_screen 'replay: hop 3 of [0-9]+, \+[0-9]+µs' 3
ok $? "one hop after another: hop 3" || show_screen
wait_screen '#3 (tx|rx) \+[0-9]+µs' 1
ok $? "hop 3 is on the picture with its time" || show_screen
# Paused, the list stands still and the replay still runs: how a path is shown to people.
keys Space
wait_screen 'PAUSED' 2
keys r
wait_screen 'replay: hop 3 of [0-9]+, \+[0-9]+µs' 3
ok $? "paused, r replays it all the same" || show_screen
keys Space

# The interfaces view's graph for red:eth0-r (moved to with j), its bits/s a few intervals in.
keys 2 Home
for _ in 1 2 3 4 5 6 7 8; do
	sleep 0.5
	screen | grep -aq 'bits/s red:eth0-r' && break
	keys j
done
wait_screen 'bits/s red:eth0-r rx\+tx  now' 5
ok $? "the interfaces view graphs red:eth0-r's bits/s" || show_screen
# now_bps: the graph's newest bits/s, in bits/s.
now_bps() {
	screen | sed -n 's/.*bits\/s red:eth0-r rx+tx  now \([0-9.]*\)\([kM]\?\)b\/s.*/\1 \2/p' |
		awk '{ print $1 * ($2 == "k" ? 1e3 : $2 == "M" ? 1e6 : 1) }'
}
within() { awk -v v="${1:-0}" -v w="$BPS" 'BEGIN { exit !(v >= 0.8 * w && v <= 1.2 * w) }'; }
# One reading off on a loaded machine is ping's timing, not nsviz: up to 10 s for one within.
for _ in $(seq 20); do
	got=$(now_bps)
	within "$got" && break
	sleep 0.5
done
within "$got"
ok $? "the graph's bits/s ($got) is within 20 % of the $BPS the test sends and receives" || show_screen
top=$(screen | grep -a -A1 'bits/s red:eth0-r' | tail -1 | awk '{ print $1 }')
max=$(screen | sed -n 's/.*bits\/s red:eth0-r rx+tx  now .*  max \([0-9.]*[kM]\?\)b\/s.*/\1/p')
[ -n "$max" ] && [ "$top" = "$max" ]
ok $? "the y axis's top ($top) is the history's maximum, as the title says ($max)"
like "$(screen | grep -a -A12 'bits/s red:eth0-r' | grep -a ' now$' | head -1)" '^ +-120s +-60s +now$' \
	"the time axis spans the 60 samples of 2 s: -120s ... now"

keys q
wait_screen 'EXIT=0' 10
ok $? "q exits 0" || show_screen
done_testing
