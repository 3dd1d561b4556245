"""Lighthouse scores, a benchmark (nox -s lighthouse): every page in both languages.

    python tests/browser/lighthouse.py SITE [PAGE ...]

SITE must have been built for http://127.0.0.1:PORT/ (its hreflang links are absolute); it
is served there as GitHub Pages serves it (gzip, sitehttp.py), and tests/browser/
lighthouse.mjs runs Lighthouse (npm, pinned in package.json) on each page, mobile, with
Debian's Chromium. Prints per page the four scores (performance, accessibility, best
practices, SEO) and the metrics behind performance, and below the table what lost points
and any console error. The targets: performance >= 0.95, the other three 1.00, no console
error. Performance depends on the machine's load (total blocking time is measured CPU time,
scaled): measure on an idle machine. "bench" is Lighthouse's benchmark index of the machine
at that moment (higher is faster; a busy two-core machine here scores 500-1000, an idle one
about 1,500-2,000).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import sitehttp

HERE = Path(__file__).parent
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}


def main(site, names):
    site = Path(site)
    port = urlsplit(sitehttp.built_site_url(site)).port
    names = names or sitehttp.page_names()
    paths = [sitehttp.page_path(lang, name) for lang in sitehttp.LANGUAGES for name in names]
    header = f"{'page':<28}" + "".join(f"{SHORT[c]:>6}" for c in TARGETS)
    header += f"{'FCP':>7}{'LCP':>7}{'TBT':>7}{'CLS':>6}{'bench':>7}"
    notes, below = [], 0
    with sitehttp.serve(site, port) as base:
        print("Lighthouse, mobile (simulated slow 4G, 4x CPU slowdown), served gzipped\n")
        print(header)
        sys.stdout.flush()
        command = ["node", str(HERE / "lighthouse.mjs"), *(base + path for path in paths)]
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=HERE) as node:
            for path, line in zip(paths, node.stdout, strict=False):
                result = json.loads(line)
                scores, metrics = result["scores"], result["metrics"]
                missed = [c for c, target in TARGETS.items() if (scores[c] or 0) < target]
                below += bool(missed or result["errors"])
                row = "".join(f"{scores[c]:>6.2f}" for c in TARGETS)
                row += f"{metrics['first-contentful-paint'] / 1000:>6.1f}s"
                row += f"{metrics['largest-contentful-paint'] / 1000:>6.1f}s"
                row += f"{metrics['total-blocking-time']:>5.0f}ms"
                row += f"{metrics['cumulative-layout-shift']:>6.3f}"
                row += f"{result['benchmark']:>7}"
                print(f"{path:<28}{row}{'  < target' if missed else ''}")
                sys.stdout.flush()
                notes += [f"{path}: {item}" for item in result["lost"]]
                notes += [f"{path}: console error: {item}" for item in result["errors"]]
                notes += [f"{path}: warning: {item}" for item in result["warnings"]]
        if node.returncode:
            raise SystemExit(f"lighthouse.mjs failed (exit {node.returncode})")
    print()
    print("\n".join(notes) if notes else "No audit lost points; no console error.")
    print(f"\n{below} of {len(paths)} pages below target" if below else "\nEvery page on target.")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
