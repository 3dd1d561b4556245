"""The suite fails, with a message that says what to do, for each mistake a
contributor can make.

The mistakes are made in small copies of the project (tests/broken_project.py)
and the suite's own checks run on them with pytest in a subprocess, since the
wiring (collection, settings, messages) is part of what is tested. To keep this
quick, the page mistakes share one copy and one run, each in pages of its own,
and so do the snippet mistakes, each in a snippet of its own; every test below
then checks its mistake's failure and message, and the run's list of failures
is checked to be exactly the expected one. Where the runner's functions are the
whole story (killing a hanging snippet, finding a leftover process) they are
called directly.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import re
import threading
import time

import psutil
import pytest

import snippet_runner as sr
from broken_project import COPIED, Project, page, run_once

PY = platform.python_version()  # run labels name the interpreter
# These tests exercise the suite's machinery: a stored pass is reused while the files a
# broken project copies (and this module and its imports) are unchanged (result_cache.py).
pytestmark = pytest.mark.reuse(files=COPIED)


@pytest.fixture
def project(tmp_path):
    made = Project.create(tmp_path / "project")
    yield made
    assert not made.leftovers(), "a nested run left processes behind"


def failure(result, test_name: str, *messages: str) -> None:
    """`test_name` failed in the nested run, with each of the messages."""
    failures = result.failures()
    assert result.returncode == 1, f"expected the nested run to fail:\n{result.output}"
    assert test_name in failures, (
        f"{test_name} did not fail; failures: {sorted(failures)}\n{result.output}"
    )
    for message in messages:
        assert message in failures[test_name], (
            f"{test_name} failed without {message!r}:\n{failures[test_name]}"
        )


# --- the clean copy passes, so a failure below is the mistake's --------------


def test_clean_project_passes_every_check(project):
    # pytest-markdown-docs imports docs/hooks/*.py, which need mkdocs.
    docs = ["docs"] if importlib.util.find_spec("mkdocs") else ["docs/zh", "docs/en"]
    result = project.pytest("tests", *docs)
    assert result.returncode == 0, result.output
    assert not result.failures()


def test_clean_project_builds_strict(project):
    result = project.mkdocs_build("en")
    assert result.returncode == 0, result.output


# --- pages: one copy with every page mistake, one run of test_pages.py --------

OTHER = 'if __name__ == "__main__":\n    print("other")\n'
BARE_WORD_HEADERS = {
    "bare-notest.md": "python notest",
    "bare-linenums.md": "python linenums",
    "bare-text.md": "text hl_lines",
    "bare-after-option.md": 'python title="a.py" skip',
}
NESTED_FENCES = {
    "in-admonition.md": '!!! note "Try it"\n\n    ```python\n    print("never run")\n    ```\n',
    "in-collapsible.md": '??? tip "Folded"\n\n    ```py\n    print("never run")\n    ```\n',
    "in-tab.md": '=== "Linux"\n\n    ```python\n    print("never run")\n    ```\n',
}
TWINS = {  # page: (Chinese includes, English includes)
    "twins-order.md": (("hello.py", "other.py"), ("other.py", "hello.py")),
    "twins-file.md": (("hello.py",), ("other.py",)),
    "twins-short.md": (("hello.py", "other.py"), ("hello.py",)),
}


@pytest.fixture(scope="module")
def pages_run(tmp_path_factory):
    return run_once(tmp_path_factory, "pages", make_page_mistakes)


def make_page_mistakes(folder):
    project = Project.create(folder)
    write = project.write
    write("snippets/other.py", OTHER)
    write("snippets/outputs/other.txt", "other\n")
    # A snippet and an output that no page includes.
    write("snippets/unshown.py", 'if __name__ == "__main__":\n    print(1)\n')
    write("snippets/outputs/unshown.txt", "1\n")
    # An include of a file that does not exist (line 3 of the page).
    for language in ("zh", "en"):
        write(f"docs/{language}/missing.md", page(language, "missing.py"))
    # A page in one language only.
    write("docs/zh/zh-only.md", "# Only Chinese { #zh-only }\n")
    write("docs/en/en-only.md", "# Only English { #en-only }\n")
    # The two languages include different snippets.
    for name, (zh, en) in TWINS.items():
        write(f"docs/zh/{name}", page("zh", *zh))
        write(f"docs/en/{name}", page("en", *en))
    # A bare word after the fence language (in the English page only).
    for name, header in BARE_WORD_HEADERS.items():
        write(f"docs/zh/{name}", page("zh", "hello.py"))
        english = page("en", "hello.py")
        write(f"docs/en/{name}", english.replace('python title="hello.py" linenums="1"', header))
    # A python fence inside an admonition or a tab (line 13 of the English page).
    for name, block in NESTED_FENCES.items():
        write(f"docs/zh/{name}", page("zh", "hello.py"))
        write(f"docs/en/{name}", page("en", "hello.py", extra=block))
    result = project.pytest("tests/test_pages.py")
    assert not project.leftovers()
    return result


def test_page_mistakes_fail_exactly_the_expected_tests(pages_run):
    expected = {
        "test_every_snippet_and_output_is_shown",
        "test_every_page_has_its_twin",
        "test_includes_exist[docs/zh/missing.md]",
        "test_includes_exist[docs/en/missing.md]",
        "test_twins_include_the_same_files_in_the_same_order[zh-only.md]",
        *(f"test_twins_include_the_same_files_in_the_same_order[{n}]" for n in TWINS),
        *(f"test_fences_are_run_or_included[docs/en/{n}]" for n in BARE_WORD_HEADERS),
        *(f"test_fences_are_run_or_included[docs/en/{n}]" for n in NESTED_FENCES),
    }
    assert set(pages_run.failures()) == expected, pages_run.output


def test_snippet_that_no_page_includes(pages_run):
    failure(
        pages_run,
        "test_every_snippet_and_output_is_shown",
        "snippets/unshown.py is included by no page: include it in docs/zh/ and "
        "docs/en/, or delete it.",
        "snippets/outputs/unshown.txt is included by no page",
    )


@pytest.mark.parametrize("language", ["zh", "en"])
def test_include_of_a_missing_file(pages_run, language):
    failure(
        pages_run,
        f"test_includes_exist[docs/{language}/missing.md]",
        f"docs/{language}/missing.md:3: includes 'missing.py', but snippets/missing.py "
        "does not exist.",
        "includes 'outputs/missing.txt', but snippets/outputs/missing.txt does not exist.",
    )


def test_include_of_a_missing_file_fails_the_build(project):
    for language in ("zh", "en"):
        project.write(f"docs/{language}/index.md", page(language, "hello.py", "missing.py"))
    build = project.mkdocs_build("en")
    assert build.returncode != 0, build.output
    assert "Snippet at path 'missing.py' could not be found" in build.output, build.output


def test_page_in_one_language_only(pages_run):
    failure(
        pages_run,
        "test_every_page_has_its_twin",
        "docs/zh/zh-only.md has no English twin: add docs/en/zh-only.md (same file name).",
        "docs/en/en-only.md has no Chinese twin: add docs/zh/en-only.md (same file name).",
    )
    failure(
        pages_run,
        "test_twins_include_the_same_files_in_the_same_order[zh-only.md]",
        "docs/en/zh-only.md is missing",
    )


@pytest.mark.parametrize("name", TWINS)
def test_languages_include_different_snippets(pages_run, name):
    failure(
        pages_run,
        f"test_twins_include_the_same_files_in_the_same_order[{name}]",
        f"The two languages of {name} include different snippets or outputs, or in a "
        "different order; make them include the same files:",
        f"--- docs/zh/{name}",
        f"+++ docs/en/{name}",
    )


@pytest.mark.parametrize(("name", "header"), BARE_WORD_HEADERS.items())
def test_fence_header_with_a_bare_word(pages_run, name, header):
    failure(
        pages_run,
        f"test_fences_are_run_or_included[docs/en/{name}]",
        f"docs/en/{name}:3: fence header {header!r} has a bare word "
        f"['{header.split()[-1]}'] after the language.",
        'use key="value" options or the brace form { .python ... }',
    )


@pytest.mark.parametrize("name", NESTED_FENCES)
def test_python_fence_inside_admonition_or_tab(pages_run, name):
    failure(
        pages_run,
        f"test_fences_are_run_or_included[docs/en/{name}]",
        f"docs/en/{name}:13: a python fence inside an admonition or a tab is never run",
        "Move the code to a snippet file and include it, or move the fence out.",
    )


# --- snippets: one copy with every snippet mistake, one run of test_snippets --

CHILD_RAISES = """\
import multiprocessing


