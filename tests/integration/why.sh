#!/usr/bin/env bash
# `nsviz why` on networks made by hand with ip, sysctl and nft (never nsviz): a LAN of red, green
# and blue on bridge1, and a second LAN behind blue as a router (far). Healthy, it says reachable
# with the path and no cause, exit 0. Then one fault at a time, on a network built anew: the
# verdict agrees with a plain ping (the independent truth), the exit status is 3, and the first
# cause names the object and the fault. Bad usage exits 2.
T_SANDBOX_PID=1 # /proc shows only this test's processes: no namespace of another test
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
command -v nft >/dev/null || skip_all "nft is not installed (scripts/install-deps.sh)"

. "$(dirname "$0")/../why_lib.sh"

setup_begin
routed
setup_end

why_run red green
got=$WHY_OUT
is "$WHY_RC" 0 "healthy LAN: exit 0"
is "$(head -2 <<<"$got")" "red → 10.0.0.2: reachable (3 of 3 icmp probes answered)
  path: red:eth0-r → veth-r → bridge1 → veth-g → green:eth0-g" "healthy LAN: the verdict and the path"
is "$(grep -cE '^  (cause|note): ' <<<"$got")" 0 "healthy LAN: no cause"
WHY_OUT=$got
probes_like "healthy LAN" "^  probes: the last probe reached green:eth0-g and an answer came back$"
is "$(grep -c '^  seen: 10.0.0.1 > 10.0.0.2 ICMP echo request' <<<"$got")" 3 \
	"healthy LAN: the three probes were traced"
check_truth "healthy LAN" 0 red 10.0.0.2
why_run red far --json
got=$WHY_OUT
is "$WHY_RC" 0 "healthy routed: exit 0"
is "$(jq -c '[.verdict, .probes.answered, [.path[].hop], .causes, .evidence]' <<<"$got")" \
	'["reachable",3,["red:eth0-r","veth-r","bridge1","veth-b","blue:eth0-b","blue:eth1-b","far:eth0-f"],[],"the last probe reached far:eth0-f and an answer came back"]' \
	"healthy routed --json: one object, the path through blue, no cause"
printf '%s\n' "$got" >"$T_TMP/why.json"
python3 "$TOP/tests/integration/json_strict.py" "$T_TMP/why.json" >"$T_TMP/strict" 2>&1
is "$?/$(tail -1 "$T_TMP/strict")" "0/why 1" "healthy routed --json: one line, parsed strictly" ||
	sed 's/^/# /' "$T_TMP/strict" >&2
why_run red 10.0.0.2 --proto tcp --port 9
is "$WHY_RC" 0 "healthy, TCP SYN to a closed port: refused is reachable"
why_run red 10.0.0.2 --proto udp --port 9 --size 100
is "$WHY_RC" 0 "healthy, UDP to a closed port: the port unreachable is an answer"

lan
ip -n green link set eth0-g down
check_truth "admin down" 1 red 10.0.0.2
why_is "admin down" 3 "^  cause: green's eth0-g is down \(admin\)$" red green

lan
ip link set veth-g nomaster
check_truth "port off its bridge" 1 red 10.0.0.2
why_is "port off its bridge" 3 "^  cause: veth-g is not a port of bridge1 \(no master\)" red green

lan
bridge link set dev veth-r isolated on
bridge link set dev veth-g isolated on
check_truth "isolated ports" 1 red 10.0.0.2
why_is "isolated ports" 3 "^  cause: veth-r and veth-g are both isolated ports of bridge1" red green
why_is "isolated ports: blue, not isolated, still reaches green" 0 "" blue green

lan
ip -n green addr flush dev eth0-g
ip -n green addr add 10.0.1.2/24 dev eth0-g
check_truth "wrong subnet" 1 red 10.0.1.2
why_is "wrong subnet" 3 \
	"^  cause: 10.0.1.2 is not on red's subnet 10.0.0.0/24 and red has no default route$" \
	red 10.0.1.2

lan
ip -n green link set eth0-g mtu 1000
check_truth "MTU" 1 red 10.0.0.2 -M do -s 1400
why_is "MTU" 3 "^  cause: MTU 1000 on green:eth0-g is below the 1428-byte probe \(DF\) \(where the probe was dropped\)$" \
	red green --size 1400
probes_like "MTU" "^  probes: the last probe was dropped at bridge1:veth-g \(.*\)$"
why_is "MTU: small probes pass" 0 "" red green --size 900
ip -n red link set eth0-r mtu 1000
why_is "MTU on FROM's own link" 3 "^  cause: MTU 1000 on red:eth0-r is below the 1428-byte probe \(DF\)$" \
	red green --size 1400
like "$(head -1 <<<"$WHY_OUT")" "red refused to send them: Message too long\)$" \
	"MTU on FROM's own link: the kernel's refusal is said"

