#!/usr/bin/env bash
# nsviz export's command line and HTTP side: --listen forms and bad addresses (exit 2, one line),
# a port in use and missing privileges (exit 1, one line, nothing attached); answers while its
# probes attach one by one; GET/HEAD only (405 with Allow), 404 elsewhere, an index page; the
# format follows Accept; oversized headers refused; slow clients hold only their own connection,
# at most 8 from one address; nothing on stderr, exit 0 on SIGTERM.
T_SANDBOX_PID=1
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
. "$(dirname "$0")/watch.bash"
. "$(dirname "$0")/export.bash"

export_setup
# IPv6 on loopback only, for [::1].
sysctl -qw net.ipv6.conf.lo.disable_ipv6=0

# tc programs attached in the host namespace of the sandbox (bridge1 and its ports).
tc_progs() { bpftool -j net show | jq '[.[].tc[]?] | length'; }

for bad in 127.0.0.1 localhost:9477 127.0.0.1:0 127.0.0.1:65536 ::1:9477 '[::1:9477' '[127.0.0.1]:9477' \
	'1.2.3:9477' '127.0.0.1:94x7'; do
	"$NSVIZ" export --listen "$bad" >"$T_TMP/out" 2>&1
	is "$?:$(wc -l <"$T_TMP/out")" 2:1 "--listen '$bad': exit 2, one line"
done
like "$(cat "$T_TMP/out")" "^nsviz export: --listen: '127.0.0.1:94x7' is not ADDR:PORT" "the line names the option and the value"

"$NSVIZ" export seed >"$T_TMP/out" 2>&1
is "$?:$(wc -l <"$T_TMP/out")" 1:1 "a topology that is not up: exit 1, one line"
like "$(cat "$T_TMP/out")" "topology 'seed' is not up" "it says so"
"$NSVIZ" export --netns blue >"$T_TMP/out" 2>&1
is "$?:$(cat "$T_TMP/out")" "2:nsviz export: --netns: no namespace 'blue' in live network" \
	"a namespace that is not there: exit 2, one line"
is "$(tc_progs)" 0 "nothing attached"

python3 -c 'import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 9477)); s.listen(); time.sleep(60)' &
holder=$!
at_exit "kill $holder"
wait_until bash -c 'echo >/dev/tcp/127.0.0.1/9477' 2>/dev/null
"$NSVIZ" export >"$T_TMP/out" 2>&1
is "$?" 1 "a port in use: exit 1"
is "$(cat "$T_TMP/out")" "nsviz export: listen on 127.0.0.1:9477: Address already in use" "in one line"
is "$(tc_progs)" 0 "nothing attached"
kill "$holder"
wait "$holder" 2>/dev/null

setpriv --bounding-set=-all "$NSVIZ" export >"$T_TMP/out" 2>&1
is "$?:$(wc -l <"$T_TMP/out")" 1:1 "without privileges: exit 1, one line"
like "$(cat "$T_TMP/out")" "needs root" "it says what it needs"
is "$(tc_progs)" 0 "nothing attached"

# One point attached per tick: /metrics answers all along, counting what is left.
NSVIZ_ATTACH_STEP=1 "$NSVIZ" export --interval 0.5 --listen '[::1]:9477' 2>"$T_TMP/x.err" &
XPID=$!
at_exit "kill -9 $XPID"
XURL='http://[::1]:9477/metrics'
wait_until curl -s -o /dev/null "$XURL" # listening
codes="" pending=""
for i in $(seq 100); do
	out=$(curl -s -w '\n%{http_code}' "$XURL")
	codes="$codes $(echo "$out" | tail -1)"
	p=$(echo "$out" | awk '$1 == "nsviz_points_pending" { print $2 }')
	[ -n "$p" ] && [ "$p" != "${pending##* }" ] && pending="$pending $p"
	[ "$p" = 0 ] && break
	sleep 0.1
done
like "$codes" '^( (200|503))+$' "every scrape while attaching is answered (503 only before the first reading)"
like "$pending" '^ 5 4 3 2 1 0$|^ ([1-5] )+0$' "nsviz_points_pending counted down to 0 while probes attached: $pending"
like "$(curl -s "$XURL" | grep -c '^nsviz_interface_packets_total')" '^10$' "then all 5 interfaces have counters"