def work():
    raise ValueError("bad input")


if __name__ == "__main__":
    child = multiprocessing.Process(target=work)
    child.start()
    child.join()
    print("parent done")
"""

HANGS = """\
import multiprocessing
import os
import time


def wait_forever():
    time.sleep(600)


if __name__ == "__main__":
    child = multiprocessing.Process(target=wait_forever)
    child.start()
    print(f"parent pid {os.getpid()}, child pid {child.pid}", flush=True)
    child.join()
"""

DAEMON = """\
import os
import time

if __name__ == "__main__":
    if os.fork() == 0:  # a daemon: double fork, new session, parent gone
        os.setsid()
        if os.fork() == 0:
            print(f"daemon pid {os.getpid()}", flush=True)
            time.sleep(600)
        os._exit(0)
    time.sleep(0.5)
    print("parent done", flush=True)
"""

CLEAN_ENV_CHILD = """\
import subprocess
import sys

if __name__ == "__main__":
    # A child with an empty environment: no marker, but in the snippet's session.
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"], env={})
    print(f"child pid {child.pid}", flush=True)
"""

LEAKS_SHM = """\
import sys
from multiprocessing import resource_tracker, shared_memory

if __name__ == "__main__":
    if sys.version_info >= (3, 13):
        block = shared_memory.SharedMemory(create=True, size=64, track=False)
    else:  # what track=False does
        block = shared_memory.SharedMemory(create=True, size=64)
        resource_tracker.unregister(block._name, "shared_memory")
    print(f"created {block.name}", flush=True)
    block.close()  # closed, but never unlink()ed, and no tracker to do it
