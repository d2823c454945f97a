/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat's time, credentials and per-cpu data: jiffies arithmetic and
 * conversions, clocks, timespec64 and calendar conversions (checked
 * against independently computed values), kfs_set_cred() and what
 * current_fsuid()/in_group_p()/capable()/current_umask() then answer,
 * credential overrides, per-cpu allocations, local locks and counters.
 */
#include <kunit/test.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/time.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/fs_struct.h>
#include <linux/percpu.h>
#include <linux/percpu_counter.h>
#include <linux/local_lock.h>
#include <linux/smp.h>
#include <linux/projid.h>

#include "../../compat/api/kfs_api.h"

static void jiffies_math(struct kunit *test)
{
	unsigned long j1, j2;

	KUNIT_EXPECT_EQ(test, HZ, 250);
	KUNIT_EXPECT_EQ(test, msecs_to_jiffies(0), 0UL);
	KUNIT_EXPECT_EQ(test, msecs_to_jiffies(1), 1UL);
	KUNIT_EXPECT_EQ(test, msecs_to_jiffies(4), 1UL);
	KUNIT_EXPECT_EQ(test, msecs_to_jiffies(5), 2UL);
	KUNIT_EXPECT_EQ(test, msecs_to_jiffies(1000), (unsigned long)HZ);
	KUNIT_EXPECT_EQ(test, msecs_to_jiffies(-1), MAX_JIFFY_OFFSET);
	KUNIT_EXPECT_EQ(test, usecs_to_jiffies(1), 1UL);
	KUNIT_EXPECT_EQ(test, usecs_to_jiffies(8000), 2UL);
	KUNIT_EXPECT_EQ(test, nsecs_to_jiffies(3 * TICK_NSEC + 1), 3UL);
	KUNIT_EXPECT_EQ(test, jiffies_to_msecs(HZ), 1000U);
	KUNIT_EXPECT_EQ(test, jiffies_to_usecs(1), 4000U);
	KUNIT_EXPECT_EQ(test, jiffies_to_clock_t(HZ), (clock_t)USER_HZ);
	KUNIT_EXPECT_EQ(test, clock_t_to_jiffies(USER_HZ), (unsigned long)HZ);

	/* Comparisons survive the wrap. */
	KUNIT_EXPECT_TRUE(test, time_after(5UL, ULONG_MAX - 5));
	KUNIT_EXPECT_TRUE(test, time_before(ULONG_MAX - 5, 5UL));
	KUNIT_EXPECT_TRUE(test, time_after_eq(7UL, 7UL));
	KUNIT_EXPECT_TRUE(test, time_in_range(10UL, 5UL, 10UL));
	KUNIT_EXPECT_FALSE(test, time_in_range_open(10UL, 5UL, 10UL));

	j1 = jiffies;
	j2 = jiffies;
	KUNIT_EXPECT_TRUE(test, time_after_eq(j2, j1));
	KUNIT_EXPECT_TRUE(test, time_after_eq(j1, INITIAL_JIFFIES));
	KUNIT_EXPECT_TRUE(test, time_is_before_jiffies(j1 - 1));
	KUNIT_EXPECT_TRUE(test, time_is_after_jiffies(j1 + 1000 * HZ));
	KUNIT_EXPECT_EQ(test, round_jiffies_up(j1 + 10 * HZ) % HZ, 0UL);
	KUNIT_EXPECT_TRUE(test, time_after_eq(round_jiffies_up(j1 + 10 * HZ), j1 + 10 * HZ));
	KUNIT_EXPECT_EQ(test, round_jiffies_up_relative(HZ + 1) + jiffies > jiffies, true);
}

