"""A small copy of the project in a temporary folder, to break on purpose.

The copy has the suite's own code (tests/snippet_runner.py, docs_plugin.py,
result_cache.py, pages.py, test_snippets.py, test_pages.py, startmethod/) and the real
configuration (pyproject.toml, mkdocs.yml, docs/mkdocs.*.yml, docs/hooks,
docs/overrides, docs/root), but its own tiny content: one snippet, `hello.py`,
with its recorded output, included by one page in both languages. That content
passes every check (test_suite_catches_mistakes.py checks that it does), so a
failure after one deliberate change is caused by that change alone.
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import snippet_runner as sr

ROOT = Path(__file__).resolve().parent.parent
COPIED = [
    "pyproject.toml",
    "mkdocs.yml",
    "docs/mkdocs.zh.yml",
    "docs/mkdocs.en.yml",
    "docs/hooks",
    "docs/overrides",
    "docs/root",
    "snippets/ruff.toml",
    "tests/snippet_runner.py",
    "tests/docs_plugin.py",
    "tests/result_cache.py",
    "tests/pages.py",
    "tests/pythons.py",
    "tests/test_snippets.py",
    "tests/test_pages.py",
    "tests/startmethod",
]

HELLO = 'if __name__ == "__main__":\n    print("hello")\n'
SETTINGS = """\
[defaults]
timeout = 20
start_methods = ["spawn"]  # one start method keeps the nested runs quick
"""


def page(language: str, *includes: str, heading: str = "Demo", extra: str = "") -> str:
    """A page that shows each snippet with its output, as the README says."""
    output_title = "输出" if language == "zh" else "Output"
    parts = [f"# {heading} {{ #demo }}\n"]
    for name in includes:
        parts.append(f'```python title="{name}" linenums="1"\n--8<-- "{name}"\n```\n')
        output = f"outputs/{Path(name).stem}.txt"
        parts.append(f'```text title="{output_title}"\n--8<-- "{output}"\n```\n')
    if extra:
        parts.append(textwrap.dedent(extra))
    return "\n".join(parts)


@dataclasses.dataclass
class Result:
    returncode: int | None  # None: the run was killed on its own timeout
    output: str
    junit: Path | None = None

    def failures(self) -> dict[str, str]:
        """Failing test name (e.g. 'test_snippet[hello[spawn]]') -> its report."""
        if not self.junit or not self.junit.exists():
            return {}
        found = {}
        for case in ET.parse(self.junit).iter("testcase"):
            for kind in ("failure", "error"):
                for element in case.iter(kind):
                    text = (element.get("message") or "") + "\n" + (element.text or "")
                    found[case.get("name")] = found.get(case.get("name"), "") + text
        return found


@dataclasses.dataclass
class Project:
    root: Path
    marker: str  # MPDOCS_RUN of every process the project's runs start

    @classmethod
    def create(cls, folder: Path) -> Project:
        folder.mkdir(parents=True, exist_ok=True)
        for name in COPIED:
            source, target = ROOT / name, folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.exists():
                shutil.copy2(source, target)
        project = cls(folder, f"{sr.SUITE_ID}/nested-{uuid.uuid4().hex[:6]}")
        project.set_nav("index.md")
        project.write("snippets/hello.py", HELLO)
        project.write("snippets/outputs/hello.txt", "hello\n")
        project.write("snippets/snippets.toml", SETTINGS)
        for language in ("zh", "en"):
            project.write(f"docs/{language}/index.md", page(language, "hello.py"))
        return project

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def append(self, name: str, text: str) -> None:
        path = self.root / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    def remove(self, name: str) -> None:
        (self.root / name).unlink()

    def set_nav(self, *pages: str) -> None:
        config = self.root / "mkdocs.yml"
        text, count = re.subn(
            r"(?m)^nav:\n(?:[ \t]+\S.*\n)+",
            "nav:\n" + "".join(f"  - {p}\n" for p in pages),
            config.read_text(encoding="utf-8"),
        )
        if count != 1:
            raise AssertionError("tests/broken_project.py no longer finds `nav:` in mkdocs.yml")
        config.write_text(text, encoding="utf-8")

    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PYTEST_", "MPDOCS_")) and k != "PYTHONPATH"
        }
        env[sr.MARKER] = self.marker  # the nested suite extends it (docs_plugin)
        env["NO_MKDOCS_2_WARNING"] = "1"
        return env

    def run(self, *command: str, timeout: float = 120) -> Result:
        proc = subprocess.Popen(
            command,
            cwd=self.root,
            env=self.env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            out, _ = proc.communicate(timeout=timeout)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
            code = None
        return Result(code, out.decode("utf-8", errors="replace"))

    def pytest(self, *args: str, timeout: float = 120) -> Result:
        """The suite on this project, without xdist unless asked for (-n)."""
        junit = self.root / f"junit-{uuid.uuid4().hex[:6]}.xml"
        xdist = ["-p", "no:xdist"] if "-n" not in args else []
        result = self.run(
            sys.executable, "-m", "pytest", *xdist, f"--junitxml={junit}", *args,
            timeout=timeout,
        )  # fmt: skip
        result.junit = junit
        return result

    def mkdocs_build(self, language: str) -> Result:
        return self.run(
            sys.executable, "-m", "mkdocs", "build", "--strict",
            "-f", f"docs/mkdocs.{language}.yml", "-d", str(self.root / "site" / language),
        )  # fmt: skip

    def leftovers(self) -> list[str]:
        """Processes of this project's runs that are still alive (killed now)."""
        return sr.reap_leftovers(self.marker, grace=1.0)


def run_once(tmp_path_factory, name: str, make: Callable[[Path], Result]) -> Result:
    """`make(folder)` once per test session, shared by the xdist workers: the
    first to ask runs it, the others wait for it and reuse its result (a
    module-scoped fixture alone would run once per worker)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the session's folder, shared by its workers
    folder = base / "run-once"
    folder.mkdir(exist_ok=True)
    saved = folder / f"{name}.json"
    with (folder / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if saved.exists():
            data = json.loads(saved.read_text(encoding="utf-8"))
            return Result(data["returncode"], data["output"], Path(data["junit"]))
        result = make(folder / name)
        data = {"returncode": result.returncode, "output": result.output}
        saved.write_text(json.dumps({**data, "junit": str(result.junit)}), encoding="utf-8")
        return result
