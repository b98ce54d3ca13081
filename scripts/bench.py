#!/usr/bin/env python3
"""Benchmark the generator and the full site build at 1x, 10x and 100x the real knowledge base.

    python scripts/bench.py                      all three sizes; writes BENCHMARKS.md
    python scripts/bench.py --sizes 1,10         only some sizes
    python scripts/bench.py --profile 100        cProfile the generator at 100x (top functions)

The larger knowledge bases are synthetic: copies of the real records under new IDs (see
`synthesize`), checked by the generator's own validation before anything is measured. Every
measurement runs in a subprocess of its own, so its peak memory is its own and a build that takes
longer than --timeout is stopped and reported rather than waited for.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from pydantic import BaseModel  # noqa: E402

from eckb.kinds import KEY, KINDS, Kind  # noqa: E402
from eckb.load import load_records  # noqa: E402
from eckb.references import ref_target  # noqa: E402
from eckb.validate import validate_records  # noqa: E402
from eckb.workers import jobs_wanted  # noqa: E402

DATA = ROOT / "data"
TEMPLATES = ROOT / "templates"
REPO_PARTS = ("data", "templates", "eckb", "scripts", "schemas", "docs", "overrides", "mkdocs.yml",
              "build/docs/.gitignore", "build/overrides/.gitignore")  # the two folders the engine reads must exist
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
OUTPUT = ROOT / "BENCHMARKS.md"

# ---------------------------------------------------------------- synthetic knowledge bases

NUMBERED = {"recommendation", "market-shift", "reflection"}
"""Kinds whose key is a number: copies get numbers shifted past the real ones."""


def copyable_kinds() -> tuple[set[str], set[str], set[str]]:
    """(copied by key suffix, copied by number shift, kept once) as kind names.

    Kinds whose keys are free-form words take a suffix (-x2, -x3, ...). Themes, findings, areas for
    action, actions and checklist scores have fixed ID forms (theme-[1-9] and a theme number that
    must be 1-4, finding-<theme>-<n>, ...) that cannot grow 100-fold, so they stay as they are.
    """
    suffixed = {kind.name for kind in KINDS if kind.key_pattern.endswith(KEY)}
    numbered = {kind.name for kind in KINDS if kind.name in NUMBERED}
    fixed = {kind.name for kind in KINDS} - suffixed - numbered
    return suffixed, numbered, fixed


@dataclass
class Synthesis:
    copies: int
    records: int
    by_kind: dict[str, int] = field(default_factory=dict)
    fixed: list[str] = field(default_factory=list)


def synthesize(data_dir: Path, out_dir: Path, copies: int) -> Synthesis:
    """Write into out_dir a knowledge base holding `copies` copies of data_dir's copyable records.

    Copy 1 is the real data, unchanged. Copy k (k >= 2) of every record of a copyable kind gets a
    new ID (`case-study-falkirk` -> `case-study-falkirk-x2`; `recommendation-33` -> a number past
    every real one), and every reference inside the copy to a copyable kind points at the same
    copy, so each copy is a self-contained knowledge base. References to the kinds kept once
    (findings, themes, areas for action, actions, scores) still point at the real records.
    Glossary names are copied too: in copy k every use of a term's name (title, alias, expansion)
    in prose becomes `<name>-xk`, and so does the copied term's own name, so each copy's pages link
    to each copy's terms, as in a knowledge base with `copies` times as many distinct terms.
    Titles of other copied records end with "(copy k)".
    """
    suffixed, numbered, fixed = copyable_kinds()
    located = validate_records(load_records(data_dir))
    if out_dir.exists():
        shutil.rmtree(out_dir)
    shutil.copytree(data_dir, out_dir)
    names = _term_names(located)
    strides = _number_strides(located, numbered)
    positions = max((getattr(item.record, "position", 0) or 0 for item in located), default=0)
    mapping_for = lambda k: {  # noqa: E731 - old ID -> ID in copy k
        item.record.id: _new_id(item.kind, item.record.id, k, strides)
        for item in located
        if item.kind.name in suffixed | numbered
    }
    by_file: dict[Path, list[dict[str, Any]]] = {}
    folder_copies: list[tuple[Path, dict[str, Any]]] = []
    counts: dict[str, int] = {}
    for item in located:
        relative = Path(*Path(item.file).parts[1:])
        by_file.setdefault(relative, []).append(item.raw.data)
        counts[item.kind.name] = counts.get(item.kind.name, 0) + 1
    grown: set[Path] = set()
    for k in range(2, copies + 1):
        ids = mapping_for(k)
        for item in located:
            if item.kind.name not in suffixed | numbered:
                continue
            data = _copy_record(item.record, item.raw.data, ids, names, k, is_term=item.kind.name == "term")
            data["id"] = ids[item.record.id]
            if item.kind.name in numbered and "number" in data:
                data["number"] = int(item.kind.key(data["id"]))
            if "position" in data and isinstance(data["position"], int):
                data["position"] = data["position"] + (k - 1) * positions
            relative = Path(*Path(item.file).parts[1:])
            counts[item.kind.name] += 1
            if len(relative.parts) > 1:  # one record a file, e.g. case-studies/falkirk.yaml
                folder_copies.append((relative.parent / f"{relative.stem}-x{k}.yaml", data))
            else:
                by_file[relative].append(data)
                grown.add(relative)
    for relative in sorted(grown):
        (out_dir / relative).write_text(_dump(by_file[relative]), encoding="utf-8")
    for relative, data in folder_copies:
        (out_dir / relative).write_text(_dump(data), encoding="utf-8")
    return Synthesis(copies, sum(counts.values()), counts, sorted(fixed))


def _dump(value: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(value, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def _number_strides(located, numbered: set[str]) -> dict[str, int]:
    strides: dict[str, int] = {}
    for item in located:
        if item.kind.name in numbered:
            strides[item.kind.name] = max(strides.get(item.kind.name, 0), int(item.kind.key(item.record.id)))
    return strides


def _new_id(kind: Kind, record_id: str, k: int, strides: dict[str, int]) -> str:
    if kind.name in strides:
        return f"{kind.prefix}{int(kind.key(record_id)) + (k - 1) * strides[kind.name]}"
    return f"{record_id}-x{k}"


def _is_acronym(name: str) -> bool:
    letters = [char for char in name if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) >= max(2, len(letters) // 2)


def _term_names(located) -> re.Pattern[str] | None:
    """One pattern for every term name, longest first, matched as the glossary matches them."""
    names: set[str] = set()
    for item in located:
        if item.kind.name == "term":
            term = item.record
            names.update([term.title, *term.aliases, *([term.expansion] if term.expansion else [])])
    if not names:
        return None
    parts = [re.escape(name) if _is_acronym(name) else f"(?i:{re.escape(name)})" for name in sorted(names, key=len, reverse=True)]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])")


def _is_literal(annotation: Any) -> bool:
    if typing.get_origin(annotation) is typing.Literal:
        return True
    return any(_is_literal(arg) for arg in typing.get_args(annotation))


def _copy_record(model: BaseModel, raw: dict[str, Any], ids: dict[str, str], names, k: int, is_term: bool) -> dict[str, Any]:
    data = _copy_fields(model, copy.deepcopy(raw), ids, names, k)
    if not is_term and isinstance(data.get("title"), str):
        suffix = f" (copy {k})"
        data["title"] = data["title"][: 200 - len(suffix)] + suffix
    return data


def _copy_fields(model: BaseModel, raw: dict[str, Any], ids: dict[str, str], names, k: int) -> dict[str, Any]:
    """Walk the validated model and its raw data side by side, rewriting references and prose."""
    for name, info in type(model).model_fields.items():
        alias = info.alias or name
        if alias not in raw or name in ("id", "url"):
            continue
        value = getattr(model, name)
        is_ref = ref_target(info.metadata, info.annotation) is not None
        if isinstance(value, BaseModel):
            raw[alias] = _copy_fields(value, raw[alias], ids, names, k)
        elif isinstance(value, list):
            raw[alias] = [
                _copy_fields(item, raw_item, ids, names, k) if isinstance(item, BaseModel)
                else _copy_value(raw_item, is_ref, _is_literal(info.annotation), ids, names, k)
                for item, raw_item in zip(value, raw[alias])
            ]
        else:
            raw[alias] = _copy_value(raw[alias], is_ref, _is_literal(info.annotation), ids, names, k)
    return raw


def _copy_value(value: Any, is_ref: bool, is_literal: bool, ids: dict[str, str], names, k: int) -> Any:
    if not isinstance(value, str) or is_literal:
        return value
    if is_ref:
        return ids.get(value, value)
    if names is None:
        return value
    return names.sub(lambda match: f"{match.group(0)}-x{k}", value)


# ---------------------------------------------------------------- measuring in subprocesses


@dataclass
class Run:
    seconds: float
    maxrss_kib: int
    returncode: int | None
    timed_out: bool
    stdout: str
    stderr: str


def run_measured(command: list[str], cwd: Path, timeout: float, env: dict[str, str] | None = None) -> Run:
    """Run a command; its own wall time and peak resident memory (from wait4), stopped at `timeout`."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **BUILD_ENV, **(env or {})}, stdout=out, stderr=err, start_new_session=True)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                timed_out = True
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(seconds, usage.ru_maxrss, process.returncode, timed_out, out.read().decode(errors="replace"), err.read().decode(errors="replace"))


