"""Draw the figures of the performance snippets as bar charts, one per snippet and language.

    python tests/charts.py               redraw every chart from snippets/outputs/
    python tests/claims.py --record      measure, check the claims, record, redraw

reads snippets/outputs/NAME.txt (tests/claims.py parses it) and writes
docs/zh/images/NAME-chart.svg and docs/en/images/NAME-chart.svg. A bar per figure, its
value written beside it; a subtitle says on what machine the figures were measured, as
the recorded output does. tests/test_claims.py fails when a committed chart is not what
this module draws from the recorded output. Standard library only; like the timelines
(tests/timeline.py), the SVG has no script and no external font, and follows the page's
light or dark scheme.
"""

from __future__ import annotations

import dataclasses
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import claims
from timeline import _num, svg_style

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGUAGES = ("zh", "en")

TEXT = {
    "en": {
        "machine": "CPython {python} on {system}, {cores} cores{method}; best of {repeat} runs",
        "method": ", start method {method}",
        "perf_cpu_bound": "CPU-bound work: speed-up over sequential work (longer is faster)",
        "perf_io_bound": "Waiting work: time spent beyond the wait (shorter is better)",
        "perf_start_cost": "Starting a process, per process (shorter is better)",
        "perf_data_throughput": "Moving bytes to a child process (longer is faster; log scale)",
        "perf_pool_chunksize": "Tiny tasks on a pool, per task (shorter is better; log scale)",
        "sequential": "sequential",
        "thread": "{n} thread",
        "threads": "{n} threads",
        "process": "{n} process",
        "processes": "{n} processes",
        "messages": "{size} messages",
        "Queue": "Queue",
        "Pipe": "Pipe",
        "shared memory": "shared memory",
        # the accessible description: "SUBTITLE. HEADING, LABEL: VALUE; LABEL: VALUE"
        "desc": ("{subtitle}. {bars}", "; ", "{heading}, ", ": "),
        "no pool": "no pool",
        "chunksize auto": "chunksize auto",
    },
    "zh": {
        "machine": "CPython {python}，{system}，{cores} 核{method}；取 {repeat} 次运行中最快的一次",
        "method": "，启动方法 {method}",
        "perf_cpu_bound": "CPU 密集型任务：相对顺序执行的加速比（越长越快）",
        "perf_io_bound": "等待型任务：等待之外多花的时间（越短越好）",
        "perf_start_cost": "启动一个进程的耗时（越短越好）",
        "perf_data_throughput": "向子进程传送数据的速度（越长越快；对数刻度）",
        "perf_pool_chunksize": "进程池上的小任务：每个任务的耗时（越短越好；对数刻度）",
        "sequential": "顺序执行",
        "thread": "{n} 个线程",
        "threads": "{n} 个线程",
        "process": "{n} 个进程",
        "processes": "{n} 个进程",
        "messages": "消息 {size}",
        "Queue": "队列",
        "Pipe": "管道",
        "shared memory": "共享内存",
        "desc": ("{subtitle}。{bars}。", "；", "{heading}，", "："),
        "no pool": "不用进程池",
        "chunksize auto": "chunksize 自动",
    },
}

# Layout, in SVG user units (pixels at 100 %).
WIDTH = 760
LEFT = 150  # row labels
VALUES = 96  # value labels right of the longest bar
RIGHT = 16
TOP = 64  # title and subtitle
ROW = 24
BAR = 16
GROUP = 24  # a group's heading row
BOTTOM = 40  # axis ticks

STYLE = svg_style(
    ".ref { stroke: #5c6275; stroke-dasharray: 4 3; }\n"
    ".c0 { fill: #8a90a3; }\n.c1 { fill: #e8710a; }\n"
    ".c2 { fill: #3f51b5; }\n.c3 { fill: #00897b; }\n",
    "  .ref { stroke: #a3a9bb; }\n  .c0 { fill: #a3a9bb; }\n  .c1 { fill: #ffab5e; }\n"
    "  .c2 { fill: #8c9eff; }\n  .c3 { fill: #4fd1c0; }\n",
)


@dataclasses.dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: int  # c0 (a baseline) ... c3


