/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat's atomics and locks: values of every atomic operation family,
 * exclusion under contention across kthreads, owner tracking (is_locked
 * vs lockdep_is_held for holder and non-holder, lockdep_assert_held firing
 * on a non-holder), rw_semaphore reader sharing, writer exclusion and
 * writers holding back new readers, interruptible lock waits, seqlocks,
 * bit spinlocks, and might_sleep() complaining in atomic context.
 * Threads synchronise on conditions only, never on elapsed time.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/seqlock.h>
#include <linux/bit_spinlock.h>
#include <linux/list_bl.h>
#include <linux/rcupdate.h>
#include <linux/wait_bit.h>
#include <linux/percpu-rwsem.h>
#include <linux/sched/signal.h>
#include <kfs/sched.h>

#include "../../compat/api/kfs_api.h"
#include "ktest_threads.h"

#define NTHREADS	4
#define ROUNDS		20000

static void atomics(struct kunit *test)
{
	atomic_t a = ATOMIC_INIT(5);
	atomic64_t b = ATOMIC64_INIT(-3);
	atomic_long_t l = ATOMIC_LONG_INIT(0);
	int old;
	long lold;
	unsigned long word = 7;

	KUNIT_EXPECT_EQ(test, atomic_read(&a), 5);
	atomic_inc(&a);
	atomic_add(4, &a);
	atomic_sub(2, &a);
	atomic_dec(&a);
	KUNIT_EXPECT_EQ(test, atomic_read(&a), 7);
	KUNIT_EXPECT_EQ(test, atomic_inc_return(&a), 8);
	KUNIT_EXPECT_EQ(test, atomic_fetch_add(2, &a), 8);
	KUNIT_EXPECT_EQ(test, atomic_fetch_sub_release(1, &a), 10);
	KUNIT_EXPECT_EQ(test, atomic_dec_return_acquire(&a), 8);
	KUNIT_EXPECT_EQ(test, atomic_fetch_or(0x10, &a), 8);
	KUNIT_EXPECT_EQ(test, atomic_fetch_andnot(0x8, &a), 0x18);
	KUNIT_EXPECT_EQ(test, atomic_fetch_xor_relaxed(0x1, &a), 0x10);
	KUNIT_EXPECT_EQ(test, atomic_read(&a), 0x11);
	KUNIT_EXPECT_EQ(test, atomic_xchg(&a, 3), 0x11);
	KUNIT_EXPECT_EQ(test, atomic_cmpxchg(&a, 4, 9), 3);	/* fails: no store */
	KUNIT_EXPECT_EQ(test, atomic_cmpxchg(&a, 3, 9), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&a), 9);
	old = 1;
	KUNIT_EXPECT_FALSE(test, atomic_try_cmpxchg(&a, &old, 2));
	KUNIT_EXPECT_EQ(test, old, 9);				/* updated on failure */
	KUNIT_EXPECT_TRUE(test, atomic_try_cmpxchg(&a, &old, 2));
	KUNIT_EXPECT_EQ(test, atomic_read(&a), 2);
	KUNIT_EXPECT_FALSE(test, atomic_dec_and_test(&a));
	KUNIT_EXPECT_TRUE(test, atomic_dec_and_test(&a));
	KUNIT_EXPECT_FALSE(test, atomic_inc_not_zero(&a));
	KUNIT_EXPECT_EQ(test, atomic_read(&a), 0);
	KUNIT_EXPECT_FALSE(test, atomic_add_unless(&a, 5, 0));
	KUNIT_EXPECT_EQ(test, atomic_dec_if_positive(&a), -1);
	KUNIT_EXPECT_EQ(test, atomic_read(&a), 0);
	atomic_set(&a, 1);
	KUNIT_EXPECT_EQ(test, atomic_dec_if_positive(&a), 0);
	KUNIT_EXPECT_TRUE(test, atomic_inc_not_zero(&a) == false);
	KUNIT_EXPECT_TRUE(test, atomic_inc_unless_negative(&a));
	KUNIT_EXPECT_FALSE(test, atomic_dec_unless_positive(&a));
	KUNIT_EXPECT_EQ(test, atomic_fetch_add_unless(&a, 1, 1), 1);
	KUNIT_EXPECT_TRUE(test, atomic_add_negative(-2, &a));
	KUNIT_EXPECT_TRUE(test, atomic_sub_and_test(-1, &a));
	KUNIT_EXPECT_TRUE(test, atomic_inc_and_test(&(atomic_t)ATOMIC_INIT(-1)));

	KUNIT_EXPECT_EQ(test, atomic64_add_return(1LL << 40, &b), (1LL << 40) - 3);
	KUNIT_EXPECT_EQ(test, atomic64_fetch_and(0xff, &b), (1LL << 40) - 3);
	KUNIT_EXPECT_EQ(test, atomic64_read(&b), 0xfdLL);
	KUNIT_EXPECT_EQ(test, atomic_long_inc_return(&l), 1L);
	lold = 1;
	KUNIT_EXPECT_TRUE(test, atomic_long_try_cmpxchg_release(&l, &lold, -5L));
	KUNIT_EXPECT_EQ(test, atomic_long_read_acquire(&l), -5L);
	atomic_long_set_release(&l, 6);
	KUNIT_EXPECT_EQ(test, atomic_long_sub_return(7, &l), -1L);

	KUNIT_EXPECT_EQ(test, xchg(&word, 9UL), 7UL);
	KUNIT_EXPECT_EQ(test, cmpxchg(&word, 8UL, 1UL), 9UL);
	KUNIT_EXPECT_EQ(test, cmpxchg_acquire(&word, 9UL, 1UL), 9UL);
	KUNIT_EXPECT_EQ(test, word, 1UL);
	KUNIT_EXPECT_EQ(test, smp_load_acquire(&word), 1UL);
	smp_store_release(&word, 4UL);
	KUNIT_EXPECT_EQ(test, READ_ONCE(word), 4UL);
}

