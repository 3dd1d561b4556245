"""Lighthouse scores, a benchmark (nox -s lighthouse): every page in both languages.

    python tests/browser/lighthouse.py SITE [--runs N] [PAGE ...]

SITE must have been built for http://127.0.0.1:PORT/ (its hreflang links are absolute); it
is served there as GitHub Pages serves it (gzip, sitehttp.py), and tests/browser/
lighthouse.mjs runs Lighthouse (npm, pinned in package.json) on each page, mobile, with
Debian's Chromium. Prints per page the four scores (performance, accessibility, best
practices, SEO) and the metrics behind performance, and below the table what lost points
and any console error. The targets: performance >= 0.95, the other three 1.00, no console
error. Performance depends on the machine's load (total blocking time is measured CPU time,
scaled): measure on an idle machine. "bench" is Lighthouse's benchmark index of the machine
at that moment (higher is faster; a busy two-core machine here scores 500-1000, an idle one
about 1,500-2,000). Even idle, this two-core VM shares its host, and one page's score
moves by about 0.1 from one run to the next: `--runs N` measures every page N times, in
N rounds over all the pages, and shows for each the run with the median performance
score, and the lowest and highest score in the "range" column (Lighthouse's own advice
for variable machines: take the median of several runs).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import sitehttp

HERE = Path(__file__).parent
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}


def score(result, category):
    """A category's score, 0 when Lighthouse could not score it (it gives null)."""
    return result["scores"][category] or 0.0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("pages", nargs="*", help="page names (default: all)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median shows")
    args = parser.parse_intermixed_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    site, runs = args.site, args.runs
    port = urlsplit(sitehttp.built_site_url(site)).port
    names = args.pages or sitehttp.page_names()
    paths = [sitehttp.page_path(lang, name) for lang in sitehttp.LANGUAGES for name in names]
    results = {path: [] for path in paths}
    with sitehttp.serve(site, port) as base:
        print("Lighthouse, mobile (simulated slow 4G, 4x CPU slowdown), served gzipped", end="")
        print(f"; median of {runs} runs per page\n" if runs > 1 else "\n")
        sys.stdout.flush()
        rounds = [base + path for _ in range(runs) for path in paths]
        command = ["node", str(HERE / "lighthouse.mjs"), *rounds]
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=HERE) as node:
            for n, (url, line) in enumerate(zip(rounds, node.stdout, strict=False), 1):
                result = json.loads(line)
                results[url[len(base) :]].append(result)
                perf = score(result, "performance")
                print(f"  {n}/{len(rounds)} {url[len(base) :]} {perf:.2f}", file=sys.stderr)
    results = {path: tries for path, tries in results.items() if tries}
    header = f"{'page':<28}" + "".join(f"{SHORT[c]:>6}" for c in TARGETS)
    header += f"{'FCP':>7}{'LCP':>7}{'TBT':>7}{'CLS':>6}{'bench':>7}"
    print(header + ("      range" if runs > 1 else ""))
    notes, below = [], 0
    for path, tries in results.items():
        tries.sort(key=lambda result: score(result, "performance"))
        result = tries[len(tries) // 2]  # the median run (the upper one of an even count)
        metrics = {name: value or 0 for name, value in result["metrics"].items()}
        missed = [c for c, target in TARGETS.items() if score(result, c) < target]
        errors = sorted({error for each in tries for error in each["errors"]})
        below += bool(missed or errors)
        row = "".join(f"{score(result, c):>6.2f}" for c in TARGETS)
        row += f"{metrics['first-contentful-paint'] / 1000:>6.1f}s"
        row += f"{metrics['largest-contentful-paint'] / 1000:>6.1f}s"
        row += f"{metrics['total-blocking-time']:>5.0f}ms"
        row += f"{metrics['cumulative-layout-shift']:>6.3f}"
        row += f"{result['benchmark']:>7}"
        if runs > 1:
            perf = [score(each, "performance") for each in tries]
            row += f"  {min(perf):.2f}-{max(perf):.2f}"
        print(f"{path:<28}{row}{'  < target' if missed else ''}")
        notes += [f"{path}: {item}" for item in result["lost"]]
        notes += [f"{path}: console error: {item}" for item in errors]
        notes += [f"{path}: warning: {item}" for item in result["warnings"]]
    print()
    print("\n".join(notes) if notes else "No audit lost points; no console error.")
    print(f"\n{below} of {len(paths)} pages below target" if below else "\nEvery page on target.")
    if node.returncode:  # after the table: what was measured is not lost
        raise SystemExit(f"lighthouse.mjs failed (exit {node.returncode})")


if __name__ == "__main__":
    main(sys.argv[1:])
