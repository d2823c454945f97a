/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Splitting one -o list, on top of tools/common's kfs_opts_parse (shared
 * with the tools).  Every option lands in exactly one of four places:
 *  - kfs's generic ones (ro, rw, offset=, size=, part=, cache=), parsed by
 *    kfs_opts_parse;
 *  - the FUSE server's own (timeouts, fsname=, ...) and the FUSE mount
 *    options libfuse understands (allow_other, nodev, ...), taken here by
 *    the callback and handed to fuse_session_new;
 *  - mount(8)'s options that mean nothing to a FUSE server (defaults,
 *    nofail, _netdev, x-*, relatime, ...), accepted and dropped so fstab
 *    entries work through mount.fuse3;
 *  - everything else: the filesystem's own options, passed as the data
 *    string to its mount.  The kernel filesystem rejects what it does not
 *    know, with its own message (a filesystem that ignores its data, such as
 *    minix, ignores unknown options too, exactly as in the kernel).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kfs_opts.h"
#include "kfs_fuse.h"

/* Options libfuse's mount code takes as they are (lib/mount.c, 3.14). */
static const char *const fuse_passthrough[] = {
	"allow_other", "allow_root", "auto_unmount", "default_permissions",
	"dev", "nodev", "suid", "nosuid", "exec", "noexec",
	"async", "sync", "dirsync", "atime", "noatime",
	NULL,
};

/* The same, taking a value. */
static const char *const fuse_passthrough_val[] = {
	"max_read", "blksize", "context", "fscontext", "defcontext", "rootcontext",
	NULL,
};

/*
 * mount(8) options beyond kfs_opts_parse's own list that have no meaning
 * for a FUSE server, or that the FUSE kernel module decides by itself (the
 * atime policy of the FUSE mount).
 */
static const char *const generic_ignored[] = {
	"relatime", "norelatime", "strictatime", "nostrictatime", "diratime",
	"nodiratime", "lazytime", "nolazytime", "iversion", "noiversion", "mand",
	"nomand", "loud", "silent", "nosymfollow", "symfollow", "noowner", "nogroup",
	NULL,
};

static bool in_list(const char *opt, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(opt, *list))
			return true;
	return false;
}

/* Appends opt (name[=value]) to the comma list *dst (allocated). */
static int list_add(char **dst, const char *name, const char *value)
{
	size_t old = *dst ? strlen(*dst) : 0;
	size_t len = strlen(name) + (value ? strlen(value) + 1 : 0);
	char *s = realloc(*dst, old + len + 2);

	if (!s)
		return -1;
	if (old)
		s[old++] = ',';
	sprintf(s + old, "%s%s%s", name, value ? "=" : "", value ? value : "");
	*dst = s;
	return 0;
}

static int opt_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int opt_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int parse_timeout(const char *name, const char *val, double *out, char *err,
			 size_t errlen)
{
	char *end;
	double d;

	errno = 0;
	d = val ? strtod(val, &end) : -1;
	if (!val || errno || end == val || *end || d < 0)
		return opt_err(err, errlen, "option '%s': expected a number of seconds", name);
	*out = d;
	return 1;
}

static int parse_int(const char *name, const char *val, long min, long max, long *out,
		     char *err, size_t errlen)
{
	char *end;
	long v;

	errno = 0;
	v = val ? strtol(val, &end, 0) : min - 1;
	if (!val || errno || end == val || *end || v < min || v > max)
		return opt_err(err, errlen, "option '%s': expected a number from %ld to %ld",
			       name, min, max);
	*out = v;
	return 1;
}

static int set_string(char **dst, const char *name, const char *val, char *err, size_t errlen)
{
	if (!val || !*val)
		return opt_err(err, errlen, "option '%s' needs a value (%s=...)", name, name);
	free(*dst);
	*dst = strdup(val);
	return *dst ? 1 : opt_err(err, errlen, "%s", strerror(ENOMEM));
}

