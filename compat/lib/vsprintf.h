/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private to compat/lib/vsprintf*.c: the parsed conversion and the hooks that
 * format VFS and block-layer objects (vsprintf_fs.c), kept apart so that the
 * core formatter needs no VFS header.
 */
#ifndef _KFS_LIB_VSPRINTF_H
#define _KFS_LIB_VSPRINTF_H

#include <linux/types.h>

struct kfs_fmt_spec {
	unsigned int flags;
	int width;		/* -1: none given */
	int precision;		/* -1: none given */
	unsigned int base;
};

/*
 * Each writes the text for ptr into buf (NUL-terminated, truncated to size);
 * fmt points at the extension letter ('d', 'D', 'g') and what follows it.
 */
int kfs_fmt_dentry(const void *dentry, const char *fmt, char *buf, size_t size);
int kfs_fmt_file(const void *file, const char *fmt, char *buf, size_t size);
int kfs_fmt_bdev(const void *bdev, const char *fmt, char *buf, size_t size);

#endif /* _KFS_LIB_VSPRINTF_H */
