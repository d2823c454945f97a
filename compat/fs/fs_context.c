// SPDX-License-Identifier: GPL-2.0-only
/*
 * Filesystem contexts (Documentation/filesystems/mount_api.rst): the role
 * of the kernel's fs/fs_context.c, including the adapter that lets
 * filesystems written for the old ->mount / ->remount_fs interface be
 * mounted and reconfigured through a context ("legacy" contexts).
 */
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/cred.h>
#include <linux/user_namespace.h>
#include <linux/printk.h>
#include <linux/stdarg.h>
#include <kfs/vfs_internal.h>

/* The mount flags that are options rather than filesystem parameters. */
static const struct {
	const char *name;
	unsigned int set;	/* SB_* to set */
	unsigned int clear;	/* SB_* to clear */
} sb_flag_names[] = {
	{ "dirsync", SB_DIRSYNC, 0 },
	{ "lazytime", SB_LAZYTIME, 0 },
	{ "mand", SB_MANDLOCK, 0 },
	{ "ro", SB_RDONLY, 0 },
	{ "sync", SB_SYNCHRONOUS, 0 },
	{ "async", 0, SB_SYNCHRONOUS },
	{ "nolazytime", 0, SB_LAZYTIME },
	{ "nomand", 0, SB_MANDLOCK },
	{ "rw", 0, SB_RDONLY },
};

/* "ro", "sync"...: a flag of the super block, not the fs's business. */
static int vfs_parse_sb_flag(struct fs_context *fc, const char *key)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sb_flag_names); i++) {
		if (strcmp(key, sb_flag_names[i].name))
			continue;
		fc->sb_flags |= sb_flag_names[i].set;
		fc->sb_flags &= ~sb_flag_names[i].clear;
		fc->sb_flags_mask |= sb_flag_names[i].set | sb_flag_names[i].clear;
		return 0;
	}
	return -ENOPARAM;
}

/* The "source" parameter: the device, given once. */
int vfs_parse_fs_param_source(struct fs_context *fc, struct fs_parameter *param)
{
	if (strcmp(param->key, "source") != 0)
		return -ENOPARAM;
	if (param->type != fs_value_is_string)
		return invalf(fc, "Non-string source");
	if (fc->source)
		return invalf(fc, "Multiple sources");
	fc->source = param->string;
	param->string = NULL;
	return 0;
}
EXPORT_SYMBOL(vfs_parse_fs_param_source);

/*
 * Hand one parameter to the context: superblock flags are taken here, the
 * rest goes to the filesystem (->parse_param), "source" falls back to the
 * generic handler.  An option nobody takes is an error naming it.
 */
int vfs_parse_fs_param(struct fs_context *fc, struct fs_parameter *param)
{
	int ret;

	if (!param->key)
		return invalf(fc, "Unnamed parameter\n");

	ret = vfs_parse_sb_flag(fc, param->key);
	if (ret != -ENOPARAM)
		return ret;

	if (fc->ops->parse_param) {
		ret = fc->ops->parse_param(fc, param);
		if (ret != -ENOPARAM)
			return ret;
	}

	ret = vfs_parse_fs_param_source(fc, param);
	if (ret != -ENOPARAM)
		return ret;

	return invalf(fc, "%s: Unknown parameter '%s'", fc->fs_type->name, param->key);
}
EXPORT_SYMBOL(vfs_parse_fs_param);

int vfs_parse_fs_string(struct fs_context *fc, const char *key, const char *value,
			size_t v_size)
{
	int ret;
	struct fs_parameter param = {
		.key = key,
		.type = fs_value_is_flag,
		.size = v_size,
	};

	if (value) {
		param.string = kmemdup_nul(value, v_size, GFP_KERNEL);
		if (!param.string)
			return -ENOMEM;
		param.type = fs_value_is_string;
	}

	ret = vfs_parse_fs_param(fc, &param);
	kfree(param.string);
	return ret;
}
EXPORT_SYMBOL(vfs_parse_fs_string);

static char *vfs_parse_comma_sep(char **s)
{
	return strsep(s, ",");
}

/* Split "a,b=c,..." and hand each option to vfs_parse_fs_string. */
int vfs_parse_monolithic_sep(struct fs_context *fc, void *data, char *(*sep)(char **))
{
	char *options = data, *key;
	int ret = 0;

	if (!options)
		return 0;

	while ((key = sep(&options)) != NULL) {
		if (*key) {
			size_t v_len = 0;
			char *value = strchr(key, '=');

			if (value) {
				if (value == key)
					continue;
				*value++ = 0;
				v_len = strlen(value);
			}
			ret = vfs_parse_fs_string(fc, key, value, v_len);
			if (ret < 0)
				break;
		}
	}
	return ret;
}
EXPORT_SYMBOL(vfs_parse_monolithic_sep);