static void refcounts(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(1);
	unsigned long warns;

	refcount_inc(&r);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 2U);
	KUNIT_EXPECT_FALSE(test, refcount_dec_and_test(&r));
	KUNIT_EXPECT_FALSE(test, refcount_dec_not_one(&r));
	KUNIT_EXPECT_TRUE(test, refcount_dec_if_one(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 0U);
	KUNIT_EXPECT_FALSE(test, refcount_inc_not_zero(&r));

	/* Increment from zero is a use after free: warn and saturate. */
	warns = kfs_warn_count();
	refcount_inc(&r);
	KUNIT_EXPECT_EQ(test, kfs_warn_count(), warns + 1);
	KUNIT_EXPECT_EQ(test, (int)refcount_read(&r), REFCOUNT_SATURATED);
	KUNIT_EXPECT_FALSE(test, refcount_dec_and_test(&r));
	KUNIT_EXPECT_EQ(test, (int)refcount_read(&r), REFCOUNT_SATURATED);
}

/* --------------------------------------------------------- contention */

static DEFINE_SPINLOCK(count_lock);
static DEFINE_RWLOCK(count_rwlock);
static DEFINE_MUTEX(count_mutex);
static DECLARE_RWSEM(count_rwsem);
static unsigned long count_bits;
static unsigned long counter;	/* plain: only ever touched under the lock */

enum { BY_SPIN, BY_RWLOCK, BY_MUTEX, BY_RWSEM, BY_BITLOCK };

static int counting(struct kt *kt)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		switch (kt->val) {
		case BY_SPIN:
			spin_lock(&count_lock);
			counter++;
			spin_unlock(&count_lock);
			break;
		case BY_RWLOCK:
			write_lock(&count_rwlock);
			counter++;
			write_unlock(&count_rwlock);
			read_lock(&count_rwlock);
			read_unlock(&count_rwlock);
			break;
		case BY_MUTEX:
			mutex_lock(&count_mutex);
			counter++;
			mutex_unlock(&count_mutex);
			break;
		case BY_RWSEM:
			down_write(&count_rwsem);
			counter++;
			up_write(&count_rwsem);
			down_read(&count_rwsem);
			up_read(&count_rwsem);
			break;
		case BY_BITLOCK:
			bit_spin_lock(3, &count_bits);
			counter++;
			bit_spin_unlock(3, &count_bits);
			break;
		}
	}
	return 0;
}

