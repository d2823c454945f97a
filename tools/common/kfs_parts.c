/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MBR and GPT partition tables, read from an image file.
 *
 * MBR: four 16-byte entries at byte 446 of sector 0, signature 0x55AA at 510;
 * an extended partition (type 0x05, 0x0F or 0x85) holds a chain of extended
 * boot records, each with one logical partition (relative to that record)
 * and a link to the next record (relative to the extended partition).
 * GPT: a protective MBR entry of type 0xEE, the header "EFI PART" at LBA 1,
 * and an array of entries whose place and size the header gives.  The
 * sector size of an image file is 512; GPTs written for 4096-byte sectors
 * are recognised by their header at byte 4096.  CRCs are not checked: the
 * table only tells where to look, and the filesystem there checks itself.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kfs_parts.h"
#include "kfs_probe.h"

/* Readable names of the partition types one meets on removable media. */
static const struct {
	unsigned int id;
	const char *name;
} mbr_names[] = {
	{ 0x01, "FAT12" }, { 0x04, "FAT16 <32M" }, { 0x05, "Extended" }, { 0x06, "FAT16" },
	{ 0x07, "NTFS/exFAT/HPFS" }, { 0x0b, "FAT32" }, { 0x0c, "FAT32 (LBA)" },
	{ 0x0e, "FAT16 (LBA)" }, { 0x0f, "Extended (LBA)" }, { 0x80, "Old Minix" },
	{ 0x81, "Minix" }, { 0x82, "Linux swap" }, { 0x83, "Linux" }, { 0x85, "Linux extended" },
	{ 0x8e, "Linux LVM" }, { 0xa5, "FreeBSD" }, { 0xa6, "OpenBSD" }, { 0xa8, "Darwin UFS" },
	{ 0xa9, "NetBSD" }, { 0xaf, "HFS/HFS+" }, { 0xb7, "BSDI" }, { 0xeb, "BeOS BFS" },
	{ 0xee, "GPT protective" }, { 0xef, "EFI System" }, { 0xfd, "Linux RAID" },
};

