#!/usr/bin/env bash
# Flow rows: two pings from red to green at once are two echo-request rows (and two reply rows),
# each showing the echo id the kernel put on the wire (read independently with tcpdump); the
# sort marker leaves the column names above their numbers; and a flow nsviz saw only where
# packets are not counted (host -> red sent out of the bridge port veth-r: 0 packets, 0 bytes)
# is neither a row nor in `watch --json`.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"
command -v tcpdump >/dev/null || skip_all "tcpdump not installed"

seed_up || { echo "Bail out! nsviz up seed failed"; exit 1; }
static_neigh || { echo "Bail out! static neighbours failed"; exit 1; }
wait_quiet
ok $? "the topology is quiet before the measurement"

# Echo requests from the host out of veth-r (a bridge port, where flows count nothing) to red:
# plain ip commands, static neighbours both ways so that no ARP is needed.
mr=$(ip -n red -j link show eth0-r | jq -r '.[0].address')
mv=$(ip -j link show veth-r | jq -r '.[0].address')
ip addr add 10.0.0.9/32 dev veth-r &&
	ip route add 10.0.0.1/32 dev veth-r src 10.0.0.9 &&
	ip neigh replace 10.0.0.1 lladdr "$mr" nud permanent dev veth-r &&
	ip -n red neigh replace 10.0.0.9 lladdr "$mv" nud permanent dev eth0-r
ok $? "the host has 10.0.0.9 on veth-r and a route to red through it"
# Red's replies go to the bridge, not back to the host's socket: ping's status says nothing.
bridge_port_ping() { ping -q -c 3 -i 0.2 -W 1 10.0.0.1 >/dev/null 2>&1; }

watch_start --interval 0.5 seed || { echo "Bail out! watch did not start"; exit 1; }
k0=$(kstats)
bridge_port_ping
wait_until snapshot_has '[.flows[] | select(.src=="10.0.0.1" and .dst=="10.0.0.9") | .packets] == [3]'
k1=$(kstats)
watch_stop
snap=$(last_snapshot)
is "$(kdelta "$k0" "$k1" | awk '$1 == "veth-r" { print $4 }')" 3 \
	"the kernel counted 3 packets sent by veth-r"
is "$(echo "$snap" | jq '[.interfaces[] | select(.ifname=="veth-r") | .tx.packets][0]')" 3 \
	"nsviz saw them leave veth-r"
is "$(echo "$snap" | jq '[.flows[] | select(.packets == 0 and .bytes == 0)] | length')" 0 \
	"json: no flow with 0 packets and 0 bytes" || echo "$snap" | jq -c '.flows[]' | sed 's/^/# /' >&2
is "$(echo "$snap" | jq -c '[.flows[] | select(.src=="10.0.0.1" and .dst=="10.0.0.9") | .packets]')" \
	"[3]" "json: red's 3 replies to 10.0.0.9 are a flow (they left red: counted)"

tmux_start 132 43 "$NSVIZ" watch seed
wait_screen 'seed .* tcx' 30
ok $? "the UI is attached" || show_screen
bridge_port_ping # its empty flow must not be a row
ip netns exec green tcpdump -n -l -i eth0-g -c 4 icmp and 'icmp[icmptype] == icmp-echo' \
	>"$T_TMP/tcpdump" 2>"$T_TMP/tcpdump.err" &
TCPDUMP=$!
at_exit "kill $TCPDUMP"
wait_for_line "$TCPDUMP" "$T_TMP/tcpdump.err" '^listening on' "$T_TMP/tcpdump.err"
ip netns exec red ping -q -c 20 -i 0.2 10.0.0.2 >/dev/null 2>&1 &
P1=$!
ip netns exec red ping -q -c 20 -i 0.2 10.0.0.2 >/dev/null 2>&1 &
P2=$!
wait "$TCPDUMP"
ids=$(grep -Eo 'echo request, id [0-9]+' "$T_TMP/tcpdump" | awk '{ print $4 + 0 }' | sort -nu)
is "$(echo "$ids" | wc -l)" 2 "tcpdump: the two pings carry two echo ids (${ids//$'\n'/ })"

keys 3
wait_screen 'PKT/S' 5
ok $? "3: the flows view" || show_screen
# The ids of the echo rows from $1 to $2.
rows() { screen | grep -Eo "^ icmp +$1 id [0-9]+ +$2 " | awk '{ print $5 }' | sort -nu; }
RED='red 10\.0\.0\.1' GREEN='green 10\.0\.0\.2'
both_rows() { [ "$(rows "$RED" "$GREEN" | wc -l)" -ge 2 ] && [ "$(rows "$GREEN" "$RED" | wc -l)" -ge 2 ]; }
wait_until both_rows
is "$(rows "$RED" "$GREEN")" "$ids" "two echo-request rows from red, with tcpdump's ids" ||
	show_screen
is "$(rows "$GREEN" "$RED")" "$ids" "two echo-reply rows from green, with the same ids"
# PKT/S BIT/S PACKETS BYTES: the last four words of a flow row.
zero=$(screen | grep -E '^ (icmp|tcp|udp|arp|eth|ipv)' | awk '$(NF - 1) == "0" && $NF == "0"')
is "$zero" "" "no row with 0 packets and 0 bytes" || show_screen

# Column names stay above the right edge of their numbers whatever the sort (s cycles it; the
# header's sort mark moves with it).
flows_header() { screen | grep -E '^ FLOWS' | head -1; }
header_moved() { [ "$(flows_header)" != "$1" ]; }
edge() { awk -v w="$1" '{ i = index($0, w); if (i) print i + length(w) - 1 }'; }
for sort in rate packets bytes recent; do
	shown=$(flows_header)
	head=$(sed 's/▼/v/g' <<<"$shown")
	row=$(screen | grep -E '^ icmp +red' | head -1)
	bad=0
	for col in PKT/S BIT/S PACKETS BYTES; do
		n=$(echo "$head" | edge "$col")
		# The row's number ends in that column: a digit or unit there, a blank after it.
		c=$(printf '%s \n' "$row" | cut -c "$n-$((n + 1))") # tmux trims the blanks at the end
		[[ $c =~ ^[0-9.kMG]\ $ ]] || bad=1
	done
	ok "$bad" "sorted by $sort: PKT/S BIT/S PACKETS BYTES each end where their numbers end" ||
		{ echo "# $head"; echo "# $row"; }
	keys s
	wait_until header_moved "$shown"
done
wait "$P1" "$P2"
keys q
wait_screen '^EXIT=' 30
like "$(screen)" 'EXIT=0' "q exits with status 0" || show_screen
done_testing
