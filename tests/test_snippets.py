"""Every snippet, run as a script under every start method it declares.

The test id is the snippet and the start method: queue_hello[spawn].
`nox -s record` (pytest --update-outputs) rewrites the recorded outputs instead
of comparing, from a run under each snippet's first start method.
"""

from __future__ import annotations

import difflib
import os

import pytest

import snippet_runner as sr


def _cases():
    settings = sr.load_settings()
    for name in sr.snippet_names():
        snippet = sr.get_snippet(name, settings=settings)
        if snippet.companion_only:
            continue  # run by the snippet that names it as its companion
        for method in sr.START_METHODS:
            marks = []
            if method not in snippet.start_methods:
                continue
            if os.name not in snippet.platforms:
                marks.append(pytest.mark.skip(reason=f"declared for {snippet.platforms} only"))
            yield pytest.param(name, method, id=f"{name}[{method}]", marks=marks)


def test_settings_file_is_valid():
    assert not sr.check_settings_file(), "\n".join(sr.check_settings_file())


@pytest.mark.reuse  # a stored pass is reused while its inputs are unchanged: result_cache.py
@pytest.mark.parametrize(("name", "method"), list(_cases()))
def test_snippet(name, method, request):
    updating = request.config.getoption("--update-outputs")
    snippet = sr.get_snippet(name, method)
    runs = []
    if snippet.companion:
        fmt = {"port": sr.free_port()}
        companion = sr.get_snippet(snippet.companion, method)
        with sr.Companion(companion, method, fmt) as server:
            client_run = sr.run_snippet(snippet, method, fmt)
            server_run = server.stop()
        runs = [client_run, server_run]
    else:
        runs = [sr.run_snippet(snippet, method)]

    problems = [p for run in runs for p in sr.outcome_problems(run)]
    if not any(run.timed_out for run in runs):  # a killed run's output is no evidence
        problems += [p for run in runs for p in _output_problems(run, updating)]
    assert not problems, "\n\n".join(problems)


def _output_problems(run: sr.Run, updating: bool) -> list[str]:
    snippet = run.snippet
    path = snippet.output_path
    shown = path.relative_to(sr.ROOT)
    record = snippet.recorded_by or f"nox -s record -- {snippet.name}"
    if updating:
        if snippet.recorded_by:  # e.g. a full-settings run: this one is a quick run
            return []
        path.parent.mkdir(exist_ok=True)
        path.write_text(run.output, encoding="utf-8")
        return []
    if not path.exists():
        return [
            f"{shown} is missing: snippets/{snippet.name}.py has no recorded "
            f"output. Record it with `{record}` and "
            "include it in both language pages."
        ]
    recorded = sr.normalize(path.read_text(encoding="utf-8"), snippet)
    fresh = sr.normalize(run.output, snippet)
    if recorded == fresh:
        return []
    diff = "".join(
        difflib.unified_diff(
            recorded.splitlines(keepends=True),
            fresh.splitlines(keepends=True),
            fromfile=f"{shown} (recorded, normalized)",
            tofile=f"{run.label} (this run, normalized)",
        )
    )
    return [
        f"The output of {run.label} no longer matches {shown}.\n{diff}\n"
        f"If the change is intended, run `{record}`"
        + (
            ""
            if snippet.recorded_by
            else " (it records each output on the Python line that writes it; if "
            "only this version changed, give it an output of its own: a version "
            "sub-table in snippets/snippets.toml)"
        )
        + ", review the diff and update the prose of both pages if needed. If "
        "the difference is noise (a PID, a time, line order), declare a "
        "normalizer in snippets/snippets.toml."
    ]
