"""A page that moves leaves a redirect: data/moved-pages.yaml lists old address -> record ID or page,
and the generator leaves a static redirect page at the old address (as it does for /go/ short forms),
so every engine and every static host serves it, with no redirect plugin."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from eckb.load.errors import DataError
from eckb.pipeline import generated_files

TEMPLATES = ROOT / "templates"


def data_with_moves(tmp_path: Path, entries: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "moved-pages.yaml").write_text("# test\n" + entries, encoding="utf-8")
    return data


def test_the_moved_pages_file_explains_itself_and_lists_no_move_yet():
    text = (DATA / "moved-pages.yaml").read_text(encoding="utf-8")
    assert "a page that moves leaves a redirect: old path -> record id or new path" in text.casefold()
    from eckb.load.moved_pages import read_moved_pages

    assert read_moved_pages(DATA) == []


def test_a_moved_page_leaves_a_redirect_at_its_old_address_to_its_record_or_page(tmp_path):
    data = data_with_moves(tmp_path, "- from: findings/3-10/\n  to: finding-3-4\n- from: /about-us/\n  to: about.md\n")
    _base, files = generated_files(data, ROOT / "docs", TEMPLATES)
    to_record = files["findings/3-10/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../3-4/">' in to_record
    assert "Finding 3.4:" in to_record
    assert '<meta http-equiv="refresh" content="0; url=../about/">' in files["about-us/index.html"]


def test_the_redirect_names_the_html_file_where_the_site_has_no_directory_urls(tmp_path):
    data = data_with_moves(tmp_path, "- from: findings/3-10/\n  to: finding-3-4\n")
    _base, files = generated_files(data, ROOT / "docs", TEMPLATES, directory_urls=False)
    assert 'url=../3-4.html"' in files["findings/3-10/index.html"]


@pytest.mark.parametrize("entries, message", [
    ("- from: findings/3-10/\n  to: finding-9-9\n", "data/moved-pages.yaml:3: [0].to: unknown record 'finding-9-9'"),
    ("- from: findings/3-10/\n  to: about-us.md\n", "data/moved-pages.yaml:3: [0].to: 'about-us.md' is no record ID and no page"),
    ("- from: findings/3-4/\n  to: finding-3-3\n", "data/moved-pages.yaml:2: [0].from: /findings/3-4/ is still a page"),
    ("- from: findings/3-10\n  to: finding-3-4\n", "data/moved-pages.yaml:2: [0].from: should be the old address as published, ending in '/'"),
    ("- from: old/\n  to: finding-3-4\n- from: old/\n  to: finding-3-3\n", "data/moved-pages.yaml:4: [1].from: is given twice (first on line 2)"),
    ("- from: old/\n", "data/moved-pages.yaml:2: [0]: needs two fields"),
], ids=["unknown record", "unknown page", "old address still a page", "not an address", "given twice", "no target"])
def test_a_bad_move_is_reported_at_its_line_and_nothing_is_made(tmp_path, entries, message):
    data = data_with_moves(tmp_path, entries)
    with pytest.raises(DataError) as caught:
        generated_files(data, ROOT / "docs", TEMPLATES)
    assert caught.value.report().splitlines()[0].startswith(message), caught.value.report()


def test_no_engine_plugin_is_needed_for_redirects():
    for config in ("mkdocs.yml", "mkdocs-offline.yml"):
        assert "redirects" not in (ROOT / config).read_text(encoding="utf-8"), config
    assert "mkdocs-redirects" not in (ROOT / "requirements.txt").read_text(encoding="utf-8")
