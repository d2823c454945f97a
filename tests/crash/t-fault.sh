#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Fault injection through the real daemon (KFS_FAULT in its environment,
# kfs_fault.h), for minix, ext2 and vfat.  Sectors are found on the image
# with debugfs, the formats' own layouts and the files' unique contents
# (where.py).  Each case asserts what the kernel code does with the failure
# (the exact errno the caller sees, the filesystem's own message), and that
# the daemon neither crashes nor hangs: kfs -u unmounts, the daemon exits 0
# with no warning and no leaked object (lib.sh checks every log), and a
# read-only mount leaves the image byte for byte as it was.
. "$(dirname "$0")/../fuse/lib.sh"

WHERE="$(dirname "$0")/where.py"

# mkimg FS PATH: an empty image of that type.
mkimg() {
	rm -f "$2"
	case $1 in
	minix)	truncate -s 8M "$2" && mkfs.minix -2 "$2" >/dev/null ;;
	ext2)	truncate -s 8M "$2" && mkfs.ext2 -q -F -I 128 -b 1024 "$2" ;;
	vfat)	truncate -s 16M "$2" && mkfs.fat -F 16 "$2" >/dev/null ;;
	esac || fail "mkfs $1"
}

repair_and_check() {	# FS IMG: the fs's own fsck repairs, a second run is clean
	case $1 in
	minix)	fsck.minix -af "$2" >"$T/fsck.out" 2>&1; [ $? -le 3 ] &&
		fsck.minix -f "$2" >>"$T/fsck.out" 2>&1 ;;
	ext2)	e2fsck -fy "$2" >"$T/fsck.out" 2>&1; [ $? -le 3 ] &&
		e2fsck -fn "$2" >>"$T/fsck.out" 2>&1 ;;
	vfat)	fsck.fat -a -w "$2" >"$T/fsck.out" 2>&1; [ $? -le 1 ] &&
		fsck.fat -n "$2" >>"$T/fsck.out" 2>&1 ;;
	esac || { cat "$T/fsck.out"; fail "$1: fsck could not repair $2"; }
}

check_clean() {		# FS IMG
	case $1 in
	minix)	fsck.minix -f "$2" ;;
	ext2)	e2fsck -fn "$2" ;;
	vfat)	fsck.fat -n "$2" ;;
	esac >"$T/fsck.out" 2>&1 || { cat "$T/fsck.out"; fail "$1: $2 not clean"; }
}

# expect_err WHAT MESSAGE COMMAND...: the command fails and says MESSAGE
# (strerror of the errno the kernel code returned).
expect_err() {
	_what=$1 _msg=$2
	shift 2
	"$@" >"$T/cmd.out" 2>&1 && { cat "$T/cmd.out"; fail "$_what: succeeded"; }
	grep -q "$_msg" "$T/cmd.out" || { cat "$T/cmd.out"; fail "$_what: not '$_msg'"; }
}

in_log() {		# WHAT PATTERN: the daemon's log (DLOG) has it
	grep -Eq "$2" "$DLOG" || { cat "$DLOG"; fail "$1: no '$2' in the daemon's log"; }
}

# stop_dead_device FS: kfs -u of a mount whose device failed for good (full,
# or powered off).  minix_put_super marks its super block buffer dirty
# although the write of it failed (write_io_error cleared uptodate), which
# warns in mark_buffer_dirty -- as on a real kernel with a dead disk (ext2
# clears the error first; FAT rereads its boot sector).  That one warning,
# and only on minix, is expected; the daemon then exits 1 saying so.
stop_dead_device() {
	timeout 300 "$KFS" -u "$mp" || fail "$1: kfs -u"
	wait_daemon "$DPID"
	[ "$DSTATUS" = 0 ] && return
	[ "$1" = minix ] && [ "$DSTATUS" = 1 ] &&
		[ "$(grep -c 'WARNING: at ' "$DLOG")" = 1 ] &&
		grep -q "WARNING: at .* mark_buffer_dirty()" "$DLOG" &&
		grep -A10 "WARNING: at " "$DLOG" | grep -q generic_shutdown_super &&
		grep -q "kernel code: 1 warnings, 0 objects never freed" "$DLOG" &&
		! grep -Eq 'BUG: |kfs: leak: |Sanitizer|runtime error' "$DLOG" ||
		{ cat "$DLOG"; fail "$1: daemon exit status $DSTATUS"; }
	mv "$DLOG" "$T/expected-warning.$NDAEMONS"
}

