"""Run a snippet as a real script and compare what it prints with its recorded output.

Everything a test needs to know about one snippet lives in snippets/snippets.toml
(see the comment at its top); this module reads it, runs the snippet in its own
process group with a timeout, and normalizes output only as that file declares.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import uuid
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

import contextlib

import psutil

import pythons  # tests/pythons.py: the CPython lines of the matrix

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
OUTPUTS = SNIPPETS / "outputs"
SETTINGS_FILE = SNIPPETS / "snippets.toml"
START_METHOD_HOOK = Path(__file__).resolve().parent / "startmethod"
START_METHODS = ("fork", "spawn", "forkserver")

# Every process a snippet starts inherits this variable, which is how leftover
# processes are found, whatever their process group: "<suite id>/<run id>".
MARKER = "MPDOCS_RUN"
SUITE_ID = uuid.uuid4().hex[:12]  # set per run by docs_plugin

# `--durations-file PATH` (docs_plugin) or this variable: append one JSON line
# per run (snippet, start method, seconds, timeout, outcome) to PATH; the
# `nox -s soak` and `nox -s bench` sessions read it.
DURATIONS_FILE = os.environ.get("MPDOCS_DURATIONS_FILE")

# `interrupt`: the runner presses Ctrl+C this long after the awaited text
# appears (no person is quicker), so that the processes have moved on from
# printing it to what they do next (a sleep, a wait) when SIGINT arrives.
INTERRUPT_DELAY = 0.2

# How long a process started by a snippet may outlive it (a resource tracker or
# fork server noticing that its parent is gone) before it counts as leaked.
LEFTOVER_GRACE = 3.0

# POSIX shared-memory blocks and named semaphores are files here (Linux). A
# run's entries that are still here once its processes (and so its resource
# tracker) are gone are leftovers; they may take this long to go.
SHM_DIR = Path("/dev/shm")
SHM_GRACE = 1.0

NORMALIZERS = {
    # "pid 1234", "parent pid: 1234", "PID=1234" -> "pid <N>"
    "pids": (re.compile(r"(?i)\b(p?pid)\b(\W{0,3})\d+"), r"\1\2<N>"),
    # 1.5 s, 0.25s, 6.01 seconds -> <T> s
    "durations": (
        re.compile(r"\b\d+(?:\.\d+)?(\s?)(s|seconds?)\b"),
        r"<T>\1\2",
    ),
    # time.asctime() and HH:MM:SS clock times
    "clock-times": (
        re.compile(r"\b(?:\w{3} \w{3} [ \d]\d )?\d\d:\d\d:\d\d(?:\.\d+)?(?: \d{4})?"),
        "<CLOCK>",
    ),
    # 127.0.0.1:54321 -> 127.0.0.1:<PORT>
    "ports": (re.compile(r"\b(127\.0\.0\.1):\d+"), r"\1:<PORT>"),
    # object addresses such as "at 0x7f3a2c1d0e50"
    "addresses": (re.compile(r"\b0x[0-9a-f]{6,}\b"), "0x<ADDR>"),
    # Traceback frames in the standard library (and <string>, <frozen ...>),
    # and ^^^/~~~ marker lines: Python versions differ in their line numbers,
    # internal frames and markers. The snippet's own frames stay.
    "stdlib-frames": (
        re.compile(
            r'(?m)^(?:  File "(?:/path/to/python/lib/|<)[^\n]*\n(?:    [^\n]*\n)*'
            r"|[ \t]+[~^]+[ \t]*\n)"
        ),
        "",
    ),
}
# The notes pickle adds below an error since 3.14 ("when serializing tuple item 0").
NORMALIZERS["pickle-notes"] = (re.compile(r"(?m)^when serializing [^\n]*\n"), "")
LINE_ORDER = "line-order"  # lines printed by concurrent processes: compare sorted
KNOWN_NORMALIZERS = {*NORMALIZERS, LINE_ORDER}

KNOWN_KEYS = {
    "timeout",
    "start_methods",
    "platforms",
    "normalize",
    "replace",
    "expect",
    "args",
    "env",
    "companion",
    "companion_only",
    "ready",
    "output",
    "note",
    "buffered",
    "recorded_by",
    "hangs",
    "interrupt",
    "explains",
}
PER_METHOD_KEYS = {"expect", "output", "normalize", "replace", "timeout", "hangs", "interrupt"}
# A sub-table for Python versions: "3.14" (that line), "3.13.8" (that release), "3.14+" (that
# line and later), "3.13.8+" (that release and later). It overrides PER_METHOD_KEYS.
VERSION_KEY = re.compile(r"^(\d+)\.(\d+)(?:\.(\d+))?(\+?)$")
PYTHON = sys.version_info[:3]
MATRIX_LINES = tuple(tuple(int(n) for n in line.split(".")) for line in pythons.lines())


class SettingsError(Exception):
    """snippets.toml says something the runner does not understand."""


@dataclasses.dataclass(frozen=True)
class Expect:
    exit_code: int = 0
    exception: str | None = None  # name of the exception whose traceback must appear


@dataclasses.dataclass(frozen=True)
class Snippet:
    name: str
    timeout: float
    start_methods: tuple[str, ...]
    platforms: tuple[str, ...]
    normalize: tuple[str, ...]
    replace: tuple[tuple[str, str], ...]
    expect: Expect
    args: tuple[str, ...]
    env: dict
    companion: str | None
    companion_only: bool
    ready: str | None
    output: str  # file name under snippets/outputs/
    buffered: bool = False  # run without -u: stdout a block-buffered pipe
    recorded_by: str | None = None  # the command that records the output, if not `nox -s record`
    hangs: float | None = None  # must still be running after this many seconds
    interrupt: str | None = None  # Ctrl+C (SIGINT to the group) once this text is printed
    python: tuple[int, ...] = PYTHON  # the version these settings were resolved for

    @property
    def path(self) -> Path:
        return SNIPPETS / f"{self.name}.py"

    @property
    def output_path(self) -> Path:
        return OUTPUTS / self.output


def _expect(table: dict | None, where: str) -> Expect:
    table = table or {}
    unknown = set(table) - {"exit_code", "exception"}
    if unknown:
        raise SettingsError(f"{where}: unknown expect keys {sorted(unknown)}")
    return Expect(
        exit_code=int(table.get("exit_code", 1 if "exception" in table else 0)),
        exception=table.get("exception"),
    )


def load_settings(path: Path = SETTINGS_FILE) -> dict[str, dict]:
    with path.open("rb") as f:
        return tomllib.load(f)


def snippet_names() -> list[str]:
    return sorted(p.stem for p in SNIPPETS.glob("*.py"))


def _version_matches(key: str, python: tuple[int, ...]) -> bool:
    major, minor, patch, plus = VERSION_KEY.match(key).groups()
    wanted = (int(major), int(minor), *([int(patch)] if patch else []))
    have = tuple(python[: len(wanted)])
    return have >= wanted if plus else have == wanted


def _version_key_order(key: str) -> tuple[int, ...]:
    major, minor, patch, _ = VERSION_KEY.match(key).groups()
    return (int(major), int(minor), int(patch or 0))


def _apply_versions(merged: dict, table: dict, python, where: str) -> None:
    """Pop the version sub-tables from `table`; apply those matching `python` to `merged`,
    older specs first, so "3.15+" overrides "3.14+"."""
    keys = sorted((k for k in table if VERSION_KEY.match(k)), key=_version_key_order)
    for key in keys:
        override = table.pop(key)
        bad = set(override) - PER_METHOD_KEYS
        if bad:
            raise SettingsError(f'{where}."{key}": cannot override {sorted(bad)}')
        if _version_matches(key, python):
            merged.update(override)


def get_snippet(
    name: str, method: str | None = None, settings=None, python: tuple[int, ...] = PYTHON
) -> Snippet:
    """The settings of one snippet, with the overrides for `method` and the Python version
    `python` (default: this interpreter) applied."""
    settings = load_settings() if settings is None else settings
    defaults = settings.get("defaults", {})
    table = dict(settings.get(name, {}))
    where = f"snippets/snippets.toml [{name}]"
    overrides = {m: dict(table.pop(m)) for m in START_METHODS if m in table}
    versioned: dict = {}
    _apply_versions(versioned, table, python, where)
    unknown = set(table) - KNOWN_KEYS
    if unknown:
        raise SettingsError(f"{where}: unknown keys {sorted(unknown)}")
    merged = {**defaults, **table, **versioned}
    for m, override in overrides.items():
        method_versioned: dict = {}
        _apply_versions(method_versioned, override, python, f"{where}.{m}")
        bad = set(override) - PER_METHOD_KEYS
        if bad:
            raise SettingsError(f"{where}.{m}: cannot override {sorted(bad)}")
        if m == method:
            merged.update(override)
            merged.update(method_versioned)
    normalize = tuple(merged.get("normalize", ()))
    for n in normalize:
        if n not in KNOWN_NORMALIZERS:
            raise SettingsError(
                f"{where}: unknown normalizer {n!r}; known: {sorted(KNOWN_NORMALIZERS)}"
            )
    hangs = merged.get("hangs")
    timeout = float(merged.get("timeout", 30))
    if hangs is not None and not (isinstance(hangs, (int, float)) and 0 < hangs < timeout):
        raise SettingsError(
            f"{where}: hangs must be a number of seconds above 0 and below the timeout "
            f"({timeout:g} s), not {hangs!r}"
        )
    interrupt = merged.get("interrupt")
    if interrupt is not None and not (isinstance(interrupt, str) and interrupt.strip()):
        raise SettingsError(f"{where}: interrupt must be the text of a line the snippet prints")
    methods = tuple(merged.get("start_methods", START_METHODS))
    if not set(methods) <= set(START_METHODS):
        raise SettingsError(f"{where}: start_methods must be among {START_METHODS}")
    return Snippet(
        name=name,
        timeout=timeout,
        start_methods=methods,
        platforms=tuple(merged.get("platforms", ("posix", "nt"))),
        normalize=normalize,
        replace=tuple(tuple(pair) for pair in merged.get("replace", ())),
        expect=_expect(merged.get("expect"), where),
        args=tuple(str(a) for a in merged.get("args", ())),
        env={str(k): str(v) for k, v in merged.get("env", {}).items()},
        companion=merged.get("companion"),
        companion_only=bool(merged.get("companion_only", False)),
        ready=merged.get("ready"),
        output=merged.get("output", f"{name}.txt"),
        buffered=bool(merged.get("buffered", False)),
        recorded_by=merged.get("recorded_by"),
        hangs=float(hangs) if hangs is not None else None,
        interrupt=interrupt,
        python=tuple(python),
    )


def recorders(name: str, settings=None) -> dict[str, tuple[tuple[int, ...], str]]:
    """Which run records each output file of the snippet: output file -> (Python line,
    start method). The newest line of the matrix whose run writes the file records it (the
    page shows what today's Python prints), under the first of its start_methods."""
    settings = load_settings() if settings is None else settings
    chosen: dict[str, tuple[tuple[int, ...], str]] = {}
    for line in sorted(MATRIX_LINES, reverse=True):
        python = (*line, 99)  # the newest release of the line
        for method in get_snippet(name, settings=settings, python=python).start_methods:
            output = get_snippet(name, method, settings, python).output
            chosen.setdefault(output, (line, method))
    return chosen


def record_methods(name: str, settings=None) -> tuple[str, ...]:
    """The start methods whose runs on this Python --update-outputs records (none when
    another line of the matrix records every output of the snippet)."""
    line = PYTHON[:2]
    return tuple(m for ln, m in recorders(name, settings).values() if ln == line)


def check_settings_file(settings=None) -> list[str]:
    """Problems in snippets.toml: tables for missing snippets, bad keys."""
    settings = load_settings() if settings is None else settings
    names = set(snippet_names())
    problems = []
    for name in settings:
        if name == "defaults":
            continue
        if name not in names:
            problems.append(
                f"snippets/snippets.toml has a table [{name}] but snippets/{name}.py "
                "does not exist: remove the table or add the snippet."
            )
            continue
        try:
            for method in (None, *START_METHODS):
                for line in MATRIX_LINES:
                    get_snippet(name, method, settings, (*line, 99))
        except SettingsError as e:
            problems.append(str(e))
    return problems


# --- running -----------------------------------------------------------------


@dataclasses.dataclass
class Run:
    snippet: Snippet
    method: str
    returncode: int | None  # None: killed (on timeout, or after its declared hang)
    output: str  # stdout and stderr, interleaved as a terminal would show them
    duration: float
    leftovers: list[str]  # processes still alive after the snippet ended
    shm_leftovers: list[str] = dataclasses.field(default_factory=list)  # /dev/shm entries
    hung: bool = False  # declared `hangs` and still running then: killed on purpose
    interrupted: bool = False  # the `interrupt` text appeared and Ctrl+C was sent

    @property
    def timed_out(self) -> bool:
        return self.returncode is None and not self.hung

    @property
    def label(self) -> str:
        return (
            f"snippets/{self.snippet.name}.py [{self.method}] "
            f"on CPython {platform.python_version()}"
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def snippet_env(method: str, run_id: str, extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONSTARTUP", None)
    env.update(extra or {})
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(START_METHOD_HOOK), env.get("PYTHONPATH")])
    )
    env["MPDOCS_START_METHOD"] = method
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONHASHSEED"] = "0"
    env[MARKER] = f"{SUITE_ID}/{run_id}"
    env.update(_ShmWatch(env[MARKER]).env())
    return env


