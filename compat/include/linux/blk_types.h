/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The types the block layer shares with its users: struct block_device,
 * struct bio with its operation and flag encoding, and blk_status_t.
 *
 * In kfs a block device is a window of an image file or a host block device
 * (compat/block/bdev.c), and a bio is carried to the host through the
 * host-operations table (compat/block/blk-core.c).  Field names, constant
 * values and semantics are those of Linux 6.1 so that filesystem code which
 * looks inside these structures compiles and behaves unchanged.
 */
#ifndef __LINUX_BLK_TYPES_H
#define __LINUX_BLK_TYPES_H

#include <linux/types.h>
#include <linux/bvec.h>
#include <linux/spinlock_types.h>
#include <linux/mutex.h>

struct bio_set;
struct bio;
struct page;
struct inode;
struct super_block;
struct gendisk;
struct request_queue;

typedef void (bio_end_io_t)(struct bio *);

/* Sectors are always 512 bytes, whatever the device's block size. */
#ifndef SECTOR_SHIFT
#define SECTOR_SHIFT 9
#endif
#ifndef SECTOR_SIZE
#define SECTOR_SIZE (1 << SECTOR_SHIFT)
#endif

#define PAGE_SECTORS_SHIFT	(PAGE_SHIFT - SECTOR_SHIFT)
#define PAGE_SECTORS		(1 << PAGE_SECTORS_SHIFT)
#define SECTOR_MASK		(PAGE_SECTORS - 1)

/*
 * An opened block device.  bd_start_sect/bd_nr_sectors describe the window
 * of the whole disk this device covers (a partition, or the image from a
 * byte offset); bd_inode's mapping is the device's page cache, in which the
 * buffer heads of sb_bread() live.  Allocated together with bd_inode (see
 * I_BDEV()); stays alive as long as it is open.
 */
struct block_device {
	sector_t bd_start_sect;		/* first sector of the window */
	sector_t bd_nr_sectors;		/* its length */
	bool bd_read_only;		/* writes are refused */
	dev_t bd_dev;
	atomic_t bd_openers;		/* blkdev_get_* minus blkdev_put */
	struct inode *bd_inode;		/* the page cache of the device */
	struct super_block *bd_super;	/* set by mount_bdev */
	void *bd_claiming;
	void *bd_holder;		/* the FMODE_EXCL owner */
	int bd_holders;			/* exclusive opens by bd_holder */
	bool bd_write_holder;
	u8 bd_partno;
	spinlock_t bd_size_lock;	/* serialises bd_inode->i_size updates */
	struct gendisk *bd_disk;
	struct request_queue *bd_queue;

	/* freeze_bdev nesting; mount_bdev refuses a frozen device. */
	int bd_fsfreeze_count;
	struct mutex bd_fsfreeze_mutex;
	struct super_block *bd_fsfreeze_sb;
};

#define bdev_whole(_bdev)	((_bdev)->bd_disk->part0)

/*
 * How an I/O ended.  A small integer rather than an errno so that it fits
 * in struct bio; blk_status_to_errno()/errno_to_blk_status() convert.
 */
typedef u8 __bitwise blk_status_t;
typedef u16 blk_short_t;

#define BLK_STS_OK			0
#define BLK_STS_NOTSUPP			((__force blk_status_t)1)
#define BLK_STS_TIMEOUT			((__force blk_status_t)2)
#define BLK_STS_NOSPC			((__force blk_status_t)3)
#define BLK_STS_TRANSPORT		((__force blk_status_t)4)
#define BLK_STS_TARGET			((__force blk_status_t)5)
#define BLK_STS_NEXUS			((__force blk_status_t)6)
#define BLK_STS_MEDIUM			((__force blk_status_t)7)
#define BLK_STS_PROTECTION		((__force blk_status_t)8)
#define BLK_STS_RESOURCE		((__force blk_status_t)9)
#define BLK_STS_IOERR			((__force blk_status_t)10)
#define BLK_STS_DM_REQUEUE		((__force blk_status_t)11)
#define BLK_STS_AGAIN			((__force blk_status_t)12)
#define BLK_STS_DEV_RESOURCE		((__force blk_status_t)13)
#define BLK_STS_ZONE_RESOURCE		((__force blk_status_t)14)
#define BLK_STS_ZONE_OPEN_RESOURCE	((__force blk_status_t)15)
#define BLK_STS_ZONE_ACTIVE_RESOURCE	((__force blk_status_t)16)
#define BLK_STS_OFFLINE			((__force blk_status_t)17)

