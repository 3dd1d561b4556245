"""MkDocs hook: the error-message index (errors.md), made from the recorded outputs.

Every recorded output (snippets/outputs/*.txt) is read for error messages: a line that starts
with an exception's name and a colon, as a traceback ends (`RuntimeError: ...`), or as a
snippet prints an error it caught. Each message is matched to an entry of docs/errors.toml,
which holds, once per language, one line on its cause and its fix. The index lists each entry
with the messages as printed (normalized as the outputs are compared), the Python versions and
start methods whose runs print it, and a link to every section that shows it: the section
(heading) of each page that includes the output, or the one the snippet's settings name with
`explains = "page.md#id"`.

The build fails, naming the output file and what to do, when a message has no entry or no
section explains it. `<!-- error-index -->` on a page becomes the index.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections import defaultdict
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - the site builds on 3.11+
    import tomli as tomllib

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
import snippet_runner as sr  # noqa: E402  settings and normalizers, shared with the tests

ENTRIES_FILE = ROOT / "docs" / "errors.toml"
MARKER = "<!-- error-index -->"

# `RuntimeError: ...`, `concurrent.futures.process.BrokenProcessPool: ...` at a line's start.
ERROR_LINE = re.compile(
    r"^(?:[a-z_][\w]*\.)*(?P<type>[A-Z]\w*(?:Error|Exception|Interrupt|Exit|Warning|Pool))"
    r":(?P<message>.*)$"
)
INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"outputs/([^"]+)"\s*$')
HEADING = re.compile(r"^(#{1,6})\s+(?P<title>.*?)\s*\{\s*#(?P<id>[\w-]+)\s*\}\s*$")
TEXT = {
    "en": {"cause": "Cause", "fix": "Fix", "seen": "Printed on", "shown": "Shown in"},
    "zh": {"cause": "原因", "fix": "解决", "seen": "出现于", "shown": "示例与讲解"},
}
LIST_SEP = {"en": ", ", "zh": "、"}


@dataclasses.dataclass(frozen=True)
class Message:
    type: str
    text: str  # normalized

    def __str__(self) -> str:
        return f"{self.type}: {self.text}" if self.text else self.type


def messages_in(output: str) -> list[Message]:
    """The error messages in one recorded output, in order, normalized."""
    found = []
    lines = output.splitlines()
    for i, line in enumerate(lines):
        m = ERROR_LINE.match(line)
        if not m:
            continue
        text = m["message"].strip()
        if not text:  # the message starts on the next lines (RuntimeError's long ones)
            rest = []
            for later in lines[i + 1 :]:
                if not later.strip():
                    if rest:
                        break
                    continue
                rest.append(later.strip())
            text = " ".join(rest)
        for name in ("pids", "addresses", "ports"):
            regex, repl = sr.NORMALIZERS[name]
            text = regex.sub(repl, text)
        found.append(Message(m["type"], text))
    return list(dict.fromkeys(found))


def where_printed(settings=None) -> dict[str, dict]:
    """Output file -> {"snippet": name, "runs": {(line, method)}, "explains": str | None}."""
    settings = sr.load_settings() if settings is None else settings
    files: dict[str, dict] = {}
    for name in sr.snippet_names():
        explains = settings.get(name, {}).get("explains")
        for line in sr.MATRIX_LINES:
            python = (*line, 99)
            for method in sr.get_snippet(name, settings=settings, python=python).start_methods:
                output = sr.get_snippet(name, method, settings, python).output
                entry = files.setdefault(output, {"snippet": name, "runs": set()})
                entry["runs"].add((line, method))
                entry["explains"] = explains
    return files


def sections(docs_dir: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Output file -> [(page file, heading id, heading title)] of every section including it."""
    found: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for page in sorted(docs_dir.glob("*.md")):
        heading = ("", "")
        for line in page.read_text(encoding="utf-8").splitlines():
            if h := HEADING.match(line):
                heading = (h["id"], h["title"])
            elif m := INCLUDE.match(line):
                found[m[1]].append((page.name, *heading))
    return found


def load_entries(path: Path = ENTRIES_FILE) -> dict[str, dict]:
    with path.open("rb") as f:
        return tomllib.load(f)


def entry_for(message: Message, entries: dict[str, dict]) -> str | None:
    for key, entry in entries.items():
        if entry.get("type") == message.type and entry.get("match", "") in message.text:
            return key
    return None


