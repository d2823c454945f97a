#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The tools' error paths: each failure is one line on stderr in the form
# "kfs-shell: COMMAND: PATH: reason" and a non-zero exit status (1 for a
# failed command, 2 for bad usage or an image that cannot be used); scripts
# go on after a failed command and end with status 1.
# Usage: errors.sh FSTYPE KFS-SHELL KFS-CHECK
set -eu
fs=$1
shell=$2
check=$3
. "$(dirname "$0")/lib.sh"
img=$work/img
mkimg "$img"
expect_status 0 "$shell" -w "$img" mkdir -p /dir/sub
expect_status 0 "$shell" -w "$img" put "$(dirname "$0")/lib.sh" /dir/file

# Usage and images.
expect_status 2 "$shell" "$work/missing.img" ls
expect_err_line "kfs-shell: $work/missing.img: No such file or directory"
expect_status 2 "$shell"
expect_err_line "kfs-shell: no image given (see: kfs-shell --help)"
expect_status 2 "$shell" -t nosuchfs "$img" ls
expect_err_line "kfs-shell: -t nosuchfs: unknown filesystem type (built in: $(
	"$shell" --version | sed 's/.*: //'))"
expect_status 2 "$shell" -o offset=zz "$img" ls
expect_err_line "kfs-shell: -o: option 'offset': 'zz' is not a size in bytes (a number, optionally with K, M, G or T)"
expect_status 2 "$shell" -o part=1 "$img" ls
expect_err_line "kfs-shell: $img: no partition 1"
expect_status 2 "$shell" "$work"
expect_err_line "kfs-shell: $work: not an image file or block device"
head -c 1M /dev/zero >"$work/zeros.img"
expect_status 2 "$shell" "$work/zeros.img" ls
expect_err_line "kfs-shell: $work/zeros.img: no filesystem recognised (give -t TYPE; built in: $(
	"$shell" --version | sed 's/.*: //'))"
expect_status 2 "$shell" -Z "$img"

# Commands.
expect_status 1 "$shell" "$img" frobnicate /
expect_err_line "kfs-shell: frobnicate: unknown command (see: help)"
expect_status 1 "$shell" "$img" get /a/b "$work/out"
expect_err_line "kfs-shell: get: /a/b: No such file or directory"
[ ! -e "$work/out" ] || fail "get of a missing path created something"
expect_status 1 "$shell" "$img" ls /dir /nope
expect_err_line "kfs-shell: ls: /nope: No such file or directory"
grep -qx sub "$work/stdout" || fail "ls went on with the other operand"
expect_status 1 "$shell" "$img" cat /dir
expect_err_line "kfs-shell: cat: /dir: Is a directory"
expect_status 1 "$shell" "$img" ls -z /
expect_err_line "kfs-shell: ls: invalid option -- 'z' (see: help ls)"
expect_status 1 "$shell" "$img" stat /dir/file/x
expect_err_line "kfs-shell: stat: /dir/file/x: Not a directory"
expect_status 1 "$shell" "$img" mkdir /new
expect_err_line "kfs-shell: mkdir: the image is open read-only (run kfs-shell with -w)"
expect_status 1 "$shell" -w "$img" mkdir /dir
expect_err_line "kfs-shell: mkdir: /dir: File exists"
expect_status 1 "$shell" -w "$img" rmdir /dir
expect_err_line "kfs-shell: rmdir: /dir: Directory not empty"
expect_status 1 "$shell" -w "$img" rm /dir
expect_err_line "kfs-shell: rm: /dir: Is a directory"
expect_status 1 "$shell" -w "$img" put "$work/nothing" /
expect_err_line "kfs-shell: put: $work/nothing: No such file or directory"
expect_status 1 "$shell" -w "$img" put "$work/nothing" "$work/nothing" /dir/file
expect_err_line "kfs-shell: put: /dir/file: Not a directory"
expect_status 1 "$shell" -w "$img" chmod 99 /dir
expect_err_line "kfs-shell: chmod: invalid mode '99'"
expect_status 1 "$shell" -w "$img" truncate -s 1Q /dir/file
expect_err_line "kfs-shell: truncate: invalid size '1Q'"

# A script goes on after a failure and exits 1; -e stops it.
printf 'mkdir /s1\n# a comment\nnosuch\n\nmkdir "/s 2"\nls /\n' >"$work/script"
expect_status 1 "$shell" -w "$img" <"$work/script"
expect_err_line "kfs-shell: nosuch: unknown command (see: help)"
grep -qx "s 2" "$work/stdout" || fail "the script did not go on after the failure"
printf 'nosuch\nmkdir /s3\n' >"$work/script"
expect_status 1 "$shell" -w -e "$img" <"$work/script"
expect_status 1 "$shell" "$img" stat /s3
printf 'ls "/unterminated\n' >"$work/script"
expect_status 1 "$shell" "$img" <"$work/script"
expect_err_line "kfs-shell: line 1: unterminated quote (\")"

# kfs-check.
expect_status 2 "$check" "$work/missing.img"
expect_err_line "kfs-check: $work/missing.img: No such file or directory"
expect_status 2 "$check"
expect_err_line "kfs-check: no image given (see: kfs-check --help)"
expect_status 2 "$check" -o rw "$img"
expect_err_line "kfs-check: -o rw: kfs-check never writes to the image"

# Help and version.
expect_status 0 "$shell" --help
grep -q "^Usage: kfs-shell " "$work/stdout" || fail "kfs-shell --help"
grep -q "  put \[-x\] SRC... DEST" "$work/stdout" || fail "kfs-shell --help lists no commands"
expect_status 0 "$check" --help
grep -q "^Usage: kfs-check " "$work/stdout" || fail "kfs-check --help"
expect_status 0 "$shell" --version
grep -q "^kfs-shell [0-9.]* (kfs), filesystems from Linux 6\.1\.[0-9]*: .*$fstype" "$work/stdout" ||
	fail "kfs-shell --version: $(cat "$work/stdout")"

echo "errors $fs: ok"
