/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Image type recognition by on-disk magic numbers.
 *
 * Each probe looks at the super block of one family of filesystems and, when
 * it matches, names the file_system_type names that can mount it.  The table
 * runs from the strongest signatures (long strings, 32-bit magics with sanity
 * checks) to the weakest (the FAT boot sector, which has no magic of its
 * own), so that an image carrying two signatures -- an ISO 9660 bridge disc
 * with UDF, an NTFS boot sector with the 0x55AA FAT also uses -- gets the
 * more specific name first.  Offsets come from each format's documented
 * super block layout (the format headers in include/uapi and the fs/
 * directories of the kernel tree).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kfs_probe.h"

struct probe_buf {
	const unsigned char *p;
	size_t len;
};

static int have_bytes(const struct probe_buf *b, size_t off, size_t n)
{
	return off <= b->len && n <= b->len - off;
}

static uint32_t le16_at(const struct probe_buf *b, size_t off)
{
	if (!have_bytes(b, off, 2))
		return 0;
	return b->p[off] | (uint32_t)b->p[off + 1] << 8;
}

static uint32_t le32_at(const struct probe_buf *b, size_t off)
{
	if (!have_bytes(b, off, 4))
		return 0;
	return le16_at(b, off) | le16_at(b, off + 2) << 16;
}

static uint32_t be32_at(const struct probe_buf *b, size_t off)
{
	if (!have_bytes(b, off, 4))
		return 0;
	return (uint32_t)b->p[off] << 24 | (uint32_t)b->p[off + 1] << 16 |
	       (uint32_t)b->p[off + 2] << 8 | b->p[off + 3];
}

static int bytes_at(const struct probe_buf *b, size_t off, const char *s)
{
	size_t n = strlen(s);

	return have_bytes(b, off, n) && !memcmp(b->p + off, s, n);
}

static int is_pow2_between(uint32_t v, uint32_t lo, uint32_t hi)
{
	return v >= lo && v <= hi && !(v & (v - 1));
}

/* The candidate names of one match, NULL-terminated. */
struct names {
	const char *n[KFS_PROBE_MAX + 1];
};

/* Each probe returns the names that can mount what it recognised, or NULL. */
typedef const struct names *(*probe_fn)(const struct probe_buf *b);

/* A static list of names, inside a function. */
#define NAMES(...)	({ static const struct names _names = { { __VA_ARGS__ } }; &_names; })
/* The same inside a static table. */
#define TNAMES(...)	{ { __VA_ARGS__ } }

/* ext2/3/4: one magic, told apart by the feature sets each driver accepts. */
#define EXT_SB			1024
#define EXT_COMPAT_JOURNAL	0x0004
#define EXT_INCOMPAT_FILETYPE	0x0002
#define EXT_INCOMPAT_RECOVER	0x0004
#define EXT_INCOMPAT_JOURNAL_DEV 0x0008
#define EXT_INCOMPAT_META_BG	0x0010
#define EXT_RO_COMPAT_EXT2	0x0007	/* sparse_super, large_file, btree_dir */

static const struct names *probe_ext(const struct probe_buf *b)
{
	uint32_t compat, incompat, ro_compat;
	const uint32_t ext2_incompat = EXT_INCOMPAT_FILETYPE | EXT_INCOMPAT_META_BG;

	if (le16_at(b, EXT_SB + 56) != 0xEF53)
		return NULL;
	compat = le32_at(b, EXT_SB + 92);
	incompat = le32_at(b, EXT_SB + 96);
	ro_compat = le32_at(b, EXT_SB + 100);
	if (incompat & EXT_INCOMPAT_JOURNAL_DEV)
		return NULL;		/* an external journal, not a filesystem */
	if ((incompat & ~ext2_incompat) == 0 && (ro_compat & ~EXT_RO_COMPAT_EXT2) == 0) {
		if (compat & EXT_COMPAT_JOURNAL)
			return NAMES("ext3", "ext4", "ext2");
		return NAMES("ext2", "ext4", "ext3");
	}
	if ((incompat & ~(ext2_incompat | EXT_INCOMPAT_RECOVER)) == 0 &&
	    (ro_compat & ~EXT_RO_COMPAT_EXT2) == 0 && (compat & EXT_COMPAT_JOURNAL))
		return NAMES("ext3", "ext4");
	return NAMES("ext4");
}