def collect(
    docs_dir: Path, outputs: Path = sr.OUTPUTS, entries: dict | None = None
) -> tuple[dict[str, dict], list[str]]:
    """Entry id -> {"messages": {Message: set of runs}, "sections": [...]}, and problems."""
    entries = load_entries() if entries is None else entries
    printed = where_printed()
    shown = sections(docs_dir)
    index: dict[str, dict] = {}
    problems = []
    for path in sorted(outputs.glob("*.txt")):
        messages = messages_in(path.read_text(encoding="utf-8"))
        if not messages:
            continue
        info = printed.get(path.name, {"runs": set(), "explains": None, "snippet": None})
        where = shown.get(path.name, [])
        if info["explains"]:
            page, _, anchor = info["explains"].partition("#")
            where = [(page, anchor, anchor)]
        for message in messages:
            key = entry_for(message, entries)
            if key is None:
                problems.append(
                    f"snippets/outputs/{path.name} prints `{message}`, which docs/errors.toml "
                    "does not explain: add an entry (type, match, and one line of cause and "
                    "fix in each language) so that the error index lists it."
                )
                continue
            if not where:
                problems.append(
                    f"snippets/outputs/{path.name} prints `{message}`, but no page includes "
                    "that output: include it in a section that explains the error, or declare "
                    f'`explains = "page.md#id"` in [{info["snippet"]}] of snippets/snippets.toml.'
                )
                continue
            item = index.setdefault(key, {"messages": {}, "sections": []})
            item["messages"].setdefault(message, set()).update(info["runs"])
            for section in where:
                if section not in item["sections"]:
                    item["sections"].append(section)
    for key, entry in entries.items():
        for language in TEXT:
            text = entry.get(language, {})
            if not (text.get("cause") and text.get("fix")):
                problems.append(f"docs/errors.toml [{key}] has no {language}.cause / .fix.")
    return index, problems


def _versions(runs) -> str:
    lines = sorted({line for line, _ in runs})
    if not lines:
        return ""
    names = [".".join(map(str, ln)) for ln in lines]
    all_lines = sorted(sr.MATRIX_LINES)
    if (
        lines == all_lines[all_lines.index(lines[0]) : all_lines.index(lines[-1]) + 1]
        and len(lines) > 2
    ):
        return f"{names[0]}–{names[-1]}"
    return ", ".join(names)


def _methods(runs, language) -> str:
    methods = [m for m in sr.START_METHODS if any(method == m for _, method in runs)]
    return LIST_SEP[language].join(methods)


def render(index: dict[str, dict], language: str, titles: dict[str, str]) -> str:
    """The index as Markdown: one section per entry, ordered by exception type."""
    text = TEXT[language]
    entries = load_entries()
    parts = []
    for key in sorted(index, key=lambda k: (entries[k]["type"], k)):
        item = index[key]
        first = next(iter(item["messages"]))
        parts.append(f"## {first.type}: {_heading(first)} {{ #{key} }}\n")
        for message, runs in item["messages"].items():
            seen = f"{_versions(runs)} · {_methods(runs, language)}"
            # inline code, not a block: a block in a search result is a scroll region
            parts.append(f"`{message}`{{ .error-message }}\n\n{text['seen']}: {seen}\n")
        entry = entries[key][language]
        parts.append(f"**{text['cause']}**：{entry['cause']}" if language == "zh" else
                     f"**{text['cause']}:** {entry['cause']}")  # fmt: skip
        parts.append(f"\n**{text['fix']}**：{entry['fix']}\n" if language == "zh" else
                     f"\n**{text['fix']}:** {entry['fix']}\n")  # fmt: skip
        links = [
            f"[{titles.get(page, page)} › {title}]({page}#{anchor})"
            if anchor
            else f"[{titles.get(page, page)}]({page})"
            for page, anchor, title in item["sections"]
        ]
        parts.append(f"{text['shown']}: " + LIST_SEP[language].join(links) + "\n")
    return "\n".join(parts)


def _heading(message: Message) -> str:
    """A short title: the message's first sentence, without Markdown specials."""
    words = re.split(r"(?<=[.:?])\s", message.text, maxsplit=1)[0] if message.text else ""
    # `<` has no backslash escape in Markdown: write it as an entity.
    words = re.sub(r"([*_`>\[\]\\])", r"\\\1", words).replace("<", "&lt;")
    return words or message.type


def _page_titles(docs_dir: Path) -> dict[str, str]:
    titles = {}
    for page in docs_dir.glob("*.md"):
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                titles[page.name] = re.sub(r"\s*\{.*\}\s*$", "", line[2:]).strip()
                break
    return titles


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    docs_dir = Path(config.docs_dir)
    index, problems = collect(docs_dir)
    if problems:
        raise PluginError("The error index cannot be built:\n" + "\n".join(problems))
    language = config.theme["language"]
    return markdown.replace(MARKER, render(index, language, _page_titles(docs_dir)))
