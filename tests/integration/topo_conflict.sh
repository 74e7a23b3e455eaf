#!/usr/bin/env bash
# `up` refuses names that exist and that nsviz did not make for this topology, changes nothing and
# names each conflict; `down` never removes what merely has a recorded name now; a file with an
# error changes nothing.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"

nothing_of_nzq1() {
	is "$(ip netns list | grep -c nzq1a)" 0 "$1: namespace nzq1a not made"
	t_run "$1: no record for nzq1" test ! -e /run/nsviz/nzq1.state
}

cat >"$T_TMP/nzq1.topo" <<'EOF'
netns nzq1a
bridge nzqbr
veth nzq1a:nzqe 10.77.0.1/24 -- nzqbr:nzqp
EOF

# A namespace made by someone else.
ip netns add red
inode=$(stat -L -c %i /run/netns/red)
"$NSVIZ" up seed >"$T_TMP/out" 2>&1
is "$?" 1 "up seed with a foreign netns red exits 1"
like "$(cat "$T_TMP/out")" 'netns red exists already' "the message names netns red"
like "$(cat "$T_TMP/out")" 'nothing changed' "the message says nothing changed"
is "$(stat -L -c %i /run/netns/red)" "$inode" "the foreign red is untouched"
is "$(ip netns list | awk '{print $1}')" "red" "green was not made"
is "$(ip -br link | awk '{print $1}')" "lo" "bridge1 and its ports were not made"
t_run "no record for seed" test ! -e /run/nsviz/seed.state
t_run "down seed succeeds" "$NSVIZ" down seed
like "$(cat "$T_TMP/out")" 'seed is not up' "down seed says it is not up"
is "$(stat -L -c %i /run/netns/red)" "$inode" "down leaves the foreign red alone"

# Every conflict at once: the namespace and a bridge.
ip link add bridge1 type bridge
"$NSVIZ" up seed >"$T_TMP/out" 2>&1
is "$?" 1 "up seed with foreign red and bridge1 exits 1"
like "$(cat "$T_TMP/out")" 'bridge bridge1: the name is taken' "bridge1 is named too"
like "$(cat "$T_TMP/out")" '2 names taken' "both conflicts are counted"
ip netns del red
ip link del bridge1

# A bridge, then a bridge port, made by someone else.
ip link add nzqbr type bridge
index=$(ip -o link show dev nzqbr | cut -d: -f1)
"$NSVIZ" up "$T_TMP/nzq1.topo" >"$T_TMP/out" 2>&1
is "$?" 1 "up with a foreign bridge nzqbr exits 1"
like "$(cat "$T_TMP/out")" 'bridge nzqbr: the name is taken' "the message names bridge nzqbr"
is "$(ip -o link show dev nzqbr | cut -d: -f1)" "$index" "the foreign nzqbr is untouched"
nothing_of_nzq1 "foreign bridge"
ip link del nzqbr
ip link add nzqp type veth peer name nzqq
index=$(ip -o link show dev nzqp | cut -d: -f1)
"$NSVIZ" up "$T_TMP/nzq1.topo" >"$T_TMP/out" 2>&1
is "$?" 1 "up with a foreign interface nzqp exits 1"
like "$(cat "$T_TMP/out")" 'veth end nzqp: the name is taken' "the message names nzqp"
is "$(ip -o link show dev nzqp | cut -d: -f1)" "$index" "the foreign nzqp is untouched"
is "$(ip -br link | awk '{print $1}' | grep -c nzqbr)" 0 "bridge nzqbr was not made"
nothing_of_nzq1 "foreign port"
ip link del nzqp

# Names owned by another topology that is up.
t_run "up seed" "$NSVIZ" up seed
cat >"$T_TMP/nzq2.topo" <<'EOF'
netns red
bridge nzqb2
veth red:nzqe2 10.78.0.1/24 -- nzqb2:nzqp2
EOF
"$NSVIZ" up "$T_TMP/nzq2.topo" >"$T_TMP/out" 2>&1
is "$?" 1 "up of a topology that shares netns red with seed exits 1"
like "$(cat "$T_TMP/out")" 'netns red exists already .* for nzq2' "the message names red and nzq2"
t_run "down nzq2 (not up) succeeds" "$NSVIZ" down "$T_TMP/nzq2.topo"
t_run "seed still works: red pings green" ip netns exec red ping -c1 -W2 10.0.0.2
t_run "down seed" "$NSVIZ" down seed

