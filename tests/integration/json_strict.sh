#!/usr/bin/env bash
# Every JSON line nsviz writes (watch --json: snapshots, events of every kind, paths; trace --json:
# paths, trace_stats; fdb --json; discover --json and --follow; check --json) parses with a strict parser (json_strict.py: no duplicate key,
# no NaN, valid UTF-8, no raw control character), on a topology whose names hold a quote, a
# backslash, UTF-8 and bytes that are not UTF-8. The events are checked against the traffic this
# test sends and the MACs the kernel reports; ICMP events are found by "type":"event".
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"
. "$(dirname "$0")/watch.bash"

command -v python3 >/dev/null || skip_all "python3 is not installed (scripts/install-deps.sh)"
STRICT="$(dirname "$0")/json_strict.py"
R=$'r\xe9d' ER=$'eth\xfe' G=$'gr\xc3\xbcn' B=$'b"\\q' BR=$'br\xff0'
PR=$'p-r\xe9' PG=$'p-\xe2\x82\xac' PB=$'p"\\b'
# How the names read in JSON: a byte that is not UTF-8 becomes U+FFFD.
FFFD=$'\xef\xbf\xbd'
R_JSON="r${FFFD}d" PR_JSON="p-r$FFFD" BR_JSON="br${FFFD}0"
TOPO="$T_TMP/odd.topo"
cat >"$TOPO" <<EOF
netns $R
netns $G
netns $B
bridge $BR
veth $R:$ER 10.78.0.1/24 -- $BR:$PR
veth $G:eth0 10.78.0.2/24 -- $BR:$PG
veth $B:eth0 10.78.0.3/24 -- $BR:$PB
EOF

net_up "$TOPO" || { echo "Bail out! nsviz up of the odd names failed"; exit 1; }
bridge fdb flush dev "$BR" dynamic
mac_r=$(ip -n "$R" -j link show "$ER" | jq -r '.[0].address')
mac_g=$(ip -n "$G" -j link show eth0 | jq -r '.[0].address')

watch_start "$TOPO" --interval 0.5 || { echo "Bail out! watch did not start"; exit 1; }
sent=$(ip netns exec "$R" ping -c 3 -i 0.2 -W 1 10.78.0.2 | awk '/transmitted/ {print $1, $4}')
is "$sent" "3 3" "3 pings red -> green, 3 replies (ARP, ICMP, flow, FDB learn)"
ip netns exec "$R" bash -c 'echo hello > /dev/udp/10.78.0.2/9'
ok $? "a UDP datagram red -> green:9 (a drop: no socket)"
# B takes red's MAC: its ARP request moves that MAC to B's port; then the entry is deleted.
ip -n "$B" link set eth0 address "$mac_r" &&
	ip netns exec "$B" ping -c 1 -W 1 10.78.0.2 >/dev/null
is "$(bridge -j fdb show br "$BR" | jq -r --arg m "$mac_r" '.[] | select(.mac == $m) | .ifname')" \
	"$PB" "the kernel moved red's MAC to b's port"
# The kernel changes the entry before its tracepoint fires (a softirq thread may be preempted in
# between, under load): the delete below must not overtake the move's event.
wait_for_line "$WPID" "$T_TMP/w.json" '"kind":"fdb".*"op":"move"' "$T_TMP/w.err"
bridge fdb del "$mac_r" dev "$PB" master
ok $? "and the entry is deleted"
wait_for_line "$WPID" "$T_TMP/w.json" '"kind":"fdb".*"op":"delete"' "$T_TMP/w.err"
watch_stop

trace_start --json --count 2 "$TOPO" icmp || { echo "Bail out! trace did not start"; exit 1; }
ip netns exec "$G" ping -c 2 -i 0.2 -W 1 10.78.0.1 >/dev/null
trace_wait
is "$?" 0 "trace --count 2 exits 0"
t_run "nsviz fdb --json" "$NSVIZ" fdb --json "$TOPO"
cp "$T_TMP/out" "$T_TMP/fdb.json"
t_run "nsviz discover --json" "$NSVIZ" discover --json
cp "$T_TMP/out" "$T_TMP/live.json"
ip -n "$G" link set eth0 mtu 1400
"$NSVIZ" check --json "$TOPO" >"$T_TMP/check.json" 2>"$T_TMP/check.err"
is "$?" 3 "nsviz check --json: an MTU changed by hand is a mismatch (exit 3)" ||
	sed 's/^/# /' "$T_TMP/check.err" >&2
