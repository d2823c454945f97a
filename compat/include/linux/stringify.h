/* SPDX-License-Identifier: GPL-2.0-only */
/* Turn a macro argument into a string after expanding it. */
#ifndef __LINUX_STRINGIFY_H
#define __LINUX_STRINGIFY_H

#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)

#define FILE_LINE	__FILE__ ":" __stringify(__LINE__)

#endif /* __LINUX_STRINGIFY_H */
