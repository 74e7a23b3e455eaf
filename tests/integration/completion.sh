#!/usr/bin/env bash
# Bash completion (contrib/bash-completion/nsviz), for real: bash sources the file, COMP_WORDS and
# COMP_CWORD are set as readline sets them, _nsviz runs, COMPREPLY is checked. Commands and
# options are checked against what the binary accepts; namespaces and bridges are made here with
# ip and must come back.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"

# `nsviz` on PATH, as it is once installed.
mkdir -p "$T_TMP/bin" "$T_TMP/cwd/sub"
ln -s "$NSVIZ" "$T_TMP/bin/nsviz"
touch "$T_TMP/cwd/lab.topo" "$T_TMP/cwd/notes.txt" "$T_TMP/cwd/sub/x.topo"
ip netns add red
ip netns add green
ip link add br-lab type bridge

# tab WORD...: what <TAB> offers after `WORD...` (the last word is the one being typed),
# sorted, one a line.
tab() {
	(cd "$T_TMP/cwd" && PATH=$T_TMP/bin:$PATH bash --norc --noprofile -c '
		. "$1/contrib/bash-completion/nsviz" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_nsviz
		printf "%s\n" "${COMPREPLY[@]}" | sort' bash "$TOP" "$@")
}
words() { printf '%s\n' "$@" | sort; }

is "$(bash --norc -c ". '$TOP/contrib/bash-completion/nsviz' && complete -p nsviz")" \
	"complete -F _nsviz nsviz" "sourcing the file registers _nsviz for nsviz"

commands=$(tab nsviz "")
is "$commands" "$(words check discover down fdb run show stats trace up watch why \
	$("$NSVIZ" --help | grep -Eo '^  export ' ))" "nsviz <TAB>: the commands"
for c in $commands; do
	"$NSVIZ" "$c" --help >/dev/null
	ok $? "nsviz $c --help: the binary takes the completed command $c"
done
is "$(tab nsviz wa)" watch "nsviz wa<TAB>: watch"
is "$(tab nsviz -)" "$(words --json --interval --duration --xdp --refresh --fake --help --version)" \
	"nsviz -<TAB>: the demo's options, --help and --version"

watch_opts=$(tab nsviz watch --)
is "$watch_opts" "$(words --json --interval --duration --xdp --refresh --fake --netns --bridge --help)" \
	"nsviz watch --<TAB>: watch's options"
is "$(tab nsviz watch --in)" --interval "nsviz watch --in<TAB>: --interval"
is "$(tab nsviz trace --c)" --count "nsviz trace --c<TAB>: --count"
is "$(tab nsviz why --pro)" --proto "nsviz why --pro<TAB>: --proto"
like "$(tab nsviz show --)" '^--builtins$' "nsviz show --<TAB>: --builtins"

topologies=$(words seed router lab.topo sub)
is "$(tab nsviz show "")" "$topologies" "nsviz show <TAB>: built-ins, .topo files, directories"
is "$(tab nsviz "" | grep -c topo)" 0 "(not at the command's place)"
is "$(tab nsviz watch --interval 1 "")" "$topologies" "an option's value is skipped before TOPOLOGY"
is "$(tab nsviz up r)" router "nsviz up r<TAB>: router"
is "$(tab nsviz show sub/)" sub/x.topo "a .topo file in a directory"
is "$(tab nsviz up seed "")" "" "nothing after TOPOLOGY"
is "$(tab nsviz trace seed "")" "" "trace: no topology after TOPOLOGY (a filter follows)"
is "$(tab nsviz discover "")" "" "discover takes no TOPOLOGY"

is "$(tab nsviz watch --netns "")" "$(words green red)" "--netns <TAB>: ip netns list"
is "$(tab nsviz trace --netns red,g)" red,green "--netns red,g<TAB>: the list's last name"
is "$(tab nsviz stats --bridge "")" br-lab "--bridge <TAB>: the host's bridges"
is "$(tab nsviz watch --interval "")" "" "--interval <TAB>: nothing (a number)"
is "$(tab nsviz why "")" "$(words green host red)" "why <TAB>: FROM, a namespace or host"
is "$(tab nsviz why red g)" green "why red g<TAB>: DEST, a namespace"
is "$(tab nsviz why --count 2 red "")" "$(words green host red)" "why: option values are skipped"
is "$(tab nsviz why red green "")" "" "why: nothing after DEST"
is "$(tab nsviz why --proto "")" "$(words icmp tcp udp)" "why --proto <TAB>: icmp tcp udp"
done_testing
