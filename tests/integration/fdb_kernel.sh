#!/bin/bash
# The FDB's numbers are the kernel's. On a bridge built with plain `ip` (not by nsviz) and veths
# into three namespaces, every entry of `nsviz fdb` has the port, type (local / static / learned)
# and age (`used`, within 2 s) that `bridge -s -j fdb` reads at the same moment, and each learned
# MAC names the namespace:ifname that `ip -n NS -j link` says has it. Then the same network built
# by `nsviz up` (watch observes only what nsviz built) and the same for every `watch --json`
# snapshot, while one namespace pings another five times a second: the kernel keeps their entries
# used (age 0), and the snapshots must say so for the whole run, not climb between reads.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"

BR=kfbr0
NSS="kfa kfb kfc"
STATIC_MAC=02:00:00:78:00:99 # added by hand on kfp-c: static, on no namespace
TOPO="$T_TMP/kf.topo"

# The network, by hand: a bridge, and per namespace a veth whose peer is a bridge port.
build() {
	local ns i=0
	ipv6_off
	ip link add "$BR" type bridge && ip link set "$BR" up || return 1
	echo "bridge $BR" >"$TOPO"
	for ns in $NSS; do
		i=$((i + 1))
		ip netns add "$ns" &&
			ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 &&
			ip link add "kfp-${ns#kf}" type veth peer name eth0 netns "$ns" &&
			ip link set "kfp-${ns#kf}" master "$BR" up &&
			ip -n "$ns" addr add "10.78.0.$i/24" dev eth0 &&
			ip -n "$ns" link set eth0 up || return 1
		echo "netns $ns" >>"$TOPO"
		echo "veth $ns:eth0 10.78.0.$i/24 -- $BR:kfp-${ns#kf}" >>"$TOPO"
	done
	bridge fdb add "$STATIC_MAC" dev kfp-c master static
}
at_exit "ip link del $BR; for ns in $NSS; do ip netns del \$ns; done"
build
ok $? "a bridge and three namespaces built with ip"

# "MAC netns:ifname" of every interface of the namespaces, from the kernel.
owners() {
	local ns
	for ns in $NSS; do
		ip -n "$ns" -j link | jq -r --arg ns "$ns" \
			'.[] | select(.address != "00:00:00:00:00:00") | "\(.address) \($ns):\(.ifname)"'
	done
}

# The kernel's FDB of the bridge as {"t": UNIX seconds, "fdb": `bridge -s -j fdb show`}.
ksample() {
	printf '{"t":%s,"fdb":%s}\n' "$(date +%s.%N)" "$(bridge -s -j fdb show br "$BR")"
}

# Reads an array of {"t","fdb"} kernel samples ($k) and of nsviz {"time","fdb"} objects ($n); prints
# one line per disagreement between each nsviz object and the kernel sample nearest in time, then
# "compared N" (how many nsviz objects had a sample within 0.3 s).
COMPARE='
def abs: if . < 0 then -. else . end;
def ktype: if .state == "permanent" then "local" elif .state == "static" then "static"
	   else "learned" end;
