#!/bin/bash
# Unanswered ARP is attributed to the silent side: with green ignoring ARP (arp_ignore=8), then
# with an nft rule dropping ARP in green, red's ping to 10.0.0.2 fails as NEIGH_FAILED in red, and
# the drop says "ARP for 10.0.0.2 reached green:eth0-g 3 times and was never answered" (green's own
# receive counter says how many). To an address nobody has, it says that none of them has it.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"

# failed_ping DEST: a ping from red to DEST, with red's neighbours flushed, traced; leaves the
# NEIGH_FAILED path in $neigh and the ARP requests green received in $got.
failed_ping() {
	local before
	ip -n red neigh flush all
	before=$(arp_requests green)
	trace_start --json --duration 6 seed
	ip netns exec red ping -c 1 -W 4 "$1" >/dev/null
	is "$?" 1 "the ping to $1 fails"
	trace_wait
	got=$(($(arp_requests green) - before))
	neigh=$(jq -c 'select(.type == "path" and .drop_reason == "NEIGH_FAILED")' "$T_TMP/t.out")
	echo "# $neigh"
}

# On a failure, the trace behind it (its ARP paths, its drops, its lost records), for the log.
show_trace() {
	jq -c 'select(.proto == "arp" or (.drop_reason // "") != "" or .type == "trace_stats")
		| [.summary // .type, .time, .cause // .lost_records,
		   (.hops // [] | map("\(.netns // .bridge):\(.ifname) \(.dir)") | join(" > "))]' \
		"$T_TMP/t.out" | sed 's/^/# trace: /' >&2
}

net_up seed || { done_testing; exit 1; }
arp_counter green
ok $? "an nft counter of the ARP requests green receives"
ip netns exec green sysctl -qw net.ipv4.conf.all.arp_ignore=8 net.ipv4.conf.eth0-g.arp_ignore=8
failed_ping 10.0.0.2
[ "$got" -ge 1 ]
ok $? "green received $got ARP requests (nft counter)"
is "$(jq -r '"\(.cause)|\(.cause_where)|\(.drop_where)"' <<<"$neigh")" \
	"ARP for 10.0.0.2 reached green:eth0-g $got times and was never answered|green:eth0-g|red:eth0-r" \
	"arp_ignore=8: the silent side is green:eth0-g" || show_trace

ip netns exec green sysctl -qw net.ipv4.conf.all.arp_ignore=0 net.ipv4.conf.eth0-g.arp_ignore=0
ip netns exec green nft -f - <<'NFT'
table arp silence {
	chain input { type filter hook input priority 10; policy drop; }
}
NFT
ok $? "nft drops ARP in green"
failed_ping 10.0.0.2
is "$(jq -r '"\(.cause)|\(.cause_where)"' <<<"$neigh")" \
	"ARP for 10.0.0.2 reached green:eth0-g $got times and was never answered|green:eth0-g" \
	"nft arp drop: the silent side is green:eth0-g" || show_trace
ip netns exec green nft delete table arp silence

failed_ping 10.0.0.9
is "$(jq -r '"\(.cause)|\(.cause_where)"' <<<"$neigh")" \
	"ARP for 10.0.0.9 reached green:eth0-g $got times and was never answered: none of them has 10.0.0.9|null" \
	"10.0.0.9: reached green, which does not have it" || show_trace

# The text output says the same in the drop's bracket.
ip -n red neigh flush all
trace_start --duration 6 seed
ip netns exec red ping -c 1 -W 4 10.0.0.9 >/dev/null
trace_wait
like "$(grep -A1 '^10.0.0.1 > 10.0.0.9 ICMP$' "$T_TMP/t.out")" \
	"\\(no hop observed\\)  \\[drop: NEIGH_FAILED at red:eth0-r \\(ARP for 10.0.0.9 reached green:eth0-g [0-9] times and was never answered: none of them has 10.0.0.9\\), " \
	"text: the drop, where, and the cause in the bracket"
done_testing
