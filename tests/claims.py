"""The speed claims of docs/*/performance.md, measured and checked: `nox -s claims`.

    python tests/claims.py               measure with full settings, check every claim
    python tests/claims.py --record      the same; if every claim holds, write the outputs
                                         (snippets/outputs/perf_*.txt) and redraw the charts
    python tests/claims.py --recorded    check the recorded outputs only (measures nothing)

Every claim is a ratio of two figures printed by one run of one snippet, so it holds
whatever the machine's speed: "2 processes finish the CPU-bound work at least 1.5x
faster than 2 threads" is `time of 2 threads / time of 2 processes >= 1.5`. CLAIMS is
the one table of them; both pages state each claim in the words of its `en` or `zh`
text (tests/test_claims.py checks that they do), so a page cannot promise more than
is checked here.

The thresholds are for a machine with at least two idle cores running the default
(GIL) build of CPython. On fewer cores the run fails without measuring; on a
free-threaded build it fails after measuring, since the thread claims describe the
GIL. Run it when nothing else competes for the CPU: the snippets run one at a time,
each after waiting up to SETTLE seconds for the machine to go quiet, and the report
says how busy it was.
A snippet whose claims do not all hold is run again after a pause, up to ATTEMPTS
times in all: each verdict comes from one run, so a claim made false fails every
time. `--record` also asks that a run be steady (STEADY) before it writes what the
page shows.

The ordinary snippet tests (tests/test_snippets.py) run the same snippets with
`--quick` (snippets/snippets.toml) and compare their output with the recorded one,
numbers masked; they check no speed.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import sys
import time
from pathlib import Path

import snippet_runner as sr

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = (
    "perf_cpu_bound",
    "perf_io_bound",
    "perf_start_cost",
    "perf_data_throughput",
    "perf_pool_chunksize",
)
MIN_CORES = 2
ATTEMPTS = 5  # runs of a snippet at most, while one of its claims does not hold
PAUSE = 10  # seconds before measuring a snippet again: a busy spell on the host may pass
SETTLE = 30  # seconds at most to wait, before a run, for other processes to go quiet
TIMEOUT = 600  # seconds for one full-settings run of one snippet
BUSY_WARNING = 20  # percent of the CPU used by others before a run: say so


# --- figures: what a run printed, by name ----------------------------------------


class FigureError(ValueError):
    """An output that does not have the figures a claim needs."""


@dataclasses.dataclass(frozen=True)
class Figures:
    """The figures of one run of one snippet, and the machine it ran on."""

    snippet: str
    python: str  # "3.11.7"
    system: str  # "Linux"
    cores: int
    method: str | None  # the start method, for the snippets that use the default one
    work: str  # the settings line: "10,000,000 loop steps in all, best of 3 runs"
    gil: bool | None  # "GIL enabled: True", printed by perf_cpu_bound.py only
    values: dict[str, float]  # "2 threads" -> 0.85 (the unit is the snippet's)

    @property
    def repeat(self) -> int:
        m = re.search(r"best of (\d+) runs?", self.work)
        return int(m[1]) if m else 1

    def __getitem__(self, key: str) -> float:
        try:
            return self.values[key]
        except KeyError:
            raise FigureError(
                f"snippets/{self.snippet}.py printed no figure {key!r}; it printed "
                f"{sorted(self.values)}"
            ) from None


HEADER = re.compile(
    r"^CPython (?P<python>\S+) on (?P<system>\S+), (?P<cores>\d+) cores"
    r"(?:, start method (?P<method>\w+))?$"
)
WORK = re.compile(r"^work: (?P<work>.+)$")
GIL = re.compile(r"^GIL enabled: (?P<gil>True|False)$")
NUMBER = r"(\d+\.\d+)"
LINES = {
    # "2 processes     0.45 s   speed-up 1.80x", "sequential      0.81 s"
    "perf_cpu_bound": re.compile(rf"^(sequential|\d+ (?:thread|process)(?:e?s)?) +{NUMBER} s\b"),
    # "20 threads      0.51 s   overhead    3.2 ms": two figures, see _parse_io
    "perf_io_bound": re.compile(rf"^\d+ (threads|processes) +{NUMBER} s +overhead +{NUMBER} ms$"),
    # "spawn        94.9 ms per process"
    "perf_start_cost": re.compile(rf"^(fork|forkserver|spawn) +{NUMBER} ms per process$"),
    # "chunksize 10        2.35 µs per task", "no pool   0.14 µs per task"
    "perf_pool_chunksize": re.compile(rf"^(no pool|chunksize \w+) +{NUMBER} µs per task$"),
}
DATA_COLUMNS = ("Queue", "Pipe", "shared memory")
DATA_HEADER = re.compile(r"^MiB/s +Queue +Pipe +shared memory$")
DATA_ROW = re.compile(rf"^(\d+ [KM]iB) +{NUMBER} +{NUMBER} +{NUMBER}$")


def output_path(snippet: str) -> Path:
    """Where the snippet's figures are recorded (what the page shows and the charts draw)."""
    return sr.get_snippet(snippet).output_path