static void clocks(struct kunit *test)
{
	struct timespec64 a, b, ts;
	ktime_t k1, k2;

	k1 = ktime_get();
	k2 = ktime_get();
	KUNIT_EXPECT_LE(test, k1, k2);
	ktime_get_coarse_real_ts64(&ts);
	KUNIT_EXPECT_EQ(test, ts.tv_nsec % TICK_NSEC, 0L);
	ktime_get_real_ts64(&a);
	b.tv_sec = ktime_get_real_seconds();
	KUNIT_EXPECT_LE(test, a.tv_sec, b.tv_sec);
	KUNIT_EXPECT_GT(test, a.tv_sec, (time64_t)1600000000);
	KUNIT_EXPECT_LE(test, ktime_get_seconds(), ktime_get_ns() / NSEC_PER_SEC);

	ts = ns_to_timespec64(-1);
	KUNIT_EXPECT_EQ(test, ts.tv_sec, -1LL);
	KUNIT_EXPECT_EQ(test, ts.tv_nsec, 999999999L);
	KUNIT_EXPECT_EQ(test, timespec64_to_ns(&ts), -1LL);
	a = (struct timespec64){ 5, 100 };
	b = (struct timespec64){ 3, 200 };
	ts = timespec64_sub(a, b);
	KUNIT_EXPECT_EQ(test, ts.tv_sec, 1LL);
	KUNIT_EXPECT_EQ(test, ts.tv_nsec, 999999900L);
	KUNIT_EXPECT_GT(test, timespec64_compare(&a, &b), 0);
	KUNIT_EXPECT_TRUE(test, timespec64_equal(&a, &a));
	ts = timespec64_add_safe((struct timespec64){ TIME64_MAX - 1, 0 },
				 (struct timespec64){ 5, 0 });
	KUNIT_EXPECT_EQ(test, ts.tv_sec, TIME64_MAX);
	KUNIT_EXPECT_EQ(test, ktime_to_ms(ms_to_ktime(1500)), 1500LL);
	KUNIT_EXPECT_EQ(test, ktime_set(2, 5), 2000000005LL);
}

static void calendar(struct kunit *test)
{
	struct tm tm;

	/* Values computed independently (Python's calendar.timegm). */
	KUNIT_EXPECT_EQ(test, mktime64(1970, 1, 1, 0, 0, 0), 0LL);
	KUNIT_EXPECT_EQ(test, mktime64(1970, 1, 1, 24, 0, 0), 86400LL);
	KUNIT_EXPECT_EQ(test, mktime64(1980, 1, 1, 0, 0, 0), 315532800LL);
	KUNIT_EXPECT_EQ(test, mktime64(2000, 2, 29, 0, 0, 0), 951782400LL);
	KUNIT_EXPECT_EQ(test, mktime64(2038, 1, 19, 3, 14, 8), 2147483648LL);
	KUNIT_EXPECT_EQ(test, mktime64(2100, 3, 1, 0, 0, 0), 4107542400LL);

	time64_to_tm(951782400, 0, &tm);
	KUNIT_EXPECT_EQ(test, tm.tm_year, 100L);
	KUNIT_EXPECT_EQ(test, tm.tm_mon, 1);
	KUNIT_EXPECT_EQ(test, tm.tm_mday, 29);
	KUNIT_EXPECT_EQ(test, tm.tm_yday, 59);
	KUNIT_EXPECT_EQ(test, tm.tm_wday, 2);
	KUNIT_EXPECT_EQ(test, tm.tm_hour, 0);

	time64_to_tm(1735646400, 0, &tm);	/* 2024-12-31 12:00:00, a Tuesday */
	KUNIT_EXPECT_EQ(test, tm.tm_year, 124L);
	KUNIT_EXPECT_EQ(test, tm.tm_mon, 11);
	KUNIT_EXPECT_EQ(test, tm.tm_mday, 31);
	KUNIT_EXPECT_EQ(test, tm.tm_yday, 365);
	KUNIT_EXPECT_EQ(test, tm.tm_wday, 2);
	KUNIT_EXPECT_EQ(test, tm.tm_hour, 12);

	time64_to_tm(-2203891200LL, 0, &tm);	/* 1900-03-01, not a leap year */
	KUNIT_EXPECT_EQ(test, tm.tm_year, 0L);
	KUNIT_EXPECT_EQ(test, tm.tm_mon, 2);
	KUNIT_EXPECT_EQ(test, tm.tm_mday, 1);
	KUNIT_EXPECT_EQ(test, tm.tm_yday, 59);
	KUNIT_EXPECT_EQ(test, tm.tm_wday, 4);

	time64_to_tm(-1, 0, &tm);		/* 1969-12-31 23:59:59, a Wednesday */
	KUNIT_EXPECT_EQ(test, tm.tm_year, 69L);
	KUNIT_EXPECT_EQ(test, tm.tm_mon, 11);
	KUNIT_EXPECT_EQ(test, tm.tm_mday, 31);
	KUNIT_EXPECT_EQ(test, tm.tm_yday, 364);
	KUNIT_EXPECT_EQ(test, tm.tm_wday, 3);
	KUNIT_EXPECT_EQ(test, tm.tm_hour, 23);
	KUNIT_EXPECT_EQ(test, tm.tm_min, 59);
	KUNIT_EXPECT_EQ(test, tm.tm_sec, 59);

	time64_to_tm(0, -3600, &tm);		/* offset seconds are added */
	KUNIT_EXPECT_EQ(test, tm.tm_year, 69L);
	KUNIT_EXPECT_EQ(test, tm.tm_hour, 23);
	KUNIT_EXPECT_EQ(test, sys_tz.tz_minuteswest, 0);
}

