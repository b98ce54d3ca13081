"""An engine's whole site, built from a copy of the repo as `make site ENGINE=<engine>` builds it, and a
Chromium on it. A test module names its engine in ENGINE."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser.conftest import (CHROMIUM_ARGS, _unavailable, axe_source,  # noqa: F401 - a fixture
                             chromium_path, new_context, served)
from conftest import copy_repo, engine_build
from test_built_site import _pages


@pytest.fixture(scope="module")
def engine_site(request, tmp_path_factory) -> Path:
    work = copy_repo(tmp_path_factory.mktemp(request.module.ENGINE))
    result = engine_build(work, request.module.ENGINE)
    assert result.returncode == 0, f"strict build with {request.module.ENGINE} failed:\n{result.stdout}{result.stderr}"
    return work / "site"


@pytest.fixture(scope="module")
def engine_pages(engine_site):
    return _pages(engine_site)


@pytest.fixture(scope="module")
def engine_url(engine_site):
    """The engine's site served on a free 127.0.0.1 port (no trailing slash)."""
    with served(engine_site) as url:
        yield url


@pytest.fixture(scope="module")
def engine_context(engine_url):
    """A browser context on the engine's site, recording requests to any other origin in `foreign_requests`."""
    try:
        from playwright.sync_api import Error as PlaywrightError, sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: run `make test` (it installs requirements.txt)")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        except PlaywrightError:
            _unavailable("no Chromium found for the browser tests: install it with `apt-get install chromium`")
        context = new_context(browser, engine_url)
        try:
            yield context
        finally:
            context.close()
            browser.close()


@pytest.fixture
def engine_page(engine_context):
    tab = engine_context.new_page()
    try:
        yield tab
    finally:
        tab.close()
