#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The sandbox of a root-started daemon (fuse/sandbox.c): it serves as nobody,
# with no_new_privs and seccomp on every thread, holding only the image, FUSE,
# /proc, /dev/null and pipe descriptors; callers' supplementary groups still
# count; umount, kfs -u and SIGTERM all end it cleanly; a system call outside
# the list ends it with a line naming the call; -o nosandbox warns.
. "$(dirname "$0")/../fuse/lib.sh"

img=$T/m.img
mp=$T/mnt
minix_image "$img" 16384
mkmp "$mp"

field() {	# field PID NAME: the first value of NAME: in /proc/PID/status
	awk -v n="$2:" '$1 == n { print $2; exit }' "/proc/$1/status"
}

note "root-started daemon: nobody, no_new_privs, seccomp on every thread"
start_fg "$KFS" -o allow_other "$img" "$mp"
[ "$(field "$DPID" Seccomp)" = 2 ] || fail "Seccomp is $(field "$DPID" Seccomp), not 2"
[ "$(field "$DPID" NoNewPrivs)" = 1 ] || fail "NoNewPrivs is not 1"
grep -Eq '^Uid:[[:space:]]+65534[[:space:]]+65534[[:space:]]+65534[[:space:]]+65534$' \
	"/proc/$DPID/status" || { grep ^Uid "/proc/$DPID/status"; fail "uid is not nobody"; }
grep -Eq '^Gid:[[:space:]]+65534[[:space:]]+65534[[:space:]]+65534[[:space:]]+65534$' \
	"/proc/$DPID/status" || { grep ^Gid "/proc/$DPID/status"; fail "gid is not nogroup"; }