static void credentials(struct kunit *test)
{
	static const u32 groups[] = { 9, 3, 5 };
	struct kfs_cred c = { .uid = 1000, .gid = 100, .umask = 027,
			      .ngroups = 3, .groups = groups, .root_caps = 1 };
	struct kfs_cred root = { .uid = 0, .gid = 0, .umask = 022, .root_caps = 1 };
	const struct cred *held, *old;
	struct cred *new;

	/* A task starts as root with every capability. */
	KUNIT_EXPECT_TRUE(test, uid_eq(current_fsuid(), GLOBAL_ROOT_UID));
	KUNIT_EXPECT_TRUE(test, capable(CAP_SYS_ADMIN));

	kfs_set_cred(&c);
	KUNIT_EXPECT_EQ(test, __kuid_val(current_fsuid()), 1000U);
	KUNIT_EXPECT_EQ(test, __kuid_val(current_euid()), 1000U);
	KUNIT_EXPECT_EQ(test, __kgid_val(current_fsgid()), 100U);
	KUNIT_EXPECT_EQ(test, from_kuid(&init_user_ns, current_uid()), 1000U);
	KUNIT_EXPECT_EQ(test, current_umask(), 027);
	KUNIT_EXPECT_TRUE(test, in_group_p(KGIDT_INIT(100)));
	KUNIT_EXPECT_TRUE(test, in_group_p(KGIDT_INIT(3)));
	KUNIT_EXPECT_TRUE(test, in_group_p(KGIDT_INIT(5)));
	KUNIT_EXPECT_TRUE(test, in_group_p(KGIDT_INIT(9)));
	KUNIT_EXPECT_FALSE(test, in_group_p(KGIDT_INIT(4)));
	KUNIT_EXPECT_FALSE(test, in_group_p(KGIDT_INIT(0)));
	KUNIT_EXPECT_FALSE(test, capable(CAP_SYS_ADMIN));
	KUNIT_EXPECT_FALSE(test, capable(CAP_FOWNER));
	KUNIT_EXPECT_EQ(test, current_cred()->group_info->ngroups, 3);

	/* The same caller again keeps the credentials (they are shared). */
	held = get_current_cred();
	kfs_set_cred(&c);
	KUNIT_EXPECT_PTR_EQ(test, current_cred(), held);
	put_cred(held);

	/* Root without root_caps has no capabilities. */
	root.root_caps = 0;
	kfs_set_cred(&root);
	KUNIT_EXPECT_TRUE(test, uid_eq(current_fsuid(), GLOBAL_ROOT_UID));
	KUNIT_EXPECT_FALSE(test, capable(CAP_DAC_OVERRIDE));
	KUNIT_EXPECT_FALSE(test, in_group_p(KGIDT_INIT(3)));
	root.root_caps = 1;
	kfs_set_cred(&root);
	KUNIT_EXPECT_TRUE(test, capable(CAP_DAC_OVERRIDE));
	KUNIT_EXPECT_TRUE(test, current->flags & PF_SUPERPRIV);
	KUNIT_EXPECT_EQ(test, current_umask(), 022);

	/* override_creds()/revert_creds(). */
	new = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, new);
	new->fsuid = KUIDT_INIT(42);
	cap_lower(new->cap_effective, CAP_CHOWN);
	old = override_creds(new);
	KUNIT_EXPECT_EQ(test, __kuid_val(current_fsuid()), 42U);
	KUNIT_EXPECT_FALSE(test, capable(CAP_CHOWN));
	KUNIT_EXPECT_TRUE(test, capable(CAP_FOWNER));
	revert_creds(old);
	put_cred(new);
	KUNIT_EXPECT_TRUE(test, uid_eq(current_fsuid(), GLOBAL_ROOT_UID));
	KUNIT_EXPECT_TRUE(test, capable(CAP_CHOWN));

	KUNIT_EXPECT_TRUE(test, uid_valid(make_kuid(&init_user_ns, 5)));
	KUNIT_EXPECT_FALSE(test, uid_valid(make_kuid(&init_user_ns, (uid_t)-1)));
	KUNIT_EXPECT_EQ(test, from_kuid_munged(&init_user_ns, INVALID_UID), 65534U);
	KUNIT_EXPECT_EQ(test, from_kgid_munged(&init_user_ns, KGIDT_INIT(7)), 7U);
	KUNIT_EXPECT_TRUE(test, projid_eq(make_kprojid(&init_user_ns, 9), KPROJIDT_INIT(9)));
	KUNIT_EXPECT_FALSE(test, projid_valid(INVALID_PROJID));
}