"""

# name: (code, recorded output or None, snippets.toml lines)
BROKEN_SNIPPETS = {
    "changed": ('if __name__ == "__main__":\n    print("hello, world")\n', "hello\n", ""),
    "unrecorded": ('if __name__ == "__main__":\n    print("hello")\n', None, ""),
    "exits": ('if __name__ == "__main__":\n    raise SystemExit(3)\n', "", ""),
    "child_raises": (CHILD_RAISES, "parent done\n", ""),
    "was_broken": (
        'if __name__ == "__main__":\n    print("fixed")\n',
        "fixed\n",
        'expect = { exit_code = 1, exception = "NameError" }\n',
    ),
    "other_error": (
        'if __name__ == "__main__":\n    {}["key"]\n',
        "",
        'expect = { exception = "NameError" }\n',
    ),
    "hangs": (HANGS, "", "timeout = 2\n"),
    "ends_early": ('if __name__ == "__main__":\n    print("done")\n', "done\n", "hangs = 2\n"),
    "never_ready": (
        'if __name__ == "__main__":\n    print("hello")\n',
        "hello\n",
        'interrupt = "press Ctrl+C"\n',
    ),
    "leaves": (DAEMON, "daemon pid 1\nparent done\n", 'normalize = ["pids"]\n'),
    "leaks_shm": (LEAKS_SHM, "created psm_0\n", "replace = [['psm_\\w+', 'psm_0']]\n"),
}


@pytest.fixture(scope="module")
def snippets_run(tmp_path_factory):
    return run_once(tmp_path_factory, "snippets", make_snippet_mistakes)


def make_snippet_mistakes(folder):
    project = Project.create(folder)
    for name, (code, recorded, settings) in BROKEN_SNIPPETS.items():
        project.write(f"snippets/{name}.py", code)
        if recorded is not None:
            project.write(f"snippets/outputs/{name}.txt", recorded)
        project.append("snippets/snippets.toml", f"\n[{name}]\n{settings}")
    # A table for a snippet that was renamed.
    project.append("snippets/snippets.toml", '\n[renamed]\nnormalize = ["pids"]\n')
    result = project.pytest("tests/test_snippets.py")
    assert not project.leftovers(), "the nested run left processes behind"
    return result


def test_snippet_mistakes_fail_exactly_the_expected_tests(snippets_run):
    expected = {f"test_snippet[{name}[spawn]]" for name in BROKEN_SNIPPETS}
    expected.add("test_settings_file_is_valid")
    assert set(snippets_run.failures()) == expected, snippets_run.output
    # ... and the snippet without a mistake passed.
    assert f"{len(expected)} failed, 1 passed" in snippets_run.output, snippets_run.output


def test_recorded_output_that_no_longer_matches(snippets_run):
    failure(
        snippets_run,
        "test_snippet[changed[spawn]]",
        f"The output of snippets/changed.py [spawn] on CPython {PY} no longer matches "
        "snippets/outputs/changed.txt.",
        "-hello",
        "+hello, world",
        "run `nox -s record -- changed` (it records each output",
    )


def test_recorded_output_missing(snippets_run):
    failure(
        snippets_run,
        "test_snippet[unrecorded[spawn]]",
        "snippets/outputs/unrecorded.txt is missing: snippets/unrecorded.py has no "
        "recorded output. Record it with `nox -s record -- unrecorded`",
    )


def test_snippet_exits_non_zero(snippets_run):
    failure(
        snippets_run,
        "test_snippet[exits[spawn]]",
        f"snippets/exits.py [spawn] on CPython {PY} "
        "exited with code 3, expected 0. Fix the snippet, or "
        "declare the failure in snippets/snippets.toml",
    )


def test_snippet_prints_a_traceback_but_exits_zero(snippets_run):
    failure(
        snippets_run,
        "test_snippet[child_raises[spawn]]",
        f"snippets/child_raises.py [spawn] on CPython {PY} "
        "printed a traceback (ValueError) but is not "
        "declared to fail.",
    )


def test_declared_failure_that_no_longer_fails(snippets_run):
    failure(
        snippets_run,
        "test_snippet[was_broken[spawn]]",
        f"snippets/was_broken.py [spawn] on CPython {PY} "
        "was declared to fail with NameError, but no "
        "traceback appeared. If it no longer fails, update `expect`",
        "exited with code 0, expected 1",
    )


def test_declared_failure_that_fails_differently(snippets_run):
    failure(
        snippets_run,
        "test_snippet[other_error[spawn]]",
        "was declared to fail with NameError, but it raised KeyError",
    )


def test_hanging_snippet_fails_its_test(snippets_run):
    failure(
        snippets_run,
        "test_snippet[hangs[spawn]]",
        f"snippets/hangs.py [spawn] on CPython {PY} "
        "did not finish within its timeout of 2 s; its process "
        "group was killed.",
    )


def test_declared_hang_that_ends_early(snippets_run):
    failure(
        snippets_run,
        "test_snippet[ends_early[spawn]]",
        f"snippets/ends_early.py [spawn] on CPython {PY} is declared to hang (`hangs = 2` "
        "in snippets/snippets.toml: still running after 2 s), but it ended after ",
        "s with exit code 0. If the hang is gone on purpose (a fix, a new Python version), "
        "remove `hangs`, re-record the output",
    )


def test_interrupt_text_never_printed(snippets_run):
    failure(
        snippets_run,
        "test_snippet[never_ready[spawn]]",
        f"snippets/never_ready.py [spawn] on CPython {PY} never printed 'press Ctrl+C', the "
        "text that `interrupt` in snippets/snippets.toml waits for before it presses Ctrl+C",
        "the snippet ended with exit code 0 without it. Make the snippet print that text",
    )


def test_leftover_daemon_fails_its_test(snippets_run):
    failure(
        snippets_run,
        "test_snippet[leaves[spawn]]",
        f"snippets/leaves.py [spawn] on CPython {PY} "
        "left processes running after it exited (killed now): pid ",
        "leaves.py. Join or terminate every process the snippet starts.",
    )


def test_shared_memory_left_in_dev_shm(snippets_run):
    failure(
        snippets_run,
        "test_snippet[leaks_shm[spawn]]",
        f"snippets/leaks_shm.py [spawn] on CPython {PY} left /dev/shm/psm_",
        "behind (removed now): a shared-memory block that was never unlinked. Call "
        "unlink() once, in one process, on every block the snippet creates",
    )
    [name] = set(
        re.findall(
            r"left /dev/shm/(psm_\w+) behind",
            snippets_run.failures()["test_snippet[leaks_shm[spawn]]"],
        )
    )
    assert not (sr.SHM_DIR / name).exists(), f"/dev/shm/{name} was not removed"


def test_settings_table_for_a_missing_snippet(snippets_run):
    failure(
        snippets_run,
        "test_settings_file_is_valid",
        "snippets/snippets.toml has a table [renamed] but snippets/renamed.py does not "
        "exist: remove the table or add the snippet.",
    )


# --- the runner itself: hanging snippets and leftovers ------------------------


@pytest.fixture
def snippets_dir(tmp_path, monkeypatch):
    """Run snippets from a temporary folder with the real runner."""
    folder = tmp_path / "snippets"
    (folder / "outputs").mkdir(parents=True)
    monkeypatch.setattr(sr, "SNIPPETS", folder)
    monkeypatch.setattr(sr, "OUTPUTS", folder / "outputs")
    monkeypatch.setattr(sr, "LEFTOVER_GRACE", 0.5)  # every run here leaves something
    return folder


def pids_in(output: str) -> list[int]:
    return [int(word) for word in output.replace(",", " ").split() if word.isdigit()]


def alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.parametrize("method", sr.START_METHODS)
def test_hanging_snippet_is_killed_with_its_children(snippets_dir, method):
    (snippets_dir / "hangs.py").write_text(HANGS)
    snippet = sr.get_snippet("hangs", method, settings={"hangs": {"timeout": 2}})
    began = time.monotonic()
    run = sr.run_snippet(snippet, method)
    took = time.monotonic() - began
    assert run.timed_out
    assert took < 2 + 3, f"the run took {took:.1f} s with a 2 s timeout"
    pids = pids_in(run.output)
    assert len(pids) == 2, run.output  # the snippet printed before it hung
    assert not [pid for pid in pids if alive(pid)], "a process of the run survived"
    # The fork server too (forkserver), and anything else of the run.
    assert not sr.processes_with_marker(f"{sr.SUITE_ID}/hangs[{method}]")
    assert sr.outcome_problems(run) == [
        f"snippets/hangs.py [{method}] on CPython {PY} "
        "did not finish within its timeout of 2 s; its "
        "process group was killed. If it is just slow, raise `timeout` in "
        "snippets/snippets.toml; if it hangs, fix the snippet (an unjoined process, a "
        "get() with no put()?). Output before it was killed:\n" + run.output
    ]


@pytest.mark.parametrize("method", sr.START_METHODS)
def test_declared_hang_is_killed_and_passes(snippets_dir, method):
    """`hangs`: still running after the declared time is what passes; the run
    is then killed with its children and its output so far is kept."""
    # Its own name: the marker of each run starts with it, and the test above
    # (perhaps running at the same time) checks that none of its own is left.
    (snippets_dir / "declared_hang.py").write_text(HANGS)
    settings = {"declared_hang": {"hangs": 1, "timeout": 20}}
    snippet = sr.get_snippet("declared_hang", method, settings=settings)
    began = time.monotonic()
    run = sr.run_snippet(snippet, method)
    took = time.monotonic() - began
    assert run.hung and not run.timed_out and run.returncode is None, run
    assert 1 <= took < 1 + 3, f"the run took {took:.1f} s with hangs = 1"
    pids = pids_in(run.output)
    assert len(pids) == 2, run.output
    assert not [pid for pid in pids if alive(pid)], "a process of the run survived"
    assert not sr.processes_with_marker(f"{sr.SUITE_ID}/declared_hang[{method}]")
    assert sr.outcome_problems(run) == []


CTRL_C = """\
import multiprocessing
import time