static void contended(struct kunit *test)
{
	struct kt kts[NTHREADS];
	int how, i;

	for (how = BY_SPIN; how <= BY_BITLOCK; how++) {
		counter = 0;
		for (i = 0; i < NTHREADS; i++) {
			kts[i].val = how;
			kt_start(&kts[i], counting, NULL);
		}
		for (i = 0; i < NTHREADS; i++)
			KUNIT_EXPECT_EQ(test, kt_join(&kts[i]), 0);
		KUNIT_EXPECT_EQ_MSG(test, counter, (unsigned long)NTHREADS * ROUNDS,
				    "lock kind %d", how);
	}
	KUNIT_EXPECT_EQ(test, count_bits, 0UL);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&count_mutex));
	KUNIT_EXPECT_FALSE(test, rwsem_is_locked(&count_rwsem));
}

/* ------------------------------------------------------ owner tracking */

struct holder {
	spinlock_t *spin;
	struct mutex *mutex;
	struct rw_semaphore *sem;
	int read;
	int locked;
	int release;
};

static int holding(struct kt *kt)
{
	struct holder *h = kt->arg;

	if (h->spin)
		spin_lock(h->spin);
	if (h->mutex)
		mutex_lock(h->mutex);
	if (h->sem) {
		if (h->read)
			down_read(h->sem);
		else
			down_write(h->sem);
	}
	smp_store_release(&h->locked, 1);
	/* A spinlock holder must not sleep: spin. */
	while (!smp_load_acquire(&h->release))
		cpu_relax();
	if (h->sem) {
		if (h->read)
			up_read(h->sem);
		else
			up_write(h->sem);
	}
	if (h->mutex)
		mutex_unlock(h->mutex);
	if (h->spin)
		spin_unlock(h->spin);
	return 0;
}

static void owner_tracking(struct kunit *test)
{
	DEFINE_SPINLOCK(spin);
	DEFINE_MUTEX(mutex);
	DECLARE_RWSEM(sem);
	struct holder h = { .spin = NULL, .mutex = &mutex, .sem = &sem };
	unsigned long warns;
	struct kt kt;

	/* The holder itself. */
	spin_lock(&spin);
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&spin));
	KUNIT_EXPECT_TRUE(test, lockdep_is_held(&spin));
	KUNIT_EXPECT_EQ(test, preempt_count(), 1);
	KUNIT_EXPECT_TRUE(test, in_atomic());
	KUNIT_EXPECT_FALSE(test, spin_trylock(&spin));
	warns = kfs_warn_count();
	lockdep_assert_held(&spin);
	assert_spin_locked(&spin);
	KUNIT_EXPECT_EQ(test, kfs_warn_count(), warns);
	spin_unlock(&spin);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&spin));
	KUNIT_EXPECT_FALSE(test, lockdep_is_held(&spin));
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);

	mutex_lock(&mutex);
	KUNIT_EXPECT_TRUE(test, mutex_is_locked(&mutex));
	KUNIT_EXPECT_TRUE(test, lockdep_is_held(&mutex));
	mutex_unlock(&mutex);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&mutex));
	KUNIT_EXPECT_TRUE(test, mutex_trylock(&mutex));
	mutex_unlock(&mutex);

	/* Another task holds them: locked, but not held by us. */
	kt_start(&kt, holding, &h);
	kt_wait_flag(&h.locked);
	KUNIT_EXPECT_TRUE(test, mutex_is_locked(&mutex));
	KUNIT_EXPECT_FALSE(test, lockdep_is_held(&mutex));
	KUNIT_EXPECT_FALSE(test, mutex_trylock(&mutex));
	KUNIT_EXPECT_TRUE(test, rwsem_is_locked(&sem));
	KUNIT_EXPECT_FALSE(test, lockdep_is_held(&sem));
	KUNIT_EXPECT_FALSE(test, down_read_trylock(&sem));
	warns = kfs_warn_count();
	lockdep_assert_held(&mutex);
	KUNIT_EXPECT_EQ(test, kfs_warn_count(), warns + 1);
	lockdep_assert_held_write(&sem);
	KUNIT_EXPECT_EQ(test, kfs_warn_count(), warns + 2);
	smp_store_release(&h.release, 1);
	KUNIT_EXPECT_EQ(test, kt_join(&kt), 0);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&mutex));

	/* A spinlock held elsewhere. */
	h = (struct holder){ .spin = &spin };
	kt_start(&kt, holding, &h);
	kt_wait_flag(&h.locked);
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&spin));
	KUNIT_EXPECT_FALSE(test, lockdep_is_held(&spin));
	KUNIT_EXPECT_FALSE(test, spin_trylock(&spin));
	warns = kfs_warn_count();
	lockdep_assert_held(&spin);
	KUNIT_EXPECT_EQ(test, kfs_warn_count(), warns + 1);
	smp_store_release(&h.release, 1);
	KUNIT_EXPECT_EQ(test, kt_join(&kt), 0);

	/* Read-held rwsem: held for read by us, not for write. */
	down_read(&sem);
	KUNIT_EXPECT_TRUE(test, lockdep_is_held(&sem));
	warns = kfs_warn_count();
	lockdep_assert_held_read(&sem);
	KUNIT_EXPECT_EQ(test, kfs_warn_count(), warns);
	lockdep_assert_held_write(&sem);
	KUNIT_EXPECT_EQ(test, kfs_warn_count(), warns + 1);
	up_read(&sem);
}

