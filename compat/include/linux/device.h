/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A minimal device model: kfs has no buses or drivers, but tests and
 * library code may need a struct device to hang managed allocations on
 * (root_device_register, devm_kmalloc: Documentation/driver-api/driver-model/
 * devres.rst).  Managed memory is freed when the device's last reference
 * goes.  Implemented in compat/lib/device.c.
 */
#ifndef _DEVICE_H_
#define _DEVICE_H_

#include <linux/types.h>
#include <linux/list.h>
#include <linux/err.h>
#include <linux/printk.h>
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/export.h>

struct device {
	struct device *parent;
	const char *init_name;
	char name[64];
	void *driver_data;
	/* Internal: references and managed allocations. */
	int kfs_refs;
	struct list_head kfs_devres;
};

static inline const char *dev_name(const struct device *dev)
{
	return dev->name;
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

struct device *__root_device_register(const char *name, struct module *owner);
#define root_device_register(name)	__root_device_register(name, THIS_MODULE)
void root_device_unregister(struct device *root);
void device_unregister(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp) __malloc;
void devm_kfree(struct device *dev, const void *p);

static inline void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return devm_kmalloc(dev, size, gfp | __GFP_ZERO);
}

void *devm_kmalloc_array(struct device *dev, size_t n, size_t size, gfp_t gfp);
static inline void *devm_kcalloc(struct device *dev, size_t n, size_t size, gfp_t gfp)
{
	return devm_kmalloc_array(dev, n, size, gfp | __GFP_ZERO);
}

#define dev_printk(level, dev, fmt, ...) \
	printk(level "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...)	dev_printk(KERN_EMERG, dev, fmt, ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...)	dev_printk(KERN_ALERT, dev, fmt, ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...)		dev_printk(KERN_CRIT, dev, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...)		dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)		dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...)	dev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)		dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#ifdef DEBUG
#define dev_dbg(dev, fmt, ...)		dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__)
#else
#define dev_dbg(dev, fmt, ...)		no_printk(KERN_DEBUG "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#endif

#endif /* _DEVICE_H_ */
