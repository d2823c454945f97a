/* SPDX-License-Identifier: GPL-2.0-only */
/* Formatting into freshly allocated strings (<linux/kernel.h>); free with kfree(). */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap)
{
	va_list measure;
	char *p;
	int len;

	va_copy(measure, ap);
	len = vsnprintf(NULL, 0, fmt, measure);
	va_end(measure);

	p = kmalloc(len + 1, gfp);
	if (!p)
		return NULL;
	vsnprintf(p, len + 1, fmt, ap);
	return p;
}

/*
 * A constant format without conversions, or a lone "%s", need no
 * formatting: kstrdup_const() may then return the string itself (when it
 * lives in read-only data); free the result with kfree_const().
 */
const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list ap)
{
	if (!strchr(fmt, '%'))
		return kstrdup_const(fmt, gfp);
	if (!strcmp(fmt, "%s"))
		return kstrdup_const(va_arg(ap, const char *), gfp);
	return kvasprintf(gfp, fmt, ap);
}

char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = kvasprintf(gfp, fmt, ap);
	va_end(ap);
	return p;
}
