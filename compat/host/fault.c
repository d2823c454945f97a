/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fault injection: a host-operations table that forwards to the real one and
 * injects what kfs_fault.h describes.  Everything here is test machinery, so
 * it favours being obviously right over being fast: one mutex guards the
 * rules, the descriptor table and the power-loss log.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kfs_fault.h"
#include "kfs_host.h"

#define SECTOR 512ULL

struct rule_slot {
	struct kfs_fault_rule r;
	int active;
	kfs_u64 matched;	/* operations the rule matched */
	kfs_u64 fired;		/* of which it injected into */
	kfs_u64 written;	/* ENOSPC: bytes let through so far */
};

/* What one operation gets. */
enum verdict_action { V_PASS, V_FAIL, V_TRUNC, V_CUT };

struct verdict {
	enum verdict_action action;
	int err;		/* V_FAIL: the error; V_TRUNC: error after the prefix, or 0 */
	kfs_u64 keep;		/* V_TRUNC: bytes that go through; V_CUT: writes kept */
	kfs_s64 tear;		/* V_CUT: bytes kept of the next write */
	long nth;		/* V_CUT: which fsync it is */
};

enum op_kind { OP_READ, OP_WRITE, OP_FSYNC };

/* A descriptor seen through the wrapper. */
struct fd_info {
	int known;
	int dead;		/* open at a power cut: everything fails */
	char *path;		/* when opened through the wrapper */
};

/* One write not yet covered by a successful fsync (power-loss undo log). */
struct undo {
	dev_t dev;
	ino_t ino;
	int is_reg;
	int fd;
	char *path;
	kfs_s64 off;
	kfs_u64 len;
	kfs_u64 old_valid;	/* bytes of old contents that existed */
	kfs_s64 old_size;	/* file size before the write (regular files) */
	unsigned long seq;
	void *old;
};

static pthread_mutex_t fault_lock = PTHREAD_MUTEX_INITIALIZER;
/* Serialises "read the old contents, then write" while recording. */
static pthread_mutex_t record_lock = PTHREAD_MUTEX_INITIALIZER;

static const struct kfs_host_ops *next_ops = &kfs_host_default_ops;

static struct rule_slot *rules;
static int nr_rules;
static int nomem_rules;		/* active nomem rules: the allocator's fast path */

static struct fd_info *fds;
static int nr_fds;

static int recording;
static int image_opened;	/* a file was opened through the wrapper */
static int power_is_cut;
static long fsync_count;
static struct undo *undo_log;
static long nr_undo, undo_cap;
static unsigned long write_seq;

/* ------------------------------------------------------------------ rules */

static int kind_default_err(int kind)
{
	switch (kind) {
	case KFS_FAULT_WRITE_ENOSPC:
		return ENOSPC;
	case KFS_FAULT_NOMEM:
		return ENOMEM;
	default:
		return EIO;
	}
}

static int rule_valid(const struct kfs_fault_rule *r)
{
	if (r->kind < KFS_FAULT_READ_EIO || r->kind > KFS_FAULT_POWER_CUT)
		return 0;
	if (r->fd < KFS_FAULT_ANY_FD || r->error < 0 || r->tid < 0)
		return 0;
	if (r->len && r->start + r->len < r->start)
		return 0;
	return 1;
}

int kfs_fault_add(const struct kfs_fault_rule *rule)
{
	struct rule_slot *n;
	int id;

	if (!rule_valid(rule))
		return -EINVAL;
	pthread_mutex_lock(&fault_lock);
	n = realloc(rules, (nr_rules + 1) * sizeof(*rules));
	if (!n) {
		pthread_mutex_unlock(&fault_lock);
		return -ENOMEM;
	}
	rules = n;
	id = nr_rules++;
	memset(&rules[id], 0, sizeof(rules[id]));
	rules[id].r = *rule;
	rules[id].active = 1;
	if (rule->kind == KFS_FAULT_NOMEM)
		__atomic_add_fetch(&nomem_rules, 1, __ATOMIC_RELEASE);
	/* What a cut may undo is what was written from now on. */
	if (rule->kind == KFS_FAULT_POWER_CUT)
		recording = 1;
	pthread_mutex_unlock(&fault_lock);
	return id;
}

static void remove_locked(int id)
{
	if (id < 0 || id >= nr_rules || !rules[id].active)
		return;
	rules[id].active = 0;
	if (rules[id].r.kind == KFS_FAULT_NOMEM)
		__atomic_sub_fetch(&nomem_rules, 1, __ATOMIC_RELEASE);
}

void kfs_fault_remove(int id)
{
	pthread_mutex_lock(&fault_lock);
	remove_locked(id);
	pthread_mutex_unlock(&fault_lock);
}

void kfs_fault_clear(void)
{
	pthread_mutex_lock(&fault_lock);
	for (int i = 0; i < nr_rules; i++)
		remove_locked(i);
	free(rules);
	rules = NULL;
	nr_rules = 0;
	pthread_mutex_unlock(&fault_lock);
}

long kfs_fault_hits(int id)
{
	long hits = -ENOENT;

	pthread_mutex_lock(&fault_lock);
	if (id >= 0 && id < nr_rules)
		hits = rules[id].fired;
	pthread_mutex_unlock(&fault_lock);
	return hits;
}

