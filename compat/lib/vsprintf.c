/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's printf family (Documentation/core-api/printk-formats.rst),
 * written for kfs.  The C conversions behave as C's, with the kernel's
 * differences: %n is refused, %p never dereferences NULL, and %p takes
 * extensions, recognised by the letters after it (all of them are
 * consumed, as in the kernel):
 *
 *   %p %pK %px    the pointer as 16 hex digits (kfs hides no addresses)
 *   %pV           struct va_format: a nested format and its va_list
 *   %pd %pd2..4   a dentry's name, or its last 2..4 path components
 *   %pD %pD2..4   the same for a struct file's dentry
 *   %pg           a block device's name ("sda", "loop0p1")
 *   %ph %phC/D/N  up to 64 bytes in hex (length = field width, default 1)
 *   %pU[bBlL]     a 16-byte UUID/GUID
 *   %pS %ps       a code address as function+offset (or only function)
 *   %pe           an error pointer or value as its name ("-ENOSPC")
 *   %pa[p] %pad   *(phys_addr_t *) / *(dma_addr_t *) as 0x%016llx
 *
 * An extension the kernel has but kfs does not print "<%pX?>": visible,
 * never silently wrong.  The symbols are kfs_snprintf & co. (asm labels in
 * <linux/kernel.h>), so libc's printf family is untouched.
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/err.h>
#include <linux/string.h>
#include <linux/printk.h>

#include <kfs_host_debug.h>

#include "vsprintf.h"

const char hex_asc[] = "0123456789abcdef";
const char hex_asc_upper[] = "0123456789ABCDEF";

/* ------------------------------------------------------------ the spec */

#define F_LEFT		0x01	/* '-' */
#define F_PLUS		0x02	/* '+' */
#define F_SPACE		0x04	/* ' ' */
#define F_ALT		0x08	/* '#' */
#define F_ZERO		0x10	/* '0' */
#define F_SIGNED	0x20	/* a signed conversion */
#define F_UPPER		0x40	/* %X */

/* The output cursor: pos counts every byte, only those before end land. */
struct out {
	char *pos;
	char *end;
};

static void put(struct out *o, char c)
{
	if (o->pos < o->end)
		*o->pos = c;
	o->pos++;
}

