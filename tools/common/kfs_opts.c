/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One -o list, four owners: kfs's generic options, mount(8)'s options that
 * only mean something to mount(8) itself (fstab lines pass them through
 * mount.fuse3), the calling program's options, and the filesystem's own
 * options, which are handed on untouched, in order, as the data string of
 * the mount -- the filesystem parses and rejects those itself, as in the
 * kernel.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kfs_opts.h"

/* mount(8) options the kernel never sees as fs data: accepted and dropped. */
static const char *const mount_noise[] = {
	"defaults", "auto", "noauto", "user", "users", "nouser", "owner", "group",
	"nofail", "_netdev", "dev", "nodev", "suid", "nosuid", "exec", "noexec",
	NULL,
};

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

int kfs_parse_size(const char *s, unsigned long long *out)
{
	unsigned long long v, mult = 1;
	char *end;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno)
		return -1;
	switch (toupper((unsigned char)*end)) {
	case 'K':
		mult = 1ULL << 10;
		break;
	case 'M':
		mult = 1ULL << 20;
		break;
	case 'G':
		mult = 1ULL << 30;
		break;
	case 'T':
		mult = 1ULL << 40;
		break;
	case '\0':
		break;
	default:
		return -1;
	}
	if (*end) {
		end++;
		if (*end == 'i')
			end++;
		if (*end == 'B' || *end == 'b')
			end++;
		if (*end)
			return -1;
	}
	if (v > ~0ULL / mult)
		return -1;
	*out = v * mult;
	return 0;
}

static int is_noise(const char *name)
{
	int i;

	if (!strncmp(name, "x-", 2) || !strcmp(name, "comment"))
		return 1;
	for (i = 0; mount_noise[i]; i++)
		if (!strcmp(name, mount_noise[i]))
			return 1;
	return 0;
}

static int want_value(const char *name, const char *value, char *err, size_t errlen)
{
	if (value && *value)
		return 0;
	set_err(err, errlen, "option '%s' needs a value (%s=...)", name, name);
	return -1;
}

static int want_no_value(const char *name, const char *value, char *err, size_t errlen)
{
	if (!value)
		return 0;
	set_err(err, errlen, "option '%s' takes no value", name);
	return -1;
}

/* Returns 1 when consumed, -1 on error. 0 when not a generic option. */
static int parse_generic(struct kfs_mount_opts *mo, const char *name, const char *value,
			 char *err, size_t errlen)
{
	unsigned long long v;

	if (!strcmp(name, "ro") || !strcmp(name, "rw")) {
		if (want_no_value(name, value, err, errlen))
			return -1;
		mo->rdonly = name[0] == 'r' && name[1] == 'o';
		return 1;
	}
	if (!strcmp(name, "offset") || !strcmp(name, "size") || !strcmp(name, "cache")) {
		if (want_value(name, value, err, errlen))
			return -1;
		if (kfs_parse_size(value, &v) || (name[0] != 'c' && v > (~0ULL >> 1))) {
			set_err(err, errlen, "option '%s': '%s' is not a size in bytes "
				"(a number, optionally with K, M, G or T)", name, value);
			return -1;
		}
		if (name[0] == 'o')
			mo->offset = v;
		else if (name[0] == 's')
			mo->size = v;
		else
			mo->cache = v;
		return 1;
	}
	if (!strcmp(name, "part")) {
		char *end;
		long n;

		if (want_value(name, value, err, errlen))
			return -1;
		errno = 0;
		n = strtol(value, &end, 10);
		if (errno || *end || n < 1 || n > 256) {
			set_err(err, errlen, "option 'part': '%s' is not a partition number (1-256)",
				value);
			return -1;
		}
		mo->part = n;
		return 1;
	}
	return 0;
}

static int append_fsdata(struct kfs_mount_opts *mo, size_t *len, const char *opt)
{
	size_t n = strlen(opt);
	char *p = realloc(mo->fsdata, *len + n + 2);

	if (!p)
		return -1;
	mo->fsdata = p;
	if (*len)
		p[(*len)++] = ',';
	memcpy(p + *len, opt, n + 1);
	*len += n;
	return 0;
}

int kfs_opts_parse(const char *opts, struct kfs_mount_opts *mo, kfs_opt_fn extra, void *ctx,
		   char *err, size_t errlen)
{
	char *copy, *tok, *save = NULL;
	size_t fslen = 0;
	int ret = 0;

	memset(mo, 0, sizeof(*mo));
	mo->rdonly = -1;
	mo->offset = -1;
	mo->size = -1;
	mo->fsdata = calloc(1, 1);
	copy = strdup(opts ? opts : "");
	if (!mo->fsdata || !copy) {
		set_err(err, errlen, "%s", strerror(ENOMEM));
		ret = -1;
		goto out;
	}
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '='), *whole = strdup(tok);
		const char *value = NULL;
		int r;

		if (!whole) {
			set_err(err, errlen, "%s", strerror(ENOMEM));
			ret = -1;
			break;
		}
		if (eq) {
			*eq = '\0';
			value = eq + 1;
		}
		r = parse_generic(mo, tok, value, err, errlen);
		if (r == 0 && extra)
			r = extra(ctx, tok, value, err, errlen);
		if (r == 0 && !is_noise(tok) && append_fsdata(mo, &fslen, whole)) {
			set_err(err, errlen, "%s", strerror(ENOMEM));
			r = -1;
		}
		free(whole);
		if (r < 0) {
			ret = -1;
			break;
		}
	}
out:
	free(copy);
	if (ret)
		kfs_opts_free(mo);
	return ret;
}

void kfs_opts_free(struct kfs_mount_opts *mo)
{
	free(mo->fsdata);
	mo->fsdata = NULL;
}
