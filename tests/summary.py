#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Sums up meson's test logs of one or more build directories.

Prints one line per build directory, the KUnit case count that the KUnit
bridge reported, and a closing line "N passed, N failed, N skipped" that CI
reads.  Exits non-zero if any test failed, timed out or was skipped (a test
that skips in CI counts as failing).
"""
import json
import os
import re
import sys

total = {"passed": 0, "failed": 0, "skipped": 0}
kunit = {"cases": 0, "passed": 0, "failed": 0, "skipped": 0}
kunit_re = re.compile(r"KUnit: (?:[^:\n]+: )?(\d+) cases, (\d+) passed, (\d+) failed, (\d+) skipped")

for d in sys.argv[1:]:
    path = os.path.join(d, "meson-logs", "testlog.json")
    if not os.path.exists(path):
        print(f"{d}: no test log")
        total["failed"] += 1
        continue
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    with open(path) as f:
        for line in f:
            t = json.loads(line)
            r = t.get("result")
            if r in ("OK", "EXPECTEDFAIL"):
                counts["passed"] += 1
            elif r == "SKIP":
                counts["skipped"] += 1
                print(f"  skipped: {d}: {t['name']}")
            else:
                counts["failed"] += 1
                print(f"  FAILED: {d}: {t['name']} ({r})")
            # The kernel tree's own suites are the tests of suite 'kunit'
            # (kfs:kunit / NAME); the bridge's self-tests and our core tests
            # also print KUnit lines but are not kernel suites.
            tree_suite = (t["name"].startswith("kfs:kunit / ")
                          and not t["name"].startswith("kfs:kunit / bridge-"))
            for m in kunit_re.finditer(t.get("stdout", "") or ""):
                if d == sys.argv[1] and tree_suite:
                    kunit["cases"] += int(m.group(1))
                    kunit["passed"] += int(m.group(2))
                    kunit["failed"] += int(m.group(3))
                    kunit["skipped"] += int(m.group(4))
    print(f"{d}: {counts['passed']} passed, {counts['failed']} failed, "
          f"{counts['skipped']} skipped")
    for k in total:
        total[k] += counts[k]

print(f"KUnit cases (kernel tree suites): {kunit['cases']} run, {kunit['passed']} passed, "
      f"{kunit['failed']} failed, {kunit['skipped']} skipped")
print(f"{total['passed']} passed, {total['failed']} failed, {total['skipped']} skipped")
sys.exit(1 if total["failed"] or total["skipped"] else 0)
