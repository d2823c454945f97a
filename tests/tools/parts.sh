#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Filesystems inside whole-disk images: `-o part=N` (MBR and GPT, through
# tools/common's partition reader) and `-o offset=BYTES`.  A file put into
# one partition comes back out of it, the partition's fsck is clean, and
# the bytes outside the partition are untouched.
# Usage: parts.sh FSTYPE KFS-SHELL KFS-CHECK
set -eu
fs=$1
shell=$2
check=$3
. "$(dirname "$0")/lib.sh"
disk=$work/disk
part=$work/part

# Byte ranges of the disk outside [start, start + size).
outside() {
	head -c "$2" "$disk" | sha256sum | cut -d' ' -f1
	tail -c +"$(($2 + $3 + 1))" "$disk" | sha256sum | cut -d' ' -f1
}

for label in dos gpt; do
	rm -f "$disk"
	truncate -s 96M "$disk"
	printf 'label: %s\nstart=2048, size=16384\nstart=20480, size=131072\n' "$label" |
		sfdisk -q "$disk"
	start=$((20480 * 512))
	size=$((131072 * 512))
	mkimg "$part"
	dd if="$part" of="$disk" bs=1M seek=$((start / 1048576)) conv=notrunc status=none
	before=$(outside "$disk" $start $size)

	expect_status 0 "$shell" -w -o part=2 "$disk" put "$here/treelist.py" /file
	expect_status 0 "$shell" -o part=2 "$disk" cat /file
	cmp "$work/stdout" "$here/treelist.py" || fail "$label: cat after put"
	expect_status 0 "$shell" -o offset=$start "$disk" cat /file
	cmp "$work/stdout" "$here/treelist.py" || fail "$label: -o offset="
	expect_status 0 "$check" -o part=2 "$disk"
	[ "$(outside "$disk" $start $size)" = "$before" ] ||
		fail "$label: bytes outside the partition changed"
	dd if="$disk" of="$part" bs=1M skip=$((start / 1048576)) count=$((size / 1048576)) \
		status=none
	fsck_img "$part" >"$work/fsck.log" 2>&1 || { cat "$work/fsck.log"; fail "$label: fsck"; }
	# Partition 1 holds no filesystem; partition 3 does not exist.
	expect_status 2 "$shell" -o part=1 "$disk" ls
	expect_status 2 "$shell" -o part=3 "$disk" ls
	expect_err_line "kfs-shell: $disk: no partition 3"
done
echo "parts $fs: ok"
