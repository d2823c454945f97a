/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Splitting one -o OPTIONS list between kfs itself, the calling program and
 * the filesystem, for every kfs program (kfs, kfs-TYPE, kfs-shell).  Host
 * world, libc only.
 */
#ifndef _KFS_OPTS_H
#define _KFS_OPTS_H

#include <stddef.h>

struct kfs_mount_opts {
	char *fsdata;			/* the filesystem's options, comma list ("" for none) */
	int rdonly;			/* 1 after "ro", 0 after "rw", -1 when neither was given */
	long long offset;		/* offset=BYTES, -1 when not given */
	long long size;			/* size=BYTES, -1 when not given */
	int part;			/* part=N (1-based), 0 when not given */
	unsigned long long cache;	/* cache=SIZE, 0 when not given */
};

/*
 * The caller's own options: returns 1 when @name (with @value after '=', or
 * NULL) was consumed, 0 when it is not the caller's, -1 on error with a
 * message in @err.
 */
typedef int (*kfs_opt_fn)(void *ctx, const char *name, const char *value,
			  char *err, size_t errlen);

/*
 * Parses @opts (may be NULL) into @mo.  Options are taken in order; a later
 * one overrides an earlier one.  Returns 0, or -1 with a one-line message in
 * @err (the option at fault named in it).  On success free @mo with
 * kfs_opts_free().
 */
int kfs_opts_parse(const char *opts, struct kfs_mount_opts *mo, kfs_opt_fn extra, void *ctx,
		   char *err, size_t errlen);
void kfs_opts_free(struct kfs_mount_opts *mo);

/*
 * A byte count with an optional K, M, G or T suffix (powers of 1024, an
 * optional trailing "B" or "iB" accepted).  0 on success, -1 if malformed.
 */
int kfs_parse_size(const char *s, unsigned long long *out);

#endif /* _KFS_OPTS_H */