# A file edited while its topology is up is not "already up".
t_run "up nzq1" "$NSVIZ" up "$T_TMP/nzq1.topo"
cp "$T_TMP/nzq1.topo" "$T_TMP/nzq1.orig"
echo 'netns nzq1b' >>"$T_TMP/nzq1.topo"
"$NSVIZ" up "$T_TMP/nzq1.topo" >"$T_TMP/out" 2>&1
is "$?" 1 "up of an edited file whose topology is up exits 1"
like "$(cat "$T_TMP/out")" "nzq1 is up, but not as the file says now" "and says why"
t_run "down of the edited file removes what was built" "$NSVIZ" down "$T_TMP/nzq1.topo"
is "$(ip netns list)" "" "nothing of nzq1 left"
mv "$T_TMP/nzq1.orig" "$T_TMP/nzq1.topo"

# Objects replaced after up under the same names are not ours any more.
t_run "up nzq1" "$NSVIZ" up "$T_TMP/nzq1.topo"
old_inode=$(stat -L -c %i /run/netns/nzq1a)
ip netns del nzq1a
# Once the old namespace is freed, the kernel hands its nsfs inode number to the next one:
# identity must not rest on it. Re-make nzq1a until it gets the old inode (usually at once).
for _ in $(seq 50); do
	ip netns add nzq1a
	[ "$(stat -L -c %i /run/netns/nzq1a)" = "$old_inode" ] && break
	ip netns del nzq1a
	sleep 0.05
done
# Not reused in time (a loaded machine): the last try deleted it; a new nzq1a all the same.
[ -e /run/netns/nzq1a ] || ip netns add nzq1a
[ "$(stat -L -c %i /run/netns/nzq1a)" = "$old_inode" ] && echo "# the new nzq1a has the old one's inode"
inode=$(stat -L -c %i /run/netns/nzq1a)
ip link del nzqbr
ip link add nzqbr type bridge
index=$(ip -o link show dev nzqbr | cut -d: -f1)
"$NSVIZ" up "$T_TMP/nzq1.topo" >"$T_TMP/out" 2>&1
is "$?" 1 "up of a topology whose objects were replaced exits 1"
like "$(cat "$T_TMP/out")" "partly built.*nsviz down nzq1" "and says to run down first"
t_run "down nzq1 succeeds" "$NSVIZ" down "$T_TMP/nzq1.topo"
like "$(cat "$T_TMP/out")" 'leaving netns nzq1a: it was replaced' "down says it leaves the new nzq1a"
is "$(stat -L -c %i /run/netns/nzq1a)" "$inode" "the replacing namespace nzq1a is untouched"
is "$(ip -o link show dev nzqbr | cut -d: -f1)" "$index" "the replacing bridge nzqbr is untouched"
t_run "the record is gone" test ! -e /run/nsviz/nzq1.state
ip netns del nzq1a
ip link del nzqbr

# A file with an error changes nothing.
printf 'netns nzq3a\nbridge nzq3b\nbogus nzq3c\n' >"$T_TMP/nzq3.topo"
"$NSVIZ" up "$T_TMP/nzq3.topo" >"$T_TMP/out" 2>&1
is "$?" 2 "up of a file with an error exits 2"
like "$(cat "$T_TMP/out")" 'nzq3.topo:3:1: ' "the error is FILE:LINE:COL"
is "$(ip netns list)" "" "no namespace made"
is "$(ip -br link | awk '{print $1}')" "lo" "no link made"
t_run "no record made" test ! -e /run/nsviz/nzq3.state
"$NSVIZ" down "$T_TMP/nzq3.topo" >"$T_TMP/out" 2>&1
is "$?" 2 "down of a file with an error exits 2"
done_testing
