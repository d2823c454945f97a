/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kfs-shell: work on a filesystem image with the kernel's own filesystem
 * code, in-process, without FUSE or a loop device.  One command from the
 * command line, a script on standard input, or a prompt.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "shell.h"

volatile sig_atomic_t shell_interrupted;

static const char usage_text[] =
"Usage: kfs-shell [-t TYPE] [-o OPTIONS] [-w] [-e] [-v] IMAGE [COMMAND [ARG...]]\n"
"\n"
"Runs commands on the filesystem in IMAGE (an image file or a block device)\n"
"with the Linux kernel's own filesystem code, in this process: no FUSE, no\n"
"loop device, no privileges beyond access to IMAGE.\n"
"\n"
"With a COMMAND, runs it and exits.  Without one, reads commands from\n"
"standard input, one per line (words split and quoted as in sh; '#' starts\n"
"a comment), with a prompt when standard input is a terminal.\n"
"\n"
"Options:\n"
"  -t TYPE      filesystem type (see --version for the built-in ones);\n"
"               by default recognised from the image's magic numbers\n"
"  -o OPTIONS   comma-separated mount options: the filesystem's own (as the\n"
"               kernel's mount -o takes them) and kfs's: ro, rw, offset=BYTES,\n"
"               size=BYTES, part=N (partition N of an MBR/GPT disk image),\n"
"               cache=SIZE (page-cache limit, K/M/G suffixes)\n"
"  -w           open the image for writing (default: read-only)\n"
"  -e           stop a script at its first failing command\n"
"  -v           also show the kernel's informational messages\n"
"  -h, --help   show this text\n"
"  -V, --version  show the version and the built-in filesystem types\n"
"\n"
"Commands (paths inside the image; relative to the working directory):\n"
"%s"
"\n"
"get and put copy as cp -a does: into DEST when it is an existing directory,\n"
"else to the name DEST; recursively, keeping modes, times, symbolic links,\n"
"hard links and special files (and owners when run as root; extended\n"
"attributes with -x).  On a terminal, long copies show their progress.\n"
"\n"
"Exit status: 0 when every command succeeded, 1 when one failed, 2 when the\n"
"image could not be opened or mounted or the usage was wrong, 130 when\n"
"interrupted.  Errors are one line each: kfs-shell: COMMAND: PATH: reason.\n"
"\n"
"Examples:\n"
"  kfs-shell disk.img ls -l /\n"
"  kfs-shell -w disk.img put ./tree /\n"
"  kfs-shell disk.img get /tree ./out\n"
"  printf 'mkdir -p /a/b\\nput notes.txt /a/b\\n' | kfs-shell -w disk.img\n";

static void print_usage(FILE *f)
{
	char *cmds = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&cmds, &len);
	int i;

	if (m) {
		for (i = 0; sh_cmds[i].name; i++)
			sh_print_cmd(m, &sh_cmds[i]);
		fclose(m);
	}
	fprintf(f, usage_text, cmds ? cmds : "");
	free(cmds);
}

/* One command's line of help: usage and description, on two lines if long. */
void sh_print_cmd(FILE *f, const struct sh_cmd *cmd)
{
	if (strlen(cmd->usage) <= 36)
		fprintf(f, "  %-36s %s\n", cmd->usage, cmd->help);
	else
		fprintf(f, "  %s\n  %-36s %s\n", cmd->usage, "", cmd->help);
}

/* ------------------------------------------------------------------ paths */

int sh_walk(struct shell *sh, const char *path, int follow, struct kfs_node **out)
{
	if (!*path)
		return -ENOENT;
	return kfs_walk(sh->m, path[0] == '/' ? NULL : sh->cwd, path, follow, out);
}

int sh_name_ok(const char *name)
{
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return -EINVAL;
	return 0;
}

static int node_is_dir(struct kfs_node *n)
{
	struct kfs_attr a;
	int err = kfs_getattr(n, &a);

	if (err)
		return err;
	return S_ISDIR(a.mode) ? 1 : 0;
}

