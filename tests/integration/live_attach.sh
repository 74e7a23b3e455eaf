#!/usr/bin/env bash
# watch --json with no TOPOLOGY follows the live network while it runs (network made by hand with
# ip, never by nsviz): a namespace added with a veth into the bridge, a veth added to a namespace
# that was there, and a process-held namespace (`unshare -n sleep`) are observed within seconds,
# their counters equal the kernel's stats64 over a ping the test sent and never exceed what the
# kernel counted since the interface was made (a reused number starts at zero); a renamed port
# keeps its counters; paths cross the new points; a namespace deleted, a process-held namespace
# gone and a veth deleted leave the snapshot (no present:false, no counters) with a topology
# remove event, their BPF links are closed at once and nsviz keeps no deleted namespace alive; no
# nsviz link is left after exit. --bridge and --netns follow too. With a TOPOLOGY, a declared veth
# deleted reads present:false (detached, its namespace not held) and another one, deleted and made
# again by hand meanwhile, is observed again.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"

bridge_lan red:r:10.0.0.1

# in_ns NETNS CMD...: run CMD in NETNS ("" the host, sleep-PID a process-held one).
in_ns() {
	local ns=$1
	shift
	case $ns in
	"") "$@" ;;
	sleep-*) nsenter -t "${ns#sleep-}" -n "$@" ;;
	*) ip netns exec "$ns" "$@" ;;
	esac
}
# "NETNS:IFNAME rx_packets rx_bytes tx_packets tx_bytes" of the points P1 P2 ... from stats64.
kst() {
	local x
	for x in "$@"; do
		in_ns "${x%%:*}" ip -s -j link show "${x#*:}" | jq -r --arg x "$x" \
			'.[0] | "\($x) \(.stats64.rx.packets) \(.stats64.rx.bytes) \(.stats64.tx.packets) \(.stats64.tx.bytes)"'
	done
}
# The same of the last snapshot.
nst() {
	local x s
	s=$(last_snapshot)
	for x in "$@"; do
		echo "$s" | jq -r --arg ns "${x%%:*}" --arg dev "${x#*:}" '.interfaces[] |
			select((.netns // "") == $ns and .ifname == $dev) |
			"\((.netns // "")):\(.ifname) \(.rx.packets) \(.rx.bytes) \(.tx.packets) \(.tx.bytes)"'
	done
}
points() { last_snapshot | jq -r '.interfaces[] | (.netns // "") + ":" + .ifname' | sort | tr '\n' ' '; }
# has_points P...: the last snapshot observes every point P, all attached (hook "tcx", no longer
# "attaching N/M"; read once: the last line may be being written).
has_points() {
	local x s p
	s=$(last_snapshot)
	[[ "$(echo "$s" | jq -r .hook 2>/dev/null)" == tcx* ]] || return 1
	p=$(echo "$s" | jq -r '.interfaces[] | (.netns // "") + ":" + .ifname' 2>/dev/null | tr '\n' ' ')
	for x in "$@"; do [[ " $p" == *" $x "* ]] || return 1; done
}
lacks_points() {
	local x p
	p=$(points)
	for x in "$@"; do [[ " $p" == *" $x "* ]] && return 1; done
	return 0
}
nsnaps() { grep -c '"type":"snapshot"' "$T_TMP/w.json"; }
# two_more: wait until two more snapshots are out (the counters read after what just happened).
two_more() {
	local n
	n=$(nsnaps)
	more() { [ "$(nsnaps)" -ge $((n + 2)) ]; }
	wait_until more
}
# not_above P...: nsviz counted no more on each point than the kernel since the link was made.
not_above() {
	paste -d' ' <(nst "$@") <(kst "$@") |
		awk '{ if ($2 > $7 || $3 > $8 || $4 > $9 || $5 > $10) bad = bad " " $0 } END { print bad }'
}
# counters_at P...: sets K and N to the kernel's and nsviz's counters of the points P at one
# moment: a snapshot read while the kernel's did not move (an ARP reachability probe may come at
# any time; tried up to 10 times).
counters_at() {
	local i ka
	wait_quiet "kst $*" || echo "# the network did not become quiet"
	for i in $(seq 10); do
		ka=$(kst "$@")
		two_more
		N=$(nst "$@") K=$(kst "$@")
		[ "$ka" = "$K" ] && return 0
	done
}
# ping_deltas FROM ADDR N P...: ping N packets and compare every point's delta, nsviz against
# stats64.
ping_deltas() {
	local from=$1 to=$2 n=$3 what k0 n0
	shift 3
	what="$n pings $from -> $to"
	counters_at "$@"
	k0=$K n0=$N
	in_ns "$from" ping -c "$n" -i 0.2 -q "$to" >/dev/null
	ok $? "$what"
	counters_at "$@"
	is "$(kdelta "$n0" "$N")" "$(kdelta "$k0" "$K")" \
		"$what: nsviz's rx/tx packets and bytes of $* moved as the kernel's stats64"
}
ifx() { in_ns "$1" ip -j link show "$2" | jq -r '.[0].ifindex'; } # NETNS IFNAME: its ifindex
# tcx_new BEFORE: the tcx links of watch that BEFORE (tcx_links earlier) did not have.
tcx_new() { comm -13 <(echo "$1") <(tcx_links) | tr '\n' ' '; }
# tcx_became BEFORE WANT: the new tcx links are WANT (a point is in the snapshot, pending, before
# both its links exist: under load the second comes a tick later); for wait_until.
tcx_became() { [ "$(tcx_new "$1")" = "$2" ]; }

watch_start --interval 0.3 || { echo "Bail out! watch did not start"; exit 1; }
wait_until has_points red:eth0-r :veth-r :bridge1
ok $? "watch observes the hand-made network: $(points)"
ids0=$(link_ids "$WPID") tcx0=$(tcx_links)

# (a) A namespace with a veth into the bridge, added while watching.
ns_on_bridge blue b 10.0.0.4
wait_until has_points blue:eth0-b :veth-b
ok $? "blue:eth0-b and veth-b are observed without a restart"
# (`ip netns add` makes the namespace before it mounts it: a /proc scan in between finds it held
# by `ip` first, and the mount is then a change of its name.)
wait_until events_seen 1 '.kind == "topology" and .object == "netns" and ((.op == "add" and
	.netns == "blue") or (.op == "change" and .field == "name" and .to == "blue"))'
