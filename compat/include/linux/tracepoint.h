/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tracepoints, as a kernel without tracing support compiles them: every
 * trace_<event>() a trace header declares becomes an empty inline function
 * (its arguments are still type-checked), and trace_<event>_enabled() is
 * false.  The event layout and format arguments (TP_STRUCT__entry,
 * TP_fast_assign, TP_printk) are consumed by the macros and never expanded.
 * This lets kernel code that carries trace headers compile unmodified.
 */
#ifndef _LINUX_TRACEPOINT_H
#define _LINUX_TRACEPOINT_H

#include <linux/types.h>
#include <linux/compiler.h>

#define PARAMS(args...) args
#define TP_PROTO(args...)	args
#define TP_ARGS(args...)	args
#define TP_CONDITION(args...)	args

#define __KFS_NO_TRACEPOINT(name, proto)				\
	static inline void trace_##name(proto) { }			\
	static inline bool trace_##name##_enabled(void) { return false; }

#define DECLARE_TRACE(name, proto, args)	__KFS_NO_TRACEPOINT(name, PARAMS(proto))
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)
#define DEFINE_EVENT(template, name, proto, args)			\
	__KFS_NO_TRACEPOINT(name, PARAMS(proto))
#define DEFINE_EVENT_FN(template, name, proto, args, reg, unreg)	\
	__KFS_NO_TRACEPOINT(name, PARAMS(proto))
#define DEFINE_EVENT_PRINT(template, name, proto, args, print)		\
	__KFS_NO_TRACEPOINT(name, PARAMS(proto))
#define DEFINE_EVENT_CONDITION(template, name, proto, args, cond)	\
	__KFS_NO_TRACEPOINT(name, PARAMS(proto))
#define TRACE_EVENT(name, proto, args, struct, assign, print)		\
	__KFS_NO_TRACEPOINT(name, PARAMS(proto))
#define TRACE_EVENT_FN(name, proto, args, struct, assign, print, reg, unreg) \
	__KFS_NO_TRACEPOINT(name, PARAMS(proto))
#define TRACE_EVENT_CONDITION(name, proto, args, cond, struct, assign, print) \
	__KFS_NO_TRACEPOINT(name, PARAMS(proto))
#define TRACE_DEFINE_ENUM(x)
#define TRACE_DEFINE_SIZEOF(x)

#endif /* _LINUX_TRACEPOINT_H */
