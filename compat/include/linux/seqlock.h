/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sequence counters and sequential locks (Documentation/locking/seqlock.rst).
 *
 * Writers (serialised by a lock of their own) make the count odd while they
 * change the data and even again afterwards; readers take no lock, note the
 * count (waiting while it is odd), read, and retry if the count changed.
 * The seqcount_LOCKNAME_t types also name the writers' lock; the
 * read_seqcount_*()/write_seqcount_*() operations accept them all.
 *
 * ThreadSanitizer: a reader's loads race with the writer by design and the
 * retry throws their result away, so between read_seqcount_begin() and
 * read_seqcount_retry() the reader's loads are hidden from TSan.
 */
#ifndef __LINUX_SEQLOCK_H
#define __LINUX_SEQLOCK_H

#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <asm/barrier.h>
#include <asm/processor.h>

typedef struct seqcount {
	unsigned int sequence;
} seqcount_t;

#define SEQCNT_ZERO(name)	{ .sequence = 0 }

static inline void __seqcount_init(seqcount_t *s, const char *name, struct lock_class_key *key)
{
	s->sequence = 0;
}

#define seqcount_init(s)	__seqcount_init((s), #s, NULL)
#define seqcount_lockdep_reader_access(s)	do { } while (0)

/* A sequence counter whose writers hold the named lock. */
#define __KFS_SEQCOUNT_LOCKED(lockname, locktype)			\
typedef struct seqcount_##lockname {					\
	seqcount_t seqcount;						\
	locktype *lock;							\
} seqcount_##lockname##_t;						\
									\
static inline void seqcount_##lockname##_init(seqcount_##lockname##_t *s, locktype *lock) \
{									\
	s->seqcount.sequence = 0;					\
	s->lock = lock;							\
}

__KFS_SEQCOUNT_LOCKED(raw_spinlock, raw_spinlock_t)
__KFS_SEQCOUNT_LOCKED(spinlock, spinlock_t)
__KFS_SEQCOUNT_LOCKED(rwlock, rwlock_t)
__KFS_SEQCOUNT_LOCKED(mutex, struct mutex)

#define SEQCOUNT_LOCKNAME_ZERO(seq_name, assoc_lock)	{ .seqcount = SEQCNT_ZERO(seq_name.seqcount), .lock = (assoc_lock) }
#define SEQCNT_RAW_SPINLOCK_ZERO(name, lock)	SEQCOUNT_LOCKNAME_ZERO(name, lock)
#define SEQCNT_SPINLOCK_ZERO(name, lock)	SEQCOUNT_LOCKNAME_ZERO(name, lock)
#define SEQCNT_RWLOCK_ZERO(name, lock)		SEQCOUNT_LOCKNAME_ZERO(name, lock)
#define SEQCNT_MUTEX_ZERO(name, lock)		SEQCOUNT_LOCKNAME_ZERO(name, lock)

/* The seqcount_t inside any of the types above. */
#define __kfs_seqcount_ptr(s)						\
	_Generic(*(s),							\
		 seqcount_t: (seqcount_t *)(s),				\
		 seqcount_raw_spinlock_t: &((seqcount_raw_spinlock_t *)(s))->seqcount, \
		 seqcount_spinlock_t: &((seqcount_spinlock_t *)(s))->seqcount, \
		 seqcount_rwlock_t: &((seqcount_rwlock_t *)(s))->seqcount, \
		 seqcount_mutex_t: &((seqcount_mutex_t *)(s))->seqcount)

/* ------------------------------------------------------- TSan annotation */

#ifdef __KFS_TSAN
extern __thread int kfs_seq_readers;

static __always_inline void kfs_seq_read_begin(void)
{
	kfs_seq_readers++;
	AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
}

static __always_inline void kfs_seq_read_end(void)
{
	/* A retry without a matching begin (raw_read_seqcount) is harmless. */
	if (kfs_seq_readers > 0) {
		kfs_seq_readers--;
		AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
	}
}
#else
static __always_inline void kfs_seq_read_begin(void) { }
static __always_inline void kfs_seq_read_end(void) { }
#endif

/* ------------------------------------------------------------ read side */