int sh_parent(struct shell *sh, const char *path, struct kfs_node **dir, char *name)
{
	char buf[4096];
	size_t len = strlen(path);
	char *slash;
	int err;

	if (!len)
		return -ENOENT;
	if (len >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, path, len + 1);
	while (len > 1 && buf[len - 1] == '/')
		buf[--len] = '\0';
	if (!strcmp(buf, "/")) {
		strcpy(name, ".");
		*dir = kfs_root(sh->m);
		return *dir ? 0 : -EIO;
	}
	slash = strrchr(buf, '/');
	if (strlen(slash ? slash + 1 : buf) > 255)
		return -ENAMETOOLONG;
	strcpy(name, slash ? slash + 1 : buf);
	if (!slash) {
		if (sh->cwd) {
			kfs_node_get(sh->cwd);
			*dir = sh->cwd;
			return 0;
		}
		*dir = kfs_root(sh->m);
		return *dir ? 0 : -EIO;
	}
	if (slash == buf)
		slash[1] = '\0';
	else
		*slash = '\0';
	err = sh_walk(sh, buf, 1, dir);
	if (err)
		return err;
	err = node_is_dir(*dir);
	if (err <= 0) {
		kfs_node_put(*dir);
		return err ? err : -ENOTDIR;
	}
	return 0;
}

int sh_is_dir(struct shell *sh, const char *path)
{
	struct kfs_node *n;
	int r;

	if (sh_walk(sh, path, 1, &n))
		return 0;
	r = node_is_dir(n);
	kfs_node_put(n);
	return r > 0;
}

void sh_basename(const char *path, char *buf, size_t size)
{
	size_t len = strlen(path);
	const char *start;

	while (len > 1 && path[len - 1] == '/')
		len--;
	start = path + len;
	while (start > path && start[-1] != '/')
		start--;
	if (len == 1 && path[0] == '/')
		start = path;
	snprintf(buf, size, "%.*s", (int)(path + len - start), start);
}

void sh_join(char *buf, size_t size, const char *dir, const char *name)
{
	size_t len = strlen(dir);

	if (len && dir[len - 1] == '/')
		snprintf(buf, size, "%s%s", dir, name);
	else
		snprintf(buf, size, "%s/%s", dir, name);
}

/* ------------------------------------------------------- words and options */

static int push_word(char ***argv, int *argc, char *word)
{
	char **v = realloc(*argv, (*argc + 2) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	v[(*argc)++] = word;
	v[*argc] = NULL;
	*argv = v;
	return 0;
}

int sh_split(const char *line, char ***argv, int *argc, const char **err)
{
	size_t len = strlen(line);
	char *word = malloc(len + 1);
	const char *p = line;

	*argv = NULL;
	*argc = 0;
	*err = NULL;
	if (!word)
		return -ENOMEM;
	for (;;) {
		size_t w = 0;
		int in_word = 0;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			break;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
			in_word = 1;
			if (*p == '\'') {
				const char *end = strchr(p + 1, '\'');

				if (!end) {
					*err = "unterminated quote (')";
					goto fail;
				}
				memcpy(word + w, p + 1, end - p - 1);
				w += end - p - 1;
				p = end + 1;
			} else if (*p == '"') {
				p++;
				while (*p && *p != '"') {
					if (*p == '\\' && (p[1] == '"' || p[1] == '\\' || p[1] == '$'))
						p++;
					word[w++] = *p++;
				}
				if (!*p) {
					*err = "unterminated quote (\")";
					goto fail;
				}
				p++;
			} else if (*p == '\\' && p[1]) {
				word[w++] = p[1];
				p += 2;
			} else {
				word[w++] = *p++;
			}
		}
		if (in_word) {
			char *copy = strndup(word, w);

			if (!copy || push_word(argv, argc, copy)) {
				free(copy);
				*err = strerror(ENOMEM);
				goto fail;
			}
		}
	}
	free(word);
	return 0;
fail:
	free(word);
	sh_free_words(*argv, *argc);
	*argv = NULL;
	*argc = 0;
	return -EINVAL;
}

