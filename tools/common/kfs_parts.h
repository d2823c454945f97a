/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Partition tables of whole-disk images (USB sticks, SD cards): MBR with
 * extended/logical partitions, and GPT.  For `-o part=N` and listing.
 * Host world, libc only.
 */
#ifndef _KFS_PARTS_H
#define _KFS_PARTS_H

#include <stdio.h>

#define KFS_PARTS_MAX		128

struct kfs_part {
	int number;			/* 1-4 primary / GPT order, 5.. logical */
	long long start;		/* bytes from the start of the image */
	long long size;			/* bytes */
	char type[40];			/* "0x83", "0x0c", or the GPT type GUID */
	const char *type_name;		/* "Linux", "EFI System", ... for well-known types, or NULL */
	char name[72];			/* GPT partition name (UTF-8), else "" */
	int bootable;			/* MBR active flag (0x80) */
};

/* Table kinds kfs_parts_read() reports. */
#define KFS_PARTS_NONE		0
#define KFS_PARTS_MBR		1
#define KFS_PARTS_GPT		2

/*
 * Reads the partition table of @fd into @parts (at most @max entries,
 * in partition-number order).  Returns the number of partitions, 0 when
 * there is no table, or -errno.  *@kind gets KFS_PARTS_*.
 */
int kfs_parts_read(int fd, struct kfs_part *parts, int max, int *kind);

/* Partition @number of @fd into @part: 0, -ENOENT if absent, -errno. */
int kfs_parts_find(int fd, int number, struct kfs_part *part);

/*
 * Prints the table of @fd as `kfs --list-parts` shows it: one line per
 * partition with its number, start and size in bytes, type, and the
 * filesystem the prober recognises there.  Returns the count or -errno.
 */
int kfs_parts_print(FILE *out, int fd);

#endif /* _KFS_PARTS_H */
