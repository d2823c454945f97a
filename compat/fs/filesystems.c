// SPDX-License-Identifier: GPL-2.0-only
/*
 * The registry of filesystem types: the role of the kernel's
 * fs/filesystems.c.  Types register from their module_init (an initcall in
 * kfs) and are found by name at mount time.  The chain through
 * file_system_type.next keeps registration order, so kfs_fstype_name()
 * lists the types in initcall order.  There are no modules to load: an
 * unknown name is simply not found.
 */
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include "../api/kfs_api.h"

static struct file_system_type *fs_chain;	/* first registered first */
static DEFINE_RWLOCK(fs_chain_lock);

struct file_system_type *get_filesystem(struct file_system_type *fs)
{
	__module_get(fs->owner);
	return fs;
}

void put_filesystem(struct file_system_type *fs)
{
	module_put(fs->owner);
}

static bool fs_name_is(const struct file_system_type *fs, const char *name, size_t len)
{
	return strlen(fs->name) == len && memcmp(fs->name, name, len) == 0;
}

/*
 * The chain slot holding the type named name[0..len) -- or, when there is
 * none, the empty slot at the end where a new type would go.
 */
static struct file_system_type **fs_slot_by_name(const char *name, size_t len)
{
	struct file_system_type **slot = &fs_chain;

	while (*slot && !fs_name_is(*slot, name, len))
		slot = &(*slot)->next;
	return slot;
}

/* A type's names may not contain '.': that separates "type.subtype". */
int register_filesystem(struct file_system_type *fs)
{
	struct file_system_type **slot;
	int err = -EBUSY;

	BUG_ON(strchr(fs->name, '.'));
	if (fs->next)
		return err;		/* already on a chain */
	write_lock(&fs_chain_lock);
	slot = fs_slot_by_name(fs->name, strlen(fs->name));
	if (!*slot) {
		*slot = fs;
		err = 0;
	}
	write_unlock(&fs_chain_lock);
	return err;
}
EXPORT_SYMBOL(register_filesystem);

/* No RCU readers walk the chain here, so nothing to wait for afterwards. */
int unregister_filesystem(struct file_system_type *fs)
{
	struct file_system_type **slot;
	int err = -EINVAL;

	write_lock(&fs_chain_lock);
	for (slot = &fs_chain; *slot; slot = &(*slot)->next) {
		if (*slot != fs)
			continue;
		*slot = fs->next;
		fs->next = NULL;
		err = 0;
		break;
	}
	write_unlock(&fs_chain_lock);
	return err;
}
EXPORT_SYMBOL(unregister_filesystem);

/*
 * A type by name, with a module reference.  "type.subtype" finds "type"
 * only when it declares FS_HAS_SUBTYPE, as in the kernel.
 */
struct file_system_type *get_fs_type(const char *name)
{
	const char *dot = strchr(name, '.');
	size_t len = dot ? (size_t)(dot - name) : strlen(name);
	struct file_system_type *fs;

	read_lock(&fs_chain_lock);
	fs = *fs_slot_by_name(name, len);
	if (fs && !try_module_get(fs->owner))
		fs = NULL;
	read_unlock(&fs_chain_lock);
	if (fs && dot && !(fs->fs_flags & FS_HAS_SUBTYPE)) {
		put_filesystem(fs);
		return NULL;
	}
	return fs;
}
EXPORT_SYMBOL(get_fs_type);

const char *kfs_fstype_name(int index)
{
	const struct file_system_type *fs;
	const char *name = NULL;
	int i = 0;

	read_lock(&fs_chain_lock);
	for (fs = fs_chain; fs && index >= 0; fs = fs->next, i++) {
		if (i == index) {
			name = fs->name;
			break;
		}
	}
	read_unlock(&fs_chain_lock);
	return name;
}
