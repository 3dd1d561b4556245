"""Draw the timeline of a recorded run: one lane per process, one bar per task.

    python tests/timeline.py [NAME ...]     (all of TIMELINES if no name)

reads snippets/outputs/NAME.txt, whose timing lines look like

    task 3 started at 0.52 s in pid 1234
    task 3 finished at 1.31 s in pid 1234

and writes docs/zh/images/NAME-timeline.svg and docs/en/images/NAME-timeline.svg.
`nox -s record` (pytest --update-outputs) regenerates them with the outputs, and
tests/test_timelines.py fails when a committed picture no longer matches its
recorded output. Standard library only; the SVG has no script and no external
font, and styles itself for light and dark mode.
"""

from __future__ import annotations

import dataclasses
import math
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ROOT / "snippets" / "outputs"
DOCS = ROOT / "docs"

# The snippets whose recorded output is drawn, and the page that shows each.
TIMELINES = {
    "parallel_sleep": "parallel-and-queues.md",
    "pool_apply_async": "process-and-pool.md",
}

EVENT = re.compile(
    r"^task (?P<task>\S+) (?P<event>started|finished) at (?P<at>\d+(?:\.\d+)?) s"
    r" in pid (?P<pid>\d+)$"
)

TEXT = {
    "zh": {
        "title": "{script} 的一次实际运行：每个进程一行，每个任务一段",
        "process": "进程 {pid}",
        "task": "任务 {task}",
        "span": "{task}：{start}～{end} 秒",  # the tooltip of a bar
        "axis": "秒",
        "desc": "{tasks} 个任务在 {lanes} 个进程中运行，最后一个任务在第 {end} 秒结束。",
    },
    "en": {
        "title": "{script}, one real run: a lane per process, a bar per task",
        "process": "process {pid}",
        "task": "task {task}",
        "span": "{task}: {start}–{end} s",
        "axis": "seconds",
        "desc": "{tasks} tasks ran in {lanes} processes; the last one finished at {end} s.",
    },
}
LANGUAGES = tuple(TEXT)

# Layout, in SVG user units (pixels at 100 %).
WIDTH = 760
LEFT = 130  # lane labels
RIGHT = 20
TOP = 44  # title
LANE = 34
BAR = 24
BOTTOM = 46  # axis ticks and label


def svg_style(light: str, dark: str) -> str:
    """The CSS of the site's pictures (these timelines, tests/charts.py's charts): the
    shared font and colours, then a picture's own rules, for the light scheme and for
    the dark one (an SVG shown as an image follows the page's colour scheme)."""
    return f"""
svg {{ font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC",
  "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 13px; }}
.bg {{ fill: #ffffff; stroke: #d0d4e4; }}
.fg {{ fill: #1f2330; }}
.muted {{ fill: #5c6275; }}
.grid {{ stroke: #e3e6ef; }}
{light}@media (prefers-color-scheme: dark) {{
  .bg {{ fill: #1e2129; stroke: #3b4152; }}
  .fg {{ fill: #e3e6ef; }}
  .muted {{ fill: #a3a9bb; }}
  .grid {{ stroke: #31364a; }}
{dark}}}
"""


STYLE = svg_style(
    ".axis { stroke: #5c6275; }\n.bar { fill: #3f51b5; }\n"
    ".bar-label { fill: #ffffff; font-size: 12px; }\n",
    "  .axis { stroke: #a3a9bb; }\n  .bar { fill: #8c9eff; }\n  .bar-label { fill: #10131c; }\n",
)


class TimelineError(ValueError):
    """The recorded output cannot be drawn."""


@dataclasses.dataclass(frozen=True)
class Task:
    name: str
    pid: str
    start: float
    end: float


def parse(text: str) -> list[Task]:
    """The tasks of a recorded output, in the order they started."""
    started: dict[str, tuple[float, str]] = {}
    tasks = []
    for number, line in enumerate(text.splitlines(), 1):
        m = EVENT.match(line.strip())
        if not m:
            continue  # summary lines and anything else
        task, at, pid = m["task"], float(m["at"]), m["pid"]
        if m["event"] == "started":
            if task in started or any(t.name == task for t in tasks):
                raise TimelineError(f"line {number}: task {task} started twice")
            started[task] = (at, pid)
            continue
        if task not in started:
            raise TimelineError(f"line {number}: task {task} finished before it started")
        start, start_pid = started.pop(task)
        if pid != start_pid:
            raise TimelineError(
                f"line {number}: task {task} started in pid {start_pid}, finished in pid {pid}"
            )
        if at < start:
            raise TimelineError(f"line {number}: task {task} finished before its start time")
        tasks.append(Task(task, pid, start, at))
    if started:
        raise TimelineError(f"tasks that never finished: {', '.join(sorted(started))}")
    if not tasks:
        raise TimelineError("no `task N started at X s in pid P` lines")
    return sorted(tasks, key=lambda t: (t.start, t.end, t.name))


