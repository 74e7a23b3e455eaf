#!/usr/bin/env bash
# `watch` traces a busy flow's packets whole and fewer, and every packet of a slow one
# (docs/datapath.md, "Whole paths, fewer"). Across a LAN made with plain ip, iperf3 TCP pk-a ->
# pk-b runs 4 s with `ping -c 10 -i 0.2` beside it:
# - each echo request and reply ping counted has its path, with all four hops;
# - the stream's paths (data and ACKs) have all four hops too, and there are some;
# - there are at most 25 a second per flow per CPU, where the rate limit alone let ~500 through.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"
. "$(dirname "$0")/watch.bash"

command -v iperf3 >/dev/null || skip_all "iperf3 is not installed (scripts/install-deps.sh)"
SECS=4
COUNT=10
bridge_lan pk-a:a:10.0.0.1 pk-b:b:10.0.0.2
pin pk-a eth0-a 10.0.0.2 pk-b eth0-b && pin pk-b eth0-b 10.0.0.1 pk-a eth0-a
ok $? "permanent neighbour entries: no ARP in the paths"
ip netns exec pk-a ping -c 1 -W 2 -q 10.0.0.2 >/dev/null
ok $? "one echo before the measurement: bridge1 learns both MACs"
ip netns exec pk-b iperf3 -s >/dev/null 2>&1 &
at_exit "kill $!"
listening() { ip netns exec pk-b ss -Hltn 'sport = :5201' | grep -q .; }
wait_until listening
watch_start --interval 0.5 || { echo "Bail out! watch did not start"; exit 1; }

ip netns exec pk-a iperf3 -c 10.0.0.2 -t "$SECS" -J >"$T_TMP/iperf.json" 2>&1 &
ipid=$!
ip netns exec pk-a ping -c "$COUNT" -i 0.2 -W 2 10.0.0.2 >"$T_TMP/ping"
wait "$ipid"
ok $? "iperf3 pk-a -> pk-b for $SECS s"
is "$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$T_TMP/ping")" "$COUNT" "ping counted $COUNT replies"
gbit=$(jq '.end.sum_received.bits_per_second / 1e9' "$T_TMP/iperf.json")
wait_for_line "$WPID" "$T_TMP/w.json" "\"type\":\"path\".*echo reply id [0-9]* seq $COUNT\"" "$T_TMP/w.err"
sleep 1 # the stream's last paths
watch_stop

fwd="pk-a:eth0-a tx → bridge1:veth-a rx → bridge1:veth-b tx → pk-b:eth0-b rx"
rev="pk-b:eth0-b tx → bridge1:veth-b rx → bridge1:veth-a tx → pk-a:eth0-a rx"
paths() { jq -c --arg re "$1" 'select(.type == "path" and (.summary | test($re)))' "$T_TMP/w.json"; }
for kind in "request:$fwd" "reply:$rev"; do
	what=${kind%%:*} hops=${kind#*:}
	paths "ICMP echo $what id [0-9]+ seq [0-9]+\$" >"$T_TMP/$what"
	is "$(jq -r '.summary | sub(".* seq "; "")' "$T_TMP/$what" | sort -nu | tr '\n' ' ')" \
		"$(seq -s ' ' "$COUNT") " "a path for every echo $what ping counted"
	is "$(hops_of <"$T_TMP/$what" | sort -u)" "$hops" "every echo $what path has all four hops"
done

paths ' TCP 5201 > | > 5201 ' >"$T_TMP/tcp"
n=$(wc -l <"$T_TMP/tcp")
ncpu=$(nproc)
# the stream's data and ACKs, the control connection's few: 3 flows, the run and a second after
max=$((25 * ncpu * 3 * (SECS + 2)))
ok "$([ "$n" -ge 10 ] && [ "$n" -le "$max" ]; echo $?)" \
	"the stream ($gbit Gbit/s) has paths, at most 25 a second per flow per CPU: $n (at most $max)"
is "$(hops_of <"$T_TMP/tcp" | sort | uniq -c | awk '{$1=""; print substr($0, 2)}' | sort -u | tr '\n' '|')" \
	"$fwd|$rev|" "every path of the stream has all four hops, in one direction or the other"
done_testing