int generic_parse_monolithic(struct fs_context *fc, void *data)
{
	return vfs_parse_monolithic_sep(fc, data, vfs_parse_comma_sep);
}
EXPORT_SYMBOL(generic_parse_monolithic);

/* ------------------------------------------------------ legacy adapter */

/*
 * A filesystem with only ->mount gets its options as one string, which it
 * parses in place (the kernel hands it a page copied from mount(2)'s data).
 */
struct legacy_fs_context {
	char *legacy_data;
	size_t data_size;
	bool monolithic;
};

static void legacy_fs_context_free(struct fs_context *fc)
{
	struct legacy_fs_context *ctx = fc->fs_private;

	if (ctx)
		kfree(ctx->legacy_data);
	kfree(ctx);
}

/* Options given one by one are joined back into "key=value,..." */
static int legacy_parse_param(struct fs_context *fc, struct fs_parameter *param)
{
	struct legacy_fs_context *ctx = fc->fs_private;
	unsigned int size = ctx->data_size;
	size_t len = 0;
	int ret;

	ret = vfs_parse_fs_param_source(fc, param);
	if (ret != -ENOPARAM)
		return ret;

	if (ctx->monolithic)
		return invalf(fc, "VFS: Legacy: Can't mix monolithic and individual options");

	switch (param->type) {
	case fs_value_is_string:
		len = 1 + param->size;
		fallthrough;
	case fs_value_is_flag:
		len += strlen(param->key);
		break;
	default:
		return invalf(fc, "VFS: Legacy: Parameter type for '%s' not supported",
			      param->key);
	}

	if (size + len + 2 > PAGE_SIZE)
		return invalf(fc, "VFS: Legacy: Cumulative options too large");
	if (strchr(param->key, ',') ||
	    (param->type == fs_value_is_string && memchr(param->string, ',', param->size)))
		return invalf(fc, "VFS: Legacy: Option '%s' contained comma", param->key);
	if (!ctx->legacy_data) {
		ctx->legacy_data = kmalloc(PAGE_SIZE, GFP_KERNEL);
		if (!ctx->legacy_data)
			return -ENOMEM;
	}

	if (size)
		ctx->legacy_data[size++] = ',';
	len = strlen(param->key);
	memcpy(ctx->legacy_data + size, param->key, len);
	size += len;
	if (param->type == fs_value_is_string) {
		ctx->legacy_data[size++] = '=';
		memcpy(ctx->legacy_data + size, param->string, param->size);
		size += param->size;
	}
	ctx->legacy_data[size] = '\0';
	ctx->data_size = size;
	return 0;
}

/* The whole option string at once: kept (as a page-sized copy) for ->mount. */
static int legacy_parse_monolithic(struct fs_context *fc, void *data)
{
	struct legacy_fs_context *ctx = fc->fs_private;
	size_t len;

	if (ctx->data_size)
		return invalf(fc, "VFS: Legacy: Can't mix monolithic and individual options");
	if (!data)
		return 0;
	len = strnlen(data, PAGE_SIZE);
	if (len >= PAGE_SIZE)
		return invalf(fc, "VFS: Legacy: Options too large");
	ctx->legacy_data = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!ctx->legacy_data)
		return -ENOMEM;
	memcpy(ctx->legacy_data, data, len);
	ctx->data_size = len;
	ctx->monolithic = true;
	return 0;
}

static int legacy_get_tree(struct fs_context *fc)
{
	struct legacy_fs_context *ctx = fc->fs_private;
	struct super_block *sb;
	struct dentry *root;

	root = fc->fs_type->mount(fc->fs_type, fc->sb_flags, fc->source, ctx->legacy_data);
	if (IS_ERR(root))
		return PTR_ERR(root);

	sb = root->d_sb;
	BUG_ON(!sb);
	fc->root = root;
	return 0;
}

static int legacy_reconfigure(struct fs_context *fc)
{
	struct legacy_fs_context *ctx = fc->fs_private;
	struct super_block *sb = fc->root->d_sb;

	if (!sb->s_op->remount_fs)
		return 0;
	return sb->s_op->remount_fs(sb, &fc->sb_flags, ctx ? ctx->legacy_data : NULL);
}

static const struct fs_context_operations legacy_fs_context_ops = {
	.free = legacy_fs_context_free,
	.parse_param = legacy_parse_param,
	.parse_monolithic = legacy_parse_monolithic,
	.get_tree = legacy_get_tree,
	.reconfigure = legacy_reconfigure,
};

static int legacy_init_fs_context(struct fs_context *fc)
{
	fc->fs_private = kzalloc(sizeof(struct legacy_fs_context), GFP_KERNEL);
	if (!fc->fs_private)
		return -ENOMEM;
	fc->ops = &legacy_fs_context_ops;
	return 0;
}

/* ----------------------------------------------------------- contexts */

static struct fs_context *alloc_fs_context(struct file_system_type *fs_type,
					   struct dentry *reference, unsigned int sb_flags,
					   unsigned int sb_flags_mask,
					   enum fs_context_purpose purpose)
{
	int (*init_fs_context)(struct fs_context *);
	struct fs_context *fc;
	int ret;