def recorded(snippet: str) -> Figures:
    return parse(snippet, output_path(snippet).read_text(encoding="utf-8"))


def parse(snippet: str, text: str) -> Figures:
    """The figures in one snippet's output (a fresh run or the recorded one)."""
    header = work = gil = None
    values: dict[str, float] = {}
    in_table = False
    for line in text.splitlines():
        line = line.rstrip()
        if m := HEADER.match(line):
            header = m
        elif m := WORK.match(line):
            work = m["work"]
        elif m := GIL.match(line):
            gil = m["gil"] == "True"
        elif snippet == "perf_data_throughput":
            if DATA_HEADER.match(line):
                in_table = True
            elif in_table and (m := DATA_ROW.match(line)):
                for column, value in zip(DATA_COLUMNS, m.groups()[1:], strict=True):
                    values[f"{column} {m[1]}"] = float(value)
        elif snippet == "perf_io_bound":
            if m := LINES[snippet].match(line):
                values[m[1]] = float(m[2])
                values[f"{m[1]} overhead"] = float(m[3])
        elif snippet in LINES:
            if m := LINES[snippet].match(line):
                values[m[1]] = float(m[2])
        else:
            raise FigureError(f"no parser for snippets/{snippet}.py")
    if header is None or work is None:
        raise FigureError(
            f"snippets/{snippet}.py: no `CPython X on SYSTEM, N cores` line or no "
            f"`work: ...` line in:\n{text}"
        )
    if not values:
        raise FigureError(f"snippets/{snippet}.py: no figures in:\n{text}")
    return Figures(
        snippet=snippet,
        python=header["python"],
        system=header["system"],
        cores=int(header["cores"]),
        method=header["method"],
        work=work,
        gil=gil,
        values=values,
    )


# --- the claims ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Claim:
    """`figure numerator / figure denominator` is at least (or at most) `threshold`."""

    id: str
    snippet: str
    numerator: str
    denominator: str
    threshold: float
    en: str  # the claim as docs/en/performance.md states it, word for word
    zh: str  # ... and as docs/zh/performance.md states it
    at_most: bool = False

    def ratio(self, figures: Figures) -> float:
        return figures[self.numerator] / figures[self.denominator]

    def holds(self, ratio: float) -> bool:
        return ratio <= self.threshold if self.at_most else ratio >= self.threshold

    @property
    def sign(self) -> str:
        return "<=" if self.at_most else ">="


