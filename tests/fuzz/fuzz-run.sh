#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# fuzz-run.sh replay FS BIN plain|libfuzzer
#     Runs the seeds (made now by make-seeds.sh) and every input kept in
#     tests/fuzz/regressions/FS/ once through BIN (a fuzz-FS target).  Fails
#     when one of them crashes or BIN reports a leak, a WARN or an image left
#     open.
# fuzz-run.sh fuzz FS BIN SECONDS
#     Fuzzes FS for SECONDS with libFuzzer (BIN from a -Dfuzz=true build),
#     going on after crashes; corpus in $KFS_BUILDDIR/fuzz-corpus/FS, crash
#     inputs in $KFS_BUILDDIR/fuzz-crashes/FS.  Every crash is triaged
#     (triage.py): the run fails only when one is in our code; crashes in
#     kernel code are listed, to be kept in tests/fuzz/kernel-bugs/FS.
#     Prints one summary line.  FUZZ_JOBS (default 1) runs that many fuzzing
#     processes; FUZZ_NICE (default 0) lowers their priority.
# Environment (set by meson test): KFS_SRCDIR, KFS_BUILDDIR, KFS_SHELL,
# KFS_KSRC (the kernel tree, for triage).
set -eu
mode=$1 fs=$2 bin=$3
# Leaks are counted per input by the target itself (kernel objects, through
# kfs_mem.h); LeakSanitizer would also count the caches that outlive inputs.
export KFS_LEAK_REPORT=0
export ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
here=$(cd "$(dirname "$0")" && pwd)
src=${KFS_SRCDIR:-$(cd "$here/../.." && pwd)}
build=${KFS_BUILDDIR:-$(cd "$(dirname "$bin")/../.." && pwd)}
regress=$src/tests/fuzz/regressions/$fs
seeds=$build/fuzz-seeds/$fs

# Seeds are made once per build directory (fresh when the script changed).
if [ ! -f "$seeds/.done" ] || [ "$here/make-seeds.sh" -nt "$seeds/.done" ]; then
	rm -rf "$seeds"
	sh "$here/make-seeds.sh" "$fs" "$seeds"
	touch "$seeds/.done"
fi

# Regression inputs above 64 KiB are committed gzip'ed.
unpacked=
regress_dirs=
if [ -d "$regress" ]; then
	unpacked=$(mktemp -d /tmp/kfs-fuzz-regress.XXXXXX)
	trap 'rm -rf "$unpacked"' EXIT
	for f in "$regress"/*; do
		[ -f "$f" ] || continue
		case $f in
		*/README*) ;;
		*.gz) gzip -dc "$f" >"$unpacked/$(basename "$f" .gz)" ;;
		*) cp "$f" "$unpacked/" ;;
		esac
	done
	regress_dirs=$unpacked
fi

case $mode in
replay)
	kind=$4
	# Not exec: the trap removes the unpacked regression inputs afterwards.
	if [ "$kind" = libfuzzer ]; then
		# shellcheck disable=SC2086
		"$bin" -runs=0 -detect_leaks=0 "$seeds" $regress_dirs
	else
		# shellcheck disable=SC2086
		"$bin" "$seeds" $regress_dirs
	fi
	;;
fuzz)
	secs=$4
	corpus=$build/fuzz-corpus/$fs
	crashes=$build/fuzz-crashes/$fs
	mkdir -p "$corpus" "$crashes"
	stamp=$(mktemp /tmp/kfs-fuzz-stamp.XXXXXX)
	log=$build/fuzz-$fs.log
	maxlen=$(wc -c "$seeds"/* | sort -n | tail -n 2 | head -n 1 | awk '{print $1}')
	jobs=${FUZZ_JOBS:-1}
	set +e
	# Fork mode: a crash ends only its child; the run goes on, and every
	# crash input lands in $crashes.
	# shellcheck disable=SC2086
	nice -n "${FUZZ_NICE:-0}" "$bin" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 \
		-ignore_ooms=1 -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 -detect_leaks=0 \
		-max_len="$maxlen" -artifact_prefix="$crashes/" -print_final_stats=1 \
		"$corpus" "$seeds" $regress_dirs >"$log" 2>&1
	rc=$?
	set -e
	new=$(find "$crashes" -type f -newer "$stamp" | sort)
	rm -f "$stamp"
	execs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#')
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | awk '{print $2}')
	ncorpus=$(find "$corpus" -type f | wc -l)
	ours=0 kernel=0
	if [ -n "$new" ]; then
		# shellcheck disable=SC2086
		python3 "$here/triage.py" "$bin" $new >"$log.triage" || true
		cat "$log.triage" >&2
		ours=$(grep -c '^ours' "$log.triage" || true)
		kernel=$(grep -c '^kernel' "$log.triage" || true)
	fi
	echo "fuzz $fs: ${secs}s, ${execs:-?} inputs, coverage ${cov:-?}, corpus $ncorpus," \
		"crashes: $ours ours, $kernel in kernel code (inputs: $crashes, log: $log)"
	if [ "$rc" != 0 ] && [ -z "$new" ]; then
		tail -n 30 "$log" >&2
		echo "fuzz $fs: libFuzzer failed (status $rc) without a crash input" >&2
		exit 1
	fi
	[ "$ours" = 0 ]
	;;
*)
	echo "usage: fuzz-run.sh replay|fuzz FS BIN ..." >&2
	exit 2
	;;
esac