static void put_n(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* Pads to width on the side the flags ask for (spaces only). */
static void put_str_len(struct out *o, const char *s, int len, const struct kfs_fmt_spec *spec)
{
	int pad = spec->width > len ? spec->width - len : 0;

	if (!(spec->flags & F_LEFT))
		put_n(o, ' ', pad);
	while (len-- > 0)
		put(o, *s++);
	if (spec->flags & F_LEFT)
		put_n(o, ' ', pad);
}

/* A string honouring precision (max length) and width. */
static void put_string(struct out *o, const char *s, const struct kfs_fmt_spec *spec)
{
	int len;

	if (!s)
		s = "(null)";
	len = (int)strnlen(s, spec->precision < 0 ? (size_t)-1 : (size_t)spec->precision);
	put_str_len(o, s, len, spec);
}

static void put_number(struct out *o, unsigned long long num, const struct kfs_fmt_spec *spec)
{
	const char *digits = (spec->flags & F_UPPER) ? hex_asc_upper : hex_asc;
	char tmp[24];
	int ndig = 0, prec = spec->precision, width = spec->width;
	char sign = 0;
	const char *prefix = "";
	int prefix_len = 0;

	if (spec->flags & F_SIGNED) {
		if ((long long)num < 0) {
			sign = '-';
			num = -(unsigned long long)num;
		} else if (spec->flags & F_PLUS) {
			sign = '+';
		} else if (spec->flags & F_SPACE) {
			sign = ' ';
		}
	}
	if ((spec->flags & F_ALT) && spec->base == 16) {
		prefix = (spec->flags & F_UPPER) ? "0X" : "0x";
		prefix_len = 2;
	}

	if (num == 0 && prec != 0)
		tmp[ndig++] = '0';
	while (num) {
		tmp[ndig++] = digits[num % spec->base];
		num /= spec->base;
	}
	/* "%#o" guarantees a leading zero. */
	if ((spec->flags & F_ALT) && spec->base == 8 && (ndig == 0 || tmp[ndig - 1] != '0'))
		tmp[ndig++] = '0';

	if (prec < ndig)
		prec = ndig;
	width -= prec + prefix_len + (sign ? 1 : 0);

	if (!(spec->flags & F_LEFT) && !((spec->flags & F_ZERO) && spec->precision < 0))
		put_n(o, ' ', width);
	if (sign)
		put(o, sign);
	while (prefix_len--)
		put(o, *prefix++);
	if (!(spec->flags & F_LEFT) && (spec->flags & F_ZERO) && spec->precision < 0)
		put_n(o, '0', width);
	put_n(o, '0', prec - ndig);
	while (ndig)
		put(o, tmp[--ndig]);
	if (spec->flags & F_LEFT)
		put_n(o, ' ', width);
}

/* Pointers print as 16 zero-padded hex digits, as the kernel's %px. */
static void put_pointer_value(struct out *o, unsigned long val, struct kfs_fmt_spec spec)
{
	spec.base = 16;
	spec.flags &= ~(F_SIGNED | F_UPPER);
	if (spec.width < 0) {
		spec.width = 2 * sizeof(void *);
		spec.flags |= F_ZERO;
	}
	spec.precision = -1;
	put_number(o, val, &spec);
}

/*
 * For extensions that read through the pointer: NULL prints "(null)", a
 * pointer into the first page or an error value prints "(efault)".
 * Returns true when the pointer was refused.
 */
static bool bad_pointer(struct out *o, const void *ptr, const struct kfs_fmt_spec *spec)
{
	if (!ptr) {
		put_string(o, "(null)", spec);
		return true;
	}
	if ((unsigned long)ptr < 4096 || IS_ERR(ptr)) {
		put_string(o, "(efault)", spec);
		return true;
	}
	return false;
}

/* ------------------------------------------------------------ %p forms */

static void fmt_hex_bytes(struct out *o, const char *fmt, const u8 *p,
			  const struct kfs_fmt_spec *spec)
{
	char sep = ' ';
	int len = 1, i;

	if (spec->width == 0)
		return;
	if (bad_pointer(o, p, spec))
		return;
	switch (fmt[1]) {
	case 'C':
		sep = ':';
		break;
	case 'D':
		sep = '-';
		break;
	case 'N':
		sep = 0;
		break;
	}
	if (spec->width > 0)
		len = min(spec->width, 64);
	for (i = 0; i < len; i++) {
		if (i && sep)
			put(o, sep);
		put(o, hex_asc_hi(p[i]));
		put(o, hex_asc_lo(p[i]));
	}
}

static void fmt_uuid(struct out *o, const char *fmt, const u8 *p,
		     const struct kfs_fmt_spec *spec)
{
	/* Byte order of the printed groups: as stored, or GUID (le groups). */
	static const u8 be_order[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
	static const u8 le_order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
	const u8 *order = be_order;
	const char *digits = hex_asc;
	char text[37], *t = text;
	int i;

	if (bad_pointer(o, p, spec))
		return;
	switch (fmt[1]) {
	case 'L':
		digits = hex_asc_upper;
		fallthrough;
	case 'l':
		order = le_order;
		break;
	case 'B':
		digits = hex_asc_upper;
		break;
	}
	for (i = 0; i < 16; i++) {
		u8 byte = p[order[i]];

		*t++ = digits[byte >> 4];
		*t++ = digits[byte & 15];
		if (i == 3 || i == 5 || i == 7 || i == 9)
			*t++ = '-';
	}
	*t = '\0';
	put_string(o, text, spec);
}

static void fmt_symbol(struct out *o, const char *fmt, const void *addr,
		       const struct kfs_fmt_spec *spec)
{
	char sym[256];

	if (!kfs_host_symbolize(addr, sym, sizeof(sym))) {
		put_pointer_value(o, (unsigned long)addr, *spec);
		return;
	}
	/* %ps, %pf: the name without the offset. */
	if (fmt[0] == 's' || fmt[0] == 'f') {
		char *plus = strchr(sym, '+');

		if (plus)
			*plus = '\0';
	}
	put_string(o, sym, spec);
}

/* Names of the errno values, for %pe. */
#define E(name) [name] = #name
static const char *const errno_names[] = {
	E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG),
	E(ENOEXEC), E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES),
	E(EFAULT), E(ENOTBLK), E(EBUSY), E(EEXIST), E(EXDEV), E(ENODEV),
	E(ENOTDIR), E(EISDIR), E(EINVAL), E(ENFILE), E(EMFILE), E(ENOTTY),
	E(ETXTBSY), E(EFBIG), E(ENOSPC), E(ESPIPE), E(EROFS), E(EMLINK),
	E(EPIPE), E(EDOM), E(ERANGE), E(EDEADLK), E(ENAMETOOLONG), E(ENOLCK),
	E(ENOSYS), E(ENOTEMPTY), E(ELOOP), E(ENOMSG), E(EIDRM), E(ENODATA),
	E(ETIME), E(ENOLINK), E(EPROTO), E(EBADMSG), E(EOVERFLOW), E(EILSEQ),
	E(EOPNOTSUPP), E(ENOBUFS), E(ETIMEDOUT), E(EALREADY), E(EINPROGRESS),
	E(ESTALE), E(EUCLEAN), E(EREMOTEIO), E(EDQUOT), E(ENOMEDIUM),
	E(EMEDIUMTYPE), E(ECANCELED), E(ENOKEY), E(EKEYEXPIRED),
	E(EKEYREVOKED), E(EKEYREJECTED), E(EOWNERDEAD), E(ENOTRECOVERABLE),
	E(EHWPOISON), E(ERESTARTSYS), E(ERESTARTNOINTR), E(ERESTARTNOHAND),
	E(ENOIOCTLCMD), E(ERESTART_RESTARTBLOCK), E(EPROBE_DEFER),
	E(EOPENSTALE), E(ENOPARAM), E(EBADHANDLE), E(ENOTSYNC), E(EBADCOOKIE),
	E(ENOTSUPP), E(ETOOSMALL), E(ESERVERFAULT), E(EBADTYPE), E(EJUKEBOX),
	E(EIOCBQUEUED), E(ERECALLCONFLICT), E(ENOGRACE),
};
#undef E

