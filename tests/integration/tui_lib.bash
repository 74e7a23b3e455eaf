# Shared by the tui_*.sh tests: nsviz in a private tmux server, read back with capture-pane.
# shellcheck shell=bash
TMUX_N=0
TMUX_SOCK=
# $$ is 1 in a pid namespace (T_SANDBOX_PID) and /tmp/tmux-UID is shared by every sandbox: the
# servers' names carry a random part too, so that two runs at once never share or kill a server.
TMUX_RUN=$$-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')

# The sessions so far, each on its own server so that one's end never races the next's start.
tmux_kill_all() {
	local i
	for ((i = 1; i <= TMUX_N; i++)); do
		tmux -L "nsviz-test-$TMUX_RUN-$i" kill-server 2>/dev/null
	done
}
at_exit tmux_kill_all

# tmux_start W H CMD: run CMD in a detached W x H session; afterwards the pane prints EXIT=status
# and the terminal modes (stty -a) so the test can see the terminal was restored.
tmux_start() {
	local w=$1 h=$2
	shift 2
	TMUX_N=$((TMUX_N + 1))
	TMUX_SOCK=nsviz-test-$TMUX_RUN-$TMUX_N
	tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s t -x "$w" -y "$h" \
		"$*; echo EXIT=\$?; stty -a; sleep 600"
	tmux -L "$TMUX_SOCK" set-option -t t -g status off >/dev/null
}

screen() { tmux -L "$TMUX_SOCK" capture-pane -p -t t; }
keys() { tmux -L "$TMUX_SOCK" send-keys -t t "$@"; }
resize() { tmux -L "$TMUX_SOCK" resize-window -t t -x "$1" -y "$2"; }

# wait_screen REGEX [SECONDS]: until the screen matches (extended regex), 0; else 1.
wait_screen() {
	local i
	for ((i = 0; i < ${2:-10} * 10; i++)); do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	return 1
}

# The terminal is back in cooked mode with echo once nsviz has gone.
terminal_restored() {
	local s
	s=$(screen)
	printf '%s\n' "$s" | grep -q -- ' icanon' && printf '%s\n' "$s" | grep -Eq -- '(^| )echo( |$)'
}

show_screen() { screen | sed 's/^/# | /' >&2; }

# The seed's network (red 10.0.0.1 and green 10.0.0.2 on bridge1) made by plain ip commands, as
# a user would; inside the sandbox, which removes it.
seed_by_hand() {
	local c s ns addr
	ip link add bridge1 type bridge
	ip link set bridge1 up
	for c in r:red:10.0.0.1 g:green:10.0.0.2; do
		IFS=: read -r s ns addr <<<"$c"
		ip netns add "$ns"
		ip link add "eth0-$s" type veth peer name "veth-$s"
		ip link set "eth0-$s" netns "$ns"
		ip link set "veth-$s" master bridge1 up
		ip -n "$ns" addr add "$addr/24" dev "eth0-$s"
		ip -n "$ns" link set "eth0-$s" up
		ip -n "$ns" link set lo up
	done
}

# drop_rate_near WHERE WANT: while the test's traffic runs (PID $PING alive), the drop rate the
# selected object's line `✗ WHERE R drop/s` gives is within 25 % of WANT; sets rate (R) and sc
# (that screen). For wait_until: on a loaded machine one interval may count a late batch of
# events, so a test waits for a reading inside the tolerance (as tui_rates.sh does); the traffic
# must still run, so that a rate fading after it cannot pass.
drop_rate_near() {
	kill -0 "$PING" 2>/dev/null || return 1
	sc=$(screen)
	rate=$(grep -o "✗ $1 [0-9.]* drop/s" <<<"$sc" | awk '{print $3}')
	awk -v r="${rate:-0}" -v w="$2" 'BEGIN { exit !(r >= 0.75 * w && r <= 1.25 * w) }'
}
