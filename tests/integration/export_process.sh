#!/usr/bin/env bash
# nsviz export's own cost, against the kernel's accounting of the exporter process: after a
# second of `ping -f` across a LAN made with plain ip (so that the exporter burns CPU counting
# it), process_cpu_seconds_total equals utime + stime of /proc/PID/stat over CLK_TCK, read by
# the test around the scrape, within 0.05 s plus one --interval's worth; process_resident_memory_bytes
# equals /proc/PID/status VmRSS within 10 %; process_start_time_seconds is the process's
# starttime after boot (/proc/stat btime) within a second.
# (Not process_open_fds: the exporter opens sockets and /proc files for moments while it reads,
# so no count read beside a scrape is exact.)
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"
. "$(dirname "$0")/export.bash"

INTERVAL=0.2
export_setup
export_start --interval "$INTERVAL" || { echo "Bail out! export did not start"; exit 1; }

TICK=$(getconf CLK_TCK)
# The exporter's user + system CPU seconds, as the kernel accounts them (fields 14 and 15 after
# the command name, which is in parentheses).
kcpu() { awk -v t="$TICK" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / t }' "/proc/$XPID/stat"; }
krss() { awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$XPID/status"; }
# within A B TOL: |A - B| <= TOL.
within() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; exit !(d <= t && -d <= t) }'; }

ip netns exec na ping -f -w 1 -q 10.0.0.2 >"$T_TMP/ping" 2>&1
sent=$(awk '/packets transmitted/ { print $1 }' "$T_TMP/ping")
ok "$([ "${sent:-0}" -ge 100 ]; echo $?)" "ping -f sent a burst for a second: ${sent:-none} echoes"
sleep 0.5 # the exporter consumes the rest of the burst's events

c0=$(kcpu)
curl -sf "$XURL" >"$T_TMP/m"
c1=$(kcpu)
m() { awk -v s="$1" '$1 == s { print $2 }' "$T_TMP/m"; }
cpu=$(m process_cpu_seconds_total)
ok "$(awk -v c="$c1" 'BEGIN { exit !(c >= 0.05) }'; echo $?)" \
	"the exporter burned CPU counting the burst: $c1 s by /proc/$XPID/stat"
ok "$(awk -v m="${cpu:-x}" -v a="$c0" -v b="$c1" -v i="$INTERVAL" \
	'BEGIN { exit !(m == m + 0 && m >= a - 0.05 && m <= b + 0.05 + i) }'; echo $?)" \
	"process_cpu_seconds_total $cpu is /proc/$XPID/stat's utime+stime ($c0 .. $c1 s around the scrape)"

r0=$(krss)
curl -sf "$XURL" >"$T_TMP/m"
r1=$(krss)
rss=$(m process_resident_memory_bytes)
mid=$(((r0 + r1) / 2))
within "${rss:-0}" "$mid" "$((mid / 10))"
ok $? "process_resident_memory_bytes $rss is /proc/$XPID/status VmRSS ($r0 .. $r1) within 10 %"

btime=$(awk '/^btime/ { print $2 }' /proc/stat)
start=$(awk -v t="$TICK" -v b="$btime" '{ sub(/^.*\) /, ""); printf "%.2f\n", b + $20 / t }' "/proc/$XPID/stat")
within "$(m process_start_time_seconds)" "$start" 1
ok $? "process_start_time_seconds $(m process_start_time_seconds) is btime + starttime ($start) within 1 s"
export_stop
done_testing
