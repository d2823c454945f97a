/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How hard page migration may try (->migrate_folio's mode argument).  kfs
 * never migrates pages; the type exists because address_space_operations
 * name it.
 */
#ifndef MIGRATE_MODE_H_INCLUDED
#define MIGRATE_MODE_H_INCLUDED

enum migrate_mode {
	MIGRATE_ASYNC,		/* never block */
	MIGRATE_SYNC_LIGHT,	/* block on most things, not on writeback */
	MIGRATE_SYNC,		/* block, wait for writeback */
	MIGRATE_SYNC_NO_COPY,	/* block, the caller copies the data */
};

#endif /* MIGRATE_MODE_H_INCLUDED */
