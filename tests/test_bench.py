"""scripts/bench.py's synthetic knowledge base: valid, no colliding IDs, the copies it promises. No timing."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from conftest import DATA, ROOT
from eckb.load import load_records
from eckb.pipeline import read_knowledge_base
from eckb.validate import validate_records


def _bench():
    spec = importlib.util.spec_from_file_location("eckb_bench", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eckb_bench", module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_two_copies_are_valid_distinct_and_self_contained(tmp_path: Path):
    bench = _bench()
    synthesis = bench.synthesize(DATA, tmp_path / "data", 2)
    real = read_knowledge_base(DATA)
    doubled = read_knowledge_base(tmp_path / "data")  # validates and links: raises DataError if anything is wrong

    ids = [item.record.id for item in validate_records(load_records(tmp_path / "data"))]
    assert len(ids) == len(set(ids)), "synthetic IDs collide"
    assert len(doubled.of_kind("case-study")) == 2 * len(real.of_kind("case-study"))
    assert synthesis.by_kind["case-study"] == 2 * len(real.of_kind("case-study"))
    for kind in synthesis.fixed:  # kinds whose ID forms cannot grow stay as they are
        assert len(doubled.of_kind(kind)) == len(real.of_kind(kind))

    # A copy refers only to its own copy (or to the records kept once).
    copy = doubled.get("case-study-falkirk-x2")
    assert all(area.endswith("-x2") for area in copy.care_areas)
    assert copy.source.document.endswith("-x2") and copy.research_strand.endswith("-x2")
    assert {link.finding for link in copy.findings} <= {finding.id for finding in real.of_kind("finding")}
