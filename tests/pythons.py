"""The CPython releases the site is verified on, where to find them, how to get them.

The one place that names them is `[tool.mpdocs] pythons` in pyproject.toml: every line
python.org supports, each at the newest patch release that can be had. The noxfile's matrix,
the GitHub workflow and the pages' "verified on" lists all read it from there.

    python3 tests/pythons.py find        which interpreter serves each line (and what is missing)
    python3 tests/pythons.py provision   get the missing ones (Debian/Ubuntu, root): see below
    python3 tests/pythons.py remove      delete what `provision` made
    python3 tests/pythons.py list        the named releases, one a line (for CI's setup-python)

`nox -s pythons` runs `provision`. Interpreters are looked for on PATH (python3.X), in pyenv's
versions, in uv's managed Pythons, and in what `provision` made; one whose patch release is the
named one wins, otherwise the newest found.

`provision` makes a minimal Debian sid chroot (debootstrap) holding the lines Debian packages
(python3.13, 3.14, 3.15 in sid today) and writes a launcher for each, `DIR/bin/python3.X`: it runs
the interpreter inside the chroot in a private mount namespace (`unshare -m`) with /proc, /sys,
/dev, /tmp and the project bound in at their own paths, so the mounts vanish with the command and
nothing stays mounted. A venv made with a launcher works from the host like any other. It is
idempotent (a second run checks and returns), bounded in time, and needs root, debootstrap (it
installs it with apt if missing) and the Debian package registry. DIR is MPDOCS_PYTHONS_DIR or
/var/cache/mpdocs-pythons.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10 as the host's python3: read the file by hand
    tomllib = None

ROOT = Path(__file__).resolve().parent.parent
DIR = Path(os.environ.get("MPDOCS_PYTHONS_DIR", "/var/cache/mpdocs-pythons"))
CHROOT = DIR / "sid"
LAUNCHERS = DIR / "bin"
SUITE = "sid"
DEBIAN_MIRROR = os.environ.get("MPDOCS_DEBIAN_MIRROR", "http://deb.debian.org/debian")
STEP_TIMEOUT = 600  # seconds for any one step (debootstrap, apt); the whole run stays under 20 min


def versions() -> list[str]:
    """The exact releases, e.g. ["3.11.7", ..., "3.15.2"] (pyproject.toml [tool.mpdocs])."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    if tomllib:
        return list(tomllib.loads(text)["tool"]["mpdocs"]["pythons"])
    block = re.search(r"(?ms)^\[tool\.mpdocs\].*?^pythons\s*=\s*\[(.*?)\]", text)
    return re.findall(r'"([\d.]+)"', block[1])


def lines() -> list[str]:
    """["3.11", ..., "3.15"]"""
    return [".".join(v.split(".")[:2]) for v in versions()]