static int kind_applies(int kind, enum op_kind op)
{
	switch (kind) {
	case KFS_FAULT_READ_EIO:
		return op == OP_READ;
	case KFS_FAULT_WRITE_EIO:
	case KFS_FAULT_WRITE_ENOSPC:
	case KFS_FAULT_SHORT_WRITE:
	case KFS_FAULT_TORN_WRITE:
		return op == OP_WRITE;
	case KFS_FAULT_FSYNC_EIO:
	case KFS_FAULT_POWER_CUT:
		return op == OP_FSYNC;
	default:
		return 0;
	}
}

/* The prefix of a write [off, off+len) that a short or torn write keeps. */
static kfs_u64 default_keep(const struct kfs_fault_rule *r, kfs_s64 off, kfs_u64 len)
{
	if (r->len && (kfs_u64)off < r->start)
		return r->start - off;
	return (len / 2) & ~(SECTOR - 1);
}

/* Counts the match against skip/times; non-zero when the rule fires. */
static int rule_fires(struct rule_slot *s)
{
	s->matched++;
	if (s->matched <= s->r.skip)
		return 0;
	if (s->r.times && s->fired >= s->r.times)
		return 0;
	s->fired++;
	return 1;
}

/*
 * Decides what happens to one operation.  Called with fault_lock held.
 * off/len describe the I/O (ignored for fsync).
 */
static void judge(int fd, enum op_kind op, kfs_s64 off, kfs_u64 len, struct verdict *v)
{
	v->action = V_PASS;
	v->err = 0;
	v->keep = len;
	if (op == OP_FSYNC)
		fsync_count++;

	for (int i = 0; i < nr_rules; i++) {
		struct rule_slot *s = &rules[i];
		const struct kfs_fault_rule *r = &s->r;
		int err = r->error ? r->error : kind_default_err(r->kind);
		kfs_u64 keep;

		if (!s->active || !kind_applies(r->kind, op))
			continue;
		if (r->fd != KFS_FAULT_ANY_FD && r->fd != fd)
			continue;
		if (op != OP_FSYNC && r->len &&
		    !((kfs_u64)off < r->start + r->len && r->start < (kfs_u64)off + len))
			continue;

		switch (r->kind) {
		case KFS_FAULT_WRITE_ENOSPC:
			/* A budget, not a count: skip/times do not apply. */
			if (s->written >= r->arg) {
				s->fired++;
				v->action = V_FAIL;
				v->err = err;
				return;
			}
			if (s->written + len > r->arg) {
				keep = (r->arg - s->written) & ~(SECTOR - 1);
				s->fired++;
				if (!keep) {
					s->written = r->arg;
					v->action = V_FAIL;
					v->err = err;
					return;
				}
				s->written += keep;
				v->action = V_TRUNC;
				v->keep = keep;
				return;
			}
			s->written += len;
			continue;
		case KFS_FAULT_SHORT_WRITE:
			keep = r->arg ? r->arg : default_keep(r, off, len);
			keep &= ~(SECTOR - 1);
			if (!keep || keep >= len)
				continue;	/* sectors are atomic */
			if (!rule_fires(s))
				continue;
			v->action = V_TRUNC;
			v->keep = keep;
			return;
		case KFS_FAULT_TORN_WRITE:
			keep = r->arg ? r->arg : default_keep(r, off, len);
			keep &= ~(SECTOR - 1);
			if (keep > len)
				keep = len;
			if (!rule_fires(s))
				continue;
			v->action = keep ? V_TRUNC : V_FAIL;
			v->keep = keep;
			v->err = err;
			return;
		case KFS_FAULT_POWER_CUT:
			if (!rule_fires(s))
				continue;
			v->action = V_CUT;
			v->err = EIO;
			v->keep = r->arg;
			v->tear = r->tear;
			v->nth = fsync_count;
			return;
		default:
			if (!rule_fires(s))
				continue;
			v->action = V_FAIL;
			v->err = err;
			return;
		}
	}
}

int kfs_fault_alloc_should_fail(void)
{
	int fail = 0, tid;

	if (!__atomic_load_n(&nomem_rules, __ATOMIC_ACQUIRE))
		return 0;
	tid = gettid();
	pthread_mutex_lock(&fault_lock);
	for (int i = 0; i < nr_rules && !fail; i++)
		if (rules[i].active && rules[i].r.kind == KFS_FAULT_NOMEM &&
		    (!rules[i].r.tid || rules[i].r.tid == tid) &&
		    (!rules[i].r.after_open || image_opened))
			fail = rule_fires(&rules[i]);
	pthread_mutex_unlock(&fault_lock);
	return fail;
}

/* ------------------------------------------------------------ descriptors */

static struct fd_info *fd_get(int fd)
{
	if (fd < 0)
		return NULL;
	if (fd >= nr_fds) {
		int n = fd + 64;
		struct fd_info *t = realloc(fds, n * sizeof(*fds));

		if (!t)
			return NULL;
		memset(t + nr_fds, 0, (n - nr_fds) * sizeof(*fds));
		fds = t;
		nr_fds = n;
	}
	fds[fd].known = 1;
	return &fds[fd];
}

/* Called with fault_lock held. */
static int fd_dead(int fd)
{
	struct fd_info *f = fd_get(fd);

	return f && f->dead;
}

