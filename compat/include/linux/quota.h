/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Disk quota types.  kfs is built without CONFIG_QUOTA: no quota files are
 * read or enforced (as a kernel without quota support); only the types a
 * filesystem names in common code are here.  See quotaops.h.
 */
#ifndef _LINUX_QUOTA_H
#define _LINUX_QUOTA_H

#include <linux/types.h>

#define USRQUOTA	0
#define GRPQUOTA	1
#define PRJQUOTA	2
#define MAXQUOTAS	3

#define QTYPE_MASK_USR	(1 << USRQUOTA)
#define QTYPE_MASK_GRP	(1 << GRPQUOTA)
#define QTYPE_MASK_PRJ	(1 << PRJQUOTA)

typedef long long qsize_t;

struct dquot;
struct dquot_operations;
struct quotactl_ops;

#endif /* _LINUX_QUOTA_H */