def child(ready):
    try:
        ready.set()
        time.sleep(60)
    except KeyboardInterrupt:
        print("child: KeyboardInterrupt", flush=True)


if __name__ == "__main__":
    ready = multiprocessing.Event()
    process = multiprocessing.Process(target=child, args=(ready,))
    process.start()
    ready.wait()
    print("press Ctrl+C", flush=True)
    try:
        time.sleep(60)
    except KeyboardInterrupt:
        process.join()
        print("parent: KeyboardInterrupt", flush=True)
"""


SLOW_START_THEN_HANG = """\
import time

if __name__ == "__main__":
    time.sleep(2)  # a slow start, as on a busy machine
    print("press Ctrl+C", flush=True)
    try:
        time.sleep(60)
    except KeyboardInterrupt:
        print("interrupted; now hanging", flush=True)
        time.sleep(60)
"""


def test_hangs_counts_from_ctrl_c(snippets_dir):
    """With `interrupt`, `hangs` is the time it must keep running after Ctrl+C:
    a slow start does not shorten it (nor make a hang look like one)."""
    (snippets_dir / "slow_ctrl_c.py").write_text(SLOW_START_THEN_HANG)
    settings = {"slow_ctrl_c": {"interrupt": "press Ctrl+C", "hangs": 1, "timeout": 20}}
    method = sr.START_METHODS[0]
    began = time.monotonic()
    run = sr.run_snippet(sr.get_snippet("slow_ctrl_c", method, settings=settings), method)
    took = time.monotonic() - began
    assert run.interrupted and run.hung and not run.timed_out, run
    assert run.output == "press Ctrl+C\ninterrupted; now hanging\n", run.output
    assert 2 + sr.INTERRUPT_DELAY + 1 <= took < 2 + 1 + 3, f"took {took:.1f} s"
    assert sr.outcome_problems(run) == []


@pytest.mark.parametrize("method", sr.START_METHODS)
def test_interrupt_presses_ctrl_c_for_the_whole_group(snippets_dir, method):
    """`interrupt`: SIGINT reaches the snippet and its child, as from a terminal."""
    (snippets_dir / "ctrl_c.py").write_text(CTRL_C)
    settings = {"ctrl_c": {"interrupt": "press Ctrl+C", "timeout": 20}}
    run = sr.run_snippet(sr.get_snippet("ctrl_c", method, settings=settings), method)
    assert run.interrupted and run.returncode == 0, run
    expected = "press Ctrl+C\nchild: KeyboardInterrupt\nparent: KeyboardInterrupt\n"
    assert run.output == expected, run.output
    assert sr.outcome_problems(run) == []


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"hangs": 30}, "hangs must be a number of seconds above 0 and below the timeout"),
        ({"hangs": 0}, "hangs must be a number of seconds above 0"),
        ({"interrupt": ""}, "interrupt must be the text of a line the snippet prints"),
    ],
)
def test_hangs_and_interrupt_settings_are_checked(table, message):
    with pytest.raises(sr.SettingsError, match=message):
        sr.get_snippet("any", settings={"any": table})


@pytest.mark.parametrize(("code", "kind"), [(DAEMON, "daemon"), (CLEAN_ENV_CHILD, "child")])
def test_leftover_process_fails_the_run(snippets_dir, code, kind):
    """A daemon (double fork, new session) is found by its marker; a child that
    dropped its environment by its session. Either way the run does not wait
    for the output pipe they hold."""
    (snippets_dir / "leaves.py").write_text(code)
    snippet = sr.get_snippet("leaves", "spawn", settings={"leaves": {"timeout": 20}})
    run = sr.run_snippet(snippet, "spawn")
    [pid] = pids_in(run.output)
    assert run.returncode == 0
    assert len(run.leftovers) == 1 and run.leftovers[0].startswith(f"pid {pid}: "), run
    assert not alive(pid), f"the leftover {kind} (pid {pid}) is still running"
    [problem] = sr.outcome_problems(run)
    assert problem.startswith(
        f"snippets/leaves.py [spawn] on CPython {PY} "
        "left processes running after it exited (killed "
        f"now): pid {pid}: "
    )
    assert problem.endswith("Join or terminate every process the snippet starts.")


HOLDS_SHM = """\
import time
from multiprocessing import Lock, shared_memory