void sh_free_words(char **argv, int argc)
{
	int i;

	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

char *sh_optarg;
int sh_optind;
static int sh_optpos;

/*
 * A getopt of our own for commands: every command starts afresh, stops at
 * the first operand (paths may start with '-' after "--"), and reports in
 * the shell's format.  sh_optind = 0 before the first call of a command.
 */
int sh_getopt(int argc, char **argv, const char *opts, const char *cmd)
{
	const char *arg, *spec;
	int c;

	if (sh_optind == 0) {
		sh_optind = 1;
		sh_optpos = 0;
	}
	if (!sh_optpos) {
		if (sh_optind >= argc)
			return -1;
		arg = argv[sh_optind];
		if (arg[0] != '-' || !arg[1])
			return -1;
		if (!strcmp(arg, "--")) {
			sh_optind++;
			return -1;
		}
		sh_optpos = 1;
	}
	arg = argv[sh_optind];
	c = (unsigned char)arg[sh_optpos++];
	spec = strchr(opts, c);
	if (!spec || c == ':') {
		tool_msg("%s: invalid option -- '%c' (see: help %s)", cmd, c, cmd);
		if (!arg[sh_optpos]) {
			sh_optind++;
			sh_optpos = 0;
		}
		return '?';
	}
	if (spec[1] == ':') {
		if (arg[sh_optpos]) {
			sh_optarg = (char *)arg + sh_optpos;
		} else if (sh_optind + 1 < argc) {
			sh_optarg = argv[++sh_optind];
		} else {
			tool_msg("%s: option requires an argument -- '%c'", cmd, c);
			sh_optind++;
			sh_optpos = 0;
			return '?';
		}
		sh_optind++;
		sh_optpos = 0;
		return c;
	}
	if (!arg[sh_optpos]) {
		sh_optind++;
		sh_optpos = 0;
	}
	return c;
}

/* ----------------------------------------------------------------- progress */

static struct {
	const char *what;
	struct timespec start, last;
	unsigned long long bytes;
	unsigned long files;
	int shown;
} progress;

static double since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) + (now.tv_nsec - t->tv_nsec) / 1e9;
}

void sh_progress_start(struct shell *sh, const char *what)
{
	if (!sh->progress)
		return;
	memset(&progress, 0, sizeof(progress));
	progress.what = what;
	clock_gettime(CLOCK_MONOTONIC, &progress.start);
	progress.last = progress.start;
}

/* Shown only for copies that last more than a second, four times a second. */
void sh_progress_add(struct shell *sh, unsigned long long bytes, int files)
{
	double t;

	if (!sh->progress)
		return;
	progress.bytes += bytes;
	progress.files += files;
	if (since(&progress.last) < 0.25 || (t = since(&progress.start)) < 1.0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &progress.last);
	fprintf(stderr, "\r\033[K%s: %lu files, %.1f MiB, %.1f MiB/s", progress.what,
		progress.files, progress.bytes / 1048576.0, progress.bytes / 1048576.0 / t);
	progress.shown = 1;
}

void sh_progress_end(struct shell *sh)
{
	if (sh->progress && progress.shown)
		fprintf(stderr, "\r\033[K");
	progress.shown = 0;
}

/* ---------------------------------------------------------------- running */

int sh_run(struct shell *sh, int argc, char **argv)
{
	int i;

	if (!argc)
		return 0;
	for (i = 0; sh_cmds[i].name; i++) {
		if (strcmp(sh_cmds[i].name, argv[0]))
			continue;
		if (sh_cmds[i].writes && !sh->writable) {
			tool_msg("%s: the image is open read-only (run kfs-shell with -w)", argv[0]);
			return 1;
		}
		sh_optind = 0;
		return sh_cmds[i].fn(sh, argc, argv) ? 1 : 0;
	}
	tool_msg("%s: unknown command (see: help)", argv[0]);
	return 1;
}

static int run_line(struct shell *sh, const char *line, int lineno, int interactive)
{
	const char *err;
	char **argv;
	int argc, r;

	if (sh_split(line, &argv, &argc, &err)) {
		if (interactive)
			tool_msg("%s", err);
		else
			tool_msg("line %d: %s", lineno, err);
		return 1;
	}
	r = sh_run(sh, argc, argv);
	sh_free_words(argv, argc);
	return r;
}

