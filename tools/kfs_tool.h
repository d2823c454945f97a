/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What kfs-shell and kfs-check share on top of the in-process API: starting
 * the kernel world on the calling thread with the invoking user's
 * credentials, finding out an image's type and mounting it, and the one-line
 * error messages.  Host world.
 */
#ifndef _KFS_TOOL_H
#define _KFS_TOOL_H

#include <stddef.h>
#include <stdio.h>

#include "kfs_api.h"

/* Exit statuses shared by the tools. */
#define TOOL_EXIT_OK		0
#define TOOL_EXIT_FAIL		1	/* a command failed / problems found */
#define TOOL_EXIT_USAGE		2	/* bad usage, or the image could not be used */

extern const char *tool_name;		/* "kfs-shell", "kfs-check": prefix of messages */

/* "kfs-shell: WHAT: strerror(-err)" on stderr; @what may be NULL. */
void tool_err(const char *what, int err);
/* "kfs-shell: CMD: PATH: strerror(-err)"; @path may be NULL. */
void tool_cmd_err(const char *cmd, const char *path, int err);
/* "kfs-shell: " + printf-style message + newline. */
void tool_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Adopts the calling thread, runs kfs_init() and gives it the invoking user's credentials. */
int tool_start(const char *thread_name);

/* Whether a filesystem type of this name is built in. */
int tool_have_fstype(const char *name);
/* The built-in types as "minix ext2 ..." into @buf. */
void tool_fstype_list(char *buf, size_t size);

struct tool_mount_req {
	const char *image;
	const char *fstype;		/* -t, or NULL to recognise */
	const char *options;		/* -o, or NULL */
	int writable;			/* -w; -o ro / rw override it */
	int never_write;		/* refuse -o rw (kfs-check) */
	/* Called before the line saying kfs_mount failed (to show the fs's own messages first). */
	void (*before_mount_error)(void *ctx);
	void *ctx;
};

struct tool_mounted {
	struct kfs_mount *m;
	const char *fstype;		/* what was mounted (static storage) */
	int writable;
	long long offset, size;
};

/*
 * Recognises (unless given) and mounts the image.  On failure prints one
 * line naming the reason and returns TOOL_EXIT_USAGE.
 */
int tool_mount(const struct tool_mount_req *req, struct tool_mounted *out);

/*
 * A directory's entries, sorted by name (strcmp), read in one pass of
 * kfs_readdir; "." and ".." only when @with_dots.
 */
struct tool_dirent {
	char *name;
	unsigned long long ino;
	unsigned int dtype;
};
int tool_readdir(struct kfs_node *dir, int with_dots, struct tool_dirent **ents,
		 size_t *count);
void tool_free_dirents(struct tool_dirent *ents, size_t count);

/* The mode's file type as ls shows it ('-', 'd', 'l', ...) and as stat names it. */
char tool_type_char(unsigned int mode);
const char *tool_type_name(unsigned int mode);
/* "drwxr-xr-x" for @mode into @buf (11 bytes). */
void tool_mode_string(unsigned int mode, char *buf);

/* Prints the --version text of every kfs tool. */
void tool_print_version(FILE *f);

#endif /* _KFS_TOOL_H */
