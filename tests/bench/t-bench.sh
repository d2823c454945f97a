#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The benchmark harness, once per filesystem, in --quick mode on a small
# tree (the kernel tree's fs/ext2): every workload runs on every system
# found, the report has every row, kfs has a figure in each, and nothing is
# left mounted.  No figure is judged: the machine may be slow.
set -u
BENCH=${KFS_BENCH:?run through meson test}
B=${KFS_BUILDDIR:?}
K=${KFS_KSRC:?}

if [ "$(id -u)" != 0 ] || [ ! -c /dev/fuse ]; then
	echo "SKIP: needs root and /dev/fuse"
	exit 77
fi
T=$(mktemp -d /tmp/kfs-bench-test.XXXXXX)
cleanup() {
	for m in "$T"/work/*/mnt; do
		mountpoint -q "$m" 2>/dev/null && umount -l "$m"
	done
	rm -rf "$T"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

for fs in ext2 vfat; do
	[ -e "$B/fuse/kfs-$fs" ] || continue
	python3 "$BENCH" --quick --fs "$fs" --builddir "$B" --ksrc "$K" \
		--tree-src "$K/fs/ext2" --workdir "$T/work" --outdir "$T/out" ||
		fail "bench.py --fs $fs exited $?"
	r=$T/out/RESULTS-$fs.md
	[ -s "$r" ] || fail "no $r"
	col=$(grep -F '| metric |' "$r" |
		awk -F'|' '{ for (i = 1; i <= NF; i++) if ($i ~ /^ *kfs *$/) print i }')
	[ -n "$col" ] || fail "$fs: no kfs column in $r"
	for m in 'stream write MB/s' 'stream read MB/s' 'unpack s' 'walk warm s' \
		'walk cold s' 'rm -rf s' 'create 1 dir s' 'stat 1 dir s (cold)' 'unlink 1 dir s' \
		'create 100 dirs s' 'stat 100 dirs s (cold)' 'unlink 100 dirs s' \
		'randread 1j IOPS' 'randread 4j IOPS' 'randwrite 1j IOPS' 'randwrite 4j IOPS' \
		'mount ms' 'unmount ms' 'idle RSS MiB' 'peak RSS MiB'; do
		line=$(grep -F "| $m |" "$r") || fail "$fs: no row '$m' in $r"
		kfs=$(echo "$line" | awk -F'|' -v c="$col" '{print $c}' | tr -d ' ')
		case $kfs in
		[0-9]*) ;;
		*) fail "$fs: '$m' has no kfs figure: $line" ;;
		esac
	done
	head -3 "$r" | grep -q "# kfs benchmark: $fs" || fail "$fs: report header"
	grep -q '^- machine: ' "$r" || fail "$fs: no machine line"
	grep -q '^- kernel tree: 6\.1\.' "$r" || fail "$fs: no kernel tree version"
	[ -s "$T/out/results-$fs.json" ] || fail "$fs: no JSON"
	[ -s "$T/out/bench-$fs.svg" ] || fail "$fs: no chart"
	grep -q '<svg' "$T/out/bench-$fs.svg" || fail "$fs: chart is not SVG"
	grep -q "$T/work/$fs/mnt" /proc/mounts && fail "$fs: left mounted"
	echo "ok $fs"
done
exit 0