/* minix: the magic sits at 16 (v1, v2) or 24 (v3) in the super block at 1024. */
static const struct names *probe_minix(const struct probe_buf *b)
{
	uint32_t magic = le16_at(b, 1024 + 16);

	if (magic == 0x137F || magic == 0x138F || magic == 0x2468 || magic == 0x2478) {
		/* s_ninodes, s_imap_blocks, s_zmap_blocks must be non-zero. */
		if (le16_at(b, 1024) && le16_at(b, 1024 + 4) && le16_at(b, 1024 + 6))
			return NAMES("minix");
		return NULL;
	}
	if (le16_at(b, 1024 + 24) == 0x4D5A && le32_at(b, 1024) &&
	    is_pow2_between(le16_at(b, 1024 + 28), 512, 65536))
		return NAMES("minix");
	return NULL;
}

static const struct names *probe_strings(const struct probe_buf *b)
{
	static const struct {
		size_t off;
		const char *sig;
		struct names names;
	} sigs[] = {
		{ 3, "EXFAT   ", TNAMES("exfat") },
		{ 3, "NTFS    ", TNAMES("ntfs3") },
		{ 0, "hsqs", TNAMES("squashfs") },
		{ 0, "-rom1fs-", TNAMES("romfs") },
		{ 0, "XFSB", TNAMES("xfs") },
		{ 32768, "JFS1", TNAMES("jfs") },
		{ 65536 + 64, "_BHRfS_M", TNAMES("btrfs") },
		{ 65536 + 52, "ReIsErFs", TNAMES("reiserfs") },
		{ 65536 + 52, "ReIsEr2Fs", TNAMES("reiserfs") },
		{ 65536 + 52, "ReIsEr3Fs", TNAMES("reiserfs") },
	};
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (bytes_at(b, sigs[i].off, sigs[i].sig))
			return &sigs[i].names;
	return NULL;
}

static const struct names *probe_magic32(const struct probe_buf *b)
{
	static const struct {
		size_t off;
		uint32_t magic;
		int big_endian;
		struct names names;
	} sigs[] = {
		{ 0, 0x28CD3D45, 0, TNAMES("cramfs") },
		{ 512, 0x28CD3D45, 0, TNAMES("cramfs") },
		{ 0, 0x1BADFACE, 0, TNAMES("bfs") },
		{ 1024, 0xE0F5E1E2, 0, TNAMES("erofs") },
		{ 1024, 0xF2F52010, 0, TNAMES("f2fs") },
		{ 1024, 0xA501FCF5, 0, TNAMES("freevxfs") },
		{ 8192, 0xA501FCF5, 1, TNAMES("freevxfs") },
		{ 0x2000, 0x68191122, 0, TNAMES("qnx6") },
		{ 0, 0x68191122, 0, TNAMES("qnx6") },
		{ 8192, 0xF995E849, 0, TNAMES("hpfs") },
		{ 512 + 32, 0x42465331, 0, TNAMES("befs") },
		{ 512 + 32, 0x42465331, 1, TNAMES("befs") },
		{ 272, 0xC2993D87, 1, TNAMES("omfs") },
		{ 512 + 28, 0x072959, 1, TNAMES("efs") },
		{ 512 + 28, 0x07295A, 1, TNAMES("efs") },
	};
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		uint32_t v = sigs[i].big_endian ? be32_at(b, sigs[i].off) :
						  le32_at(b, sigs[i].off);

		if (have_bytes(b, sigs[i].off, 4) && v == sigs[i].magic)
			return &sigs[i].names;
	}
	/* nilfs2: a 16-bit magic, so also its super block's own size field. */
	if (le16_at(b, 1024 + 6) == 0x3434 && le16_at(b, 1024 + 28) >= 256 &&
	    le16_at(b, 1024 + 28) <= 1024)
		return NAMES("nilfs2");
	return NULL;
}

/* UFS 1 and 2: the magic is at 1372 in a super block at one of four places. */
static const struct names *probe_ufs(const struct probe_buf *b)
{
	static const size_t sb_offs[] = { 0, 8192, 65536, 262144 };
	size_t i;

	for (i = 0; i < sizeof(sb_offs) / sizeof(sb_offs[0]); i++) {
		size_t off = sb_offs[i] + 1372;
		uint32_t le = le32_at(b, off), be = be32_at(b, off);

		if (le == 0x00011954 || be == 0x00011954 || le == 0x19540119 || be == 0x19540119)
			return NAMES("ufs");
	}
	return NULL;
}