static int run_input(struct shell *sh, int interactive, int stop_on_error)
{
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, failed = 0;

	for (;;) {
		ssize_t n;

		if (interactive) {
			printf("%s:%s%s> ", sh->fstype, sh->cwd_path, sh->writable ? "" : " (ro)");
			fflush(stdout);
		}
		errno = 0;
		n = getline(&line, &cap, stdin);
		if (n < 0 && errno == EINTR && interactive) {
			shell_interrupted = 0;
			clearerr(stdin);
			putchar('\n');
			continue;
		}
		if (n < 0)
			break;
		lineno++;
		if (run_line(sh, line, lineno, interactive))
			failed = 1;
		if (shell_interrupted && interactive)
			shell_interrupted = 0;
		if (sh->quit || shell_interrupted || (failed && stop_on_error))
			break;
	}
	if (interactive && !sh->quit && !shell_interrupted)
		putchar('\n');
	free(line);
	return failed;
}

static void on_signal(int sig)
{
	(void)sig;
	shell_interrupted = 1;
}

static void log_line(void *ctx, int level, const char *line, kfs_api_size_t len)
{
	struct shell *sh = ctx;

	/* Informational and debug messages only with -v. */
	if ((level == 6 || level == 7) && !sh->verbose)
		return;
	fflush(stdout);
	fprintf(stderr, "%s: %.*s\n", tool_name, (int)len, line);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct tool_mount_req req = { 0 };
	struct tool_mounted mnt;
	struct sigaction sa;
	struct shell sh;
	int c, status, stop_on_error = 0, err;

	tool_name = "kfs-shell";
	memset(&sh, 0, sizeof(sh));
	while ((c = getopt_long(argc, argv, "+t:o:wevhV", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			req.fstype = optarg;
			break;
		case 'o':
			req.options = optarg;
			break;
		case 'w':
			req.writable = 1;
			break;
		case 'e':
			stop_on_error = 1;
			break;
		case 'v':
			sh.verbose = 1;
			break;
		case 'h':
			print_usage(stdout);
			return TOOL_EXIT_OK;
		case 'V':
			if (tool_start("kfs-shell"))
				return TOOL_EXIT_USAGE;
			tool_print_version(stdout);
			return TOOL_EXIT_OK;
		default:
			fprintf(stderr, "Try 'kfs-shell --help'.\n");
			return TOOL_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		tool_msg("no image given (see: kfs-shell --help)");
		return TOOL_EXIT_USAGE;
	}
	req.image = argv[optind++];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	if (tool_start("kfs-shell"))
		return TOOL_EXIT_USAGE;
	kfs_set_log_handler(log_line, &sh);
	status = tool_mount(&req, &mnt);
	if (status) {
		kfs_set_log_handler(NULL, NULL);
		kfs_exit();
		return status;
	}
	sh.m = mnt.m;
	sh.image = req.image;
	sh.fstype = mnt.fstype;
	sh.writable = mnt.writable;
	sh.is_root = geteuid() == 0;
	sh.progress = isatty(STDERR_FILENO);
	strcpy(sh.cwd_path, "/");

	if (optind < argc)
		status = sh_run(&sh, argc - optind, argv + optind);
	else
		status = run_input(&sh, isatty(STDIN_FILENO), stop_on_error);

	if (sh.cwd)
		kfs_node_put(sh.cwd);
	err = kfs_unmount(sh.m);
	if (err) {
		tool_msg("%s: unmounting: %s", req.image, strerror(-err));
		status = TOOL_EXIT_FAIL;
	}
	kfs_set_log_handler(NULL, NULL);
	/* Exit calls, as at module unload: the leak report then sees only real leaks. */
	kfs_exit();
	kfs_thread_leave();
	if (shell_interrupted)
		return 130;
	return status ? TOOL_EXIT_FAIL : TOOL_EXIT_OK;
}
