#!/usr/bin/env bash
# contrib/prometheus/nsviz.yml and contrib/grafana/nsviz.json: promtool accepts the config with
# no warning, nft the firewall example of docs/export.md; a real Prometheus (on 127.0.0.1 in this sandbox) loads it and gives every target,
# and every series scraped from it, the `host` label the config promises; the dashboard is valid
# JSON, takes its data source from a variable, queries the metrics nsviz exports, and Prometheus
# evaluates each of its queries without an error.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"
command -v prometheus >/dev/null && command -v promtool >/dev/null ||
	skip_all "needs prometheus and promtool (Debian package prometheus)"
yml=$TOP/contrib/prometheus/nsviz.yml
dash=$TOP/contrib/grafana/nsviz.json

promtool check config "$yml" >"$T_TMP/out" 2>&1
is "$?:$(grep -ci warning "$T_TMP/out")" "0:0" "promtool check config: valid, no warning"

# The firewall example of docs/export.md, checked by nft (-c: nothing is changed).
sed -n '/^table inet nsviz_export {$/,/^}$/p' "$TOP/docs/export.md" >"$T_TMP/fw.nft"
like "$(cat "$T_TMP/fw.nft")" 'tcp dport 9477 drop' "docs/export.md has a firewall example"
nft -c -f "$T_TMP/fw.nft" >"$T_TMP/out" 2>&1
is "$?:$(cat "$T_TMP/out")" "0:" "nft accepts it"

# --- a real Prometheus with the config as shipped -------------------------------------------------
prometheus --config.file="$yml" --web.listen-address=127.0.0.1:9090 \
	--storage.tsdb.path="$T_TMP/data" >"$T_TMP/prom.log" 2>&1 &
pp=$!
at_exit "kill $pp; wait $pp"
api() { curl -sf --get "http://127.0.0.1:9090/api/v1/$1" ${2:+--data-urlencode "$2"}; }
# up{} once per target, after its first scrape (which fails: no host resolves in the sandbox).
scraped() { [ "$(api query 'query=count(up{job="nsviz"})' | jq -r '.data.result[0].value[1]')" = 3 ]; }
for i in $(seq 60); do scraped && break; sleep 0.5; done
scraped
ok $? "Prometheus runs the config and scrapes its 3 targets" || tail -5 "$T_TMP/prom.log" | sed 's/^/# /' >&2
is "$(api targets | jq -r '.data.activeTargets[] | "\(.labels.instance) \(.labels.host)"' | sort)" \
"10.0.0.7:9477 10.0.0.7
lab1.example.net:9477 lab1
lab2.example.net:9477 lab2.example.net" "each target's host: its own label, else its address without the port"
is "$(api query 'query=up{job="nsviz"}' | jq -r '.data.result[].metric.host' | sort | tr '\n' ' ')" \
	"10.0.0.7 lab1 lab2.example.net " "and every series scraped from it carries that host"

# --- the dashboard ---------------------------------------------------------------------------------
python3 -m json.tool "$dash" >/dev/null
ok $? "nsviz.json is valid JSON (python3 -m json.tool)"
is "$(jq -r '.templating.list[] | select(.type=="datasource") | "\(.name) \(.query)"' "$dash")" \
	"datasource prometheus" "the data source is a variable of Prometheus data sources"
is "$(jq '[.. | objects | select(has("datasource")) | .datasource.uid] | unique' -c "$dash")" \
	'["${datasource}"]' "every panel, query and variable uses it"
exprs=$(jq -r '.panels[].targets[].expr' "$dash")
like "$exprs" 'rate\(nsviz_interface_bytes_total\{[^}]*\}\[1m\]\) \* 8' "per-link bit rates"
like "$exprs" 'sum by \([^)]*reason[^)]*\) \(rate\(nsviz_drops_total' "drops by reason"
like "$exprs" 'histogram_quantile\(0\.99, sum by \(le[^)]*\) \(rate\(nsviz_path_latency_seconds_bucket' \
	"path latency quantiles"
like "$exprs" '^nsviz_link_up\{' "links up or down"
# The issue's metrics (a histogram's series end in _bucket).
known="nsviz_interface_packets_total nsviz_interface_bytes_total nsviz_interface_class_packets_total
nsviz_drops_total nsviz_fdb_events_total nsviz_path_latency_seconds_bucket nsviz_lost_events_total
nsviz_link_up nsviz_port_state nsviz_flows"
unknown=$(grep -Eo 'nsviz_[a-z_]+' <<<"$exprs" | sort -u | grep -vxF -f <(tr ' ' '\n' <<<"$known"))
is "$unknown" "" "it queries only metrics nsviz exports"
# Each query, with the variables at "All", evaluated by Prometheus.
bad=0
while read -r e; do
	q=$(sed 's/\$host/.*/g; s/\$netns/.*/g' <<<"$e")
	[ "$(api query "query=$q" | jq -r .status)" = success ] || { bad=1; echo "# refused: $q"; }
done <<<"$exprs"
ok $bad "Prometheus evaluates every query of the dashboard"
is "$(jq -r '.templating.list[] | select(.type=="query") | .query.query' "$dash" | while read -r q; do
	api series "match[]=$(sed 's/^label_values(\([^,]*\),.*/\1/; s/\$host/.*/' <<<"$q")" | jq -r .status
done | sort -u)" success "and the selectors of its host and netns variables"
done_testing
