"""What every view returns: a page's plan (where it goes, which template, what it shows), and the
small groupings several views share. Templates only loop and print; every choice is made in a view."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from eckb.link.labels import PLURAL
from eckb.link.links import Backlink, KnowledgeBase
from eckb.load.kinds import KINDS, kind_of_id
from eckb.load.models import Record


@dataclass
class PagePlan:
    path: str
    """Where the page goes under docs/, e.g. 'findings/3-4.md'."""
    template: str
    title: str
    description: str
    data_files: list[str]
    context: dict[str, Any] = field(default_factory=dict)
    tombstones: list[Record] = field(default_factory=list)
    """Withdrawn records that had a section on this page: their anchors must keep resolving."""
    in_search: bool = True
    tags: list[str] = field(default_factory=list)
    """Material tags shown on the page and gathered on the tags index (/tags/)."""
    search_boost: float | None = None
    """Material's search ranks a boosted page higher; set for every page by search_rank.rank_for_search."""
    hide: list[str] = field(default_factory=list)
    """Parts of Material's layout the page goes without (front matter `hide`), e.g. "toc"."""


@dataclass(frozen=True)
class BacklinkGroup:
    heading: str
    links: list[Backlink]


def grouped_backlinks(base: KnowledgeBase, record_id: str) -> list[BacklinkGroup]:
    """Backlinks grouped by the linking record's kind, kinds in their usual order."""
    return [BacklinkGroup(heading, links) for heading, links in by_kind(base.referenced_by.get(record_id, []), lambda link: link.source)]


def records_of(base: KnowledgeBase, ids: list[str]) -> list[Record]:
    """The records these IDs name, in the same order."""
    return [base.get(record_id) for record_id in ids]


def group_records(records: list[Record]) -> list[tuple[str, list[Record]]]:
    """Records grouped under their kind's plural name, kinds in the knowledge base's order."""
    return by_kind(records, lambda record: record)


def by_kind(items: list[Any], record_of: Callable[[Any], Record]) -> list[tuple[str, list[Any]]]:
    """Items grouped under the plural name of their record's kind, kinds in the knowledge base's order: one pass."""
    grouped: dict[str, list[Any]] = {}
    for item in items:
        grouped.setdefault(kind_of_id(record_of(item).id).name, []).append(item)  # type: ignore[union-attr]
    return [(PLURAL[kind.name], grouped[kind.name]) for kind in KINDS if kind.name in grouped]
