/* SPDX-License-Identifier: GPL-2.0-only */
/* The minimal device model of <linux/device.h>: root devices and devres memory. */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>

struct devres {
	struct list_head node;
	/* The caller's memory follows, aligned like kmalloc's. */
	unsigned long long data[];
};

struct device *__root_device_register(const char *name, struct module *owner)
{
	struct device *dev = kzalloc(sizeof(*dev), GFP_KERNEL);

	if (!dev)
		return ERR_PTR(-ENOMEM);
	strscpy(dev->name, name, sizeof(dev->name));
	dev->init_name = dev->name;
	dev->kfs_refs = 1;
	INIT_LIST_HEAD(&dev->kfs_devres);
	return dev;
}

struct device *get_device(struct device *dev)
{
	if (dev)
		__atomic_fetch_add(&dev->kfs_refs, 1, __ATOMIC_RELAXED);
	return dev;
}

/* The last reference releases every managed allocation, then the device. */
void put_device(struct device *dev)
{
	struct devres *dr, *next;

	if (!dev || __atomic_sub_fetch(&dev->kfs_refs, 1, __ATOMIC_ACQ_REL))
		return;
	list_for_each_entry_safe(dr, next, &dev->kfs_devres, node) {
		list_del(&dr->node);
		kfree(dr);
	}
	kfree(dev);
}

void device_unregister(struct device *dev)
{
	put_device(dev);
}

void root_device_unregister(struct device *root)
{
	device_unregister(root);
}

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	struct devres *dr;

	/* A size that overflows the header is as impossible as SIZE_MAX. */
	dr = kmalloc(size_add(sizeof(*dr), size), gfp);
	if (!dr)
		return NULL;
	list_add_tail(&dr->node, &dev->kfs_devres);
	return dr->data;
}

void *devm_kmalloc_array(struct device *dev, size_t n, size_t size, gfp_t gfp)
{
	return devm_kmalloc(dev, size_mul(n, size), gfp);
}

void devm_kfree(struct device *dev, const void *p)
{
	struct devres *dr;

	list_for_each_entry(dr, &dev->kfs_devres, node) {
		if ((const void *)dr->data == p) {
			list_del(&dr->node);
			kfree(dr);
			return;
		}
	}
	WARN(1, "devm_kfree(%s, %px): not a managed allocation\n", dev_name(dev), p);
}
