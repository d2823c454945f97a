#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Bring a Linux 6.1.y tree into the build, without copying any of it into
# the repository.  Called by meson at configure time:
#
#   prepare.sh TARBALL|- KSRC|- OUTDIR HEADERS_LIST
#
# With a tarball (Debian's linux-source-6.1), extract only what kfs compiles
# (fs/, lib/, include/, the filesystem documentation and the top Makefile)
# into OUTDIR/linux, once.  With KSRC, use that tree where it is.  Then make
# OUTDIR/include-tree: the kernel-tree headers kfs takes on purpose, one
# symlink per line of HEADERS_LIST, so that no other tree header is reachable.
# Prints two lines: the tree's path and its version.
set -eu
tarball=$1 ksrc=$2 out=$3 list=$4

die() { echo "kfs: $*" >&2; exit 1; }

mkdir -p "$out"
if [ "$ksrc" = "-" ]; then
	[ -r "$tarball" ] || die "kernel tarball $tarball not found: install Debian's linux-source-6.1 or pass -Dkernel_src=DIR"
	stamp="$out/linux/.kfs-extracted"
	if [ ! -e "$stamp" ] || [ "$(cat "$stamp")" != "$(stat -c '%s %Y' "$tarball") $tarball" ]; then
		rm -rf "$out/linux" "$out/linux.tmp"
		mkdir -p "$out/linux.tmp"
		top=$(tar -tJf "$tarball" | head -n 1 | cut -d/ -f1)
		tar -xJf "$tarball" -C "$out/linux.tmp" --strip-components=1 \
			"$top/Makefile" "$top/fs" "$top/lib" "$top/include" \
			"$top/Documentation/filesystems" ||
			die "could not extract $tarball"
		stat -c '%s %Y' "$tarball" | tr -d '\n' > "$out/linux.tmp/.kfs-extracted"
		printf ' %s' "$tarball" >> "$out/linux.tmp/.kfs-extracted"
		mv "$out/linux.tmp" "$out/linux"
	fi
	ksrc=$out/linux
fi
ksrc=$(cd "$ksrc" && pwd) || die "kernel tree $ksrc not found"
[ -f "$ksrc/Makefile" ] || die "$ksrc is not a kernel tree (no Makefile)"

# One stable path to the tree, whichever way it came (scripts and the demo).
ln -sfn "$ksrc" "$out/tree"

v=$(sed -n 's/^VERSION = //p' "$ksrc/Makefile" | head -n 1)
p=$(sed -n 's/^PATCHLEVEL = //p' "$ksrc/Makefile" | head -n 1)
s=$(sed -n 's/^SUBLEVEL = //p' "$ksrc/Makefile" | head -n 1)
e=$(sed -n 's/^EXTRAVERSION = *//p' "$ksrc/Makefile" | head -n 1)
[ "$v.$p" = "6.1" ] || die "$ksrc is Linux $v.$p.$s, kfs needs a 6.1.y tree"
version="$v.$p.$s$e"
echo "$version" > "$out/kernel-version"

# The tree headers we take on purpose: pure data and format definitions
# and the headers of lib/ code compiled unmodified.  Rebuilt every time so
# that removing a line from the list removes the header.
inc=$out/include-tree
rm -rf "$inc"
mkdir -p "$inc"
grep -v '^[[:space:]]*\(#\|$\)' "$list" | while read -r name path; do
	[ -e "$ksrc/$path" ] || die "$path (for <$name>) missing from $ksrc"
	mkdir -p "$inc/$(dirname "$name")"
	ln -s "$ksrc/$path" "$inc/$name"
done

echo "$ksrc"
echo "$version"
