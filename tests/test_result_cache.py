"""Reused results (tests/result_cache.py) never hide a failure.

In a small copy of the project (tests/broken_project.py, one snippet `hello`), the snippet
suite runs again and again: a pass is reused only while the snippet, its recorded output,
its settings and the runner are what they were when it passed; a changed output fails
again instead of being reused; CI=true and --no-reuse run everything.
"""

from __future__ import annotations

import pytest

from broken_project import COPIED, Project

pytestmark = pytest.mark.reuse(files=COPIED)

TEST = "test_snippet[hello[spawn]]"


def reused(result) -> str:
    """The summary line of result_cache, e.g. 'reuse: 1 of 1 results were reused ...'."""
    lines = [line for line in result.output.splitlines() if line.startswith("reuse: ")]
    assert len(lines) == 1, result.output
    return lines[0]


def test_a_pass_is_reused_only_while_its_inputs_are_unchanged(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("MPDOCS_NO_REUSE", raising=False)
    project = Project.create(tmp_path / "project")

    def run(*args):
        result = project.pytest("tests/test_snippets.py", "-k", "hello", *args)
        assert not project.leftovers()
        return result

    first = run()
    assert first.returncode == 0, first.output
    assert reused(first).startswith("reuse: 0 of 1 results were reused")
    again = run()
    assert again.returncode == 0, again.output
    assert reused(again).startswith("reuse: 1 of 1 results were reused")
    assert "1 passed" in again.output  # reported as passed, never as skipped

    # The recorded output changes: the run is made again, and fails.
    project.write("snippets/outputs/hello.txt", "hello, world\n")
    changed = run()
    assert changed.returncode == 1, changed.output
    assert TEST in changed.failures(), changed.output
    assert reused(changed).startswith("reuse: 0 of 1")
    # A failure is never stored: the next run fails again.
    assert run().returncode == 1

    # Back as it was when it passed: that pass is reused.
    project.write("snippets/outputs/hello.txt", "hello\n")
    assert reused(run()).startswith("reuse: 1 of 1")

    # Its settings, the runner: run again.
    project.append("snippets/snippets.toml", '\n[hello]\nnormalize = ["pids"]\n')
    assert reused(run()).startswith("reuse: 0 of 1")
    project.append("tests/snippet_runner.py", "\n# a change to the runner\n")
    assert reused(run()).startswith("reuse: 0 of 1")

    # --no-reuse and CI=true run everything.
    assert reused(run("--no-reuse")) == "reuse: off (--no-reuse): every test ran"
    monkeypatch.setenv("CI", "true")
    in_ci = run()
    assert in_ci.returncode == 0, in_ci.output
    assert reused(in_ci) == "reuse: off (CI is set): every test ran"
