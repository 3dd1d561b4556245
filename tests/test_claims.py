"""The speed claims of performance.md (tests/claims.py) and their charts (tests/charts.py).

Nothing here measures: `nox -s claims` does, on an idle machine. These tests check that
the recorded outputs bear the claims out, that both pages state every claim in the words
of the table, that each committed chart is what the recorded output draws, and that the
check itself fails when it should: a false claim, too few cores, a free-threaded build, a
recording that breaks a claim.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest

import charts
import claims
import snippet_runner as sr

SVG = "{http://www.w3.org/2000/svg}"
RECORD = "nox -s claims -- --record"


def recorded_figures() -> dict[str, claims.Figures]:
    return {name: claims.recorded(name) for name in claims.SNIPPETS}


def test_every_performance_snippet_is_measured_and_declared():
    perf = {name for name in sr.snippet_names() if name.startswith("perf_")}
    assert perf == set(claims.SNIPPETS), (
        "tests/claims.py SNIPPETS must list every snippets/perf_*.py (and nothing else)"
    )
    for name in claims.SNIPPETS:
        snippet = sr.get_snippet(name)
        assert snippet.recorded_by == RECORD, (
            f"snippets/snippets.toml [{name}]: recorded_by = {RECORD!r}, or `nox -s record` "
            "would record a --quick run over the measured one"
        )
        assert "--quick" in snippet.args, f"snippets/snippets.toml [{name}]: args = ['--quick']"
    assert {claim.snippet for claim in claims.CLAIMS} == set(claims.SNIPPETS)
    assert len({claim.id for claim in claims.CLAIMS}) == len(claims.CLAIMS)


def test_recorded_outputs_bear_out_every_claim():
    figures = recorded_figures()
    assert not claims.build_problems(figures)
    verdicts = claims.judge(figures)
    failed = [v.claim.id for v in verdicts if not v.holds]
    assert not failed, (
        "the recorded outputs (what the pages show) contradict the claims:\n"
        + claims.report(verdicts)
        + f"\nRecord them afresh on an idle machine: `{RECORD}`."
    )


def test_recorded_outputs_say_where_they_were_measured():
    for name, f in recorded_figures().items():
        assert f.cores >= claims.MIN_CORES, name
        assert re.fullmatch(r"3\.\d+\.\d+\S*", f.python), name
        assert f.repeat >= 3, f"{name}: recorded from a quick run? ({f.work})"
        if name != "perf_start_cost":  # it picks each start method itself
            assert f.method == sr.get_snippet(name).start_methods[0], name


def _page_text(language: str) -> str:
    text = (sr.ROOT / "docs" / language / "performance.md").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_pages_state_every_claim_in_the_words_of_the_table(language):
    text = _page_text(language)
    missing = [
        f"{claim.id}: {getattr(claim, language)}"
        for claim in claims.CLAIMS
        if getattr(claim, language) not in text
    ]
    assert not missing, (
        f"docs/{language}/performance.md does not state these claims as tests/claims.py "
        "words them (change both together):\n" + "\n".join(missing)
    )


# --- the check fails when it should ------------------------------------------------------


def _with(figures: claims.Figures, **values: float) -> claims.Figures:
    return dataclasses.replace(figures, values={**figures.values, **values})


def test_a_false_claim_fails_and_the_report_says_why():
    figures = recorded_figures()
    cpu = figures["perf_cpu_bound"]
    # Threads given the processes' figure: 2 threads as fast as 2 processes.
    figures["perf_cpu_bound"] = _with(cpu, **{"2 threads": cpu["2 processes"]})
    verdicts = {v.claim.id: v for v in claims.judge(figures)}
    beaten = verdicts["cpu-processes-beat-threads"]
    assert not beaten.holds
    assert beaten.ratio == pytest.approx(1.0)
    report = claims.report(list(verdicts.values()))
    assert re.search(r"cpu-processes-beat-threads +1\.00x +>= 1\.5x +FAILED", report), report


def test_an_at_most_claim_fails_when_exceeded():
    figures = recorded_figures()
    cpu = figures["perf_cpu_bound"]
    figures["perf_cpu_bound"] = _with(cpu, **{"2 threads": cpu["sequential"] / 1.5})
    verdict = next(v for v in claims.judge(figures) if v.claim.id == "cpu-threads-no-speed-up")
    assert not verdict.holds and verdict.ratio == pytest.approx(1.5)


def test_a_missing_figure_fails_the_claim():
    figures = recorded_figures()
    data = figures["perf_data_throughput"]
    figures["perf_data_throughput"] = dataclasses.replace(
        data, values={k: v for k, v in data.values.items() if "32 MiB" not in k}
    )
    verdicts = {v.claim.id: v for v in claims.judge(figures)}
    for name in ("data-shared-memory-vs-pipe", "data-shared-memory-vs-queue"):
        assert not verdicts[name].holds
        assert verdicts[name].ratio is None
        assert "printed no figure 'shared memory 32 MiB'" in verdicts[name].problem
    assert verdicts["data-small-messages"].problem is None


@pytest.fixture(autouse=True)
def no_pause(monkeypatch):
    """main() waits PAUSE seconds before measuring again; the tests here measure nothing."""
    monkeypatch.setattr(claims, "PAUSE", 0)


def test_fewer_than_two_cores_fail_without_measuring(monkeypatch, capsys):
    monkeypatch.setattr(claims, "available_cores", lambda: 1)

    def measure(name):
        raise AssertionError("measured on one core")

    monkeypatch.setattr(claims, "measure", measure)
    assert claims.main([]) == 1
    assert "at least 2 idle cores, so none was measured" in capsys.readouterr().err


def test_runs_on_too_few_cores_or_without_the_gil_are_refused():
    figures = recorded_figures()
    figures["perf_start_cost"] = dataclasses.replace(figures["perf_start_cost"], cores=1)
    figures["perf_cpu_bound"] = dataclasses.replace(figures["perf_cpu_bound"], gil=False)
    problems = claims.build_problems(figures)
    assert any("ran on 1 core(s)" in p for p in problems)
    assert any("free-threaded build" in p for p in problems)


def test_record_writes_nothing_when_a_claim_fails(monkeypatch, capsys):
    """`--record` with one falsified run: exit 1, nothing recorded or redrawn."""

    def spawn_as_cheap_as_fork(text):
        fork = re.search(r"^fork +(\d+\.\d+)", text, re.M)[1]
        return re.sub(r"^(spawn +)\d+\.\d+", rf"\g<1>{fork}", text, flags=re.M)

    monkeypatch.setattr(claims, "available_cores", lambda: 2)
    monkeypatch.setattr(
        claims,
        "measure",
        lambda name: _recorded_run(
            name, spawn_as_cheap_as_fork if name == "perf_start_cost" else str
        ),
    )
    monkeypatch.setattr(claims, "write_records", lambda outputs: pytest.fail("recorded"))
    assert claims.main(["--record"]) == 1
    out, err = capsys.readouterr()
    assert "start-spawn-vs-fork" in err and "Nothing was recorded." in err
    assert re.search(r"start-spawn-vs-fork +1\.00x +>= 5x +FAILED", out), out


def _recorded_run(name, edit=lambda text: text):
    snippet = sr.get_snippet(name)
    text = edit(claims.output_path(name).read_text(encoding="utf-8"))
    return (
        sr.Run(snippet, snippet.start_methods[0], 0, text, 1.0, []),
        claims.parse(name, text),
        0.0,
    )


def _threads_as_fast(text):
    """perf_cpu_bound's output with 2 threads given the 2 processes' figure."""
    procs = re.search(r"^2 processes +(\d+\.\d+)", text, re.M)[1]
    return re.sub(r"^(2 threads +)\d+\.\d+", rf"\g<1>{procs}", text, flags=re.M)


def test_a_claim_false_in_one_run_is_measured_again(monkeypatch, capsys):
    """A disturbed first run is measured again; a claim false every time fails."""
    runs = []

    def measure(name, false_runs):
        runs.append(name)
        bad = name == "perf_cpu_bound" and runs.count(name) <= false_runs
        return _recorded_run(name, _threads_as_fast if bad else lambda text: text)

    monkeypatch.setattr(claims, "available_cores", lambda: 2)
    monkeypatch.setattr(claims, "measure", lambda name: measure(name, 1))
    assert claims.main([]) == 0
    assert runs.count("perf_cpu_bound") == 2 and runs.count("perf_io_bound") == 1
    assert re.search(
        r"^cpu-processes-beat-threads 1\.00x;.*: not in this run; measuring again in 0 s\.$",
        capsys.readouterr().out,
        re.M,
    )

    runs.clear()
    monkeypatch.setattr(claims, "measure", lambda name: measure(name, claims.ATTEMPTS))
    assert claims.main([]) == 1
    assert runs.count("perf_cpu_bound") == claims.ATTEMPTS
    out, err = capsys.readouterr()
    assert re.search(r"cpu-processes-beat-threads +1\.00x +>= 1\.5x +FAILED", out), out
    assert "cpu-processes-beat-threads" in err


def test_recorded_cpu_run_is_steady():
    """What the page shows: sequential, 1 thread and 1 process within 10% of each other."""
    why = claims.unsteady(claims.recorded("perf_cpu_bound"))
    assert why is None, (
        f"snippets/outputs/perf_cpu_bound.txt: {why}. Record it afresh on an idle machine: "
        f"`{RECORD}`."
    )


def test_record_refuses_an_unsteady_run(monkeypatch, capsys):
    def slow_one_process(text):  # no claim uses "1 process"
        return re.sub(
            r"^(1 process +)(\d+\.\d+)",
            lambda m: f"{m[1]}{float(m[2]) * 1.3:.3f}",
            text,
            flags=re.M,
        )

    monkeypatch.setattr(claims, "available_cores", lambda: 2)
    monkeypatch.setattr(
        claims,
        "measure",
        lambda name: _recorded_run(name, slow_one_process if name == "perf_cpu_bound" else str),
    )
    monkeypatch.setattr(claims, "write_records", lambda outputs: pytest.fail("recorded"))
    assert claims.main(["--record"]) == 1
    err = capsys.readouterr().err
    assert "perf_cpu_bound (unsteady run" in err and "Nothing was recorded." in err


# --- the charts ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", claims.SNIPPETS)
@pytest.mark.parametrize("language", charts.LANGUAGES)
def test_committed_chart_matches_recorded_output(name, language):
    path = charts.svg_path(name, language)
    shown = path.relative_to(sr.ROOT)
    assert path.exists(), f"{shown} is missing: draw it with `python tests/charts.py`."
    assert path.read_text(encoding="utf-8") == charts.draw(name, language), (
        f"{shown} is not what tests/charts.py draws from the recorded output of "
        f"snippets/{name}.py: the output changed (or the chart was edited) without "
        f"redrawing. Record both with `{RECORD}` (or redraw with `python tests/charts.py`) "
        "and commit them together."
    )


@pytest.mark.parametrize("language", charts.LANGUAGES)
def test_chart_draws_a_labelled_bar_per_figure(language):
    figures = claims.recorded("perf_data_throughput")
    svg = charts.render(charts.chart(figures, language))
    root = ET.fromstring(svg)
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class", "").startswith("c")]
    assert len(bars) == len(figures.values)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    words = charts.TEXT[language]
    assert words["messages"].format(size="32 MiB") in texts
    assert words["shared memory"] in texts
    assert f"CPython {figures.python}" in texts[1]  # the subtitle: where it was measured
    assert len(svg.encode()) < 8000


def test_chart_is_self_contained_and_styled_for_dark_mode():
    svg = charts.draw("perf_cpu_bound", "en")
    assert "<script" not in svg
    assert "prefers-color-scheme: dark" in svg
    for external in ("href", "@import", "url(", "@font-face"):
        assert external not in svg


def test_what_the_pages_say_of_this_run_is_in_the_recorded_output():
    """The data section remarks on the recorded run ("in this run, ..."); a new recording
    that no longer shows it must come with new words on both pages."""
    f = claims.recorded("perf_data_throughput")
    sizes = ("1 KiB", "32 KiB", "1 MiB", "32 MiB")
    for column in ("Queue", "Pipe"):
        fastest = max(sizes, key=lambda size: f[f"{column} {size}"])
        assert fastest == "32 KiB", (
            f"docs/*/performance.md says that in this run {column} was fastest at 32 KiB; "
            f"snippets/outputs/perf_data_throughput.txt has it fastest at {fastest}: "
            "reword both pages"
        )
    for size in ("1 KiB", "32 KiB"):
        slowest = min(_row(f, size), key=lambda pair: pair[1])[0]
        assert slowest == "shared memory", (
            f"docs/*/performance.md says shared memory was the slowest at {size} in this "
            f"run; snippets/outputs/perf_data_throughput.txt has {slowest}: reword both pages"
        )


def _row(f, size):
    return [(column, f[f"{column} {size}"]) for column in claims.DATA_COLUMNS]


def test_settle_waits_for_a_quiet_cpu_but_not_forever(monkeypatch):
    readings = iter([90.0, 60.0, 5.0, 0.0])
    monkeypatch.setattr(claims, "busy_percent", lambda: next(readings))
    assert claims.settle() == 5.0  # two busy seconds, then quiet

    monkeypatch.setattr(claims, "busy_percent", lambda: 90.0)
    monkeypatch.setattr(claims, "SETTLE", 0)
    assert claims.settle() == 90.0  # gives up at once and reports how busy it was
