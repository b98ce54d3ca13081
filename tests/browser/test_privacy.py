"""No page of the site makes a request to anywhere but the server it came from: no web fonts,
CDN scripts, remote images or analytics. The shared browser context aborts and records every
such request (see conftest.py)."""
from __future__ import annotations


def test_no_page_requests_another_origin(context, site_url, pages):
    before = len(context.foreign_requests)
    tab = context.new_page()
    try:
        for path in pages:
            tab.goto(site_url + path, wait_until="load")
        tab.goto("about:blank")  # let the last page's late requests land before reading the log
    finally:
        tab.close()
    foreign = context.foreign_requests[before:]
    assert not foreign, "requests to other origins:\n" + "\n".join(
        f"{page_url} -> {url}" for page_url, url in foreign
    )