def _step(span: float) -> float:
    """A round tick interval giving at most 8 intervals over `span` seconds."""
    for step in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 30, 60):
        if span / step <= 8:
            return step
    return 10 ** math.ceil(math.log10(span / 8))


def _num(x: float) -> str:
    """Numbers in the SVG: fixed precision, so the file is byte-stable."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _seconds(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".") if x % 1 else f"{x:.0f}"


def _text_width(text: str, size: float) -> float:
    """A rough width: CJK characters are about 1 em wide, others about 0.6 em."""
    return sum(size if ord(c) > 0x2E80 else 0.6 * size for c in text)


def render(tasks: list[Task], script: str, language: str) -> str:
    """The SVG for `tasks` with labels in `language` ("zh" or "en")."""
    text = TEXT[language]
    lanes = list(dict.fromkeys(t.pid for t in tasks))  # in order of first start
    end = max(t.end for t in tasks)
    step = _step(end)
    span = step * max(1, math.ceil(end / step - 1e-9))
    plot = WIDTH - LEFT - RIGHT
    height = TOP + LANE * len(lanes) + BOTTOM
    axis_y = TOP + LANE * len(lanes)

    def x(seconds: float) -> float:
        return LEFT + plot * seconds / span

    title = text["title"].format(script=script)
    desc = text["desc"].format(tasks=len(tasks), lanes=len(lanes), end=_seconds(end))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="title desc">',
        f'<title id="title">{escape(title)}</title>',
        f'<desc id="desc">{escape(desc)}</desc>',
        f"<style>{STYLE}</style>",
        f'<rect class="bg" x="0.5" y="0.5" width="{WIDTH - 1}" height="{height - 1}" rx="6"/>',
        f'<text class="fg" x="16" y="26" font-size="15">{escape(title)}</text>',
    ]
    ticks = round(span / step)
    for i in range(ticks + 1):
        seconds = i * step
        tx = _num(x(seconds))
        out.append(
            f'<line class="grid" x1="{tx}" y1="{TOP - 6}" x2="{tx}" y2="{axis_y}"/>'
            f'<line class="axis" x1="{tx}" y1="{axis_y}" x2="{tx}" y2="{axis_y + 5}"/>'
            f'<text class="muted" x="{tx}" y="{axis_y + 19}" '
            f'text-anchor="middle">{_seconds(seconds)}</text>'
        )
    out.append(
        f'<line class="axis" x1="{LEFT}" y1="{axis_y}" x2="{_num(x(span))}" y2="{axis_y}"/>'
        f'<text class="muted" x="{_num(LEFT + plot / 2)}" y="{axis_y + 38}" '
        f'text-anchor="middle">{escape(text["axis"])}</text>'
    )
    for row, pid in enumerate(lanes):
        mid = TOP + LANE * row + LANE / 2
        out.append(
            f'<text class="fg" x="{LEFT - 10}" y="{_num(mid + 4.5)}" '
            f'text-anchor="end">{escape(text["process"].format(pid=pid))}</text>'
        )
        for task in (t for t in tasks if t.pid == pid):
            x1, x2 = x(task.start), x(task.end)
            width = max(x2 - x1 - 2, 1.0)  # a 2-unit gap between adjacent bars
            label = text["task"].format(task=task.name)
            tooltip = text["span"].format(
                task=label, start=_seconds(task.start), end=_seconds(task.end)
            )
            if _text_width(label, 12) + 8 > width:
                label = task.name
            out.append(
                f"<g><title>{escape(tooltip)}</title>"
                f'<rect class="bar" x="{_num(x1 + 1)}" y="{_num(mid - BAR / 2)}" '
                f'width="{_num(width)}" height="{BAR}" rx="3"/>'
            )
            if _text_width(label, 12) + 4 <= width:
                out.append(
                    f'<text class="bar-label" x="{_num(x1 + 1 + width / 2)}" '
                    f'y="{_num(mid + 4)}" text-anchor="middle">{escape(label)}</text>'
                )
            out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def output_path(name: str) -> Path:
    return OUTPUTS / f"{name}.txt"


def svg_path(name: str, language: str) -> Path:
    return DOCS / language / "images" / f"{name}-timeline.svg"


def draw(name: str, language: str) -> str:
    """The SVG of snippets/outputs/NAME.txt in `language`."""
    tasks = parse(output_path(name).read_text(encoding="utf-8"))
    return render(tasks, f"{name}.py", language)


def write(name: str) -> list[Path]:
    """Regenerate both languages' pictures of NAME; returns the files written."""
    written = []
    for language in LANGUAGES:
        path = svg_path(name, language)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(draw(name, language), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    names = argv or list(TIMELINES)
    unknown = [n for n in names if n not in TIMELINES]
    if unknown:
        print(f"not in TIMELINES: {', '.join(unknown)}", file=sys.stderr)
        return 2
    for name in names:
        for path in write(name):
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