static int fd_is_dead(int fd)
{
	int dead;

	pthread_mutex_lock(&fault_lock);
	dead = fd_dead(fd);
	pthread_mutex_unlock(&fault_lock);
	return dead;
}

/* ----------------------------------------------------------- power loss */

static void undo_free(struct undo *u)
{
	free(u->old);
	free(u->path);
}

/*
 * Saves the contents [off, off+len) of fd is about to overwrite.  Called with
 * record_lock held (not fault_lock: it does I/O).  The buffer is page aligned
 * and the range is the write's own, so an O_DIRECT descriptor accepts it.
 */
static int undo_record(int fd, kfs_s64 off, kfs_u64 len)
{
	struct stat sb;
	struct undo u = { 0 };
	kfs_ssize_t r;

	if (fstat(fd, &sb) < 0)
		return -errno;
	u.dev = sb.st_dev;
	u.ino = sb.st_ino;
	u.is_reg = S_ISREG(sb.st_mode);
	u.old_size = sb.st_size;
	u.fd = fd;
	u.off = off;
	u.len = len;
	if (posix_memalign(&u.old, 4096, len ? len : 1))
		return -ENOMEM;
	r = len ? next_ops->pread(fd, u.old, len, off) : 0;
	if (r < 0) {
		free(u.old);
		return r;
	}
	u.old_valid = r;

	pthread_mutex_lock(&fault_lock);
	if (fd >= 0 && fd < nr_fds && fds[fd].path)
		u.path = strdup(fds[fd].path);
	if (nr_undo == undo_cap) {
		long cap = undo_cap ? undo_cap * 2 : 64;
		struct undo *t = realloc(undo_log, cap * sizeof(*t));

		if (!t) {
			pthread_mutex_unlock(&fault_lock);
			undo_free(&u);
			return -ENOMEM;
		}
		undo_log = t;
		undo_cap = cap;
	}
	u.seq = ++write_seq;
	undo_log[nr_undo++] = u;
	pthread_mutex_unlock(&fault_lock);
	return 0;
}

static unsigned long current_seq(void)
{
	unsigned long s;

	pthread_mutex_lock(&fault_lock);
	s = write_seq;
	pthread_mutex_unlock(&fault_lock);
	return s;
}

/* A successful fsync of fd covers every write of its file issued before seq. */
static void undo_commit(int fd, unsigned long seq)
{
	struct stat sb;
	long j = 0;

	if (fstat(fd, &sb) < 0)
		return;
	pthread_mutex_lock(&fault_lock);
	for (long i = 0; i < nr_undo; i++) {
		struct undo *u = &undo_log[i];

		if (u->seq <= seq && u->dev == sb.st_dev && u->ino == sb.st_ino)
			undo_free(u);
		else
			undo_log[j++] = *u;
	}
	nr_undo = j;
	pthread_mutex_unlock(&fault_lock);
}

void kfs_fault_powerloss_record(int on)
{
	pthread_mutex_lock(&fault_lock);
	recording = on;
	if (!on) {
		for (long i = 0; i < nr_undo; i++)
			undo_free(&undo_log[i]);
		nr_undo = 0;
	}
	pthread_mutex_unlock(&fault_lock);
}

long kfs_fault_unsynced_writes(void)
{
	long n;

	pthread_mutex_lock(&fault_lock);
	n = nr_undo;
	pthread_mutex_unlock(&fault_lock);
	return n;
}

static int is_recording(void)
{
	int on;

	pthread_mutex_lock(&fault_lock);
	on = recording;
	pthread_mutex_unlock(&fault_lock);
	return on;
}

/* Puts back the old contents of u from byte `from` of the write on. */
static int undo_apply(struct undo *u, kfs_u64 from)
{
	int fd = -1, own = 0, ret = 0;

	if (u->path) {
		fd = open(u->path, O_RDWR | O_CLOEXEC);
		own = fd >= 0;
	}
	if (fd < 0)
		fd = u->fd;

	if (from < u->old_valid) {
		const char *p = (const char *)u->old + from;
		kfs_u64 left = u->old_valid - from;
		kfs_s64 pos = u->off + from;

		while (left) {
			ssize_t w = pwrite(fd, p, left, pos);

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				ret = w < 0 ? -errno : -EIO;
				break;
			}
			p += w;
			pos += w;
			left -= w;
		}
	}
	/* A write that grew the file: shrink it back to what survives. */
	if (!ret && u->is_reg) {
		kfs_s64 keep_end = from ? u->off + (kfs_s64)from : 0;
		kfs_s64 size = u->old_size > keep_end ? u->old_size : keep_end;
		struct stat sb;

		if (fstat(fd, &sb) == 0 && sb.st_size > size && ftruncate(fd, size) < 0)
			ret = -errno;
	}
	if (!ret && fsync(fd) < 0)
		ret = -errno;
	if (own)
		close(fd);
	return ret;
}

