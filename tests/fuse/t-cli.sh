#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The command line: --help, --version, --list, --list-parts, part=/offset=,
# kfs-TYPE, and bad inputs, each of which must give exactly one line on
# stderr, a non-zero exit and no mount.
. "$(dirname "$0")/lib.sh"

note "--help, --version, --list"
"$KFS" --help >"$T/help" || fail "--help exit status"
for s in SYNOPSIS OPTIONS EXAMPLES "EXIT STATUS" "part=N" "cache=SIZE" "kfs -u"; do
	grep -q -- "$s" "$T/help" || fail "--help lacks '$s'"
done
"$KFS" --version | grep -q "^kfs " || fail "--version"
"$KFS" --version | grep -q "^Linux 6\.1" || fail "--version lacks the kernel tree version"
"$KFS" --list | grep -qx minix || fail "--list lacks minix"

img=$T/m.img
minix_image "$img" 8192
mp=$T/mnt
mkmp "$mp"

# bad IMAGE MOUNTPOINT ARGS...: one line, non-zero, nothing mounted
bad() {
	_what=$1
	shift
	"$@" >"$T/out" 2>"$T/err" && fail "$_what: succeeded"
	[ "$(wc -l <"$T/err")" = 1 ] || { cat "$T/err"; fail "$_what: not one line"; }
	is_mounted "$mp" && fail "$_what: something got mounted"
	echo "ok: $_what: $(cat "$T/err")"
}

note "bad inputs"
bad "missing image" "$KFS" "$T/nonexistent.img" "$mp"
bad "image is a directory" "$KFS" "$T" "$mp"
bad "unknown type" "$KFS" -t nosuchfs "$img" "$mp"
bad "bad kfs option" "$KFS" -o cache=lots "$img" "$mp"
bad "bad partition" "$KFS" -o part=3 "$img" "$mp"
bad "missing mount point" "$KFS" "$img" "$T/nomp"
: >"$T/file"
bad "mount point not a directory" "$KFS" "$img" "$T/file"
head -c 4M /dev/zero >"$T/zero.img"
bad "no recognisable filesystem" "$KFS" "$T/zero.img" "$mp"
bad "corrupt super block, -t minix" "$KFS" -t minix "$T/zero.img" "$mp"
mkfs.ext2 -q -I 128 "$T/e2.img" 4096 2>/dev/null
bad "wrong type" "$KFS" -t minix "$T/e2.img" "$mp"
cp "$img" "$T/corrupt.img"
# keep the minix magic, break the geometry: zones before the inode table
printf '\000\000' | dd of="$T/corrupt.img" bs=1 seek=1032 conv=notrunc 2>/dev/null
printf '\000\000\000\000' | dd of="$T/corrupt.img" bs=1 seek=1024 conv=notrunc 2>/dev/null
bad "corrupt super block" "$KFS" "$T/corrupt.img" "$mp"

note "busy mount point"
"$KFS" "$img" "$mp" >"$T/out" 2>&1 || { cat "$T/out"; fail "mount"; }
grep -q "minix" "$T/out" || fail "the chosen type is not printed"
"$KFS" "$img" "$mp" 2>"$T/err" && fail "second mount on a busy mount point succeeded"
[ "$(wc -l <"$T/err")" = 1 ] || fail "busy: not one line"
"$KFS" -u "$mp" || fail "kfs -u"
is_mounted "$mp" && fail "still mounted"
"$KFS" -u "$mp" 2>"$T/err" && fail "kfs -u of a non-mount succeeded"
[ "$(wc -l <"$T/err")" = 1 ] || fail "kfs -u of a non-mount: not one line"

note "kfs-minix"
"$FUSE_BIN_DIR/kfs-minix" "$img" "$mp" || fail "kfs-minix"
echo hello >"$mp/hello"
"$FUSE_BIN_DIR/kfs-minix" -u "$mp" || fail "kfs-minix -u"
fsck_clean "$img"

note "partition tables"
disk=$T/disk.img
truncate -s 40M "$disk"
printf 'label: dos\nstart=2048,size=16384,type=81\nstart=20480,type=83\n' |
	sfdisk -q "$disk" >/dev/null || fail "sfdisk mbr"
minix_image "$T/p1.img" 8192
dd if="$T/p1.img" of="$disk" bs=512 seek=20480 conv=notrunc 2>/dev/null
"$KFS" --list-parts "$disk" >"$T/parts" || fail "--list-parts"
cat "$T/parts"
grep -q "MBR" "$T/parts" && grep -q "^2 .* minix " "$T/parts" || fail "--list-parts output"
bad "no filesystem at offset 0 of a partitioned disk" "$KFS" "$disk" "$mp"
"$KFS" -o part=2 "$disk" "$mp" || fail "-o part=2"
echo p2 >"$mp/p2"
"$KFS" -u "$mp" || fail "kfs -u (part)"
"$KFS" -o offset=$((20480 * 512)) "$disk" "$mp" || fail "-o offset="
grep -qx p2 "$mp/p2" || fail "file written through part=2 not seen through offset="
"$KFS" -u "$mp" || fail "kfs -u (offset)"
dd if="$disk" of="$T/p2.img" bs=512 skip=20480 count=16384 2>/dev/null
fsck_clean "$T/p2.img"
printf 'label: gpt\nstart=2048,size=16384,type=0FC63DAF-8483-4772-8E79-3D69D8477DE4,name=data\n' |
	sfdisk -q "$disk" >/dev/null || fail "sfdisk gpt"
dd if="$T/p1.img" of="$disk" bs=512 seek=2048 conv=notrunc 2>/dev/null
"$KFS" --list-parts "$disk" >"$T/parts" || fail "--list-parts gpt"
cat "$T/parts"
grep -q "GPT" "$T/parts" && grep -q " data$" "$T/parts" || fail "--list-parts gpt output"
"$KFS" -o part=1,ro "$disk" "$mp" || fail "-o part=1 (gpt)"
echo x >"$mp/x" 2>/dev/null && fail "wrote to a read-only mount"
"$KFS" -u "$mp" || fail "kfs -u (gpt)"
echo "PASS"
