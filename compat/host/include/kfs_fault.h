/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fault injection through the host-operations table (kfs_host.h).
 *
 * kfs_fault_ops wraps the table that was in force when kfs_fault_install()
 * ran: every operation is forwarded to it unless a rule says otherwise.  What
 * the kernel code then sees is exactly what a failing disk would give it: an
 * error from a read or a write (synchronous or through aio), a short write,
 * a write of which only a prefix reached the medium, a failing cache flush,
 * or an allocation that fails.
 *
 * Shared by both worlds (the host allocator consults the ENOMEM rules), so
 * only compiler-builtin types appear here.
 *
 * Rules are matched in the order they were added; the first one that fires
 * decides.  A rule "matches" an operation of its kind on its descriptor (or
 * any) that overlaps its byte range (or any range); of the matching
 * operations the first `skip` pass untouched, then the rule fires `times`
 * times (0: on every match from then on).
 *
 * Manual runs: the environment variable KFS_FAULT holds a comma-separated
 * list of rules, parsed when the program starts; a bad list prints one line
 * naming the problem and the program exits with status 2 before doing
 * anything.  Grammar:
 *
 *   KFS_FAULT = RULE { "," RULE }
 *   RULE      = NAME "=" VALUE { ":" MODIFIER }
 *
 *   read-eio=RANGE             reads overlapping RANGE fail with EIO
 *   write-eio=RANGE            writes overlapping RANGE fail with EIO; nothing
 *                              of them reaches the image
 *   rw-eio=RANGE               both of the above
 *   write-enospc-after=SIZE    once SIZE bytes have been written, writes fail
 *                              with ENOSPC; the write that crosses SIZE is
 *                              short (cut on a 512-byte boundary)
 *   short-write=RANGE          writes overlapping RANGE transfer only a prefix
 *                              and report that count (see "keep" below)
 *   torn-write=RANGE           writes overlapping RANGE put only a prefix on
 *                              the image, then fail with EIO
 *   fsync-eio=N                the Nth fsync/fdatasync/aio fdsync fails with EIO
 *   nomem=N                    the Nth allocation (kmalloc, kmem_cache_alloc,
 *                              vmalloc, ...) fails
 *   powercut=N                 the Nth fsync/fdatasync/aio fdsync (a cache
 *                              flush) never happens: the power fails instead,
 *                              as kfs_fault_power_cut(writes, tear) below,
 *                              and the flush fails with EIO, as does all I/O
 *                              after it.  Recording for power loss starts
 *                              when the rule is added (at program start for
 *                              KFS_FAULT), so "unsynced" counts from there
 *
 *   RANGE    = "*" | SECTOR [ "+" COUNT ] | "@" BYTE [ "+" SIZE ]
 *              SECTOR and COUNT in 512-byte sectors (COUNT defaults to 1);
 *              after "@", a byte offset and a length in bytes
 *   SIZE     = number with an optional K, M or G suffix (powers of 1024)
 *   MODIFIER = "fd=" N        only this descriptor (default: any)
 *            | "skip=" N      let the first N matching operations pass
 *            | "times=" N     fire N times, 0 = always (default: 1 for
 *                             fsync-eio, nomem and powercut, always for the others)
 *            | "keep=" SIZE   short/torn writes: bytes that reach the image
 *            | "tid=" N       nomem: only allocations of that host thread
 *            | "after=open"   nomem: count from the first file opened through
 *                             the host table (the image, at mount) instead
 *                             of from program start.  Kernel code runs its
 *                             initcalls first, and an allocation failing
 *                             there panics as it does at boot (SLAB_PANIC
 *                             caches, the core threads): status 112.
 *            | "writes=" N    powercut: unsynced writes that survive (default 0)
 *            | "tear=" SIZE   powercut: bytes of the write after those that
 *                             survive (default 0: it is lost whole)
 *
 *   e.g. KFS_FAULT='read-eio=2048+8,write-enospc-after=1M,fsync-eio=3,nomem=500'
 *        KFS_FAULT='powercut=12:writes=3:tear=1024'
 *
 * Every fsync-type operation through the wrapper is counted (whether a rule
 * fires or not): kfs_fault_fsync_count() tells a harness how many flushes a
 * workload makes, so it can choose N for powercut.
 *
 * "keep" by default: a write starting before RANGE keeps the bytes in front of
 * it; a write starting inside RANGE keeps half its length rounded down to 512
 * bytes.  A short write never splits a sector, so a write of one sector is
 * never shortened; a torn write of one sector puts nothing on the image.
 * Operations run through aio carry the injected result in their completion.
 *
 * Power loss: kfs_fault_powerloss_record(1) starts keeping an undo log of
 * every write that no successful fsync of its file has covered yet (the old
 * contents are read before each write).  kfs_fault_power_cut() then puts the
 * image in the state a power failure could leave: the first `keep` unsynced
 * writes survive, the next one is torn to its first `tear` bytes (rounded
 * down to 512; tear < 0: dropped whole) and all later ones are lost.  From then
 * on every operation on a descriptor that was open at the cut fails with EIO
 * (the device is gone), so the mount can be torn down without touching the
 * image; descriptors opened afterwards work normally.
 *
 * Install the wrapper, change rules and cut power only while no aio is in
 * flight; rules may be added and removed from any thread at any time.
 */
