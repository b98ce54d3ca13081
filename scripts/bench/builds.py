"""Full builds against the same engine building the same pages with no generator, at one data size.

- Full build: `mkdocs build --strict` of a copy of the repository; the hook generates the pages
  from data/ as part of it (what `make site` does).
- Without the generator: the same pages, generated once beforehand (`build_pages.py`, which
  assembles docs/ and the generated pages into the folder mkdocs.yml's docs_dir names), copied
  aside, and built by the same MkDocs and Material with the same mkdocs.yml minus its `hooks:` and
  with `docs_dir` pointing at the copy: a hand-written site of the same pages. The ratio of the two is what the knowledge base costs over writing those pages by hand.

The two are run alternately, so a machine that gets busier part-way slows both alike.
"""
from __future__ import annotations

import re
import shutil
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from . import synthetic, transfer
from .run import ROOT, Run, build_pages, copy_repository, html_pages, mkdocs, run

PLAIN_CONFIG = "mkdocs-no-generator.yml"
PLAIN_DOCS = "no-generator-docs"


@dataclass
class Size:
    multiple: int
    records: int
    pages: int = 0
    home_bytes: tuple[int, int] = (0, 0)  # a first visit to the home page: raw, gzipped
    full: list[Run] = field(default_factory=list)
    plain: list[Run] = field(default_factory=list)

    @property
    def full_seconds(self) -> float:
        return statistics.median(run.seconds for run in self.full)

    @property
    def plain_seconds(self) -> float:
        return statistics.median(run.seconds for run in self.plain)

    @property
    def ratio(self) -> float:
        return self.full_seconds / self.plain_seconds

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.full_seconds / self.pages

    @property
    def peak_mib(self) -> float:
        return max(run.peak_mib for run in self.full)


def measure(multiple: int, repeats: int, scratch: Path) -> Size:
    data = ROOT / "data"
    if multiple > 1:
        data = scratch / f"data-{multiple}x"
        synthetic.synthesize(ROOT / "data", data, synthetic.copies_for(multiple, ROOT / "data"))
    work = copy_repository(scratch / f"{multiple}x", data)
    checked = run(build_pages("--check"), work)  # synthetic data must be valid data
    size = Size(multiple, int(re.search(r"([\d,]+) records", checked.output).group(1).replace(",", "")))
    _prepare_plain_build(work)
    for _ in range(repeats):
        size.full.append(run(mkdocs("build", "--strict", "--site-dir", "site-full"), work))
        size.plain.append(run(mkdocs("build", "--strict", "-f", PLAIN_CONFIG, "--site-dir", "site-plain"), work))
    size.pages = html_pages(work / "site-full")
    size.home_bytes = transfer.home_transfer(work / "site-full")
    shutil.rmtree(work.parent)  # 100x is gigabytes
    return size


def _prepare_plain_build(work: Path) -> None:
    """The pages as the engine reads them (`build_pages.py` assembles docs_dir: docs/ plus every
    generated page, and the theme overrides), copied to a folder of their own so the full build's
    hook, which rewrites docs_dir, cannot touch them."""
    run(build_pages(), work)
    config = (work / "mkdocs.yml").read_text(encoding="utf-8")
    docs_dir = re.search(r"^docs_dir:\s*(\S+)", config, flags=re.MULTILINE)
    shutil.copytree(work / (docs_dir.group(1) if docs_dir else "docs"), work / PLAIN_DOCS)
    (work / PLAIN_CONFIG).write_text(plain_config(config), encoding="utf-8")


def plain_config(config: str) -> str:
    """mkdocs.yml without its hooks and with docs_dir at the folder of ready-made pages."""
    config = re.sub(r"^hooks:\n(?:[ \t]+-.*\n|[ \t]*#.*\n)*", "", config, flags=re.MULTILINE)
    config = re.sub(r"^docs_dir:.*\n", "", config, flags=re.MULTILINE)
    return f"docs_dir: {PLAIN_DOCS}\n{config}"
