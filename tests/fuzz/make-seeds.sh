#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make-seeds.sh FS OUTDIR: writes small valid images of filesystem type FS
# into OUTDIR, made by the filesystem's own mkfs and filled by a tool that
# is not kfs where one exists (debugfs for ext2, mtools for FAT12/16; for
# minix and small FAT32 there is none, so kfs-shell -- $KFS_SHELL -- fills
# those, and fsck.fat checks the FAT ones).  Each image
# holds a few files (one spanning several blocks), directories, and where
# the format has them symbolic links, hard links and extended attributes.
# Images are kept as small as their mkfs allows (64-128 KiB): a fuzzer
# mutates every byte it is given.
set -eu
fs=$1
out=$2
mkdir -p "$out"
tmp=$(mktemp -d /tmp/kfs-seeds.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

die() { echo "make-seeds.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found (Debian package $2)"; }

# Host files to copy in.
printf 'hello from a seed image\n' >"$tmp/small"
i=0
while [ $i -lt 300 ]; do echo "line $i of a file that spans several blocks"; i=$((i + 1)); done >"$tmp/big"

# new IMG SIZE: an empty file of SIZE
new() { rm -f "$1"; truncate -s "$2" "$1"; }

case "$fs" in
minix)
	need mkfs.minix util-linux
	[ -n "${KFS_SHELL:-}" ] && [ -x "$KFS_SHELL" ] || die "minix seeds need KFS_SHELL (kfs-shell)"
	for v in 1 2 3; do
		img="$out/minix-v$v.img"
		new "$img" 64K
		mkfs.minix -$v "$img" >/dev/null
		"$KFS_SHELL" -e -w -t minix "$img" >/dev/null <<-CMDS
			put $tmp/small /small
			mkdir -p /dir/sub
			put $tmp/big /dir/big
			put $tmp/small /dir/sub/leaf
			ln -s /dir/big /link
			ln /small /dir/hard
			truncate -s 20000 /sparse
		CMDS
		fsck.minix -f "$img" >/dev/null 2>&1 || die "$img: fsck.minix finds it damaged"
	done
	# An empty v1 filesystem too: the smallest valid input.
	new "$out/minix-empty.img" 32K
	mkfs.minix -1 "$out/minix-empty.img" >/dev/null
	;;
ext2)
	need mkfs.ext2 e2fsprogs
	need debugfs e2fsprogs
	for bs in 1024 2048; do
		img="$out/ext2-b$bs.img"
		new "$img" 128K
		mkfs.ext2 -q -F -I 128 -b $bs -N 24 "$img" >/dev/null 2>&1
		debugfs -w -f - "$img" >/dev/null 2>&1 <<-CMDS
			write $tmp/small small
			mkdir dir
			mkdir dir/sub
			write $tmp/big dir/big
			write $tmp/small dir/sub/leaf
			symlink link /dir/big
			symlink longlink /dir/sub/$(printf 'x%.0s' $(seq 1 80))
			ea_set small user.seed hello
			ea_set dir/big user.other world
		CMDS
		e2fsck -fn "$img" >/dev/null 2>&1 || die "$img: e2fsck finds it damaged"
	done
	;;
vfat|msdos)
	need mkfs.fat dosfstools
	need mcopy mtools
	export MTOOLS_SKIP_CHECK=1
	# FAT12, FAT16 (the tail beyond its first clusters cut off: the kernel
	# reads only what the tree uses) and FAT32 (fewer clusters than the
	# format wants, which mkfs allows and the kernel mounts; filled by
	# kfs-shell and checked by fsck.fat).
	for kind in 12 16 32; do
		img="$out/$fs-fat$kind.img"
		case $kind in
		12) new "$img" 64K; mkfs.fat -F 12 "$img" >/dev/null ;;
		16) new "$img" 2100K; mkfs.fat -F 16 -s 1 "$img" >/dev/null ;;
		32) new "$img" 128K; mkfs.fat -F 32 "$img" >/dev/null 2>&1 ;;
		esac
		if [ "$fs" = vfat ]; then
			big="Long File Name.txt"
		else
			big=BIG.TXT
		fi
		if [ $kind = 32 ]; then
			# mtools takes a FAT32 this small for a FAT16 and gives up.
			[ -n "${KFS_SHELL:-}" ] && [ -x "$KFS_SHELL" ] ||
				die "FAT32 seeds need KFS_SHELL (kfs-shell)"
			"$KFS_SHELL" -e -w -t "$fs" "$img" >/dev/null <<-CMDS
				put $tmp/small /SMALL.TXT
				mkdir -p /DIR/SUB
				put $tmp/big "/DIR/$big"
				put $tmp/small /DIR/SUB/LEAF
			CMDS
		else
			mcopy -i "$img" "$tmp/small" ::/SMALL.TXT
			mmd -i "$img" ::/DIR ::/DIR/SUB
			mcopy -i "$img" "$tmp/big" "::/DIR/$big"
			mcopy -i "$img" "$tmp/small" ::/DIR/SUB/LEAF
		fi
		fsck.fat -n "$img" >/dev/null 2>&1 || die "$img: fsck.fat finds it damaged"
		if [ $kind = 16 ]; then
			truncate -s 96K "$img"
		fi
	done
	;;
*)
	die "no seeds for filesystem type $fs"
	;;
esac
