#!/bin/bash
# A NOT_SPECIFIED drop names the kernel function that freed the packet, and a known spot in words:
# with veth-g's MTU at 1000, the bridge cannot send a 1428-byte ping out of it; with veth-r's at
# 1000, red's veth end cannot pass it to its peer.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/trace-net.bash"
. "$(dirname "$0")/watch.bash"

net_up seed || { done_testing; exit 1; }
ip netns exec red ping -c 1 -W 1 10.0.0.2 >/dev/null
ok $? "a small ping red -> green works (neighbours resolved)"
ip link set veth-g mtu 1000
watch_start seed
ok $? "watch attached"
trace_start --json --count 1 seed icmp
ok $? "trace attached"
ip netns exec red ping -c 1 -W 1 -M do -s 1400 10.0.0.2 >/dev/null 2>&1
is "$?" 1 "a 1428-byte ping with DF fails"
trace_wait
p=$(paths_matching 'echo request')
echo "# $p"
is "$(jq -r '"\(.verdict) \(.drop_reason) \(.drop_where)"' <<<"$p")" \
	"drop NOT_SPECIFIED bridge1:veth-g" "dropped at veth-g, reason NOT_SPECIFIED"
# Which function depends on br_netfilter: loaded, it sends bridged IP frames out itself.
fn=$(jq -r .drop_function <<<"$p")
like "$fn" '^(br_dev_queue_push_xmit|br_nf_dev_queue_xmit)$' "the function that freed it: $fn"
ok "$(awk -v f="$fn" '$3 == f { n++ } END { print n == 0 }' /proc/kallsyms)" \
	"$fn is a kernel function (/proc/kallsyms)"
is "$(jq -r .cause <<<"$p")" "frame larger than the MTU of veth-g" "said in words"
watch_stop
is "$(watch_drops | jq -r 'select(.reason == "NOT_SPECIFIED" and .ifname == "veth-g") | "\(.ifname) \(.function)"' | sort -u)" \
	"veth-g $fn" "watch's drop event names the function too"

# Without br_netfilter's hooks (its sysctls are per namespace) the bridge's own check frees it.
if [ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]; then
	sysctl -qw net.bridge.bridge-nf-call-iptables=0
fi
trace_start --json --count 1 seed icmp
ip netns exec red ping -c 1 -W 1 -M do -s 1400 10.0.0.2 >/dev/null 2>&1
trace_wait
p=$(paths_matching 'echo request')
is "$(jq -r '"\(.drop_where) \(.drop_function)|\(.cause)"' <<<"$p")" \
	"bridge1:veth-g br_dev_queue_push_xmit|frame larger than the MTU of veth-g" \
	"bridge-nf-call-iptables off: br_dev_queue_push_xmit, said in words"

# A veth end cannot pass a frame larger than its peer's MTU: freed by the sending side.
ip link set veth-g mtu 1500
ip link set veth-r mtu 1000
trace_start --json --count 1 seed icmp
ip netns exec red ping -c 1 -W 1 -M do -s 1400 10.0.0.2 >/dev/null 2>&1
is "$?" 1 "with veth-r's MTU at 1000, the 1428-byte ping fails"
trace_wait
p=$(paths_matching 'echo request')
echo "# $p"
is "$(jq -r '"\(.verdict) \(.drop_reason) \(.drop_where) \(.drop_function)"' <<<"$p")" \
	"drop NOT_SPECIFIED red:eth0-r __dev_forward_skb2" "dropped by red's end, in __dev_forward_skb2"
is "$(jq -r .cause <<<"$p")" "frame larger than the MTU of veth-r" "said in words, naming the peer"
done_testing
