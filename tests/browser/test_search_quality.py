"""Search answers what people type: every query of tests/search/queries.yaml typed into the real
search box, the first answering page ranked by mean reciprocal rank (scripts/search_quality.py,
which `make bench` also runs), and a page whose title is the query always first."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ENGINE
from .conftest import ROOT

# The ranking is tuned to Material for MkDocs' search (lunr, with the boosts and exclusions in the
# pages' front matter); ProperDocs runs the same theme. Zensical brings a search of its own.
pytestmark = pytest.mark.skipif(ENGINE == "zensical", reason="search ranking is measured on Material's search")


def _search_quality():
    spec = importlib.util.spec_from_file_location("eckb_search_quality", ROOT / "scripts" / "search_quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eckb_search_quality", module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


quality = _search_quality()


def test_the_query_set_is_realistic_and_every_answer_is_a_page(built_site):
    queries = quality.load_queries()
    assert len(queries) >= 60
    kinds = {query.kind for query in queries}
    assert {"term", "acronym", "number", "place", "lever", "everyday", "question", "misspelling"} <= kinds
    titles = quality.page_titles(built_site)
    missing = [f"{query.text!r}: {answer}" for query in queries for answer in query.answers if answer not in titles]
    assert not missing, "answers that are not searchable pages of the site:\n" + "\n".join(missing)


def test_search_puts_an_answering_page_near_the_top_for_realistic_queries(page, site_url, built_site):
    outcomes = quality.measure(page, site_url, quality.load_queries())
    titles = quality.page_titles(built_site)
    summary = quality.report(outcomes, titles)
    print(summary)
    assert quality.mean_reciprocal_rank(outcomes) >= quality.TARGET_MRR, summary
    assert not quality.exact_title_misses(outcomes, titles), summary