def generator_child(data_dir: Path) -> dict[str, Any]:
    """In a child process: run the generator once, as the MkDocs hook runs it (eckb.pipeline.build_for_mkdocs),
    calling its steps one by one and reporting each step's time on stderr as it ends, so a run that
    is stopped still shows where the time went. Like the hook, it writes nothing: every page and file
    stays in memory for MkDocs."""
    import resource

    from eckb.build import render_all
    from eckb.links import link_records
    from eckb.pipeline import collector_paused
    from eckb.release import check_change_log, read_release
    from eckb.write import check_hand_written

    phases: dict[str, float] = {}

    def step(name, function, *args):
        began = time.perf_counter()
        value = function(*args)
        phases[name] = phases.get(name, 0.0) + time.perf_counter() - began
        print(f"phase {name} {phases[name]:.2f}", file=sys.stderr, flush=True)
        return value

    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        with collector_paused():
            release = step("load", read_release, data_dir)
            raw = step("load", load_records, data_dir)
            located = step("validate", validate_records, raw)
            base = step("link", link_records, located)
            step("link", check_change_log, release, set(base.located), data_dir)
            rendered = step("render", render_all, base, TEMPLATES, release)
        step("render", check_hand_written, rendered, Path(out))
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "phases": phases, "md_pages": sum(1 for name in rendered if name.endswith(".md")),
            "files": len(rendered), "records": sum(len(records) for records in base.by_kind.values()),
            "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def run_child(repo: Path, task: str, args: list[str], timeout: float) -> tuple[Run, dict[str, Any] | None]:
    """Run this script's `task` from the snapshot in `repo`, so code and templates cannot change mid-run."""
    run = run_measured([sys.executable, str(repo / "scripts" / "bench.py"), "--child", task, *args], repo, timeout)
    if run.timed_out:
        return run, None
    if run.returncode != 0:
        raise SystemExit(f"bench: {task} failed:\n{run.stderr[-4000:]}")
    return run, json.loads(run.stdout.strip().splitlines()[-1])


