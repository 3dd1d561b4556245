"""The timeline pictures (tests/timeline.py): drawn right, and up to date.

Each committed docs/<lang>/images/NAME-timeline.svg must be exactly what
tests/timeline.py draws from snippets/outputs/NAME.txt. The parameters are named
`name` and `method` like the snippet tests', so `pytest --update-outputs
--snippet NAME` (and `nox -s record`) keeps these tests and they redraw the
pictures after the snippet test has re-recorded the output.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

import snippet_runner as sr
import timeline

FIXTURE = """\
all 3 tasks submitted
task 0 started at 0.10 s in pid 101
task 1 started at 0.12 s in pid 202
task 0 finished at 0.50 s in pid 101
task 2 started at 0.51 s in pid 101
task 1 finished at 0.90 s in pid 202
task 2 finished at 1.20 s in pid 101
all done at 1.25 s
"""
SVG = "{http://www.w3.org/2000/svg}"


def test_parse_reads_tasks_and_ignores_other_lines():
    assert timeline.parse(FIXTURE) == [
        timeline.Task("0", "101", 0.10, 0.50),
        timeline.Task("1", "202", 0.12, 0.90),
        timeline.Task("2", "101", 0.51, 1.20),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("task 1 started at 0.1 s in pid 1\n", "never finished: 1"),
        ("task 1 finished at 0.1 s in pid 1\n", "finished before it started"),
        (
            "task 1 started at 0.1 s in pid 1\ntask 1 finished at 0.2 s in pid 2\n",
            "started in pid 1, finished in pid 2",
        ),
        ("all done\n", "no `task N started"),
    ],
)
def test_parse_rejects_what_it_cannot_draw(text, message):
    with pytest.raises(timeline.TimelineError, match=re.escape(message)):
        timeline.parse(text)


@pytest.mark.parametrize("language", timeline.LANGUAGES)
def test_render_draws_a_lane_per_process_and_a_bar_per_task(language):
    svg = timeline.render(timeline.parse(FIXTURE), "fixture.py", language)
    root = ET.fromstring(svg)  # well-formed XML
    bars = root.findall(f".//{SVG}rect[@class='bar']")
    assert len(bars) == 3
    texts = [t.text for t in root.iter(f"{SVG}text")]
    words = timeline.TEXT[language]
    assert words["process"].format(pid="101") in texts
    assert words["process"].format(pid="202") in texts
    assert words["axis"] in texts
    assert "fixture.py" in root.find(f"{SVG}title").text
    # Bars of one lane share a row; a later task lies further right.
    rows = {bar.get("y") for bar in bars}
    assert len(rows) == 2
    assert float(bars[0].get("x")) < float(bars[1].get("x"))


def test_render_is_self_contained_and_styled_for_dark_mode():
    svg = timeline.render(timeline.parse(FIXTURE), "fixture.py", "en")
    assert "<script" not in svg
    assert "prefers-color-scheme: dark" in svg
    for external in ("href", "@import", "url(", "@font-face"):
        assert external not in svg
    assert svg == timeline.render(timeline.parse(FIXTURE), "fixture.py", "en")


def _cases():
    for name in timeline.TIMELINES:
        # the start method of the run that records the output (see snippet_runner.recorders)
        method = next(iter(sr.recorders(name).values()))[1]
        for language in timeline.LANGUAGES:
            yield pytest.param(name, method, language, id=f"{name}-{language}")


@pytest.mark.parametrize(("name", "method", "language"), list(_cases()))
def test_committed_timeline_matches_recorded_output(name, method, language, request):
    output = timeline.output_path(name)
    assert (sr.SNIPPETS / f"{name}.py").exists(), (
        f"tests/timeline.py draws snippets/{name}.py, which does not exist: "
        "remove it from TIMELINES or restore the snippet."
    )
    assert output.exists(), f"{output.relative_to(sr.ROOT)} is missing: record it first."
    path = timeline.svg_path(name, language)
    shown = path.relative_to(sr.ROOT)
    if request.config.getoption("--update-outputs"):
        timeline.write(name)
        return
    drawn = timeline.draw(name, language)
    assert path.exists(), (
        f"{shown} is missing. Draw it from the recorded output with "
        f"`nox -s record -- {name}` (or `python tests/timeline.py {name}`)."
    )
    assert path.read_text(encoding="utf-8") == drawn, (
        f"{shown} is not what tests/timeline.py draws from "
        f"{output.relative_to(sr.ROOT)}: the output was re-recorded (or the "
        f"picture edited) without redrawing it. Run `nox -s record -- {name}` "
        f"(or `python tests/timeline.py {name}`) and commit both."
    )
