#!/bin/sh
# Installs the Debian 12 packages that nsviz, its tests and its benchmarks need; only what is missing.
set -eu
PKGS="make gcc pkg-config clang llvm libbpf-dev bpftool libelf-dev zlib1g-dev libncurses-dev
libmnl-dev libpcap-dev libjansson-dev libmicrohttpd-dev iproute2 iputils-ping tmux tshark tcpdump iperf3
perl procps util-linux jq strace python3 nftables iptables curl prometheus"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "install-deps: missing packages:$missing; run as root (sudo make ...)" >&2
	exit 1
fi
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