static const struct {
	const char *guid;
	const char *name;
} gpt_names[] = {
	{ "C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "EFI System" },
	{ "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", "Microsoft basic data" },
	{ "0FC63DAF-8483-4772-8E79-3D69D8477DE4", "Linux filesystem" },
	{ "0657FD6D-A4AB-436B-8F3D-EDAD6A2A63E8", "Linux swap" },
	{ "E6D6D379-F507-44C2-A23C-238F2A3DF928", "Linux LVM" },
	{ "A19D880F-05FC-4D3B-A006-743F0F84911E", "Linux RAID" },
	{ "48465300-0000-11AA-AA11-00306543ECAC", "Apple HFS/HFS+" },
	{ "516E7CB6-6ECF-11D6-8FF8-00022D09712B", "FreeBSD UFS" },
	{ "21686148-6449-6E6F-744E-656564454649", "BIOS boot" },
};

static const char *mbr_type_name(unsigned int id)
{
	size_t i;

	for (i = 0; i < sizeof(mbr_names) / sizeof(mbr_names[0]); i++)
		if (mbr_names[i].id == id)
			return mbr_names[i].name;
	return NULL;
}

static const char *gpt_type_name(const char *guid)
{
	size_t i;

	for (i = 0; i < sizeof(gpt_names) / sizeof(gpt_names[0]); i++)
		if (!strcmp(gpt_names[i].guid, guid))
			return gpt_names[i].name;
	return NULL;
}

static uint32_t get_le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_le64(const unsigned char *p)
{
	return get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

static int read_at(int fd, void *buf, size_t len, long long off)
{
	size_t got = 0;

	while (got < len) {
		ssize_t r = pread(fd, (char *)buf + got, len - got, off + (long long)got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return -ENODATA;	/* the table points past the end */
		got += r;
	}
	return 0;
}

static int is_extended(unsigned int type)
{
	return type == 0x05 || type == 0x0F || type == 0x85;
}

/* Appends one entry; NULL when @parts is full (the rest are not reported). */
static struct kfs_part *add_part(struct kfs_part *parts, int max, int *n, int number,
				 long long start, long long size, const char *type)
{
	struct kfs_part *p;

	if (*n >= max)
		return NULL;
	p = &parts[(*n)++];
	memset(p, 0, sizeof(*p));
	p->number = number;
	p->start = start;
	p->size = size;
	snprintf(p->type, sizeof(p->type), "%s", type);
	return p;
}

/* Sector 0 is an MBR, not a filesystem's boot sector that also ends in 0x55AA. */
static int looks_like_mbr(const unsigned char *s)
{
	int i, used = 0;

	if (s[510] != 0x55 || s[511] != 0xAA)
		return 0;
	if (!memcmp(s + 54, "FAT", 3) || !memcmp(s + 82, "FAT32", 5) ||
	    !memcmp(s + 3, "NTFS    ", 8) || !memcmp(s + 3, "EXFAT   ", 8))
		return 0;
	for (i = 0; i < 4; i++) {
		const unsigned char *e = s + 446 + 16 * i;

		if (e[0] != 0x00 && e[0] != 0x80)
			return 0;
		if (e[4] && get_le32(e + 12))
			used++;
	}
	return used > 0;
}

static int read_logical(int fd, long long ext_start, struct kfs_part *parts, int max, int *n)
{
	unsigned char s[512];
	long long ebr = ext_start;
	int number = 5, hops, err;

	for (hops = 0; hops < KFS_PARTS_MAX; hops++) {
		const unsigned char *e0 = s + 446, *e1 = s + 462;
		char type[8];

		err = read_at(fd, s, sizeof(s), ebr);
		if (err)
			return err;
		if (s[510] != 0x55 || s[511] != 0xAA)
			return 0;
		if (e0[4] && get_le32(e0 + 12)) {
			struct kfs_part *p;

			snprintf(type, sizeof(type), "0x%02x", e0[4]);
			p = add_part(parts, max, n, number++, ebr + 512LL * get_le32(e0 + 8),
				     512LL * get_le32(e0 + 12), type);
			if (p) {
				p->type_name = mbr_type_name(e0[4]);
				p->bootable = e0[0] == 0x80;
			}
		}
		if (!is_extended(e1[4]) || !get_le32(e1 + 8))
			return 0;
		ebr = ext_start + 512LL * get_le32(e1 + 8);
	}
	return 0;
}

static void utf16le_to_utf8(const unsigned char *in, int units, char *out, size_t outlen)
{
	size_t o = 0;
	int i;

	for (i = 0; i < units; i++) {
		uint32_t c = in[2 * i] | in[2 * i + 1] << 8;

		if (!c)
			break;
		if (c >= 0xD800 && c <= 0xDBFF && i + 1 < units) {
			uint32_t lo = in[2 * i + 2] | in[2 * i + 3] << 8;

			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
				i++;
			}
		}
		if (o + 5 > outlen)
			break;
		if (c < 0x80) {
			out[o++] = c;
		} else if (c < 0x800) {
			out[o++] = 0xC0 | c >> 6;
			out[o++] = 0x80 | (c & 0x3F);
		} else if (c < 0x10000) {
			out[o++] = 0xE0 | c >> 12;
			out[o++] = 0x80 | (c >> 6 & 0x3F);
			out[o++] = 0x80 | (c & 0x3F);
		} else {
			out[o++] = 0xF0 | c >> 18;
			out[o++] = 0x80 | (c >> 12 & 0x3F);
			out[o++] = 0x80 | (c >> 6 & 0x3F);
			out[o++] = 0x80 | (c & 0x3F);
		}
	}
	out[o] = '\0';
}

static int read_gpt(int fd, struct kfs_part *parts, int max, int *n)
{
	unsigned char hdr[512], *ents;
	static const unsigned char zero[16];
	long long sector = 512, ent_off;
	uint32_t count, esize, i;
	int err;

	err = read_at(fd, hdr, sizeof(hdr), sector);
	if (err)
		return err;
	if (memcmp(hdr, "EFI PART", 8)) {
		sector = 4096;
		err = read_at(fd, hdr, sizeof(hdr), sector);
		if (err || memcmp(hdr, "EFI PART", 8))
			return -EINVAL;
	}
	ent_off = (long long)get_le64(hdr + 72) * sector;
	count = get_le32(hdr + 80);
	esize = get_le32(hdr + 84);
	if (esize < 128 || esize > 4096 || count > 1024 || ent_off <= 0)
		return -EINVAL;
	ents = malloc((size_t)count * esize);
	if (!ents)
		return -ENOMEM;
	err = read_at(fd, ents, (size_t)count * esize, ent_off);
	for (i = 0; !err && i < count; i++) {
		const unsigned char *e = ents + (size_t)i * esize;
		uint64_t first = get_le64(e + 32), last = get_le64(e + 40);
		struct kfs_part *p;
		char type[40];

		if (!memcmp(e, zero, 16) || last < first)
			continue;
		snprintf(type, sizeof(type),
			 "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X",
			 get_le32(e), e[4] | e[5] << 8, e[6] | e[7] << 8, e[8], e[9],
			 e[10], e[11], e[12], e[13], e[14], e[15]);
		p = add_part(parts, max, n, i + 1, first * sector, (last - first + 1) * sector,
			     type);
		if (p) {
			p->type_name = gpt_type_name(type);
			utf16le_to_utf8(e + 56, 36, p->name, sizeof(p->name));
		}
	}
	free(ents);
	return err;
}

int kfs_parts_read(int fd, struct kfs_part *parts, int max, int *kind)
{
	unsigned char s[512];
	int i, n = 0, err;

	*kind = KFS_PARTS_NONE;
	err = read_at(fd, s, sizeof(s), 0);
	if (err == -ENODATA)
		return 0;
	if (err)
		return err;
	if (!looks_like_mbr(s))
		return 0;
	for (i = 0; i < 4; i++) {
		if (s[446 + 16 * i + 4] == 0xEE) {
			err = read_gpt(fd, parts, max, &n);
			if (err)
				return err;
			*kind = KFS_PARTS_GPT;
			return n;
		}
	}
	*kind = KFS_PARTS_MBR;
	for (i = 0; i < 4; i++) {
		const unsigned char *e = s + 446 + 16 * i;
		struct kfs_part *p;
		char type[8];

		if (!e[4] || !get_le32(e + 12))
			continue;
		snprintf(type, sizeof(type), "0x%02x", e[4]);
		p = add_part(parts, max, &n, i + 1, 512LL * get_le32(e + 8),
			     512LL * get_le32(e + 12), type);
		if (p) {
			p->type_name = mbr_type_name(e[4]);
			p->bootable = e[0] == 0x80;
		}
	}
	for (i = 0; i < 4; i++) {
		const unsigned char *e = s + 446 + 16 * i;

		if (is_extended(e[4]) && get_le32(e + 12)) {
			err = read_logical(fd, 512LL * get_le32(e + 8), parts, max, &n);
			if (err && err != -ENODATA)
				return err;
			break;
		}
	}
	return n;
}

int kfs_parts_find(int fd, int number, struct kfs_part *part)
{
	struct kfs_part *parts = calloc(KFS_PARTS_MAX, sizeof(*parts));
	int kind, i, n;

	if (!parts)
		return -ENOMEM;
	n = kfs_parts_read(fd, parts, KFS_PARTS_MAX, &kind);
	for (i = 0; i < n; i++) {
		if (parts[i].number == number) {
			*part = parts[i];
			free(parts);
			return 0;
		}
	}
	free(parts);
	return n < 0 ? n : -ENOENT;
}

int kfs_parts_print(FILE *out, int fd)
{
	struct kfs_part *parts = calloc(KFS_PARTS_MAX, sizeof(*parts));
	int kind, i, n;

	if (!parts)
		return -ENOMEM;
	n = kfs_parts_read(fd, parts, KFS_PARTS_MAX, &kind);
	if (n < 0) {
		free(parts);
		return n;
	}
	if (kind == KFS_PARTS_NONE) {
		fprintf(out, "no partition table\n");
		free(parts);
		return 0;
	}
	fprintf(out, "%s partition table\n%-4s %-1s %14s %14s  %-10s %s\n",
		kind == KFS_PARTS_GPT ? "GPT" : "MBR", "part", "", "start", "size",
		"contents", "type");
	for (i = 0; i < n; i++) {
		const char *types[KFS_PROBE_MAX];
		int nt = kfs_probe_fd(fd, parts[i].start, types, KFS_PROBE_MAX);

		fprintf(out, "%-4d %-1s %14lld %14lld  %-10s %s%s%s%s%s%s\n", parts[i].number,
			parts[i].bootable ? "*" : "", parts[i].start, parts[i].size,
			nt > 0 ? types[0] : "-", parts[i].type,
			parts[i].type_name ? " (" : "",
			parts[i].type_name ? parts[i].type_name : "",
			parts[i].type_name ? ")" : "",
			parts[i].name[0] ? " " : "", parts[i].name);
	}
	free(parts);
	return n;
}