int kfs_fault_power_cut(long keep, long tear)
{
	int ret = 0;

	pthread_mutex_lock(&record_lock);
	pthread_mutex_lock(&fault_lock);
	if (keep < 0)
		keep = 0;
	/* Newest first, so each restore sees the state its write found. */
	for (long i = nr_undo - 1; i >= keep; i--) {
		struct undo *u = &undo_log[i];
		kfs_u64 from = 0;
		int r;

		if (i == keep && tear >= 0) {
			from = (kfs_u64)tear & ~(SECTOR - 1);
			if (from > u->len)
				from = u->len;
		}
		r = undo_apply(u, from);
		if (r && !ret)
			ret = r;
	}
	for (long i = 0; i < nr_undo; i++)
		undo_free(&undo_log[i]);
	nr_undo = 0;
	for (int fd = 0; fd < nr_fds; fd++)
		if (fds[fd].known)
			fds[fd].dead = 1;
	power_is_cut = 1;
	pthread_mutex_unlock(&fault_lock);
	pthread_mutex_unlock(&record_lock);
	return ret;
}

void kfs_fault_power_restore(void)
{
	pthread_mutex_lock(&fault_lock);
	for (int fd = 0; fd < nr_fds; fd++)
		fds[fd].dead = 0;
	power_is_cut = 0;
	pthread_mutex_unlock(&fault_lock);
}

int kfs_fault_power_is_cut(void)
{
	int cut;

	pthread_mutex_lock(&fault_lock);
	cut = power_is_cut;
	pthread_mutex_unlock(&fault_lock);
	return cut;
}

long kfs_fault_fsync_count(void)
{
	long n;

	pthread_mutex_lock(&fault_lock);
	n = fsync_count;
	pthread_mutex_unlock(&fault_lock);
	return n;
}

/*
 * A powercut rule fired on a flush: the flush does not happen, the power
 * fails instead.  Said on stderr (the daemon's log), as a harness reading
 * the log needs to know where it happened.
 */
static void powercut_now(const struct verdict *v)
{
	long unsynced = kfs_fault_unsynced_writes();
	int r = kfs_fault_power_cut((long)v->keep, v->tear);

	fprintf(stderr, "kfs: fault injection: power cut at fsync %ld: %ld unsynced "
		"writes, %llu kept, the next torn to %lld bytes%s\n", v->nth, unsynced,
		(unsigned long long)v->keep, (long long)v->tear,
		r ? "; rolling back the image FAILED" : "");
}

/* ----------------------------------------------------- the wrapped table */

static int fault_open(const char *path, int flags)
{
	int fd = next_ops->open(path, flags);
	struct fd_info *f;

	if (fd < 0)
		return fd;
	pthread_mutex_lock(&fault_lock);
	image_opened = 1;
	f = fd_get(fd);
	if (f) {
		free(f->path);
		f->path = strdup(path);
		f->dead = 0;
	}
	pthread_mutex_unlock(&fault_lock);
	return fd;
}

static int fault_close(int fd)
{
	pthread_mutex_lock(&fault_lock);
	if (fd >= 0 && fd < nr_fds) {
		free(fds[fd].path);
		memset(&fds[fd], 0, sizeof(fds[fd]));
	}
	pthread_mutex_unlock(&fault_lock);
	return next_ops->close(fd);
}

static kfs_u64 iov_total(const struct kfs_host_iovec *iov, int cnt)
{
	kfs_u64 t = 0;

	for (int i = 0; i < cnt; i++)
		t += iov[i].len;
	return t;
}

/*
 * Copies the first `keep` bytes' worth of iov into a new array (freed by the
 * caller); *cntp is updated.
 */
static struct kfs_host_iovec *iov_prefix(const struct kfs_host_iovec *iov, int *cntp,
					 kfs_u64 keep)
{
	struct kfs_host_iovec *n = malloc(*cntp * sizeof(*n));
	int i;

	if (!n)
		return NULL;
	for (i = 0; i < *cntp && keep; i++) {
		n[i] = iov[i];
		if (n[i].len > keep)
			n[i].len = keep;
		keep -= n[i].len;
	}
	*cntp = i;
	return n;
}

/* The verdict for a read or write, with the descriptor's power state. */
static void judge_io(int fd, enum op_kind op, kfs_s64 off, kfs_u64 len, struct verdict *v)
{
	pthread_mutex_lock(&fault_lock);
	if (fd_dead(fd)) {
		v->action = V_FAIL;
		v->err = EIO;
		v->keep = 0;
	} else {
		judge(fd, op, off, len, v);
	}
	pthread_mutex_unlock(&fault_lock);
}

static kfs_ssize_t fault_pread(int fd, void *buf, kfs_size_t len, kfs_s64 off)
{
	struct verdict v;

	judge_io(fd, OP_READ, off, len, &v);
	if (v.action == V_FAIL)
		return -v.err;
	return next_ops->pread(fd, buf, len, off);
}

static kfs_ssize_t fault_preadv(int fd, const struct kfs_host_iovec *iov, int cnt, kfs_s64 off)
{
	struct verdict v;

	judge_io(fd, OP_READ, off, iov_total(iov, cnt), &v);
	if (v.action == V_FAIL)
		return -v.err;
	return next_ops->preadv(fd, iov, cnt, off);
}

