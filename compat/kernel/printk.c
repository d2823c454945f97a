/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * printk: formats a message, takes its level prefix (kern_levels.h), and
 * hands each complete line either to the log handler a program installed
 * with kfs_set_log_handler() (kfs_api.h), or to the console
 * (kfs_host->console_write) when the line's level is below console_loglevel,
 * as the kernel's console filter does.  A message that does not end in a
 * newline is held until a KERN_CONT message completes it or another message
 * starts (Documentation/core-api/printk-basics.rst).
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/string.h>

#include <kfs_host.h>
#include <kfs_host_debug.h>
#include "../api/kfs_api.h"

/* console_loglevel, default_message_loglevel, minimum, default console level. */
int console_printk[4] = {
	CONSOLE_LOGLEVEL_DEFAULT,
	MESSAGE_LOGLEVEL_DEFAULT,
	1,
	CONSOLE_LOGLEVEL_DEFAULT,
};

DEFINE_RATELIMIT_STATE(printk_ratelimit_state, 5 * HZ, 10);

#define KFS_LINE_MAX	1024

static kfs_log_fn log_handler;
static void *log_handler_ctx;

/* The line being assembled (no newline seen yet), under the console lock. */
static char pending[KFS_LINE_MAX];
static size_t pending_len;
static int pending_level;
static bool pending_open;
/* Depth of printk calls on the lock holder's stack (a handler may printk). */
static int printk_depth;

void kfs_set_log_handler(kfs_log_fn fn, void *ctx)
{
	kfs_host_console_lock();
	log_handler = fn;
	log_handler_ctx = ctx;
	kfs_host_console_unlock();
}

/* Delivers one line (without its newline); level -1 means "default". */
static void emit_line(int level, const char *text, size_t len)
{
	int effective = level < 0 ? default_message_loglevel : level;
	char out[KFS_LINE_MAX + 1];

	if (log_handler) {
		log_handler(log_handler_ctx, level, text, len);
		return;
	}
	if (effective >= console_loglevel)
		return;
	if (len > KFS_LINE_MAX)
		len = KFS_LINE_MAX;
	memcpy(out, text, len);
	out[len] = '\n';
	kfs_host->console_write(out, len + 1);
}

static void flush_pending(void)
{
	if (!pending_open)
		return;
	pending_open = false;
	emit_line(pending_level, pending, pending_len);
	pending_len = 0;
}

static void append_pending(const char *text, size_t len)
{
	size_t room = sizeof(pending) - pending_len;

	if (len > room)
		len = room;
	memcpy(pending + pending_len, text, len);
	pending_len += len;
}

/* Splits text into lines; the last one, if unterminated, stays pending. */
static void log_text(int level, bool cont, const char *text, size_t len)
{
	if (!cont || !pending_open) {
		flush_pending();
		pending_open = true;
		pending_level = level;
		pending_len = 0;
	}
	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t part = nl ? (size_t)(nl - text) : len;

		append_pending(text, part);
		if (!nl)
			break;
		pending_open = false;
		emit_line(pending_level, pending, pending_len);
		pending_len = 0;
		text = nl + 1;
		len -= part + 1;
		if (len) {
			pending_open = true;
			pending_level = level;
		}
	}
}

int vprintk_emit(int facility, int level, const void *dev_info, const char *fmt,
		 va_list args)
{
	char buf[KFS_LINE_MAX];
	const char *text = buf;
	bool cont = false;
	int len, kern_level;

	len = vscnprintf(buf, sizeof(buf), fmt, args);

	/* Level prefixes: the last level wins; 'c' marks a continuation. */
	while ((kern_level = printk_get_level(text)) != 0) {
		if (kern_level == 'c')
			cont = true;
		else if (kern_level == 'd')
			level = LOGLEVEL_DEFAULT;
		else if (level == LOGLEVEL_DEFAULT)
			level = kern_level - '0';
		text += 2;
		len -= 2;
	}

	kfs_host_console_lock();
	if (printk_depth++ == 0) {
		log_text(level, cont, text, len);
	} else {
		/* Re-entered from a handler: print directly, keep no state. */
		if (len && text[len - 1] == '\n')
			len--;
		emit_line(level, text, len);
	}
	printk_depth--;
	kfs_host_console_unlock();
	return len;
}

int vprintk(const char *fmt, va_list args)
{
	return vprintk_emit(0, LOGLEVEL_DEFAULT, NULL, fmt, args);
}

int _printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}

int _printk_deferred(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}

int __printk_ratelimit(const char *func)
{
	return ___ratelimit(&printk_ratelimit_state, func);
}

/* Monotonic milliseconds from the host clock. */
static u64 now_ms(void)
{
	kfs_s64 sec;
	long nsec;

	kfs_host->clock_gettime(KFS_CLOCK_MONOTONIC, &sec, &nsec);
	return (u64)sec * 1000 + (u64)nsec / 1000000;
}

/*
 * True at most once per interval_msec for one caller; the caller's state is
 * the time of its last accepted message (kept in milliseconds here, where
 * the kernel keeps jiffies: only ever compared with itself).
 */
bool printk_timed_ratelimit(unsigned long *caller_jiffies, unsigned int interval_msec)
{
	u64 now = now_ms();

	if (*caller_jiffies == 0 || now - *caller_jiffies >= interval_msec) {
		*caller_jiffies = now ? now : 1;
		return true;
	}
	return false;
}

/* Prints the host stack of the caller, one printk line per frame. */
void kfs_print_backtrace(const char *log_lvl, int skip)
{
	char trace[8192];
	char *line = trace;

	kfs_host_backtrace(trace, sizeof(trace), skip + 1);
	printk("%sCall Trace:\n", log_lvl);
	while (*line) {
		char *nl = strchr(line, '\n');

		if (nl)
			*nl = '\0';
		printk("%s%s\n", log_lvl, line);
		if (!nl)
			break;
		line = nl + 1;
	}
}

void dump_stack_lvl(const char *log_lvl)
{
	kfs_print_backtrace(log_lvl, 1);
}

void dump_stack(void)
{
	dump_stack_lvl(KERN_DEFAULT);
}