@dataclasses.dataclass(frozen=True)
class Chart:
    title: str
    subtitle: str
    groups: list[tuple[str | None, list[Bar]]]  # (heading or None, its bars)
    value_text: Callable[[float], str]
    desc: tuple[str, str, str, str]  # TEXT[language]["desc"]
    log: bool = False
    reference: float | None = None  # a dashed line at this value


# --- what each snippet's chart shows ----------------------------------------------------


def _workers(label: str, words: dict) -> str:
    """'2 processes' -> words['processes'] with n=2."""
    m = re.fullmatch(r"(\d+) (\w+)", label)
    return words[m[2]].format(n=m[1]) if m else words.get(label, label)


def _cpu(f: claims.Figures, words: dict) -> list[tuple[str | None, list[Bar]]]:
    alone = f["sequential"]
    bars = [Bar(words["sequential"], 1.0, 0)]
    for label, seconds in f.values.items():
        if label != "sequential":
            colour = 1 if "thread" in label else 2
            bars.append(Bar(_workers(label, words), alone / seconds, colour))
    return [(None, bars)]


def _io(f: claims.Figures, words: dict) -> list[tuple[str | None, list[Bar]]]:
    tasks = re.match(r"(\d+) tasks", f.work)
    n = tasks[1] if tasks else "N"
    return [
        (
            None,
            [
                Bar(words["threads"].format(n=n), f["threads overhead"], 1),
                Bar(words["processes"].format(n=n), f["processes overhead"], 2),
            ],
        )
    ]


def _start(f: claims.Figures, words: dict) -> list[tuple[str | None, list[Bar]]]:
    return [(None, [Bar(method, f[method], 2) for method in ("fork", "forkserver", "spawn")])]


def _data(f: claims.Figures, words: dict) -> list[tuple[str | None, list[Bar]]]:
    sizes = list(dict.fromkeys(re.search(r"\d+ [KM]iB$", key)[0] for key in f.values))
    groups = []
    for size in sizes:
        bars = [
            Bar(words.get(column, column), f[f"{column} {size}"], colour)
            for colour, column in enumerate(claims.DATA_COLUMNS, 1)
        ]
        groups.append((words["messages"].format(size=size), bars))
    return groups


def _pool(f: claims.Figures, words: dict) -> list[tuple[str | None, list[Bar]]]:
    return [
        (
            None,
            [
                Bar(words.get(label, label), value, 0 if label == "no pool" else 2)
                for label, value in f.values.items()
            ],
        )
    ]


def _speed_up(x: float) -> str:
    return f"{x:.2f}×"


def _ms(x: float) -> str:
    return f"{x:.1f} ms"


def _mib_s(x: float) -> str:
    return f"{x:,.0f} MiB/s"


def _us(x: float) -> str:
    return f"{x:.3g} µs"


CHARTS = {  # snippet -> (its bars, how a value is written, logarithmic scale?)
    "perf_cpu_bound": (_cpu, _speed_up, False),
    "perf_io_bound": (_io, _ms, False),
    "perf_start_cost": (_start, _ms, False),
    "perf_data_throughput": (_data, _mib_s, True),
    "perf_pool_chunksize": (_pool, _us, True),
}


def chart(figures: claims.Figures, language: str) -> Chart:
    words = TEXT[language]
    bars, value_text, log = CHARTS[figures.snippet]
    method = words["method"].format(method=figures.method) if figures.method else ""
    subtitle = words["machine"].format(
        python=figures.python,
        system=figures.system,
        cores=figures.cores,
        method=method,
        repeat=figures.repeat,
    )
    return Chart(
        title=f"{figures.snippet}.py: {words[figures.snippet]}"
        if language == "en"
        else f"{figures.snippet}.py：{words[figures.snippet]}",
        subtitle=subtitle,
        groups=bars(figures, words),
        value_text=value_text,
        desc=words["desc"],
        log=log,
        reference=1.0 if figures.snippet == "perf_cpu_bound" else None,
    )


# --- drawing ---------------------------------------------------------------------------


def _tick_text(x: float) -> str:
    if x >= 1000:
        return f"{x:,.0f}"
    return f"{x:.2f}".rstrip("0").rstrip(".") if x % 1 else f"{x:.0f}"


def _linear_ticks(top: float) -> list[float]:
    """0 and round steps up to at least `top`, at most 6 intervals."""
    magnitude = 10 ** math.floor(math.log10(top)) if top > 0 else 1
    for factor in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if top / step <= 6:
            break
    count = max(1, math.ceil(top / step - 1e-9))
    return [round(i * step, 10) for i in range(count + 1)]


