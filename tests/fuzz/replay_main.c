/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * main() for builds without libFuzzer (gcc, the normal and sanitizer builds
 * of the test suite): runs every file named on the command line, or found
 * under a directory named there, once through LLVMFuzzerTestOneInput, in
 * name order.  Seeds and regression inputs run this way in every build.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int runs;

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long size;

	if (!f) {
		perror(path);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(size ? size : 1);
	if (!buf || fread(buf, 1, size, f) != (size_t)size) {
		fprintf(stderr, "%s: cannot read\n", path);
		fclose(f);
		free(buf);
		return 1;
	}
	fclose(f);
	fprintf(stderr, "replay: %s (%ld bytes)\n", path, size);
	LLVMFuzzerTestOneInput(buf, size);
	free(buf);
	runs++;
	return 0;
}

static int run_path(const char *path)
{
	struct dirent **list;
	struct stat st;
	int n, err = 0;

	if (stat(path, &st)) {
		perror(path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	n = scandir(path, &list, NULL, alphasort);
	if (n < 0) {
		perror(path);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		char sub[4096];

		if (list[i]->d_name[0] != '.' && strcmp(list[i]->d_name, "README")) {
			snprintf(sub, sizeof(sub), "%s/%s", path, list[i]->d_name);
			err |= run_path(sub);
		}
		free(list[i]);
	}
	free(list);
	return err;
}

int main(int argc, char **argv)
{
	int err = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		err |= run_path(argv[i]);
	fprintf(stderr, "replay: %d inputs, all done\n", runs);
	return err;
}