def processes_with_marker(prefix: str, session: int | None = None) -> list[psutil.Process]:
    """Live processes (not zombies) whose MPDOCS_RUN starts with prefix.

    With `session` (the snippet's PID: it runs in a session of its own), also
    the processes still in that session, which catches a process that replaced
    its environment (execve with a clean env) but not a daemon that also left
    the session; the marker catches that one.
    """
    found = []
    me = os.getpid()
    for proc in psutil.process_iter(["pid"]):
        if proc.pid == me:
            continue
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:
                continue
            in_session = session is not None and os.getsid(proc.pid) == session
            if in_session or proc.environ().get(MARKER, "").startswith(prefix):
                found.append(proc)
        except (psutil.Error, OSError):
            continue
    return found


def describe(proc: psutil.Process) -> str:
    try:
        return f"pid {proc.pid}: {' '.join(proc.cmdline())[:160]}"
    except psutil.Error:
        return f"pid {proc.pid}"


def _running(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def kill_all(procs: list[psutil.Process], timeout: float = 5.0) -> None:
    """SIGKILL each process and wait until it is dead. A zombie counts as dead:
    an orphan's zombie waits for PID 1 to reap it, which may take seconds in a
    container (psutil.wait_procs would wait for that too)."""
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    deadline = time.monotonic() + timeout
    while (procs := [p for p in procs if _running(p)]) and time.monotonic() < deadline:
        time.sleep(0.02)


def reap_leftovers(
    marker: str, grace: float | None = None, session: int | None = None
) -> list[str]:
    """Wait up to `grace` seconds (default LEFTOVER_GRACE) for the processes of
    a run to go, then kill them.

    Returns a description of each process that had to be killed.
    """
    deadline = time.monotonic() + (LEFTOVER_GRACE if grace is None else grace)
    while True:
        procs = processes_with_marker(marker, session)
        if not procs or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    described = [describe(p) for p in procs]
    kill_all(procs)
    return described


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def start(snippet: Snippet, method: str, run_id: str, fmt: dict | None = None) -> subprocess.Popen:
    """Start `python -u snippets/NAME.py ARGS` in a new session (process group)."""
    fmt = fmt or {}
    args = [a.format(**fmt) for a in snippet.args]
    env = snippet_env(method, run_id, {k: v.format(**fmt) for k, v in snippet.env.items()})
    if snippet.buffered:  # as `python NAME.py | cat` runs it: output buffered
        env.pop("PYTHONUNBUFFERED", None)
    else:  # as in a terminal: one write per line (see tests/startmethod/sitecustomize.py)
        env["MPDOCS_LINE_BUFFERED"] = "1"
    with _ctrl_c_as_in_a_terminal():
        return subprocess.Popen(
            [sys.executable, *([] if snippet.buffered else ["-u"]), str(snippet.path), *args],
            cwd=SNIPPETS,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@contextlib.contextmanager
def _ctrl_c_as_in_a_terminal():
    """Start the snippet with SIGINT at its default, as a terminal would.

    A background job (`cmd &` in a script, nohup, some CI runners) starts with
    SIGINT ignored, and exec keeps an ignored signal ignored: a server snippet
    would then sit through the Ctrl+C (SIGINT) that Companion.stop sends until
    its timeout. exec resets a *handled* signal to its default, so the parent
    handles SIGINT while the child starts.
    """
    try:
        ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
        if ignored:
            signal.signal(signal.SIGINT, signal.default_int_handler)
    except ValueError:  # not the main thread: leave it as it is
        ignored = False
    try:
        yield
    finally:
        if ignored:
            signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Output:
    """Reads a snippet's output in a thread until end of file.

    Waiting for the end of the output (as communicate() does) would wait for
    every process that inherited the pipe: a leftover daemon would hang the
    test past any timeout. So the runner waits for the snippet's own process,
    deals with leftovers, and only then collects the output.
    """

    def __init__(self, stream, watch: str | None = None, on_seen=None):
        self.chunks: list[bytes] = []
        self._watch = watch.encode("utf-8") if watch else None
        self._on_seen = on_seen  # called once, in this thread, when `watch` appears
        self.seen = False
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream) -> None:
        while chunk := stream.read1(65536):
            self.chunks.append(chunk)
            if self._watch and not self.seen and self._watch in b"".join(self.chunks):
                self.seen = True
                self._on_seen()

    def text(self, wait: float = 5.0) -> tuple[str, bool]:
        """(output so far, whether it reached end of file within `wait` s)."""
        self.thread.join(wait)
        return b"".join(self.chunks).decode("utf-8", errors="replace"), not self.thread.is_alive()


def _press_ctrl_c(proc: subprocess.Popen, pressed: threading.Event) -> None:
    """SIGINT to the snippet's process group, as Ctrl+C in a terminal sends it
    to every process of the foreground job."""
    time.sleep(INTERRUPT_DELAY)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGINT)
    pressed.set()