static void fmt_errname(struct out *o, const void *ptr, const struct kfs_fmt_spec *spec)
{
	long err = PTR_ERR(ptr);
	unsigned long n = err < 0 ? -err : err;
	char text[32];

	if (n < ARRAY_SIZE(errno_names) && errno_names[n] && (err < 0 || IS_ERR(ptr))) {
		text[0] = '-';
		strscpy(text + 1, errno_names[n], sizeof(text) - 1);
		put_string(o, err < 0 ? text : text + 1, spec);
		return;
	}
	{
		struct kfs_fmt_spec num = *spec;

		num.base = 10;
		num.flags |= F_SIGNED;
		num.precision = -1;
		put_number(o, err, &num);
	}
}

static void fmt_address(struct out *o, const char *fmt, const void *ptr,
			const struct kfs_fmt_spec *spec)
{
	struct kfs_fmt_spec num = *spec;
	unsigned long long val;

	if (bad_pointer(o, ptr, spec))
		return;
	val = fmt[1] == 'd' ? *(const dma_addr_t *)ptr : *(const phys_addr_t *)ptr;
	num.base = 16;
	num.flags = F_ALT | F_ZERO;
	num.width = 2 + 2 * 8;
	num.precision = -1;
	put_number(o, val, &num);
}

/* Writes a string produced by a formatter hook (vsprintf_fs.c). */
static void put_hook_text(struct out *o, int (*hook)(const void *, const char *, char *, size_t),
			  const void *ptr, const char *fmt, const struct kfs_fmt_spec *spec)
{
	char text[512];

	if (bad_pointer(o, ptr, spec))
		return;
	hook(ptr, fmt, text, sizeof(text));
	put_string(o, text, spec);
}

static void fmt_unsupported(struct out *o, const char *fmt)
{
	const char *s = "<%p";

	while (*s)
		put(o, *s++);
	while (isalnum(*fmt))
		put(o, *fmt++);
	put(o, '?');
	put(o, '>');
}

static void fmt_pointer(struct out *o, const char *fmt, void *ptr, struct kfs_fmt_spec spec)
{
	switch (*fmt) {
	case 'V': {
		const struct va_format *vaf = ptr;
		va_list va;
		size_t room;
		int n;

		if (bad_pointer(o, ptr, &spec))
			return;
		room = o->pos < o->end ? (size_t)(o->end - o->pos) : 0;
		va_copy(va, *vaf->va);
		n = vsnprintf(room ? o->pos : NULL, room, vaf->fmt, va);
		va_end(va);
		o->pos += n;
		return;
	}
	case 'd':
	case 'D':
		put_hook_text(o, *fmt == 'd' ? kfs_fmt_dentry : kfs_fmt_file, ptr, fmt, &spec);
		return;
	case 'g':
		put_hook_text(o, kfs_fmt_bdev, ptr, fmt, &spec);
		return;
	case 'h':
		fmt_hex_bytes(o, fmt, ptr, &spec);
		return;
	case 'U':
		fmt_uuid(o, fmt, ptr, &spec);
		return;
	case 'S':
	case 's':
	case 'B':
	case 'F':
	case 'f':
		fmt_symbol(o, fmt, ptr, &spec);
		return;
	case 'e':
		fmt_errname(o, ptr, &spec);
		return;
	case 'a':
		fmt_address(o, fmt, ptr, &spec);
		return;
	case 'K':
	case 'x':
		put_pointer_value(o, (unsigned long)ptr, spec);
		return;
	/* Extensions of the kernel that no filesystem kfs builds uses. */
	case 'R': case 'r': case 'b': case 'M': case 'm': case 'I': case 'i':
	case 'E': case 'N': case 'G': case 'C': case 'O': case 't': case 'A':
	case 'L': case 'u': case 'k': case 'c': case 'P': case 'T':
		fmt_unsupported(o, fmt);
		return;
	default:
		put_pointer_value(o, (unsigned long)ptr, spec);
		return;
	}
}

