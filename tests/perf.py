"""Timing tools behind `nox -s soak` and `nox -s bench` (not a test module).

    python tests/perf.py soak --repeat 20 --load 2 [-- PYTEST ARGS ...]
    python tests/perf.py bench [-- PYTEST ARGS ...]

soak runs the snippet suite again and again, optionally beside CPU-bound
burner processes, and reports for each snippet and start method its slowest
run against its timeout. The timeout rule (snippets/snippets.toml) is checked
against that: timeout >= MARGIN x slowest run under load, and >= MIN_TIMEOUT.

bench prints the wall time of the whole suite, its slowest snippet runs and
tests, and the build time of each language.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARGIN = 5  # timeout >= MARGIN x the slowest run seen under load ...
MIN_TIMEOUT = 20  # ... and never below this many seconds
MAX_BURNERS = 4 * (os.cpu_count() or 1)

# A burner spins until its time is up or its parent (this script) is gone, so
# it cannot outlive a soak that was killed.
BURNER = """\
import os, sys, time
parent, end = os.getppid(), time.monotonic() + float(sys.argv[1])
while time.monotonic() < end and os.getppid() == parent:
    for _ in range(200_000):
        pass
"""


def start_burners(count: int, seconds: float) -> list[subprocess.Popen]:
    if not 0 <= count <= MAX_BURNERS:
        raise SystemExit(f"--load must be between 0 and {MAX_BURNERS}")
    return [
        subprocess.Popen([sys.executable, "-c", BURNER, str(seconds)], start_new_session=True)
        for _ in range(count)
    ]


def stop_burners(burners: list[subprocess.Popen]) -> None:
    for proc in burners:
        proc.kill()
    for proc in burners:
        proc.wait()


def pytest(args: list[str], durations: Path) -> tuple[int, float, str]:
    began = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", f"--durations-file={durations}", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        output, _ = proc.communicate()
    except BaseException:  # Ctrl+C or SIGTERM: let pytest stop its snippets
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
        raise
    return proc.returncode, time.monotonic() - began, output


def read_durations(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def summary(runs: list[dict]) -> list[dict]:
    """Per snippet and start method: runs, slowest, median, timeout, rule."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for run in runs:
        groups.setdefault((run["snippet"], run["method"]), []).append(run)
    rows = []
    for (name, method), group in groups.items():
        seconds = [r["seconds"] for r in group]
        slowest = max(seconds)
        timeout = max(r["timeout"] for r in group)
        needed = max(MIN_TIMEOUT, math.ceil(MARGIN * slowest))
        rows.append(
            {
                "snippet": name,
                "method": method,
                "runs": len(group),
                "slowest": slowest,
                "median": statistics.median(seconds),
                "timeout": timeout,
                "needed": needed,
                "timed_out": sum(r["timed_out"] for r in group),
                "ok": timeout >= needed,
            }
        )
    return sorted(rows, key=lambda row: -row["slowest"])


def print_table(rows: list[dict]) -> None:
    print(
        f"{'snippet [method]':44} {'runs':>4} {'median':>7} {'slowest':>8} "
        f"{'timeout':>7} {'rule':>5} {'killed':>6}"
    )
    for row in rows:
        label = f"{row['snippet']} [{row['method']}]"
        flag = "" if row["ok"] else f"  <- raise timeout to {row['needed']}"
        print(
            f"{label:44} {row['runs']:4} {row['median']:6.2f}s {row['slowest']:7.2f}s "
            f"{row['timeout']:6g}s {row['needed']:4}s {row['timed_out']:6}{flag}"
        )