# Thresholds: what two idle cores give with room to spare (the measured ratios are in
# the report of each run). On a two-core VM that shares its host, 13 runs of
# perf_cpu_bound in a row, nothing else running in the VM, gave sequential / 2 processes
# 1.32-2.20x and 2 threads / 2 processes 1.48-2.58x: another VM on the host slows one
# core for seconds at a time. There the CPU thresholds have little room to spare, and
# the retries (ATTEMPTS, PAUSE) absorb the slow spells. The sentences are the pages'
# own: change both together.
CLAIMS = [
    Claim(
        "cpu-processes-beat-threads",
        "perf_cpu_bound",
        "2 threads",
        "2 processes",
        1.5,
        en="2 processes finish the CPU-bound work at least 1.5× faster than 2 threads.",
        zh="2 个进程完成 CPU 密集型任务的速度，至少是 2 个线程的 1.5 倍。",
    ),
    Claim(
        "cpu-processes-speed-up",
        "perf_cpu_bound",
        "sequential",
        "2 processes",
        1.3,
        en="2 processes finish it at least 1.3× faster than sequential work in one process.",
        zh="2 个进程的速度，至少是在一个进程里顺序执行的 1.3 倍。",
    ),
    Claim(
        "cpu-threads-no-speed-up",
        "perf_cpu_bound",
        "sequential",
        "2 threads",
        1.2,
        at_most=True,
        en="2 threads are at most 1.2× faster than sequential work in one process.",
        zh="2 个线程的速度，至多是在一个进程里顺序执行的 1.2 倍。",
    ),
    Claim(
        "io-threads-as-fast",
        "perf_io_bound",
        "processes",
        "threads",
        1.0,
        en="20 threads finish the waiting work at least as fast as 20 processes.",
        zh="20 个线程完成等待型任务，不比 20 个进程慢。",
    ),
    Claim(
        "io-threads-cheaper",
        "perf_io_bound",
        "processes overhead",
        "threads overhead",
        4,
        en="20 processes add at least 4× as much time to the wait as 20 threads.",
        zh="在等待本身之外，20 个进程多花的时间至少是 20 个线程的 4 倍。",
    ),
    Claim(
        "start-spawn-vs-fork",
        "perf_start_cost",
        "spawn",
        "fork",
        5,
        en="spawn takes at least 5× as long as fork to start a process.",
        zh="spawn 启动一个进程所花的时间，至少是 fork 的 5 倍。",
    ),
    Claim(
        "start-spawn-vs-forkserver",
        "perf_start_cost",
        "spawn",
        "forkserver",
        3,
        en="spawn takes at least 3× as long as forkserver to start a process.",
        zh="spawn 启动一个进程所花的时间，至少是 forkserver 的 3 倍。",
    ),
    Claim(
        "data-shared-memory-vs-pipe",
        "perf_data_throughput",
        "shared memory 32 MiB",
        "Pipe 32 MiB",
        1.5,
        en="In 32 MiB messages, shared memory moves data at least 1.5× as fast as a Pipe.",
        zh="消息为 32 MiB 时，共享内存传送数据的速度至少是管道的 1.5 倍。",
    ),
    Claim(
        "data-shared-memory-vs-queue",
        "perf_data_throughput",
        "shared memory 32 MiB",
        "Queue 32 MiB",
        1.5,
        en="In 32 MiB messages, shared memory moves data at least 1.5× as fast as a Queue.",
        zh="消息为 32 MiB 时，共享内存传送数据的速度至少是队列的 1.5 倍。",
    ),
    Claim(
        "data-small-messages",
        "perf_data_throughput",
        "Pipe 32 KiB",
        "Pipe 1 KiB",
        4,
        en="A Pipe moves data at least 4× as fast in 32 KiB messages as in 1 KiB messages.",
        zh="同一个管道，消息为 32 KiB 时传送数据的速度至少是 1 KiB 时的 4 倍。",
    ),
    Claim(
        "pool-chunksize-auto",
        "perf_pool_chunksize",
        "chunksize 1",
        "chunksize auto",
        10,
        en="With chunksize=1, each tiny task costs at least 10× as much as with the "
        "chunksize map() chooses.",
        zh="chunksize=1 时，每个小任务的开销至少是 map() 自选 chunksize 时的 10 倍。",
    ),
    Claim(
        "pool-chunksize-10",
        "perf_pool_chunksize",
        "chunksize 1",
        "chunksize 10",
        4,
        en="With chunksize=1, each tiny task costs at least 4× as much as with chunksize=10.",
        zh="chunksize=1 时，每个小任务的开销至少是 chunksize=10 时的 4 倍。",
    ),
]


