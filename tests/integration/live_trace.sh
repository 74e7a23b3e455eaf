#!/usr/bin/env bash
# trace --json with no TOPOLOGY follows the live network while it runs (network made by hand with
# ip): a namespace added with a veth into the bridge is traced without a restart, each of the N
# echo requests the test sends to it is one path whose hops are its new points; a namespace
# deleted: nsviz closes its tcx links and keeps nothing of it alive; a namespace added later takes
# the freed numbers and its paths name its own points, not the deleted ones'.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"
. "$(dirname "$0")/watch.bash"

bridge_lan red:r:10.0.0.1 green:g:10.0.0.2

# requests DEST: the hops of every echo request path to DEST traced so far, one path a line.
requests() {
	jq -r --arg d "$1" 'select(.type == "path" and (.summary | test("> \($d) ICMP echo request")))
		| [.hops[] | "\(.netns // .bridge // "host"):\(.ifname) \(.dir)"] | join(" → ")' \
		"$T_TMP/t.out" 2>/dev/null
}
nrequests() { requests "$1" | grep -c .; }
# ping_traced FROM DEST N: N echo requests FROM -> DEST, answered, and waits for their N paths.
ping_traced() {
	local n
	n=$(nrequests "$2")
	ip netns exec "$1" ping -c "$3" -i 0.2 -W 2 -q "$2" >/dev/null
	ok $? "$3 pings $1 -> $2 answered"
	traced() { [ "$(nrequests "$2")" -ge $((n + $3)) ]; }
	wait_until traced "$@"
}

trace_start --json icmp || { echo "Bail out! trace did not start"; exit 1; }
ping_traced red 10.0.0.2 2
is "$(requests 10.0.0.2 | sort -u)" "red:eth0-r tx → bridge1:veth-r rx → bridge1:veth-g tx → green:eth0-g rx" \
	"the network of the start is traced"
tcx0=$(tcx_links "$TPID") ids0=$(link_ids "$TPID")

# A namespace joins: traced within the wait, its paths whole.
ns_on_bridge blue b 10.0.0.4
wait_until has_tcx "$TPID" "egress ingress" "$(ifx blue eth0-b)" "$(ifx "" veth-b)"
ok $? "tcx links in and out on blue:eth0-b and veth-b, without a restart"
is "$(comm -13 <(echo "$tcx0") <(tcx_links "$TPID") | tr '\n' ' ')" \
	"$(expect_tcx "$(ifx blue eth0-b)" "$(ifx "" veth-b)")" "and no other new one"
ping_traced red 10.0.0.4 4
is "$(requests 10.0.0.4 | grep -c .)" 4 "4 echo requests to blue: 4 paths"
is "$(requests 10.0.0.4 | sort -u)" "red:eth0-r tx → bridge1:veth-r rx → bridge1:veth-b tx → blue:eth0-b rx" \
	"each through blue's new points, whole"
new=$(comm -13 <(echo "$ids0") <(link_ids "$TPID"))

# The namespace deleted: its links closed, nothing of it kept alive.
old_b=$(ifx blue eth0-b) old_vb=$(ifx "" veth-b)
ip netns del blue
gone_b() { ! ip link show veth-b >/dev/null 2>&1; }
wait_until gone_b
ok $? "the kernel removed blue and its veth: trace holds nothing of it"
no_tcx() { ! tcx_links "$TPID" | grep -Eq "^($old_b|$old_vb) "; }
wait_until no_tcx
ok $? "no tcx link left on blue's ifindexes"
is "$(links_left "$new")" 0 "blue's BPF links are closed (bpftool link show)"
kill -0 "$TPID"
ok $? "trace goes on"

# A namespace joins after blue's numbers were freed (they are reused): its paths name its points.
sleep 1.2
ns_on_bridge cyan c 10.0.0.6
wait_until has_tcx "$TPID" "egress ingress" "$(ifx cyan eth0-c)" "$(ifx "" veth-c)"
ok $? "cyan is traced"
ping_traced red 10.0.0.6 3
is "$(requests 10.0.0.6 | grep -c .)" 3 "3 echo requests to cyan: 3 paths"
is "$(requests 10.0.0.6 | sort -u)" "red:eth0-r tx → bridge1:veth-r rx → bridge1:veth-c tx → cyan:eth0-c rx" \
	"through cyan's points (no hop named after blue)"
is "$(jq -r 'select(.type == "path") | .hops[] | "\(.netns // .bridge):\(.ifname)"' "$T_TMP/t.out" |
	grep -c -e blue -e veth-b)" 16 "blue's points are hops of its 4 requests and 4 replies only (2 each)"
ping_traced red 10.0.0.2 6
is "$(requests 10.0.0.2 | grep -c .)" 8 "2 + 6 echo requests to green: 8 paths"
is "$(requests 10.0.0.2 | sort -u)" "red:eth0-r tx → bridge1:veth-r rx → bridge1:veth-g tx → green:eth0-g rx" \
	"the points of the start are traced as before"
all=$(link_ids "$TPID")
kill -INT "$TPID"
wait "$TPID"
ok $? "trace ends with status 0 on SIGINT"
is "$(links_left "$all")" 0 "no BPF link of nsviz is left after trace exits"
is "$(grep -v -e '^nsviz trace: tracing' -e 'paths (' "$T_TMP/t.err")" "" "no message on stderr"
done_testing
