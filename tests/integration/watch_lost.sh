#!/usr/bin/env bash
# A forced overload: a one-page ring buffer (NSVIZ_RINGBUF_SIZE=4096) and a reader stopped while
# `ping -f` floods. Events that cannot be delivered are counted and reported as lost_events,
# and the counters stay exactly equal to the kernel's.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"

seed_up || { echo "Bail out! nsviz up seed failed"; exit 1; }
static_neigh
ok $? "permanent neighbour entries: no ARP during the measurement"
wait_quiet
ok $? "the topology is quiet before the measurement"
NSVIZ_RINGBUF_SIZE=4096 watch_start --interval 0.5 seed || { echo "Bail out! watch did not start"; exit 1; }
k0=$(kstats)
kill -STOP "$WPID"
ip netns exec red ping -f -c 2000 -q 10.0.0.2 >/dev/null
ok $? "ping -f -c 2000 red -> green while the reader is stopped"
kill -CONT "$WPID"
# Caught up: a snapshot after the backlog has all 2000 requests (counters are never lost).
wait_until snapshot_has '.interfaces[] | select(.ifname=="eth0-r") | .tx.classes.icmp == 2000'
k1=$(kstats)
watch_stop
snap=$(last_snapshot)
lost=$(echo "$snap" | jq .lost_events)
like "$lost" '^[0-9]+$' "lost_events is reported"
ok "$([ "$lost" -gt 1000 ]; echo $?)" "lost_events grew under the overload ($lost)"
is "$(echo "$snap" | nstats | sort)" "$(kdelta "$k0" "$k1" | sort)" \
	"rx/tx packets and bytes still equal the kernel's"
is "$(echo "$snap" | jq '[.interfaces[] | select(.ifname=="eth0-r") | .tx.classes.icmp][0]')" 2000 \
	"red:eth0-r counted all 2000 echo requests"
done_testing
