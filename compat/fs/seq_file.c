/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * seq_file output into a fixed buffer (<linux/seq_file.h>).  Every writer
 * either stores all of its output or marks the file overflowed (count ==
 * size), never a torn piece, so the reader can retry with a bigger buffer.
 */
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/string.h>

static void set_overflow(struct seq_file *m)
{
	m->count = m->size;
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len < m->size) {
		memcpy(m->buf + m->count, data, len);
		m->count += len;
	} else {
		set_overflow(m);
	}
}

void seq_putc(struct seq_file *m, char c)
{
	if (m->count + 1 < m->size)
		m->buf[m->count++] = c;
	else
		set_overflow(m);
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
	if (m->count < m->size) {
		size_t room = m->size - m->count;
		int len = vsnprintf(m->buf + m->count, room, fmt, args);

		if ((size_t)len < room) {
			m->count += len;
			return;
		}
	}
	set_overflow(m);
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	seq_vprintf(m, fmt, args);
	va_end(args);
}

void seq_pad(struct seq_file *m, char c)
{
	size_t size = m->pad_until - m->count;

	if (m->pad_until <= m->count)
		return;
	while (size--)
		seq_putc(m, ' ');
	if (c)
		seq_putc(m, c);
}

void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num)
{
	seq_printf(m, "%s%llu", delimiter, num);
}

void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num)
{
	seq_printf(m, "%s%lld", delimiter, num);
}

void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v,
		    unsigned int width)
{
	seq_printf(m, "%s%0*llx", delimiter, (int)width, v);
}

void seq_escape_mem(struct seq_file *m, const char *src, size_t len, unsigned int flags,
		    const char *esc)
{
	char out[4];
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = src[i];

		if (strchr(esc, c) && c) {
			out[0] = '\\';
			out[1] = '0' + ((c >> 6) & 7);
			out[2] = '0' + ((c >> 3) & 7);
			out[3] = '0' + (c & 7);
			seq_write(m, out, 4);
		} else {
			seq_putc(m, c);
		}
		if (seq_has_overflowed(m))
			return;
	}
}

void seq_escape(struct seq_file *m, const char *s, const char *esc)
{
	seq_escape_mem(m, s, strlen(s), 0, esc);
}
