#!/usr/bin/python3
"""Runs a command inside an approximation of a systemd unit's sandbox, for
machines where systemd is not running (CI): what the service would meet
under systemd, so that a sandbox option that breaks the server fails a test.

usage: sandbox_exec.py UNIT_FILE [NAME=VALUE ...] -- COMMAND [ARG ...]
Must start as root. NAME=VALUE pairs are added to the unit's environment.

Applied from the unit's [Service] section:
  User=, Group=, UMask=, Environment=, NoNewPrivileges=, CapabilityBoundingSet=
  (empty: all dropped), StateDirectory= (the only writable place, with)
  ProtectSystem=strict, PrivateTmp=, ProtectHome=, SystemCallFilter= (as
  systemd-analyze expands the groups), SystemCallErrorNumber=,
  SystemCallArchitectures=native, MemoryDenyWriteExecute=, RestrictAddressFamilies=.
Not applied (no effect on whether the server works, or needs systemd itself):
  PrivateDevices, PrivateUsers, the Protect{Kernel*,ControlGroups,Clock,Hostname}
  family, ProtectProc, RestrictNamespaces, RestrictRealtime, RestrictSUIDSGID,
  LockPersonality, RemoveIPC.

Needs Debian's python3-seccomp; the clean environment is systemd's: PATH, HOME,
USER, LOGNAME, SHELL, LANG plus the unit's Environment=.
"""

import ctypes
import errno
import grp
import os
import pwd
import shlex
import subprocess
import sys

import seccomp

CLONE_NEWNS = 0x00020000
PR_SET_NO_NEW_PRIVS = 38
PR_CAPBSET_DROP = 24
PROT_WRITE, PROT_EXEC = 0x2, 0x4
SHM_EXEC = 0o100000
FAMILIES = {"AF_UNIX": 1, "AF_INET": 2, "AF_INET6": 10}

libc = ctypes.CDLL(None, use_errno=True)


def read_unit(path):
    values = {}
    section = None
    with open(path, encoding="utf-8") as unit:
        for raw in unit:
            line = raw.strip()
            if not line or line[0] in "#;":
                continue
            if line.startswith("["):
                section = line
                continue
            if section == "[Service]" and "=" in line:
                key, value = line.split("=", 1)
                values.setdefault(key.strip(), []).append(value.strip())
    return values


def last(values, key, default=""):
    return values.get(key, [default])[-1]


def yes(values, key):
    return last(values, key).lower() in ("yes", "true", "on", "1")


def expand(group, seen=None):
    """The syscalls of a systemd group (@name) or a single name."""
    seen = set() if seen is None else seen
    if not group.startswith("@"):
        return {group}
    if group in seen:
        return set()
    seen.add(group)
    out = subprocess.run(["systemd-analyze", "syscall-filter", group], check=True,
                         capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines()[1:]:
        line = line.strip()
        if line and not line.startswith("#"):
            names |= expand(line, seen)
    return names


def syscall_allowlist(values):
    allowed, denied = set(), set()
    for entry in values.get("SystemCallFilter", []):
        if not entry:
            allowed, denied = set(), set()
            continue
        negate = entry.startswith("~")
        names = set()
        for word in entry.lstrip("~").split():
            names |= expand(word)
        (denied if negate else allowed).update(names)
    # systemd always permits what the service manager itself needs to exec.
    allowed |= expand("@default") | {"execve", "exit", "exit_group", "rt_sigreturn"}
    return allowed - denied if values.get("SystemCallFilter") else None


def mount(*args):
    subprocess.run(["mount", *args], check=True)


def build_namespace(values, state_dirs):
    if libc.unshare(CLONE_NEWNS) != 0:
        raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWNS)")
    mount("--make-rprivate", "/")
    for directory in state_dirs:  # writable: bind them before the rest goes read-only
        mount("--bind", directory, directory)
    if yes(values, "PrivateTmp"):
        for tmp in ("/tmp", "/var/tmp"):
            mount("-t", "tmpfs", "-o", "mode=1777,nosuid,nodev", "tmpfs", tmp)
    if yes(values, "ProtectHome"):
        for home in ("/home", "/root", "/run/user"):
            if os.path.isdir(home):
                mount("-t", "tmpfs", "-o", "ro,mode=0755,nosuid,nodev,noexec", "tmpfs", home)
    if last(values, "ProtectSystem") == "strict":
        with open("/proc/self/mountinfo", encoding="utf-8") as info:
            targets = [line.split()[4] for line in info]
        keep_writable = set(state_dirs) | {"/tmp", "/var/tmp"}
        for target in targets:
            target = target.encode().decode("unicode_escape")
            if target in keep_writable or any(target == p or target.startswith(p + "/")
                                              for p in ("/proc", "/sys", "/dev")):
                continue
            subprocess.run(["mount", "-o", "remount,bind,ro", target], check=False,
                           stderr=subprocess.DEVNULL)


