#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Unmounting under heavy writes loses nothing that was fsync'ed: writers
# fsync each file and its directory and log it; the mount is detached under
# them (umount -l), the writers are killed, the daemon must then finish and
# exit by itself; every logged file is intact after a remount, and the image
# is clean.
. "$(dirname "$0")/lib.sh"

img=$T/m.img
minix_image "$img" 262144
mp=$T/mnt
mkmp "$mp"
log=$T/fsynced.log
start_fg "$KFS" "$img" "$mp"
mkdir "$mp/a"
setsid "$STRESS" fsynced "$mp/a" "$log" 4 >/dev/null 2>&1 &
wpid=$!
GROUPS_TO_KILL="$wpid"
logged() { [ -f "$log" ] && [ "$(wc -l <"$log")" -ge 80 ]; }
wait_for 120 logged || fail "writers made no progress"
umount -l "$mp" || fail "umount -l"
sleep 0.5
kill -s KILL -- "-$wpid"
wait "$wpid" 2>/dev/null
wait_daemon "$DPID"
[ "$DSTATUS" = 0 ] || { cat "$DLOG"; fail "daemon exit status $DSTATUS"; }
fsck_clean "$img"
start_fg "$KFS" -o ro "$img" "$mp"
timeout 120 "$STRESS" check-log "$mp/a" "$log" || fail "fsync'ed files lost or damaged"
stop_fg "$mp"

note "plain umount after the writers stop"
start_fg "$KFS" "$img" "$mp"
# a directory of its own: the first run's names exist (O_EXCL)
mkdir "$mp/b"
: >"$log"
setsid "$STRESS" fsynced "$mp/b" "$log" 4 >/dev/null 2>&1 &
wpid=$!
GROUPS_TO_KILL="$wpid"
wait_for 120 logged || fail "writers made no progress"
kill -s KILL -- "-$wpid"
wait "$wpid" 2>/dev/null
# The killed writers' descriptors close as their processes are torn down:
# umount may be EBUSY for a moment.
unmounted() { umount "$mp" 2>/dev/null || ! is_mounted "$mp"; }
wait_for 30 unmounted || fail "umount: still busy 30 s after the writers died"
wait_daemon "$DPID"
[ "$DSTATUS" = 0 ] || { cat "$DLOG"; fail "daemon exit status $DSTATUS"; }
fsck_clean "$img"
start_fg "$KFS" -o ro "$img" "$mp"
timeout 120 "$STRESS" check-log "$mp/b" "$log" || fail "fsync'ed files lost or damaged"
stop_fg "$mp"
echo "PASS"