lan
ip netns exec green nft add table inet filter
ip netns exec green nft add chain inet filter input '{ type filter hook input priority 0; }'
ip netns exec green nft add rule inet filter input icmp type echo-request drop
check_truth "nft drop" 1 red 10.0.0.2
why_is "nft drop" 3 "^  cause: nft in green drops the probe: table inet filter, chain input, rule 'icmp type echo-request drop' \(where the probe was dropped\)$" red green
probes_like "nft drop" "^  probes: the last probe was dropped at green:eth0-g \(NETFILTER_DROP\)$"

ip netns exec green nft add rule inet filter input tcp dport 80 drop
why_is "nft drop of a TCP SYN" 3 "^  cause: nft in green drops the probe: table inet filter, chain input, rule 'tcp dport 80 drop' \(where the probe was dropped\)$" red green --proto tcp --port 80
why_is "nft: a TCP port no rule drops is refused, so reachable" 0 "" red green --proto tcp --port 81

lan
ip netns exec green sysctl -qw net.ipv4.conf.eth0-g.arp_ignore=8
check_truth "arp_ignore" 1 red 10.0.0.2
why_is "arp_ignore" 3 "^  cause: green's eth0-g has arp_ignore=8: it answers no ARP" red green
probes_like "arp_ignore" "^  probes: ARP went out [0-9]+ times? and was never answered; no probe left$"

lan
bridge link set dev veth-g learning off
why_is "learning off: reachable, flooded" 0 "^  note: bridge1 does not learn on veth-g: frames to the MACs behind it are flooded to every port \(reachable, but flooded\)$" red green
# (The tracer still calls an unknown-unicast flood "forward": the why-evidence work changes that.)

lan
ip netns exec green tc qdisc add dev eth0-g root blackhole
check_truth "blackhole qdisc" 1 red 10.0.0.2
why_is "blackhole qdisc" 3 "^  cause: green's eth0-g drops everything it sends: tc qdisc blackhole " red green

lan
ip -n blue addr add 10.0.0.2/24 dev eth0-b
why_is "duplicate address" 0 \
	"^  note: 10.0.0.2 is on both green:eth0-g \(.*\) and blue:eth0-b \(.*\): a duplicate address" \
	red 10.0.0.2

routed
ip -n red route del default
check_truth "missing route" 1 red 10.0.1.2
why_is "missing route" 3 "^  cause: 10.0.1.2 is not on red's subnet 10.0.0.0/24 and red has no default route$" red far

routed
ip -n red route replace default via 10.0.0.9
check_truth "wrong gateway" 1 red 10.0.1.2
why_is "wrong gateway" 3 "^  cause: red's route to 10.0.1.2 goes via 10.0.0.9, but no interface in the L2 domain of eth0-r has 10.0.0.9 \(wrong gateway\)$" red far

routed
ip netns exec blue sysctl -qw net.ipv4.ip_forward=0
check_truth "forwarding off" 1 red 10.0.1.2
why_is "forwarding off" 3 "^  cause: blue has net.ipv4.ip_forward=0: it does not route 10.0.0.1 → 10.0.1.2 \(where the probe was dropped\)$" red far
is "$(grep '^  path:' <<<"$WHY_OUT")" "  path: red:eth0-r → veth-r → bridge1 → veth-b → blue:eth0-b" \
	"forwarding off: the path stops at the router"

routed
ip -n far route del default
check_truth "missing return route" 1 red 10.0.1.2
why_is "missing return route" 3 "^  cause: 10.0.0.1 is not on far's subnet 10.0.1.0/24 and far has no default route \(the way back\)$" red far

# A namespace held only by a process, wired to red: the probes are still traced.
routed
unshare -n sleep 60 &
holder=$!
at_exit "kill $holder"
in_own_ns() { [ "$(readlink "/proc/$holder/ns/net")" != "$(readlink /proc/self/ns/net)" ]; }
wait_until in_own_ns
ip link add vx netns red type veth peer name vy netns "$holder"
why_is "a process-held namespace on the side" 0 "" red far
probes_like "a process-held namespace on the side" \
	"^  probes: the last probe reached far:eth0-f and an answer came back$"

# Bad usage: exit 2, one line, nothing sent.
for args in "red" "nosuch 10.0.0.2" "red nowhere" "red 10.0.0.2 --proto tcp" \
	"red 10.0.0.2 --proto sctp" "red 10.0.0.2 --port 80" "red 10.0.0.2 --size 70000"; do
	# shellcheck disable=SC2086
	"$NSVIZ" why $args >"$T_TMP/out" 2>&1
	is "$?" 2 "why $args: exit 2"
done
like "$("$NSVIZ" why nosuch 10.0.0.2 2>&1)" "^nsviz why: no network namespace 'nosuch'" \
	"an unknown FROM is named"

done_testing
