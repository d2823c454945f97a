/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * seq_file output (Documentation/filesystems/seq_file.rst), as far as
 * ->show_options and ->show_devname need it: formatted output into a
 * caller-supplied buffer.  A seq_file whose buffer filled up reports
 * seq_has_overflowed(); the caller (the VFS slice) retries with a bigger
 * buffer, as seq_read does.  To use one: zero a struct seq_file and set
 * buf and size.  The /proc-style iterator API (seq_open, seq_read...) is
 * not provided: kfs has no /proc.
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/types.h>
#include <linux/string.h>
#include <linux/bug.h>
#include <linux/stdarg.h>

struct file;
struct seq_operations;

struct seq_file {
	char *buf;
	size_t size;
	size_t from;
	size_t count;		/* bytes used; == size after an overflow */
	size_t pad_until;
	loff_t index;
	loff_t read_pos;
	const struct seq_operations *op;
	int poll_event;
	const struct file *file;
	void *private;
};

static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->count == m->size;
}

/* Room left in the buffer, for writing directly (then seq_commit). */
static inline size_t seq_get_buf(struct seq_file *m, char **bufp)
{
	BUG_ON(m->count > m->size);
	if (m->count < m->size)
		*bufp = m->buf + m->count;
	else
		*bufp = NULL;
	return m->size - m->count;
}

/* num bytes were written at seq_get_buf's pointer; num < 0 means overflow. */
static inline void seq_commit(struct seq_file *m, int num)
{
	if (num < 0) {
		m->count = m->size;
	} else {
		BUG_ON(m->count + num > m->size);
		m->count += num;
	}
}

static inline void seq_setwidth(struct seq_file *m, size_t size)
{
	m->pad_until = m->count + size;
}
void seq_pad(struct seq_file *m, char c);

__printf(2, 0) void seq_vprintf(struct seq_file *m, const char *fmt, va_list args);
__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_putc(struct seq_file *m, char c);
void seq_puts(struct seq_file *m, const char *s);
void seq_write(struct seq_file *m, const void *data, size_t len);
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num);
void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num);
void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v,
		    unsigned int width);

/* Writes s, with every character found in esc as a \ooo octal escape. */
void seq_escape(struct seq_file *m, const char *s, const char *esc);
void seq_escape_mem(struct seq_file *m, const char *src, size_t len, unsigned int flags,
		    const char *esc);

/*
 * ",name" or ",name=value" for ->show_options, escaping what would break
 * the comma-separated option list.
 */
static inline void seq_show_option(struct seq_file *m, const char *name, const char *value)
{
	seq_putc(m, ',');
	seq_escape(m, name, ",= \t\n\\");
	if (value) {
		seq_putc(m, '=');
		seq_escape(m, value, ", \t\n\\");
	}
}

/* The same for a fixed-size, possibly unterminated value array. */
#define seq_show_option_n(m, name, value, length) do {			\
		char __kfs_val[(length) + 1];				\
		memcpy(__kfs_val, (value), (length));			\
		__kfs_val[(length)] = '\0';				\
		seq_show_option(m, name, __kfs_val);			\
	} while (0)

#endif /* _LINUX_SEQ_FILE_H */
