#!/usr/bin/env python3
"""Lighthouse scores for key pages, served the way a host serves them (gzip), on 127.0.0.1.

    python scripts/lighthouse.py [SITE_DIR] [--write BENCHMARKS.md]

Needs Node.js: `make lighthouse` runs `npm ci` (lighthouse is pinned in package.json) and a Chromium (CHROMIUM as for the tests, or CHROME_PATH, or Debian's
/usr/bin/chromium). Prints a Markdown table; with --write, replaces the Lighthouse section of
the benchmark report. Scores are recorded, not asserted: they vary with the machine's load.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {"Home": "/", "Case study": "/case-studies/edinburgh/", "Finding": "/findings/3-4/", "Glossary": "/glossary/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
BEGIN, END = "<!-- lighthouse:begin -->", "<!-- lighthouse:end -->"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it, as GitHub Pages and most hosts do."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in COMPRESSIBLE and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            return _Body(body)
        return super().send_head()

    def log_message(self, format, *args):  # noqa: A002 - fixed by the base class
        pass


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def run(site: Path) -> dict[str, dict[str, int]]:
    chrome = os.environ.get("CHROMIUM") or os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    scores: dict[str, dict[str, int]] = {}
    try:
        with tempfile.TemporaryDirectory() as work:
            for name, path in PAGES.items():
                report = Path(work) / "report.json"
                subprocess.run(
                    [str(LIGHTHOUSE), base + path, "--quiet", "--output=json", f"--output-path={report}",
                     f"--chrome-flags={CHROME_FLAGS}", "--form-factor=mobile",
                     "--only-categories=" + ",".join(CATEGORIES)],
                    check=True, env={**os.environ, "CHROME_PATH": chrome}, timeout=300,
                )
                categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
                scores[name] = {key: round(categories[key]["score"] * 100) for key in CATEGORIES}
    finally:
        server.shutdown()
    return scores


def table(scores: dict[str, dict[str, int]]) -> str:
    lines = [
        f"Lighthouse 12, mobile preset, gzip-serving local server; {dt.date.today()} on "
        f"{platform.machine()} with {os.cpu_count()} cores. Targets: performance ≥ 95, others 100.",
        "",
        "| Page | Performance | Accessibility | Best practices | SEO | Targets |",
        "|---|---|---|---|---|---|",
    ]
    for name, values in scores.items():
        met = all(values[key] >= TARGETS[key] for key in CATEGORIES)
        lines.append(f"| {name} ({PAGES[name]}) | " + " | ".join(str(values[key]) for key in CATEGORIES) + f" | {'PASS' if met else 'FAIL'} |")
    return "\n".join(lines) + "\n"


def write_section(report: Path, text: str) -> None:
    section = f"{BEGIN}\n## Lighthouse\n\n{text}{END}\n"
    current = report.read_text(encoding="utf-8") if report.is_file() else "# Benchmarks\n\n"
    if BEGIN in current and END in current:
        before, rest = current.split(BEGIN, 1)
        current = before + section + rest.split(END, 1)[1].lstrip("\n")
    else:
        current = current.rstrip("\n") + "\n\n" + section
    report.write_text(current, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--write", type=Path, help="replace the Lighthouse section of this report")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("lighthouse is not installed: run `make lighthouse` (it runs `npm ci`; needs Node.js)", file=sys.stderr)
        return 1
    text = table(run(args.site))
    print(text)
    if args.write:
        write_section(args.write, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
