#!/usr/bin/env bash
# Every shape of the format: a veth between two namespaces (with IPv6), a bridge with an address,
# a veth between two bridges, routes to a prefix across a forwarding namespace; and a rollback
# that leaves nothing whichever of its steps fails.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"

cat >"$T_TMP/nzq5.topo" <<'EOF2'
netns nzqa
netns nzqb forwarding
netns nzqc
bridge nzqbr1 10.61.0.254/24
bridge nzqbr2
veth nzqa:x 10.60.0.1/24 fd00:60::1/64 -- nzqb:y 10.60.0.2/24 fd00:60::2/64
veth nzqb:z 10.61.0.1/24 -- nzqbr1:nzqp1
veth nzqbr1:nzqp2 -- nzqbr2:nzqp3
veth nzqc:w 10.61.0.3/24 -- nzqbr2:nzqp4
route nzqa 10.61.0.0/24 via 10.60.0.2
route nzqc 10.60.0.0/24 via 10.61.0.1
EOF2
steps=29

nothing_left() {
	is "$(ip netns list)" "" "$1: no namespace left"
	is "$(ip -br link | awk '{print $1}')" "lo" "$1: no link left"
	t_run "$1: no record left" test ! -e /run/nsviz/nzq5.state
}

t_run "up succeeds" "$NSVIZ" up "$T_TMP/nzq5.topo"
is "$(ip -n nzqa -br addr show dev x | awk '{print $2, $3, $4}')" "UP 10.60.0.1/24 fd00:60::1/64" \
	"namespace-to-namespace veth: both addresses on nzqa:x"
like "$(ip -n nzqa link show dev x)" 'link-netns nzqb' "nzqa:x's peer is in nzqb"
like "$(ip netns exec nzqa ping -c1 -W2 fd00:60::2)" 'ttl=64' "nzqa pings nzqb over IPv6 at once"
is "$(ip -br -4 addr show dev nzqbr1 | awk '{print $3}')" "10.61.0.254/24" "the bridge's address"
like "$(ping -c1 -W2 10.61.0.3)" 'ttl=64' "the host pings nzqc across both bridges"
like "$(bridge link show)" 'nzqp2[@:].*master nzqbr1 ' "bridge-to-bridge veth: one end on nzqbr1"
like "$(bridge link show)" 'nzqp3[@:].*master nzqbr2 ' "and the other on nzqbr2"
like "$(ip -n nzqa route show 10.61.0.0/24)" '^10.61.0.0/24 via 10.60.0.2 dev x' "the prefix route in nzqa"
like "$(ip netns exec nzqa ping -c1 -W2 10.61.0.3)" 'ttl=63' "nzqa pings nzqc through nzqb"
like "$(ip netns exec nzqc ping -c1 -W2 10.60.0.1)" 'ttl=63' "and back"
t_run "down succeeds" "$NSVIZ" down "$T_TMP/nzq5.topo"
nothing_left "down"

for n in $(seq "$steps"); do
	NSVIZ_FAIL_AT=$n "$NSVIZ" up "$T_TMP/nzq5.topo" >"$T_TMP/out" 2>&1
	is "$?" 1 "step $n of $steps fails: exit 1"
	nothing_left "step $n"
done
t_run "with NSVIZ_FAIL_AT past the last step, up succeeds" \
	env NSVIZ_FAIL_AT=$((steps + 1)) "$NSVIZ" up "$T_TMP/nzq5.topo"
t_run "down" "$NSVIZ" down "$T_TMP/nzq5.topo"
done_testing