/*
 * bi_opf: the operation in the low REQ_OP_BITS bits, modifier flags above.
 * Every operation with an odd number writes to the device (op_is_write).
 */
typedef u32 __bitwise blk_opf_t;
typedef unsigned int blk_qc_t;
#define BLK_QC_T_NONE		-1U

#define REQ_OP_BITS	8
#define REQ_OP_MASK	((__force blk_opf_t)((1 << REQ_OP_BITS) - 1))
#define REQ_FLAG_BITS	24

enum req_op {
	REQ_OP_READ		= 0,
	REQ_OP_WRITE		= 1,
	REQ_OP_FLUSH		= 2,	/* flush the volatile write cache */
	REQ_OP_DISCARD		= 3,	/* the contents may be dropped */
	REQ_OP_SECURE_ERASE	= 5,
	REQ_OP_ZONE_APPEND	= 7,
	REQ_OP_WRITE_ZEROES	= 9,	/* the range reads back as zeroes */
	REQ_OP_ZONE_OPEN	= 11,
	REQ_OP_ZONE_CLOSE	= 13,
	REQ_OP_ZONE_FINISH	= 15,
	REQ_OP_ZONE_RESET	= 17,
	REQ_OP_ZONE_RESET_ALL	= 19,
	REQ_OP_DRV_IN		= 34,
	REQ_OP_DRV_OUT		= 35,
	REQ_OP_LAST		= 36,
};

/* Bit numbers of the flags, right above the operation. */
enum req_flag_bits {
	__REQ_FAILFAST_DEV	= REQ_OP_BITS + 0,
	__REQ_FAILFAST_TRANSPORT = REQ_OP_BITS + 1,
	__REQ_FAILFAST_DRIVER	= REQ_OP_BITS + 2,
	__REQ_SYNC		= REQ_OP_BITS + 3,	/* someone waits for it */
	__REQ_META		= REQ_OP_BITS + 4,	/* filesystem metadata */
	__REQ_PRIO		= REQ_OP_BITS + 5,	/* boost priority */
	__REQ_NOMERGE		= REQ_OP_BITS + 6,	/* never merge it */
	__REQ_IDLE		= REQ_OP_BITS + 7,	/* no more I/O soon */
	__REQ_INTEGRITY		= REQ_OP_BITS + 8,
	__REQ_FUA		= REQ_OP_BITS + 9,	/* durable on completion */
	__REQ_PREFLUSH		= REQ_OP_BITS + 10,	/* flush the cache first */
	__REQ_RAHEAD		= REQ_OP_BITS + 11,	/* readahead: may fail */
	__REQ_BACKGROUND	= REQ_OP_BITS + 12,
	__REQ_NOWAIT		= REQ_OP_BITS + 13,	/* do not block submitting */
	__REQ_CGROUP_PUNT	= REQ_OP_BITS + 14,
	__REQ_POLLED		= REQ_OP_BITS + 15,
	__REQ_ALLOC_CACHE	= REQ_OP_BITS + 16,
	__REQ_SWAP		= REQ_OP_BITS + 17,
	__REQ_DRV		= REQ_OP_BITS + 18,
	__REQ_NOUNMAP		= REQ_OP_BITS + 19,	/* write-zeroes: keep blocks */
	__REQ_NR_BITS		= REQ_OP_BITS + 20,
};

#define __REQ_BIT(name)		((__force blk_opf_t)(1ULL << __REQ_##name))
#define REQ_FAILFAST_DEV	__REQ_BIT(FAILFAST_DEV)
#define REQ_FAILFAST_TRANSPORT	__REQ_BIT(FAILFAST_TRANSPORT)
#define REQ_FAILFAST_DRIVER	__REQ_BIT(FAILFAST_DRIVER)
#define REQ_SYNC		__REQ_BIT(SYNC)
#define REQ_META		__REQ_BIT(META)
#define REQ_PRIO		__REQ_BIT(PRIO)
#define REQ_NOMERGE		__REQ_BIT(NOMERGE)
#define REQ_IDLE		__REQ_BIT(IDLE)
#define REQ_INTEGRITY		__REQ_BIT(INTEGRITY)
#define REQ_FUA			__REQ_BIT(FUA)
#define REQ_PREFLUSH		__REQ_BIT(PREFLUSH)
#define REQ_RAHEAD		__REQ_BIT(RAHEAD)
#define REQ_BACKGROUND		__REQ_BIT(BACKGROUND)
#define REQ_NOWAIT		__REQ_BIT(NOWAIT)
#define REQ_CGROUP_PUNT		__REQ_BIT(CGROUP_PUNT)
#define REQ_POLLED		__REQ_BIT(POLLED)
#define REQ_ALLOC_CACHE		__REQ_BIT(ALLOC_CACHE)
#define REQ_SWAP		__REQ_BIT(SWAP)
#define REQ_DRV			__REQ_BIT(DRV)
#define REQ_NOUNMAP		__REQ_BIT(NOUNMAP)

