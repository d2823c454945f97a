/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CPUs.  kfs tasks run on host threads wherever the host puts them; each
 * task gets a fixed fake CPU number below nr_cpu_ids (the host's CPU count,
 * at most NR_CPUS), which is what per-cpu data and smp_processor_id() use.
 * Every CPU is possible, present and online.
 */
#ifndef __LINUX_CPUMASK_H
#define __LINUX_CPUMASK_H

#include <linux/kernel.h>
#include <linux/threads.h>

extern unsigned int nr_cpu_ids;

#define for_each_possible_cpu(cpu)	for ((cpu) = 0; (cpu) < (int)nr_cpu_ids; (cpu)++)
#define for_each_online_cpu(cpu)	for_each_possible_cpu(cpu)
#define for_each_present_cpu(cpu)	for_each_possible_cpu(cpu)

#define num_possible_cpus()	nr_cpu_ids
#define num_online_cpus()	nr_cpu_ids
#define num_present_cpus()	nr_cpu_ids
#define num_active_cpus()	nr_cpu_ids

#define cpu_possible(cpu)	((unsigned int)(cpu) < nr_cpu_ids)
#define cpu_online(cpu)		cpu_possible(cpu)
#define cpu_present(cpu)	cpu_possible(cpu)
#define cpu_active(cpu)		cpu_possible(cpu)

#endif /* __LINUX_CPUMASK_H */
