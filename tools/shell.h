/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kfs-shell internals: the shell's state, path resolution inside the image,
 * and the command table.  Host world, on the in-process API.
 */
#ifndef _KFS_SHELL_H
#define _KFS_SHELL_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#include "kfs_tool.h"

struct shell {
	struct kfs_mount *m;
	const char *image;
	const char *fstype;
	int writable;
	int is_root;			/* euid 0: ownership is copied by get/put */
	int progress;			/* stderr is a terminal: show progress of copies */
	int verbose;
	int quit;			/* `exit` was run */
	struct kfs_node *cwd;		/* NULL: the root */
	char cwd_path[4096];		/* the path `pwd` prints */
};

/* Set by SIGINT/SIGTERM: long commands stop, the shell unmounts and exits. */
extern volatile sig_atomic_t shell_interrupted;

/*
 * Resolves @path (absolute, or relative to the working directory).
 * follow: whether a symbolic link in the last component is followed.
 */
int sh_walk(struct shell *sh, const char *path, int follow, struct kfs_node **out);

/*
 * Splits @path into its parent directory (resolved, returned in @dir) and
 * last component (copied into @name, at most 255 bytes + NUL).  Trailing
 * slashes are ignored.  The last component may be "." or ".."; callers
 * that create or remove refuse them (sh_name_ok).
 */
int sh_parent(struct shell *sh, const char *path, struct kfs_node **dir, char *name);
/* -EINVAL for "." and "..", which name no entry of their own. */
int sh_name_ok(const char *name);

/* Whether @path names an existing directory (following symlinks). */
int sh_is_dir(struct shell *sh, const char *path);

/* The last component of @path (without trailing slashes) into @buf. */
void sh_basename(const char *path, char *buf, size_t size);
/* "@dir/@name" into @buf without doubling slashes. */
void sh_join(char *buf, size_t size, const char *dir, const char *name);

/* Splits a command line into words (shell quoting: '', "", \). */
int sh_split(const char *line, char ***argv, int *argc, const char **err);
void sh_free_words(char **argv, int argc);

/* getopt for commands: reset, no permutation, errors printed as ours. */
int sh_getopt(int argc, char **argv, const char *opts, const char *cmd);
extern char *sh_optarg;
extern int sh_optind;

/* Progress of long copies, on a terminal. */
void sh_progress_start(struct shell *sh, const char *what);
void sh_progress_add(struct shell *sh, unsigned long long bytes, int files);
void sh_progress_end(struct shell *sh);

typedef int (*sh_cmd_fn)(struct shell *sh, int argc, char **argv);

struct sh_cmd {
	const char *name;
	sh_cmd_fn fn;
	int writes;			/* needs -w */
	const char *usage;
	const char *help;
};

/* Every command, NULL-terminated (shell_cmds.c); get/put in shell_copy.c. */
extern const struct sh_cmd sh_cmds[];
int sh_cmd_get(struct shell *sh, int argc, char **argv);
int sh_cmd_put(struct shell *sh, int argc, char **argv);

/* Prints a command's usage and description (help, --help). */
void sh_print_cmd(FILE *f, const struct sh_cmd *cmd);

/* Runs one command line already split into words: 0 or 1. */
int sh_run(struct shell *sh, int argc, char **argv);

/* Octal or symbolic (u+x,go-w) mode applied to @old; -EINVAL when malformed. */
int sh_parse_mode(const char *s, unsigned int old, int is_dir, unsigned int *out);

#endif /* _KFS_SHELL_H */