struct pcpu_thing {
	long a;
	int b;
	local_lock_t lock;
};

static void percpu_data(struct kunit *test)
{
	struct pcpu_thing __percpu *p = alloc_percpu(struct pcpu_thing);
	struct percpu_counter pc;
	long sum = 0;
	int cpu;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_GE(test, num_possible_cpus(), 1U);
	for_each_possible_cpu(cpu) {
		struct pcpu_thing *t = per_cpu_ptr(p, cpu);

		KUNIT_EXPECT_EQ(test, t->a, 0L);
		t->a = cpu + 1;
		local_lock_init(&t->lock);
		if (cpu)
			KUNIT_EXPECT_TRUE(test, t != per_cpu_ptr(p, cpu - 1));
	}
	KUNIT_EXPECT_PTR_EQ(test, this_cpu_ptr(p), per_cpu_ptr(p, smp_processor_id()));
	/* A member of the CPU-0 copy reaches the same member of ours. */
	this_cpu_inc(p->a);
	KUNIT_EXPECT_EQ(test, this_cpu_read(p->a), (long)smp_processor_id() + 2);
	local_lock(&p->lock);
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&this_cpu_ptr(p)->lock.lock));
	local_unlock(&p->lock);
	for_each_possible_cpu(cpu)
		sum += per_cpu_ptr(p, cpu)->a;
	KUNIT_EXPECT_EQ(test, sum, (long)(nr_cpu_ids * (nr_cpu_ids + 1) / 2 + 1));
	free_percpu(p);
	/* The space comes back zeroed. */
	p = alloc_percpu(struct pcpu_thing);
	KUNIT_ASSERT_NOT_NULL(test, p);
	for_each_possible_cpu(cpu)
		KUNIT_EXPECT_EQ(test, per_cpu_ptr(p, cpu)->a, 0L);
	free_percpu(p);

	KUNIT_EXPECT_EQ(test, percpu_counter_init(&pc, 5, GFP_KERNEL), 0);
	KUNIT_EXPECT_TRUE(test, percpu_counter_initialized(&pc));
	percpu_counter_add(&pc, 10);
	percpu_counter_sub(&pc, 3);
	percpu_counter_inc(&pc);
	KUNIT_EXPECT_EQ(test, percpu_counter_read(&pc), 13LL);
	KUNIT_EXPECT_EQ(test, percpu_counter_sum(&pc), 13LL);
	KUNIT_EXPECT_EQ(test, percpu_counter_compare(&pc, 20), -1);
	percpu_counter_add(&pc, -20);
	KUNIT_EXPECT_EQ(test, percpu_counter_read_positive(&pc), 0LL);
	KUNIT_EXPECT_EQ(test, percpu_counter_sum_positive(&pc), 0LL);
	KUNIT_EXPECT_EQ(test, percpu_counter_compare(&pc, -7), 0);
	percpu_counter_destroy(&pc);
}

static struct kunit_case misc_cases[] = {
	KUNIT_CASE(jiffies_math),
	KUNIT_CASE(clocks),
	KUNIT_CASE(calendar),
	KUNIT_CASE(credentials),
	KUNIT_CASE(percpu_data),
	{}
};

static struct kunit_suite misc_suite = {
	.name = "kfs-time-cred-percpu",
	.test_cases = misc_cases,
};
kunit_test_suite(misc_suite);