# start FAULT ARGS...: a foreground daemon with KFS_FAULT=FAULT.
start() {
	_f=$1
	shift
	start_fg env "KFS_FAULT=$_f" "$KFS" "$@"
	grep -qF "fault injection active: KFS_FAULT=$_f" "$DLOG" ||
		{ cat "$DLOG"; fail "KFS_FAULT=$_f not taken"; }
}

mp=$T/mnt
mkmp "$mp"

note "a bad KFS_FAULT: one line naming the problem, status 2, nothing touched"
mkimg minix "$T/bad.img"
sum=$(md5sum <"$T/bad.img")
for spec in "powercut=0" "nomem=5:after=close" "tear=5" "powercut=3:keep=1" \
	    "read-eio=12+0" "write-eio=1,"; do
	KFS_FAULT=$spec "$KFS" -t minix "$T/bad.img" "$mp" >"$T/bad.out" 2>&1
	st=$?
	[ $st = 2 ] || { cat "$T/bad.out"; fail "KFS_FAULT=$spec: status $st"; }
	[ "$(wc -l <"$T/bad.out")" = 1 ] && grep -q "^kfs: KFS_FAULT: .*; refusing to start" \
		"$T/bad.out" || { cat "$T/bad.out"; fail "KFS_FAULT=$spec: message"; }
done
is_mounted "$mp" && fail "mounted with a bad KFS_FAULT"
[ "$(md5sum <"$T/bad.img")" = "$sum" ] || fail "a bad KFS_FAULT wrote the image"
head -c 20000 /dev/urandom >"$T/ref"
head -c 300000 /dev/urandom >"$T/big"

