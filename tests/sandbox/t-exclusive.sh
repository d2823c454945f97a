#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Exclusive use of an image (compat/block/bdev.c's lock): while one kfs has
# it mounted read-write, a second kfs and a read-write kfs-shell are refused
# with one line naming the holder; read-only mounts share the image.
. "$(dirname "$0")/../fuse/lib.sh"
SHELL_BIN=${KFS_SHELL:?}

img=$T/m.img
mp=$T/mnt
mp2=$T/mnt2
minix_image "$img" 16384
mkmp "$mp"
mkmp "$mp2"

note "rw + rw: the second is refused, naming the first"
start_fg "$KFS" "$img" "$mp"
echo one >"$mp/one"
"$KFS" "$img" "$mp2" 2>"$T/err" && fail "a second read-write kfs mounted the image"
want="$img is in use by kfs (pid $DPID) mounted on $mp"
[ "$(cat "$T/err")" = "kfs: $want" ] ||
	{ cat "$T/err"; fail "expected exactly one line: kfs: $want"; }
is_mounted "$mp2" && fail "$mp2 mounted"

note "rw mounted: ro kfs refused too (it would read a changing image)"
"$KFS" -o ro "$img" "$mp2" 2>"$T/err" && fail "a read-only kfs mounted a read-write-mounted image"
grep -qF "$want" "$T/err" || { cat "$T/err"; fail "holder not named"; }

note "rw mounted: kfs-shell -w refused, naming the holder"
"$SHELL_BIN" -w "$img" ls / >"$T/out" 2>"$T/err" && fail "kfs-shell -w opened a mounted image"
grep -qF "$want" "$T/err" || { cat "$T/err"; fail "kfs-shell does not name the holder"; }
stop_fg "$mp"
fsck_clean "$img"

note "unmounted: the lock is gone with the daemon"
"$SHELL_BIN" -w "$img" ls / >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "kfs-shell -w after unmount"; }
grep -q one "$T/out" || fail "kfs-shell ls: $(cat "$T/out")"

note "ro + ro: both mount and read"
start_fg "$KFS" -o ro "$img" "$mp"
d1=$DPID
l1=$DLOG
start_fg "$KFS" -o ro "$img" "$mp2"
[ "$(cat "$mp/one")" = one ] && [ "$(cat "$mp2/one")" = one ] || fail "reading through both"
"$KFS" "$img" "$T" 2>"$T/err" && fail "read-write kfs while two read-only mounts"
grep -qF "$img is in use by kfs (pid " "$T/err" || { cat "$T/err"; fail "holder not named"; }
stop_fg "$mp2"
DPID=$d1
DLOG=$l1
stop_fg "$mp"
fsck_clean "$img"
echo "PASS"
