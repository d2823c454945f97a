#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# SIGKILL of the daemon in the middle of writes: the image is repairable by
# fsck, clean after the repair, and mounts and reads again.
. "$(dirname "$0")/lib.sh"

img=$T/m.img
minix_image "$img" 262144
mp=$T/mnt
mkmp "$mp"
start_fg "$KFS" "$img" "$mp"
mkdir "$mp/s"
setsid "$STRESS" work "$mp/s" 4 100000 9 >/dev/null 2>&1 &
wpid=$!
GROUPS_TO_KILL="$wpid"
has_files() { [ "$(find "$mp/s" -type f 2>/dev/null | head -50 | wc -l)" -ge 50 ]; }
wait_for 60 has_files || fail "workers made no progress"
kill -9 "$DPID"
wait "$DPID" 2>/dev/null
kill -s KILL -- "-$wpid" 2>/dev/null
wait "$wpid" 2>/dev/null
umount -l "$mp" 2>/dev/null || fusermount3 -uz "$mp"
note "repair"
fsck.minix -a "$img" >"$T/fsck.out" 2>&1
rc=$?
[ $rc -le 3 ] || { cat "$T/fsck.out"; fail "fsck.minix -a could not repair (status $rc)"; }
fsck_clean "$img"
note "mounts again"
start_fg "$KFS" "$img" "$mp"
timeout 120 find "$mp" -type f -exec cat {} + >/dev/null || fail "reading every file"
echo again >"$mp/again" || fail "write after repair"
stop_fg "$mp"
fsck_clean "$img"
echo "PASS"
