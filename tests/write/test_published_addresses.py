"""Links never rot: every address ever published still resolves, and every address is registered."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from eckb.write.published_addresses import read_registry, site_addresses, unresolved

REGISTRY = ROOT / "published-addresses.txt"


def _page(site: Path, relative: str, body: str) -> None:
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def test_every_registered_address_resolves_in_the_built_site(built_site):
    problems = unresolved(read_registry(REGISTRY), built_site)
    assert not problems, "published addresses lost:\n" + "\n".join(problems[:30])


def test_every_address_the_site_publishes_is_registered(built_site):
    missing = sorted(site_addresses(built_site) - set(read_registry(REGISTRY)))
    assert not missing, f"{len(missing)} new addresses are not in published-addresses.txt; run `make register`:\n" + "\n".join(missing[:20])


def test_removing_a_page_without_a_redirect_is_caught(tmp_path):
    _page(tmp_path, "findings/3-4/index.html", '<h1 id="finding-3-4">Finding 3.4</h1>')
    assert unresolved(["/findings/3-4/", "/findings/3-4/#finding-3-4"], tmp_path) == []
    (tmp_path / "findings/3-4/index.html").unlink()
    problems = unresolved(["/findings/3-4/"], tmp_path)
    assert problems and "no page and no redirect" in problems[0]


def test_a_moved_page_with_a_redirect_keeps_its_address_and_anchor(tmp_path):
    _page(tmp_path, "evidence/3-4/index.html", '<h1 id="finding-3-4">Finding 3.4</h1>')
    (tmp_path / "findings/3-4").mkdir(parents=True)
    (tmp_path / "findings/3-4/index.html").write_text(
        '<html><head><meta http-equiv="refresh" content="0; url=../../evidence/3-4/"></head></html>', encoding="utf-8")
    assert unresolved(["/findings/3-4/", "/findings/3-4/#finding-3-4"], tmp_path) == []


def test_a_lost_anchor_is_caught(tmp_path):
    _page(tmp_path, "actions/4-1/index.html", '<h2 id="action-4-1-a">Action</h2>')
    assert unresolved(["/actions/4-1/#action-4-1-b"], tmp_path)[0].endswith("(withdraw the record instead of deleting it)")