def _version_of(python: str) -> str | None:
    try:
        out = subprocess.run(
            [python, "-c", "import platform; print(platform.python_version())"],
            capture_output=True, text=True, timeout=30, check=True,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _candidates(line: str) -> list[str]:
    exe = f"python{line}"
    found = [p for p in [shutil.which(exe)] if p and "/.pyenv/shims/" not in p]
    pyenv_root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found += sorted(glob.glob(f"{pyenv_root}/versions/{line}.*/bin/{exe}"))
    if uv := shutil.which("uv"):
        out = subprocess.run([uv, "python", "find", line], capture_output=True, text=True)
        found += [out.stdout.strip()] if out.returncode == 0 and out.stdout.strip() else []
    found += [str(p) for p in [LAUNCHERS / exe] if p.exists()]
    return list(dict.fromkeys(found))


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", version)[:3])


def find() -> dict[str, tuple[str, str] | None]:
    """For each line: (interpreter, its version), the named release if found, else the newest."""
    chosen: dict[str, tuple[str, str] | None] = {}
    for wanted in versions():
        line = ".".join(wanted.split(".")[:2])
        found = [(p, v) for p in _candidates(line) if (v := _version_of(p))]
        found = [(p, v) for p, v in found if v.startswith(line + ".")]
        exact = [(p, v) for p, v in found if v == wanted]
        newest = sorted(found, key=lambda pv: _key(pv[1]))[-1:] if found else []
        chosen[wanted] = (exact or newest or [None])[0]
    return chosen


def problems(chosen=None) -> list[str]:
    """What differs from the named releases, with how to fix it."""
    chosen = find() if chosen is None else chosen
    out = []
    for wanted, hit in chosen.items():
        if hit is None:
            where = f"PATH, pyenv, uv, {LAUNCHERS}"
            out.append(f"CPython {wanted}: no python{_line(wanted)} found ({where}).")
        elif hit[1] != wanted:
            out.append(f"CPython {wanted}: found {hit[1]} at {hit[0]}, not {wanted}.")
    if out:
        out.append(
            "Get them with `nox -s pythons` (Debian or Ubuntu, as root), `pyenv install`, "
            "`uv python install` or your package manager. If a newer patch release is what you "
            "can get, verify with it and update [tool.mpdocs] pythons in pyproject.toml."
        )
    return out


def _line(version: str) -> str:
    return ".".join(version.split(".")[:2])


# --- provisioning --------------------------------------------------------------------------

LAUNCHER = """#!/bin/sh
# CPython {line} from the Debian {suite} chroot at {root}, made by `nox -s pythons`
# (tests/pythons.py). Runs "$0" (this file, or a venv's python that links here) inside the
# chroot, in a private mount namespace: the bind mounts vanish when the command ends.
# The project (MPDOCS_PROJECT, which the noxfile sets, or the working directory), /tmp and
# the folder of a script named by an absolute path are bound in at their own paths, so venvs
# there work inside and out.
exec unshare --mount --propagation private -- /bin/sh -c '
root=$1 exe=$2 project=$3; shift 3
for d in /proc /sys /dev /tmp "$project"; do
  mkdir -p "$root$d" && mount --rbind "$d" "$root$d" || exit 70
done
for a in "$@"; do  # a script given by path from elsewhere (a tool running its probe)
  case $a in /*) if [ -f "$a" ] && [ ! -e "$root$a" ]; then
    d=$(dirname "$a"); mkdir -p "$root$d" && mount --bind "$d" "$root$d" || exit 70
  fi;; esac
done
exec chroot "$root" /bin/sh -c "cd \\"\\$0\\" 2>/dev/null; exec \\"\\$@\\"" "$PWD" "$exe" "$@"
' sh "{root}" "$0" "${{MPDOCS_PROJECT:-$PWD}}" "$@"
"""


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, timeout=STEP_TIMEOUT, **kw)


def _mounted_under(path: Path) -> list[str]:
    prefix = str(path.resolve()) + "/"
    with open("/proc/self/mounts", encoding="utf-8") as f:
        points = [line.split()[1] for line in f]
    return [p for p in points if (p + "/").startswith(prefix)]


def _unmount_all(path: Path) -> None:
    for point in sorted(_mounted_under(path), key=len, reverse=True):
        subprocess.run(["umount", "-l", point], check=False)


def provision() -> int:
    began = time.monotonic()
    for line in lines():  # refresh the links: apt may have upgraded an interpreter
        if (CHROOT / "usr" / "bin" / f"python{line}").exists():
            _write_launcher(line)
    missing = [v for v, hit in find().items() if hit is None or hit[1] != v]
    if not missing:
        print("Every CPython of the matrix is here:", ", ".join(versions()))
        return 0
    if os.geteuid() != 0 or not Path("/etc/debian_version").exists() or not shutil.which("apt-get"):
        print("\n".join(problems()), file=sys.stderr)
        print("`nox -s pythons` needs root on Debian or Ubuntu.", file=sys.stderr)
        return 1
    lines_wanted = [_line(v) for v in missing]
    try:
        _ensure_chroot(lines_wanted)
    finally:
        _unmount_all(CHROOT)  # debootstrap mounts /proc and /sys inside; nothing may stay
    for line in lines_wanted:
        if (CHROOT / "usr" / "bin" / f"python{line}").exists():
            _write_launcher(line)
    left = problems()
    print(f"provisioning took {time.monotonic() - began:.0f} s")
    for hit in find().values():
        if hit:
            print(f"  {hit[1]:>8}  {hit[0]}")
    if left:
        print("\n".join(left), file=sys.stderr)
        return 1
    return 0


