"""The maintainer's edit loop: from saving a case study's summary to the served page showing it.

`mkdocs serve` runs on a free 127.0.0.1 port in a copy of the repository (real data). Each edit
writes a new word into the summary of one case study's data file; the clock stops when the page
at its address, fetched every 20 ms, contains that word. Edits are a second apart, so each is a
rebuild of its own. Measured twice: plain `mkdocs serve` (every edit rebuilds the whole site), and
`mkdocs serve --dirty` (MkDocs' documented option to rebuild only pages whose files changed), with
the number of pages in the search index after an edit, since `--dirty` builds the index from the
rebuilt pages only.
"""
from __future__ import annotations

import json
import re
import signal
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .run import ENV, copy_repository, mkdocs

EDITS = 10
POLL_SECONDS = 0.02
START_TIMEOUT = 600
SHOW_TIMEOUT = 120
SUMMARY = re.compile(r"^(summary:[ \t]*(?:[>|][-+]?[ \t]*\n[ \t]+)?)", re.MULTILINE)


@dataclass
class Loop:
    how: str
    seconds: list[float] = field(default_factory=list)
    search_pages: int | None = None  # documents in search/search_index.json after the last edit

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def measure(scratch: Path, dirty: bool, edits: int = EDITS) -> Loop:
    work = copy_repository(scratch / ("serve-dirty" if dirty else "serve"))
    data_file = _case_study_file(work)
    address = f"/case-studies/{data_file.stem}/"  # README: a case study's page is /case-studies/<key>/
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = mkdocs("serve", "--dev-addr", f"127.0.0.1:{port}", *(["--dirty"] if dirty else []))
    log = (work / "serve.log").open("w")
    server = subprocess.Popen(command, cwd=work, env=ENV, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    loop = Loop("mkdocs serve --dirty" if dirty else "mkdocs serve")
    try:
        _wait_until(lambda: _fetch(base + address) is not None, START_TIMEOUT, server, work)
        original = data_file.read_text(encoding="utf-8")
        for number in range(1, edits + 1):
            time.sleep(1.0)  # let the watcher settle, so each edit is one rebuild
            word = f"Benchedit{number}q{time.monotonic_ns() % 100000}"
            data_file.write_text(SUMMARY.sub(lambda match: f"{match.group(1)}{word} ", original, count=1), encoding="utf-8")
            saved = time.perf_counter()
            _wait_until(lambda: word in (_fetch(base + address) or ""), SHOW_TIMEOUT, server, work)
            loop.seconds.append(time.perf_counter() - saved)
        index = _fetch(base + "/search/search_index.json")
        if index:
            loop.search_pages = len({doc["location"].split("#")[0] for doc in json.loads(index)["docs"]})
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    return loop


def _case_study_file(work: Path) -> Path:
    files = sorted((work / "data" / "case-studies").glob("*.yaml"))
    chosen = next((path for path in files if path.stem == "falkirk"), files[0])
    if not SUMMARY.search(chosen.read_text(encoding="utf-8")):
        raise SystemExit(f"bench: no `summary:` field found in {chosen}")
    return chosen


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_until(condition, timeout: float, server: subprocess.Popen, work: Path) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if server.poll() is not None:
            raise SystemExit(f"bench: mkdocs serve stopped:\n{(work / 'serve.log').read_text()[-3000:]}")
        if time.perf_counter() > deadline:
            raise SystemExit(f"bench: the served page did not change within {timeout:.0f} s:\n"
                             f"{(work / 'serve.log').read_text()[-3000:]}")
        time.sleep(POLL_SECONDS)
