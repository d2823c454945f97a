#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# posix_test through a real kfs mount of a minix v3 image, after running it
# on the host kernel's own ext2 (loop mount) as the reference: both must
# pass the same checks.  The image is fsck-clean afterwards.
. "$(dirname "$0")/lib.sh"

note "reference: the host kernel's ext2"
ref=$T/ref.img
truncate -s 256M "$ref"
mkfs.ext2 -q -I 128 "$ref" 2>/dev/null
rmp=$T/ref
mkmp "$rmp"
if mount -o loop "$ref" "$rmp" 2>/dev/null; then
	timeout 300 "$POSIX_TEST" "$rmp" || fail "posix_test fails on the host's ext2: the test is wrong"
	umount "$rmp"
else
	echo "(no loop mount here: reference run skipped)"
fi

note "kfs: minix v3"
img=$T/m.img
minix_image "$img" 262144
mp=$T/mnt
mkmp "$mp"
# allow_other: the permission checks run as uid 4242, and FUSE lets only the
# mounting user in unless told otherwise.  No default_permissions: the checks
# are minix's own (generic_permission through the VFS slice).
start_fg "$KFS" -o allow_other "$img" "$mp"
timeout 300 "$POSIX_TEST" "$mp" || fail "posix_test through kfs"
stop_fg "$mp"
fsck_clean "$img"
echo "PASS"
