#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# fs/fat through the FUSE adapter (J): FAT12/16/32 images made by mkfs.fat
# are recognised and mounted as vfat by `kfs` (and by kfs-vfat/kfs-msdos
# with the type fixed by the name); a tree with long and international names
# copied in with cp is clean for `fsck.fat -n` after `kfs -u` and comes out
# identical through mtools; names differing only in case are one file;
# a 300 MiB file survives the round trip; uid=/umask= are visible through the mount (FAT has no x bit: 0777 & ~umask).
. "$(dirname "$0")/lib.sh"
[ -x "$FUSE_BIN_DIR/kfs-vfat" ] || { echo "SKIP: vfat not built in"; exit 77; }
export MTOOLS_SKIP_CHECK=1 LC_ALL=C.UTF-8

fat_clean() {
	fsck.fat -n "$1" >"$T/fsck.out" 2>&1 || {
		cat "$T/fsck.out"
		fail "fsck.fat -n $1 reports errors"
	}
}

src=$T/src
mkdir -p "$src/Каталог/深い/βαθύ" "$src/empty dir"
printf 'hello\n' >"$src/Long name with spaces.text"
printf 'greek\n' >"$src/Ελληνικά.txt"
printf 'cjk\n' >"$src/Каталог/深い/日本語のファイル.txt"
head -c 3000000 /dev/urandom >"$src/Каталог/深い/βαθύ/big.bin"
: >"$src/zero"
mp=$T/mnt
mkmp "$mp"

for fat in 12 16 32; do
	note "FAT$fat through kfs (type recognised)"
	img=$T/f$fat.img
	rm -f "$img"
	truncate -s 64M "$img"
	mkfs.fat -F $fat $( [ $fat = 32 ] && echo "-s 1" ) "$img" >/dev/null || fail "mkfs.fat -F $fat"
	start_fg "$KFS" -o utf8 "$img" "$mp"
	cp -r "$src/." "$mp/" || fail "cp into FAT$fat"
	printf 'upper\n' >"$mp/CASE.txt"
	printf 'lower\n' >"$mp/case.TXT"
	[ "$(cat "$mp/Case.Txt")" = lower ] || fail "case-insensitive names are not one file"
	[ "$(ls "$mp" | grep -ci '^case\.txt$')" = 1 ] || fail "two entries for one case-insensitive name"
	diff -r "$src" "$mp" -x CASE.txt >/dev/null || fail "tree differs through the mount"
	timeout 120 "$KFS" -u "$mp" || fail "kfs -u"
	wait_daemon "$DPID"
	[ "$DSTATUS" = 0 ] || { cat "$DLOG"; fail "daemon exit status $DSTATUS"; }
	fat_clean "$img"
	rm -rf "$T/out"
	mkdir "$T/out"
	mcopy -s -n -i "$img" ::/ "$T/out/" || fail "mcopy"
	rm "$T/out/CASE.txt"
	diff -r "$src" "$T/out" || fail "mtools extracts a different tree from FAT$fat"
done

note "kfs-vfat with uid=, umask=; kfs-msdos"
start_fg "$FUSE_BIN_DIR/kfs-vfat" -o uid=4321,gid=4322,umask=077 "$T/f16.img" "$mp"
[ "$(stat -c '%u %g %a' "$mp/zero")" = "4321 4322 700" ] || fail "uid/gid/umask: $(stat -c '%u %g %a' "$mp/zero")"
timeout 120 "$KFS" -u "$mp" || fail "kfs -u"
wait_daemon "$DPID"
start_fg "$FUSE_BIN_DIR/kfs-msdos" "$T/f12.img" "$mp"
[ -f "$mp/zero" ] || fail "msdos: zero missing"
printf 'dos\n' >"$mp/dosfile.txt" || fail "msdos write"
timeout 120 "$KFS" -u "$mp" || fail "kfs -u"
wait_daemon "$DPID"
fat_clean "$T/f12.img"
[ "$(mtype -i "$T/f12.img" ::/DOSFILE.TXT)" = dos ] || fail "msdos file not readable by mtools"
note "a 300 MiB file on FAT32 (cluster chain of ~77000 entries)"
img=$T/big.img
rm -f "$img"
truncate -s 400M "$img"
mkfs.fat -F 32 "$img" >/dev/null || fail "mkfs.fat big"
head -c 314572800 /dev/urandom >"$T/big.src"
start_fg "$KFS" "$img" "$mp"
cp "$T/big.src" "$mp/big file.bin" || fail "cp big"
timeout 120 "$KFS" -u "$mp" || fail "kfs -u"
wait_daemon "$DPID"
fat_clean "$img"
mcopy -n -i "$img" "::/big file.bin" "$T/big.out" || fail "mcopy big"
cmp "$T/big.src" "$T/big.out" || fail "300 MiB file differs (mtools)"
"$KFS" -o ro "$img" "$mp" || fail "mount ro"
cmp "$T/big.src" "$mp/big file.bin" || fail "300 MiB file differs (kfs)"
timeout 120 "$KFS" -u "$mp" || fail "kfs -u"
echo "fat: ok"
