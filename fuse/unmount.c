/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kfs -u MOUNTPOINT: unmount, then wait until the daemon has synced, run
 * ->put_super, closed the image and exited.
 *
 * The host kernel sends DESTROY only to fuseblk servers, so umount(2)
 * returns while the daemon is still writing.  The daemon's pid comes from
 * the daemon itself (a private ioctl on the mount's root, answered by the
 * adapter); a pidfd taken before unmounting then reports its exit.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kfs_fuse.h"

static int daemon_pid(const char *mp, pid_t *pid)
{
	uint64_t v = 0;
	int fd, err = 0;

	fd = open(mp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, KFS_IOC_DAEMON_PID, &v))
		err = -errno;
	close(fd);
	if (!err && (v == 0 || v > INT32_MAX))
		err = -EPROTO;
	*pid = (pid_t)v;
	return err;
}

static int pidfd_of(pid_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0);
#else
	(void)pid;
	errno = ENOSYS;
	return -1;
#endif
}

/* fusermount3 -u for users who may not call umount(2) themselves. */
static int fusermount_u(const char *mp)
{
	pid_t c = fork();
	int st;

	if (c < 0)
		return -errno;
	if (c == 0) {
		execlp("fusermount3", "fusermount3", "-u", "-q", mp, (char *)NULL);
		_exit(127);
	}
	if (waitpid(c, &st, 0) < 0)
		return -errno;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -EBUSY;
}

static void wait_exit(pid_t pid, int pidfd)
{
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

	if (pidfd >= 0) {
		while (poll(&pfd, 1, -1) < 0 && errno == EINTR)
			;
		close(pidfd);
		return;
	}
	/* No pidfds (old kernel): poll for the pid to disappear. */
	while (kill(pid, 0) == 0 || errno != ESRCH)
		usleep(20000);
}

int kfs_unmount_wait(const char *mountpoint)
{
	char *mp = realpath(mountpoint, NULL);
	pid_t pid = 0;
	int pidfd, err;

	if (!mp) {
		kfs_err("%s: %s", mountpoint, strerror(errno));
		return 1;
	}
	err = daemon_pid(mp, &pid);
	if (err) {
		if (err == -ENOTTY || err == -EPROTO || err == -ENOSYS)
			kfs_err("%s: not a kfs mount", mountpoint);
		else
			kfs_err("%s: %s", mountpoint, strerror(-err));
		free(mp);
		return 1;
	}
	pidfd = pidfd_of(pid);
	if (umount2(mp, UMOUNT_NOFOLLOW) == 0)
		err = 0;
	else if (errno == EPERM)
		err = fusermount_u(mp);
	else
		err = -errno;
	if (err) {
		kfs_err("%s: cannot unmount: %s", mountpoint,
			err == -EBUSY ? "in use (open files or working directories)" :
			strerror(-err));
		if (pidfd >= 0)
			close(pidfd);
		free(mp);
		return 1;
	}
	wait_exit(pid, pidfd);
	free(mp);
	return 0;
}
