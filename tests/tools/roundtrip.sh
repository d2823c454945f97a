#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# kfs-shell round trip: `put ./tree /` into a fresh image, `get /tree ./out`
# back, and the two trees are the same -- contents, modes, times, symbolic
# links, hard links, device nodes, owners and xattrs as far as the
# filesystem holds them -- while the filesystem's own fsck calls the image
# clean and a read-only session leaves the image byte for byte unchanged.
# Usage: roundtrip.sh FSTYPE KFS-SHELL
set -eu
fs=$1
shell=$2
. "$(dirname "$0")/lib.sh"
img=$work/img

mkimg "$img"
treelist make "$work/tree" "$caps"
# Extended attributes are copied when asked, where the filesystem has them.
x=
case ,$caps, in *,xattr,*) x=-x ;; esac

# The whole tree, then a single file to a new name, then into a directory.
expect_status 0 "$shell" -w -t "$fstype" "$img" put $x "$work/tree" /
[ ! -s "$work/stderr" ] || fail "put printed: $(cat "$work/stderr")"
expect_status 0 "$shell" -w "$img" put "$work/tree/a/b/c/deep.txt" /renamed.txt
expect_status 0 "$shell" -w "$img" mkdir /extra
expect_status 0 "$shell" -w "$img" put "$work/tree/small.txt" "$work/tree/zeros-tail" /extra
fsck_img "$img" >"$work/fsck.log" 2>&1 || { cat "$work/fsck.log"; fail "fsck after put"; }

before=$(checksum "$img")
# Without -t: the image type is recognised.
expect_status 0 "$shell" "$img" get $x /tree "$work/out"
[ ! -s "$work/stderr" ] || fail "get printed: $(cat "$work/stderr")"
treelist list "$work/tree" "$caps" >"$work/want.list"
treelist list "$work/out" "$caps" >"$work/got.list"
diff -u "$work/want.list" "$work/got.list" || fail "the tree came back different"
diff -r --no-dereference -x fifo -x chr -x blk -x sock "$work/tree" "$work/out" ||
	fail "diff -r finds differences"

# Single files: to a new host name and into a host directory.
expect_status 0 "$shell" "$img" get /renamed.txt "$work/renamed"
cmp "$work/renamed" "$work/tree/a/b/c/deep.txt" || fail "get of one file"
mkdir "$work/into"
expect_status 0 "$shell" "$img" get /tree/a/big.bin /renamed.txt /extra "$work/into"
cmp "$work/into/big.bin" "$work/tree/a/big.bin" || fail "get into a directory"
cmp "$work/into/renamed.txt" "$work/renamed" || fail "get into a directory"
cmp "$work/into/extra/zeros-tail" "$work/tree/zeros-tail" || fail "put into a directory"
# Holes come back as holes.
used=$(du -k "$work/out/a/sparse" | cut -f1)
[ "$used" -lt 1024 ] || fail "a sparse file of 10 MiB came back using $used KiB"

# cat and ls agree with the host.
expect_status 0 "$shell" "$img" cat /tree/small.txt
cmp "$work/stdout" "$work/tree/small.txt" || fail "cat"
expect_status 0 "$shell" "$img" ls /tree/a/b/c
[ "$(cat "$work/stdout")" = "deep.txt" ] || fail "ls printed: $(cat "$work/stdout")"

[ "$(checksum "$img")" = "$before" ] || fail "a read-only session changed the image"
fsck_img "$img" >"$work/fsck.log" 2>&1 || { cat "$work/fsck.log"; fail "final fsck"; }
echo "roundtrip $fs: ok"
