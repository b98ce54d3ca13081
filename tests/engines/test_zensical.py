"""Zensical 0.0.73 (requirements-zensical.txt) builds the whole site from build/, which
scripts/build_pages.py assembles first: Zensical runs no hooks and no plugins."""
from __future__ import annotations

import pytest

from . import engine_checks
from .engine_checks import *  # noqa: F401,F403 - the checks every engine passes

ENGINE = "zensical"


@pytest.mark.xfail(strict=True, reason=(
    "Zensical 0.0.73 gap: its search dialog (its own markup and styles, in a shadow root the site's CSS "
    "does not reach) draws each result's page path and the filter panel's title below 4.5:1 contrast, "
    "which axe reports as color-contrast (serious); Material's results pass"))
def test_search_results_pass_axe(engine_page, engine_url, axe_source):
    engine_checks.test_search_results_pass_axe(engine_page, engine_url, axe_source)
