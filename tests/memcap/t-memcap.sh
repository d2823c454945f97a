#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# -o cache=16M bounds the daemon: two copies of the kernel tree's fs/
# directory (2,078 files, 46 MiB each) are unpacked onto an ext2 and a vfat
# image through a capped daemon, read back through a second, fresh one and
# compared with the source; both unmount cleanly and the fs's fsck finds
# nothing.  Peak RSS (VmHWM) of every daemon stays within the cap plus the
# overhead README documents, and a freshly mounted daemon is under 20 MiB.
# Under sanitizers (KFS_SANITIZE) the RSS checks are left out: their
# runtimes' shadow memory and quarantine are not the daemon's.
. "$(dirname "$0")/../fuse/lib.sh"

SRC=${KFS_KSRC:?}/fs
[ -d "$SRC" ] || fail "no kernel tree at $KFS_KSRC"
CAP_MIB=16
THREADS=8
# The documented overhead: 8 MiB (program, libraries, static tables, the
# allocator's slack) plus 2 MiB per worker thread (libfuse's and kfs's
# request buffers of max_write, the stack).
LIMIT_KIB=$(( (CAP_MIB + 8 + 2 * THREADS) * 1024 ))
IDLE_KIB=$(( 20 * 1024 ))
COPIES=2

case "${KFS_SANITIZE:-none}" in
none|'') CHECK_RSS=1 ;;
*) CHECK_RSS=0; note "sanitizer build ($KFS_SANITIZE): RSS not checked" ;;
esac

status_kib() {
	sed -n "s/^$2:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$1/status"
}

# capped IMAGE MNT: a daemon with the cap on IMAGE at MNT (DPID, DLOG).
capped() {
	start_fg "$KFS" -o "cache=${CAP_MIB}M,max_threads=$THREADS" "$1" "$2"
}

# finish MNT WHAT: the peak RSS of the daemon, checked; then kfs -u.
finish() {
	_hwm=$(status_kib "$DPID" VmHWM)
	note "$2: peak RSS ${_hwm} KiB (limit $LIMIT_KIB KiB)"
	stop_fg "$1"
	if [ "$CHECK_RSS" = 1 ] && [ "$_hwm" -gt "$LIMIT_KIB" ]; then
		fail "$2: peak RSS $_hwm KiB over ${CAP_MIB} MiB + overhead ($LIMIT_KIB KiB)"
	fi
}

check_fsck() {
	case $1 in
	ext2) e2fsck -fn "$2" >"$T/fsck.out" 2>&1 ;;
	vfat) fsck.fat -n "$2" >"$T/fsck.out" 2>&1 ;;
	esac || { cat "$T/fsck.out"; fail "$1: fsck finds errors in $2"; }
}

for fs in ext2 vfat; do
	img=$T/$fs.img
	mnt=$T/mnt-$fs
	mkmp "$mnt"
	truncate -s 400M "$img"
	case $fs in
	ext2) mkfs.ext2 -q -F "$img" || fail "mkfs.ext2" ;;
	vfat) mkfs.vfat -F 32 "$img" >/dev/null || fail "mkfs.vfat" ;;
	esac

	capped "$img" "$mnt"
	idle=$(status_kib "$DPID" VmRSS)
	note "$fs: idle RSS ${idle} KiB after mounting"
	if [ "$CHECK_RSS" = 1 ] && [ "$idle" -gt "$IDLE_KIB" ]; then
		fail "$fs: idle RSS $idle KiB is over 20 MiB"
	fi
	i=1
	while [ $i -le $COPIES ]; do
		cp -r "$SRC" "$mnt/c$i" || fail "$fs: copying $SRC (copy $i)"
		i=$((i + 1))
	done
	finish "$mnt" "$fs: unpacking"
	check_fsck $fs "$img"

	# Read back through a fresh daemon: nothing comes from a cache.
	capped "$img" "$mnt"
	i=1
	while [ $i -le $COPIES ]; do
		diff -r "$SRC" "$mnt/c$i" >"$T/diff.out" 2>&1 || {
			head -20 "$T/diff.out"
			fail "$fs: copy $i differs from $SRC"
		}
		i=$((i + 1))
	done
	finish "$mnt" "$fs: reading back"
	check_fsck $fs "$img"
	rm -f "$img"
done
echo "PASS"