/* ------------------------------------------------------------ the engine */

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { .pos = buf, .end = buf + size };

	/* Keep end >= pos without wrapping the address space. */
	if (!size)
		o.end = buf;
	if (size > INT_MAX)
		size = INT_MAX;

	while (*fmt) {
		struct kfs_fmt_spec spec = { .width = -1, .precision = -1, .base = 10 };
		char qual = 0;

		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;

		/* flags */
		for (;; fmt++) {
			if (*fmt == '-')
				spec.flags |= F_LEFT;
			else if (*fmt == '+')
				spec.flags |= F_PLUS;
			else if (*fmt == ' ')
				spec.flags |= F_SPACE;
			else if (*fmt == '#')
				spec.flags |= F_ALT;
			else if (*fmt == '0')
				spec.flags |= F_ZERO;
			else
				break;
		}
		/* width */
		if (*fmt == '*') {
			spec.width = va_arg(args, int);
			if (spec.width < 0) {
				spec.flags |= F_LEFT;
				spec.width = -spec.width;
			}
			fmt++;
		} else if (isdigit(*fmt)) {
			spec.width = 0;
			while (isdigit(*fmt))
				spec.width = spec.width * 10 + (*fmt++ - '0');
		}
		/* precision */
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				spec.precision = va_arg(args, int);
				fmt++;
			} else {
				spec.precision = 0;
				while (isdigit(*fmt))
					spec.precision = spec.precision * 10 + (*fmt++ - '0');
			}
			if (spec.precision < 0)
				spec.precision = -1;
		}
		/* length qualifier: hh h l ll L z Z t j */
		if (*fmt == 'h' || *fmt == 'l' || *fmt == 'L' || *fmt == 'z' ||
		    *fmt == 'Z' || *fmt == 't' || *fmt == 'j') {
			qual = *fmt++;
			if (qual == 'h' && *fmt == 'h') {
				qual = 'H';
				fmt++;
			} else if (qual == 'l' && *fmt == 'l') {
				qual = 'L';
				fmt++;
			}
		}

		switch (*fmt) {
		case 'c': {
			char c = (char)va_arg(args, int);

			fmt++;
			put_str_len(&o, &c, 1, &spec);
			continue;
		}
		case 's':
			fmt++;
			put_string(&o, va_arg(args, const char *), &spec);
			continue;
		case 'p':
			fmt++;
			fmt_pointer(&o, fmt, va_arg(args, void *), spec);
			while (isalnum(*fmt))
				fmt++;
			continue;
		case '%':
			fmt++;
			put(&o, '%');
			continue;
		case 'd':
		case 'i':
			spec.flags |= F_SIGNED;
			break;
		case 'u':
			break;
		case 'o':
			spec.base = 8;
			break;
		case 'X':
			spec.flags |= F_UPPER;
			fallthrough;
		case 'x':
			spec.base = 16;
			break;
		default:
			/*
			 * %n and anything unknown: the kernel refuses to go
			 * on with a format it does not understand.
			 */
			pr_warn_once("kfs: unsupported conversion %%%c in \"%s\"\n",
				     *fmt ? *fmt : '0', fmt);
			goto out;
		}
		fmt++;

		{
			unsigned long long num;
			bool sgn = spec.flags & F_SIGNED;

			switch (qual) {
			case 'H':
				num = sgn ? (unsigned long long)(signed char)va_arg(args, int)
					  : (unsigned char)va_arg(args, unsigned int);
				break;
			case 'h':
				num = sgn ? (unsigned long long)(short)va_arg(args, int)
					  : (unsigned short)va_arg(args, unsigned int);
				break;
			case 'l':
				num = sgn ? (unsigned long long)va_arg(args, long)
					  : va_arg(args, unsigned long);
				break;
			case 'L':
			case 'j':
				num = va_arg(args, unsigned long long);
				break;
			case 'z':
			case 'Z':
				num = sgn ? (unsigned long long)va_arg(args, ssize_t)
					  : va_arg(args, size_t);
				break;
			case 't':
				num = (unsigned long long)va_arg(args, ptrdiff_t);
				break;
			default:
				num = sgn ? (unsigned long long)va_arg(args, int)
					  : va_arg(args, unsigned int);
				break;
			}
			put_number(&o, num, &spec);
		}
	}
