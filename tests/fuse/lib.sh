# SPDX-License-Identifier: GPL-2.0-only
#
# Shared by the t-*.sh FUSE tests: a scratch directory, mounts that are
# always undone, bounded waits, one-line assertions.  Every wait has a limit:
# a request that blocks forever fails the test instead of hanging it.

set -u
KFS=${KFS_BIN:?run through meson test}
POSIX_TEST=${KFS_POSIX_TEST:?}
STRESS=${KFS_STRESS:?}
HOSTDIR=${KFS_HOSTDIR:?}
FUSE_BIN_DIR=$(dirname "$KFS")

if [ "$(id -u)" != 0 ] || [ ! -c /dev/fuse ]; then
	echo "SKIP: needs root and /dev/fuse"
	exit 77
fi

T=$(mktemp -d /tmp/kfs-fuse.XXXXXX)
chmod 755 "$T"
MOUNTS=""
PIDS=""
GROUPS_TO_KILL=""
NDAEMONS=0

# Sanitizer reports (ASan, LeakSanitizer, UBSan builds) of every program a
# test starts go to files here: the daemons have no stderr once detached.
# Any such file fails the test, whatever the test itself concluded.
SAN_LOG=$T/sanitizer
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$SAN_LOG"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$SAN_LOG"
export TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}log_path=$SAN_LOG"

# What must never appear in a daemon's log: a WARN or BUG in kernel code, a
# kernel object left allocated after the unmount, a sanitizer report.
BAD_LOG='WARNING: at |BUG: |kfs: leak: |objects never freed|Sanitizer|runtime error'

cleanup() {
	_rc=$?
	for g in $GROUPS_TO_KILL; do
		kill -s KILL -- "-$g" 2>/dev/null
	done
	for m in $MOUNTS; do
		if mountpoint -q "$m" 2>/dev/null || ! stat "$m" >/dev/null 2>&1; then
			umount -l "$m" 2>/dev/null || fusermount3 -uz "$m" 2>/dev/null
		fi
	done
	for p in $PIDS; do
		kill -9 "$p" 2>/dev/null
	done
	for f in "$SAN_LOG".*; do
		[ -e "$f" ] || continue
		cat "$f"
		echo "FAIL: sanitizer report from a program of this test ($f)"
		_rc=1
	done
	for f in "$T"/daemon.*.log; do
		[ -e "$f" ] || continue
		if grep -Eq "$BAD_LOG" "$f"; then
			cat "$f"
			echo "FAIL: problems in the daemon's log ($f)"
			_rc=1
		fi
	done
	rm -rf "$T"
	exit $_rc
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*"
	exit 1
}

note() {
	echo "--- $*"
}

# wait_for SECONDS COMMAND...: polls every 0.1 s; 1 when time runs out.
wait_for() {
	_limit=$(( $1 * 10 ))
	shift
	_i=0
	until "$@"; do
		_i=$((_i + 1))
		[ $_i -gt $_limit ] && return 1
		sleep 0.1
	done
	return 0
}

is_mounted() {
	mountpoint -q "$1"
}

# Gone, or a zombie nobody reaps (a daemon's parent has exited, and PID 1 of
# a container may not reap): either way it has finished.
not_running() {
	kill -0 "$1" 2>/dev/null || return 0
	[ "$(sed 's/.*) \([A-Z]\).*/\1/' "/proc/$1/stat" 2>/dev/null)" = Z ]
}

# mkmp PATH: a fresh mount point, unmounted in cleanup (not in a subshell!).
mkmp() {
	mkdir -p "$1"
	MOUNTS="$MOUNTS $1"
}

# minix_image PATH [BLOCKS]: a minix v3 image (1 KiB blocks).
minix_image() {
	rm -f "$1"
	truncate -s $(( ${2:-131072} * 1024 )) "$1"
	mkfs.minix -3 "$1" >/dev/null || fail "mkfs.minix $1"
}

fsck_clean() {
	fsck.minix -f "$1" >"$T/fsck.out" 2>&1 || {
		cat "$T/fsck.out"
		fail "fsck.minix -f $1 reports errors"
	}
}

# start_fg PROG ARGS...: runs a daemon in the foreground (-f), in the
# background of this shell; waits until its mount is up; sets DPID, and DLOG
# to its log (checked by cleanup for kernel warnings, leaks, sanitizers).
start_fg() {
	_mp=$(eval echo "\${$#}")
	NDAEMONS=$((NDAEMONS + 1))
	DLOG=$T/daemon.$NDAEMONS.log
	"$@" -f >"$DLOG" 2>&1 &
	DPID=$!
	PIDS="$PIDS $DPID"
	wait_for 30 is_mounted "$_mp" || { cat "$DLOG"; fail "no mount on $_mp"; }
}

# wait_daemon PID: bounded wait for a daemon to exit; its status in DSTATUS.
wait_daemon() {
	wait_for 120 not_running "$1" || fail "daemon $1 still running 120 s after unmount"
	wait "$1"
	DSTATUS=$?
}

# stop_fg MOUNTPOINT: kfs -u of the daemon start_fg started; it must exit 0
# (a clean unmount, no kernel warning, no kernel object left).
stop_fg() {
	timeout 300 "$KFS" -u "$1" || fail "kfs -u $1"
	wait_daemon "$DPID"
	[ "$DSTATUS" = 0 ] || { cat "$DLOG"; fail "daemon exit status $DSTATUS"; }
}
