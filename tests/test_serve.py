"""`make serve` follows edits: a data change shows up in the served page, a bad edit keeps the last good site."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_repo


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"gave up after {seconds} s waiting for {what}")


@pytest.fixture(params=["mkdocs", "properdocs"])
def server(request, tmp_path):
    """`serve` from a copy of the repo, with each engine that runs the hook."""
    work = copy_repo(tmp_path / "repo")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", request.param, "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=work, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
    )
    url = f"http://127.0.0.1:{port}/findings/3-4/"
    try:
        _wait_for(lambda: _get(url), 90, "mkdocs serve to start")
        yield work, url, Path(log.name)
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def _builds(log: Path) -> int:
    return log.read_text(encoding="utf-8").count("Building documentation")


def _last_line(log: Path) -> str:
    lines = [line for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def test_serve_regenerates_once_per_edit_and_a_bad_edit_ends_the_log_saying_the_site_was_not_rebuilt(server):
    work, url, log = server
    finding = work / "data/findings/3-4.yaml"
    original = finding.read_text(encoding="utf-8")
    builds = _builds(log)
    finding.write_text(original.replace("summary:", "summary: Edited while serving.", 1), encoding="utf-8")
    _wait_for(lambda: "Edited while serving." in (_get(url) or ""), 90, "the edited summary to be served")
    # The generator writes the changed pages into build/docs, the engine's docs_dir: that must not
    # set off a second rebuild (serve watches docs/, data/, templates/ instead).
    time.sleep(8)
    assert _builds(log) == builds + 1, log.read_text(encoding="utf-8")[-2000:]
    # Exports, citation files and short addresses follow the edit too.
    root = url.removesuffix("findings/3-4/")
    assert "Edited while serving." in (_get(root + "data/findings.json") or "")
    assert (_get(root + "cite/finding-3-4.bib") or "").startswith("@")
    assert "findings/3-4/" in (_get(root + "go/3.4/") or "")

    finding.write_text(original.replace("theme: theme-3", "theme: theme-9", 1), encoding="utf-8")
    _wait_for(lambda: "unknown theme 'theme-9'" in log.read_text(encoding="utf-8"), 60, "the data error in the terminal")
    # While a rebuild runs the server may hold requests; the last good page comes back after it.
    _wait_for(lambda: "Edited while serving." in (_get(url) or ""), 60, "the last good page to be served")
    # The engine's own closing lines ("Documentation built", "Reloading browsers") would read like success.
    _wait_for(lambda: "Reloading browsers" in _last_line(log), 60, "the rebuild to end")
    assert "The site was NOT rebuilt" in _last_line(log)
    assert "Documentation built" not in log.read_text(encoding="utf-8").split("unknown theme 'theme-9'")[-1]
    assert "Traceback" not in log.read_text(encoding="utf-8")
    after_error = log.read_text(encoding="utf-8").split("unknown theme 'theme-9'")[-1]
    assert "Generated " not in after_error, "a failed regeneration is not reported as generated"

    time.sleep(3)
    builds = log.read_text(encoding="utf-8").count("Building documentation")
    time.sleep(6)
    assert log.read_text(encoding="utf-8").count("Building documentation") == builds, "no rebuild loop while idle"