def kern($f): [$f[] | select(.master == $br) | {key: "\(.mac)/\(.vlan // 0)", port: .ifname,
	       type: ktype, age: .used, owner: ($own[.mac] // null)}] | INDEX(.key);
def mine($f): [$f[] | {key: "\(.mac)/\(.vlan)", port, type, age, owner}] | INDEX(.key);
[$n[] as $s | ($k | min_by(.t - $s.time | abs)) as $near
 | select($near.t - $s.time | abs < 0.3) | {s: $s, want: kern($near.fdb), got: mine($s.fdb)}]
| (.[] | .want as $w | .got as $g | (($w + $g) | keys[]) as $key
   | if $w[$key] == null or $g[$key] == null
     then "\(.s.time): \($key) kernel \($w[$key] != null), nsviz \($g[$key] != null)"
     elif $w[$key].port != $g[$key].port or $w[$key].type != $g[$key].type
	  or $w[$key].owner != $g[$key].owner or ($w[$key].age - $g[$key].age | abs) > 2
     then "\(.s.time): \($key) kernel \($w[$key]) nsviz \($g[$key])"
     else empty end),
  "compared \(length)"'

# compare KERNEL_SAMPLES NSVIZ_OBJECTS (files of JSON lines)
compare() {
	jq -rn --arg br "$BR" --slurpfile k "$1" --slurpfile n "$2" \
		--argjson own "$(owners | jq -Rn '[inputs | split(" ") | {(.[0]): .[1]}] | add')" \
		"$COMPARE"
}

ip netns exec kfa ping -c 2 -i 0.2 10.78.0.2 >/dev/null && ip netns exec kfa ping -c 2 -i 0.2 10.78.0.3 >/dev/null
ok $? "kfa pings kfb and kfc"
sleep 2 # ages apart from 0

ksample >"$T_TMP/k1.json"
t_run "nsviz fdb --json on the hand-built network" "$NSVIZ" fdb --json "$TOPO"
cp "$T_TMP/out" "$T_TMP/fdb.json"
ksample >>"$T_TMP/k1.json"
result=$(compare "$T_TMP/k1.json" "$T_TMP/fdb.json")
is "$result" "compared 1" "nsviz fdb: every entry's port, type, owner and age as the kernel's"
is "$(jq '[.fdb[] | select(.type == "learned" and .owner != null)] | length' "$T_TMP/fdb.json")" 3 \
	"the three namespaces' MACs are learned and owned"
is "$(jq -r --arg m "$STATIC_MAC" '.fdb[] | select(.mac == $m) | "\(.type) \(.owner)"' \
	"$T_TMP/fdb.json")" "static null" "a MAC added by hand is static and on no namespace"
is "$(jq '[.fdb[] | select(.type == "local")] | length' "$T_TMP/fdb.json")" 3 \
	"each port's own address is local"
t_run "nsviz fdb (text)" "$NSVIZ" fdb "$TOPO"
mac_b=$(ip -n kfb -j link show eth0 | jq -r '.[0].address')
like "$(cat "$T_TMP/out")" "$BR +kfp-b +$mac_b +- +learned +[0-9.]+s +kfb:eth0" \
	"the table names kfb's MAC learned on kfp-b, owned by kfb:eth0"

# Live: watch observes what nsviz built (it needs its record), so the same network again by
# `nsviz up`; 8 s of pings kfa -> kfb, the kernel's FDB sampled 5 times a second alongside.
for ns in $NSS; do ip link del "kfp-${ns#kf}" && ip netns del "$ns"; done
ip link del "$BR"
t_run "the same network by nsviz up" "$NSVIZ" up "$TOPO"
at_exit "\"$NSVIZ\" down \"$TOPO\""
for ns in $NSS; do ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
bridge fdb add "$STATIC_MAC" dev kfp-c master static
mac_b=$(ip -n kfb -j link show eth0 | jq -r '.[0].address')
# Every MAC learned before the first snapshot: the set of entries holds still during the run.
ip netns exec kfa ping -c 1 10.78.0.3 >/dev/null
ip netns exec kfa ping -i 0.2 -w 10 10.78.0.2 >/dev/null &
PING=$!
at_exit "kill $PING"
kfb_learned() { bridge -j fdb show br "$BR" | jq -e --arg m "$mac_b" 'any(.[]; .mac == $m)' >/dev/null; }
wait_until kfb_learned
watch_start "$TOPO" --interval 1
: >"$T_TMP/k2.json"
for _ in $(seq 40); do
	ksample >>"$T_TMP/k2.json"
	sleep 0.2 # the sampling rate: 5 kernel samples a second for the 8 s of pings
done
wait "$PING"
watch_stop
grep '"type":"snapshot"' "$T_TMP/w.json" >"$T_TMP/snaps.json"
result=$(compare "$T_TMP/k2.json" "$T_TMP/snaps.json")
like "$(tail -1 <<<"$result")" "^compared ([6-9]|[1-9][0-9])$" "six or more snapshots beside a kernel sample"
is "$(head -n -1 <<<"$result")" "" \
	"watch --json: in every snapshot each entry's port, type, owner and age as the kernel's"
is "$(tail -5 "$T_TMP/snaps.json" | jq -r --arg m "$mac_b" '.fdb[] | select(.mac == $m) | .age' |
	sort -n | tail -1 | awk '{print ($1 < 1.5) ? "fresh" : $1}')" fresh \
	"kfb's MAC, forwarded to five times a second, reads younger than 1.5 s in the last 5 snapshots"

# The UI's FDB view (tab 4), read off the terminal five times while kfa pings kfb, each time
# beside a kernel sample, as an nsviz object {"time","fdb"} for compare().
screen_fdb() {
	printf '{"time":%s,"fdb":%s}\n' "$(date +%s.%N)" "$(screen | awk -v br="$BR" '$1 == br {
		sub(/s$/, "", $6); printf "%s{\"mac\":\"%s\",\"port\":\"%s\",\"vlan\":%d,\"type\":\"%s\",\"age\":%s,\"owner\":%s}",
		n++ ? "," : "[", $3, $2, $4 == "-" ? 0 : $4, $5, $6, $7 == "-" ? "null" : "\"" $7 "\"" }
		END { print n ? "]" : "[]" }')"
}
tmux_start 100 30 "$NSVIZ" watch "$TOPO"
wait_screen "kf .* tcx .* up " 30
ok $? "the UI on the network" || show_screen
keys 4
wait_screen 'PORT +MAC +VLAN +TYPE +AGE +OWNER' 5
ok $? "its FDB view" || show_screen
ip netns exec kfa ping -i 0.2 -w 6 10.78.0.2 >/dev/null &
PING=$!
at_exit "kill $PING"
: >"$T_TMP/k3.json"
: >"$T_TMP/ui.json"
for _ in $(seq 5); do
	sleep 1 # the sampling rate: one reading of the screen a second while kfa pings
	screen_fdb >>"$T_TMP/ui.json"
	ksample >>"$T_TMP/k3.json"
done
wait "$PING"
is "$(jq '.fdb | length' "$T_TMP/ui.json" | sort -u)" 7 "the view shows all 7 entries each time" ||
	show_screen
result=$(compare "$T_TMP/k3.json" "$T_TMP/ui.json")
is "$result" "compared 5" "the UI's FDB view: each row's port, type, owner and age as the kernel's"
done_testing