static __always_inline unsigned int __kfs_seq_load(const seqcount_t *s)
{
	return __atomic_load_n(&s->sequence, __ATOMIC_ACQUIRE);
}

static __always_inline unsigned int __kfs_read_seqcount_begin(const seqcount_t *s)
{
	unsigned int seq;

	while (unlikely((seq = __kfs_seq_load(s)) & 1))
		cpu_relax();
	kfs_seq_read_begin();
	return seq;
}

static __always_inline int __kfs_read_seqcount_retry(const seqcount_t *s, unsigned int start)
{
	kfs_seq_read_end();
	smp_rmb();
	return unlikely(READ_ONCE(s->sequence) != start);
}

#define __read_seqcount_begin(s)	__kfs_read_seqcount_begin(__kfs_seqcount_ptr(s))
#define raw_read_seqcount_begin(s)	__kfs_read_seqcount_begin(__kfs_seqcount_ptr(s))
#define read_seqcount_begin(s)		__kfs_read_seqcount_begin(__kfs_seqcount_ptr(s))
/* The current count, odd or not: no waiting. */
#define raw_read_seqcount(s)		__kfs_seq_load(__kfs_seqcount_ptr(s))
/* Like read_seqcount_begin, but an odd count makes the retry fail instead. */
#define raw_seqcount_begin(s)						\
({									\
	unsigned int __kfs_seq = __kfs_seq_load(__kfs_seqcount_ptr(s)) & ~1U; \
	kfs_seq_read_begin();						\
	__kfs_seq;							\
})
#define __read_seqcount_retry(s, start)	__kfs_read_seqcount_retry(__kfs_seqcount_ptr(s), start)
#define read_seqcount_retry(s, start)	__kfs_read_seqcount_retry(__kfs_seqcount_ptr(s), start)

/* ----------------------------------------------------------- write side */

static __always_inline void __kfs_seq_bump(seqcount_t *s, unsigned int by)
{
	__atomic_store_n(&s->sequence, __atomic_load_n(&s->sequence, __ATOMIC_RELAXED) + by,
			 __ATOMIC_RELAXED);
}

static __always_inline void __kfs_write_seqcount_begin(seqcount_t *s)
{
	__kfs_seq_bump(s, 1);
	smp_wmb();
}

static __always_inline void __kfs_write_seqcount_end(seqcount_t *s)
{
	smp_wmb();
	__kfs_seq_bump(s, 1);
}

#define raw_write_seqcount_begin(s)	__kfs_write_seqcount_begin(__kfs_seqcount_ptr(s))
#define raw_write_seqcount_end(s)	__kfs_write_seqcount_end(__kfs_seqcount_ptr(s))
#define write_seqcount_begin(s)		__kfs_write_seqcount_begin(__kfs_seqcount_ptr(s))
#define write_seqcount_end(s)		__kfs_write_seqcount_end(__kfs_seqcount_ptr(s))
#define write_seqcount_begin_nested(s, subclass) write_seqcount_begin(s)
#define do_write_seqcount_begin(s)	__kfs_write_seqcount_begin(s)
#define do_write_seqcount_end(s)	__kfs_write_seqcount_end(s)

/* Makes every reader in flight retry (writers only). */
#define raw_write_seqcount_barrier(s)					\
	do {								\
		__kfs_seq_bump(__kfs_seqcount_ptr(s), 1);		\
		smp_wmb();						\
		__kfs_seq_bump(__kfs_seqcount_ptr(s), 1);		\
	} while (0)

#define write_seqcount_invalidate(s)					\
	do {								\
		smp_wmb();						\
		__kfs_seq_bump(__kfs_seqcount_ptr(s), 2);		\
	} while (0)

/* --------------------------------------------------------------- seqlock */

typedef struct {
	seqcount_spinlock_t seqcount;
	spinlock_t lock;
} seqlock_t;

#define __SEQLOCK_UNLOCKED(lockname)					\
	{								\
		.seqcount = SEQCNT_SPINLOCK_ZERO(lockname, &(lockname).lock), \
		.lock = __SPIN_LOCK_UNLOCKED(lockname)			\
	}

#define seqlock_init(sl)						\
	do {								\
		spin_lock_init(&(sl)->lock);				\
		seqcount_spinlock_init(&(sl)->seqcount, &(sl)->lock);	\
	} while (0)