def run_snippet(snippet: Snippet, method: str, fmt: dict | None = None) -> Run:
    """Run the snippet; on timeout kill its group and every process of the run.

    A snippet declared to hang (`hangs`) is killed the same way once it has run
    that long (with `interrupt` too: that long after Ctrl+C); one with `interrupt`
    gets Ctrl+C when it prints that text.
    """
    run_id = f"{snippet.name}[{method}]-{uuid.uuid4().hex[:6]}"
    marker = f"{SUITE_ID}/{run_id}"
    began = time.monotonic()
    proc = start(snippet, method, run_id, fmt)
    pressed = threading.Event()
    output = _Output(proc.stdout, snippet.interrupt, lambda: _press_ctrl_c(proc, pressed))
    hung = False
    wait_for = snippet.hangs or snippet.timeout
    if snippet.hangs is not None and snippet.interrupt is not None:
        # `hangs` counts from Ctrl+C: a slow start must not use up the time it hangs.
        while proc.poll() is None and not pressed.wait(0.05):
            if time.monotonic() - began > snippet.timeout:
                break
        wait_for = snippet.hangs if pressed.is_set() else 0
    try:
        code = proc.wait(wait_for)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        proc.wait()
        code = None
        hung = snippet.hangs is not None and wait_for == snippet.hangs  # not a timeout
    duration = time.monotonic() - began
    if code is None:  # kill the rest of the run too: daemons outside the group
        reap_leftovers(marker, grace=0, session=proc.pid)
        leftovers = []  # killed with the snippet: the timeout is the failure
    else:
        leftovers = reap_leftovers(marker, session=proc.pid)
    out, complete = output.text()
    if complete:
        proc.stdout.close()
    else:
        leftovers.append(_UNMARKED_HOLDER)
    shm = _ShmWatch(marker).leftovers(grace=0 if code is None else SHM_GRACE)
    run = Run(snippet, method, code, tidy(out), duration, leftovers, shm, hung, output.seen)
    record_duration(run)
    return run


