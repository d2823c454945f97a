#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Eight processes creating, writing, renaming, linking and deleting in shared
# and separate directories of one kfs mount.  Every wait is bounded (no
# request may block forever); afterwards the image is fsck-clean and every
# surviving file holds exactly its content, before and after a remount.
. "$(dirname "$0")/lib.sh"

img=$T/m.img
minix_image "$img" 262144
mp=$T/mnt
mkmp "$mp"
start_fg "$KFS" "$img" "$mp"
mkdir "$mp/s"
timeout 600 "$STRESS" work "$mp/s" 8 1500 5 || fail "workers reported errors (or timed out)"
timeout 300 "$STRESS" verify "$mp/s" || fail "verify through the mount"
stop_fg "$mp"
fsck_clean "$img"
start_fg "$KFS" "$img" "$mp"
timeout 300 "$STRESS" verify "$mp/s" || fail "verify after remount"
stop_fg "$mp"
fsck_clean "$img"
echo "PASS"
