"""A bigger knowledge base for the benchmark: N copies of the real records under new IDs.

It reads data/ as plain YAML and knows only what README documents about it: every record has an
`id` of the form `<kind>-<key>`, lives in `data/<kind>.yaml` (a list) or `data/<kind>/<key>.yaml`,
and refers to other records by ID. So it keeps working while the generator's code moves.

- Copy 1 is the real data. In copy k, a record's ID gets `-xk` (`case-study-falkirk-x3`), or, for
  kinds whose key is a number, a number past every real one (`recommendation-33` -> `-66`).
- Kinds whose ID form cannot grow 100-fold (themes 1-9, findings 3-4, areas for action, actions,
  checklist scores) are kept once; copies cite the real ones.
- Every exact ID inside a copy points into the same copy, so each copy is self-contained.
- Glossary names too: term titles, aliases and expansions become `<name>-xk`, and so does every use
  of them in copy k's prose, so copy k's pages link copy k's terms as a knowledge base with k times
  the terms would.
- Titles of other copies end with "(copy k)".

The result must pass `build_pages.py --check` (the benchmark checks it, and tests/test_bench.py).
"""
from __future__ import annotations

import copy
import math
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

KEPT_ONCE = re.compile(r"(theme-[1-9]|finding-[1-9]-[1-9][0-9]?|action-area-[1-9]-[1-9]|action-[1-9]-[1-9]-[a-z]|score-[0-2])\Z")
NUMBERED = re.compile(r"(recommendation|market-shift|reflection)-([1-9][0-9]*)\Z")
TERM = re.compile(r"term-")


@dataclass
class Record:
    id: str
    data: dict[str, Any]
    file: Path  # relative to the data folder
    own_file: bool  # one record a file (data/<kind>/<key>.yaml), else one of a list


@dataclass
class Synthesis:
    copies: int
    records: int
    case_studies: int


def read_records(data_dir: Path) -> list[Record]:
    records = []
    for path in sorted(data_dir.rglob("*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        relative = path.relative_to(data_dir)
        if isinstance(loaded, dict) and "id" in loaded:
            records.append(Record(loaded["id"], loaded, relative, True))
        elif isinstance(loaded, list):
            records += [Record(item["id"], item, relative, False) for item in loaded if isinstance(item, dict) and "id" in item]
    return records


def copies_for(multiple: int, data_dir: Path) -> int:
    """How many copies hold `multiple` times the real number of records (some kinds are kept once)."""
    records = read_records(data_dir)
    copyable = sum(not KEPT_ONCE.match(record.id) for record in records)
    return max(1, math.ceil((multiple * len(records) - (len(records) - copyable)) / copyable))


def synthesize(data_dir: Path, out_dir: Path, copies: int) -> Synthesis:
    """Write into out_dir a knowledge base holding `copies` copies of data_dir's records."""
    records = read_records(data_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    shutil.copytree(data_dir, out_dir)
    copyable = [record for record in records if not KEPT_ONCE.match(record.id)]
    strides = {}
    for record in copyable:
        if number := NUMBERED.match(record.id):
            strides[number.group(1)] = max(strides.get(number.group(1), 0), int(number.group(2)))
    positions = max((record.data.get("position") or 0 for record in records if isinstance(record.data.get("position"), int)), default=0)
    names = _term_names(records)
    lists: dict[Path, list[dict[str, Any]]] = {}
    for k in range(2, copies + 1):
        ids = {record.id: _new_id(record.id, k, strides) for record in copyable}
        suffix = _suffixer(names, k)
        for record in copyable:
            data = _rewrite(copy.deepcopy(record.data), ids, suffix)
            data["id"] = ids[record.id]
            if number := NUMBERED.match(data["id"]):
                if "number" in data:
                    data["number"] = int(number.group(2))
            if isinstance(data.get("position"), int):
                data["position"] += (k - 1) * positions
            if TERM.match(record.id):
                for field in ("title", "expansion"):
                    if isinstance(record.data.get(field), str):
                        data[field] = suffix(record.data[field], whole=True)
                if isinstance(record.data.get("aliases"), list):
                    data["aliases"] = [suffix(alias, whole=True) for alias in record.data["aliases"]]
            elif isinstance(data.get("title"), str):
                label = f" (copy {k})"
                data["title"] = data["title"][: 200 - len(label)] + label  # titles are at most 200 characters
            if record.own_file:
                (out_dir / record.file.parent / f"{record.file.stem}-x{k}.yaml").write_text(_dump(data), encoding="utf-8")
            else:
                lists.setdefault(record.file, [r.data for r in records if r.file == record.file]).append(data)
    for relative, items in lists.items():
        (out_dir / relative).write_text(_dump(items), encoding="utf-8")
    case_studies = sum(record.id.startswith("case-study-") for record in records)
    return Synthesis(copies, len(records) + (copies - 1) * len(copyable), copies * case_studies)


def _new_id(record_id: str, k: int, strides: dict[str, int]) -> str:
    if number := NUMBERED.match(record_id):
        prefix, key = number.groups()
        return f"{prefix}-{int(key) + (k - 1) * strides[prefix]}"
    return f"{record_id}-x{k}"


def _term_names(records: list[Record]) -> re.Pattern[str] | None:
    """Every glossary name, longest first; acronyms match case-sensitively, as the glossary does."""
    names: set[str] = set()
    for record in records:
        if TERM.match(record.id):
            names.update(name for name in [record.data.get("title"), record.data.get("expansion"), *record.data.get("aliases", [])]
                         if isinstance(name, str))
    if not names:
        return None
    parts = [re.escape(name) if _is_acronym(name) else f"(?i:{re.escape(name)})" for name in sorted(names, key=len, reverse=True)]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])")


def _is_acronym(name: str) -> bool:
    letters = [char for char in name if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) >= max(2, len(letters) // 2)


def _suffixer(names: re.Pattern[str] | None, k: int):
    def suffix(text: str, whole: bool = False) -> str:
        # Only prose (text with a space) is rewritten, so single-word values such as
        # `organisation_type: HSCP` keep the fixed vocabulary they are checked against.
        if names is None or not (whole or " " in text):
            return text
        return names.sub(lambda match: f"{match.group(0)}-x{k}", text)
    return suffix


def _rewrite(value: Any, ids: dict[str, str], suffix) -> Any:
    if isinstance(value, dict):
        return {key: _rewrite(item, ids, suffix) for key, item in value.items()}
    if isinstance(value, list):
        return [_rewrite(item, ids, suffix) for item in value]
    if isinstance(value, str):
        return ids[value] if value in ids else suffix(value)
    return value


def _dump(value: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(value, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