/* Both write entry points: buf for pwrite, iov/cnt for pwritev. */
static kfs_ssize_t do_write(int fd, const void *buf, const struct kfs_host_iovec *iov,
			    int cnt, kfs_u64 len, kfs_s64 off)
{
	struct kfs_host_iovec *piov = NULL;
	struct verdict v;
	kfs_u64 n;
	kfs_ssize_t r;
	int rec;

	judge_io(fd, OP_WRITE, off, len, &v);
	if (v.action == V_FAIL)
		return -v.err;
	n = v.action == V_TRUNC ? v.keep : len;
	if (iov && n < len) {
		piov = iov_prefix(iov, &cnt, n);
		if (!piov)
			return -ENOMEM;
		iov = piov;
	}

	rec = is_recording();
	if (rec) {
		pthread_mutex_lock(&record_lock);
		/* The power may have failed while this write waited for the lock. */
		r = fd_is_dead(fd) ? -EIO : undo_record(fd, off, n);
		if (r < 0) {
			pthread_mutex_unlock(&record_lock);
			free(piov);
			return r;
		}
	}
	r = iov ? next_ops->pwritev(fd, iov, cnt, off) : next_ops->pwrite(fd, buf, n, off);
	if (rec)
		pthread_mutex_unlock(&record_lock);
	free(piov);
	if (r >= 0 && v.action == V_TRUNC && v.err)
		return -v.err;		/* torn: a prefix landed, the device failed */
	return r;
}

static kfs_ssize_t fault_pwrite(int fd, const void *buf, kfs_size_t len, kfs_s64 off)
{
	return do_write(fd, buf, NULL, 0, len, off);
}

static kfs_ssize_t fault_pwritev(int fd, const struct kfs_host_iovec *iov, int cnt,
				 kfs_s64 off)
{
	return do_write(fd, NULL, iov, cnt, iov_total(iov, cnt), off);
}

static int fault_fsync(int fd, int datasync)
{
	struct verdict v;
	unsigned long seq;
	int r;

	judge_io(fd, OP_FSYNC, 0, 0, &v);
	if (v.action == V_CUT)
		powercut_now(&v);
	if (v.action == V_FAIL || v.action == V_CUT)
		return -v.err;
	seq = current_seq();
	r = next_ops->fsync(fd, datasync);
	if (r == 0)
		undo_commit(fd, seq);
	return r;
}

static int fault_fstat(int fd, struct kfs_host_stat *st)
{
	return next_ops->fstat(fd, st);
}

static int fault_fallocate(int fd, int mode, kfs_s64 off, kfs_s64 len)
{
	int dead, r;

	pthread_mutex_lock(&fault_lock);
	dead = fd_dead(fd);
	pthread_mutex_unlock(&fault_lock);
	if (dead)
		return -EIO;
	if (!is_recording() || len <= 0)
		return next_ops->fallocate(fd, mode, off, len);
	pthread_mutex_lock(&record_lock);
	r = undo_record(fd, off, len);
	if (r == 0)
		r = next_ops->fallocate(fd, mode, off, len);
	pthread_mutex_unlock(&record_lock);
	return r;
}

static int fault_lock_fd(int fd, int exclusive)
{
	return next_ops->lock(fd, exclusive);
}

static int fault_lock_holder(int fd, struct kfs_host_lock_holder *h)
{
	return next_ops->lock_holder ? next_ops->lock_holder(fd, h) : -ENOSYS;
}

/*
 * aio: every iocb goes to the real table as a shadow copy owned by a record,
 * whose data field points back at the record.  An injected error replaces
 * the completion's result; an injected write failure is submitted as a read
 * of the same range into a scratch buffer (same alignment, so O_DIRECT takes
 * it, and nothing reaches the image), a short or torn write as a write of
 * its prefix.  Records live in a small hash set so that completions of iocbs
 * submitted before the wrapper was installed pass through untouched.
 */
struct aio_rec {
	struct kfs_host_iocb shadow;	/* what the real table sees */
	struct kfs_host_iocb *orig;
	struct aio_rec *hnext;
	int override;
	kfs_s64 res;			/* the result to report when override */
	struct kfs_host_iovec one;	/* scratch read, or nothing */
	struct kfs_host_iovec *piov;	/* prefix of a cut write */
	void *scratch;
	unsigned long fsync_seq;	/* fdsync: writes it covers */
};

#define REC_BUCKETS 256
static struct aio_rec *rec_hash[REC_BUCKETS];

static unsigned int rec_bucket(const void *p)
{
	unsigned long x = (unsigned long)p;

	return (x >> 4 ^ x >> 12) % REC_BUCKETS;
}

static void rec_insert(struct aio_rec *r)
{
	unsigned int b = rec_bucket(r);

	pthread_mutex_lock(&fault_lock);
	r->hnext = rec_hash[b];
	rec_hash[b] = r;
	pthread_mutex_unlock(&fault_lock);
}

/* Removes and returns the record at p if p is one of ours. */
static struct aio_rec *rec_take(void *p)
{
	struct aio_rec **pp, *r = NULL;

	pthread_mutex_lock(&fault_lock);
	for (pp = &rec_hash[rec_bucket(p)]; *pp; pp = &(*pp)->hnext) {
		if (*pp == p) {
			r = *pp;
			*pp = r->hnext;
			break;
		}
	}
	pthread_mutex_unlock(&fault_lock);
	return r;
}

static void rec_free(struct aio_rec *r)
{
	free(r->piov);
	free(r->scratch);
	free(r);
}