/* --------------------------------------------------------------- rwsem */

struct rw_actor {
	struct rw_semaphore *sem;
	int write;
	int in;		/* has the lock */
	int release;
	int killable;
};

static int rw_acting(struct kt *kt)
{
	struct rw_actor *a = kt->arg;
	int ret = 0;

	if (a->write) {
		if (a->killable)
			ret = down_write_killable(a->sem);
		else
			down_write(a->sem);
	} else {
		if (a->killable)
			ret = down_read_killable(a->sem);
		else
			down_read(a->sem);
	}
	if (ret)
		return ret;
	smp_store_release(&a->in, 1);
	wait_var_event(&a->release, smp_load_acquire(&a->release));
	if (a->write)
		up_write(a->sem);
	else
		up_read(a->sem);
	return 0;
}

static void rw_release(struct rw_actor *a)
{
	smp_store_release(&a->release, 1);
	smp_mb();
	wake_up_var(&a->release);
}

static void rwsem_semantics(struct kunit *test)
{
	DECLARE_RWSEM(sem);
	struct rw_actor r1 = { .sem = &sem }, r2 = { .sem = &sem }, r3 = { .sem = &sem };
	struct rw_actor w = { .sem = &sem, .write = 1 };
	struct kt k1, k2, k3, kw;

	/* Readers share. */
	kt_start(&k1, rw_acting, &r1);
	kt_wait_flag(&r1.in);
	kt_start(&k2, rw_acting, &r2);
	kt_wait_flag(&r2.in);
	KUNIT_EXPECT_EQ(test, READ_ONCE(sem.count), 2L);

	/* A writer waits for them... */
	kt_start(&kw, rw_acting, &w);
	kt_wait_sleeping(kw.task);
	KUNIT_EXPECT_EQ(test, smp_load_acquire(&w.in), 0);
	/* ...and holds back readers that come after it. */
	KUNIT_EXPECT_FALSE(test, down_read_trylock(&sem));
	kt_start(&k3, rw_acting, &r3);
	kt_wait_sleeping(k3.task);
	KUNIT_EXPECT_EQ(test, smp_load_acquire(&r3.in), 0);

	rw_release(&r1);
	KUNIT_EXPECT_EQ(test, kt_join(&k1), 0);
	KUNIT_EXPECT_EQ(test, smp_load_acquire(&w.in), 0);	/* r2 still reads */
	rw_release(&r2);
	KUNIT_EXPECT_EQ(test, kt_join(&k2), 0);
	kt_wait_flag(&w.in);
	/* The writer excludes the waiting reader. */
	KUNIT_EXPECT_EQ(test, READ_ONCE(sem.count), -1L);
	KUNIT_EXPECT_EQ(test, smp_load_acquire(&r3.in), 0);
	rw_release(&w);
	KUNIT_EXPECT_EQ(test, kt_join(&kw), 0);
	kt_wait_flag(&r3.in);
	rw_release(&r3);
	KUNIT_EXPECT_EQ(test, kt_join(&k3), 0);
	KUNIT_EXPECT_FALSE(test, rwsem_is_locked(&sem));

	/* downgrade_write lets waiting readers in, keeps writers out. */
	r1 = (struct rw_actor){ .sem = &sem };
	down_write(&sem);
	kt_start(&k1, rw_acting, &r1);
	kt_wait_sleeping(k1.task);
	downgrade_write(&sem);
	kt_wait_flag(&r1.in);
	KUNIT_EXPECT_EQ(test, READ_ONCE(sem.count), 2L);
	KUNIT_EXPECT_TRUE(test, lockdep_is_held_type(&sem, 1));
	KUNIT_EXPECT_FALSE(test, down_write_trylock(&sem));
	up_read(&sem);
	rw_release(&r1);
	KUNIT_EXPECT_EQ(test, kt_join(&k1), 0);

	/* A killable wait ends when the task gets a fatal signal. */
	w = (struct rw_actor){ .sem = &sem, .write = 1, .killable = 1 };
	down_read(&sem);
	kt_start(&kw, rw_acting, &w);
	kt_wait_sleeping(kw.task);
	kfs_task_interrupt((struct kfs_task *)kw.task);
	KUNIT_EXPECT_EQ(test, kt_join(&kw), -EINTR);
	KUNIT_EXPECT_EQ(test, READ_ONCE(sem.count), 1L);
	up_read(&sem);

	/* Read locks released by another task. */
	down_read_non_owner(&sem);
	KUNIT_EXPECT_FALSE(test, lockdep_is_held(&sem));
	up_read_non_owner(&sem);
	KUNIT_EXPECT_FALSE(test, rwsem_is_locked(&sem));
}