# What `--record` asks of a run besides its claims: figures of the same work done the
# same way (one core each) that agree within STEADY_TOLERANCE. A run in which they do
# not was disturbed, and the page would show, say, one thread faster than none.
STEADY = {"perf_cpu_bound": ("sequential", "1 thread", "1 process")}
STEADY_TOLERANCE = 0.10


def unsteady(figures: Figures) -> str | None:
    """Why this run is not fit to be recorded, or None."""
    labels = STEADY.get(figures.snippet, ())
    values = [figures[label] for label in labels]
    if values and max(values) > min(values) * (1 + STEADY_TOLERANCE):
        shown = ", ".join(f"{label} {figures[label]:g}" for label in labels)
        return f"unsteady run ({shown}: more than {STEADY_TOLERANCE:.0%} apart)"
    return None


@dataclasses.dataclass(frozen=True)
class Verdict:
    claim: Claim
    ratio: float | None  # None: the figures were missing
    problem: str | None = None

    @property
    def holds(self) -> bool:
        return self.ratio is not None and self.claim.holds(self.ratio)


def judge(figures: dict[str, Figures], claims: list[Claim] = CLAIMS) -> list[Verdict]:
    """Each claim against the figures of its snippet (all from one run of it)."""
    verdicts = []
    for claim in claims:
        try:
            verdicts.append(Verdict(claim, claim.ratio(figures[claim.snippet])))
        except KeyError:
            verdicts.append(Verdict(claim, None, f"snippets/{claim.snippet}.py was not run"))
        except (FigureError, ZeroDivisionError) as e:
            verdicts.append(Verdict(claim, None, str(e)))
    return verdicts


def build_problems(figures: dict[str, Figures]) -> list[str]:
    """Why the claims do not apply to these runs at all (fewer than two cores, no GIL)."""
    problems = []
    for f in figures.values():
        if f.cores < MIN_CORES:
            problems.append(
                f"snippets/{f.snippet}.py ran on {f.cores} core(s); the claims need at "
                f"least {MIN_CORES}"
            )
        if f.gil is False:
            problems.append(
                f"snippets/{f.snippet}.py ran without the GIL (a free-threaded build): "
                "the claims describe the default build, with the GIL"
            )
    return problems


def report(verdicts: list[Verdict]) -> str:
    """One line per claim: measured ratio, threshold, verdict."""
    rows = [("claim", "measured", "threshold", "", "figures")]
    for v in verdicts:
        measured = "-" if v.ratio is None else f"{v.ratio:.2f}x"
        verdict = "ok" if v.holds else "FAILED"
        rows.append(
            (
                v.claim.id,
                measured,
                f"{v.claim.sign} {v.claim.threshold:g}x",
                verdict,
                f"{v.claim.numerator} / {v.claim.denominator}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(
            (
                name.ljust(widths[0]),
                measured.rjust(widths[1]),
                threshold.ljust(widths[2]),
                verdict.ljust(widths[3]),
                figures,
            )
        ).rstrip()
        for name, measured, threshold, verdict, figures in rows
    ]
    for v in verdicts:
        if v.problem:
            lines.append(f"{v.claim.id}: {v.problem}")
    return "\n".join(lines)


# --- measuring -----------------------------------------------------------------------


def available_cores() -> int:
    if hasattr(os, "process_cpu_count"):  # 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def busy_percent(seconds: float = 1.0) -> float:
    """How much of the CPU other processes used over the last `seconds`."""
    import psutil

    return psutil.cpu_percent(interval=seconds)


def settle() -> float:
    """Wait (SETTLE seconds at most) until other processes leave the CPU alone; how
    busy it was over the last second."""
    deadline = time.monotonic() + SETTLE
    busy = busy_percent()
    while busy > BUSY_WARNING and time.monotonic() < deadline:
        busy = busy_percent()
    return busy


