#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""expect_exit.py STATUS NEEDLE PROGRAM...: runs PROGRAM, passes when it exits
with exactly STATUS and its output contains NEEDLE."""
import subprocess
import sys

status, needle, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
r = subprocess.run(cmd, capture_output=True, text=True)
out = r.stdout + r.stderr
if r.returncode != status or needle not in out:
    print(out)
    print("exit status %d (want %d); %r %s in the output"
          % (r.returncode, status, needle, "found" if needle in out else "NOT found"))
    sys.exit(1)
print("exit status %d and %r, as expected" % (status, needle))
