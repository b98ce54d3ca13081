"""Print that reads: a printed case study is at least 10 pt body text and 9 pt tables, carries its
citation, and fits three A4 pages. Measured on the PDF Chromium makes (page.pdf) and on the
computed styles under print media."""
from __future__ import annotations

import re

import pytest

from conftest import DATA

CASE_STUDIES = sorted(path.stem for path in (DATA / "case-studies").glob("*.yaml"))
PT_PER_PX = 0.75

PRINTED_SIZES = """() => {
  const shown = selector => [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length > 0);
  const pt = e => parseFloat(getComputedStyle(e).fontSize) * 0.75;
  const smallest = list => list.length ? Math.min(...list.map(pt)) : null;
  const cite = document.querySelector('#citation-text');
  return {
    body: smallest(shown('article p, article li, article blockquote')),
    tables: smallest(shown('article td, article th, article dd')),
    citation: cite && cite.getClientRects().length > 0 ? cite.innerText : '',
  };
}"""


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF from Chromium: its page objects (`/Type /Page`, not `/Pages`)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize("case_study", CASE_STUDIES)
def test_a_printed_case_study_reads_at_10pt_carries_its_citation_and_fits_three_a4_pages(page, site_url, case_study):
    page.goto(f"{site_url}/case-studies/{case_study}/", wait_until="load")
    page.emulate_media(media="print")
    sizes = page.evaluate(PRINTED_SIZES)
    assert sizes["body"] >= 9.99, f"body text prints at {sizes['body']:.1f} pt"
    assert sizes["tables"] is None or sizes["tables"] >= 8.99, f"tables print at {sizes['tables']:.1f} pt"
    assert "Healthcare Improvement Scotland" in sizes["citation"] and f"/case-studies/{case_study}/" in sizes["citation"]
    pages = pdf_pages(page.pdf(format="A4"))
    assert 1 <= pages <= 3, f"{case_study} prints on {pages} A4 pages"