code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
for m in POST PUT DELETE OPTIONS; do
	is "$(curl -s -o /dev/null -D - -X "$m" "$XURL" | tr -d '\r' | grep -iE '^(HTTP|Allow)' | tr '\n' ' ')" \
		"HTTP/1.1 405 Method Not Allowed Allow: GET, HEAD " "$m: 405 with Allow: GET, HEAD"
done
head -c 1000000 /dev/zero >"$T_TMP/big"
is "$(code --max-time 20 -X POST --data-binary @"$T_TMP/big" "$XURL")" 405 "a POST with a 1 MB body: 405"
is "$(code 'http://[::1]:9477/nothing')" 404 "an unknown path: 404"
is "$(code 'http://[::1]:9477/metrics/')" 404 "/metrics/: 404"
is "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' 'http://[::1]:9477/')" \
	"200 text/html; charset=utf-8" "/: an HTML page"
like "$(curl -s 'http://[::1]:9477/')" 'href="/metrics"' "that links to /metrics"
is "$(curl -s -I -o /dev/null -w '%{http_code} %{content_type} %{size_download}' "$XURL")" \
	"200 text/plain; version=0.0.4; charset=utf-8 0" "HEAD /metrics: the headers, no body"

ctype() { curl -s -o /dev/null -w '%{content_type}' -H "Accept: $1" "$XURL"; }
om='application/openmetrics-text; version=1.0.0; charset=utf-8'
text='text/plain; version=0.0.4; charset=utf-8'
is "$(ctype 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1')" \
	"$om" "Prometheus' Accept: OpenMetrics"
is "$(ctype 'application/openmetrics-text')" "$om" "OpenMetrics without a version: OpenMetrics"
is "$(ctype 'application/openmetrics-text;version=0.0.1')" "$text" "only OpenMetrics 0.0.1: the text format"
is "$(ctype 'text/plain;q=0.9, application/openmetrics-text;q=0.5')" "$text" "text preferred: text"
is "$(ctype '*/*')" "$text" "*/*: the text format"
is "$(curl -s -H "Accept: application/openmetrics-text" "$XURL" | tail -1)" "# EOF" "OpenMetrics ends with # EOF"

is "$(code -H "X-Big: $(head -c 20000 /dev/zero | tr '\0' a)" "$XURL")" 431 "20 KB of headers: 431"
is "$(code "$XURL?$(head -c 20000 /dev/zero | tr '\0' a)")" 414 "a 20 KB URL: 414"

# Slow clients: each sends half a request and waits.
slow=()
hold() { local fd; exec {fd}<>/dev/tcp/::1/9477; printf 'GET /metrics HTTP/1.1\r\nHost: x\r\n' >&"$fd"; slow+=("$fd"); }
hold
is "$(code --max-time 5 "$XURL")" 200 "a scrape is answered while a slow client holds a connection"
for i in 2 3 4 5 6 7 8; do hold; done
curl -s --max-time 5 "$XURL" >/dev/null
like "$?" '^(52|56)$' "a 9th connection from the same address is refused while 8 are held"
timeout 30 cat <&"${slow[0]}" >/dev/null
is "$?" 0 "a client that sends nothing more is disconnected (10 s idle timeout)"
for fd in "${slow[@]}"; do exec {fd}>&-; done
wait_until test "$(code "$XURL")" = 200
is "$(code "$XURL")" 200 "scrapes are answered again once they are gone"

kill -TERM "$XPID"
wait "$XPID"
is "$?" 0 "export exits 0 on SIGTERM"
is "$(cat "$T_TMP/x.err")" "" "nothing on stderr"

# :PORT is every address, IPv6 and IPv4; 0.0.0.0:PORT every IPv4 one.
"$NSVIZ" export --listen :9478 2>>"$T_TMP/x.err" &
p1=$!
"$NSVIZ" export --listen 0.0.0.0:9479 2>>"$T_TMP/x.err" &
p2=$!
at_exit "kill -9 $p1 $p2"
wait_until test "$(code http://127.0.0.1:9478/metrics)" = 200
is "$(code http://127.0.0.1:9478/metrics) $(code 'http://[::1]:9478/metrics')" "200 200" ":9478 answers on 127.0.0.1 and [::1]"
wait_until test "$(code http://127.0.0.1:9479/metrics)" = 200
is "$(code http://127.0.0.1:9479/metrics) $(code 'http://[::1]:9479/metrics')" "200 000" "0.0.0.0:9479 answers on IPv4 only"
kill -TERM "$p1" "$p2"
wait "$p1" "$p2"
is "$(cat "$T_TMP/x.err")" "" "nothing on stderr"
done_testing