def record_duration(run: Run) -> None:
    """Append the run's duration to DURATIONS_FILE, if one is set (one short
    O_APPEND write per line, so xdist workers can share the file)."""
    if not DURATIONS_FILE:
        return
    line = json.dumps(
        {
            "snippet": run.snippet.name,
            "method": run.method,
            "seconds": round(run.duration, 3),
            "timeout": run.snippet.timeout,
            "returncode": run.returncode,
            "timed_out": run.timed_out,
            "hung": run.hung,
            "leftovers": len(run.leftovers),
        }
    )
    fd = os.open(DURATIONS_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, (line + "\n").encode())
    finally:
        os.close(fd)


class _ShmWatch:
    """What one run creates in /dev/shm, told apart from concurrent runs.

    Entry names carry no PID (multiprocessing picks random ones), so every
    process of the run reports its own: tests/startmethod/sitecustomize.py
    appends the name of each shared-memory block it creates to a log file of
    the run, and gives the run's named semaphores a prefix of their own.
    """

    def __init__(self, marker: str):
        tag = hashlib.sha1(marker.encode()).hexdigest()[:10]
        self.log = Path(tempfile.gettempdir()) / f"mpdocs-shm-{tag}.log"
        self.semprefix = f"/mp-{tag}"  # semaphore "/mp-TAG-xxxx": /dev/shm/sem.mp-TAG-xxxx

    def env(self) -> dict[str, str]:
        if not SHM_DIR.is_dir():
            return {}
        return {"MPDOCS_SHM_LOG": str(self.log), "MPDOCS_SEMPREFIX": self.semprefix}

    def _entries(self) -> set[str]:
        try:
            names = self.log.read_text(encoding="utf-8").split()
        except FileNotFoundError:
            names = []
        found = {name.lstrip("/") for name in names if (SHM_DIR / name.lstrip("/")).exists()}
        found.update(p.name for p in SHM_DIR.glob(f"sem.{self.semprefix[1:]}-*"))
        return found

    def leftovers(self, grace: float) -> list[str]:
        """Entries of the run still in /dev/shm after `grace` seconds, removed now."""
        if not SHM_DIR.is_dir():
            return []
        deadline = time.monotonic() + grace
        while (entries := self._entries()) and time.monotonic() < deadline:
            time.sleep(0.05)
        for entry in entries:
            with contextlib.suppress(FileNotFoundError):
                (SHM_DIR / entry).unlink()
        with contextlib.suppress(FileNotFoundError):
            self.log.unlink()
        return sorted(f"/dev/shm/{entry}" for entry in entries)


