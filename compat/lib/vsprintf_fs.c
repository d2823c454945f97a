/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * %pd, %pD and %pg (see vsprintf.c): the names of dentries, files and block
 * devices in messages.  Names are read without locks, as the kernel's
 * formatter does: a message may show a name that is being renamed, never
 * freed memory (dentries are freed after an RCU grace period).
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/blkdev.h>
#include <linux/string.h>

#include "vsprintf.h"

/*
 * Up to depth (1..4, from the digit after the letter) components ending at
 * dentry, separated by '/'.  Reaching the root stops the walk; the root
 * shows as "/" when it is the only component and as a leading '/' otherwise.
 */
int kfs_fmt_dentry(const void *ptr, const char *fmt, char *buf, size_t size)
{
	const struct dentry *d = ptr;
	const char *names[4];
	int depth = 1, n = 0, len = 0;

	if (fmt[1] >= '2' && fmt[1] <= '4')
		depth = fmt[1] - '0';
	while (n < depth) {
		const struct dentry *parent = READ_ONCE(d->d_parent);

		names[n++] = (const char *)READ_ONCE(d->d_name.name);
		if (parent == d) {
			if (n > 1)
				names[n - 1] = "";
			break;
		}
		d = parent;
	}
	buf[0] = '\0';
	while (n--) {
		len += scnprintf(buf + len, size - len, "%s%s", names[n], n ? "/" : "");
	}
	return len;
}

int kfs_fmt_file(const void *ptr, const char *fmt, char *buf, size_t size)
{
	const struct file *file = ptr;

	return kfs_fmt_dentry(file->f_path.dentry, fmt, buf, size);
}

/* The disk's name, then the partition number ("p" between two digits). */
int kfs_fmt_bdev(const void *ptr, const char *fmt, char *buf, size_t size)
{
	const struct block_device *bdev = ptr;
	const char *disk = bdev->bd_disk ? bdev->bd_disk->disk_name : "(nodisk)";
	size_t dlen = strlen(disk);

	if (!bdev->bd_partno)
		return scnprintf(buf, size, "%s", disk);
	return scnprintf(buf, size, "%s%s%u", disk,
			 dlen && isdigit(disk[dlen - 1]) ? "p" : "", bdev->bd_partno);
}