def measure_generator(repo: Path, data_dir: Path, runs: int, timeout: float) -> dict[str, Any]:
    """The generator `runs` times, each in a new process (as each build runs it); the fastest run's steps."""
    finished: list[dict[str, Any]] = []
    for _ in range(runs):
        run, result = run_child(repo, "generator", [str(data_dir)], timeout)
        if result is None:  # stopped: the steps it finished, from its progress lines
            if finished:
                break
            phases = {}
            for line in run.stderr.splitlines():
                if line.startswith("phase "):
                    _, name, seconds = line.split()
                    phases[name] = float(seconds)
            return {"timed_out": True, "seconds": run.seconds, "times": [], "phases": phases}
        finished.append(result)
    best = min(finished, key=lambda result: result["seconds"])
    return {**best, "times": [result["seconds"] for result in finished], "best": best["seconds"],
            "maxrss_kib": max(result["maxrss_kib"] for result in finished)}


def snapshot(work: Path, data_dir: Path, source: Path = ROOT) -> None:
    """A copy of the repository as tests/conftest.py makes one, with data/ replaced and generated pages cleared."""
    from eckb.build import exclusive_folders, generated_folders
    from eckb.write import is_generated

    for name in REPO_PARTS:
        if name == "data":
            continue
        if (source / name).is_dir():
            shutil.copytree(source / name, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.tmp"))
        elif (source / name).exists():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, work / name)
    shutil.copytree(data_dir, work / "data")
    docs = work / "docs"
    for folder in exclusive_folders():
        shutil.rmtree(docs / folder, ignore_errors=True)
    for folder in generated_folders():
        for path in sorted((docs / folder).rglob("*")) if (docs / folder).is_dir() else []:
            if path.is_file() and is_generated(path):
                path.unlink()


_GENERATED = re.compile(r"Generated [\d,]+ pages and files from data/ in ([\d.]+) seconds")
"""The line the hook (scripts/build_pages.py) logs in every build."""


def measure_build(repo: Path, data_dir: Path, timeout: float, plain: bool = False, figures: bool = True) -> dict[str, Any]:
    """The full build; `plain`: as MkDocs alone builds (ECKB_PLAIN_BUILD=1: one process, the
    navigation rendered for every page), for its time only; `figures`: measure the site built."""
    work = Path(tempfile.mkdtemp(prefix="eckb-bench-build-"))
    try:
        snapshot(work, data_dir, repo)
        site = work / "site"
        run = run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], work, timeout,
                           {"ECKB_PLAIN_BUILD": "1" if plain else ""})
        result: dict[str, Any] = {"seconds": run.seconds, "maxrss_kib": run.maxrss_kib, "timed_out": run.timed_out}
        generated = _GENERATED.search(run.stderr)  # the hook's own measure of the generator in this build
        result["generator_seconds"] = float(generated.group(1)) if generated else None
        if run.timed_out or plain or not figures:
            return result
        if run.returncode != 0:
            raise SystemExit(f"strict build failed for {data_dir}:\n{run.stderr[-4000:]}")
        result.update(site_figures(site))
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure_floor(repo: Path, pages: int, timeout: float) -> dict[str, Any]:
    """What MkDocs and Material spend on this many pages: the same theme, overrides, Markdown
    extensions, plugins and navigation (its pages as stubs), built the same way (pages shared between
    processes, one navigation per folder), but no generator and every page two short paragraphs.
    The build time no change to our generator or templates can go below."""
    work = Path(tempfile.mkdtemp(prefix="eckb-bench-floor-"))
    try:
        config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
        config = re.sub(r"\nhooks:\n(?:  - .*\n)+", "\nhooks:\n  - floor_hook.py\n", config)
        (work / "floor_hook.py").write_text(FLOOR_HOOK.format(repo=str(repo)), encoding="utf-8")
        config = re.sub(r"\nwatch:\n(?:  - .*\n)+", "\n", config)
        config = re.sub(r"\nnot_in_nav: \|\n(?:  .*\n)+", "\nnot_in_nav: |\n  /p/*.md\n", config)
        (work / "mkdocs.yml").write_text(config, encoding="utf-8")
        shutil.copytree(repo / "overrides", work / "overrides")
        shutil.copytree(repo / "docs" / "assets", work / "docs" / "assets")
        nav_pages = sorted(set(re.findall(r"([\w/-]+\.md)\s*$", config.split("\nnav:\n", 1)[1], flags=re.M)))
        for page in nav_pages:
            (work / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
            (work / "docs" / page).write_text(f"# {page}\n\nA page of the navigation.\n", encoding="utf-8")
        (work / "docs" / "p").mkdir()
        for number in range(pages - len(nav_pages)):
            (work / "docs" / "p" / f"{number}.md").write_text(
                f"# Page {number}\n\nA short paragraph that links [home](../index.md).\n\n## A section\n\nAnother short paragraph.\n",
                encoding="utf-8")
        run = run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(work / "site")], work, timeout)
        if run.returncode != 0 and not run.timed_out:
            raise SystemExit(f"bench: the plain-page build failed:\n{run.stderr[-4000:]}")
        return {"seconds": None if run.timed_out else run.seconds, "pages": pages}
    finally:
        shutil.rmtree(work, ignore_errors=True)


