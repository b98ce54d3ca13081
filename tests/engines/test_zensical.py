"""Zensical 0.0.73 (requirements-zensical.txt) builds the whole site from build/, which
scripts/build_pages.py assembles first: Zensical runs no hooks and no plugins."""
from __future__ import annotations

from .engine_checks import *  # noqa: F401,F403 - the checks every engine passes

ENGINE = "zensical"