for fs in minix ext2 vfat; do
	img=$T/$fs.img
	# 16 small files first: data's inode is then not in the inode block
	# of the root directory
	note "$fs: the image: 16 small files, 'data' (20000 random bytes), dir/xuniq001..3"
	mkimg $fs "$img"
	start_fg "$KFS" -t $fs "$img" "$mp"
	for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16; do
		echo "$i" >"$mp/pad$i" || fail "$fs: populate"
	done
	cp "$T/ref" "$mp/data" && mkdir "$mp/dir" || fail "$fs: populate"
	for i in 1 2 3; do echo "$i" >"$mp/dir/xuniq00$i" || fail "$fs: populate"; done
	ino=$(stat -c %i "$mp/data")
	stop_fg "$mp"
	check_clean $fs "$img"
	cp "$img" "$T/pristine.img"
	dsec=$(python3 "$WHERE" bytes "$img" "$T/ref") || fail "$fs: data not on the image"
	case $fs in
	vfat)	dirsec=$(python3 "$WHERE" name "$img" "XUNIQ001   ") ;;
	ext2)	dirsec=$(python3 "$WHERE" ext2-block "$img" /dir 0) ;;
	*)	dirsec=$(python3 "$WHERE" name "$img" xuniq001) ;;
	esac || fail "$fs: directory block not found"
	sum=$(md5sum <"$img")

	note "$fs: EIO reading the file's data (sectors $dsec+40), read-only mount"
	start "read-eio=$dsec+40" -t $fs -o ro "$img" "$mp"
	expect_err "$fs: cat data" "Input/output error" cat "$mp/data"
	cmp -s "$mp/dir/xuniq002" - <<-EOF || fail "$fs: another file unreadable"
	2
	EOF
	in_log "$fs: block layer message" "I/O error, dev .*, sector $dsec "
	stop_fg "$mp"
	[ "$(md5sum <"$img")" = "$sum" ] || fail "$fs: a read-only mount wrote the image"

	note "$fs: EIO reading the directory block of dir/ (sector $dirsec), read-only"
	start "read-eio=$dirsec" -t $fs -o ro "$img" "$mp"
	case $fs in
	ext2)	# ext2_readdir: ext2_error "bad page", EIO; the lookup: EIO
		expect_err "$fs: ls dir" "Input/output error" ls "$mp/dir"
		in_log "$fs: ext2_error" "EXT2-fs .*error: ext2_readdir: bad page in #"
		expect_err "$fs: cat dir/xuniq001" "Input/output error" cat "$mp/dir/xuniq001" ;;
	minix)	# minix_readdir and minix_find_entry skip pages they cannot read
		[ -z "$(ls "$mp/dir")" ] || fail "$fs: entries listed from an unreadable block"
		expect_err "$fs: cat dir/xuniq001" "No such file or directory" \
			cat "$mp/dir/xuniq001" ;;
	vfat)	# fat__get_entry skips the block it cannot read ("Directory
		# bread(block N) failed"); it is the first of dir/, so "." and ".."
		# are not found, fat_validate_dir calls it corrupted (fat_fs_error)
		# and the lookup of dir/ fails with EIO.  Evicting that half-built
		# inode (nlink 0) runs fat_truncate_blocks, which would free the
		# directory's clusters on a read-write mount; here the writes are
		# refused, the image stays as it was.
		expect_err "$fs: cat dir/xuniq001" "Input/output error" cat "$mp/dir/xuniq001"
		in_log "$fs: fat message" "FAT-fs .*Directory bread\(block [0-9]+\) failed"
		in_log "$fs: fat_fs_error" "FAT-fs .*error, corrupted directory \(invalid entries\)" ;;
	esac
	stop_fg "$mp"
	[ "$(md5sum <"$img")" = "$sum" ] || fail "$fs: a read-only mount wrote the image"

	case $fs in
	ext2)	isec=$(python3 "$WHERE" ext2-inode "$img" /data) || fail "ext2-inode"
		note "$fs: EIO reading data's inode block (sector $isec), errors=remount-ro"
		start "read-eio=$isec" -t $fs -o errors=remount-ro "$img" "$mp"
		expect_err "$fs: stat data" "Input/output error" stat "$mp/data"
		in_log "$fs: ext2_error" \
			"EXT2-fs .*error: ext2_get_inode: unable to read inode block - inode=$ino"
		in_log "$fs: remount-ro" "EXT2-fs .*error: remounting filesystem read-only"
		expect_err "$fs: mkdir after the error" "Read-only file system" mkdir "$mp/new"
		stop_fg "$mp"
		# the error was recorded in the super block, as the kernel does
		e2fsck -fn "$img" >"$T/fsck.out" 2>&1
		cp "$T/pristine.img" "$img" ;;
	minix)	isec=$(python3 "$WHERE" minix-inode "$img" "$ino") || fail "minix-inode"
		note "$fs: EIO reading data's inode block (sector $isec)"
		start "read-eio=$isec" -t $fs -o ro "$img" "$mp"
		expect_err "$fs: stat data" "Input/output error" stat "$mp/data"
		in_log "$fs: minix message" "Unable to read inode block"
		stop_fg "$mp"
		[ "$(md5sum <"$img")" = "$sum" ] || fail "$fs: a read-only mount wrote the image" ;;
	vfat)	fsec=$(python3 "$WHERE" fat-chain "$img" "DATA       ") || fail "fat-chain"
		note "$fs: EIO reading the FAT sector of data's cluster chain (sector $fsec)"
		start "read-eio=$fsec" -t $fs -o ro "$img" "$mp"
		expect_err "$fs: cat data" "Input/output error" cat "$mp/data"
		in_log "$fs: fat message" "FAT-fs .*FAT read failed \(blocknr [0-9]+\)"
		stop_fg "$mp"
		[ "$(md5sum <"$img")" = "$sum" ] || fail "$fs: a read-only mount wrote the image" ;;
	esac

	note "$fs: EIO writing the file's data in place: fsync says EIO"
	start "write-eio=$dsec+40" -t $fs "$img" "$mp"
	expect_err "$fs: overwrite + fsync" "fsync failed.*Input/output error" \
		dd if="$T/big" of="$mp/data" bs=20000 count=1 conv=notrunc,fsync
	in_log "$fs: block layer message" "I/O error, dev .*, sector [0-9]+ op 0x1:\(WRITE\)"
	[ $fs = ext2 ] && in_log "$fs: ext2_fsync" \
		"EXT2-fs .*error: ext2_fsync: detected IO error when writing metadata buffers"
	echo more >"$mp/other" || fail "$fs: other writes fail after the error"
	stop_fg "$mp"
	repair_and_check $fs "$img"
	cp "$T/pristine.img" "$img"

	# The block layer ends the bios with BLK_STS_NOSPC.  vfat writes file
	# data through mpage_writepages, whose end_io records that errno in
	# the mapping: fsync says ENOSPC.  minix writes through buffer heads
	# (block_write_full_page), and ext2's indirect blocks are buffers
	# associated with the file: end_buffer_async_write records -EIO for
	# them (mark_buffer_write_io_error), the last error fsync reports.
	note "$fs: the device is full after 64 KiB of writes: fsync fails"
	case $fs in
	vfat)	enospc_msg="No space left on device" ;;
	*)	enospc_msg="Input/output error" ;;
	esac
	start "write-enospc-after=64K" -t $fs "$img" "$mp"
	expect_err "$fs: 300 KB + fsync" "fsync failed.*$enospc_msg" \
		dd if="$T/big" of="$mp/big" bs=300000 conv=fsync
	in_log "$fs: block layer message" "critical space allocation error, dev"
	stop_dead_device $fs
	repair_and_check $fs "$img"
	cp "$T/pristine.img" "$img"

	note "$fs: every write is short: the block layer writes the rest"
	start "short-write=*" -t $fs "$img" "$mp"
	cp "$T/big" "$mp/big" && sync "$mp/big" || fail "$fs: write with short writes"
	stop_fg "$mp"
	check_clean $fs "$img"
	start_fg "$KFS" -t $fs -o ro "$img" "$mp"
	cmp "$T/big" "$mp/big" || fail "$fs: contents after short writes"
	stop_fg "$mp"
	cp "$T/pristine.img" "$img"

	note "$fs: the first cache flush fails: fsync says EIO, then works again"
	start "fsync-eio=1" -t $fs "$img" "$mp"
	expect_err "$fs: write + fsync" "fsync failed.*Input/output error" \
		dd if="$T/ref" of="$mp/new" bs=20000 conv=fsync
	dd if="$T/ref" of="$mp/new2" bs=20000 conv=fsync 2>"$T/dd.out" ||
		{ cat "$T/dd.out"; fail "$fs: the second fsync failed too"; }
	stop_fg "$mp"
	check_clean $fs "$img"
	cp "$T/pristine.img" "$img"

	note "$fs: power cut at the 2nd flush, 1 unsynced write kept, next torn"
	start "powercut=2:writes=1:tear=512" -t $fs "$img" "$mp"
	dd if="$T/ref" of="$mp/p1" bs=20000 conv=fsync 2>/dev/null
	dd if="$T/ref" of="$mp/p2" bs=20000 conv=fsync 2>/dev/null
	in_log "$fs: the cut" "power cut at fsync 2: [0-9]+ unsynced writes, 1 kept"
	expect_err "$fs: fsync after the cut" "fsync failed.*Input/output error" \
		dd if="$T/ref" of="$mp/p3" bs=20000 conv=fsync
	stop_dead_device $fs
	repair_and_check $fs "$img"
	start_fg "$KFS" -t $fs "$img" "$mp"
	cmp "$T/ref" "$mp/data" || fail "$fs: data changed by the power cut"
	stop_fg "$mp"
	cp "$T/pristine.img" "$img"

	note "$fs: ENOMEM at the Nth allocation after the image is opened"
	# (nomem=N:after=open): a clean failure, or a working mount
	for n in 1 10 100 1000 3000 10000; do
		NDAEMONS=$((NDAEMONS + 1))
		DLOG=$T/daemon.$NDAEMONS.log
		env "KFS_FAULT=nomem=$n:after=open" "$KFS" -t $fs -f "$img" "$mp" >"$DLOG" 2>&1 &
		DPID=$!
		PIDS="$PIDS $DPID"
		up_or_gone() { is_mounted "$mp" || not_running "$DPID"; }
		wait_for 60 up_or_gone || fail "$fs: nomem=$n: neither mounted nor exited"
		if is_mounted "$mp"; then
			cat "$mp/data" >/dev/null 2>&1
			ls "$mp/dir" >/dev/null 2>&1
			echo x >"$mp/nomem$n" 2>/dev/null
			# an allocation failure may end in an error status (a lost
			# write at unmount), never in a signal or a kernel BUG
			timeout 300 "$KFS" -u "$mp" || fail "$fs: nomem=$n: kfs -u"
			wait_daemon "$DPID"
			[ "$DSTATUS" -le 1 ] || { cat "$DLOG"; fail "$fs: nomem=$n: status $DSTATUS"; }
		else
			wait_daemon "$DPID"
			[ "$DSTATUS" = 1 ] || { cat "$DLOG"; fail "$fs: nomem=$n: status $DSTATUS"; }
			grep -q "^kfs: " "$DLOG" || { cat "$DLOG"; fail "$fs: nomem=$n: no message"; }
		fi
	done
	repair_and_check $fs "$img"
done
echo "PASS"