	fc = kzalloc(sizeof(struct fs_context), GFP_KERNEL);
	if (!fc)
		return ERR_PTR(-ENOMEM);

	fc->purpose = purpose;
	fc->sb_flags = sb_flags;
	fc->sb_flags_mask = sb_flags_mask;
	fc->fs_type = get_filesystem(fs_type);
	fc->cred = get_current_cred();
	fc->user_ns = &init_user_ns;
	fc->log.prefix = fs_type->name;
	mutex_init(&fc->uapi_mutex);

	if (purpose == FS_CONTEXT_FOR_RECONFIGURE) {
		atomic_inc(&reference->d_sb->s_active);
		fc->user_ns = reference->d_sb->s_user_ns;
		fc->root = dget(reference);
	}

	init_fs_context = fc->fs_type->init_fs_context;
	if (!init_fs_context)
		init_fs_context = legacy_init_fs_context;

	ret = init_fs_context(fc);
	if (ret < 0) {
		put_fs_context(fc);
		return ERR_PTR(ret);
	}
	fc->need_free = true;
	return fc;
}

struct fs_context *fs_context_for_mount(struct file_system_type *fs_type,
					unsigned int sb_flags)
{
	return alloc_fs_context(fs_type, NULL, sb_flags, 0, FS_CONTEXT_FOR_MOUNT);
}
EXPORT_SYMBOL(fs_context_for_mount);

struct fs_context *fs_context_for_reconfigure(struct dentry *dentry, unsigned int sb_flags,
					      unsigned int sb_flags_mask)
{
	return alloc_fs_context(dentry->d_sb->s_type, dentry, sb_flags, sb_flags_mask,
				FS_CONTEXT_FOR_RECONFIGURE);
}
EXPORT_SYMBOL(fs_context_for_reconfigure);

struct fs_context *fs_context_for_submount(struct file_system_type *type,
					   struct dentry *reference)
{
	return alloc_fs_context(type, reference, 0, 0, FS_CONTEXT_FOR_SUBMOUNT);
}
EXPORT_SYMBOL(fs_context_for_submount);

void put_fs_context(struct fs_context *fc)
{
	struct super_block *sb;

	if (fc->root) {
		sb = fc->root->d_sb;
		dput(fc->root);
		fc->root = NULL;
		deactivate_super(sb);
	}

	if (fc->need_free && fc->ops && fc->ops->free)
		fc->ops->free(fc);

	put_cred(fc->cred);
	put_filesystem(fc->fs_type);
	kfree(fc->source);
	kfree(fc);
}
EXPORT_SYMBOL(put_fs_context);

/*
 * Create or find the super block (->get_tree).  On success fc->root is set
 * and its super block is SB_BORN, with s_umount still held for writing
 * (the caller drops it once the mount is in place).
 */
int vfs_get_tree(struct fs_context *fc)
{
	struct super_block *sb;
	int error;

	if (fc->root)
		return -EBUSY;

	error = fc->ops->get_tree(fc);
	if (error < 0)
		return error;

	if (!fc->root) {
		pr_err("Filesystem %s get_tree() didn't set fc->root\n", fc->fs_type->name);
		BUG();
	}

	sb = fc->root->d_sb;
	WARN_ON(!sb->s_bdi);
	smp_wmb();
	sb->s_flags |= SB_BORN;

	WARN(sb->s_maxbytes < 0,
	     "%s set sb->s_maxbytes to negative value (%lld)\n", fc->fs_type->name,
	     sb->s_maxbytes);
	return 0;
}
EXPORT_SYMBOL(vfs_get_tree);

/* Undo a get_tree that succeeded but whose mount cannot be completed. */
void fc_drop_locked(struct fs_context *fc)
{
	struct super_block *sb = fc->root->d_sb;

	dput(fc->root);
	fc->root = NULL;
	deactivate_locked_super(sb);
}

/*
 * Messages about mounts go to the kernel log, prefixed as the kernel's
 * logfc prints them when no fs_context log is attached.
 */
void logfc(struct fc_log *log, const char *prefix, char level, const char *fmt, ...)
{
	struct va_format vaf;
	va_list va;

	va_start(va, fmt);
	vaf.fmt = fmt;
	vaf.va = &va;
	switch (level) {
	case 'w':
		printk(KERN_WARNING "%s%s%pV\n", prefix ? prefix : "", prefix ? ": " : "", &vaf);
		break;
	case 'e':
		printk(KERN_ERR "%s%s%pV\n", prefix ? prefix : "", prefix ? ": " : "", &vaf);
		break;
	default:
		printk(KERN_NOTICE "%s%s%pV\n", prefix ? prefix : "", prefix ? ": " : "", &vaf);
		break;
	}
	va_end(va);
}
EXPORT_SYMBOL(logfc);
