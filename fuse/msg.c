/* SPDX-License-Identifier: GPL-2.0-only */
/* Messages: one line on stderr, named after the program that says it. */
#include <stdarg.h>
#include <stdio.h>

#include "kfs_fuse.h"

const char *kfs_progname = "kfs";

void kfs_err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", kfs_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
