#!/usr/bin/env bash
# Nothing stays attached after nsviz watch ends: at --duration, by SIGKILL (tcx and XDP links go
# with the process), and in the clsact fallback (NSVIZ_HOOK=clsact) where a SIGKILLed run leaves
# its filters and the next run sweeps them, touching no filter of another tool.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"

seed_up || { echo "Bail out! nsviz up seed failed"; exit 1; }

# cls_bpf filters on every observed interface, both directions.
filters() {
	local x ns dev d
	for x in $W_IFACES; do
		ns=${x%%:*} dev=${x#*:}
		for d in ingress egress; do
			if [ -n "$ns" ]; then tc -n "$ns" filter show dev "$dev" "$d"; else tc filter show dev "$dev" "$d"; fi
		done
	done | grep -c 'nsviz_tc'
}

watch_start --interval 0.2 --duration 1 seed || { echo "Bail out! watch did not start"; exit 1; }
links=$(link_ids "$WPID")
wait "$WPID"
is "$?" 0 "watch --duration 1 exits 0"
is "$(links_left "$links")" 0 "no link left after a normal exit"

watch_start --interval 0.2 --xdp seed || { echo "Bail out! watch --xdp did not start"; exit 1; }
links=$(link_ids "$WPID")
is "$(echo "$links" | wc -w)" 11 "--xdp: 6 tcx, 2 XDP (bridge ports), 3 tracepoint links"
like "$(bpftool net show)" 'veth-r.*id' "XDP attached to the bridge port veth-r"
ip netns exec red ping -c 3 -i 0.2 -q 10.0.0.2 >/dev/null
ok $? "ping red -> green with XDP on the bridge ports"
wait_until snapshot_has \
	'.interfaces[] | select(.ifname=="veth-r") | .xdp.classes.icmp == 3 and .rx.classes.icmp == 3'
xdp=$(last_snapshot | jq -r '.interfaces[] | select(.ifname=="veth-r") | "\(.xdp.packets) \(.xdp.bytes) \(.xdp.classes.icmp)"')
is "$xdp" "$(last_snapshot | jq -r '.interfaces[] | select(.ifname=="veth-r") | "\(.rx.packets) \(.rx.bytes) \(.rx.classes.icmp)"')" \
	"veth-r: XDP saw what tc ingress saw (packets, bytes, icmp)"
like "$xdp" '^[1-9][0-9]* [0-9]+ 3$' "and that includes the 3 echo requests"
kill -KILL "$WPID"
wait "$WPID" 2>/dev/null
is "$(links_left "$links")" 0 "no link left after SIGKILL"
unlike=$(bpftool net show | grep -c 'veth-[rg]')
is "$unlike" 0 "no XDP program left on the bridge ports after SIGKILL"

tc qdisc add dev veth-g clsact
tc filter add dev veth-g ingress prio 7 u32 match u32 0 0
tc filter add dev veth-g ingress prio 8 bpf bytecode '1,6 0 0 4294967295,'
NSVIZ_HOOK=clsact watch_start --interval 0.2 seed || { echo "Bail out! clsact watch did not start"; exit 1; }
is "$(last_snapshot | jq -r .hook)" clsact "NSVIZ_HOOK=clsact uses the clsact fallback"
is "$(filters)" 6 "clsact: one filter per point on egress, on ingress at bridge1 only"
kill "$WPID"
wait "$WPID" 2>/dev/null
# trace has a program on every point: the stale filters of a killed one are on ingress too.
NSVIZ_HOOK=clsact "$NSVIZ" trace seed >/dev/null 2>&1 &
tpid=$!
at_exit "kill -9 $tpid"
ten() { [ "$(filters)" = 10 ]; }
wait_until ten
ok $? "clsact trace: one filter per interface and direction"
ip netns exec red ping -c 2 -i 0.2 -q 10.0.0.2 >/dev/null
kill -KILL "$tpid"
wait "$tpid" 2>/dev/null
is "$(filters)" 10 "SIGKILL leaves the clsact filters (nothing can remove them then)"
# Long enough to count its filters while it runs (0.5 s had ended before the count under load).
NSVIZ_HOOK=clsact watch_start --interval 0.2 --duration 3 seed || { echo "Bail out! clsact watch did not start"; exit 1; }
is "$(filters)" 6 "the next watch swept the stale filters, ingress too, and added its own, no duplicates"
wait "$WPID"
is "$?" 0 "that run exits 0"
is "$(filters)" 0 "after it, no nsviz filter is left"
other=$(tc filter show dev veth-g ingress)
like "$other" 'pref 7 u32' "another tool's u32 filter on veth-g is untouched"
like "$other" 'pref 8 bpf .*bytecode' "another tool's cls_bpf filter on veth-g is untouched"
done_testing