/* kfs_opt_fn: 1 consumed, 0 not ours (the filesystem's), -1 error. */
static int fuse_opt(void *ctx, const char *name, const char *val, char *err, size_t errlen)
{
	struct kfs_opts *o = ctx;
	long n = 0;

	if (!strcmp(name, "fsname"))
		return set_string(&o->fsname, name, val, err, errlen);
	if (!strcmp(name, "subtype"))
		return set_string(&o->subtype, name, val, err, errlen);
	if (!strcmp(name, "entry_timeout"))
		return parse_timeout(name, val, &o->entry_timeout, err, errlen);
	if (!strcmp(name, "attr_timeout"))
		return parse_timeout(name, val, &o->attr_timeout, err, errlen);
	if (!strcmp(name, "negative_timeout"))
		return parse_timeout(name, val, &o->negative_timeout, err, errlen);
	if (!strcmp(name, "max_threads")) {
		if (parse_int(name, val, 1, 1024, &n, err, errlen) < 0)
			return -1;
		o->max_threads = (unsigned int)n;
		return 1;
	}
	if (!strcmp(name, "readdirplus")) {
		if (val && !strcmp(val, "no"))
			o->readdirplus = 0;
		else if (val && !strcmp(val, "yes"))
			o->readdirplus = 1;
		else if (val && !strcmp(val, "auto"))
			o->readdirplus = 2;
		else
			return opt_err(err, errlen, "option 'readdirplus': expected yes, no or auto");
		return 1;
	}
	if (!val && (!strcmp(name, "writeback_cache") || !strcmp(name, "no_writeback_cache"))) {
		o->writeback_cache = name[0] == 'w';
		return 1;
	}
	if (!val && (!strcmp(name, "splice") || !strcmp(name, "no_splice"))) {
		o->splice = name[0] == 's';
		return 1;
	}
	if (!val && !strcmp(name, "nosandbox")) {
		o->nosandbox = true;
		return 1;
	}
	if (!strcmp(name, "user") && val)
		return set_string(&o->user, name, val, err, errlen);
	if (!val && (!strcmp(name, "remount") || !strcmp(name, "bind") || !strcmp(name, "move")))
		return opt_err(err, errlen, "option '%s' is not supported by kfs", name);
	if (!val && !strcmp(name, "default_permissions"))
		o->default_permissions = true;
	if ((!val && in_list(name, fuse_passthrough)) || (val && in_list(name, fuse_passthrough_val)))
		return list_add(&o->fuse_mount_opts, name, val) ? -1 : 1;
	if (!val && in_list(name, generic_ignored))
		return 1;
	return 0;
}

int kfs_parse_mount_opts(struct kfs_opts *o, const char *list)
{
	struct kfs_mount_opts mo;
	char err[256];

	if (kfs_opts_parse(list, &mo, fuse_opt, o, err, sizeof(err))) {
		kfs_err("%s", err);
		return -1;
	}
	if (mo.rdonly >= 0)
		o->readonly = mo.rdonly;
	if (mo.offset >= 0)
		o->offset = mo.offset;
	if (mo.size >= 0)
		o->size = mo.size;
	if (mo.part)
		o->part = mo.part;
	if (mo.cache) {
		if (mo.cache < (1u << 20)) {
			kfs_err("option 'cache': at least 1M");
			kfs_opts_free(&mo);
			return -1;
		}
		o->cache_limit = mo.cache;
	}
	if (mo.fsdata && *mo.fsdata) {
		if (o->fs_data) {
			/* a second -o: the lists join, in order */
			char *j = malloc(strlen(o->fs_data) + strlen(mo.fsdata) + 2);

			if (!j) {
				kfs_opts_free(&mo);
				return -1;
			}
			sprintf(j, "%s,%s", o->fs_data, mo.fsdata);
			free(o->fs_data);
			o->fs_data = j;
		} else {
			o->fs_data = strdup(mo.fsdata);
		}
	}
	kfs_opts_free(&mo);
	return 0;
}
