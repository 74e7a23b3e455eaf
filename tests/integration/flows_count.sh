#!/usr/bin/env bash
# How many flows: `nsviz export`'s nsviz_flows and the flows[] of `watch --json` snapshots, both
# observing a LAN made with plain ip while the test makes a known set of conversations.
# A flow is one key (docs/json.md, docs/export.md): protocol, addresses, and ports — for ICMP the
# echo id and the ICMP type — so `ping -c 3` is two flows (its requests, type 8, and the replies,
# type 0, under one id), each datagram to a distinct UDP port from a fresh socket is one flow,
# and the port unreachables the receiver answers them with are one more (type 3, id 0), made only
# if the kernel counted one (Icmp OutDestUnreachs). IPv6 is off and the neighbours are permanent,
# so no ARP, router solicitation or MLD makes a flow of its own; flows made before nsviz attached
# are not in its table.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"
. "$(dirname "$0")/export.bash"

PORTS="40001 40002 40003 40004 40005"
export_setup
wait_quiet
ok $? "the LAN is quiet before nsviz attaches"
export_start --interval 0.2 || { echo "Bail out! export did not start"; exit 1; }
watch_start --interval 0.2 || { echo "Bail out! watch did not start"; exit 1; }
is "$(metric nsviz_flows)" 0 "no flow before the test's traffic"

icmp_field() { ip netns exec nb awk -v f="$1" '/^Icmp:/ { if (!h) { for (i = 1; i <= NF; i++) if ($i == f) c = i; h = 1 } else print $c }' /proc/net/snmp; }
u0=$(icmp_field OutDestUnreachs)
ip netns exec na ping -c 3 -i 0.2 -q 10.0.0.2 >/dev/null
ok $? "ping -c 3 na -> nb"
for p in $PORTS; do ip netns exec na bash -c "echo x >/dev/udp/10.0.0.2/$p"; done
nudp=$(wc -w <<<"$PORTS")
unreachables=$(($(icmp_field OutDestUnreachs) - u0))
ok "$([ "$unreachables" -ge 1 ]; echo $?)" "nb answered with $unreachables port unreachables (Icmp OutDestUnreachs)"
want=$((2 + nudp + 1))

flows_are() { [ "$(metric nsviz_flows)" = "$1" ]; }
wait_until flows_are "$want"
is "$(metric nsviz_flows)" "$want" "nsviz_flows: 2 echo flows + $nudp UDP + 1 port unreachable"

# The latest snapshot after one that followed the traffic.
sleep 0.5
snap=$(grep '"type":"snapshot"' "$T_TMP/w.json" | tail -1)
is "$(jq '.flows | length' <<<"$snap")" "$want" "watch --json: $want flows in the latest snapshot"
is "$(jq -r '[.flows[] | select(.proto == "udp" and .src == "10.0.0.1" and .dst == "10.0.0.2") | .dport] | sort | join(" ")' <<<"$snap")" \
	"$PORTS" "one UDP flow per port the test sent to"
is "$(jq -r '[.flows[] | select(.proto == "icmp") | "\(.src)>\(.dst):\(.dport)"] | sort | join(" ")' <<<"$snap")" \
	"10.0.0.1>10.0.0.2:8 10.0.0.2>10.0.0.1:0 10.0.0.2>10.0.0.1:3" "the ICMP flows: echo requests, echo replies, unreachables"
is "$(jq '[.flows[] | select(.proto == "icmp" and .dport != 3) | .packets] | join(" ")' <<<"$snap")" '"3 3"' \
	"each echo flow counted the 3 echoes ping sent"
is "$(jq '[.flows[] | select(.proto == "icmp" and .dport == 3) | .packets][0]' <<<"$snap")" "$unreachables" \
	"the unreachable flow counted the kernel's $unreachables"

watch_stop
export_stop
done_testing
