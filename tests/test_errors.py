"""The error index (docs/hooks/errors.py): every error message a recorded output shows has an
entry in docs/errors.toml with a cause and a fix in each language, and a section explaining it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import snippet_runner as sr

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("errors_hook", ROOT / "docs/hooks/errors.py")
errors = importlib.util.module_from_spec(_spec)
sys.modules["errors_hook"] = errors  # dataclasses look their module up there
_spec.loader.exec_module(errors)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_error_on_the_site_is_explained(language):
    index, problems = errors.collect(ROOT / "docs" / language)
    assert not problems, "\n".join(problems)
    assert index, "no error message found in snippets/outputs: is the extraction broken?"


def test_every_entry_is_used():
    index, _ = errors.collect(ROOT / "docs" / "en")
    unused = sorted(set(errors.load_entries()) - set(index))
    assert not unused, (
        f"docs/errors.toml has entries no recorded output prints: {unused}. Remove them, or "
        "fix their `type` and `match`."
    )


def test_an_unexplained_error_is_reported(tmp_path):
    """Shown failing on purpose: an output with an error no entry matches."""
    (tmp_path / "queue_hello.txt").write_text(
        "Traceback (most recent call last):\n  File ...\nOSError: [Errno 24] Too many open files\n"
    )
    _, problems = errors.collect(ROOT / "docs" / "en", outputs=tmp_path)
    assert problems == [
        "snippets/outputs/queue_hello.txt prints `OSError: [Errno 24] Too many open files`, "
        "which docs/errors.toml does not explain: add an entry (type, match, and one line of "
        "cause and fix in each language) so that the error index lists it."
    ]


def test_messages_are_read_as_printed():
    output = (
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1, in <module>\n'
        "    raise RuntimeError('''\n"
        "RuntimeError:\n"
        "        An attempt has been made to start a new process before the\n"
        "        current process has finished its bootstrapping phase.\n"
        "\n"
        "        This probably means ...\n"
        "concurrent.futures.process.BrokenProcessPool: A process in the pool (pid 4242) died\n"
        "caught ValueError: not at the start of a line\n"
    )
    assert [str(m) for m in errors.messages_in(output)] == [
        "RuntimeError: An attempt has been made to start a new process before the current "
        "process has finished its bootstrapping phase.",
        "BrokenProcessPool: A process in the pool (pid <N>) died",
    ]


def test_the_index_names_versions_and_methods():
    index, _ = errors.collect(ROOT / "docs" / "en")
    runs = index["fork-server-reset"]["messages"]
    assert {line for message_runs in runs.values() for line, _ in message_runs} == {(3, 14)}
    assert sr.MATRIX_LINES  # the versions come from pyproject.toml


def test_headings_show_angle_brackets_as_printed():
    """`<` has no backslash escape in Python-Markdown: `\\<` would show the backslash."""
    import markdown

    heading = errors._heading(
        errors.Message("PicklingError", "Can't pickle <function <lambda> at 0x<ADDR>>: x")
    )
    html = markdown.markdown(f"### PicklingError: {heading}")
    assert "\\" not in html, html
    assert "Can't pickle &lt;function &lt;lambda&gt; at 0x&lt;ADDR&gt;&gt;:" in html, html
