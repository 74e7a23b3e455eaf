#!/usr/bin/env bash
# The UI opens before the probes are attached and fills in as they attach. One point per tick
# (NSVIZ_ATTACH_STEP=1) makes the stages visible; what is asserted is order and state, never time:
# the first frame says "attaching N/5" while the process holds fewer links than in the end, a
# point not attached yet reads "attaching" (no number), then the hook mode replaces the progress,
# every link is there and a ping counts exactly. q and SIGTERM during attaching exit cleanly,
# leave no link behind and restore the terminal; `nsviz run` still removes what it built.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"
. "$(dirname "$0")/tui_lib.bash"
command -v tmux >/dev/null || skip_all "tmux not installed"

seed_up || { echo "Bail out! nsviz up seed failed"; exit 1; }
static_neigh || { echo "Bail out! static neighbours"; exit 1; }
wait_quiet


ui_pid() { pgrep -n -f -x "$NSVIZ $*"; }

tmux_start 132 43 "NSVIZ_ATTACH_STEP=1 $NSVIZ watch --interval 1 seed"
wait_screen 'bridge1' 30
ok $? "the UI draws the topology" || show_screen
first=$(screen)
pid=$(ui_pid watch --interval 1 seed)
held=$(link_ids "$pid" | wc -w)
like "$(echo "$first" | tail -1)" 'seed .*attaching [0-4]/5 ' \
	"the first frame comes while attaching: the status line says how far" || show_screen
[ "$held" -lt 9 ]
ok $? "when the first frame is up, not every link is attached yet ($held of 9)"
like "$(echo "$first" | head -n -1)" 'attaching' "a link with no end attached yet is labelled 'attaching'"
keys 2
wait_screen 'host:bridge1 .*attaching' 10
ok $? "interfaces view: a point not attached yet reads 'attaching', not a count" || show_screen
wait_screen 'seed .*tcx ' 30
ok $? "attaching ends: the status line shows the hook mode" || show_screen
is "$(link_ids "$pid" | wc -w)" 9 "then every point is attached: 6 tcx links (ingress on bridge1 only) and 3 tracepoints"
screen | grep -q 'attaching'
ok $((!$?)) "and nothing reads 'attaching' any more" || show_screen

# Counters count from each point's attach: with no ARP and no IPv6, a ping is all there is.
ip netns exec red ping -c 3 -i 0.2 -q 10.0.0.2 >/dev/null
ok $? "ping red -> green"
# RX PKTS and TX PKTS of interface $1 (the sparkline is the last field).
totals() { screen | awk -v x="$1" '$1 == x { print $(NF - 2), $(NF - 1) }'; }
# A tick reads the counters: wait (at most 10 s) until the last interface shows the ping.
veth_g_counted() { [ "$(totals host:veth-g)" = "3 3" ]; }
wait_until veth_g_counted
for x in red:eth0-r green:eth0-g host:veth-r host:veth-g; do
	is "$(totals "$x")" "3 3" "$x: 3 packets received and 3 sent since attach" || show_screen
done
links=$(link_ids "$pid")
keys q
wait_screen '^EXIT=' 30
like "$(screen)" 'EXIT=0' "q exits with status 0" || show_screen
is "$(links_left "$links")" 0 "no link left"

# Interrupted while attaching: SIGTERM.
tmux_start 80 24 "NSVIZ_ATTACH_STEP=1 $NSVIZ watch --interval 1 seed"
wait_screen 'attaching [0-4]/5' 30
ok $? "a second UI is attaching" || show_screen
pid=$(ui_pid watch --interval 1 seed)
links=$(link_ids "$pid")
kill -TERM "$pid"
wait_screen '^EXIT=' 30
like "$(screen)" 'EXIT=0' "SIGTERM while attaching: exit status 0" || show_screen
terminal_restored
ok $? "SIGTERM while attaching: the terminal is restored" || show_screen
is "$(links_left "$links")" 0 "SIGTERM while attaching: no link left"

# nsviz run, quit with q while attaching: the topology it built is removed.
cat >"$T_TMP/stg.topo" <<'EOF'
netns stg-a
netns stg-b
bridge stgbr
veth stg-a:e0 10.77.0.1/24 -- stgbr:stg-pa
veth stg-b:e0 10.77.0.2/24 -- stgbr:stg-pb
EOF
tmux_start 80 24 "NSVIZ_ATTACH_STEP=1 $NSVIZ run --interval 1 $T_TMP/stg.topo"
wait_screen 'attaching [0-4]/5' 30
ok $? "nsviz run: the UI is up while attaching" || show_screen
links=$(link_ids "$(ui_pid run --interval 1 "$T_TMP/stg.topo")")
keys q
wait_screen '^EXIT=' 30
like "$(screen)" 'EXIT=0' "q while attaching: exit status 0" || show_screen
terminal_restored
ok $? "q while attaching: the terminal is restored" || show_screen
is "$(links_left "$links")" 0 "q while attaching: no link left"
ip netns list | grep -Eq '^stg-[ab]( |$)'
ok $((!$?)) "nsviz run removed the namespaces it built"
ip link show stgbr >/dev/null 2>&1
ok $((!$?)) "and its bridge"
done_testing