/* Turns r->shadow (a write) into a harmless read of the same range. */
static int rec_make_scratch_read(struct aio_rec *r, kfs_u64 len)
{
	if (posix_memalign(&r->scratch, 4096, len ? len : 1))
		return -ENOMEM;
	r->one.base = r->scratch;
	r->one.len = len;
	r->shadow.op = KFS_AIO_READ;
	r->shadow.iov = &r->one;
	r->shadow.iovcnt = 1;
	return 0;
}

static struct aio_rec *rec_prepare(struct kfs_host_iocb *k)
{
	struct aio_rec *r = calloc(1, sizeof(*r));
	kfs_u64 len;
	struct verdict v;

	if (!r)
		return NULL;
	r->orig = k;
	r->shadow = *k;
	r->shadow.data = r;

	if (k->op == KFS_AIO_FDSYNC) {
		judge_io(k->fd, OP_FSYNC, 0, 0, &v);
		if (v.action == V_CUT)
			powercut_now(&v);
		if (v.action == V_FAIL || v.action == V_CUT) {
			r->override = 1;
			r->res = -v.err;
		}
		r->fsync_seq = current_seq();
		return r;
	}

	len = iov_total(k->iov, k->iovcnt);
	judge_io(k->fd, k->op == KFS_AIO_READ ? OP_READ : OP_WRITE, k->offset, len, &v);
	if (k->op == KFS_AIO_READ) {
		if (v.action == V_FAIL) {
			r->override = 1;
			r->res = -v.err;
		}
		return r;
	}

	if (v.action == V_FAIL) {
		r->override = 1;
		r->res = -v.err;
		if (rec_make_scratch_read(r, len) < 0)
			goto fail;
		return r;
	}
	if (v.action == V_TRUNC) {
		int cnt = k->iovcnt;

		r->piov = iov_prefix(k->iov, &cnt, v.keep);
		if (!r->piov)
			goto fail;
		r->shadow.iov = r->piov;
		r->shadow.iovcnt = cnt;
		if (v.err) {
			r->override = 1;
			r->res = -v.err;
		}
	}
	if (is_recording()) {
		pthread_mutex_lock(&record_lock);
		if (fd_is_dead(k->fd)) {
			/* The power failed since judge_io: nothing reaches the image. */
			pthread_mutex_unlock(&record_lock);
			free(r->piov);
			r->piov = NULL;
			r->shadow = *k;
			r->shadow.data = r;
			r->override = 1;
			r->res = -EIO;
			if (rec_make_scratch_read(r, len) < 0)
				goto fail;
			return r;
		}
		if (undo_record(k->fd, k->offset, v.action == V_TRUNC ? v.keep : len) < 0) {
			pthread_mutex_unlock(&record_lock);
			goto fail;
		}
		pthread_mutex_unlock(&record_lock);
	}
	return r;
fail:
	rec_free(r);
	return NULL;
}

static int fault_aio_setup(unsigned int nr_events, void **ctx)
{
	return next_ops->aio_setup(nr_events, ctx);
}

static int fault_aio_destroy(void *ctx)
{
	return next_ops->aio_destroy(ctx);
}

static int fault_aio_submit(void *ctx, long nr, struct kfs_host_iocb **iocbs)
{
	struct kfs_host_iocb **shadows;
	struct aio_rec **recs;
	long i, prepared;
	int r;

	if (nr <= 0)
		return next_ops->aio_submit(ctx, nr, iocbs);
	shadows = calloc(nr, sizeof(*shadows));
	recs = calloc(nr, sizeof(*recs));
	if (!shadows || !recs) {
		free(shadows);
		free(recs);
		return -EAGAIN;
	}
	for (prepared = 0; prepared < nr; prepared++) {
		recs[prepared] = rec_prepare(iocbs[prepared]);
		if (!recs[prepared])
			break;
		shadows[prepared] = &recs[prepared]->shadow;
		rec_insert(recs[prepared]);
	}
	r = prepared ? next_ops->aio_submit(ctx, prepared, shadows) : -EAGAIN;
	/* Records of iocbs the host did not take are dropped again. */
	for (i = r > 0 ? r : 0; i < prepared; i++)
		rec_free(rec_take(recs[i]));
	free(shadows);
	free(recs);
	return r;
}

static int fault_aio_getevents(void *ctx, long min_nr, long nr,
			       struct kfs_host_ioevent *events, kfs_s64 timeout_ns)
{
	int n = next_ops->aio_getevents(ctx, min_nr, nr, events, timeout_ns);

	for (int i = 0; i < n; i++) {
		struct aio_rec *r = rec_take(events[i].data);

		if (!r)
			continue;
		events[i].data = r->orig->data;
		if (r->override)
			events[i].res = r->res;
		else if (r->orig->op == KFS_AIO_FDSYNC && events[i].res == 0)
			undo_commit(r->orig->fd, r->fsync_seq);
		rec_free(r);
	}
	return n;
}

static void fault_clock_gettime(int clock, kfs_s64 *sec, long *nsec)
{
	next_ops->clock_gettime(clock, sec, nsec);
}

static int fault_getrandom(void *buf, kfs_size_t len)
{
	return next_ops->getrandom(buf, len);
}

static void fault_console_write(const char *msg, kfs_size_t len)
{
	next_ops->console_write(msg, len);
}