ok $? "a topology event: namespace blue added (or its name changed to blue)"
want=$(expect_tcx_pair "$(ifx blue eth0-b)" "$(ifx "" veth-b)")
wait_until tcx_became "$tcx0" "$want"
is "$(tcx_new "$tcx0")" "$want" \
	"tcx egress links on the ifindexes of eth0-b and veth-b (each counts what the other receives), and no other new one"
ping_deltas red 10.0.0.4 5 red:eth0-r :veth-r :bridge1 blue:eth0-b :veth-b
is "$(not_above blue:eth0-b :veth-b)" "" "blue's points counted from their attach: never above the kernel's"
blue_path() {
	grep '"type":"path"' "$T_TMP/w.json" | jq -c 'select(.summary | test("10.0.0.1 > 10.0.0.4 ICMP echo request"))
		| [.hops[] | (.netns // "") + ":" + .ifname + " " + .dir]' | tail -1
}
is "$(blue_path)" '["red:eth0-r tx",":veth-r rx",":veth-b tx","blue:eth0-b rx"]' \
	"the echo request's path goes through blue's points, attached after the start"
ids1=$(link_ids "$WPID")
new=$(comm -13 <(echo "$ids0") <(echo "$ids1"))
is "$(echo "$new" | grep -c .)" 2 "two new BPF links (tcx egress on blue's two points: each counts what the other receives)"

# A veth added to a namespace that was there, then its port renamed: the point stays.
ip link add eth1-r type veth peer name veth-r2
ip link set eth1-r netns red
ip link set veth-r2 master bridge1 up
ip -n red link set eth1-r up
ip -n red addr add 10.0.1.1/24 dev eth1-r
wait_until has_points red:eth1-r :veth-r2
ok $? "a veth added to red is observed"
ip netns exec red ping -c 2 -i 0.2 -W 1 -q 10.0.1.9 >/dev/null # ARP requests, unanswered
two_more
before=$(nst :veth-r2 | cut -d' ' -f2-)
ifindex=$(last_snapshot | jq '.interfaces[] | select(.ifname == "veth-r2") | .ifindex')
ip link set veth-r2 down
ip link set veth-r2 name veth-rx
ip link set veth-rx up
wait_until has_points :veth-rx
ok $? "the port renamed veth-rx is in the snapshot under its new name"
is "$(last_snapshot | jq '[.interfaces[] | select(.ifname == "veth-rx" or .ifname == "veth-r2")] | length')" 1 \
	"once (the rename keeps the point)"
is "$(last_snapshot | jq '.interfaces[] | select(.ifname == "veth-rx") | .ifindex')" "$ifindex" "with its ifindex"
after=$(nst :veth-rx | cut -d' ' -f2-)
read -r b1 _ _ _ <<<"$before"
read -r a1 _ _ _ <<<"$after"
ok "$([ "${b1:-0}" -gt 0 ] && [ "${a1:-0}" -ge "$b1" ] && echo 0 || echo 1)" \
	"and its counters go on from where they were ($before -> $after)"

# A new bridge, and a veth from red whose host end is then enslaved to it.
ip link add bridge2 type bridge
ip link set bridge2 up
ip link add eth2-r type veth peer name veth-z
ip link set eth2-r netns red
ip link set veth-z up
ip -n red link set eth2-r up
wait_until has_points :bridge2
ok $? "a new bridge is observed"
lacks_points red:eth2-r :veth-z
ok $? "a veth whose host end is on no bridge is not (the view cannot carry it)"
ip link set veth-z master bridge2
wait_until has_points red:eth2-r :veth-z :bridge2
ok $? "its host end enslaved to bridge2: both ends are observed"
is "$(last_snapshot | jq -r '.interfaces[] | select(.ifname == "veth-z") | .bridge')" bridge2 \
	"veth-z is bridge2's port"
ip link del bridge2
wait_until lacks_points red:eth2-r :veth-z :bridge2
ok $? "bridge2 deleted: it and the veth on it leave the snapshot"
ip -n red link del eth2-r

# (c) A namespace deleted: its points leave, their links close, nsviz does not keep it alive.
ip netns del blue
wait_until lacks_points blue:eth0-b :veth-b
ok $? "blue's interfaces leave the snapshot"
is "$(last_snapshot | jq '[.interfaces[] | select(.present == false)] | length')" 0 \
	"no interface reads present:false"
is "$(last_snapshot | jq '[.netns[] | select(.name == "blue")] | length')" 0 "nor does the namespace"
wait_until events_seen 1 '.kind == "topology" and .op == "remove" and .object == "netns" and .netns == "blue"'
ok $? "a topology event: namespace blue removed"
gone_b() { ! ip link show veth-b >/dev/null 2>&1; }
wait_until gone_b
ok $? "the kernel removed blue and its veth: nsviz holds nothing of it"
is "$(links_left "$new")" 0 "blue's two BPF links are closed (bpftool link show)"
tcx0=$(tcx_links)

# (b) A process-held namespace joining, after blue's numbers were freed (so they are reused).
sleep 1.2
unshare -n sleep 600 &
sp=$!
at_exit "kill $sp 2>/dev/null"
own_netns() { test "$(stat -L -c %i "/proc/$sp/ns/net")" != "$(stat -L -c %i /proc/self/ns/net)"; }
wait_until own_netns
P="sleep-$sp"
nsenter -t "$sp" -n sysctl -qw net.ipv6.conf.all.disable_ipv6=1
ip link add eth0-p type veth peer name veth-p
ip link set eth0-p netns "$sp"
ip link set veth-p master bridge1 up
nsenter -t "$sp" -n ip link set eth0-p up
nsenter -t "$sp" -n ip addr add 10.0.0.3/24 dev eth0-p
wait_until has_points "$P:eth0-p" :veth-p
ok $? "the process-held namespace $P and its port are observed"
want=$(expect_tcx_pair "$(ifx "$P" eth0-p)" "$(ifx "" veth-p)")
wait_until tcx_became "$tcx0" "$want"
is "$(tcx_new "$tcx0")" "$want" \
	"tcx links on the ifindexes of eth0-p and veth-p and no other new one"
ping_deltas red 10.0.0.3 4 red:eth0-r :veth-r "$P:eth0-p" :veth-p
is "$(not_above "$P:eth0-p" :veth-p)" "" \
	"$P's points started from zero (blue's reused numbers counted 5 pings more)"
kill "$sp"
wait "$sp" 2>/dev/null
wait_until lacks_points "$P:eth0-p" :veth-p
ok $? "the process gone, its namespace's interfaces leave the snapshot"
wait_until events_seen 1 ".kind == \"topology\" and .op == \"remove\" and .object == \"netns\" and .netns == \"$P\""
ok $? "a topology event: namespace $P removed"

# A veth deleted (red stays).
ids2=$(link_ids "$WPID")
ip -n red link del eth1-r
wait_until lacks_points red:eth1-r :veth-rx
ok $? "a deleted veth's two ends leave the snapshot"
is "$(points)" ":bridge1 :veth-r red:eth0-r " "what is left is what the kernel has"

# Churn: namespaces made and deleted faster than points attach (some vanish between the reading
# and the attach); watch goes on, and ends with what the kernel has.
for i in $(seq 8); do
	ns_on_bridge "churn$i" "c$i" "10.0.0.$((100 + i))"
	sleep 0.$((i % 3))
	ip netns del "churn$i"
done
settled() { [ "$(points)" = ":bridge1 :veth-r red:eth0-r " ] && has_points red:eth0-r; }
wait_until settled
ok $? "8 namespaces made and deleted at once: watch goes on and ends with what the kernel has"
kill -0 "$WPID"
ok $? "watch is still running"
links_back() { [ "$(comm -3 <(echo "$ids0") <(link_ids "$WPID") | grep -c .)" = 0 ]; }
wait_until links_back # the last detaches of the churn may trail its last snapshot
is "$(comm -3 <(echo "$ids0") <(link_ids "$WPID") | grep -c .)" 0 \
	"watch holds the BPF links it had at the start, no more ($(echo "$ids2" | wc -w) before the delete)"
all=$(link_ids "$WPID")
watch_stop
is "$(links_left "$all")" 0 "no BPF link of nsviz is left after watch exits"

# --bridge narrows the view after each change as at the start: a namespace joining the bridge is
# observed, one deleted leaves it (and a --netns name gone empties the view, without an error).
watch_start --interval 0.3 --bridge bridge1 || { echo "Bail out! watch --bridge did not start"; exit 1; }
ns_on_bridge cyan c 10.0.0.6
wait_until has_points cyan:eth0-c :veth-c red:eth0-r :bridge1
ok $? "--bridge bridge1: cyan, added on bridge1, is observed"
wait_until events_seen 1 '.kind == "topology" and .ifname == "veth-c" and (.op == "add" or .field == "master")'
ok $? "--bridge bridge1: veth-c joining bridge1 is told (in the scope after the change)"
ip netns del cyan
wait_until lacks_points cyan:eth0-c :veth-c
ok $? "--bridge bridge1: cyan deleted leaves the snapshot"
wait_until events_seen 1 '.kind == "topology" and .op == "remove" and .object == "netns" and .netns == "cyan"'
ok $? "--bridge bridge1: its remove event is told (it was in the scope before the change)"
watch_stop
ns_on_bridge cyan c 10.0.0.6
watch_start --interval 0.3 --netns cyan || { echo "Bail out! watch --netns did not start"; exit 1; }
wait_until has_points cyan:eth0-c :veth-c :bridge1
ok $? "--netns cyan: cyan's veth and its bridge"
ip netns del cyan
no_points() { [ "$(last_snapshot | jq '.interfaces | length')" = 0 ]; }
wait_until no_points
ok $? "--netns cyan, cyan deleted: nothing left to observe, and watch goes on"
kill -0 "$WPID"
ok $? "watch is still running"
watch_stop
is "$(grep -v '^$' "$T_TMP/w.err")" "" "no message on stderr"

# With a TOPOLOGY describing red and green on bridge1: a declared veth deleted stays,
# present:false, detached, and nsviz keeps no fd on its namespace; another one deleted and made
# again by hand is observed again (new ifindexes, counting from zero) without a restart, while the
# first is still missing.
printf 'netns red\nnetns green\nbridge bridge1\nveth red:eth0-r 10.0.0.1/24 -- bridge1:veth-r
veth green:eth0-g 10.0.0.2/24 -- bridge1:veth-g\n' >"$T_TMP/red.topo"
ns_on_bridge green g 10.0.0.2
ns_on_bridge pink k 10.0.0.7 # not declared: not observed, but red can ping it
watch_start --interval 0.3 "$T_TMP/red.topo" || { echo "Bail out! watch TOPOLOGY did not start"; exit 1; }
wait_until has_points red:eth0-r :veth-r green:eth0-g :veth-g :bridge1
ok $? "watch TOPOLOGY observes red's and green's veths and bridge1"
lacks_points pink:eth0-k :veth-k
ok $? "not pink's, which the file does not declare"
# missing IFNAME...: each is in the snapshot, present:false.
missing() {
	local x
	for x in "$@"; do
		snapshot_has "[.interfaces[] | select(.ifname == \"$x\")] | length == 1 and .[0].present == false" ||
			return 1
	done
}
# ns_fds INODE: watch's fds on the namespace of nsfs inode INODE (opened by path or not).
ns_fds() { stat -L -c %i /proc/"$WPID"/fd/* 2>/dev/null | grep -cx "$1"; }
green_ino=$(stat -L -c %i /run/netns/green)
green_ifx="$(ifx green eth0-g) $(ifx "" veth-g)"
is "$(ns_fds "$green_ino")" 1 "watch holds one fd on green's namespace"
ip -n green link del eth0-g
wait_until missing eth0-g veth-g
ok $? "the declared eth0-g deleted: eth0-g and veth-g present:false, as the file says they should be there"
no_green_tcx() { ! tcx_links | grep -Eq "^(${green_ifx/ /|}) "; }
wait_until no_green_tcx
ok $? "no tcx link left on their ifindexes"
is "$(ns_fds "$green_ino")" 0 "watch holds no fd on green's namespace (none of its points is there)"
tcx0=$(tcx_links)
ip -n red link del eth0-r
wait_until missing eth0-r veth-r
ok $? "the declared eth0-r deleted too: present:false"
ip link add eth0-r type veth peer name veth-r
ip link set eth0-r netns red
ip link set veth-r master bridge1 up
ip -n red link set eth0-r up
ip -n red addr add 10.0.0.1/24 dev eth0-r
back() {
	has_points red:eth0-r :veth-r && snapshot_has '[.interfaces[] | select(.ifname == "eth0-r" or
		.ifname == "veth-r") | .present] == [true, true]'
}
wait_until back
ok $? "eth0-r made again by hand: observed again, once each, present, while eth0-g is still missing"
missing eth0-g veth-g
ok $? "eth0-g and veth-g still read present:false"
is "$(last_snapshot | jq -c '[.interfaces[] | select(.ifname == "eth0-r" or .ifname == "veth-r") | .ifindex]')" \
	"[$(ifx red eth0-r),$(ifx "" veth-r)]" "with the new ifindexes"
is "$(comm -13 <(echo "$tcx0") <(tcx_links) | tr '\n' ' ')" "$(expect_tcx_pair "$(ifx red eth0-r)" "$(ifx "" veth-r)")" \
	"tcx links on them"
ping_deltas red 10.0.0.7 3 red:eth0-r :veth-r
is "$(not_above red:eth0-r :veth-r)" "" "counted from their new attach"
watch_stop
done_testing
