/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Rate limiting (<linux/ratelimit.h>): at most `burst` callers pass per
 * `interval` jiffies; the rest are counted as missed and reported once the
 * window ends.  Time is the host's monotonic clock, expressed in jiffies of
 * CONFIG_HZ.  A caller that finds the state busy is suppressed, as with the
 * kernel's trylock.
 */
#include <linux/kernel.h>
#include <linux/ratelimit.h>
#include <linux/printk.h>

#include <kfs_host.h>

static unsigned long now_jiffies(void)
{
	kfs_s64 sec;
	long nsec;

	kfs_host->clock_gettime(KFS_CLOCK_MONOTONIC, &sec, &nsec);
	/* +1 keeps 0 free to mean "window not started". */
	return (unsigned long)sec * HZ + (unsigned long)nsec / (1000000000L / HZ) + 1;
}

static bool rs_trylock(struct ratelimit_state *rs)
{
	return !__atomic_exchange_n(&rs->lock, 1, __ATOMIC_ACQUIRE);
}

static void rs_unlock(struct ratelimit_state *rs)
{
	__atomic_store_n(&rs->lock, 0, __ATOMIC_RELEASE);
}

int ___ratelimit(struct ratelimit_state *rs, const char *func)
{
	int interval = READ_ONCE(rs->interval);
	int burst = READ_ONCE(rs->burst);
	unsigned long now;
	int pass;

	/* A zero interval disables limiting. */
	if (!interval)
		return 1;
	if (!rs_trylock(rs))
		return 0;

	now = now_jiffies();
	if (!rs->begin)
		rs->begin = now;
	if ((long)(now - (rs->begin + interval)) > 0) {
		/* A new window: say what the last one held back. */
		if (rs->missed && !(rs->flags & RATELIMIT_MSG_ON_RELEASE)) {
			printk_deferred(KERN_WARNING "%s: %d callbacks suppressed\n",
					func, rs->missed);
			rs->missed = 0;
		}
		rs->begin = now;
		rs->printed = 0;
	}
	pass = burst && rs->printed < burst;
	if (pass)
		rs->printed++;
	else
		rs->missed++;
	rs_unlock(rs);
	return pass;
}

void ratelimit_state_exit(struct ratelimit_state *rs)
{
	if (!(rs->flags & RATELIMIT_MSG_ON_RELEASE))
		return;
	if (rs->missed) {
		pr_warn("%s: %d output lines suppressed due to ratelimiting\n",
			"ratelimit", rs->missed);
		rs->missed = 0;
	}
}