def _log_ticks(low: float, high: float) -> list[float]:
    first = math.floor(math.log10(low))
    last = max(math.ceil(math.log10(high)), first + 1)
    return [10.0**k for k in range(first, last + 1)]


def render(c: Chart) -> str:
    values = [bar.value for _, bars in c.groups for bar in bars]
    if c.log:
        ticks = _log_ticks(min(values), max(values))
        low, high = math.log10(ticks[0]), math.log10(ticks[-1])

        def scale(v: float) -> float:
            return (math.log10(max(v, ticks[0])) - low) / (high - low)
    else:
        ticks = _linear_ticks(max([*values, c.reference or 0]))

        def scale(v: float) -> float:
            return v / ticks[-1]

    plot = WIDTH - LEFT - VALUES - RIGHT
    rows = sum(len(bars) for _, bars in c.groups)
    headings = sum(1 for heading, _ in c.groups if heading)
    axis_y = TOP + ROW * rows + GROUP * headings
    height = axis_y + BOTTOM

    def x(v: float) -> float:
        return LEFT + plot * scale(v)

    whole, between, heading_text, colon = c.desc
    described = whole.format(
        subtitle=c.subtitle,
        bars=between.join(
            f"{heading_text.format(heading=heading) if heading else ''}{bar.label}"
            f"{colon}{c.value_text(bar.value)}"
            for heading, bars in c.groups
            for bar in bars
        ),
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="title desc">',
        f'<title id="title">{escape(c.title)}</title>',
        f'<desc id="desc">{escape(described)}</desc>',
        f"<style>{STYLE}</style>",
        f'<rect class="bg" x="0.5" y="0.5" width="{WIDTH - 1}" height="{height - 1}" rx="6"/>',
        f'<text class="fg" x="16" y="26" font-size="15">{escape(c.title)}</text>',
        f'<text class="muted" x="16" y="46" font-size="12">{escape(c.subtitle)}</text>',
    ]
    for tick in ticks:
        tx = _num(x(tick))
        out.append(
            f'<line class="grid" x1="{tx}" y1="{TOP - 6}" x2="{tx}" y2="{axis_y}"/>'
            f'<text class="muted" x="{tx}" y="{axis_y + 18}" '
            f'text-anchor="middle">{_tick_text(tick)}</text>'
        )
    if c.reference is not None:  # under the bars and their labels
        rx = _num(x(c.reference))
        out.append(f'<line class="ref" x1="{rx}" y1="{TOP - 6}" x2="{rx}" y2="{axis_y}"/>')
    y = TOP
    for heading, bars in c.groups:
        if heading:
            out.append(
                f'<text class="fg" x="16" y="{_num(y + GROUP / 2 + 4.5)}" '
                f'font-weight="bold">{escape(heading)}</text>'
            )
            y += GROUP
        for bar in bars:
            mid = y + ROW / 2
            end = x(bar.value)
            out.append(
                f'<text class="fg" x="{LEFT - 10}" y="{_num(mid + 4.5)}" '
                f'text-anchor="end">{escape(bar.label)}</text>'
                f'<rect class="c{bar.colour}" x="{LEFT}" y="{_num(mid - BAR / 2)}" '
                f'width="{_num(max(end - LEFT, 1.0))}" height="{BAR}" rx="2"/>'
                f'<text class="fg" x="{_num(max(end, LEFT + 1) + 6)}" '
                f'y="{_num(mid + 4.5)}">{escape(c.value_text(bar.value))}</text>'
            )
            y += ROW
    out.append("</svg>")
    return "\n".join(out) + "\n"


def svg_path(name: str, language: str) -> Path:
    return DOCS / language / "images" / f"{name}-chart.svg"


def draw(name: str, language: str) -> str:
    """The SVG of snippets/outputs/NAME.txt, labelled in `language`."""
    return render(chart(claims.recorded(name), language))


def write_all() -> list[Path]:
    written = []
    for name in CHARTS:
        for language in LANGUAGES:
            path = svg_path(name, language)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(draw(name, language), encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all():
        print(f"wrote {path.relative_to(ROOT)}")
    sys.exit(0)