# A change while discover follows: one topology event with the odd names in it.
"$NSVIZ" discover --follow --json --duration 3 >"$T_TMP/follow.json" 2>"$T_TMP/follow.err" &
FPID=$!
at_exit "kill -9 $FPID"
wait_for_line "$FPID" "$T_TMP/follow.json" '"type":"live"' "$T_TMP/follow.err"
ip -n "$G" link set eth0 down
wait "$FPID"
is "$?" 0 "discover --follow --json ends after --duration"

python3 "$STRICT" "$T_TMP/w.json" "$T_TMP/t.out" "$T_TMP/fdb.json" "$T_TMP/live.json" \
	"$T_TMP/check.json" "$T_TMP/follow.json" >"$T_TMP/strict" 2>&1
ok $? "every line of watch, trace, fdb, discover, discover --follow and check --json parses strictly" ||
	grep -v '^[a-z_/]* [0-9]*$' "$T_TMP/strict" | head -5 | sed 's/^/# /' >&2
seen=$(grep -E '^[a-z_/]+ [0-9]+$' "$T_TMP/strict" | awk '{print $1}' | tr '\n' ' ')
is "$seen" "check event/arp event/drop event/fdb event/flow event/icmp event/mismatch event/topology fdb live path snapshot trace_stats " \
	"every kind of line was seen"

ev() { jq -c "select(.type == \"event\" and $1)" "$T_TMP/w.json" 2>/dev/null; }
is "$(ev '.kind == "icmp" and .icmp_type == 8 and .src == "10.78.0.1"' | wc -l)" 3 \
	"type event: 3 echo requests from red, as sent"
is "$(ev '.kind == "icmp" and .icmp_type == 0 and .icmp_code == 0 and .dst == "10.78.0.1"' | wc -l)" 3 \
	"3 echo replies to red, as received"
is "$(ev '.kind == "icmp" and .src == "10.78.0.1"' | jq -r .netns | sort -u)" "$R_JSON" \
	"red's name with its byte that is not UTF-8 as U+FFFD"
is "$(ev '.kind == "icmp" and .src == "10.78.0.2"' | jq -r .netns | sort -u)" "$G" \
	"green's UTF-8 name as it is"
is "$(ev '.kind == "arp" and .op == "who-has" and .sender_ip == "10.78.0.3"' | jq -r .netns | sort -u)" \
	"$B" "the name with a quote and a backslash read back as it is"
is "$(ev '.kind == "drop" and .proto == "udp" and .dport == 9' | jq -r '"\(.netns) \(.reason)"' | sort -u)" \
	"$G NO_SOCKET" "the UDP datagram dropped in green: NO_SOCKET"
fdb_ops=$(ev ".kind == \"fdb\" and .mac == \"$mac_r\"" | jq -r '"\(.op) \(.bridge) \(.port)"')
for op in "learn $BR_JSON $PR_JSON" "move $BR_JSON $PB" "delete $BR_JSON $PB"; do
	grep -qFx -- "$op" <<<"$fdb_ops"
	ok $? "FDB event of red's MAC: $op" || sed 's/^/# got: /' <<<"$fdb_ops" >&2
done
is "$(jq -r 'select(.type == "snapshot") | [.interfaces[].ifname] | join(" ")' "$T_TMP/w.json" | tail -1)" \
	"eth$FFFD $PR_JSON eth0 $PG eth0 $PB $BR_JSON" "snapshot interfaces by name"
is "$(jq -r 'select(.type == "path") | .summary' "$T_TMP/t.out" | grep -c 'ICMP echo')" 2 \
	"trace --json: 2 ICMP paths"
is "$(jq -r 'select(.type == "trace_stats") | .final' "$T_TMP/t.out")" true "and its final trace_stats"
is "$(jq -r --arg m "$mac_g" '.fdb[] | select(.mac == $m) | .port' "$T_TMP/fdb.json")" "$PG" \
	"fdb --json: green's MAC on its port, named in UTF-8"
done_testing
