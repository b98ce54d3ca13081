"""The built site: strict build passes, every internal link and anchor resolves, nothing is fetched from elsewhere."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from conftest import ROOT, copy_repo, mkdocs_build

SITE_ROOT = "http://kb.test/"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag in ("script", "img", "iframe", "source") and attributes.get("src"):
            self.resources.append(attributes["src"])
        if tag == "link" and attributes.get("href") and attributes.get("rel") in ("stylesheet", "preload", "preconnect", "icon"):
            self.resources.append(attributes["href"])


def _pages(site: Path) -> dict[str, _Page]:
    pages = {}
    for path in site.rglob("*.html"):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    return pages


@pytest.fixture(scope="module")
def pages(built_site):
    return _pages(built_site)


def _target_file(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def broken_links(site: Path, pages: dict[str, _Page]) -> list[str]:
    """Every link from one page of the site to another that finds no file, or no element with its anchor."""
    broken = []
    for name, page in pages.items():
        base_url = urljoin(SITE_ROOT, name)
        for href in page.links:
            url = urlparse(urljoin(base_url, href))
            if f"{url.scheme}://{url.netloc}/" != SITE_ROOT:
                continue
            target = _target_file(site, url.path)
            if not target.is_file():
                broken.append(f"{name}: {href} (no {target.relative_to(site)})")
            elif url.fragment and target.suffix == ".html":
                target_name = target.relative_to(site).as_posix()
                if url.fragment not in pages[target_name].ids:
                    broken.append(f"{name}: {href} (no #{url.fragment})")
    return broken


def test_every_internal_link_and_anchor_resolves(built_site, pages):
    broken = broken_links(built_site, pages)
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])


def test_every_permalink_resolves_to_its_page_and_anchor(built_site, pages):
    permalinks = json.loads((built_site / "data/permalinks.json").read_text(encoding="utf-8"))
    assert len(permalinks) > 200
    for record_id, url in permalinks.items():
        path, _, anchor = url.partition("#")
        target = _target_file(built_site, "/" + path)
        assert target.is_file(), f"{record_id}: {url}"
        assert (anchor or record_id) in pages[target.relative_to(built_site).as_posix()].ids, f"{record_id}: {url}"


def test_pages_load_nothing_from_another_origin(pages):
    external = [
        f"{name}: {resource}"
        for name, page in pages.items()
        for resource in page.resources
        if urlparse(resource).scheme in ("http", "https") or resource.startswith("//")
    ]
    assert not external, "\n".join(external[:20])


def test_search_index_holds_definitions_and_findings(built_site):
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "glossary/market-facilitation/" in locations
    assert "findings/3-4/" in locations


def test_entity_pages_show_their_id_source_and_release(built_site):
    html = (built_site / "findings/3-4/index.html").read_text(encoding="utf-8")
    assert "finding-3-4" in html
    assert "section 3.3.4" in html
    assert _release_version() in html
    assert "<title>Finding 3.4:" in html


def test_bad_data_stops_mkdocs_build_with_the_same_clear_message(tmp_path):
    work = copy_repo(tmp_path / "repo")
    falkirk = work / "data/case-studies/falkirk.yaml"
    text = falkirk.read_text(encoding="utf-8")
    line = text[: text.index("finding: finding-1-1")].count("\n") + 1
    falkirk.write_text(text.replace("finding: finding-1-1", "finding: finding-3-9", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=work, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}, capture_output=True, text=True,
    )
    output = result.stdout + result.stderr  # MkDocs prints an aborted build's reason on stdout
    assert result.returncode == 1
    assert f"data/case-studies/falkirk.yaml:{line}: findings[2].finding: unknown finding 'finding-3-9'" in output
    assert "Traceback" not in output


def _release_version() -> str:
    import yaml
    return yaml.safe_load((ROOT / "data" / "release.yaml").read_text(encoding="utf-8"))["version"]


def test_every_page_footer_names_the_release_and_links_the_change_log(built_site):
    for page, change_log_link in (("index.html", "changelog/"), ("findings/3-4/index.html", "../../changelog/"),
                                  ("glossary/index.html", "../changelog/")):
        html = (built_site / page).read_text(encoding="utf-8")
        assert f'Release {_release_version()} (<a href="{change_log_link}">change log</a>).' in html, page
    change_log = (built_site / "changelog/index.html").read_text(encoding="utf-8")
    assert "Release 2024.2" in change_log and "Release 2024.1" in change_log and "Every record" in change_log


def test_how_to_cite_page_speaks_to_readers_with_a_real_citation_and_addresses(built_site):
    html = (built_site / "how-to-cite/index.html").read_text(encoding="utf-8")
    assert html.index("Cite a page") < html.index("Link to a page")
    assert "Healthcare Improvement Scotland (2024) ‘Finding 3.4" in html
    for example in ("findings/3-4/", "case-studies/falkirk/", "glossary/hscp/", "actions/4-1/#action-4-1-a", "/go/3.4/"):
        assert example in html, example
    assert "a test fails" not in html and "Keys use lower-case" not in html, "the maintainers' rules live in CONTRIBUTING.md"
    assert "Keys use lower-case" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_the_tags_index_lists_every_case_study_under_its_type(built_site, base):
    html = (built_site / "tags/index.html").read_text(encoding="utf-8")
    for case_study in base.of_kind("case-study"):
        assert f"case-studies/{case_study.id.removeprefix('case-study-')}/" in html, case_study.id
    assert "Health and Social Care Partnerships" in html and "Alcohol and Drug Partnerships" in html


def test_the_build_publishes_generated_pages_and_files_without_writing_into_docs(built_site):
    # The hook writes every generated page, export, citation file and /go/ redirect into build/docs:
    # the site has them byte for byte (RIS keeps its CRLF line ends), docs/ is untouched.
    ris = (built_site / "cite/case-study-falkirk.ris").read_bytes()
    assert ris.startswith(b"TY  - ELEC\r\n") and ris.endswith(b"ER  - \r\n")
    assert 'url=../../findings/3-4/' in (built_site / "go/3.4/index.html").read_text(encoding="utf-8")
    assert json.loads((built_site / "data/findings.json").read_text(encoding="utf-8"))["records"]
    assert "Finding 3.4" in (built_site / "findings/3-4/index.html").read_text(encoding="utf-8")
    docs = built_site.parent / "docs"
    assert sorted(path.name for path in docs.iterdir()) == sorted(path.name for path in (ROOT / "docs").iterdir()
                                                                   if path.name in HAND_WRITTEN_DOCS)


HAND_WRITTEN_DOCS = {"index.md", "about.md", "accessibility.md", "evidence-pack.md", "tags.md", "assets"}


def test_pages_an_earlier_command_run_left_in_docs_give_way_to_the_data(tmp_path):
    from eckb.pipeline import build_pages

    work = copy_repo(tmp_path / "repo")
    # As an older version left them: generated pages inside docs/.
    build_pages(work / "data", work / "docs", work / "templates")
    stale = work / "docs/findings/9-9.md"  # a record since removed from data/, its page still in docs/
    stale.write_text((work / "docs/findings/3-4.md").read_text(encoding="utf-8"), encoding="utf-8")
    (work / "docs/cite/finding-9-9.bib").write_text("@misc{old}", encoding="utf-8")
    result = mkdocs_build(work, "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/findings/3-4/index.html").is_file()
    assert not (tmp_path / "site/findings/9-9").exists() and not (tmp_path / "site/cite/finding-9-9.bib").exists()


def test_a_hand_written_page_where_a_record_page_goes_stops_the_build(tmp_path):
    work = copy_repo(tmp_path / "repo")
    (work / "docs/findings").mkdir()
    (work / "docs/findings/3-4.md").write_text("# My own notes on 3.4\n", encoding="utf-8")
    result = mkdocs_build(work, "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "docs/findings/3-4.md:1: is a hand-written page at an address the generator makes" in result.stdout + result.stderr
    assert (work / "docs/findings/3-4.md").read_text(encoding="utf-8") == "# My own notes on 3.4\n"
    assert sorted(path.name for path in (work / "build/docs").iterdir()) == [".gitignore"], "nothing is written"