/* --------------------------------------------------- interruptible locks */

struct mutex_waiter {
	struct mutex *mutex;
	int how;	/* 0 plain, 1 interruptible, 2 killable */
};

static int mutex_waiting(struct kt *kt)
{
	struct mutex_waiter *mw = kt->arg;
	int ret = 0;

	switch (mw->how) {
	case 0:
		mutex_lock(mw->mutex);
		break;
	case 1:
		ret = mutex_lock_interruptible(mw->mutex);
		break;
	case 2:
		ret = mutex_lock_killable(mw->mutex);
		break;
	}
	if (!ret)
		mutex_unlock(mw->mutex);
	return ret;
}

static void mutex_interrupted(struct kunit *test)
{
	DEFINE_MUTEX(mutex);
	struct mutex_waiter mw = { .mutex = &mutex };
	struct kt kt;

	mutex_lock(&mutex);
	for (mw.how = 1; mw.how <= 2; mw.how++) {
		kt_start(&kt, mutex_waiting, &mw);
		kt_wait_sleeping(kt.task);
		kfs_task_interrupt((struct kfs_task *)kt.task);
		KUNIT_EXPECT_EQ(test, kt_join(&kt), -EINTR);
		KUNIT_EXPECT_TRUE(test, lockdep_is_held(&mutex));
	}
	/* A plain mutex_lock ignores the signal and gets the mutex. */
	mw.how = 0;
	kt_start(&kt, mutex_waiting, &mw);
	kt_wait_sleeping(kt.task);
	kfs_task_interrupt((struct kfs_task *)kt.task);
	mutex_unlock(&mutex);
	KUNIT_EXPECT_EQ(test, kt_join(&kt), 0);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&mutex));
}

/* -------------------------------------------------------------- seqlock */

static DEFINE_SEQLOCK(pair_lock);
static unsigned long pair_a, pair_b;
static int pair_stop;

static int pair_writer(struct kt *kt)
{
	unsigned long i;

	for (i = 1; i <= ROUNDS; i++) {
		write_seqlock(&pair_lock);
		WRITE_ONCE(pair_a, i);
		WRITE_ONCE(pair_b, i);
		write_sequnlock(&pair_lock);
	}
	smp_store_release(&pair_stop, 1);
	return 0;
}

static int pair_reader(struct kt *kt)
{
	unsigned long a, b;
	unsigned int seq;
	int torn = 0;

	do {
		do {
			seq = read_seqbegin(&pair_lock);
			a = READ_ONCE(pair_a);
			b = READ_ONCE(pair_b);
		} while (read_seqretry(&pair_lock, seq));
		if (a != b)
			torn++;
	} while (!smp_load_acquire(&pair_stop));
	read_seqlock_excl(&pair_lock);
	if (pair_a != ROUNDS || pair_b != ROUNDS)
		torn++;
	read_sequnlock_excl(&pair_lock);
	return torn;
}

static void seqlocks(struct kunit *test)
{
	struct kt w, r1, r2;

	kt_start(&r1, pair_reader, NULL);
	kt_start(&r2, pair_reader, NULL);
	kt_start(&w, pair_writer, NULL);
	KUNIT_EXPECT_EQ(test, kt_join(&w), 0);
	KUNIT_EXPECT_EQ(test, kt_join(&r1), 0);
	KUNIT_EXPECT_EQ(test, kt_join(&r2), 0);
}

/* -------------------------------------------------------- list_bl, bits */