const struct kfs_host_ops kfs_fault_ops = {
	.open = fault_open,
	.close = fault_close,
	.pread = fault_pread,
	.pwrite = fault_pwrite,
	.preadv = fault_preadv,
	.pwritev = fault_pwritev,
	.fsync = fault_fsync,
	.fstat = fault_fstat,
	.fallocate = fault_fallocate,
	.lock = fault_lock_fd,
	.lock_holder = fault_lock_holder,
	.aio_setup = fault_aio_setup,
	.aio_destroy = fault_aio_destroy,
	.aio_submit = fault_aio_submit,
	.aio_getevents = fault_aio_getevents,
	.clock_gettime = fault_clock_gettime,
	.getrandom = fault_getrandom,
	.console_write = fault_console_write,
};

void kfs_fault_install(void)
{
	if (kfs_host == &kfs_fault_ops)
		return;
	next_ops = kfs_host;
	kfs_host = (struct kfs_host_ops *)&kfs_fault_ops;
}

void kfs_fault_uninstall(void)
{
	if (kfs_host != &kfs_fault_ops)
		return;
	kfs_host = (struct kfs_host_ops *)next_ops;
	next_ops = &kfs_host_default_ops;
}

/* --------------------------------------------------------- the env parser */

struct parser {
	const char *p;
	char *err;
	kfs_size_t errlen;
};

static int perr(struct parser *ps, const char *what, const char *at)
{
	int n = 0;

	while (at[n] && at[n] != ',' && n < 40)
		n++;
	if (ps->err && ps->errlen)
		snprintf(ps->err, ps->errlen, "%s at \"%.*s\"", what, n, at);
	return -EINVAL;
}

/* A plain unsigned number (decimal, or 0x hex). */
static int parse_num(struct parser *ps, kfs_u64 *out)
{
	const char *s = ps->p;
	char *end;

	if (!isdigit((unsigned char)*s))
		return perr(ps, "expected a number", s);
	errno = 0;
	*out = strtoull(s, &end, 0);
	if (errno)
		return perr(ps, "number out of range", s);
	ps->p = end;
	return 0;
}

/* A number with an optional K/M/G suffix. */
static int parse_size(struct parser *ps, kfs_u64 *out)
{
	const char *s = ps->p;
	int shift = 0;

	if (parse_num(ps, out))
		return -EINVAL;
	switch (*ps->p) {
	case 'k': case 'K': shift = 10; break;
	case 'm': case 'M': shift = 20; break;
	case 'g': case 'G': shift = 30; break;
	}
	if (shift) {
		if (*out > (~0ULL >> shift))
			return perr(ps, "size out of range", s);
		*out <<= shift;
		ps->p++;
	}
	return 0;
}

static int parse_range(struct parser *ps, struct kfs_fault_rule *r)
{
	const char *s = ps->p;
	kfs_u64 a, b = 1;

	if (*ps->p == '*') {
		ps->p++;
		r->start = r->len = 0;
		return 0;
	}
	if (*ps->p == '@') {
		ps->p++;
		if (parse_size(ps, &a))
			return -EINVAL;
		if (*ps->p == '+') {
			ps->p++;
			if (parse_size(ps, &b))
				return -EINVAL;
		}
	} else {
		if (parse_num(ps, &a))
			return -EINVAL;
		if (*ps->p == '+') {
			ps->p++;
			if (parse_num(ps, &b))
				return -EINVAL;
		}
		if (a > ~0ULL / SECTOR || b > ~0ULL / SECTOR)
			return perr(ps, "sector out of range", s);
		a *= SECTOR;
		b *= SECTOR;
	}
	if (!b)
		return perr(ps, "empty range", s);
	if (a + b < a)
		return perr(ps, "range out of bounds", s);
	r->start = a;
	r->len = b;
	return 0;
}

static const struct {
	const char *name;
	int kind;		/* 0: rw-eio, two rules */
	int value;		/* 0 range, 1 size, 2 count */
} rule_names[] = {
	{ "read-eio", KFS_FAULT_READ_EIO, 0 },
	{ "write-eio", KFS_FAULT_WRITE_EIO, 0 },
	{ "rw-eio", 0, 0 },
	{ "write-enospc-after", KFS_FAULT_WRITE_ENOSPC, 1 },
	{ "short-write", KFS_FAULT_SHORT_WRITE, 0 },
	{ "torn-write", KFS_FAULT_TORN_WRITE, 0 },
	{ "fsync-eio", KFS_FAULT_FSYNC_EIO, 2 },
	{ "nomem", KFS_FAULT_NOMEM, 2 },
	{ "powercut", KFS_FAULT_POWER_CUT, 2 },
};

