#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# posix_test against a fresh directory on the host filesystem under /tmp.
set -eu
dir=$(mktemp -d /tmp/kfs-posix.XXXXXX)
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"
# /tmp is shared with everything else running: -S (no free-space counts)
"$1" -S "$dir"
