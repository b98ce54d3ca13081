"""Render and write: the last two steps, run only after the data is known to be good."""
from __future__ import annotations

from pathlib import Path

from .export import knowledge_base_json, permalinks_json
from .links import KnowledgeBase
from .pages import plan_pages
from .render import render_pages
from .urls import OWN_PAGE_FOLDERS, SECTION_PAGES
from .write import WriteResult, write_files

EXPORT_FOLDER = "data"
"""docs/data/: the machine-readable exports, published at site/data/."""


def generated_folders() -> set[str]:
    """The docs/ folders the generator owns; hand-written pages live elsewhere."""
    section_folders = {page.split("/")[0] for page in SECTION_PAGES.values()}
    return set(OWN_PAGE_FOLDERS.values()) | section_folders | {EXPORT_FOLDER}


def render_all(base: KnowledgeBase, templates_dir: Path, release: dict[str, str]) -> dict[str, str]:
    """Every output file's text, all computed before anything is written."""
    files = render_pages(plan_pages(base), base, templates_dir, release)
    files[f"{EXPORT_FOLDER}/knowledge-base.json"] = knowledge_base_json(base, release)
    files[f"{EXPORT_FOLDER}/permalinks.json"] = permalinks_json(base)
    return files


def generate(base: KnowledgeBase, out_dir: Path, templates_dir: Path, release: dict[str, str]) -> WriteResult:
    return write_files(render_all(base, templates_dir, release), out_dir, generated_folders())
