#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# kfs-check: exit 0 on a clean image; on images with damaged metadata exit 1
# naming every damaged path, without crashing; exit 2 when the image cannot
# be mounted.  The image's checksum never changes.  The damage (minix v3) is
# done by minix_damage.py, and fsck.minix confirms it is real damage.
# Usage: check.sh FSTYPE KFS-SHELL KFS-CHECK
set -eu
fs=$1
shell=$2
check=$3
. "$(dirname "$0")/lib.sh"
img=$work/img

mkimg "$img"
treelist make "$work/tree" "$caps"
expect_status 0 "$shell" -w "$img" put "$work/tree" /
sum=$(checksum "$img")

expect_status 0 "$check" "$img"
grep -q "^kfs-check: $img: clean\$" "$work/stdout" || fail "no 'clean' line"
expect_status 0 "$check" --json "$img"
python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
assert r["status"] == "clean" and r["exit"] == 0 and r["problems"] == [], r
assert r["counts"]["files"] > 5 and r["counts"]["directories"] >= 5, r' "$work/stdout" ||
	fail "bad --json report of a clean image"
[ "$(checksum "$img")" = "$sum" ] || fail "kfs-check changed a clean image"

if [ "$fs" != minix ]; then
	echo "check $fs: ok (damage tests are minix-only)"
	exit 0
fi

# One victim per kind of damage, each in a tree of its own.
for v in range deleted mode zone; do
	mkdir -p "$work/victims/$v"
	head -c 5000 /dev/urandom >"$work/victims/$v/victim"
	echo "a neighbour" >"$work/victims/$v/neighbour"
done
mkdir -p "$work/victims/dir/victim"
for i in 1 2 3 4 5; do echo "$i" >"$work/victims/dir/victim/f$i"; done
expect_status 0 "$shell" -w "$img" put "$work/victims" /
damage() { python3 "$here/minix_damage.py" "$img" "$1" "$2" >/dev/null; }
damage entry-out-of-range /victims/range/victim
damage nlinks-zero /victims/deleted/victim
damage mode-invalid /victims/mode/victim
damage zone-past-end /victims/zone/victim
damage scramble-dir /victims/dir/victim
set +e
fsck.minix -f "$img" >"$work/fsck.log" 2>&1
rc=$?
set -e
[ "$rc" != 0 ] || fail "fsck.minix finds the damaged image clean"

sum=$(checksum "$img")
expect_status 1 "$check" "$img"
for v in range deleted mode zone dir; do
	grep -q "/victims/$v/victim" "$work/stdout" ||
		{ cat "$work/stdout"; fail "/victims/$v/victim is not named"; }
done
grep -q "^kfs-check: $img: [0-9]* problems (" "$work/stdout" || fail "no summary line"
# What the filesystem itself said about the inode number out of range.
grep -q "out of range" "$work/stdout" || { cat "$work/stdout"; fail "minix's message missing"; }
if grep -q "/tree/" "$work/stdout"; then
	cat "$work/stdout"
	fail "undamaged paths reported"
fi
expect_status 1 "$check" --json "$img"
python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
assert r["status"] == "problems" and r["exit"] == 1, r
paths = {p["path"] for p in r["problems"]}
for v in ("range", "deleted", "mode", "zone", "dir"):
    assert any(p and p.startswith("/victims/%s/victim" % v) for p in paths), (v, paths)
assert r["counts"]["eio"] >= 1, r["counts"]' "$work/stdout" || fail "bad --json report"
[ "$(checksum "$img")" = "$sum" ] || fail "kfs-check changed a damaged image"

# A super block that does not mount: could not run.
damage super-magic -
sum=$(checksum "$img")
expect_status 2 "$check" -t "$fstype" "$img"
[ "$(checksum "$img")" = "$sum" ] || fail "kfs-check changed an unmountable image"
tail -n 1 "$work/stderr" | grep -q "^kfs-check: $img: cannot mount as $fstype: " ||
	{ cat "$work/stderr" >&2; fail "no line saying the mount failed"; }
expect_status 2 "$check" "$img"
expect_err_line "kfs-check: $img: no filesystem recognised (give -t TYPE; built in: $(
	"$shell" --version | sed 's/.*: //'))"
echo "check $fs: ok"