#ifndef _KFS_FAULT_H
#define _KFS_FAULT_H

#include "kfs_host.h"

enum kfs_fault_kind {
	KFS_FAULT_READ_EIO = 1,
	KFS_FAULT_WRITE_EIO,
	KFS_FAULT_WRITE_ENOSPC,	/* arg: bytes that may be written before ENOSPC */
	KFS_FAULT_SHORT_WRITE,	/* arg: bytes kept, 0 = default (see above) */
	KFS_FAULT_TORN_WRITE,	/* arg: bytes kept, 0 = default (see above) */
	KFS_FAULT_FSYNC_EIO,
	KFS_FAULT_NOMEM,
	KFS_FAULT_POWER_CUT,	/* arg: unsynced writes that survive; tear below */
};

#define KFS_FAULT_ANY_FD	(-1)

struct kfs_fault_rule {
	int kind;		/* enum kfs_fault_kind */
	int fd;			/* KFS_FAULT_ANY_FD or one descriptor */
	kfs_u64 start;		/* byte range an I/O must overlap ... */
	kfs_u64 len;		/* ... 0 = any offset */
	kfs_u64 skip;		/* matching operations let through first */
	kfs_u64 times;		/* then fire this often, 0 = always */
	kfs_u64 arg;		/* see enum kfs_fault_kind */
	int error;		/* positive errno to inject, 0 = the kind's own */
	int tid;		/* NOMEM: only this host thread (gettid), 0 = any */
	kfs_s64 tear;		/* POWER_CUT: bytes kept of the next write */
	int after_open;		/* NOMEM: count only once a file was opened */
};

/* The wrapping table, and switching it in and out of kfs_host. */
extern const struct kfs_host_ops kfs_fault_ops;
void kfs_fault_install(void);
void kfs_fault_uninstall(void);

/* Adds a rule; returns its id (>= 0) or -EINVAL. */
int kfs_fault_add(const struct kfs_fault_rule *rule);
/* Removes one rule, or all of them (and their counters). */
void kfs_fault_remove(int id);
void kfs_fault_clear(void);
/* How often the rule fired so far; -ENOENT for an unknown id. */
long kfs_fault_hits(int id);

/*
 * Parses a KFS_FAULT string and adds its rules (all or none).  On a bad spec
 * returns -EINVAL and leaves a one-line reason in err.
 */
int kfs_fault_parse(const char *spec, char *err, kfs_size_t errlen);

/*
 * Consulted by the host allocator (kfs_host_alloc.h) for every allocation
 * kernel code makes: non-zero when a nomem rule says this one fails.
 */
int kfs_fault_alloc_should_fail(void);

/* Power loss (see above). */
void kfs_fault_powerloss_record(int on);
/* Writes not covered by a successful fsync, in issue order. */
long kfs_fault_unsynced_writes(void);
/* Returns 0, or a negative errno if the image could not be rolled back. */
int kfs_fault_power_cut(long keep, long tear);
/* Forgets the cut: descriptors that were open at it work again. */
void kfs_fault_power_restore(void);
/* Non-zero once power was cut (by a call or a powercut rule), until restore. */
int kfs_fault_power_is_cut(void);
/* fsync-type operations seen by the wrapper since it was first installed. */
long kfs_fault_fsync_count(void);

#endif /* _KFS_FAULT_H */