/* HFS and HFS+ put a two-letter signature at 1024; HFS+ may be wrapped in HFS. */
static const struct names *probe_hfs(const struct probe_buf *b)
{
	if (bytes_at(b, 1024, "H+") || bytes_at(b, 1024, "HX"))
		return NAMES("hfsplus");
	if (bytes_at(b, 1024, "BD")) {
		if (bytes_at(b, 1024 + 0x7C, "H+"))
			return NAMES("hfsplus", "hfs");
		return NAMES("hfs");
	}
	return NULL;
}

/* ISO 9660 and UDF: volume descriptors from 32 KiB on, 2 KiB apart. */
static const struct names *probe_cd(const struct probe_buf *b)
{
	size_t off;
	int iso = 0, udf = 0;

	for (off = 32768; have_bytes(b, off, 6) && off < 32768 + 2048 * 16; off += 2048) {
		if (bytes_at(b, off + 1, "CD001"))
			iso = 1;
		if (bytes_at(b, off + 1, "NSR02") || bytes_at(b, off + 1, "NSR03"))
			udf = 1;
	}
	if (udf)
		return iso ? NAMES("udf", "iso9660") : NAMES("udf");
	return iso ? NAMES("iso9660") : NULL;
}

/* AFFS: "DOS" and a flavour byte 0..7 at the start of the boot block. */
static const struct names *probe_affs(const struct probe_buf *b)
{
	if (bytes_at(b, 0, "DOS") && have_bytes(b, 3, 1) && b->p[3] <= 7)
		return NAMES("affs");
	return NULL;
}

/*
 * FAT has no magic: a boot sector whose BIOS parameter block is sane.  Last
 * in the table, since other boot sectors end in 0x55AA too.
 */
static const struct names *probe_fat(const struct probe_buf *b)
{
	uint32_t bps = le16_at(b, 11), fats, media;

	if (!have_bytes(b, 0, 512))
		return NULL;
	if (b->p[0] != 0xEB && b->p[0] != 0xE9)
		return NULL;
	if (!is_pow2_between(bps, 512, 4096) || !is_pow2_between(b->p[13], 1, 128))
		return NULL;
	fats = b->p[16];
	media = b->p[21];
	if (!le16_at(b, 14) || fats < 1 || fats > 4 || (media != 0xF0 && media < 0xF8))
		return NULL;
	if (bytes_at(b, 54, "FAT") || bytes_at(b, 82, "FAT32") || le16_at(b, 510) == 0xAA55)
		return NAMES("vfat", "msdos");
	return NULL;
}

static const probe_fn probes[] = {
	probe_ext, probe_minix, probe_strings, probe_magic32, probe_ufs, probe_hfs,
	probe_cd, probe_affs, probe_fat,
};

int kfs_probe_buf(const unsigned char *buf, size_t len, const char **types, int max)
{
	struct probe_buf b = { .p = buf, .len = len };
	size_t i;

	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		const struct names *names = probes[i](&b);
		int n = 0;

		if (!names)
			continue;
		while (names->n[n] && n < max) {
			types[n] = names->n[n];
			n++;
		}
		return n;
	}
	return 0;
}

int kfs_probe_fd(int fd, long long offset, const char **types, int max)
{
	unsigned char *buf = malloc(KFS_PROBE_BYTES);
	size_t got = 0;
	int n;

	if (!buf)
		return -ENOMEM;
	while (got < KFS_PROBE_BYTES) {
		ssize_t r = pread(fd, buf + got, KFS_PROBE_BYTES - got, offset + (off_t)got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			n = -errno;
			free(buf);
			return n;
		}
		if (r == 0)
			break;
		got += r;
	}
	n = kfs_probe_buf(buf, got, types, max);
	free(buf);
	return n;
}

const char *kfs_probe_pick(int fd, long long offset, int (*have)(const char *name))
{
	const char *types[KFS_PROBE_MAX];
	int i, n = kfs_probe_fd(fd, offset, types, KFS_PROBE_MAX);

	if (n < 0) {
		errno = -n;
		return NULL;
	}
	for (i = 0; i < n; i++)
		if (have(types[i]))
			return types[i];
	errno = 0;
	return NULL;
}