grep -Eq '^Groups:[[:space:]]*$' "/proc/$DPID/status" || fail "supplementary groups kept"
grep -q '^CapEff:[[:space:]]*0000000000000000$' "/proc/$DPID/status" || fail "capabilities kept"
grep -q '^CapBnd:[[:space:]]*0000000000000000$' "/proc/$DPID/status" || fail "bounding set kept"
n=0
for t in /proc/"$DPID"/task/*; do
	n=$((n + 1))
	grep -q '^Seccomp:[[:space:]]*2$' "$t/status" || fail "thread $t without seccomp"
	grep -Eq '^Uid:[[:space:]]+65534[[:space:]]' "$t/status" || fail "thread $t not nobody"
done
[ $n -ge 2 ] || fail "expected several threads, found $n"

note "only the expected descriptors"
for fd in /proc/"$DPID"/fd/*; do
	l=$(readlink "$fd") || continue
	case $l in
	"$img"|/dev/fuse|/proc|/dev/null|pipe:*|socket:*|"$DLOG") ;;
	*) fail "unexpected descriptor $fd -> $l" ;;
	esac
done

note "serving works"
echo hello >"$mp/a" || fail "write"
mkdir "$mp/d" && cp /etc/services "$mp/d/s" || fail "copy"
cmp /etc/services "$mp/d/s" || fail "read back"

note "supplementary groups (read through the /proc descriptor)"
echo secret >"$mp/g"
chown 0:4242 "$mp/g" && chmod 0640 "$mp/g" || fail "chown/chmod"
out=$(setpriv --reuid=4243 --regid=4243 --groups=4242 cat "$mp/g" 2>&1)
[ "$out" = secret ] || fail "a member of group 4242 (supplementary) cannot read: $out"
if setpriv --reuid=4243 --regid=4243 --clear-groups cat "$mp/g" >/dev/null 2>&1; then
	fail "a non-member read a 0640 file of group 4242"
fi
stop_fg "$mp"
fsck_clean "$img"

note "umount: the daemon finishes and exits 0"
start_fg "$KFS" "$img" "$mp"
echo more >"$mp/b"
umount "$mp" || fail "umount"
wait_daemon "$DPID"
[ "$DSTATUS" = 0 ] || { cat "$DLOG"; fail "daemon exit status $DSTATUS after umount"; }
fsck_clean "$img"

note "SIGTERM: the helper unmounts, the daemon syncs and exits 0"
start_fg "$KFS" "$img" "$mp"
cp /etc/services "$mp/t"
kill -TERM "$DPID"
wait_daemon "$DPID"
[ "$DSTATUS" = 0 ] || { cat "$DLOG"; fail "daemon exit status $DSTATUS after SIGTERM"; }
wait_for 30 sh -c "! mountpoint -q '$mp'" || fail "still mounted after SIGTERM"
fsck_clean "$img"
start_fg "$KFS" -o ro "$img" "$mp"
cmp /etc/services "$mp/t" || fail "file written before SIGTERM differs"
stop_fg "$mp"

note "daemon mode (syslog) is sandboxed too; kfs -u"
"$KFS" "$img" "$mp" || fail "kfs (daemon mode)"
# Two processes run that command line: the daemon (sandboxed) and its
# unmount helper (not sandboxed, holding nothing but two pipes).
pid=
helper=
for p in $(pgrep -f "^$KFS $img $mp\$"); do
	if [ "$(field "$p" Seccomp)" = 2 ]; then pid=$p; else helper=$p; fi
done
[ -n "$pid" ] || fail "daemon-mode daemon not sandboxed"
PIDS="$PIDS $pid"
[ -n "$helper" ] || fail "no unmount helper"
for fd in /proc/"$helper"/fd/*; do
	l=$(readlink "$fd") || continue
	case $l in
	/dev/null|pipe:*) ;;
	*) fail "the unmount helper holds $fd -> $l" ;;
	esac
done
echo x >"$mp/c"
timeout 300 "$KFS" -u "$mp" || fail "kfs -u"
not_running "$pid" || fail "daemon still running after kfs -u"
fsck_clean "$img"

note "-o user=NAME"
start_fg "$KFS" -o user=daemon "$img" "$mp"
[ "$(awk '$1 == "Uid:" { print $2 }' "/proc/$DPID/status")" = "$(id -u daemon)" ] ||
	fail "-o user=daemon: not uid $(id -u daemon)"
stop_fg "$mp"
"$KFS" -o user=no-such-user-kfs "$img" "$mp" 2>"$T/err" && fail "unknown user accepted"
grep -q "user=no-such-user-kfs" "$T/err" || fail "message: $(cat "$T/err")"

note "a forbidden system call ends the daemon with a line naming it"
NDAEMONS=$((NDAEMONS + 1))
slog=$T/selftest.log	# not daemon.*.log: dying is expected here
KFS_SANDBOX_SELFTEST=1 "$KFS" -f "$img" "$mp" >"$slog" 2>&1 &
spid=$!
PIDS="$PIDS $spid"
wait_daemon "$spid"
[ "$DSTATUS" = $((128 + 31)) ] || { cat "$slog"; fail "status $DSTATUS, not death by SIGSYS"; }
grep -Eq "sandbox: system call ptrace \([0-9]+\) is not allowed" "$slog" ||
	{ cat "$slog"; fail "no line naming ptrace"; }
[ "$(grep -c 'not allowed' "$slog")" = 1 ] || fail "more than one line"
umount -l "$mp" 2>/dev/null
fsck_clean "$img"

note "-o nosandbox: unconfined, and says so"
start_fg "$KFS" -o nosandbox "$img" "$mp"
grep -q "warning: -o nosandbox" "$DLOG" || { cat "$DLOG"; fail "no warning"; }
[ "$(field "$DPID" Seccomp)" = 0 ] || fail "seccomp with nosandbox"
[ "$(awk '$1 == "Uid:" { print $2 }' "/proc/$DPID/status")" = 0 ] || fail "uid changed"
stop_fg "$mp"
fsck_clean "$img"
echo "PASS"
