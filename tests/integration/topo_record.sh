#!/usr/bin/env bash
# The ownership record is input: a record `up` did not write (a zero or too large ifindex, a
# namespace name with a path in it, a directory, FIFO, symlink or huge file) is refused by `up`
# and `down`, with the file and line named and exit 2, and nothing is touched; `down --forget`
# shows it and removes it alone.
. "$(dirname "$0")/../lib.sh"
sandbox "$@"

rec=/run/nsviz/nzqe.state
printf 'netns nzqe\n' >"$T_TMP/nzqe.topo"

# A real namespace and the host's cookie, from a record nsviz wrote.
printf 'netns nzqv\n' >"$T_TMP/nzqv.topo"
t_run "up a namespace to borrow its cookie" "$NSVIZ" up "$T_TMP/nzqv.topo"
hostns=$(awk '$1 == "hostns" { print $2 }' /run/nsviz/nzqv.state)
cookie=$(awk '$1 == "netns" { print $3 }' /run/nsviz/nzqv.state)
like "$hostns $cookie" '^[1-9][0-9]* [1-9][0-9]*$' "host and namespace cookies read"

# Victims, made here: a bridge with ifindex 2 and a namespace mounted outside /run/netns.
ip link add victimbr type bridge
ifindex() { ip -o link show dev "$1" 2>/dev/null | cut -d: -f1; }
is "$(ifindex victimbr)" 2 "victim bridge victimbr has ifindex 2"
mkdir -p /run/other
touch /run/other/v
mount --bind /run/netns/nzqv /run/other/v
at_exit "umount /run/other/v"

victims_intact() {
	is "$(ifindex victimbr)" 2 "$1: victimbr is still there"
	t_run "$1: /run/other/v is still mounted" mountpoint -q /run/other/v
}

# refused NAME: up, down, run, watch and trace exit 2, name the record and LINE, say how to recover, touch nothing.
refused() {
	local name=$1 line=$2 cmd
	for cmd in down up run watch trace; do
		timeout 20 "$NSVIZ" "$cmd" "$T_TMP/nzqe.topo" >"$T_TMP/out" 2>&1
		is "$?" 2 "$name: $cmd exits 2"
		like "$(head -1 "$T_TMP/out")" "^nsviz $cmd: $rec$line" "$name: $cmd names the file${line:+ and line}"
		like "$(cat "$T_TMP/out")" "nsviz down --forget nzqe" "$name: $cmd says how to recover"
		is "$(wc -l <"$T_TMP/out")" 1 "$name: $cmd says it in one line"
	done
	victims_intact "$name"
	t_run "$name: the record is left alone" test -e "$rec" -o -L "$rec"
	is "$(ip netns list | awk '{print $1}')" nzqv "$name: up made no namespace"
}

printf 'hostns %s\nbridge bridge1 0\nup\n' "$hostns" >"$rec"
refused "ifindex 0" ":2: "
printf 'hostns %s\nbridge victimbr 4294967298\nup\n' "$hostns" >"$rec"
refused "ifindex 2^32+2" ":2: "
printf 'hostns %s\nnetns ../other/v %s\nup\n' "$hostns" "$cookie" >"$rec"
refused "netns ../other/v" ":2: "

# --forget shows the record as it is, removes it, and nothing it lists.
t_run "down --forget succeeds" "$NSVIZ" down --forget "$T_TMP/nzqe.topo"
like "$(cat "$T_TMP/out")" "netns \.\./other/v $cookie" "--forget shows what the record lists"
like "$(cat "$T_TMP/out")" "forgot the record of nzqe; nothing it lists was removed" "--forget says what it did"
t_run "--forget removed the record" test ! -e "$rec"
t_run "--forget left no lock file" test ! -e /run/nsviz/nzqe.lock
victims_intact "--forget"
t_run "--forget again succeeds" "$NSVIZ" down --forget nzqe
like "$(cat "$T_TMP/out")" "nzqe has no record" "--forget again says there is none"

# Not a file nsviz writes: never followed, never read.
rm -f "$rec"
mkdir "$rec"
refused "a directory" ": is a directory"
t_run "--forget removes an empty directory" "$NSVIZ" down --forget nzqe
t_run "the directory is gone" test ! -e "$rec"

mkfifo "$rec"
refused "a FIFO" ": is a FIFO"
rm -f "$rec"

printf 'hostns %s\nbridge victimbr 2\nup\n' "$hostns" >"$T_TMP/elsewhere"
ln -s "$T_TMP/elsewhere" "$rec"
refused "a symlink" ": is a symbolic link"
t_run "--forget removes the symlink" "$NSVIZ" down --forget nzqe
t_run "and not what it points to" test -s "$T_TMP/elsewhere"

yes "hostns $hostns" | head -c 17M >"$rec"
refused "17 MiB" ": is larger than"
rm -f "$rec"

t_run "down the namespace that lent its cookie" "$NSVIZ" down "$T_TMP/nzqv.topo"
umount /run/other/v
is "$(ip netns list)" "" "no namespace left"
done_testing
