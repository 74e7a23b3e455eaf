#!/usr/bin/env bash
# Counters stay exact when the veth driver drops what a veth end sends. Under watch, stats and
# export a veth end whose peer is observed has no ingress program: its peer's egress counts what
# it receives, as the kernel does (docs/datapath.md, "Per point, only what is needed"). A frame the
# driver will not deliver is in neither the sender's tx nor the peer's rx for the kernel (it is a
# tx_dropped): (1) a frame longer than the receiving end's MTU, (2) any frame to an end that is
# down. Over each, every interface's rx/tx packets and bytes in `watch --json` and in `stats` move
# as the kernel's stats64, and the kernel's tx_dropped shows that the driver did drop them.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"

seed_up || { echo "Bail out! nsviz up seed failed"; exit 1; }
static_neigh || { echo "Bail out! static neighbours failed"; exit 1; }
wait_quiet
ok $? "the topology is quiet before the measurement"

# tx_dropped NETNS IFNAME: the kernel's
tx_dropped() { ip ${1:+-n "$1"} -s -j link show "$2" | jq '.[0].stats64.tx.dropped'; }
# snapshot_after N: a snapshot written after the Nth line of w.json (counters read after the pings)
snapshot_after() { [ "$(grep -c '"type":"snapshot"' "$T_TMP/w.json")" -gt "$1" ]; }

watch_start --interval 0.2 seed || { echo "Bail out! watch did not start"; exit 1; }

# measure WHAT CMD...: CMD's effect on nsviz's counters and on the kernel's, over the same interval
measure() {
	local what=$1 k0 k1 n0 n1 seen
	shift
	seen=$(grep -c '"type":"snapshot"' "$T_TMP/w.json")
	wait_until snapshot_after "$seen"
	n0=$(last_snapshot | nstats | sort) k0=$(kstats | sort)
	"$@" >/dev/null
	k1=$(kstats | sort)
	seen=$(grep -c '"type":"snapshot"' "$T_TMP/w.json")
	wait_until snapshot_after "$((seen + 1))"
	n1=$(last_snapshot | nstats | sort)
	is "$(kdelta "$n0" "$n1")" "$(kdelta "$k0" "$k1")" \
		"$what: nsviz's rx/tx of every interface moved as the kernel's stats64"
}

ip -n green link set eth0-g mtu 1000
d0=$(tx_dropped "" veth-g)
measure "frames longer than eth0-g's MTU" ip netns exec red ping -c 3 -i 0.2 -W 0.5 -s 1200 -q 10.0.0.2
is "$(($(tx_dropped "" veth-g) - d0))" 3 "the veth driver dropped the 3 echo requests at veth-g (tx_dropped)"
measure "ordinary frames again" ip netns exec red ping -c 3 -i 0.2 -q 10.0.0.2
ip -n green link set eth0-g mtu 1500

ip link set veth-g down
d0=$(tx_dropped green eth0-g)
measure "green sending while its peer veth-g is down" \
	ip netns exec green ping -c 3 -i 0.2 -W 0.5 -q 10.0.0.1
is "$(($(tx_dropped green eth0-g) - d0))" 3 "the veth driver dropped green's 3 echo requests at eth0-g (tx_dropped)"
ip link set veth-g up
watch_stop

# stats: the same programs without flows; its table is the interval's deltas.
ip -n green link set eth0-g mtu 1000
wait_quiet
stats_seed 3
k0=$(kstats)
ip netns exec red ping -c 3 -i 0.2 -W 0.5 -s 1200 -q 10.0.0.2 >/dev/null
wait "$SPID"
is "$?" 0 "stats exits 0"
k1=$(kstats)
is "$(stats_table | sort)" "$(kdelta "$k0" "$k1" | sort)" \
	"stats, frames longer than eth0-g's MTU: every interface equals the kernel's stats64"
done_testing