FLOOR_HOOK = """import sys
sys.path.insert(0, {repo!r})
from eckb import parallel_build, shared_nav


def on_startup(command, dirty):
    parallel_build.install(command, dirty)


def on_env(env, config, files):
    shared_nav.install(env)
    return env
"""
"""The floor build's hook: our build's way of building pages, without the generator."""


_ASSET = re.compile(r"""["']([^"'\s<>]+?\.(?:css|js))(?:\?[^"']*)?["']""")
_LEAF = re.compile(r'href="(?:\.\./)*(?:sources|themes|findings|case-studies|care-areas|approaches|actions|glossary|principles)/[^"/#]+/"')


def site_figures(site: Path) -> dict[str, Any]:
    html_files = list(site.rglob("*.html"))
    redirects = sum(1 for path in html_files if path.relative_to(site).parts[0] == "go")
    search_index = site / "search" / "search_index.json"
    home = site / "index.html"
    home_html = home.read_text(encoding="utf-8")
    assets = set()
    for match in _ASSET.finditer(home_html):
        target = match.group(1)
        if "://" in target or target.startswith("//"):
            continue
        path = (site / target.lstrip("/")).resolve()
        if path.is_file() and site.resolve() in path.parents:
            assets.add(path)
    fetched = [home, *sorted(assets), *([search_index] if search_index.exists() else [])]
    transfer = sum(path.stat().st_size for path in fetched)
    # What crosses the network from a server that compresses (GitHub Pages and most others gzip
    # HTML, CSS, JS and JSON): each file gzipped at level 6, as such servers do.
    transfer_gzip = sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in fetched)
    # Trap 1: every page carries the whole nav. Count the primary nav's links on the home page and on
    # one leaf page, and any link in it to a leaf page (which `not_in_nav` should keep out).
    leaf = next((path for path in sorted((site / "case-studies").glob("*/index.html"))), home)
    nav_home = _nav_links(home_html)
    nav_leaf = _nav_links(leaf.read_text(encoding="utf-8"))
    # Trap 2: glossary as an abbreviations block (`*[HSCP]: ...`) appended to every page, which
    # shows as <abbr> tags in the built pages; the glossary should be links in the text instead.
    abbr_tags = sum(path.read_text(encoding="utf-8").count("<abbr") for path in html_files if path.relative_to(site).parts[0] != "go")
    md_pages = sum(1 for path in html_files if path.relative_to(site).parts[0] != "go")
    return {
        "html": len(html_files),
        "redirects": redirects,
        "rendered": md_pages,
        "site_bytes": sum(path.stat().st_size for path in site.rglob("*") if path.is_file()),
        "html_bytes": sum(path.stat().st_size for path in html_files),
        "search_index_bytes": search_index.stat().st_size if search_index.exists() else 0,
        "previews_bytes": (site / "data" / "previews.json").stat().st_size if (site / "data" / "previews.json").exists() else 0,
        "home_transfer_bytes": transfer,
        "home_transfer_gzip_bytes": transfer_gzip,
        "home_assets": sorted(path.relative_to(site.resolve()).as_posix() for path in assets),
        "nav_links_home": len(nav_home),
        "nav_links_leaf": len(nav_leaf),
        "nav_leaf_links": sum(1 for link in nav_home if _LEAF.search(link)),
        "leaf_page_bytes": leaf.stat().st_size,
        "abbr_tags": abbr_tags,
    }


def _nav_links(page: str) -> list[str]:
    match = re.search(r'<nav class="md-nav md-nav--primary"', page)
    if not match:
        return []
    # The primary nav ends where the sidebar's scroll wrapper ends; the table of contents follows.
    end = page.find('md-sidebar--secondary', match.start())
    section = page[match.start(): end if end > 0 else len(page)]
    return re.findall(r'<a href="[^"]*"[^>]*class="md-nav__link', section) + re.findall(r'class="md-nav__link[^"]*"\s+href="[^"]*"', section)


# ---------------------------------------------------------------- incremental regeneration