if __name__ == "__main__":
    lock = Lock()  # a named semaphore in /dev/shm under spawn
    block = shared_memory.SharedMemory(create=True, size=64)
    print(f"holding {block.name}", flush=True)
    time.sleep(1.5)  # while the other run starts, leaks and ends
    block.close()
    block.unlink()
"""

LEAKS_SEMAPHORE = """\
import multiprocessing
import os
from multiprocessing import resource_tracker

if __name__ == "__main__":
    lock = multiprocessing.Lock()  # a named semaphore in /dev/shm under spawn
    resource_tracker.unregister(lock._semlock.name, "semaphore")
    print("leaving without unlinking it", flush=True)
    os._exit(0)  # no finalizer runs, and the tracker no longer knows it
"""


@pytest.mark.skipif(not sr.SHM_DIR.is_dir(), reason="no /dev/shm on this platform")
def test_dev_shm_leftovers_are_blamed_on_their_own_run(snippets_dir):
    """Entries of concurrent runs, in use or leaked, are not this run's: one
    run holds a block and a semaphore while two others leak one each."""
    codes = {"holds": HOLDS_SHM, "leaks_shm": LEAKS_SHM, "leaks_sem": LEAKS_SEMAPHORE}
    for name, code in codes.items():
        (snippets_dir / f"{name}.py").write_text(code)
    runs = {}

    def run(name):
        runs[name] = sr.run_snippet(sr.get_snippet(name, "spawn", settings={}), "spawn")

    holder = threading.Thread(target=run, args=("holds",))
    holder.start()
    time.sleep(0.5)
    for name in ("leaks_shm", "leaks_sem"):
        run(name)
    holder.join()
    assert runs["holds"].returncode == 0, runs["holds"].output
    assert runs["holds"].shm_leftovers == [], runs["holds"]
    [block] = runs["leaks_shm"].shm_leftovers
    assert block == "/dev/shm/" + runs["leaks_shm"].output.split()[-1], runs["leaks_shm"]
    [semaphore] = runs["leaks_sem"].shm_leftovers
    assert semaphore.startswith("/dev/shm/sem.mp-"), semaphore
    for leftover in (block, semaphore):
        assert not os.path.exists(leftover), f"{leftover} was not removed"
    [problem] = sr.outcome_problems(runs["leaks_sem"])
    assert problem.startswith(
        f"snippets/leaks_sem.py [spawn] on CPython {PY} left {semaphore} behind"
    )


# A test helper that starts a snippet and forgets it: nothing reaps it per test,
# so only the check at the end of the session can find it.
FORGETFUL_TEST = """\
import snippet_runner as sr


def test_starts_and_forgets():
    snippet = sr.get_snippet("sleeps_long")
    sr.start(snippet, "spawn", "forgotten")
"""


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["no-xdist", "xdist"])
def test_session_end_finds_what_the_tests_left(project, workers):
    project.write(
        "snippets/sleeps_long.py",
        'import time\n\nif __name__ == "__main__":\n    time.sleep(600)\n',
    )
    project.write("tests/test_forgetful.py", FORGETFUL_TEST)
    result = project.pytest(*workers, "tests/test_forgetful.py")
    assert result.returncode == 1, result.output
    assert "1 passed" in result.output
    assert (
        "ERROR: processes started by snippets were still running after the suite (killed now): pid "
    ) in result.output
    assert "sleeps_long.py" in result.output, result.output
    assert "A test started them and did not stop them" in result.output
    assert not project.leftovers()


def test_nested_runs_are_marked_for_the_outer_check(project):
    """A nested run's processes carry this suite's marker, so a nested run that
    leaves something behind fails this suite as well."""
    assert project.marker.startswith(sr.SUITE_ID + "/")
    assert project.env()[sr.MARKER] == project.marker
    assert os.environ.get(sr.MARKER) is None
