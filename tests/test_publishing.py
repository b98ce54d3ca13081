"""Publishing: a reproducible release archive, a printable whole-knowledge-base page, an offline bundle."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import zipfile

import pytest

from conftest import ROOT, build_offline_site
from test_built_site import _pages

spec = importlib.util.spec_from_file_location("archive", ROOT / "scripts/archive.py")
archive_module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(archive_module)


def test_the_release_archive_is_reproducible_and_holds_the_site(built_site, tmp_path):
    first, second = tmp_path / "a/kb.zip", tmp_path / "b/kb.zip"
    count = archive_module.archive(built_site, first)
    archive_module.archive(built_site, second)
    assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()
    names = zipfile.ZipFile(first).namelist()
    assert len(names) == count
    assert "kb/index.html" in names and "kb/data/knowledge-base.json" in names


def test_the_print_page_holds_every_finding_and_case_study_with_its_id(built_site, base):
    html = (built_site / "print/index.html").read_text(encoding="utf-8")
    for kind in ("finding", "case-study", "term", "action"):
        for record in base.of_kind(kind):
            assert f'id="print-{record.id}"' in html or f"<code>{record.id}</code>" in html, record.id
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    # Search finds the page by its title and introduction ("print everything"), never its copies of records.
    assert [doc["location"] for doc in index["docs"] if doc["location"].startswith("print/")] == ["print/"], \
        "the print page would repeat every record in search results"


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    return build_offline_site(tmp_path_factory.mktemp("offline"))


def test_the_offline_bundle_has_search_and_fetches_nothing_from_elsewhere(offline_site):
    assert (offline_site / "search/search_index.js").is_file(), "search works from file:// through a script, not a fetch"
    pages = _pages(offline_site)
    assert "findings/3-4.html" in pages, "pages are files, since file:// cannot open a folder"
    external = [f"{name}: {src}" for name, page in pages.items() for src in page.resources if "://" in src or src.startswith("//")]
    assert not external, external[:10]


def test_every_link_in_the_offline_bundle_opens_a_file(offline_site):
    from urllib.parse import unquote, urljoin, urlparse

    pages = _pages(offline_site)
    broken = []
    for name, page in pages.items():
        if name == "404.html":
            continue  # only a web server shows it, and it links from the site's root
        for href in page.links:
            url = urlparse(urljoin(f"file:///site/{name}", href))
            if url.scheme != "file":
                continue
            target = offline_site / unquote(url.path).removeprefix("/site/")
            if not target.is_file():
                broken.append(f"{name}: {href}")
    assert not broken, f"{len(broken)} links open nothing offline:\n" + "\n".join(broken[:20])