static int parse_modifier(struct parser *ps, struct kfs_fault_rule *r)
{
	const char *s = ps->p;
	kfs_u64 v;

	if (!strncmp(s, "fd=", 3)) {
		ps->p += 3;
		if (parse_num(ps, &v))
			return -EINVAL;
		if (v > 1U << 30)
			return perr(ps, "descriptor out of range", s);
		r->fd = (int)v;
	} else if (!strncmp(s, "skip=", 5)) {
		ps->p += 5;
		if (parse_num(ps, &r->skip))
			return -EINVAL;
	} else if (!strncmp(s, "times=", 6)) {
		ps->p += 6;
		if (parse_num(ps, &r->times))
			return -EINVAL;
	} else if (!strncmp(s, "keep=", 5)) {
		if (r->kind != KFS_FAULT_SHORT_WRITE && r->kind != KFS_FAULT_TORN_WRITE)
			return perr(ps, "keep= applies to short-write and torn-write only", s);
		ps->p += 5;
		if (parse_size(ps, &r->arg))
			return -EINVAL;
		if (!r->arg)
			return perr(ps, "keep= must be positive", s);
	} else if (!strncmp(s, "tid=", 4)) {
		if (r->kind != KFS_FAULT_NOMEM)
			return perr(ps, "tid= applies to nomem only", s);
		ps->p += 4;
		if (parse_num(ps, &v))
			return -EINVAL;
		if (!v || v > 1U << 30)
			return perr(ps, "thread id out of range", s);
		r->tid = (int)v;
	} else if (!strcmp(s, "after=open") || !strncmp(s, "after=open,", 11) ||
		   !strncmp(s, "after=open:", 11)) {
		if (r->kind != KFS_FAULT_NOMEM)
			return perr(ps, "after=open applies to nomem only", s);
		ps->p += 10;
		r->after_open = 1;
	} else if (!strncmp(s, "writes=", 7)) {
		if (r->kind != KFS_FAULT_POWER_CUT)
			return perr(ps, "writes= applies to powercut only", s);
		ps->p += 7;
		if (parse_num(ps, &r->arg))
			return -EINVAL;
	} else if (!strncmp(s, "tear=", 5)) {
		if (r->kind != KFS_FAULT_POWER_CUT)
			return perr(ps, "tear= applies to powercut only", s);
		ps->p += 5;
		if (parse_size(ps, &v))
			return -EINVAL;
		if (v > (1ULL << 40))
			return perr(ps, "tear= out of range", s);
		r->tear = (kfs_s64)v;
	} else {
		return perr(ps, "unknown modifier (fd=, skip=, times=, keep=, tid=, "
			    "after=open, writes=, tear=)", s);
	}
	return 0;
}

int kfs_fault_parse(const char *spec, char *err, kfs_size_t errlen)
{
	struct parser ps = { spec, err, errlen };
	struct kfs_fault_rule parsed[64];
	int n = 0;

	if (err && errlen)
		err[0] = 0;
	if (!spec || !*spec)
		return perr(&ps, "empty fault spec", "");

	while (*ps.p) {
		const char *start = ps.p;
		struct kfs_fault_rule r = { .fd = KFS_FAULT_ANY_FD };
		size_t namelen = strcspn(ps.p, "=,");
		int which = -1;
		kfs_u64 v;

		for (unsigned int i = 0; i < sizeof(rule_names) / sizeof(rule_names[0]); i++)
			if (strlen(rule_names[i].name) == namelen &&
			    !strncmp(rule_names[i].name, ps.p, namelen))
				which = i;
		if (which < 0)
			return perr(&ps, "unknown fault (read-eio, write-eio, rw-eio, "
				    "write-enospc-after, short-write, torn-write, fsync-eio, nomem, "
				    "powercut)",
				    start);
		ps.p += namelen;
		if (*ps.p != '=')
			return perr(&ps, "expected '=' and a value", start);
		ps.p++;
		r.kind = rule_names[which].kind;
		switch (rule_names[which].value) {
		case 0:
			if (parse_range(&ps, &r))
				return -EINVAL;
			break;
		case 1:
			if (parse_size(&ps, &r.arg))
				return -EINVAL;
			break;
		case 2:
			if (parse_num(&ps, &v))
				return -EINVAL;
			if (!v)
				return perr(&ps, "count starts at 1", start);
			r.skip = v - 1;
			r.times = 1;
			break;
		}
		while (*ps.p == ':') {
			ps.p++;
			if (parse_modifier(&ps, &r))
				return -EINVAL;
		}
		if (*ps.p && *ps.p != ',')
			return perr(&ps, "unexpected text", ps.p);
		if (*ps.p == ',') {
			ps.p++;
			if (!*ps.p)
				return perr(&ps, "trailing comma", start);
		}
		if (n + 2 > (int)(sizeof(parsed) / sizeof(parsed[0])))
			return perr(&ps, "too many rules", start);
		if (r.kind) {
			parsed[n++] = r;
		} else {
			r.kind = KFS_FAULT_READ_EIO;
			parsed[n++] = r;
			r.kind = KFS_FAULT_WRITE_EIO;
			parsed[n++] = r;
		}
	}
	for (int i = 0; i < n; i++)
		if (kfs_fault_add(&parsed[i]) < 0)
			return perr(&ps, "cannot add rule", spec);
	return 0;
}

/*
 * KFS_FAULT is read before main() runs, so that "nomem=N" counts from the
 * first allocation and a bad spec stops the program before it touches an
 * image.
 */
__attribute__((constructor)) static void kfs_fault_from_env(void)
{
	const char *spec = getenv("KFS_FAULT");
	char err[160];

	if (!spec || !*spec)
		return;
	if (kfs_fault_parse(spec, err, sizeof(err)) < 0) {
		fprintf(stderr, "kfs: KFS_FAULT: %s; refusing to start\n", err);
		exit(2);
	}
	kfs_fault_install();
	fprintf(stderr, "kfs: fault injection active: KFS_FAULT=%s\n", spec);
}
