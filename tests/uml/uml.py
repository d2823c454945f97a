#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Run a program inside User-Mode Linux 6.1: the reference kernel.

Debian's user-mode-linux package runs the real 6.1 kernel as an ordinary
process: no KVM, no root inside the host needed for the kernel itself.  This
boots it with the host's / as its root file system (hostfs, read-write: what
the program writes under a host path lands there) and the given images as
its disks (/dev/ubda, /dev/ubdb, ...), runs one program, and powers off.

  uml.py [--disk IMG | --disk-ro IMG]... [--modules fat,vfat,minix]
         [--out DIR] [--mem 384M] [--timeout 600] [--cwd DIR] [--env K=V]...
         -- PROGRAM [ARGS...]

Inside, before PROGRAM runs: /proc, /sys and /dev are mounted, the
fs.protected_* sysctls are set as the host's are, and the --modules are
loaded from /usr/lib/uml/modules/<release> with their dependencies (by
uml.py itself: the host may have no kmod; fat brings the nls modules vfat
and msdos ask for at mount).  PROGRAM runs as root in --cwd (default: the
caller's cwd) with PATH and the --env variables.  In --out (default: a
fresh temporary directory, removed unless --out is given) the run leaves:
  stdout, stderr   PROGRAM's output;
  status           its exit status (missing: it never finished);
  dmesg            the kernel log at the end (ext2's messages, oopses);
  console          everything the UML process printed (boot log included).
The exit status is PROGRAM's, 125 when the kernel did not run it to the end
(the reason on stderr: timeout, no status, a panic), 77 when there is no
linux.uml.  A boot takes about 2 s.

Disks: every --disk (read-write) comes before every --disk-ro, in the
order given: ubda, ubdb, ...  Paths the program uses must be host paths
outside /dev, /proc, /sys and /run (those are the UML kernel's own inside):
an image in /dev/shm can be a disk, but not a file the program opens.

From Python: `import uml; r = uml.run([...], disks=[...])`, r.status,
r.stdout, r.dmesg (see run()).
"""
import argparse
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile

UML_CANDIDATES = ["/usr/bin/linux.uml", "/usr/bin/linux"]
MODULES_DIR = "/usr/lib/uml/modules"


def find_uml():
    """The UML kernel binary, or None."""
    env = os.environ.get("KFS_UML")
    if env:
        return env if os.access(env, os.X_OK) else None
    for c in UML_CANDIDATES:
        if os.access(c, os.X_OK) and os.path.realpath(c).endswith("linux.uml"):
            return c
    return None


class Result:
    """What one UML run left behind (see the module docstring)."""

    def __init__(self, out, status, error):
        self.out = out
        self.status = status
        self.error = error          # why the kernel did not finish, or None

    def read(self, name):
        p = os.path.join(self.out, name)
        try:
            with open(p, errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    @property
    def stdout(self):
        return self.read("stdout")

    @property
    def stderr(self):
        return self.read("stderr")

    @property
    def dmesg(self):
        return self.read("dmesg")

    @property
    def console(self):
        return self.read("console")


# Modules a file system module asks for at mount time (request_module needs
# a modprobe, which the host may not have): loaded along with it.
MODULE_EXTRAS = {
    "fat": ["nls_cp437", "nls_iso8859-1", "nls_utf8"],
}


def load_modules(names):
    """Inside UML: load the named modules and their dependencies."""
    import ctypes
    rel = os.uname().release
    base = os.path.join(MODULES_DIR, rel)
    deps = {}
    with open(os.path.join(base, "modules.dep")) as f:
        for line in f:
            mod, _, rest = line.partition(":")
            deps[mod] = rest.split()
    by_name = {os.path.basename(m)[:-3].replace("-", "_"): m for m in deps}
    libc = ctypes.CDLL(None, use_errno=True)
    loaded = set()
    with open("/proc/modules") as f:
        loaded = {line.split()[0] for line in f}

    def load(path):
        name = os.path.basename(path)[:-3].replace("-", "_")
        if name in loaded:
            return
        for d in reversed(deps.get(path, [])):
            load(d)
        fd = os.open(os.path.join(base, path), os.O_RDONLY)
        try:
            # finit_module(fd, "", 0); x86_64 system call 313
            if libc.syscall(313, fd, b"", 0) != 0:
                e = ctypes.get_errno()
                if e != 17:     # EEXIST: built in or already there
                    raise OSError(e, "finit_module %s: %s" % (path, os.strerror(e)))
        finally:
            os.close(fd)
        loaded.add(name)
        for extra in MODULE_EXTRAS.get(name, []):
            if extra.replace("-", "_") in by_name:
                load(by_name[extra.replace("-", "_")])

    for n in names:
        key = n.replace("-", "_")
        if key not in by_name:
            raise SystemExit("uml.py: no module %s in %s" % (n, base))
        load(by_name[key])


def _init_script(out, argv, cwd, env, modules):
    """The shell script the UML kernel runs as init."""
    q = shlex.quote
    lines = [
        "#!/bin/sh",
        "# generated by tests/uml/uml.py: runs as init inside User-Mode Linux",
        "export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "export HOME=/root LANG=C.UTF-8",
        # no __pycache__ in the source tree from programs run inside
        "export PYTHONDONTWRITEBYTECODE=1",
        "mount -t proc proc /proc",
        "mount -t sysfs sysfs /sys",
        "mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev",
        "mount -t tmpfs tmpfs /run",
        "mount -t tmpfs tmpfs /dev/shm",
    ]
    # Path-walk policy as on the host, whose VFS serves the FUSE mounts
    # that UML's results are compared with (UML boots with other defaults).
    for name in ("protected_symlinks", "protected_hardlinks", "protected_fifos",
                 "protected_regular"):
        try:
            with open("/proc/sys/fs/" + name) as f:
                val = f.read().strip()
        except OSError:
            continue
        lines.append("echo %s >/proc/sys/fs/%s" % (q(val), name))
    for k, v in env.items():
        lines.append("export %s=%s" % (k, q(v)))
    if modules:
        # no kmod on the host: uml.py itself loads them (finit_module)
        lines.append("python3 %s --load-modules %s >>%s 2>&1"
                     % (q(os.path.abspath(__file__)), q(",".join(modules)),
                        q(out + "/stderr")))
    lines += [
        "cd %s || exit 1" % q(cwd),
        "%s </dev/null >>%s 2>>%s" % (" ".join(q(a) for a in argv), q(out + "/stdout"),
                                      q(out + "/stderr")),
        "echo $? >%s" % q(out + "/status.tmp"),
        "dmesg >%s 2>&1" % q(out + "/dmesg"),
        "mv %s %s" % (q(out + "/status.tmp"), q(out + "/status")),
        "sync",
        "exec /sbin/poweroff -f -f",
    ]
    return "\n".join(lines) + "\n"


def run(argv, disks=(), out=None, modules=(), mem="384M", timeout=600, cwd=None,
        env=None):
    """Boot UML, run argv inside, return a Result.

    disks: image paths, or (path, readonly) pairs, in ubd order.  out: the
    directory for the results (created; must be reachable by the same path
    inside, i.e. on the host's file system, not /proc or /dev).
    """
    uml = find_uml()
    if uml is None:
        raise FileNotFoundError("no User-Mode Linux kernel (package user-mode-linux)")
    if out is None:
        out = tempfile.mkdtemp(prefix="kfs-uml.")
    out = os.path.abspath(out)
    os.makedirs(out, exist_ok=True)
    for n in ("stdout", "stderr", "status", "status.tmp", "dmesg", "console"):
        try:
            os.unlink(os.path.join(out, n))
        except FileNotFoundError:
            pass
    open(os.path.join(out, "stdout"), "w").close()
    open(os.path.join(out, "stderr"), "w").close()
    init = os.path.join(out, "init.sh")
    with open(init, "w") as f:
        f.write(_init_script(out, list(argv), os.path.abspath(cwd or os.getcwd()),
                             dict(env or {}), list(modules)))
    os.chmod(init, 0o755)
    cmd = [uml, "mem=" + mem]
    for i, d in enumerate(disks):
        path, ro = (d, False) if isinstance(d, str) else d
        cmd.append("ubd%d%s=%s" % (i, "r" if ro else "", os.path.abspath(path)))
    cmd += ["root=/dev/root", "rootfstype=hostfs", "rootflags=/", "rw", "init=" + init,
            "con=null", "con0=fd:0,fd:1"]
    # UML puts its memory in a file it maps executable: TMPDIR must allow
    # that (/dev/shm or /tmp normally do).
    uenv = dict(os.environ)
    uenv.setdefault("TMPDIR", "/tmp")
    error = None
    with open(os.path.join(out, "console"), "wb") as con:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=con, stderr=con,
                             start_new_session=True, env=uenv, cwd=out)
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            error = "timeout: the UML kernel ran longer than %d s" % timeout
        finally:
            # UML forks helper processes (its "threads"): end the whole group.
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()
    status = None
    try:
        with open(os.path.join(out, "status")) as f:
            status = int(f.read().strip())
    except (FileNotFoundError, ValueError):
        if error is None:
            tail = open(os.path.join(out, "console"), errors="replace").read()[-2000:]
            error = "the program inside UML did not finish (no status); console ends:\n" + tail
    return Result(out, status, error)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--load-modules":
        load_modules([m for m in sys.argv[2].split(",") if m])
        return 0
    ap = argparse.ArgumentParser(description="run a program inside User-Mode Linux 6.1")
    ap.add_argument("--disk", action="append", default=[], help="an image, read-write")
    ap.add_argument("--disk-ro", action="append", default=[], help="an image, read-only")
    ap.add_argument("--modules", default="", help="comma separated, e.g. vfat,minix")
    ap.add_argument("--out", help="directory for stdout, stderr, status, dmesg, console")
    ap.add_argument("--mem", default="384M")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--cwd")
    ap.add_argument("--env", action="append", default=[], help="K=V for the program")
    ap.add_argument("--print", action="store_true",
                    help="copy the program's stdout and stderr to ours")
    ap.add_argument("argv", nargs="+")
    a = ap.parse_args()
    if find_uml() is None:
        print("uml.py: no User-Mode Linux kernel (install user-mode-linux)", file=sys.stderr)
        return 77
    # --disk and --disk-ro keep their order among themselves: rw ones first.
    disks = [(d, False) for d in a.disk] + [(d, True) for d in a.disk_ro]
    env = dict(kv.split("=", 1) for kv in a.env)
    keep = a.out is not None
    r = run(a.argv, disks=disks, out=a.out, modules=[m for m in a.modules.split(",") if m],
            mem=a.mem, timeout=a.timeout, cwd=a.cwd, env=env)
    try:
        if a.print:
            sys.stdout.write(r.stdout)
            sys.stderr.write(r.stderr)
        if r.error:
            print("uml.py: %s" % r.error, file=sys.stderr)
            return 125
        return r.status
    finally:
        if not keep:
            shutil.rmtree(r.out, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
