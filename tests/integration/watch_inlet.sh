#!/usr/bin/env bash
# Traffic from outside what nsviz observes enters at an inlet (docs/datapath.md, "Inlets"):
# a VM behind a tap port, faked by a process that writes COUNT ICMP echo requests from
# 10.0.6.9 into the tap, on a bridge made with plain ip. Under `watch` (no TOPOLOGY), the request
# flow has COUNT packets and COUNT frames' bytes, and there is one ICMP event per echo: as many as
# the test wrote, as the tap's rx counter (stats64) and as the echo requests namespace a's kernel
# received (Icmp InEchos). The replies, sent by a, enter at a:eth0: COUNT packets too. Each echo
# and reply has its whole path: in at the tap's rx, out at its tx.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/watch.bash"
sandbox_build "$@"

COUNT=12
FRAME=98 # Ethernet + IPv4 + ICMP echo with 56 bytes of data
VM_MAC=02:00:00:06:00:09

ip netns add a
ip netns exec a sysctl -qw net.ipv6.conf.all.disable_ipv6=1
ip link add br0 type bridge
ip tuntap add dev t0 mode tap
ip link set t0 master br0 up
ip link add pa type veth peer name eth0 netns a
ip link set pa master br0 up
ip link set br0 up
ip -n a addr add 10.0.6.1/24 dev eth0
ip -n a link set eth0 up
ip -n a neigh replace 10.0.6.9 lladdr "$VM_MAC" nud permanent dev eth0
mac_a=$(ip -n a -j link show eth0 | jq -r '.[0].address')
at_exit "ip link del br0; ip link del t0; ip link del pa; ip netns del a"
setup_end

# The VM: holds the tap open (so it has carrier), and on a line on stdin writes COUNT echo
# requests to a, 50 ms apart, then reads what comes back until killed.
cat >"$T_TMP/vm.py" <<'PY'
import fcntl, os, struct, sys, time
f = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(f, 0x400454ca, struct.pack("16sH", b"t0", 0x1002))  # TUNSETIFF, IFF_TAP | IFF_NO_PI
def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    return ~(s + (s >> 16)) & 0xffff
dst, src = (bytes.fromhex(m.replace(":", "")) for m in sys.argv[1:3])
sys.stdin.readline()
for seq in range(1, int(sys.argv[3]) + 1):
    icmp = struct.pack("!BBHHH", 8, 0, 0, 0x77, seq) + bytes(56)
    icmp = icmp[:2] + struct.pack("!H", csum(icmp)) + icmp[4:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(icmp), seq, 0, 64, 1, 0,
                     bytes([10, 0, 6, 9]), bytes([10, 0, 6, 1]))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    os.write(f, dst + src + b"\x08\x00" + ip + icmp)
    time.sleep(0.05)
while os.read(f, 65536):
    pass
PY
mkfifo "$T_TMP/go"
python3 "$T_TMP/vm.py" "$mac_a" "$VM_MAC" "$COUNT" <"$T_TMP/go" &
VM=$!
at_exit "kill $VM"
exec 3>"$T_TMP/go"
tap_up() { [ "$(ip -j link show t0 | jq -r '.[0].operstate')" = UP ]; }
wait_until tap_up
ok $? "the VM holds the tap open"

# The echo requests a's kernel received: the InEchos column of /proc/net/snmp's Icmp lines.
in_echos() {
	ip netns exec a awk '/^Icmp:/ { if (!c) { for (i = 2; i <= NF; i++) if ($i == "InEchos") c = i }
		else print $c }' /proc/net/snmp
}
tap_rx() { ip -s -j link show t0 | jq '.[0].stats64.rx.packets'; }
all_stats() { ip -s -j link show; ip -n a -s -j link show; }
wait_quiet all_stats
ok $? "the network is quiet before the measurement"
watch_start --interval 0.3 || { echo "Bail out! watch did not start"; exit 1; }
e0=$(in_echos)
r0=$(tap_rx)
echo >&3
exec 3>&-
requests() {
	events_seen "$COUNT" '.kind == "icmp" and .icmp_type == 0 and .src == "10.0.6.1"'
}
wait_until requests
ok $? "a answered $COUNT echoes"
sleep 0.7 # two more snapshots
watch_stop
snap=$(last_snapshot)
is "$(($(in_echos) - e0)) $(($(tap_rx) - r0))" "$COUNT $COUNT" \
	"the kernel: a received $COUNT echo requests (InEchos), the tap $COUNT frames (stats64)"
flow() {
	jq -r --arg s "$1" --argjson t "$2" '.flows[] | select(.proto == "icmp" and .src == $s and
		.dport == $t) | "\(.packets) \(.bytes)"' <<<"$snap"
}
is "$(flow 10.0.6.9 8)" "$COUNT $((COUNT * FRAME))" \
	"the VM's requests, entering at the tap: one flow of $COUNT packets, $COUNT x $FRAME bytes"
is "$(flow 10.0.6.1 0)" "$COUNT $((COUNT * FRAME))" \
	"a's replies, entering at a:eth0: $COUNT packets, $COUNT x $FRAME bytes"
is "$(grep '"type":"event"' "$T_TMP/w.json" | jq -r 'select(.kind == "icmp" and .icmp_type == 8 and
	.src == "10.0.6.9") | .seq' | tr '\n' ' ')" "$(seq -s ' ' "$COUNT") " \
	"one echo request event per echo, seq 1..$COUNT"
# Paths: each echo and each reply whole, from the tap's rx into a, and from a out of the tap.
paths_of() {
	grep '"type":"path"' "$T_TMP/w.json" | jq -r --arg s "$1" 'select(.summary | startswith($s)) |
		"\(.complete) " + ([.hops[] | "\(.netns // .bridge):\(.ifname) \(.dir)"] | join(" > "))' |
		sort | uniq -c | sed 's/^ *//'
}
is "$(paths_of "10.0.6.9 > 10.0.6.1 ICMP echo request")" "$COUNT true br0:t0 rx > br0:pa tx > a:eth0 rx" \
	"$COUNT whole request paths, from the tap's rx"
is "$(paths_of "10.0.6.1 > 10.0.6.9 ICMP echo reply")" "$COUNT true a:eth0 tx > br0:pa rx > br0:t0 tx" \
	"$COUNT whole reply paths, out of the tap"
done_testing
