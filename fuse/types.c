/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which built-in filesystem type serves an image: -t, or the first of the
 * prober's candidates (tools/common/kfs_probe.c) that this kfs carries.  Needs kfs_init (the types
 * register in their initcalls), so it runs in the daemon, after the fork.
 */
#include <stdio.h>
#include <string.h>

#include "kfs_fuse.h"

static bool type_built_in(const char *name)
{
	const char *t;

	for (int i = 0; (t = kfs_fstype_name(i)); i++)
		if (!strcmp(t, name))
			return true;
	return false;
}

static void built_in_list(char *buf, size_t len)
{
	const char *t;
	size_t o = 0;

	buf[0] = '\0';
	for (int i = 0; (t = kfs_fstype_name(i)) && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? ", " : "", t);
}

const char *kfs_resolve_type(struct kfs_opts *o)
{
	char list[256];
	const char *t;
	int i;

	built_in_list(list, sizeof(list));
	if (o->fstype) {
		if (type_built_in(o->fstype))
			return o->fstype;
		kfs_err("unknown filesystem type '%s' (built in: %s)", o->fstype, list);
		return NULL;
	}
	if (!o->nprobed) {
		kfs_err("%s: no filesystem kfs recognises; name one with -t (built in: %s)",
			o->image, list);
		return NULL;
	}
	/* the prober's candidates, best first: the first one built in */
	for (t = NULL, i = 0; !t && i < o->nprobed; i++)
		if (type_built_in(o->probed[i]))
			t = o->probed[i];
	if (!t) {
		kfs_err("%s: looks like %s, which this kfs does not have (built in: %s)",
			o->image, o->probed[0], list);
		return NULL;
	}
	printf("%s: %s: %s filesystem\n", kfs_progname, o->image, t);
	fflush(stdout);
	return t;
}
