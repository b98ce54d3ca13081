"""The accessibility gate runs the axe-core it says it runs: the vendored copy is the pinned release,
byte for byte, with its licence beside it (no Node or npm needed to test)."""
from __future__ import annotations

import hashlib
import re

from browser.conftest import AXE, AXE_SHA256, AXE_VERSION


def test_vendored_axe_core_is_the_pinned_release_byte_for_byte():
    source = AXE.read_bytes()
    banner = re.match(rb"/\*! axe v(\S+)", source)
    assert banner, f"{AXE} does not start with axe-core's banner"
    assert banner.group(1).decode() == AXE_VERSION
    assert f'axe.version="{AXE_VERSION}"'.encode() in source
    assert hashlib.sha256(source).hexdigest() == AXE_SHA256, (
        f"{AXE} differs from axe-core {AXE_VERSION} as published: see vendor/axe-core/README.md to update it")


def test_vendored_axe_core_carries_its_licence_and_origin():
    folder = AXE.parent
    assert "Mozilla Public License, version 2.0" in (folder / "LICENSE").read_text(encoding="utf-8")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert f"axe-core@{AXE_VERSION}" in readme and "To update" in readme