#define REQ_FAILFAST_MASK	(REQ_FAILFAST_DEV | REQ_FAILFAST_TRANSPORT | \
				 REQ_FAILFAST_DRIVER)
/* Requests carrying any of these are never merged with others. */
#define REQ_NOMERGE_FLAGS	(REQ_NOMERGE | REQ_PREFLUSH | REQ_FUA)

/* Bit numbers in bio->bi_flags. */
enum {
	BIO_NO_PAGE_REF		= 0,	/* the bio holds no page references */
	BIO_CLONED		= 1,	/* shares another bio's bvec table */
	BIO_BOUNCED		= 2,
	BIO_QUIET		= 3,	/* do not report errors */
	BIO_CHAIN		= 4,	/* __bi_remaining counts children */
	BIO_REFFED		= 5,	/* __bi_cnt was raised by bio_get() */
	BIO_BPS_THROTTLED	= 6,
	BIO_TRACE_COMPLETION	= 7,
	BIO_CGROUP_ACCT		= 8,
	BIO_QOS_THROTTLED	= 9,
	BIO_QOS_MERGED		= 10,
	BIO_REMAPPED		= 11,
	BIO_ZONE_WRITE_LOCKED	= 12,
	BIO_FLAG_LAST		= 13,
};

/*
 * One block I/O: an operation on a contiguous range of sectors of bi_bdev,
 * with the memory in bi_io_vec[0..bi_vcnt).  bi_iter says what is left to
 * do; bi_end_io runs once, when the whole bio is finished (bio_endio).
 */
struct bio {
	struct bio *bi_next;		/* list link (plugs, bio_list) */
	struct block_device *bi_bdev;
	blk_opf_t bi_opf;		/* REQ_OP_* | REQ_* flags */
	unsigned short bi_flags;	/* BIO_* bits */
	unsigned short bi_ioprio;
	blk_status_t bi_status;
	atomic_t __bi_remaining;	/* bio_chain: children + 1 */

	struct bvec_iter bi_iter;

	blk_qc_t bi_cookie;
	bio_end_io_t *bi_end_io;
	void *bi_private;

	unsigned short bi_vcnt;		/* segments used in bi_io_vec */

	/* Everything from here on survives bio_reset(). */
	unsigned short bi_max_vecs;	/* segments bi_io_vec has room for */
	atomic_t __bi_cnt;		/* references (bio_get/bio_put) */
	struct bio_vec *bi_io_vec;
	struct bio_set *bi_pool;	/* where it was allocated from */

	/* Allocations for few segments carry them here. */
	struct bio_vec bi_inline_vecs[];
};

#define BIO_RESET_BYTES		offsetof(struct bio, bi_max_vecs)
#define BIO_MAX_SECTORS		(UINT_MAX >> SECTOR_SHIFT)

typedef u32 __bitwise blk_mq_req_flags_t;

/* The operation part of a bio's bi_opf. */
#define bio_op(bio)		((enum req_op)((bio)->bi_opf & REQ_OP_MASK))

/* Writes (and everything else that changes the medium) are odd. */
static inline bool op_is_write(blk_opf_t op)
{
	return (op & 1) != 0;
}

/* Needs the volatile cache flushed, before (PREFLUSH) or after (FUA). */
static inline bool op_is_flush(blk_opf_t op)
{
	return (op & (REQ_PREFLUSH | REQ_FUA)) != 0;
}

/* Someone waits for it: every read, and writes marked so. */
static inline bool op_is_sync(blk_opf_t op)
{
	if ((op & REQ_OP_MASK) == REQ_OP_READ)
		return true;
	return (op & (REQ_SYNC | REQ_PREFLUSH | REQ_FUA)) != 0;
}

static inline bool op_is_discard(blk_opf_t op)
{
	return (enum req_op)(op & REQ_OP_MASK) == REQ_OP_DISCARD;
}

#endif /* __LINUX_BLK_TYPES_H */