def drop_privileges(values):
    user = last(values, "User", "root")
    entry = pwd.getpwnam(user)
    gid = grp.getgrnam(last(values, "Group")).gr_gid if "Group" in values else entry.pw_gid
    if "CapabilityBoundingSet" in values and last(values, "CapabilityBoundingSet") == "":
        cap = 0
        while libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0:
            cap += 1
    os.setgroups([gid])
    os.setgid(gid)
    os.setuid(entry.pw_uid)
    if "UMask" in values:
        os.umask(int(last(values, "UMask"), 8))
    if yes(values, "NoNewPrivileges") and libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "PR_SET_NO_NEW_PRIVS")
    return entry


def load_filters(values, allowed):
    error = getattr(errno, last(values, "SystemCallErrorNumber", ""), None)
    deny = seccomp.ERRNO(error) if error else seccomp.KILL_PROCESS
    if yes(values, "MemoryDenyWriteExecute"):
        # As systemd: no mapping both writable and executable, no mprotect to
        # executable, no executable shared memory.
        mdwe = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        eperm = seccomp.ERRNO(errno.EPERM)
        mdwe.add_rule(eperm, "mmap", seccomp.Arg(2, seccomp.MASKED_EQ, PROT_WRITE | PROT_EXEC,
                                                   PROT_WRITE | PROT_EXEC))
        for name in ("mprotect", "pkey_mprotect"):
            mdwe.add_rule(eperm, name, seccomp.Arg(2, seccomp.MASKED_EQ, PROT_EXEC, PROT_EXEC))
        mdwe.add_rule(eperm, "shmat", seccomp.Arg(2, seccomp.MASKED_EQ, SHM_EXEC, SHM_EXEC))
        mdwe.load()
    families = last(values, "RestrictAddressFamilies")
    if families:
        allowed_families = {FAMILIES[name] for name in families.split()}
        restrict = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        refuse = seccomp.ERRNO(errno.EAFNOSUPPORT)
        top = max(allowed_families)
        for family in range(top):
            if family not in allowed_families:
                restrict.add_rule(refuse, "socket", seccomp.Arg(0, seccomp.EQ, family))
        restrict.add_rule(refuse, "socket", seccomp.Arg(0, seccomp.GT, top))
        restrict.load()
    # Last: it may not allow seccomp() itself.
    if allowed is not None:
        allow_list = seccomp.SyscallFilter(defaction=deny)
        for name in sorted(allowed):
            try:
                allow_list.add_rule(seccomp.ALLOW, name)
            except (RuntimeError, ValueError):
                pass  # not a syscall of this architecture
        allow_list.load()


def main():
    argv = sys.argv[1:]
    if "--" not in argv or not argv or os.geteuid() != 0:
        print(__doc__, file=sys.stderr)
        return 2
    split = argv.index("--")
    unit_file, extra, command = argv[0], argv[1:split], argv[split + 1:]
    values = read_unit(unit_file)
    allowed = syscall_allowlist(values)

    state_dirs = [os.path.join("/var/lib", name) for entry in values.get("StateDirectory", [])
                  for name in entry.split()]
    build_namespace(values, state_dirs)
    user = drop_privileges(values)

    environment = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                   "HOME": user.pw_dir, "USER": user.pw_name, "LOGNAME": user.pw_name,
                   "SHELL": user.pw_shell, "LANG": "C.UTF-8"}
    for entry in values.get("Environment", []):
        for assignment in shlex.split(entry):
            name, _, value = assignment.partition("=")
            environment[name] = value
    for assignment in extra:
        name, _, value = assignment.partition("=")
        environment[name] = value

    load_filters(values, allowed)
    os.execvpe(command[0], command, environment)
    return 127


if __name__ == "__main__":
    sys.exit(main())
