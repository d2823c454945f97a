/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * open(2) flags, *at() flags and fcntl commands: the x86-64 Linux ABI
 * values (asm-generic layout), which is what FUSE and the in-process API
 * hand in.
 */
#ifndef _LINUX_FCNTL_H
#define _LINUX_FCNTL_H

#include <linux/types.h>
#include <linux/stat.h>

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DSYNC		00010000
#define FASYNC		00020000
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define __O_SYNC	04000000
#define O_SYNC		(__O_SYNC | O_DSYNC)
#define O_PATH		010000000
#define __O_TMPFILE	020000000
#define O_TMPFILE	(__O_TMPFILE | O_DIRECTORY)
#define O_TMPFILE_MASK	(__O_TMPFILE | O_DIRECTORY | O_CREAT)
#define O_NDELAY	O_NONBLOCK

#define VALID_OPEN_FLAGS						\
	(O_RDONLY | O_WRONLY | O_RDWR | O_CREAT | O_EXCL | O_NOCTTY |	\
	 O_TRUNC | O_APPEND | O_NDELAY | O_NONBLOCK | __O_SYNC |	\
	 O_DSYNC | FASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY |	\
	 O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_PATH | __O_TMPFILE)

/* Every file is a large file on a 64-bit kernel. */
#define force_o_largefile()	true

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_SETOWN	8
#define F_GETOWN	9
#define FD_CLOEXEC	1

#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2

#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EACCESS		0x200
#define AT_REMOVEDIR		0x200
#define AT_SYMLINK_FOLLOW	0x400
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000
#define AT_STATX_SYNC_TYPE	0x6000
#define AT_STATX_SYNC_AS_STAT	0x0000
#define AT_STATX_FORCE_SYNC	0x2000
#define AT_STATX_DONT_SYNC	0x4000
#define AT_RECURSIVE		0x8000

#endif /* _LINUX_FCNTL_H */
