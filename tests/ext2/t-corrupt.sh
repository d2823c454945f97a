#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ext2 on damaged images, in-process (kfs-shell): random bytes of the
# superblock, the group descriptors, the inode table or a directory block
# are overwritten (seeded, reproducible), then the whole tree is listed and
# its files read, read-only.  The process must end normally (exit 0, or 1 with the
# error of the failing command, or 2 when it could not mount: no crash, no
# BUG, no panic) within a time limit (no hang), a failed mount must say why
# with ext2's own words, and the image must be byte for byte unchanged (a read-only mount never
# writes).  Then the same image is mounted read-write with errors=continue
# and written to: again no crash and no hang.
#
#   t-corrupt.sh KFS_SHELL [SEEDS]
set -u
SHELL_BIN=${1:?usage: t-corrupt.sh KFS_SHELL [SEEDS]}
SEEDS=${2:-24}
SRC=${KFS_KSRC:?run through meson test}/fs
export KFS_LEAK_REPORT=0
# kfs-shell exits without kfs_exit(): see t-tree.sh.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

T=$(mktemp -d /tmp/kfs-ext2-corrupt.XXXXXX)
trap 'rm -rf "$T"' EXIT

fail() {
	echo "FAIL: $*"
	exit 1
}

base=$T/base.img
truncate -s 8M "$base"
mkfs.ext2 -q -F -I 128 -b 1024 -N 512 "$base" >/dev/null 2>&1 || fail "mkfs.ext2"
"$SHELL_BIN" -w -e "$base" put "$SRC/ext2" "$SRC/minix" / >"$T/put.out" 2>&1 ||
	{ tail "$T/put.out"; fail "filling the base image"; }
"$SHELL_BIN" -w -e "$base" setfattr -n user.a -v hello /ext2/super.c >"$T/put.out" 2>&1 ||
	{ tail "$T/put.out"; fail "setfattr on the base image"; }
e2fsck -fn "$base" >/dev/null 2>&1 || fail "base image not clean"

# region name -> "first_byte length"
itable=$(dumpe2fs "$base" 2>/dev/null | sed -n 's/.*Inode table at \([0-9]*\)-.*/\1/p' | head -1)
dirblk=$(debugfs -R 'bmap /ext2 0' "$base" 2>/dev/null)
[ -n "$itable" ] && [ -n "$dirblk" ] || fail "cannot locate metadata (itable=$itable dir=$dirblk)"
regions="super:1024:1024 gdt:2048:1024 itable:$((itable * 1024)):8192 dir:$((dirblk * 1024)):1024"

# corrupt IMG SEED START LEN: overwrite 1..8 random bytes of the range.
corrupt() {
	python3 - "$@" <<'PY'
import random, sys
img, seed, start, length = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
r = random.Random(seed)
with open(img, "r+b") as f:
    for _ in range(r.randrange(1, 9)):
        f.seek(start + r.randrange(length))
        f.write(bytes([r.randrange(256)]))
PY
}

# run_shell OUT ARGS...: kfs-shell with a time limit; its status in RC.
run_shell() {
	_out=$1
	shift
	timeout 60 "$SHELL_BIN" "$@" >"$_out" 2>&1 <"${SHELL_STDIN:-/dev/null}"
	RC=$?
	[ $RC -eq 124 ] && { tail "$_out"; fail "kfs-shell $* hung (60 s)"; }
	[ $RC -le 2 ] || { tail -20 "$_out"; fail "kfs-shell $* ended with status $RC"; }
}

n=0
for region in $regions; do
	name=${region%%:*}
	rest=${region#*:}
	start=${rest%%:*}
	len=${rest#*:}
	seed=1
	while [ $seed -le "$SEEDS" ]; do
		img=$T/$name-$seed.img
		cp "$base" "$img"
		corrupt "$img" "$seed" "$start" "$len"
		sum=$(sha256sum <"$img")
		# list everything, then read every regular file the listing shows
		# (those below 1 MiB: a damaged inode may claim hundreds of GiB of
		# holes, which read as zeros as in the kernel, only slowly)
		run_shell "$T/ro.out" -t ext2 "$img" ls -lR /
		awk '/^\/.*:$/ { dir = substr($0, 1, length($0) - 1); next }
		     /^-/ && NF == 8 && $5 < 1048576 && $8 !~ /[^A-Za-z0-9._+-]/ {
			print "cat \"" (dir == "/" ? "" : dir) "/" $8 "\"" }' \
			"$T/ro.out" >"$T/cat.cmds"
		SHELL_STDIN=$T/cat.cmds run_shell "$T/cat.out" -t ext2 "$img"
		cat "$T/cat.out" >>"$T/ro.out"
		if grep -q "cannot mount" "$T/ro.out"; then
			grep -q "EXT2-fs\|VFS:\|kfs: " "$T/ro.out" ||
				{ cat "$T/ro.out"; fail "$name seed $seed: mount refused without a reason"; }
		fi
		[ "$(sha256sum <"$img")" = "$sum" ] ||
			fail "$name seed $seed: the read-only mount changed the image"
		run_shell "$T/rw.out" -t ext2 -o errors=continue -w "$img" put "$SRC/ext2/acl.c" /new
		run_shell "$T/rw.out" -t ext2 -o errors=continue -w "$img" rm -r /ext2
		rm -f "$img"
		n=$((n + 1))
		seed=$((seed + 1))
	done
	echo "ok: $name ($SEEDS seeds)"
done
echo "PASS ($n damaged images)"
