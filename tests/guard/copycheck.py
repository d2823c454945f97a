#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Fails when a file of the repository is a copy, or a lightly edited copy,
of kernel code.

Every file of the kernel tree's include/, lib/ and fs/ is normalised
(comments and all whitespace removed, then only substantive lines kept) and
every run of RUN (3) consecutive lines is remembered.  A repository file
(git ls-files plus untracked files that are not ignored) is flagged when
at least SHARE of its substantive lines lie in a run that also occurs in
the tree.  Substantive means: long enough to carry expression (MIN_LEN
characters after normalisation), and not a fact that any independent
implementation must spell the same way: includes and conditionals,
one-line #defines (constants, aliases, flag bits), typedefs, single
declarations (struct members, prototypes), lone braces and returns.

SHARE (90%) is what "lightly edited" means here: renaming, re-indenting and
dropping comments keep nearly every run; independent code written from the
documented API shares isolated lines and short runs.  Files above 60% are
listed for a human to review.

Usage: copycheck.py [--selftest]   (KFS_SRCDIR and KFS_KSRC from the env)
With --selftest it also makes lightly edited copies of two tree files in a
temporary directory and checks that they are flagged.
"""
import os
import re
import subprocess
import sys
import tempfile

MIN_LEN = 16
SHARE = float(os.environ.get("KFS_COPY_SHARE", "0.90"))
MIN_LINES = 12
RUN = int(os.environ.get("KFS_COPY_RUN", "3"))
TREE_DIRS = ("include", "lib", "fs")
TEXT_EXT = (".c", ".h", ".py", ".sh", ".build", ".txt", ".md", ".rst", ".S", "")

C_COMMENT = re.compile(r"/\*.*?\*/", re.S)
LINE_COMMENT = re.compile(r"//.*")
SPACE = re.compile(r"\s+")
# Lines that state the API rather than implement it: any independent
# implementation spells them the same way.  Preprocessor conditionals and
# includes; one-line #defines (constants, aliases, flag bits); typedefs;
# declarations (struct members, variables, prototypes) -- a line that is a
# single declaration without initialiser, body or call.
FACT = re.compile(
    r"^(#include.*|#endif.*|#else|#if.*|#elif.*|#undef.*|#define[^\\]*"
    r"|typedef.*;"
    r"|(extern|static|const|unsigned|signed|struct|enum|union|\w)[\w\s*,\[\]]*;"
    r"|(extern)?[\w\s*]+\([\w\s*,\[\]().]*\)(__\w+(\([^)]*\))?)*;"
    r"|[{}();,]*|return\w*;|break;|continue;|else|default:|case\w+:)$")


def normalise(text, is_c):
    if is_c:
        text = C_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    out = []
    for line in text.split("\n"):
        if is_c:
            line = LINE_COMMENT.sub("", line)
        elif line.lstrip().startswith("#") and not line.lstrip().startswith("#!"):
            line = ""
        line = SPACE.sub("", line)
        out.append(line)
    return out


def substantive(line):
    return len(line) >= MIN_LEN and not FACT.match(line)


def read(path):
    try:
        with open(path, "rb") as f:
            data = f.read(2 << 20)
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def is_c_like(path):
    return path.endswith((".c", ".h", ".S"))


def shingles(lines):
    """Hashes of every RUN consecutive substantive lines."""
    return [hash(tuple(lines[i:i + RUN])) for i in range(len(lines) - RUN + 1)]


def tree_index(ksrc):
    grams = set()
    for top in TREE_DIRS:
        for root, _dirs, files in os.walk(os.path.join(ksrc, top)):
            for name in files:
                if not name.endswith((".c", ".h")):
                    continue
                text = read(os.path.join(root, name))
                if text is None:
                    continue
                lines = [l for l in normalise(text, True) if substantive(l)]
                grams.update(shingles(lines))
    return grams


def repo_files(srcdir):
    out = subprocess.run(
        ["git", "-C", srcdir, "ls-files", "-z", "--cached", "--others",
         "--exclude-standard"],
        check=True, capture_output=True).stdout.decode()
    files = [f for f in out.split("\0") if f]
    return sorted(set(f for f in files if os.path.isfile(os.path.join(srcdir, f))))


def share_in_tree(path, index):
    text = read(path)
    if text is None:
        return 0, 0.0
    lines = [l for l in normalise(text, is_c_like(path)) if substantive(l)]
    if len(lines) < MIN_LINES:
        return len(lines), 0.0
    covered = [False] * len(lines)
    for i, g in enumerate(shingles(lines)):
        if g in index:
            for j in range(i, i + RUN):
                covered[j] = True
    return len(lines), sum(covered) / len(lines)


def light_edit(text):
    """What a copier might do: rename, reindent, drop comments, add a header."""
    text = C_COMMENT.sub("", text)
    text = text.replace("\t", "    ")
    text = re.sub(r"\bstatic inline\b", "static __always_inline", text)
    return "/* SPDX-License-Identifier: GPL-2.0-only */\n/* kfs */\n" + text


def selftest(ksrc, index):
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for rel in ("lib/list_sort.c", "include/linux/rbtree.h"):
            text = read(os.path.join(ksrc, rel))
            p = os.path.join(tmp, os.path.basename(rel))
            with open(p, "w") as f:
                f.write(light_edit(text))
            n, share = share_in_tree(p, index)
            if share < SHARE:
                print("selftest: an edited copy of %s was NOT flagged (%.0f%% of %d lines)"
                      % (rel, 100 * share, n))
                bad = 1
            else:
                print("selftest: edited copy of %s flagged (%.0f%% of %d lines)"
                      % (rel, 100 * share, n))
    return bad


def main():
    srcdir = os.environ["KFS_SRCDIR"]
    ksrc = os.environ["KFS_KSRC"]
    index = tree_index(ksrc)
    bad = 0
    checked = 0
    worst = []
    for rel in repo_files(srcdir):
        if not rel.endswith(TEXT_EXT) and "." in os.path.basename(rel):
            continue
        n, share = share_in_tree(os.path.join(srcdir, rel), index)
        if n == 0:
            continue
        checked += 1
        worst.append((share, rel, n))
        if share >= SHARE:
            print("COPY? %s: %.0f%% of its %d substantive lines occur in the kernel tree"
                  % (rel, 100 * share, n))
            bad = 1
    worst.sort(reverse=True)
    print("checked %d files against %d tree line runs; files above 60%% (review them):"
          % (checked, len(index)))
    for share, rel, n in [w for w in worst if w[0] >= 0.6]:
        print("  %5.1f%%  %s (%d lines)" % (100 * share, rel, n))
    if "--selftest" in sys.argv:
        bad |= selftest(ksrc, index)
    return bad


if __name__ == "__main__":
    sys.exit(main())
