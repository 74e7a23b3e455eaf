#!/usr/bin/env bash
# Attaching on several threads (NSVIZ_ATTACH_THREADS=4), one point that fails leaves nothing of
# its own behind and stops nothing else. watch --json follows the live network; while it is
# stopped (SIGSTOP, so it meets them all in one batch) two namespaces join the bridge, blue and
# gold, and a tap port tp0 whose egress already holds a foreign cls_bpf filter with nsviz's own
# handle and priority (a port that is no veth end gets both programs, so nsviz's egress filter
# fails with EEXIST after its ingress one was added). In the clsact fallback (NSVIZ_HOOK=clsact: a
# filter can be made to clash, a tcx link cannot) the failure is said once, naming the interface;
# tp0 keeps no nsviz filter (the ingress one is removed at once), the foreign filter is untouched,
# every other new point is attached (a veth end whose peer is observed: egress only; from the
# kernel's own filter lists) and watch runs on; after it exits no nsviz filter is left anywhere.
# With tcx, the links the process holds (/proc/PID/fdinfo) are exactly one per veth end whose peer
# is observed and two per other point, plus the three tracepoints, and none is left after exit.
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
filters() { # NETNS IFNAME: "INGRESS EGRESS", nsviz's filters on it
	echo "$(nfilters "$1" "$2" ingress) $(nfilters "$1" "$2" egress)"
}
egress_only() { [ "$(filters "$1" "$2")" = "0 1" ]; } # NETNS IFNAME

NSVIZ_HOOK=clsact NSVIZ_ATTACH_THREADS=4 watch_start --interval 0.2 ||
	{ echo "Bail out! watch did not start"; exit 1; }
kill -STOP "$WPID"
ns_on_bridge blue b 10.0.0.3 && ip tuntap add dev tp0 mode tap && ip link set tp0 master bridge1 up &&
	tc qdisc add dev tp0 clsact &&
	tc filter add dev tp0 egress prio 0x6e73 handle 0x6e73 bpf bytecode '1,6 0 0 4294967295,' &&
	ns_on_bridge gold d 10.0.0.4 || { echo "Bail out! adding blue, tp0 and gold failed"; exit 1; }
kill -CONT "$WPID"
wait_until egress_only gold eth0-d
ok $? "gold, new in the same batch, is attached (egress: its peer's egress counts what it receives)"
wait_until grep -q 'tp0' "$T_TMP/w.err"
# A change of the live network tries a failed point again (its interface may be new): each try
# says it once, and every try ends with nothing of nsviz on tp0.
like "$(cat "$T_TMP/w.err")" 'nsviz: attach tc egress \(clsact\) to host:tp0: File exists' \
	"the failure names the interface and the hook"
is "$(grep -vc 'attach tc egress (clsact) to host:tp0: File exists' "$T_TMP/w.err")" 0 \
	"and nothing else is said"
wait_until snapshot_has '.hook == "clsact"'
ok $? "the snapshot's hook says clsact: nothing left to attach"
settled() { [ "$(nfilters '' tp0 ingress)" = 0 ]; }
wait_until settled
ok $? "tp0 keeps no nsviz filter on ingress (undone when egress failed)"
is "$(nfilters '' tp0 egress)" 0 "nor on egress"
like "$(tc filter show dev tp0 egress)" 'handle 0x6e73 .*bytecode' "the foreign filter is untouched"
is "$(filters blue eth0-b) / $(filters '' veth-b)" "0 1 / 0 1" "blue's veth ends are attached"
is "$(filters red eth0-r) / $(filters '' veth-r) / $(filters '' bridge1)" "0 1 / 0 1 / 1 1" \
	"the points from before keep theirs"
kill -0 "$WPID"
ok $? "watch runs on"
watch_stop
is "$(all_filters)" 0 "no nsviz filter is left anywhere after exit"

# tcx, four threads: every point has its two links, no more; none left after exit.
NSVIZ_ATTACH_THREADS=4 watch_start --interval 0.2 || { echo "Bail out! watch did not start"; exit 1; }
wait_until snapshot_has '.hook == "tcx"'
points=$(last_snapshot | jq '.interfaces | length')
ntcx=$(last_snapshot | jq '[.interfaces[] | if .peer then 1 else 2 end] | add')
links=$(link_ids "$WPID")
is "$(echo "$links" | wc -w)" $((ntcx + 3)) \
	"tcx: one link per veth end, two per other point ($points points: $ntcx) and 3 tracepoints"
is "$(for id in $links; do bpftool link show id "$id" -j; done | jq -s '[.[] | select(.type=="tcx" or .type==11)] | length')" \
	"$ntcx" "the kernel has them as tcx links (type 11 to bpftool 7.1)"
watch_stop
is "$(links_left "$links")" 0 "no link left after exit"
done_testing
