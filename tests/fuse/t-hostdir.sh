#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The adapter alone: kfs-hostdir serves a host directory through the same
# fuse/ code kfs uses, via a test double of kfs_api.  POSIX checks (all but
# permissions, which the double does not model), eight concurrent processes,
# kfs -u, every node released at unmount, mount.fuse3 with fstab options.
. "$(dirname "$0")/lib.sh"

img=$T/hd.img
: >"$img"
mkdir "$img.d"
chmod 755 "$img.d"
mp=$T/mnt
mkmp "$mp"

note "daemon mode, posix_test"
"$HOSTDIR" "$img" "$mp" || fail "kfs-hostdir did not mount"
is_mounted "$mp" || fail "not mounted after kfs-hostdir returned"
for t in create open_flags append truncate excl rename links unlink_open symlink \
	 sparse indirect big_io times readdir_concurrent special sync_statfs; do
	timeout 300 "$POSIX_TEST" -t $t "$mp" || fail "posix_test $t through kfs-hostdir"
done

note "eight processes"
mkdir "$mp/s"
timeout 300 "$STRESS" work "$mp/s" 8 300 11 || fail "stress workers reported errors"
timeout 300 "$STRESS" verify "$mp/s" || fail "stress verify through the mount"
timeout 300 "$STRESS" verify "$img.d/s" || fail "stress verify on the host directory"

note "kfs -u waits for the daemon"
pid=$(pgrep -f "kfs-hostdir $img $mp" | head -1)
[ -n "$pid" ] || fail "daemon not found"
timeout 120 "$HOSTDIR" -u "$mp" || fail "kfs -u failed"
not_running "$pid" || fail "daemon $pid still alive after kfs -u returned"
is_mounted "$mp" && fail "still mounted after kfs -u"

note "foreground: every node and file released at unmount (exit status 0)"
start_fg "$HOSTDIR" "$img" "$mp"
exec 7<"$mp/s"
ls -lR "$mp" >/dev/null
umount -l "$mp"
exec 7<&-
wait_daemon "$DPID"
[ "$DSTATUS" = 0 ] || { cat "$DLOG"; fail "daemon exit status $DSTATUS"; }

note "SIGTERM unmounts"
start_fg "$HOSTDIR" "$img" "$mp"
kill -TERM "$DPID"
wait_daemon "$DPID"
[ "$DSTATUS" = 0 ] || { cat "$DLOG"; fail "SIGTERM: exit status $DSTATUS"; }
is_mounted "$mp" && fail "still mounted after SIGTERM"

# mount(8) runs /sbin/mount.fuse3 with a clean PATH; the build tree is not
# in it, so call the helper as mount(8) would, with the options it passes.
note "mount.fuse3 -t fuse.kfs-hostdir with fstab options"
PATH=$(dirname "$HOSTDIR"):$PATH mount.fuse3 "$img" "$mp" -t fuse.kfs-hostdir \
	-o rw,defaults,nofail,x-systemd.automount,_netdev,noatime,nodev,suid,exec,relatime ||
	fail "mount.fuse3 with generic options"
is_mounted "$mp" || fail "mount -t fuse.kfs-hostdir did not mount"
grep -q " $mp fuse.kfs-hostdir " /proc/mounts || fail "type in /proc/mounts"
timeout 120 "$HOSTDIR" -u "$mp" || fail "kfs -u after mount(8)"

note "the filesystem's refusal is one line"
out=$("$HOSTDIR" -o fail "$img" "$mp" 2>&1) && fail "mount with a refused option succeeded"
[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || fail "expected one line, got: $out"
is_mounted "$mp" && fail "mounted anyway"
echo "PASS"
