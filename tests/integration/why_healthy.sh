#!/usr/bin/env bash
# `nsviz why` never blames a healthy network: on networks built by hand with plain ip (never
# nsviz), the healthy cases are run several times each: a LAN, a routed path, a namespace held
# only by a process (to it, and from it), TCP to a listener, UDP to a listener; and why to a
# namespace's own address and to the bridge's address. Each says reachable, exit 0, no cause and
# no note, and a plain ping (or a plain TCP/UDP exchange) agrees. An IPv6 destination is refused
# in one line, exit 2.
T_SANDBOX_PID=1 # /proc shows only this test's processes: no namespace of another test
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
command -v python3 >/dev/null || skip_all "python3 is not installed (scripts/install-deps.sh)"

. "$(dirname "$0")/../why_lib.sh"

ROUNDS=3

# healthy NAME ARGS...: ROUNDS runs of `nsviz why ARGS`, each reachable with no cause.
healthy() {
	local name=$1 i
	shift
	for i in $(seq "$ROUNDS"); do
		why_is "$name (run $i)" 0 "" "$@"
	done
}

# A TCP listener on PORT in namespace NS, in the background (killed at exit).
listen_tcp() {
	ip netns exec "$1" python3 -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", int(sys.argv[1])))
s.listen(16)
while True:
    s.accept()[0].close()
' "$2" &
	at_exit "kill $!"
}

# A UDP echo on PORT in namespace NS, in the background (killed at exit).
listen_udp() {
	ip netns exec "$1" python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", int(sys.argv[1])))
while True:
    data, peer = s.recvfrom(65536)
    s.sendto(data, peer)
' "$2" &
	at_exit "kill $!"
}

# udp_truth NS DEST PORT: 0 when a datagram from NS to DEST:PORT is echoed back within 2 s.
udp_truth() {
	ip netns exec "$1" python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(2)
s.sendto(b"x", (sys.argv[1], int(sys.argv[2])))
sys.exit(0 if s.recvfrom(16)[0] == b"x" else 1)
' "$2" "$3" 2>/dev/null
}

listening() { ip netns exec "$1" ss -Hln"$2" "sport = :$3" | grep -q .; }

setup_begin
routed
ip -n green route add default via 10.0.0.3 # far reaches green too
setup_end

check_truth "LAN" 0 red 10.0.0.2
healthy "LAN" red green
check_truth "routed" 0 red 10.0.1.2
healthy "routed" red far
healthy "routed, the other way" far red

listen_tcp green 8080
wait_until listening green t 8080
ip netns exec red bash -c 'exec 3<>/dev/tcp/10.0.0.2/8080'
is "$?" 0 "TCP to a listener: a plain connect is accepted"
healthy "TCP to a listener" red green --proto tcp --port 8080
healthy "TCP to a listener, routed" far green --proto tcp --port 8080

listen_udp green 5353
wait_until listening green u 5353
udp_truth red 10.0.0.2 5353
is "$?" 0 "UDP to a listener: a plain datagram is echoed"
healthy "UDP to a listener" red green --proto udp --port 5353 --size 100

why_is "red to its own address" 0 "" red 10.0.0.1
is "$(grep -c '^  path: (none: DEST is an address of FROM)$' <<<"$WHY_OUT")" 1 \
	"red to its own address: no path, said so"
ip addr add 10.0.0.254/24 dev bridge1
check_truth "the bridge's address" 0 red 10.0.0.254
healthy "the bridge's address" red 10.0.0.254
like "$(grep '^  path: ' <<<"$WHY_OUT")" "^  path: red:eth0-r → veth-r → bridge1$" \
	"the bridge's address: the path ends at the bridge"
why_is "the host to its bridge's address" 0 "" host 10.0.0.254

# A namespace held only by a process, on bridge1 as 10.0.0.3 (in place of blue): to it, and
# from it by the name discover gives it (COMM-PID).
lan "r g"
proc_held_port
check_truth "a process-held namespace" 0 red 10.0.0.3
healthy "to a process-held namespace" red 10.0.0.3
# The probes are traced into it too: the trace observes the live view, process-held included.
probes_like "to a process-held namespace (run $ROUNDS)" \
	"^  probes: the last probe reached sleep-$sp:eth0-p and an answer came back$"
healthy "from a process-held namespace" "sleep-$sp" 10.0.0.1

# IPv6: refused in one line, exit 2, nothing guessed; a namespace with only IPv6 is no DEST.
"$NSVIZ" why red 2001:db8::2 >"$T_TMP/out" 2>"$T_TMP/err"
is "$?" 2 "IPv6 destination: exit 2"
is "$(cat "$T_TMP/err")" "nsviz why: '2001:db8::2' is IPv6: why explains IPv4 destinations only" \
	"IPv6 destination: one line that says so"
is "$(wc -c <"$T_TMP/out")" 0 "IPv6 destination: nothing on stdout"
ip -n green addr flush dev eth0-g
ip -n green addr add 2001:db8::2/64 dev eth0-g nodad
"$NSVIZ" why red green >"$T_TMP/out" 2>"$T_TMP/err"
is "$?/$(wc -l <"$T_TMP/err")" "2/1" "a namespace with only IPv6: exit 2, one line"

done_testing
