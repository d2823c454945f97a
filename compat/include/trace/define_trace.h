/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Included at the end of every trace header; in a kernel with tracing it
 * re-reads the header to generate the event definitions.  kfs builds no
 * trace events (see linux/tracepoint.h), so there is nothing to generate.
 */
