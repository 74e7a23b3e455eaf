#!/bin/bash
# `nsviz fdb`: refused while the topology is not up; three namespaces on one bridge, FDB flushed;
# after a ping the bridge holds the learned MACs of both ends on the right ports with their
# owners, local entries are marked, JSON
# parses; a stdout that takes nothing is one line on stderr.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"

TRI="$(dirname "$0")/fixtures/tri.topo"
t_fail "fdb of a topology that is not up fails" "$NSVIZ" fdb "$TRI"
like "$(cat "$T_TMP/out")" "topology 'tri' is not up" "and says the topology is not up"
net_up "$TRI"
bridge fdb flush dev nzbr0 dynamic 2>/dev/null || bridge fdb flush br nzbr0 dynamic 2>/dev/null
mac_r=$(ip -n nzr -br link show eth0 | awk '{print $3}')
mac_g=$(ip -n nzg -br link show eth0 | awk '{print $3}')
ip netns exec nzr ping -c 1 -W 2 10.77.0.2 >/dev/null
ok $? "ping nzr -> nzg"

t_run "nsviz fdb" "$NSVIZ" fdb "$TRI"
out=$(cat "$T_TMP/out")
like "$out" "nzbr0 +nzp-r +$mac_r +(-|1) +learned .* nzr:eth0" \
	"red's MAC learned on nzp-r (no VLAN filtering: -), owned by nzr:eth0"
like "$out" "nzbr0 +nzp-g +$mac_g +(-|1) +learned .* nzg:eth0" "green's MAC learned on nzp-g"
like "$out" "nzbr0 +nzp-b +[0-9a-f:]{17} +(-|1) +local .* -" "a port's own address is local, no owner"

t_run "nsviz fdb --json" "$NSVIZ" fdb --json "$TRI"
json=$(cat "$T_TMP/out")
is "$(jq -r '.type' <<<"$json")" fdb "one fdb object"
is "$(jq -r --arg m "$mac_r" '.fdb[] | select(.mac == $m and .type == "learned") | "\(.port) \(.owner)"' \
	<<<"$json")" "nzp-r nzr:eth0" "JSON: red's MAC on nzp-r, learned, owned by nzr:eth0"
is "$(jq -r --arg m "$mac_g" '[.fdb[] | select(.mac == $m)][0] | (.age < 10)' <<<"$json")" \
	true "JSON: an age in seconds"

"$NSVIZ" fdb "$TRI" >/dev/full 2>"$T_TMP/err"
is "$?" 1 "fdb whose stdout is full exits 1"
is "$(cat "$T_TMP/err")" "nsviz fdb: write to stdout: No space left on device" \
	"with one line naming stdout and the cause"
done_testing