def regeneration_check(data_dir: Path) -> dict[str, Any]:
    """Regenerate unchanged data (should write nothing), then edit one finding's summary and regenerate."""
    from eckb.pipeline import build_pages

    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        out = Path(scratch) / "docs"
        shutil.copytree(data_dir, data)
        build_pages(data, out, TEMPLATES)
        _base, again = build_pages(data, out, TEMPLATES)
        finding = sorted((data / "findings").glob("*.yaml"))[0]
        record = yaml.safe_load(finding.read_text(encoding="utf-8"))
        record["summary"] = record["summary"].rstrip() + " Edited for the benchmark."
        finding.write_text(_dump(record), encoding="utf-8")
        _base, edited = build_pages(data, out, TEMPLATES)
    pages = [name for name in edited.written if name.endswith(".md")]
    return {
        "unchanged_written": len(again.written),
        "unchanged_written_files": again.written[:10],
        "edited_record": record["id"],
        "edited_pages": pages,
        "edited_other": [name for name in edited.written if not name.endswith(".md")],
    }


# ---------------------------------------------------------------- sizing and reporting


def planned_pages(data_dir: Path, templates: Path = TEMPLATES) -> int:
    """Pages the site will have for this data: generated .md and /go/ .html files, without writing."""
    from eckb.build import render_all
    from eckb.pipeline import read_all

    release, base = read_all(data_dir)
    return sum(1 for name in render_all(base, templates, release) if name.endswith((".md", ".html")))


def copies_for(targets: list[int], data_dir: Path, scratch: Path, templates: Path = TEMPLATES) -> dict[int, tuple[int, int]]:
    """For each target multiple, (copies, pages expected).

    A knowledge base N times the size holds N times the real number of records: records grow
    linearly with copies (the kinds kept once do not grow), and so do pages.
    """
    one_records = len(validate_records(load_records(data_dir)))
    one_pages = planned_pages(data_dir, templates)
    two = synthesize(data_dir, scratch / "calibrate", 2)
    per_copy_pages = planned_pages(scratch / "calibrate", templates) - one_pages
    shutil.rmtree(scratch / "calibrate")
    per_copy = two.records - one_records
    fixed = one_records - per_copy
    plan = {}
    for target in targets:
        copies = 1 if target == 1 else max(2, round((target * one_records - fixed) / per_copy))
        plan[target] = (copies, one_pages + (copies - 1) * per_copy_pages)
    return plan


def machine() -> str:
    processor = platform.processor() or platform.machine()
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{processor}{f' ({model})' if model else ''}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def _mib(kib: int | None) -> str:
    return "—" if kib is None else f"{kib / 1024:.0f} MiB"


def _kb(count: int | None) -> str:
    return "—" if count is None else f"{count / 1000:,.0f} kB"