def measure(name: str) -> tuple[sr.Run, Figures | None, float]:
    """One full-settings run of the snippet under its recording start method."""
    snippet = sr.get_snippet(name)
    method = snippet.start_methods[0]  # the one the outputs are recorded with
    snippet = dataclasses.replace(
        sr.get_snippet(name, method),
        args=tuple(a for a in snippet.args if a != "--quick"),
        timeout=TIMEOUT,
    )
    busy = settle()
    run = sr.run_snippet(snippet, method)
    figures = None
    if not sr.outcome_problems(run):
        figures = parse(name, run.output)
    return run, figures, busy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--record",
        action="store_true",
        help="if every claim holds, write the outputs and redraw the charts",
    )
    mode.add_argument(
        "--recorded",
        action="store_true",
        help="check the recorded outputs instead of measuring",
    )
    args = parser.parse_args(argv)

    figures: dict[str, Figures] = {}
    outputs: dict[str, str] = {}
    failed_runs = []
    if args.recorded:
        for name in SNIPPETS:
            figures[name] = recorded(name)
    else:
        cores = available_cores()
        if cores < MIN_CORES:
            print(
                f"FAILED: this machine gives the process {cores} core(s); the claims "
                f"need at least {MIN_CORES} idle cores, so none was measured or checked.",
                file=sys.stderr,
            )
            return 1
        print(f"Measuring {len(SNIPPETS)} snippets one at a time, with full settings.")
        for name in SNIPPETS:
            for attempt in range(1, ATTEMPTS + 1):
                began = time.monotonic()
                run, found, busy = measure(name)
                note = f"  (the CPU was {busy:.0f}% busy before it started)"
                if busy > BUSY_WARNING:
                    note += " - NOT IDLE: figures may be off"
                print(
                    f"\n--- snippets/{name}.py [{run.method}], run {attempt} of at most "
                    f"{ATTEMPTS}, {time.monotonic() - began:.1f} s{note}"
                )
                print(run.output, end="")
                problems = sr.outcome_problems(run)
                if problems or found is None:
                    failed_runs.append(name)
                    print("\n".join(problems), file=sys.stderr)
                    break
                figures[name] = found
                outputs[name] = run.output
                mine = [c for c in CLAIMS if c.snippet == name]
                failing = [
                    f"{v.claim.id} {v.ratio:.2f}x" if v.ratio is not None else v.claim.id
                    for v in judge(figures, mine)
                    if not v.holds
                ]
                if args.record and (why := unsteady(found)):
                    failing.append(why)
                    if attempt == ATTEMPTS:
                        failed_runs.append(f"{name} ({why})")
                if not failing or attempt == ATTEMPTS:
                    break
                # A busy moment (another process, a neighbour on a shared host) slows
                # some variants and not others. Every claim of a snippet must hold in
                # one and the same run: a false claim fails in every run.
                print(f"{'; '.join(failing)}: not in this run; measuring again in {PAUSE} s.")
                time.sleep(PAUSE)

    print()
    problems = build_problems(figures)
    verdicts = judge(figures)
    print(report(verdicts), flush=True)
    failed = [v.claim.id for v in verdicts if not v.holds]
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    if failed_runs:
        print(
            f"FAILED: runs that did not finish cleanly or were unsteady: {', '.join(failed_runs)}",
            file=sys.stderr,
        )
    if failed:
        print(
            f"FAILED: {len(failed)} of {len(verdicts)} claims do not hold: {', '.join(failed)}",
            file=sys.stderr,
        )
    if problems or failed_runs or failed:
        if args.record:
            print("Nothing was recorded.", file=sys.stderr)
        return 1
    print(f"All {len(verdicts)} claims hold.")
    if args.record:
        write_records(outputs)
    return 0


def write_records(outputs: dict[str, str]) -> None:
    """The measured outputs, and the charts drawn from them."""
    import charts

    for name, output in outputs.items():
        path = output_path(name)
        path.write_text(output, encoding="utf-8")  # run_snippet has tidied it
        print(f"wrote {path.relative_to(ROOT)}")
    for path in charts.write_all():
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
