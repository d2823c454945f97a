# SPDX-License-Identifier: GPL-2.0-only
#
# Shared by the tools suite's shell drivers: sourced, after `set -eu`, with
# the test set-up (a filesystem type, or a variant such as minix1) in $fs.  Gives a scratch directory $work (removed on
# exit), and per filesystem: mkimg IMAGE (a fresh 64 MiB image), fsck_img
# IMAGE (the filesystem's own checker, read-only, exit 0 when clean) and
# $caps (what the filesystem can hold; see treelist.py).
work=$(mktemp -d /tmp/kfs-tools-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
here=$(cd "$(dirname "$0")" && pwd)
treelist() { python3 "$here/treelist.py" "$@"; }

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# Runs "$@", expecting exit status $want; stdout in $work/stdout, stderr in $work/stderr.
expect_status() {
	want=$1
	shift
	set +e
	"$@" >"$work/stdout" 2>"$work/stderr"
	got=$?
	set -e
	if [ "$got" != "$want" ]; then
		echo "--- stdout" >&2
		cat "$work/stdout" >&2
		echo "--- stderr" >&2
		cat "$work/stderr" >&2
		fail "'$*' exited $got, expected $want"
	fi
}

# The last command's stderr is exactly the line $1.
expect_err_line() {
	if [ "$(wc -l <"$work/stderr")" != 1 ] || [ "$(cat "$work/stderr")" != "$1" ]; then
		echo "--- stderr" >&2
		cat "$work/stderr" >&2
		fail "expected exactly one line on stderr: $1"
	fi
}

checksum() { sha256sum "$1" | cut -d' ' -f1; }

# $fs names a test set-up; $fstype is the filesystem type it mounts as.
fstype=$fs
case $fs in
minix)
	mkimg() { rm -f "$1"; truncate -s 64M "$1"; mkfs.minix -3 "$1" >/dev/null; }
	fsck_img() { fsck.minix -f "$1"; }
	caps=symlink,hardlink,special,modes,owner,longname
	;;
minix1)
	# v1 with 30-byte names: one time per inode, 8-bit gids, 14 of 16 bits of zone pointers.
	fstype=minix
	mkimg() { rm -f "$1"; truncate -s 32M "$1"; mkfs.minix -1 -n 30 "$1" >/dev/null; }
	fsck_img() { fsck.minix -f "$1"; }
	caps=symlink,hardlink,special,modes,owner
	;;
ext2)
	mkimg() { rm -f "$1"; mkfs.ext2 -q -F -I 128 -b 1024 "$1" 64M >/dev/null 2>&1; }
	fsck_img() { e2fsck -fn "$1"; }
	caps=symlink,hardlink,special,modes,owner,longname,xattr
	;;
vfat)
	mkimg() { rm -f "$1"; truncate -s 64M "$1"; mkfs.vfat "$1" >/dev/null; }
	fsck_img() { fsck.fat -n "$1"; }
	caps=longname,time2
	;;
*)
	fail "no test set-up for filesystem $fs"
	;;
esac