def soak(options, pytest_args: list[str]) -> int:
    tests = pytest_args or ["tests/test_snippets.py"]
    args = ["-n", options.workers, "-p", "no:cacheprovider", *tests]
    durations = Path(tempfile.mkdtemp(prefix="mpdocs-soak-")) / "durations.jsonl"
    print(
        f"soak: {options.repeat} runs of `pytest {' '.join(args)}` beside "
        f"{options.load} CPU burner(s) on {os.cpu_count()} cores"
    )
    burners = start_burners(options.load, options.max_seconds)
    results = []
    began = time.monotonic()
    try:
        for i in range(1, options.repeat + 1):
            code, took, output = pytest(args, durations)
            results.append(code)
            tail = output.strip().splitlines()[-1] if output.strip() else ""
            print(f"run {i:3}/{options.repeat}: exit {code} in {took:6.1f} s  {tail}", flush=True)
            if code != 0:
                print(output)
            if time.monotonic() - began > options.max_seconds:
                print(f"stopping: over --max-seconds {options.max_seconds:g}")
                break
    finally:
        stop_burners(burners)
    rows = summary(read_durations(durations))
    print()
    print_table(rows)
    failures = sum(code != 0 for code in results)
    broken = [row for row in rows if not row["ok"]]
    print(
        f"\n{len(results) - failures} passed, {failures} failed of {len(results)} suite runs "
        f"({len(read_durations(durations))} snippet runs, load {options.load}); "
        f"rule: timeout >= max({MIN_TIMEOUT}, {MARGIN} x slowest): "
        f"{'met by every snippet' if not broken else f'{len(broken)} below it'}"
    )
    print(f"durations: {durations}")
    if options.summary:
        Path(options.summary).write_text(json.dumps({"results": results, "rows": rows}, indent=1))
    return 1 if failures or broken else 0


def timed(command: list[str]) -> tuple[int, float, str]:
    began = time.monotonic()
    proc = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return proc.returncode, time.monotonic() - began, proc.stdout + proc.stderr


def bench(options, pytest_args: list[str]) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="mpdocs-bench-"))
    status = 0
    for language in ("zh", "en"):
        config = f"docs/mkdocs.{language}.yml"
        code, took, output = timed(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(tmp / language)]
        )
        print(f"build {language}: {took:5.1f} s{'' if code == 0 else ' (FAILED)'}")
        if code:
            print(output)
            status = 1
    durations = tmp / "durations.jsonl"
    args = ["-n", options.workers, "--durations=8", *pytest_args]
    code, took, output = pytest(args, durations)
    lines = output.strip().splitlines()
    print(f"suite: {took:5.1f} s wall, `pytest {' '.join(args)}`: {lines[-1] if lines else ''}")
    start = next((i for i, line in enumerate(lines) if "slowest 8 durations" in line), None)
    if start is not None:
        print("slowest tests:")
        for line in lines[start + 1 : start + 9]:
            print("  " + line)
    runs = sorted(read_durations(durations), key=lambda r: -r["seconds"])
    if runs:
        print("slowest snippet runs:")
        for run in runs[:5]:
            print(
                f"  {run['seconds']:6.2f} s  {run['snippet']} [{run['method']}] "
                f"(timeout {run['timeout']:g} s)"
            )
    if code:
        print(output)
    return status or code


def main(argv: list[str]) -> int:
    ours, pytest_args = argv, []
    if "--" in argv:  # what follows goes to pytest
        split = argv.index("--")
        ours, pytest_args = argv[:split], argv[split + 1 :]
    parser = argparse.ArgumentParser(prog="tests/perf.py", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    soak_parser = commands.add_parser("soak", help="the snippet suite N times, under load")
    soak_parser.add_argument("--repeat", type=int, default=20, help="suite runs (20)")
    soak_parser.add_argument(
        "--load", type=int, default=0, help=f"CPU burner processes, 0-{MAX_BURNERS} (0)"
    )
    soak_parser.add_argument(
        "--max-seconds", type=float, default=3600, help="stop starting runs after this (3600)"
    )
    soak_parser.add_argument("--summary", help="also write the figures to this JSON file")
    bench_parser = commands.add_parser("bench", help="wall time of the suite and the builds")
    for sub in (soak_parser, bench_parser):
        sub.add_argument("--workers", default="auto", help="pytest -n (auto)")
    options = parser.parse_args(ours)
    return (soak if options.command == "soak" else bench)(options, pytest_args)


def _stop(signum, frame):
    raise SystemExit(f"stopped by signal {signum}")


if __name__ == "__main__":
    # Stop cleanly (burners stopped, pytest interrupted) on SIGTERM, and on
    # Ctrl+C even when started as a background job, which ignores SIGINT.
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.exit(main(sys.argv[1:]))