#define DEFINE_SEQLOCK(sl)	seqlock_t sl = __SEQLOCK_UNLOCKED(sl)

static inline unsigned int read_seqbegin(const seqlock_t *sl)
{
	return __kfs_read_seqcount_begin(&sl->seqcount.seqcount);
}

static inline unsigned int read_seqretry(const seqlock_t *sl, unsigned int start)
{
	return __kfs_read_seqcount_retry(&sl->seqcount.seqcount, start);
}

static inline void write_seqlock(seqlock_t *sl)
{
	spin_lock(&sl->lock);
	__kfs_write_seqcount_begin(&sl->seqcount.seqcount);
}

static inline void write_sequnlock(seqlock_t *sl)
{
	__kfs_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock(&sl->lock);
}

static inline void write_seqlock_bh(seqlock_t *sl)
{
	spin_lock_bh(&sl->lock);
	__kfs_write_seqcount_begin(&sl->seqcount.seqcount);
}

static inline void write_sequnlock_bh(seqlock_t *sl)
{
	__kfs_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock_bh(&sl->lock);
}

static inline void write_seqlock_irq(seqlock_t *sl)
{
	spin_lock_irq(&sl->lock);
	__kfs_write_seqcount_begin(&sl->seqcount.seqcount);
}

static inline void write_sequnlock_irq(seqlock_t *sl)
{
	__kfs_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock_irq(&sl->lock);
}

#define write_seqlock_irqsave(lock, flags)				\
	do {								\
		spin_lock_irqsave(&(lock)->lock, flags);		\
		__kfs_write_seqcount_begin(&(lock)->seqcount.seqcount);	\
	} while (0)

static inline void write_sequnlock_irqrestore(seqlock_t *sl, unsigned long flags)
{
	__kfs_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock_irqrestore(&sl->lock, flags);
}

/* Readers that exclude writers (and each other) instead of retrying. */
static inline void read_seqlock_excl(seqlock_t *sl)
{
	spin_lock(&sl->lock);
}

static inline void read_sequnlock_excl(seqlock_t *sl)
{
	spin_unlock(&sl->lock);
}

static inline void read_seqlock_excl_bh(seqlock_t *sl)
{
	spin_lock_bh(&sl->lock);
}

static inline void read_sequnlock_excl_bh(seqlock_t *sl)
{
	spin_unlock_bh(&sl->lock);
}

static inline void read_seqlock_excl_irq(seqlock_t *sl)
{
	spin_lock_irq(&sl->lock);
}

static inline void read_sequnlock_excl_irq(seqlock_t *sl)
{
	spin_unlock_irq(&sl->lock);
}

#define read_seqlock_excl_irqsave(lock, flags)	spin_lock_irqsave(&(lock)->lock, flags)

static inline void read_sequnlock_excl_irqrestore(seqlock_t *sl, unsigned long flags)
{
	spin_unlock_irqrestore(&sl->lock, flags);
}

/*
 * A lockless pass first (*seq even), a locking one after a failed retry
 * (the caller sets *seq odd): see Documentation/locking/seqlock.rst.
 */
static inline void read_seqbegin_or_lock(seqlock_t *lock, int *seq)
{
	if (!(*seq & 1))
		*seq = read_seqbegin(lock);
	else
		read_seqlock_excl(lock);
}

static inline int need_seqretry(seqlock_t *lock, int seq)
{
	return !(seq & 1) && read_seqretry(lock, seq);
}

static inline void done_seqretry(seqlock_t *lock, int seq)
{
	if (seq & 1)
		read_sequnlock_excl(lock);
}

static inline unsigned long read_seqbegin_or_lock_irqsave(seqlock_t *lock, int *seq)
{
	unsigned long flags = 0;

	if (!(*seq & 1))
		*seq = read_seqbegin(lock);
	else
		read_seqlock_excl_irqsave(lock, flags);
	return flags;
}

static inline void done_seqretry_irqrestore(seqlock_t *lock, int seq, unsigned long flags)
{
	if (seq & 1)
		read_sequnlock_excl_irqrestore(lock, flags);
}

#endif /* __LINUX_SEQLOCK_H */
