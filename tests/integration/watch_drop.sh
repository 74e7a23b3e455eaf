#!/usr/bin/env bash
# Drops are reported with the kernel's reason, where they happened: a UDP datagram to a closed port
# in green (NO_SOCKET at green:eth0-g), and pings while green's interface is down (the bridge has
# no port to send them to: NO_TX_TARGET at its port veth-r).
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"

seed_up || { echo "Bail out! nsviz up seed failed"; exit 1; }
watch_start --interval 0.5 seed || { echo "Bail out! watch did not start"; exit 1; }
ip netns exec red bash -c 'echo hello > /dev/udp/10.0.0.2/9'
ok $? "a UDP datagram red -> green:9"
wait_until events_seen 1 '.kind=="drop" and .proto=="udp" and .dport==9'
ip -n green link set eth0-g down
# The bridge stops sending to veth-g once it has seen its carrier go (linkwatch: up to 1 s).
wait_until port_disabled veth-g
ip netns exec red ping -c 2 -i 0.2 -W 1 10.0.0.2 >/dev/null
is "$?" 1 "ping fails while green's interface is down"
wait_until events_seen 2 '.kind=="drop" and .proto=="icmp"'
watch_stop

drops=$(grep '"kind":"drop"' "$T_TMP/w.json")
is "$(echo "$drops" | jq -r 'select(.proto=="udp" and .dport==9) | "\(.netns) \(.ifname) \(.reason) \(.src) \(.dst)"' | head -1)" \
	"green eth0-g NO_SOCKET 10.0.0.1 10.0.0.2" "the UDP datagram: dropped in green at eth0-g, NO_SOCKET"
is "$(echo "$drops" | jq -r 'select(.proto=="icmp") | "\(.netns) \(.ifname) \(.reason)"' | sort -u)" \
	"null veth-r NO_TX_TARGET" "the pings: dropped at the bridge port veth-r, NO_TX_TARGET"
like "$(echo "$drops" | jq -r .skb | head -1)" '^0x[0-9a-f]+$' "drops carry the skb address"
done_testing
