"""The record kinds: where each lives in data/, its model, and the form of its IDs."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from eckb.load import models

KEY = r"[a-z0-9]+(?:-[a-z0-9]+)*"


@dataclass(frozen=True)
class Kind:
    name: str
    """The record's `type` in exports, e.g. 'case-study'."""
    data: str
    """Its data location: data/<data>.yaml and/or data/<data>/*.yaml."""
    model: type[models.Record]
    prefix: str
    """Every ID of this kind is <prefix><key>."""
    key_pattern: str = KEY
    ref_key: str = ""
    """The key under which other records list references to this kind in exports."""

    @property
    def id_pattern(self) -> re.Pattern[str]:
        return re.compile(rf"{re.escape(self.prefix)}{self.key_pattern}\Z")

    def key(self, record_id: str) -> str:
        return record_id[len(self.prefix):]

    @property
    def example(self) -> str:
        return EXAMPLE_IDS[self.name]


KINDS: tuple[Kind, ...] = (
    Kind("source", "sources", models.Source, "source-", ref_key="sources"),
    Kind("theme", "themes", models.Theme, "theme-", r"[1-9]", "themes"),
    Kind("finding", "findings", models.Finding, "finding-", r"[1-9]-[1-9][0-9]?", "findings"),
    Kind("case-study", "case-studies", models.CaseStudy, "case-study-", ref_key="case_studies"),
    Kind("care-area", "care-areas", models.CareArea, "care-area-", ref_key="care_areas"),
    Kind("approach", "approaches", models.Approach, "approach-", ref_key="approaches"),
    Kind("action-area", "action-areas", models.ActionArea, "action-area-", r"[1-9]-[1-9]", "action_areas"),
    Kind("action", "actions", models.Action, "action-", r"[1-9]-[1-9]-[a-z]", "actions"),
    Kind("policy", "policy-context", models.Policy, "policy-", ref_key="policies"),
    Kind("term", "terms", models.Term, "term-", ref_key="terms"),
    Kind("principle-set", "principle-sets", models.PrincipleSet, "principle-set-", ref_key="principle_sets"),
    Kind("principle", "principles", models.Principle, "principle-", r"(?!set-)" + KEY, "principles"),
    Kind("recommendation", "recommendations", models.Recommendation, "recommendation-", r"[1-9][0-9]*", "recommendations"),
    Kind("headline", "ccps-headlines", models.Headline, "headline-", ref_key="headlines"),
    Kind("alternative", "alternatives", models.Alternative, "alternative-", ref_key="alternatives"),
    Kind("market-stage", "market-facilitation-stages", models.MarketStage, "market-stage-", ref_key="market_stages"),
    Kind("market-shift", "market-facilitation-shifts", models.MarketShift, "market-shift-", r"[1-9][0-9]*", "market_shifts"),
    Kind("score-level", "checklist-scores", models.ScoreLevel, "score-", r"[0-2]", "score_levels"),
    Kind("reflection", "reflection-questions", models.ReflectionQuestion, "reflection-", r"[1-9][0-9]*", "reflections"),
    Kind("diagram", "diagrams", models.Diagram, "diagram-", ref_key="diagrams"),
)

EXAMPLE_IDS = {
    "source": "source-his-2024",
    "theme": "theme-3",
    "finding": "finding-3-4",
    "case-study": "case-study-falkirk",
    "care-area": "care-area-mental-health",
    "approach": "approach-light-touch-regime",
    "action-area": "action-area-4-1",
    "action": "action-4-1-a",
    "policy": "policy-national-care-service",
    "term": "term-hscp",
    "principle-set": "principle-set-ccps",
    "principle": "principle-ccps-sharing-power",
    "recommendation": "recommendation-33",
    "headline": "headline-unsustainable",
    "alternative": "alternative-participatory-budgeting",
    "market-stage": "market-stage-intelligence",
    "market-shift": "market-shift-1",
    "score-level": "score-2",
    "reflection": "reflection-1",
    "diagram": "diagram-strategic-commissioning-cycle",
}

KIND_BY_NAME = {kind.name: kind for kind in KINDS}
KIND_BY_DATA = {kind.data: kind for kind in KINDS}


_ID_PATTERNS = tuple((kind, kind.id_pattern) for kind in KINDS)


@functools.lru_cache(maxsize=None)
def kind_of_id(record_id: str) -> Kind | None:
    """The kind whose ID form matches, or None. Prefixes overlap (action-, action-area-), so match whole IDs.

    Called for every link on every page, so each ID's answer is kept: it never changes."""
    for kind, pattern in _ID_PATTERNS:
        if pattern.match(record_id):
            return kind
    return None