def _ensure_chroot(lines_wanted: list[str]) -> None:
    if not (CHROOT / "usr" / "bin" / "apt-get").exists():
        if not shutil.which("debootstrap"):
            _run(["apt-get", "update", "-qq"])
            _run(["apt-get", "install", "-y", "-qq", "debootstrap"],
                 env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})  # fmt: skip
        shutil.rmtree(CHROOT, ignore_errors=True)  # a half-made one from an interrupted run
        CHROOT.parent.mkdir(parents=True, exist_ok=True)
        _run(["debootstrap", "--variant=minbase", SUITE, str(CHROOT), DEBIAN_MIRROR])
    # A frozen registry snapshot has Release files past their Valid-Until date.
    (CHROOT / "etc/apt/apt.conf.d/99mpdocs").write_text('Acquire::Check-Valid-Until "false";\n')
    # pip inside reaches PyPI through the host's network settings and extra CAs.
    shutil.copy("/etc/resolv.conf", CHROOT / "etc/resolv.conf")
    extra_cas = CHROOT / "usr/local/share/ca-certificates"
    extra_cas.mkdir(parents=True, exist_ok=True)
    for cert in glob.glob("/usr/local/share/ca-certificates/*.crt"):
        shutil.copy(cert, extra_cas)
    packages = ["ca-certificates"]
    for line in lines_wanted:
        packages += [f"python{line}", f"python{line}-venv"]
    apt = ["chroot", str(CHROOT), "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]
    _run([*apt, "update", "-qq"])
    _run([*apt, "install", "-y", "-qq", "--no-install-recommends", *packages])
    _run(["chroot", str(CHROOT), "update-ca-certificates"], stdout=subprocess.DEVNULL)


def _write_launcher(line: str) -> None:
    LAUNCHERS.mkdir(parents=True, exist_ok=True)
    launcher = LAUNCHERS / f"python{line}"
    launcher.write_text(LAUNCHER.format(line=line, suite=SUITE, root=CHROOT), encoding="utf-8")
    launcher.chmod(0o755)
    # Inside the chroot the launcher's path is the interpreter itself (a hard link, so that
    # its real path, which tools report as the "system" interpreter, is the launcher's on the
    # host too); a venv made with the launcher (home = LAUNCHERS) resolves there as well.
    inner = CHROOT / str(LAUNCHERS).lstrip("/") / f"python{line}"
    inner.parent.mkdir(parents=True, exist_ok=True)
    inner.unlink(missing_ok=True)
    real = CHROOT / "usr" / "bin" / f"python{line}"
    try:
        os.link(real, inner)
    except OSError:
        shutil.copy2(real, inner)


def remove() -> int:
    _unmount_all(CHROOT)
    if _mounted_under(CHROOT):  # never delete through a bind mount of the host's /dev
        print(f"still mounted under {CHROOT}: {_mounted_under(CHROOT)}", file=sys.stderr)
        return 1
    shutil.rmtree(DIR, ignore_errors=True)
    print(f"removed {DIR}")
    return 0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "find"
    if command == "find":
        for wanted, hit in find().items():
            print(f"{wanted:>8}: " + (f"{hit[1]} at {hit[0]}" if hit else "missing"))
        left = problems()
        print("\n".join(left), file=sys.stderr)
        return 1 if left else 0
    if command == "provision":
        return provision()
    if command == "remove":
        return remove()
    if command == "list":
        print("\n".join(versions()))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
