/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hex dumps of memory (<linux/printk.h>): one row of up to 16 or 32 bytes,
 * in groups of 1, 2, 4 or 8 bytes read in CPU order, optionally followed by
 * the printable ASCII characters.
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <asm/unaligned.h>

int hex_dump_to_buffer(const void *buf, size_t len, int rowsize, int groupsize,
		       char *linebuf, size_t linebuflen, bool ascii)
{
	const u8 *p = buf;
	int pos = 0, i, ngroups, ascii_col;

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	if (len > (size_t)rowsize)
		len = rowsize;
	if (groupsize != 1 && groupsize != 2 && groupsize != 4 && groupsize != 8)
		groupsize = 1;
	if (len % groupsize)
		groupsize = 1;
	ngroups = (int)len / groupsize;
	ascii_col = rowsize * 2 + rowsize / groupsize + 1;

	if (linebuflen)
		linebuf[0] = '\0';
	if (!len)
		return 0;

	for (i = 0; i < ngroups; i++) {
		const u8 *g = p + i * groupsize;
		unsigned long long v;

		switch (groupsize) {
		case 8:
			v = get_unaligned((const u64 *)g);
			break;
		case 4:
			v = get_unaligned((const u32 *)g);
			break;
		case 2:
			v = get_unaligned((const u16 *)g);
			break;
		default:
			v = *g;
			break;
		}
		pos += snprintf(linebuf + min_t(size_t, pos, linebuflen),
				linebuflen - min_t(size_t, pos, linebuflen),
				"%s%0*llx", i ? " " : "", groupsize * 2, v);
	}
	if (ascii) {
		while (pos < ascii_col) {
			if ((size_t)pos + 1 < linebuflen)
				linebuf[pos] = ' ';
			pos++;
		}
		for (i = 0; i < (int)len; i++) {
			char c = isascii(p[i]) && isprint(p[i]) ? p[i] : '.';

			if ((size_t)pos + 1 < linebuflen)
				linebuf[pos] = c;
			pos++;
		}
	}
	if (linebuflen)
		linebuf[min_t(size_t, pos, linebuflen - 1)] = '\0';
	return pos;
}

void print_hex_dump(const char *level, const char *prefix_str, int prefix_type,
		    int rowsize, int groupsize, const void *buf, size_t len, bool ascii)
{
	const u8 *p = buf;
	char line[32 * 3 + 2 + 32 + 1];
	size_t off;

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	for (off = 0; off < len; off += rowsize) {
		size_t n = min_t(size_t, len - off, rowsize);

		hex_dump_to_buffer(p + off, n, rowsize, groupsize, line, sizeof(line), ascii);
		switch (prefix_type) {
		case DUMP_PREFIX_ADDRESS:
			printk("%s%s%px: %s\n", level, prefix_str, p + off, line);
			break;
		case DUMP_PREFIX_OFFSET:
			printk("%s%s%.8zx: %s\n", level, prefix_str, off, line);
			break;
		default:
			printk("%s%s%s\n", level, prefix_str, line);
			break;
		}
	}
}
