/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Values written into freed or unlinked objects so that a later use faults
 * or is recognisable.  The list poisons point into the first page, which is
 * never mapped in a host process, so a use after list_del() crashes at once.
 */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

#define POISON_POINTER_DELTA	0

#define LIST_POISON1	((void *)0x100 + POISON_POINTER_DELTA)
#define LIST_POISON2	((void *)0x122 + POISON_POINTER_DELTA)

#define TIMER_ENTRY_STATIC	((void *)0x300 + POISON_POINTER_DELTA)
#define PAGE_POISON		0xaa
#define MUTEX_DEBUG_INIT	0x11
#define MUTEX_DEBUG_FREE	0x22

/* Slab debugging fill bytes. */
#define POISON_INUSE		0x5a
#define POISON_FREE		0x6b
#define POISON_END		0xa5
#define SLUB_RED_INACTIVE	0xbb
#define SLUB_RED_ACTIVE		0xcc

#define ATM_POISON_FREE		0x12
#define ATM_POISON		0xdeadbeef
#define POOL_POISON_FREED	0xa7
#define POOL_POISON_ALLOCATED	0xa9
#define KEY_DESTROY		0xbd

#endif /* _LINUX_POISON_H */
