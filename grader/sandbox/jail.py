"""The strict sandbox, entered by a worker before it runs student code.

Its own user (without root), mount, pid, network and IPC namespaces, and a root that is a
fresh tmpfs holding read-only bind mounts of exactly what a ``view`` lists (see ``view.py``),
a private writable /tmp and home, and the submission's folder. The worker becomes PID 1 of its
pid namespace (one more fork), so ending it ends every descendant. Runs in the forked,
single-threaded worker (``unshare(CLONE_NEWUSER)`` needs that), so it imports only the
standard library.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import signal
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 1 << 14, 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 24, 38
_LINUX_CAPABILITY_VERSION_3 = 0x20080522
_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "riscv64": 41, "ppc64le": 203, "s390x": 217}
_SYS_MOUNT_SETATTR = 442  # the same number on every architecture (added in 5.12)
_AT_FDCWD, _AT_RECURSIVE, _MOUNT_ATTR_RDONLY = -100, 0x8000, 0x1

# Where things appear inside: the copy of the submission, the private home and temp folder.
WORKDIR = "/sandbox/work"
HOME = "/sandbox/home"
TMP = "/tmp"
TMPFS_SIZE_MB = 64  # the root tmpfs (and so /tmp and home): memory, so keep it small
SETUP_FAILED = 71  # exit status of a worker whose sandbox could not be set up
DEVICES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom")


class JailError(Exception):
    """The strict sandbox could not be set up; the message names the step and the cause."""


class _MountAttr(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


_libc_handle: ctypes.CDLL | None = None


def _libc() -> ctypes.CDLL:
    global _libc_handle
    if _libc_handle is None:
        _libc_handle = ctypes.CDLL(None, use_errno=True)
    return _libc_handle


def _check(result: int, step: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise JailError(f"{step}: {errno.errorcode.get(err, err)} ({os.strerror(err)})")


def _mount(source: str | None, target: str, fstype: str | None, flags: int,
           data: str | None = None) -> None:
    _check(_libc().mount(source.encode() if source else None, target.encode(),
                         fstype.encode() if fstype else None, flags,
                         data.encode() if data else None), f"mount {source} on {target}")


def namespace_flags(uid: int) -> int:
    """Root enters mount, pid, net and IPC namespaces directly; anyone else through a user
    namespace that maps their own uid (and so gets nothing they did not have)."""
    flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC
    return flags if uid == 0 else flags | CLONE_NEWUSER


def _unshare() -> None:
    uid, gid = os.geteuid(), os.getegid()
    flags = namespace_flags(uid)
    if _own_namespace_fd is not None:
        flags &= ~CLONE_NEWUSER  # forked from the zygote: in its user namespace already
    _check(_libc().unshare(flags), "unshare")
    if flags & CLONE_NEWUSER:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"),
                           ("gid_map", f"{gid} {gid} 1")):
            try:
                with open(f"/proc/self/{name}", "w") as handle:
                    handle.write(text)
            except OSError as exc:
                raise JailError(f"writing /proc/self/{name}: {exc.strerror}") from None
    # Nothing mounted from here on may show up in the caller's namespace.
    _mount(None, "/", None, MS_REC | MS_PRIVATE)


def own_pid_namespace() -> bool:
    """For the zygote, once, before it imports anything heavy: enter a pid namespace (and,
    without root, a user namespace that maps our own uid) and fork; the child, PID 1 there,
    becomes the zygote and this process waits as its stand-in. Each worker can then be forked
    straight into a fresh pid namespace of its own (``fresh_pid_namespace``) instead of
    forking once more. Returns in the new zygote; False (nothing changed) where it fails."""
    uid, gid = os.geteuid(), os.getegid()
    flags = CLONE_NEWPID if uid == 0 else CLONE_NEWPID | CLONE_NEWUSER
    if _libc().unshare(flags) != 0:
        return False
    if uid != 0:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"),
                           ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w") as handle:
                handle.write(text)
    pid = os.fork()
    if pid != 0:
        _wait_and_exit_as(pid, keep=None)
    _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    global _own_namespace_fd
    _own_namespace_fd = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
    if uid != 0:
        # No user namespace inside ours: student code gets no fresh capabilities to poke the
        # kernel with. (This limit is our namespace's own; the host's is untouched.)
        try:
            with open("/proc/sys/user/max_user_namespaces", "w") as handle:
                handle.write("0")
        except OSError:
            pass
    return True


_own_namespace_fd: int | None = None


def fresh_pid_namespace() -> bool:
    """In the zygote (after ``own_pid_namespace``): the next child forked is PID 1 of a new
    pid namespace. False where that failed (the worker then forks once more itself)."""
    if _own_namespace_fd is None:
        return False
    libc = _libc()
    # Back to our own namespace for children first: unshare refuses to nest from another.
    if libc.setns(_own_namespace_fd, CLONE_NEWPID) != 0:
        return False
    return libc.unshare(CLONE_NEWPID) == 0


def host_pid() -> int:
    """Our pid as the host sees it (inside our own pid namespace, getpid() says 1)."""
    try:
        return int(os.readlink("/proc/self"))
    except (OSError, ValueError):
        return os.getpid()


def probe() -> str:
    """Try the namespaces in a throwaway child of the caller; '' when they work, else the
    step that failed. Call it in a forked, single-threaded process that exits afterwards.
    It goes as far as a worker does: a tmpfs, a read-only bind, pivot_root, a pid namespace."""
    try:
        _unshare()
        root = "/tmp" if os.path.isdir("/tmp") else "/mnt"
        _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755")
        _bind(sys.base_prefix, root + sys.base_prefix, readonly=True)
        os.chdir(root)
        _pivot_root()
        _check(_libc().umount2(b".", MNT_DETACH), "detach the old root")
        os.chdir("/")
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
    except JailError as exc:
        return str(exc)
    except OSError as exc:
        return f"setting up the sandbox's root: {exc.strerror}"
    return ""


def enter(view: dict, workdir: str, drop_to: tuple[int, int] | None,
          channel_fd: int, pid_one: bool = False) -> str:
    """Move the calling worker into the strict sandbox. Returns, in a new process that is
    PID 1 of its own pid namespace, the work dir's path as seen inside; the original process
    stays outside, waits for it and exits with its status. ``drop_to``: the ids student code
    will run as (root's case), who must own the private home. ``channel_fd``: the worker's
    end of its channel, which the waiting parent holds until it exits (see _become_pid_one).
    ``pid_one``: the zygote forked us as PID 1 of a fresh pid namespace already, in its own
    user namespace: we only need mount, network and IPC namespaces, and no second fork."""
    if pid_one:
        _check(_libc().unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC), "unshare")
        _mount(None, "/", None, MS_REC | MS_PRIVATE)
    else:
        _unshare()
    root = view["root_at"]
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, f"size={TMPFS_SIZE_MB}m,mode=0755")
    links = []
    for path in view["readonly"]:
        if os.path.islink(path):
            links.append(path)
        elif os.path.exists(path):
            _bind(path, root + path, readonly=True)
    for path in view.get("hidden", []):
        if os.path.isdir(root + path):
            _mount("tmpfs", root + path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                   "size=4k,mode=000")
    for path in links:
        _link(os.readlink(path), root + path)
    for device in DEVICES:
        if os.path.exists(device):
            _bind(device, root + device, readonly=False)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        _link(target, f"{root}/dev/{name}")
    _write_identity(root, drop_to)
    for folder, mode in ((TMP, 0o1777), ("/dev/shm", 0o1777), (HOME, 0o700), ("/proc", 0o555)):
        os.makedirs(root + folder, exist_ok=True)
        os.chmod(root + folder, mode)
    if drop_to is not None:
        os.chown(root + HOME, *drop_to)
    _bind(workdir, root + WORKDIR, readonly=False)
    if not pid_one:
        _become_pid_one(channel_fd)
    # In the new pid namespace, before the old root goes: a fresh /proc showing only us.
    try:
        _mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    except JailError:
        pass  # some containers forbid it; student code then has no /proc
    os.chdir(root)
    _pivot_root()
    _check(_libc().umount2(b".", MNT_DETACH), "detach the old root")
    os.chdir("/")
    return WORKDIR


def seal(as_root: bool) -> None:
    """Last step before student code: no new privileges ever, and (in a user namespace,
    where we still hold its capabilities) none left at all; then die with our parent."""
    libc = _libc()
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    if not as_root:
        for cap in range(64):
            if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                break  # past the last capability this kernel knows
        header = _CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)
        data = (_CapData * 2)()
        _check(libc.capset(ctypes.byref(header), data), "drop capabilities")
    # Set last: a change of uid (root's drop to nobody) clears it.
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _bind(source: str, target: str, readonly: bool) -> None:
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.exists(target):
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o644))
    _mount(source, target, None, MS_BIND | MS_REC)
    if readonly:
        _make_readonly(source, target)


def _make_readonly(source: str, target: str) -> None:
    """Read-only, submounts included where the kernel can (mount_setattr), else the top."""
    attr = _MountAttr(_MOUNT_ATTR_RDONLY | 0x2, 0, 0, 0)  # RDONLY | NOSUID
    libc = _libc()
    if libc.syscall(_SYS_MOUNT_SETATTR, _AT_FDCWD, target.encode(), _AT_RECURSIVE,
                    ctypes.byref(attr), ctypes.sizeof(attr)) == 0:
        return
    flags = MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | _locked_flags(source)
    _check(libc.mount(None, target.encode(), None, flags, None), f"remount {target} read-only")


def _locked_flags(source: str) -> int:
    """Flags a user namespace may not clear on a bind of ``source``: keep what it has."""
    found = os.statvfs(source).f_flag
    flags = 0
    for statvfs_flag, mount_flag in ((os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC),
                                     (os.ST_NOSUID, MS_NOSUID), (os.ST_RDONLY, MS_RDONLY),
                                     (os.ST_NOATIME, 1024), (os.ST_NODIRATIME, 2048),
                                     (os.ST_RELATIME, 1 << 21)):
        if found & statvfs_flag:
            flags |= mount_flag
    return flags


def _link(text: str, at: str) -> None:
    os.makedirs(os.path.dirname(at), exist_ok=True)
    if not os.path.lexists(at):
        os.symlink(text, at)


def _write_identity(root: str, drop_to: tuple[int, int] | None) -> None:
    """A passwd and group that name only who runs inside (getpass, ~ expansion work)."""
    uid, gid = drop_to if drop_to is not None else (os.geteuid(), os.getegid())
    os.makedirs(root + "/etc", exist_ok=True)
    with open(root + "/etc/passwd", "w") as handle:
        handle.write(f"sandbox:x:{uid}:{gid}:student code:{HOME}:/bin/sh\n")
    with open(root + "/etc/group", "w") as handle:
        handle.write(f"sandbox:x:{gid}:\n")


def _become_pid_one(channel_fd: int) -> None:
    """Fork into the new pid namespace. The parent stays outside as the zygote's child: it
    waits and exits as the child did, so the zygote's reap and exit status work unchanged.
    It keeps the channel open until it exits: the supervisor sees the channel close only once
    the exit status is final (a kill then cannot turn ``os._exit(0)`` into SIGKILL)."""
    pid = os.fork()
    if pid == 0:
        return
    _wait_and_exit_as(pid, keep=channel_fd)


def _wait_and_exit_as(pid: int, keep: int | None) -> None:
    """Close everything but ``keep``, wait for ``pid`` and end exactly as it ended."""
    for fd in _open_fds():
        if fd == keep:
            continue
        try:
            os.close(fd)
        except OSError:
            pass
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except InterruptedError:
            continue
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 70)


def _pivot_root() -> None:
    libc = _libc()
    pivot = getattr(libc, "pivot_root", None)
    if pivot is not None:
        _check(pivot(b".", b"."), "pivot_root")
        return
    number = _SYS_PIVOT_ROOT.get(platform.machine())
    if number is None:
        raise JailError(f"pivot_root: unknown system call number on {platform.machine()}")
    _check(libc.syscall(number, b".", b"."), "pivot_root")


def _open_fds() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return list(range(3, 256))
