"""The claim of parallel_sleep.py: two processes that sleep at the same time
take as long as the slower one, not as long as both sleeps added up.

Checked on the output shown on the page (snippets/outputs/parallel_sleep.txt)
and on a fresh run under every start method the snippet declares. The margins
hold on a loaded two-core machine: the total must be at least the longest
sleep (the parent really waited) and less than the sum minus half the
shortest sleep (the sleeps overlapped).
"""

from __future__ import annotations

import ast
import re

import pytest

import snippet_runner as sr

NAME = "parallel_sleep"
pytestmark = pytest.mark.reuse(snippets=[NAME])  # tests/result_cache.py
EVENT = re.compile(
    r"^task (?P<task>\S+) (?P<event>started|finished) at (?P<at>\d+\.\d+) s "
    r"in pid (?P<pid>\d+)$"
)
SUMMARY = re.compile(
    r"^all done in (?P<total>\d+\.\d+) s; "
    r"the sleeps add up to (?P<added>\d+\.\d+) s$"
)


def sleeps() -> dict[str, float]:
    """SLEEPS as the snippet defines it, read without running the snippet."""
    tree = ast.parse(sr.get_snippet(NAME).path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "SLEEPS" for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"snippets/{NAME}.py no longer defines SLEEPS")


def timing_problems(output: str, where: str) -> list[str]:
    """Why `output` does not show the sleeps overlapping; empty if it does."""
    expected = sleeps()
    started, finished, pids, summary = {}, {}, {}, None
    for line in output.splitlines():
        if m := EVENT.match(line):
            times = started if m["event"] == "started" else finished
            times[m["task"]] = float(m["at"])
            pids.setdefault(m["task"], set()).add(m["pid"])
        elif m := SUMMARY.match(line):
            summary = float(m["total"]), float(m["added"])
    if set(started) != set(expected) or set(finished) != set(expected):
        return [
            f"{where}: expected a started and a finished line for each of the "
            f"tasks {sorted(expected)}; got started {sorted(started)}, "
            f"finished {sorted(finished)}:\n{output}"
        ]
    if summary is None:
        return [f"{where}: no 'all done in ... s' summary line:\n{output}"]

    total, added = summary
    longest, shortest = max(expected.values()), min(expected.values())
    limit = sum(expected.values()) - 0.5 * shortest
    problems = []
    if abs(added - sum(expected.values())) > 0.005:
        problems.append(
            f"{where}: the summary says the sleeps add up to {added} s, but "
            f"SLEEPS adds up to {sum(expected.values())} s"
        )
    if len(set().union(*pids.values())) != len(expected):
        problems.append(f"{where}: the tasks did not each run in their own pid")
    if not total >= longest:
        problems.append(
            f"{where}: total {total} s is shorter than the longest sleep "
            f"({longest} s): the parent did not wait for every child"
        )
    if not total < limit:
        problems.append(
            f"{where}: total {total} s is not below {limit} s (the sum of the "
            f"sleeps minus half the shortest): the tasks did not overlap"
        )
    if not max(started.values()) < min(finished.values()):
        problems.append(
            f"{where}: a task finished before the other one started: "
            f"started {started}, finished {finished}"
        )
    return problems


def test_recorded_output_shows_the_overlap():
    snippet = sr.get_snippet(NAME)
    shown = snippet.output_path.relative_to(sr.ROOT)
    output = snippet.output_path.read_text(encoding="utf-8")
    problems = timing_problems(output, str(shown))
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("method", sr.get_snippet(NAME).start_methods)
def test_fresh_run_shows_the_overlap(method):
    snippet = sr.get_snippet(NAME, method)
    run = sr.run_snippet(snippet, method)
    problems = sr.outcome_problems(run) or timing_problems(run.output, run.label)
    assert not problems, "\n".join(problems)
