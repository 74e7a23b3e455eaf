#!/usr/bin/env bash
# Attaching on several threads (NSVIZ_ATTACH_THREADS=4), one point that fails leaves nothing of
# its own behind and stops nothing else. watch --json follows the live network; while it is
# stopped (SIGSTOP, so it meets them all in one batch) two namespaces join the bridge: blue, whose
# eth0-b already holds a foreign cls_bpf filter with nsviz's own handle and priority on egress
# (so nsviz's egress filter fails with EEXIST after its ingress one was added), and gold. In the
# clsact fallback (NSVIZ_HOOK=clsact: a filter can be made to clash, a tcx link cannot) the
# failure is said once, naming the interface; eth0-b keeps no nsviz filter (the ingress one is
# removed at once), the foreign filter is untouched, every other new point is attached (gold's
# and blue's bridge port, from the kernel's own filter lists) and watch runs on; after it exits
# no nsviz filter is left anywhere. With tcx, the links the process holds (/proc/PID/fdinfo) are
# exactly two per point plus the three tracepoints, and none is left after exit.
T_SANDBOX_PID=1 # the live network of this sandbox only, not other tests' process-held namespaces
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"

bridge_lan red:r:10.0.0.1 green:g:10.0.0.2

# nsviz filters on IFACE DIR in NETNS ("" the host).
nfilters() {
	tc ${1:+-n "$1"} filter show dev "$2" "$3" | grep -c 'nsviz_tc'
}
# nsviz filters on every interface of the sandbox, both directions.
all_filters() {
	local ns dev d
	for ns in "" $(ip netns list | awk '{print $1}'); do
		for dev in $(ip ${ns:+-n "$ns"} -j link show | jq -r '.[].ifname'); do
			for d in ingress egress; do nfilters "$ns" "$dev" "$d"; done
		done
	done | awk '{ s += $1 } END { print s + 0 }'
}
both() { # NETNS IFNAME: both of nsviz's filters are on it
	[ "$(nfilters "$1" "$2" ingress) $(nfilters "$1" "$2" egress)" = "1 1" ]
}

NSVIZ_HOOK=clsact NSVIZ_ATTACH_THREADS=4 watch_start --interval 0.2 ||
	{ echo "Bail out! watch did not start"; exit 1; }
kill -STOP "$WPID"
ns_on_bridge blue b 10.0.0.3 && tc -n blue qdisc add dev eth0-b clsact &&
	tc -n blue filter add dev eth0-b egress prio 0x6e73 handle 0x6e73 bpf bytecode '1,6 0 0 4294967295,' &&
	ns_on_bridge gold d 10.0.0.4 || { echo "Bail out! adding blue and gold failed"; exit 1; }
kill -CONT "$WPID"
wait_until both gold eth0-d
ok $? "gold, new in the same batch, is attached"
wait_until grep -q 'eth0-b' "$T_TMP/w.err"
# A change of the live network tries a failed point again (its interface may be new): each try
# says it once, and every try ends with nothing of nsviz on eth0-b.
like "$(cat "$T_TMP/w.err")" 'nsviz: attach tc egress \(clsact\) to blue:eth0-b: File exists' \
	"the failure names the interface and the hook"
is "$(grep -vc 'attach tc egress (clsact) to blue:eth0-b: File exists' "$T_TMP/w.err")" 0 \
	"and nothing else is said"
wait_until snapshot_has '.hook == "clsact"'
ok $? "the snapshot's hook says clsact: nothing left to attach"
settled() { [ "$(nfilters blue eth0-b ingress)" = 0 ]; }
wait_until settled
ok $? "eth0-b keeps no nsviz filter on ingress (undone when egress failed)"
is "$(nfilters blue eth0-b egress)" 0 "nor on egress"
like "$(tc -n blue filter show dev eth0-b egress)" 'handle 0x6e73 .*bytecode' "the foreign filter is untouched"
is "$(nfilters '' veth-b ingress) $(nfilters '' veth-b egress)" "1 1" "blue's bridge port veth-b too"
is "$(nfilters red eth0-r ingress) $(nfilters '' veth-r egress)" "1 1" "the points from before keep theirs"
kill -0 "$WPID"
ok $? "watch runs on"
watch_stop
is "$(all_filters)" 0 "no nsviz filter is left anywhere after exit"

# tcx, four threads: every point has its two links, no more; none left after exit.
NSVIZ_ATTACH_THREADS=4 watch_start --interval 0.2 || { echo "Bail out! watch did not start"; exit 1; }
wait_until snapshot_has '.hook == "tcx"'
points=$(last_snapshot | jq '.interfaces | length')
links=$(link_ids "$WPID")
is "$(echo "$links" | wc -w)" $((2 * points + 3)) "tcx: two links per point ($points points) and 3 tracepoints"
is "$(for id in $links; do bpftool link show id "$id" -j; done | jq -s '[.[] | select(.type=="tcx" or .type==11)] | length')" \
	$((2 * points)) "the kernel has them as tcx links (type 11 to bpftool 7.1)"
watch_stop
is "$(links_left "$links")" 0 "no link left after exit"
done_testing
