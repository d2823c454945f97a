#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ext2 from the kernel tree, in-process (kfs-shell, no FUSE): on images made
# by mkfs.ext2 -I 128 with 1 KiB and 4 KiB blocks, with and without
# dir_index, tiny and multi-GiB sparse, copy in a real source tree (the
# kernel tree's fs/ directory), check it with e2fsck -fn, copy it back out
# and compare byte for byte, rebuild part of it (remove a subtree, copy it
# in again), delete it all, and check again.
#
#   t-tree.sh KFS_SHELL
set -u
SHELL_BIN=${1:?usage: t-tree.sh KFS_SHELL}
SRC=${KFS_KSRC:?run through meson test}/fs
export KFS_LEAK_REPORT=0
# kfs-shell exits without kfs_exit(), so inodes whose RCU-delayed free is
# still pending show up as leaks in LeakSanitizer (minix alike; reported to
# tools/).  Leaks of ext2 in-process are checked by ext2-api, which ends
# with kfs_exit().  Everything else ASan/UBSan check stays on.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

T=$(mktemp -d /tmp/kfs-ext2-tree.XXXXXX)
trap 'rm -rf "$T"' EXIT

fail() {
	echo "FAIL: $*"
	exit 1
}

# sh IMG COMMAND...: one kfs-shell command, read-write; output in $T/sh.out.
sh_rw() {
	_img=$1
	shift
	"$SHELL_BIN" -w -e "$_img" "$@" >"$T/sh.out" 2>&1 || {
		tail -20 "$T/sh.out"
		fail "kfs-shell -w $_img $*"
	}
}

fsck_clean() {
	e2fsck -fn "$1" >"$T/fsck.out" 2>&1 || {
		cat "$T/fsck.out"
		fail "e2fsck -fn $1 after: $2"
	}
}

# The files the image must hold: every regular file, symlink and directory
# of fs/ (names only; contents are compared with diff -r).
nfiles=$(find "$SRC" -type f | wc -l)
[ "$nfiles" -gt 1000 ] || fail "$SRC has only $nfiles files"

# name  size  mkfs options
run_case() {
	name=$1 size=$2
	shift 2
	img=$T/$name.img
	rm -f "$img"
	truncate -s "$size" "$img"
	mkfs.ext2 -q -F -I 128 "$@" "$img" >"$T/mkfs.out" 2>&1 || {
		cat "$T/mkfs.out"
		fail "$name: mkfs.ext2 $*"
	}
	fsck_clean "$img" "mkfs ($name)"

	sh_rw "$img" put "$SRC" /
	fsck_clean "$img" "copying fs/ in ($name)"

	rm -rf "$T/out"
	mkdir "$T/out"
	"$SHELL_BIN" "$img" get /fs "$T/out/" >"$T/sh.out" 2>&1 ||
		{ tail -20 "$T/sh.out"; fail "$name: get /fs"; }
	diff -r "$SRC" "$T/out/fs" >"$T/diff.out" 2>&1 ||
		{ head -20 "$T/diff.out"; fail "$name: fs/ differs after a remount"; }
	got=$(find "$T/out/fs" -type f | wc -l)
	[ "$got" -eq "$nfiles" ] || fail "$name: $got files back, $nfiles put in"

	# rebuild part of it: remove two subtrees and put them back
	sh_rw "$img" rm -r /fs/ext2 /fs/minix
	sh_rw "$img" put "$SRC/ext2" "$SRC/minix" /fs/
	fsck_clean "$img" "rebuilding fs/ext2 and fs/minix ($name)"
	rm -rf "$T/out"
	mkdir "$T/out"
	"$SHELL_BIN" "$img" get /fs/ext2 "$T/out/" >"$T/sh.out" 2>&1 ||
		{ tail -20 "$T/sh.out"; fail "$name: get /fs/ext2"; }
	diff -r "$SRC/ext2" "$T/out/ext2" >"$T/diff.out" 2>&1 ||
		{ head -20 "$T/diff.out"; fail "$name: fs/ext2 differs after rebuilding"; }

	sh_rw "$img" rm -r /fs
	fsck_clean "$img" "deleting fs/ ($name)"
	"$SHELL_BIN" "$img" ls -a / >"$T/ls.out" 2>&1 || fail "$name: ls /"
	[ "$(grep -cv '^\.\{1,2\}$\|^lost+found$' "$T/ls.out")" -eq 0 ] ||
		{ cat "$T/ls.out"; fail "$name: / not empty after rm -r /fs"; }
	rm -f "$img"
	echo "ok: $name"
}

run_case 1k         256M -b 1024 -O ^dir_index
run_case 1k-dirindex 256M -b 1024 -O dir_index
run_case 4k         256M -b 4096 -O ^dir_index
run_case 4k-dirindex 256M -b 4096 -O dir_index
# tiny: 2 MiB, 1 KiB blocks: fs/ does not fit, the copy must stop with ENOSPC
# and leave a consistent filesystem
img=$T/tiny.img
truncate -s 2M "$img"
mkfs.ext2 -q -F -I 128 -b 1024 "$img" >/dev/null 2>&1 || fail "tiny: mkfs.ext2"
"$SHELL_BIN" -w -e "$img" put "$SRC" / >"$T/sh.out" 2>&1 &&
	fail "tiny: copying fs/ into 2 MiB succeeded"
grep -q "No space left on device" "$T/sh.out" ||
	{ tail -5 "$T/sh.out"; fail "tiny: no ENOSPC message"; }
fsck_clean "$img" "filling a tiny image"
sh_rw "$img" rm -r /fs
fsck_clean "$img" "emptying a tiny image"
echo "ok: tiny (ENOSPC)"
# multi-GiB sparse images, both block sizes (block groups beyond 4 GiB)
run_case 1k-6g      6G -b 1024 -O dir_index
run_case 4k-16g     16G -b 4096 -O ^dir_index
echo "PASS"