struct bl_item {
	struct hlist_bl_node node;
	int v;
};

static void bit_locked_lists(struct kunit *test)
{
	struct hlist_bl_head head;
	struct bl_item a = { .v = 1 }, b = { .v = 2 }, *pos;
	struct hlist_bl_node *n;
	int sum = 0;

	INIT_HLIST_BL_HEAD(&head);
	INIT_HLIST_BL_NODE(&a.node);
	INIT_HLIST_BL_NODE(&b.node);
	hlist_bl_lock(&head);
	KUNIT_EXPECT_TRUE(test, hlist_bl_is_locked(&head));
	KUNIT_EXPECT_EQ(test, preempt_count(), 1);
	hlist_bl_add_head(&a.node, &head);
	hlist_bl_add_head(&b.node, &head);
	hlist_bl_for_each_entry(pos, n, &head, node)
		sum = sum * 10 + pos->v;
	hlist_bl_del(&b.node);
	hlist_bl_unlock(&head);
	KUNIT_EXPECT_EQ(test, sum, 21);
	KUNIT_EXPECT_FALSE(test, hlist_bl_is_locked(&head));
	KUNIT_EXPECT_PTR_EQ(test, hlist_bl_first(&head), &a.node);
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
}

/* --------------------------------------------------------- might_sleep */

static void might_sleep_checks(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);
	DEFINE_RWLOCK(rw);
	unsigned long bits = 0, flags, before = kfs_might_sleep_count();

	might_sleep();
	KUNIT_EXPECT_EQ(test, kfs_might_sleep_count(), before);

	spin_lock(&lock);
	might_sleep();
	spin_unlock(&lock);
	KUNIT_EXPECT_EQ(test, kfs_might_sleep_count(), before + 1);

	read_lock(&rw);
	might_sleep();
	read_unlock(&rw);
	KUNIT_EXPECT_EQ(test, kfs_might_sleep_count(), before + 2);

	rcu_read_lock();
	might_sleep();
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, kfs_might_sleep_count(), before + 3);

	bit_spin_lock(0, &bits);
	might_sleep();
	bit_spin_unlock(0, &bits);
	KUNIT_EXPECT_EQ(test, kfs_might_sleep_count(), before + 4);

	local_irq_save(flags);
	might_sleep();
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, kfs_might_sleep_count(), before + 5);

	/* Taking a mutex under a spinlock is caught by the mutex itself. */
	preempt_disable();
	might_sleep();
	preempt_enable();
	KUNIT_EXPECT_EQ(test, kfs_might_sleep_count(), before + 6);

	might_sleep();
	KUNIT_EXPECT_EQ(test, kfs_might_sleep_count(), before + 6);
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
}

static void percpu_rwsems(struct kunit *test)
{
	struct percpu_rw_semaphore sem;

	KUNIT_EXPECT_EQ(test, percpu_init_rwsem(&sem), 0);
	percpu_down_read(&sem);
	KUNIT_EXPECT_TRUE(test, percpu_is_read_locked(&sem));
	KUNIT_EXPECT_TRUE(test, percpu_down_read_trylock(&sem));
	percpu_up_read(&sem);
	percpu_up_read(&sem);
	percpu_down_write(&sem);
	KUNIT_EXPECT_TRUE(test, percpu_is_write_locked(&sem));
	percpu_rwsem_assert_held(&sem);
	/* freeze_super hands the lock over: lockdep forgets it, the lock stays. */
	percpu_rwsem_release(&sem, false, 0);
	KUNIT_EXPECT_FALSE(test, percpu_rwsem_is_held(&sem));
	percpu_rwsem_acquire(&sem, false, 0);
	percpu_up_write(&sem);
	percpu_free_rwsem(&sem);
}

static struct kunit_case locks_cases[] = {
	KUNIT_CASE(atomics),
	KUNIT_CASE(refcounts),
	KUNIT_CASE(contended),
	KUNIT_CASE(owner_tracking),
	KUNIT_CASE(rwsem_semantics),
	KUNIT_CASE(mutex_interrupted),
	KUNIT_CASE(seqlocks),
	KUNIT_CASE(bit_locked_lists),
	KUNIT_CASE(might_sleep_checks),
	KUNIT_CASE(percpu_rwsems),
	{}
};

static struct kunit_suite locks_suite = {
	.name = "kfs-locks",
	.test_cases = locks_cases,
};
kunit_test_suite(locks_suite);
