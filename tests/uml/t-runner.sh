#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The UML 6.1 runner itself (uml.py): a boot runs the program with the
# image as /dev/ubda, hands back its output and status, loads modules
# (vfat, minix) for the other filesystems' tests, and a read-only disk
# stays unchanged.
set -u
UML=$(dirname "$0")/uml.py
T=$(mktemp -d /tmp/kfs-uml-runner.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
truncate -s 8M "$T/e.img" "$T/f.img" "$T/m.img"
mkfs.ext2 -q -F -I 128 "$T/e.img" >/dev/null 2>&1 || fail "mkfs.ext2"
mkfs.vfat "$T/f.img" >/dev/null || fail "mkfs.vfat"
mkfs.minix "$T/m.img" >/dev/null || fail "mkfs.minix"
sum=$(sha256sum <"$T/m.img")
python3 "$UML" --out "$T/out" --disk "$T/e.img" --disk "$T/f.img" --disk-ro "$T/m.img" \
	--modules vfat,minix -- sh -c '
	mkdir -p /run/m && mount /dev/ubda /run/m && echo hello >/run/m/x && umount /run/m &&
	mount -t vfat /dev/ubdb /run/m && echo fat >/run/m/F.TXT && umount /run/m &&
	mount -t minix -o ro /dev/ubdc /run/m && ls /run/m >/dev/null && umount /run/m &&
	uname -r; exit 7'
st=$?
[ $st -eq 77 ] && { echo "SKIP: no linux.uml"; exit 77; }
[ $st -eq 7 ] || { cat "$T/out/stderr" "$T/out/console" | tail -30; fail "status $st, not 7"; }
grep -q '^6\.1\.' "$T/out/stdout" || fail "not a 6.1 kernel: $(cat "$T/out/stdout")"
grep -q 'EXT2-fs\|ext2' "$T/out/dmesg" || fail "no dmesg"
[ "$(debugfs -R 'cat /x' "$T/e.img" 2>/dev/null)" = hello ] || fail "ext2 write lost"
[ "$(mtype -i "$T/f.img" ::F.TXT 2>/dev/null)" = fat ] || fail "vfat write lost"
[ "$(sha256sum <"$T/m.img")" = "$sum" ] || fail "the read-only disk changed"
e2fsck -fn "$T/e.img" >/dev/null 2>&1 || fail "e2fsck after UML"
echo PASS