def report(rows: list[dict[str, Any]], regen: dict[str, dict[str, Any]], fixed: list[str], timeout: float, when: str, load: float) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Regenerated by `make bench` (`scripts/bench.py`); do not edit by hand.",
        "",
        f"- Date: {when}",
        f"- Machine: {machine()}",
        f"- Load average when the run began: {load:.1f} (other work on the machine slows every figure)",
        "",
        "## What is measured",
        "",
        "- **Sizes.** 1× is the real `data/`. 10× and 100× are synthetic: copies of the real records under new",
        "  IDs (`case-study-falkirk-x7`, glossary names `HSCP-x7` in copy 7's prose, `(copy 7)` in titles),",
        "  each copy linking only within itself, sized to hold 10 and 100 times the real number of records.",
        "  They pass the generator's validation before anything is timed.",
        f"  Kept once at every size (ID forms that cannot grow 100-fold): {', '.join(fixed)}; copies cite the real ones.",
        "- **Generator**: `eckb.pipeline.build_for_mkdocs` (load, validate, link, render) as the MkDocs hook",
        "  runs it: every page and file is handed to MkDocs in memory, so it writes nothing itself (MkDocs",
        "  writes the site). Wall time, the best of several runs (5 at 1×, 3 above), each in a new process as",
        "  each build runs it; peak memory is the largest resident set of those processes (`RUSAGE_SELF`,",
        "  Python's own ~30 MiB included).",
        "- **Generator in the build** and **Generator / build**: the generator's time inside the full build, as",
        "  the hook logs it (the same `build_for_mkdocs`; not the MkDocs file objects it then makes for the",
        "  generated files, which MkDocs would make for files on disk too), and its share of that build's wall",
        "  time: both from the same run, so a machine that is busier in one run than another cannot tilt the",
        "  ratio. Each size is built twice, minutes apart (the plain and floor builds run between), and the",
        "  share is the mean of the two (each in brackets); then the best run of the generator alone over the",
        "  first build.",
        "- **Full build**: `mkdocs build --strict` of a copy of the repository with generated pages cleared,",
        "  so it includes the generator (run by the hook); wall time including Python start-up; peak memory",
        f"  from `wait4`. A build is stopped after {timeout / 60:.0f} minutes.",
        "- **Pages**: `.html` files in the built site; in brackets, how many of them are `/go/` short-address",
        "  redirects (made by the generator, copied by MkDocs without rendering). ms/page divides by all `.html` files.",
        "- **Home transfer**: `index.html` + the CSS and JS it references (including the search worker) +",
        "  `search/search_index.json`, uncompressed, and gzipped file by file as a compressing server (GitHub",
        "  Pages) sends them; no web fonts are loaded.",
        "",
        "## Results",
        "",
        "| Size | Records | Pages (of which /go/) | Generator | Gen ms/page | Gen peak mem | Full build | Build ms/page | Build peak mem | Generator in the build | Generator / build | Search index | Home transfer | Home transfer gzipped |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        gen, build = row["generator"], row["build"]
        pages = build.get("html") or row["planned"]
        gen_s = gen.get("best")
        build_s = None if build.get("timed_out") else build.get("seconds")
        cells = [
            f"{row['size']}× ({row['copies']} cop{'y' if row['copies'] == 1 else 'ies'})",
            f"{row['records']:,}",
            f"{pages:,} ({build['redirects']:,})" if build.get("html") else f"≈{pages:,} expected",
            f"> {timeout:.0f} s (stopped)" if gen.get("timed_out") else f"{gen_s:.2f} s" + (f" (best of {len(gen['times'])})" if len(gen["times"]) > 1 else ""),
            f"{1000 * gen_s / pages:.1f}" if gen_s else "—",
            _mib(gen.get("maxrss_kib")),
            _build_cell(build, timeout),
            f"{1000 * build_s / pages:.1f}" if build_s else "—",
            _mib(build.get("maxrss_kib")),
            f"{build['generator_seconds']:.2f} s" if build.get("generator_seconds") else "—",
            _share_cell(gen_s, build),
            _kb(build.get("search_index_bytes")),
            _kb(build.get("home_transfer_bytes")),
            _kb(build.get("home_transfer_gzip_bytes")),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "Where the time goes: the generator's steps in its fastest run alone (seconds), and what the full build spends",
        "beyond the generator (MkDocs and Material: reading, rendering, search index, writing). The build shares",
        f"pages between processes ({jobs_wanted()} here, `ECKB_BUILD_JOBS`) and renders the navigation once per folder of",
        "record pages (`eckb/parallel_build.py`, `eckb/shared_nav.py`); *as MkDocs alone* is the same build",
        "with neither (`ECKB_PLAIN_BUILD=1`). The last column is the floor: MkDocs and Material building the",
        "same number of pages the same way, each two short paragraphs, with the same theme, extensions,",
        "plugins and navigation and no generator.",
        "",
        "| Size | Load | Validate | Link (incl. glossary uses) | Render | Build minus generator | Full build as MkDocs alone | Floor: plain pages |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        phases = row["generator"].get("phases", {})
        cells = [f"{phases[name]:.1f}" if name in phases else "(stopped)" if row["generator"].get("timed_out") else "—"
                 for name in ("load", "validate", "link", "render")]
        build = row["build"]
        gen_s = build.get("generator_seconds")
        rest = f"{build['seconds'] - gen_s:.1f}" if gen_s and build.get("seconds") and not build.get("timed_out") else "—"
        floor = build.get("floor") or {}
        floor_cell = f"{floor['seconds']:.1f} ({floor['pages']:,} pages)" if floor.get("seconds") else "—"
        plain = build.get("plain") or {}
        plain_cell = _build_cell(plain, timeout) if plain else "—"
        lines.append(f"| {row['size']}× | " + " | ".join(cells) + f" | {rest} | {plain_cell} | {floor_cell} |")
    lines += ["", "## Targets", ""]
    for verdict, text in targets(rows, timeout):
        lines.append(f"- **{verdict}** {text}")
    lines += ["", "## Incremental regeneration", ""]
    for size, check in regen.items():
        if check.get("timed_out"):
            lines.append(f"- {size}×: not measured (over the {timeout:.0f} s limit).")
            continue
        lines.append(f"- {size}×: regenerating unchanged data wrote **{check['unchanged_written']}** files"
                     + (f" ({', '.join(check['unchanged_written_files'])})" if check["unchanged_written"] else "") + ".")
        pages = check["edited_pages"]
        shown = ", ".join(f"`{page}`" for page in pages[:12]) + (f", … ({len(pages)} in all)" if len(pages) > 12 else "")
        lines.append(f"  Editing `{check['edited_record']}`'s summary rewrote {len(pages)} page{'s' if len(pages) != 1 else ''}"
                     f"{': ' + shown if pages else ''}; and {len(check['edited_other'])} other files "
                     f"({', '.join(f'`{name}`' for name in check['edited_other'][:6])}).")
    if not regen:
        lines.append("- Not measured (only at 1× and 10×).")
    lines += ["", "## Known traps", ""]
    for row in rows:
        build = row["build"]
        if build.get("timed_out"):
            lines.append(f"- {row['size']}×: not checked (no site was built).")
            continue
        lines.append(
            f"- {row['size']}×: the primary nav has {build['nav_links_home']} links on the home page and "
            f"{build['nav_links_leaf']} on a case study page, {build['nav_leaf_links']} of them to leaf pages "
            f"(a case study page is {build['leaf_page_bytes'] / 1000:,.0f} kB); "
            f"{build['abbr_tags']} `<abbr>` tags in all {build['rendered']:,} rendered pages (glossary terms are links, "
            f"not an abbreviation list on every page). Not in the home transfer: "
            f"`data/previews.json` ({build['previews_bytes'] / 1000:,.0f} kB), fetched on the first link hover or focus."
        )
    return "\n".join(lines) + "\n"


def _shares(build: dict[str, Any]) -> list[float]:
    """The generator's share of each full build: its time inside that build (the hook logs it) over the build's wall time."""
    return [run["generator_seconds"] / run["seconds"] for run in (build, build.get("again") or {})
            if run and not run.get("timed_out") and run.get("seconds") and run.get("generator_seconds")]


def _share(build: dict[str, Any]) -> float | None:
    """The mean share over the builds measured."""
    shares = _shares(build)
    return sum(shares) / len(shares) if shares else None


def _share_cell(alone: float | None, build: dict[str, Any]) -> str:
    share = _share(build)
    if share is None:
        return "—"
    each = _shares(build)
    return (f"{100 * share:.1f} %" + (f" ({' and '.join(f'{100 * one:.1f} %' for one in each)})" if len(each) > 1 else "")
            + (f"; alone: {100 * alone / build['seconds']:.1f} %" if alone else ""))


def _build_cell(build: dict[str, Any], timeout: float) -> str:
    if build.get("skipped"):
        return "not run (generator alone over the limit)"
    if build.get("timed_out"):
        return f"> {timeout:.0f} s (stopped)"
    return f"{build['seconds']:.1f} s"


def targets(rows: list[dict[str, Any]], timeout: float) -> list[tuple[str, str]]:
    verdicts = []
    ratios = []
    for row in rows:
        share = _share(row["build"])
        if share is not None:
            runs = [run for run in (row["build"], row["build"].get("again") or {}) if run.get("generator_seconds")]
            each = " and ".join(f"{run['generator_seconds']:.2f} s of {run['seconds']:.1f} s" for run in runs)
            ratios.append((row["size"], f"{100 * share:.1f} % ({each})", share < 0.10))
        else:
            ratios.append((row["size"], "not measured", False))
    verdicts.append(("PASS" if ratios and all(ok for *_, ok in ratios) else "FAIL",
                     "Generator under 10 % of the full build at every size: its time inside each build over the build's, the mean of two builds ("
                     + ", ".join(f"{size}×: {text}" for size, text, _ in ratios) + ")."))
    measured = [row for row in rows if row["generator"].get("best")]
    if len(measured) >= 2:
        first, last = measured[0], measured[-1]
        per_page = [row["generator"]["best"] / (row["build"].get("html") or row["planned"]) for row in (first, last)]
        growth = per_page[1] / per_page[0]
        text = (f"Generator grows linearly: time per page at {last['size']}× is {growth:.1f} times that at {first['size']}× "
                "(linear means about 1; the bar is 1.5)")
        stopped = [row for row in rows if row["generator"].get("timed_out")]
        if stopped:
            expected = last["generator"]["best"] * stopped[0]["planned"] / (last["build"].get("html") or last["planned"])
            text += (f"; at {stopped[0]['size']}× it did not finish in {timeout:.0f} s where linear growth from "
                     f"{last['size']}× predicts {expected:.0f} s")
        verdicts.append(("PASS" if growth <= 1.5 and not stopped else "FAIL", text + "."))
    else:
        verdicts.append(("FAIL", "Generator grows linearly: fewer than two sizes finished."))
    hundred = next((row for row in rows if row["size"] == 100), None)
    if hundred is None:
        verdicts.append(("FAIL", "100× site builds in under 2 minutes: not measured in this run."))
    else:
        build = hundred["build"]
        ok = not build.get("timed_out") and build["seconds"] < 120
        floor = (build.get("floor") or {}).get("seconds")
        beside = (f"; MkDocs and Material take {floor:.0f} s for the same {build['floor']['pages']:,} pages as plain text"
                  if floor else "")
        if (build.get("plain") or {}).get("seconds"):
            beside += f"; built as MkDocs alone builds, one process: {_build_cell(build['plain'], timeout)}"
        verdicts.append(("PASS" if ok else "FAIL", f"100× site builds in under 2 minutes on {os.cpu_count()} cores ({_build_cell(build, timeout)}{beside})."))
    real = next((row["build"] for row in rows if row["size"] == 1), {})
    plain, zipped = real.get("home_transfer_bytes"), real.get("home_transfer_gzip_bytes")
    ok = plain is not None and plain < 1_000_000
    larger = [row for row in rows if row["size"] != 1 and row["build"].get("home_transfer_bytes")]
    verdicts.append(("PASS" if ok else "FAIL",
                     f"The site's home page transfer under 1 MB ({_kb(plain) if plain else 'not measured'} uncompressed, "
                     f"{_kb(zipped) if zipped else 'not measured'} gzipped)."
                     + (" Recorded for the synthetic sizes: " + ", ".join(
                         f"{row['size']}×: {_kb(row['build']['home_transfer_bytes'])} ({_kb(row['build']['home_transfer_gzip_bytes'])} gzipped)"
                         for row in larger) + "; the search index, one file of every searchable page, grows with the content."
                        if larger else "")))
    return verdicts


class _Stop(Exception):
    pass


def profile(size: int, data_dir: Path, top: int, seconds: float) -> None:
    """cProfile the generator at `size`, stopping after `seconds` and showing what ran until then."""
    import cProfile
    import pstats

    from eckb.pipeline import build_pages

    def stop(_signal, _frame):
        raise _Stop

    with tempfile.TemporaryDirectory() as scratch:
        scratch_path = Path(scratch)
        copies, _pages = copies_for([size], data_dir, scratch_path)[size]
        synthesize(data_dir, scratch_path / "data", copies)
        profiler = cProfile.Profile()
        signal.signal(signal.SIGALRM, stop)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        started = time.perf_counter()
        profiler.enable()
        try:
            build_pages(scratch_path / "data", scratch_path / "docs", TEMPLATES)
            finished = "finished"
        except _Stop:
            finished = "stopped"
        finally:
            profiler.disable()
            signal.setitimer(signal.ITIMER_REAL, 0)
    print(f"generator at {size}× ({copies} copies): {finished} after {time.perf_counter() - started:.0f} s (profiled)")
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="multiples of the real data (default: %(default)s)")
    parser.add_argument("--data", type=Path, default=DATA, help="the real data (default: data/)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed per generator or build run (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=OUTPUT, help="where to write the results (default: BENCHMARKS.md)")
    parser.add_argument("--profile", type=int, metavar="SIZE", help="only profile the generator at this size (stopped at --timeout)")
    parser.add_argument("--always-build", action="store_true",
                        help="build the site even when the generator alone ran out of time (the build runs it too)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:  # a measurement, run from the snapshot by the parent
        task, *rest = args.child
        result = generator_child(Path(rest[0])) if task == "generator" else regeneration_check(Path(rest[0]))
        print(json.dumps(result))
        return 0
    sizes = sorted({int(size) for size in args.sizes.split(",")})
    if args.profile:
        profile(args.profile, args.data, 15, args.timeout)
        return 0
    when = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    load = os.getloadavg()[0]
    print(f"bench: {machine()}; load average {load:.1f}", file=sys.stderr)
    rows = []
    regen: dict[str, dict[str, Any]] = {}
    fixed = sorted(copyable_kinds()[2])
    with tempfile.TemporaryDirectory(prefix="eckb-bench-") as scratch:
        scratch_path = Path(scratch)
        repo = scratch_path / "repo"  # code, templates and data frozen for the whole run
        snapshot(repo, args.data)
        real = repo / "data"
        validate_records(load_records(real))
        plan = copies_for(sizes, real, scratch_path, repo / "templates")
        copies = {size: plan[size][0] for size in sizes}
        for size in sizes:
            data_dir = real if copies[size] == 1 else scratch_path / f"data-{size}x"
            started = time.perf_counter()
            synthesis = synthesize(real, data_dir, copies[size]) if copies[size] > 1 else None
            records = synthesis.records if synthesis else len(validate_records(load_records(real)))
            print(f"bench: {size}×: {copies[size]} copies, {records:,} records ({time.perf_counter() - started:.0f} s to synthesise)", file=sys.stderr)
            runs = 5 if size <= 1 else 3
            generator = measure_generator(repo, data_dir, runs, args.timeout)
            print(f"bench: {size}×: generator " + ("timed out" if generator.get("timed_out") else f"{generator['best']:.1f} s"), file=sys.stderr)
            if generator.get("timed_out") and not args.always_build:
                build = {"seconds": None, "timed_out": True, "skipped": True}
            else:
                build = measure_build(repo, data_dir, args.timeout)
                build["plain"] = measure_build(repo, data_dir, args.timeout, plain=True)
                print(f"bench: {size}×: the same build as MkDocs alone builds (one process): {_build_cell(build['plain'], args.timeout)}", file=sys.stderr)
                if build.get("rendered"):
                    build["floor"] = measure_floor(repo, build["rendered"], args.timeout)
                    print(f"bench: {size}×: MkDocs and Material on {build['rendered']:,} plain pages: {build['floor']['seconds']:.1f} s", file=sys.stderr)
                if not build.get("timed_out"):  # a second sample of the generator's share, minutes after the first
                    build["again"] = measure_build(repo, data_dir, args.timeout, figures=False)
            for run in (build, build.get("again") or {}):
                if run:
                    print(f"bench: {size}×: full build " + ("skipped" if run.get("skipped") else f"{run['seconds']:.1f} s{' (timed out)' if run['timed_out'] else ''}")
                          + (f", the generator {run['generator_seconds']:.2f} s of it" if run.get("generator_seconds") else ""), file=sys.stderr)
            if size <= 10:
                _run, check = run_child(repo, "regen", [str(data_dir)], args.timeout)
                regen[str(size)] = check or {"timed_out": True}
            rows.append({"size": size, "copies": copies[size], "planned": plan[size][1], "records": records, "generator": generator, "build": build})
            if data_dir != real:
                shutil.rmtree(data_dir, ignore_errors=True)
    text = report(rows, regen, fixed, args.timeout, when, load)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
