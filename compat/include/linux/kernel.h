/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The catch-all kernel header.  Kernel code relies on what it pulls in, so it
 * includes the same family of headers the 6.1 one does, then adds the
 * helpers that live here: word splitting, might_sleep, the sprintf family
 * and a few string-to-number and hex helpers.
 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/stdarg.h>
#include <linux/align.h>
#include <linux/limits.h>
#include <linux/linkage.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/array_size.h>
#include <linux/bitops.h>
#include <linux/kstrtox.h>
#include <linux/log2.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/typecheck.h>
#include <linux/panic.h>
#include <linux/printk.h>
#include <linux/build_bug.h>
#include <linux/instruction_pointer.h>
#include <linux/stringify.h>
#include <asm/byteorder.h>

#define STACK_MAGIC	0xdeadbeef

/* x repeated in every byte of an unsigned long. */
#define REPEAT_BYTE(x)	((~0ul / 0xff) * (x))

/* Halves of a word; the shifts are split so 32-bit arguments work too. */
#define upper_32_bits(n)	((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))
#define upper_16_bits(n)	((u16)((n) >> 16))
#define lower_16_bits(n)	((u16)((n) & 0xffff))

#define u64_to_user_ptr(x) \
	({ typecheck(u64, (x)); (void __user *)(uintptr_t)(x); })

/*
 * might_sleep(): documents (and, with CONFIG_DEBUG_ATOMIC_SLEEP, checks)
 * that the caller may block.  __might_sleep is implemented by the
 * scheduler side of compat: it complains when called in atomic
 * context (spinlock held, RCU read side, preemption disabled).
 */
#ifdef CONFIG_DEBUG_ATOMIC_SLEEP
void __might_sleep(const char *file, int line);
void __cant_sleep(const char *file, int line, int preempt_offset);
#define might_sleep()		do { __might_sleep(__FILE__, __LINE__); } while (0)
#define cant_sleep()		do { __cant_sleep(__FILE__, __LINE__, 0); } while (0)
#else
#define might_sleep()		do { } while (0)
#define cant_sleep()		do { } while (0)
#endif
#define might_sleep_if(cond)	do { if (cond) might_sleep(); } while (0)
#define might_resched()		do { } while (0)
#define might_fault()		might_sleep()
#define sched_annotate_sleep()	do { } while (0)
#define non_block_start()	do { } while (0)
#define non_block_end()		do { } while (0)

/*
 * The sprintf family: compat/lib/vsprintf.c, with the kernel's %p
 * extensions (%pV, %pd, %pD, %pg, %ph, %pU, %pS, %pK...).  The symbols are
 * renamed (kfs_*) so they never collide with libc's, whose semantics differ.
 */
__printf(2, 3) int sprintf(char *buf, const char *fmt, ...) __asm__("kfs_sprintf");
__printf(2, 0) int vsprintf(char *buf, const char *fmt, va_list args)
	__asm__("kfs_vsprintf");
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...)
	__asm__("kfs_snprintf");
__printf(3, 0) int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
	__asm__("kfs_vsnprintf");
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(2, 3) __malloc char *kasprintf(gfp_t gfp, const char *fmt, ...);
__printf(2, 0) __malloc char *kvasprintf(gfp_t gfp, const char *fmt, va_list args);
__printf(2, 0) const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list args);

/* sscanf/vsscanf: not provided (no filesystem uses them); a caller fails to build. */

/* Hex digits. */
extern const char hex_asc[];
extern const char hex_asc_upper[];
#define hex_asc_lo(x)	hex_asc[((x) & 0x0f)]
#define hex_asc_hi(x)	hex_asc[((x) & 0xf0) >> 4]
#define hex_asc_upper_lo(x)	hex_asc_upper[((x) & 0x0f)]
#define hex_asc_upper_hi(x)	hex_asc_upper[((x) & 0xf0) >> 4]

static inline char *hex_byte_pack(char *buf, u8 byte)
{
	*buf++ = hex_asc_hi(byte);
	*buf++ = hex_asc_lo(byte);
	return buf;
}

static inline char *hex_byte_pack_upper(char *buf, u8 byte)
{
	*buf++ = hex_asc_upper_hi(byte);
	*buf++ = hex_asc_upper_lo(byte);
	return buf;
}

int hex_to_bin(unsigned char ch);
int __must_check hex2bin(u8 *dst, const char *src, size_t count);
char *bin2hex(char *dst, const void *src, size_t count);

bool mac_pton(const char *s, u8 *mac);
int num_to_str(char *buf, int size, unsigned long long num, unsigned int width);

/* Parses a size with an optional K/M/G/T/P/E suffix. */
unsigned long long memparse(const char *ptr, char **retptr);

/* kfs never boots: it is always running. */
enum system_states {
	SYSTEM_BOOTING,
	SYSTEM_SCHEDULING,
	SYSTEM_FREEING_INITMEM,
	SYSTEM_RUNNING,
	SYSTEM_HALT,
	SYSTEM_POWER_OFF,
	SYSTEM_RESTART,
	SYSTEM_SUSPEND,
};
extern enum system_states system_state;

#define TRACE_EVENT_TYPE_MAX		0
#define trace_printk(fmt, ...)		printk(KERN_DEBUG fmt, ##__VA_ARGS__)
#define tracing_off()			do { } while (0)

/* Permission bits given to sysfs/module parameters must be sane. */
#define VERIFY_OCTAL_PERMISSIONS(perms)						\
	(BUILD_BUG_ON_ZERO((perms) < 0) +					\
	 BUILD_BUG_ON_ZERO((perms) > 0777) +					\
	 BUILD_BUG_ON_ZERO((((perms) >> 6) & 4) < (((perms) >> 3) & 4)) +	\
	 BUILD_BUG_ON_ZERO((((perms) >> 3) & 4) < ((perms) & 4)) +		\
	 BUILD_BUG_ON_ZERO((((perms) >> 6) & 2) < (((perms) >> 3) & 2)) +	\
	 BUILD_BUG_ON_ZERO((perms) & 2) +					\
	 (perms))

#endif /* _LINUX_KERNEL_H */
