#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A normal user (here nobody, with no groups) mounts an image file they own
# on a directory they own, through the setuid fusermount3 only: writes,
# unmounts with kfs -u (fusermount3 -u underneath), and the image is clean.
# The daemon is sandboxed as that user (no uid change).
. "$(dirname "$0")/../fuse/lib.sh"

command -v fusermount3 >/dev/null || fail "fusermount3 (package fuse3) is not installed"
[ -u "$(command -v fusermount3)" ] || fail "fusermount3 is not setuid root"

# Unprivileged FUSE needs /dev/fuse open to everybody (mode 0666, as udev
# makes it: fusermount3 opens it with the user's fsuid).  Containers may
# create it 0600: made standard for the test, and put back afterwards.
fuse_mode=$(stat -c %a /dev/fuse)
if [ "$fuse_mode" != 666 ]; then
	chmod 0666 /dev/fuse || fail "chmod 0666 /dev/fuse"
	trap 'rc=$?; chmod "$fuse_mode" /dev/fuse; (exit $rc); cleanup' EXIT
	trap 'exit 1' HUP INT TERM	# a timeout's SIGTERM restores it too
fi

U=$T/u			# the user's own directory
mkdir "$U" && chown 65534:65534 "$U" && chmod 700 "$U" || fail "setup"
img=$U/m.img
mp=$U/mnt
mkdir "$mp" && chown 65534:65534 "$mp"
MOUNTS="$MOUNTS $mp"

# Sanitizer reports of the user's programs: in a directory the user may write.
as_user() {
	setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$U" \
		ASAN_OPTIONS="${ASAN_OPTIONS%%log_path=*}log_path=$U/sanitizer" \
		UBSAN_OPTIONS="${UBSAN_OPTIONS%%log_path=*}log_path=$U/sanitizer" \
		TSAN_OPTIONS="${TSAN_OPTIONS%%log_path=*}log_path=$U/sanitizer" "$@"
}
# made by the user: the root directory is theirs (mkfs.minix uses its uid)
as_user truncate -s 16M "$img" && as_user mkfs.minix -3 "$img" >/dev/null || fail "mkfs as the user"

check_user_sanitizer() {
	for f in "$U"/sanitizer.*; do
		[ -e "$f" ] || continue
		cat "$f"
		fail "sanitizer report from a program run as the user ($f)"
	done
}

# Root may not even stat a user's mount (no allow_other): mountinfo tells.
in_mountinfo() {
	awk -v m="$1" '$5 == m { f = 1 } END { exit !f }' /proc/self/mountinfo
}

# find_daemon: pid= the sandboxed daemon running as nobody (its unmount
# helper has the same command line, without seccomp).
find_daemon() {
	pid=
	for p in $(pgrep -u 65534 -f "$KFS $img $mp"); do
		grep -q '^Seccomp:[[:space:]]*2$' "/proc/$p/status" && pid=$p
	done
	[ -n "$pid" ] || fail "no sandboxed daemon running as nobody"
	PIDS="$PIDS $pid"
}

note "mount as nobody"
as_user "$KFS" "$img" "$mp" 2>"$T/err" || { cat "$T/err"; fail "kfs as nobody"; }
in_mountinfo "$mp" || fail "not mounted"
grep -F " $mp " /proc/self/mountinfo | grep -q "user_id=65534" || fail "not a user mount"
find_daemon
grep -q '^NoNewPrivs:[[:space:]]*1$' "/proc/$pid/status" || fail "no_new_privs"

note "the user writes and reads; others (root too) are kept out without allow_other"
as_user sh -c "mkdir '$mp/d' && cp /etc/services '$mp/d/s' && echo hi >'$mp/f'" ||
	fail "writing as the user"
as_user cmp /etc/services "$mp/d/s" || fail "reading back as the user"
[ "$(as_user stat -c %u "$mp/f")" = 65534 ] || fail "file not owned by the user"
stat "$mp/f" >/dev/null 2>&1 && fail "root reached a user mount without allow_other"

note "allow_other needs user_allow_other in /etc/fuse.conf"
if ! grep -q '^user_allow_other' /etc/fuse.conf 2>/dev/null; then
	mp2=$U/mnt2
	as_user mkdir "$mp2"
	MOUNTS="$MOUNTS $mp2"
	as_user cp "$img" "$U/o.img"
	as_user "$KFS" -o ro,allow_other "$U/o.img" "$mp2" 2>"$T/err" >/dev/null &&
		fail "allow_other accepted without user_allow_other"
	[ "$(wc -l <"$T/err")" = 1 ] || { cat "$T/err"; fail "expected one line"; }
	grep -q allow_other "$T/err" || { cat "$T/err"; fail "message does not name allow_other"; }
fi

note "kfs -u as the user"
as_user timeout 300 "$KFS" -u "$mp" || fail "kfs -u as nobody"
not_running "$pid" || fail "daemon still running after kfs -u"
in_mountinfo "$mp" && fail "still mounted"
fsck_clean "$img"

note "SIGTERM by the user: unmounted through fusermount3, clean"
as_user "$KFS" "$img" "$mp" || fail "kfs as nobody (2)"
find_daemon
as_user cp /etc/services "$mp/t" || fail "write (2)"
as_user kill -TERM "$pid"
wait_for 120 not_running "$pid" || fail "daemon did not end on SIGTERM"
not_in_mountinfo() { ! in_mountinfo "$1"; }
wait_for 30 not_in_mountinfo "$mp" || fail "still mounted after SIGTERM"
fsck_clean "$img"
check_user_sanitizer
echo "PASS"