out:
	if (size) {
		if (o.pos < o.end)
			*o.pos = '\0';
		else
			o.end[-1] = '\0';
	}
	return (int)(o.pos - buf);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

/* Like vsnprintf, but returns what was stored (without the NUL). */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n;

	if (!size)
		return 0;
	n = vsnprintf(buf, size, fmt, args);
	if ((size_t)n < size)
		return n;
	return (int)size - 1;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

int vsprintf(char *buf, const char *fmt, va_list args)
{
	return vsnprintf(buf, INT_MAX, fmt, args);
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, INT_MAX, fmt, args);
	va_end(args);
	return n;
}

/* ------------------------------------------------- numbers from strings */

/* Base detection as strtoul does: 0x -> 16, 0 -> 8, else 10. */
static const char *detect_base(const char *cp, unsigned int *base)
{
	if (*base == 0) {
		if (cp[0] == '0') {
			if (tolower(cp[1]) == 'x' && isxdigit(cp[2]))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && cp[0] == '0' && tolower(cp[1]) == 'x')
		cp += 2;
	return cp;
}

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	unsigned long long result = 0;

	cp = detect_base(cp, &base);
	for (;; cp++) {
		unsigned int digit;

		if (isdigit(*cp))
			digit = *cp - '0';
		else if (isxdigit(*cp))
			digit = tolower(*cp) - 'a' + 10;
		else
			break;
		if (digit >= base)
			break;
		result = result * base + digit;
	}
	if (endp)
		*endp = (char *)cp;
	return result;
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoull(cp, endp, base);
}

long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -(long long)simple_strtoull(cp + 1, endp, base);
	return simple_strtoull(cp, endp, base);
}

long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoll(cp, endp, base);
}

/* "4k" -> 4096; suffixes K M G T P E, each a factor of 1024. */
unsigned long long memparse(const char *ptr, char **retptr)
{
	char *end;
	unsigned long long value = simple_strtoull(ptr, &end, 0);
	int shift = 0;

	switch (*end) {
	case 'E': case 'e':
		shift += 10;
		fallthrough;
	case 'P': case 'p':
		shift += 10;
		fallthrough;
	case 'T': case 't':
		shift += 10;
		fallthrough;
	case 'G': case 'g':
		shift += 10;
		fallthrough;
	case 'M': case 'm':
		shift += 10;
		fallthrough;
	case 'K': case 'k':
		shift += 10;
		end++;
		break;
	}
	if (retptr)
		*retptr = end;
	return value << shift;
}

/*
 * Writes num in decimal, zero-padded to width, without a NUL; returns the
 * length, or 0 when it does not fit in size bytes.
 */
int num_to_str(char *buf, int size, unsigned long long num, unsigned int width)
{
	char tmp[24];
	int len = 0, pad, i;

	do {
		tmp[len++] = '0' + num % 10;
		num /= 10;
	} while (num);
	pad = (int)width > len ? (int)width - len : 0;
	if (pad + len > size)
		return 0;
	for (i = 0; i < pad; i++)
		buf[i] = '0';
	while (len)
		buf[i++] = tmp[--len];
	return i;
}

/* ------------------------------------------------------------ hex helpers */

int hex_to_bin(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = tolower(ch);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

int hex2bin(u8 *dst, const char *src, size_t count)
{
	while (count--) {
		int hi = hex_to_bin(*src++);
		int lo;

		if (hi < 0)
			return -EINVAL;
		lo = hex_to_bin(*src++);
		if (lo < 0)
			return -EINVAL;
		*dst++ = (u8)(hi << 4 | lo);
	}
	return 0;
}

char *bin2hex(char *dst, const void *src, size_t count)
{
	const u8 *p = src;

	while (count--)
		dst = hex_byte_pack(dst, *p++);
	return dst;
}