_UNMARKED_HOLDER = (
    "an unmarked process (it replaced its environment and left the session) "
    "still holds the snippet's output open"
)


class Companion:
    """A server snippet started before its client and stopped with Ctrl+C after it."""

    def __init__(self, snippet: Snippet, method: str, fmt: dict):
        if not snippet.ready:
            raise SettingsError(
                f"snippets/snippets.toml [{snippet.name}]: a companion needs "
                "`ready`, the text it prints once it is ready for clients"
            )
        self.snippet, self.method, self.fmt = snippet, method, fmt
        self.run_id = f"{snippet.name}[{method}]-{uuid.uuid4().hex[:6]}"
        self.lines: list[str] = []
        self._ready = threading.Event()

    def __enter__(self) -> Companion:
        self.began = time.monotonic()
        self.proc = start(self.snippet, self.method, self.run_id, self.fmt)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not self._ready.wait(self.snippet.timeout):
            self.stop()
            raise TimeoutError(
                f"snippets/{self.snippet.name}.py [{self.method}] did not print "
                f"{self.snippet.ready!r} within {self.snippet.timeout:g} s. "
                f"Output so far:\n{self.output}"
            )
        return self

    def _read(self) -> None:
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", errors="replace")
            self.lines.append(line)
            if self.snippet.ready in line:
                self._ready.set()

    @property
    def output(self) -> str:
        return tidy("".join(self.lines))

    def stop(self) -> Run:
        """Ctrl+C, as a reader would press it; SIGKILL to the group on timeout."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            code = self.proc.wait(self.snippet.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(self.proc)
            self.proc.wait()
            code = None
        duration = time.monotonic() - self.began
        # Leftovers first: one that inherited the pipe would hold the output open.
        marker = f"{SUITE_ID}/{self.run_id}"
        if code is None:
            reap_leftovers(marker, grace=0, session=self.proc.pid)
            leftovers = []
        else:
            leftovers = reap_leftovers(marker, session=self.proc.pid)
        self._reader.join(5)  # the rest of the output, up to end of file
        if self._reader.is_alive():
            leftovers.append(_UNMARKED_HOLDER)
        shm = _ShmWatch(marker).leftovers(grace=0 if code is None else SHM_GRACE)
        run = Run(self.snippet, self.method, code, self.output, duration, leftovers, shm)
        record_duration(run)
        return run

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            self.stop()


# --- comparing ---------------------------------------------------------------

_STDLIB = sysconfig.get_paths()["stdlib"]


def tidy(text: str) -> str:
    """What every recorded output goes through: machine-specific paths elided,
    line endings unified, trailing spaces dropped, one final newline."""
    text = text.replace("\r\n", "\n")
    text = text.replace(str(SNIPPETS) + os.sep, "/path/to/")
    text = text.replace(str(SNIPPETS), "/path/to")  # sys.path lists the folder itself
    text = text.replace(_STDLIB + os.sep, "/path/to/python/lib/")
    text = text.replace(sys.prefix + os.sep, "/path/to/venv/")  # the suite's environment
    text = text.replace(str(ROOT) + os.sep, "/path/to/project/")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def normalize(text: str, snippet: Snippet) -> str:
    """Mask only what the snippet declares to vary from run to run."""
    text = tidy(text)
    for pattern, repl in snippet.replace:
        text = re.sub(pattern, repl, text, flags=re.MULTILINE)
    for name in snippet.normalize:
        if name in NORMALIZERS:
            regex, repl = NORMALIZERS[name]
            text = regex.sub(repl, text)
    if LINE_ORDER in snippet.normalize:
        text = "\n".join(sorted(text.splitlines())) + "\n"
    return text


_TRACEBACK = "Traceback (most recent call last):"
_EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*)(?::|$)")


def raised_exceptions(output: str) -> list[str]:
    """The exception names of every traceback in the output, in order."""
    names = []
    lines = output.splitlines()
    for i, line in enumerate(lines):
        if line.strip() != _TRACEBACK:
            continue
        for later in lines[i + 1 :]:
            m = _EXCEPTION_LINE.match(later)
            if m:
                names.append(m.group(1).rsplit(".", 1)[-1])
                break
    return names


def outcome_problems(run: Run) -> list[str]:
    """How the run's exit status or tracebacks differ from what is declared."""
    expect = run.snippet.expect
    problems = []
    if run.snippet.interrupt is not None and not run.interrupted:
        ended = (
            f"was killed after {run.duration:.1f} s"
            if run.returncode is None
            else f"ended with exit code {run.returncode}"
        )
        return [
            f"{run.label} never printed {run.snippet.interrupt!r}, the text that "
            "`interrupt` in snippets/snippets.toml waits for before it presses Ctrl+C "
            f"(SIGINT to the snippet's process group); the snippet {ended} without it. "
            "Make the snippet print that text once it is ready for Ctrl+C, or fix "
            f"`interrupt`. Output:\n{run.output}"
        ]
    if run.snippet.hangs is not None and not run.hung:
        how = f"ended after {run.duration:.1f} s with exit code {run.returncode}"
        return [
            f"{run.label} is declared to hang (`hangs = {run.snippet.hangs:g}` in "
            f"snippets/snippets.toml: still running after {run.snippet.hangs:g} s), "
            f"but it {how}. If the hang is gone on purpose (a fix, a new Python "
            "version), remove `hangs`, re-record the output and update the page that "
            "shows the hang; otherwise make the snippet block again where the page "
            f"says it does. Output:\n{run.output}"
        ]
    if run.timed_out:
        return [
            f"{run.label} did not finish within its timeout of "
            f"{run.snippet.timeout:g} s; its process group was killed. If it is "
            "just slow, raise `timeout` in snippets/snippets.toml; if it hangs, "
            "fix the snippet (an unjoined process, a get() with no put()?). "
            f"Output before it was killed:\n{run.output}",
            *shm_problems(run),
        ]
    if run.hung:
        pass  # killed on purpose once the declared hang was shown: no exit code
    elif run.returncode != expect.exit_code:
        problems.append(
            f"{run.label} exited with code {run.returncode}, expected "
            f"{expect.exit_code}. Fix the snippet, or declare the failure in "
            "snippets/snippets.toml (expect = {exit_code = ..., exception = ...})."
        )
    raised = raised_exceptions(run.output)
    if expect.exception is None and raised:
        problems.append(
            f"{run.label} printed a traceback ({', '.join(raised)}) but is not "
            "declared to fail. Fix the snippet or declare `expect` in "
            "snippets/snippets.toml."
        )
    if expect.exception is not None and expect.exception not in raised:
        problems.append(
            f"{run.label} was declared to fail with {expect.exception}, but "
            f"{'it raised ' + ', '.join(raised) if raised else 'no traceback appeared'}."
            " If it no longer fails, update `expect` in snippets/snippets.toml "
            "and the page that explains the failure."
        )
    if run.leftovers:
        problems.append(
            f"{run.label} left processes running after it exited (killed now): "
            + "; ".join(run.leftovers)
            + ". Join or terminate every process the snippet starts."
        )
    # A run killed on purpose after its declared hang could not clean up: not its fault.
    return problems + ([] if run.hung else shm_problems(run))


def shm_problems(run: Run) -> list[str]:
    """A message for each entry the run left in /dev/shm."""
    problems = []
    for entry in run.shm_leftovers:
        if Path(entry).name.startswith("sem."):
            what = (
                "a named semaphore (a Lock, Semaphore, Event or Queue under spawn or "
                "forkserver) that was never unlinked. Let the processes that use it "
                "end normally: join them, and do not leave with os._exit()."
            )
        else:
            what = (
                "a shared-memory block that was never unlinked. Call unlink() once, "
                "in one process, on every block the snippet creates; close() alone "
                "leaves the block in place."
            )
        problems.append(f"{run.label} left {entry} behind (removed now): {what}")
    return problems
