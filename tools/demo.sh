#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The demo behind `./run demo`: make a minix image, mount it through kfs, copy a
# tree in, list it, unmount (waiting for the daemon), and let fsck.minix judge.
set -eu
build=$1
kfs=$build/fuse/kfs
work=$(mktemp -d /tmp/kfs-demo.XXXXXX)
img=$work/demo.minix
mnt=$work/mnt
cleanup() {
	mountpoint -q "$mnt" 2>/dev/null && "$kfs" -u "$mnt" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
mkdir -p "$mnt"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step "mkfs.minix -3 $img 16M"
truncate -s 16M "$img"
mkfs.minix -3 "$img" >/dev/null
step "kfs $img $mnt"
"$kfs" "$img" "$mnt"
step "cp -r <kernel tree>/fs/minix $mnt/"
cp -r "$build/kernel/tree/fs/minix" "$mnt/"
ln -s minix/inode.c "$mnt/link-to-inode.c"
step "ls -l $mnt $mnt/minix"
ls -l "$mnt" "$mnt/minix"
step "df -h $mnt"
df -h "$mnt"
# The daemon parses the image confined: no root, no new privileges, seccomp.
pid=$(pgrep -o -f -- "$img $mnt" || true)	# oldest: its unmount helper is younger
if [ -n "$pid" ]; then
	step "grep -E 'Uid|NoNewPrivs|Seccomp:' /proc/$pid/status    # the kfs daemon"
	grep -E '^(Uid|NoNewPrivs|Seccomp):' "/proc/$pid/status"
fi
step "kfs -u $mnt"
"$kfs" -u "$mnt"
step "fsck.minix -f $img"
fsck.minix -f "$img"
printf '\nkfs demo: the image was written by the kernel'"'"'s own fs/minix code in userspace, and fsck.minix calls it clean.\n'
