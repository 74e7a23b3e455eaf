#!/usr/bin/env bash
# A namespace held by a process is named after its container where the runtime's files say so.
# Docker cannot run here, so its exact on-disk layout is made in the test's private mount
# namespace (tmpfs on /run and /var/lib/docker, or /var/lib when that has no docker directory):
# a process-held namespace (`unshare -n sleep`) bind-mounted at /run/docker/netns/SANDBOX and the
# container's /var/lib/docker/containers/ID/config.v2.json naming it. `discover`, `discover
# --json` and `watch --json` call it by the container's name, sanitised into a valid .topo name;
# a name taken by a /run/netns one gets -2; without the files it stays COMM-PID.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"

setup_begin
if [ -d /var/lib/docker ]; then
	mount -t tmpfs nsviz-test /var/lib/docker
else
	mount -t tmpfs nsviz-test /var/lib
	mkdir /var/lib/docker
fi
mkdir -p /run/docker/netns /var/lib/docker/containers
ip link add bridge1 type bridge
ip link set bridge1 up
proc_held_port
setup_end

# container ID NAME SANDBOX PID: Docker's files for container NAME whose sandbox is PID's namespace.
container() {
	local id=$1 name=$2 sandbox=$3 pid=$4
	touch "/run/docker/netns/$sandbox"
	mount --bind "/proc/$pid/ns/net" "/run/docker/netns/$sandbox"
	at_exit "umount /run/docker/netns/$sandbox"
	mkdir -p "/var/lib/docker/containers/$id"
	# As moby writes it: container.Container with its network.Settings (abridged).
	jq -n --arg id "$id" --arg name "$name" --arg key "/var/run/docker/netns/$sandbox" '{
		StreamConfig: {}, State: {Running: true, Pid: 4242}, ID: $id,
		Created: "2026-12-01T04:00:00.000000000Z", Path: "sleep", Args: ["600"],
		Config: {Hostname: $id[0:12], Image: "debian:12"}, Image: "sha256:0123",
		NetworkSettings: {Bridge: "", SandboxID: ("5d" + $id[2:]), SandboxKey: $key,
			HairpinMode: false, Networks: {bridge: {IPAddress: "172.17.0.2"}},
			Ports: {}, Service: null},
		LogPath: "", Name: $name, Driver: "overlay2", RestartCount: 0}' \
		>"/var/lib/docker/containers/$id/config.v2.json"
}

# name_of PID: the name discover --json gives the namespace of PID, and its origin.
name_of() {
	"$NSVIZ" discover --json 2>&1 | jq -r --argjson pid "$1" \
		'.netns[] | select(.pid == $pid) | "\(.name) \(.origin)"'
}

is "$(name_of "$sp")" "sleep-$sp process" "without Docker's files the namespace is COMM-PID"

ID=$(printf 'a%.0s' {1..64})
container "$ID" /web 4f3c2b1a0e9d "$sp"
is "$(name_of "$sp")" "web process" "with them it is named after the container (/web: web)"
t_run "discover succeeds" "$NSVIZ" discover
like "$(cat "$T_TMP/out")" "^veth web:eth0-p 10.0.0.3/24 mtu 1400 -- bridge1:veth-p mtu 1400\$" \
	"the .topo text names the container's namespace, with its veth"
"$NSVIZ" watch --json --duration 0.3 >"$T_TMP/watch" 2>"$T_TMP/watch.err"
is "$(tail -1 "$T_TMP/watch" | jq -c '[(.interfaces[] | select(.ifname == "eth0-p") | .netns),
	(.netns[] | select(.name == "web") | .name)]' 2>&1)" '["web","web"]' \
	"watch --json names the observed interface and the namespace after the container"

unshare -n sleep 600 &
sp2=$!
at_exit "kill $sp2"
own_netns2() { test "$(stat -L -c %i "/proc/$sp2/ns/net")" != "$(stat -L -c %i /proc/self/ns/net)"; }
wait_until own_netns2
container "$(printf 'b%.0s' {1..64})" '/my app:2/-x' 77aa "$sp2"
is "$(name_of "$sp2")" "my_app_2_-x process" "a name that is no valid .topo name is sanitised"
t_run "the sanitised name is accepted by nsviz show" bash -c \
	"'$NSVIZ' discover >'$T_TMP/all.topo' && '$NSVIZ' show '$T_TMP/all.topo'"

ip netns add web
is "$(name_of "$sp")" "web-2 process" "a container named like a /run/netns namespace becomes web-2"
ip netns delete web

rm "/var/lib/docker/containers/$ID/config.v2.json"
is "$(name_of "$sp")" "sleep-$sp process" "without its config.v2.json it is COMM-PID again"
echo '{"Name": "/half' >"/var/lib/docker/containers/$ID/config.v2.json"
is "$(name_of "$sp")" "sleep-$sp process" "a config.v2.json being written (no JSON) is skipped"
done_testing
