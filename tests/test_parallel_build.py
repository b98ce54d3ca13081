"""The build shares its pages between processes and still makes exactly the site one process makes."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from conftest import MKDOCS_ENV, ROOT, copy_repo

from eckb.workers import jobs_wanted


def build(work: Path, jobs: int, *args: str, plain: bool = False) -> subprocess.CompletedProcess:
    env = {**MKDOCS_ENV, "ECKB_BUILD_JOBS": str(jobs), "ECKB_PLAIN_BUILD": "1" if plain else ""}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=work, env=env, capture_output=True, text=True)


def every_file(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_processes_and_a_shared_navigation_build_the_same_site_as_mkdocs_alone_byte_for_byte(tmp_path):
    work = copy_repo(tmp_path)
    serial = build(work, 2, "--site-dir", "serial", plain=True)
    shared = build(work, 2, "--site-dir", "shared")
    assert serial.returncode == 0 and shared.returncode == 0, serial.stderr + shared.stderr
    for step in ("data files read", "records searched for glossary terms", "exports made", "pages made", "pages read", "pages written", "files copied"):  # the other process did some of each
        assert f"{step} in 2 processes" in shared.stderr and f"{step} in" not in serial.stderr
        assert ", 0 by the other" not in shared.stderr
    one, two = every_file(work / "serial"), every_file(work / "shared")
    assert sorted(one) == sorted(two)
    different = [path for path in one if one[path] != two[path]]
    assert not different, f"{len(different)} files differ, e.g. {different[:5]}"


def test_a_warning_met_by_another_process_is_shown_once_and_fails_the_strict_build(tmp_path):
    work = copy_repo(tmp_path)
    (work / "docs" / "zz").mkdir()  # the last page in MkDocs' order: the other process takes it first
    (work / "docs" / "zz" / "last.md").write_text("# Last\n\nSee [the missing page](missing.md).\n", encoding="utf-8")
    result = build(work, 2)
    assert result.returncode == 1
    assert result.stderr.count("'missing.md'") == 1, result.stderr
    assert "Aborted with 1 warnings in strict mode" in result.stdout
    assert "pages read in 2 processes" in result.stderr


SHARED_MAP = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {root!r})
    from eckb.workers import shared_map
    parent = os.getpid()

    def work(number):
        time.sleep(0.002)
        {fault}
        return number * number, os.getpid() != parent

    results = shared_map(work, list(range(300)), "squares")
    assert [square for square, _ in results] == [number * number for number in range(300)], results
    print(sum(elsewhere for _, elsewhere in results))
""")


def run_shared_map(fault: str = "pass") -> int:
    script = SHARED_MAP.format(root=str(ROOT), fault=fault)
    result = subprocess.run([sys.executable, "-c", script], env={**MKDOCS_ENV, "ECKB_BUILD_JOBS": "2"},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


def test_shared_work_keeps_the_order_and_another_process_does_part_of_it():
    assert 0 < run_shared_map() < 300


def test_when_another_process_fails_this_one_does_its_share_itself():
    assert run_shared_map("if os.getpid() != parent: raise RuntimeError('lost')") == 0
    assert run_shared_map("if os.getpid() != parent: os._exit(3)") == 0


def test_a_process_running_other_threads_never_forks():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert jobs_wanted() == 1  # as under `mkdocs serve`, whose server runs in a thread
    finally:
        stop.set()
        thread.join()
