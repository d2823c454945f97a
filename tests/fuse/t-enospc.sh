#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A full filesystem through the writeback cache.  The host kernel accepts
# write(2) into its page cache and sends the data later; when the
# filesystem fills up, that failure must reach the writer (fsync, close) and
# no byte of a file may silently go missing: the host ignores the count in
# the reply to a page-cache WRITE, so a short write would drop data.  (ext2
# or minix in the kernel fail the write(2) itself; through FUSE's writeback
# cache fsync is where ENOSPC shows, as on NFS.)
. "$(dirname "$0")/lib.sh"

img=$T/m.img
minix_image "$img" 4096
mp=$T/mnt
mkmp "$mp"
start_fg "$KFS" "$img" "$mp"

note "20 MiB into 4 MiB: ENOSPC from fsync"
dd if=/dev/zero of="$mp/big" bs=1M count=20 conv=fsync 2>"$T/dd.err" &&
	fail "writing 20 MiB into a 4 MiB filesystem succeeded"
grep -q "No space left on device" "$T/dd.err" || { cat "$T/dd.err"; fail "not ENOSPC"; }
rm "$mp/big" || fail "rm"

note "a file that fits is written completely, after the full disk"
head -c 1000000 /dev/urandom >"$T/ref"
cp "$T/ref" "$mp/fits" || fail "cp"
sync "$mp/fits" || fail "fsync"
stop_fg "$mp"
fsck_clean "$img"
start_fg "$KFS" -o ro "$img" "$mp"
cmp "$T/ref" "$mp/fits" || fail "content after remount"
stop_fg "$mp"

note "filling up in 1 KiB steps: what fsync confirmed is on the image"
start_fg "$KFS" "$img" "$mp"
i=0
while :; do
	i=$((i + 1))
	[ $i -le 10000 ] || fail "no ENOSPC after 10000 files"
	head -c 3000 "$T/ref" >"$mp/f$i" 2>/dev/null && sync "$mp/f$i" 2>/dev/null || break
done
last=$((i - 1))
[ $last -ge 100 ] || fail "ENOSPC after only $last files"
rm -f "$mp/f$i"
stop_fg "$mp"
fsck_clean "$img"
start_fg "$KFS" -o ro "$img" "$mp"
head -c 3000 "$T/ref" >"$T/ref3"
j=1
while [ $j -le $last ]; do
	cmp -s "$T/ref3" "$mp/f$j" || fail "f$j (fsync'ed) differs after remount"
	j=$((j + 1))
done
stop_fg "$mp"
echo "PASS"
