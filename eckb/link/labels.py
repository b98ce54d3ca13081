"""How a record is named to a reader: 'Finding 3.4: …', 'Area for action 4.1: …'."""
from __future__ import annotations

from eckb.load.kinds import kind_of_id
from eckb.load.models import Record

SINGULAR = {
    "source": "Source",
    "theme": "Theme",
    "finding": "Finding",
    "case-study": "Case study",
    "care-area": "Care area",
    "approach": "Approach",
    "action-area": "Area for action",
    "action": "Action",
    "policy": "Policy context",
    "term": "Term",
    "principle-set": "Principle set",
    "principle": "Principle",
    "recommendation": "Recommendation",
    "headline": "CCPS headline",
    "alternative": "Alternative to competitive tendering",
    "market-stage": "Market facilitation stage",
    "market-shift": "Market facilitation shift",
    "score-level": "Checklist score",
    "reflection": "Reflection question",
    "diagram": "Diagram",
}

PLURAL = {
    "source": "Sources",
    "theme": "Themes",
    "finding": "Findings",
    "case-study": "Case studies",
    "care-area": "Care areas",
    "approach": "Approaches and levers",
    "action-area": "Areas for action",
    "action": "Actions",
    "policy": "Policy context",
    "term": "Glossary terms",
    "principle-set": "Principle sets",
    "principle": "Principles",
    "recommendation": "Recommendations",
    "headline": "CCPS headlines",
    "alternative": "Alternatives to competitive tendering",
    "market-stage": "Market facilitation stages",
    "market-shift": "Market facilitation shifts",
    "score-level": "Checklist scores",
    "reflection": "Reflection questions",
    "diagram": "Diagrams",
}

# Kinds whose reader-facing number belongs in the label.
NUMBERED = {"theme", "finding", "action-area", "action"}


def label(record: Record) -> str:
    kind = kind_of_id(record.id)
    assert kind is not None
    if kind.name in NUMBERED:
        return f"{SINGULAR[kind.name]} {record.number}: {record.title}"  # type: ignore[attr-defined]
    if kind.name == "term" and getattr(record, "expansion", None) and "expansion" not in record.ours:
        return f"{record.title} ({record.expansion})"  # type: ignore[attr-defined]
    return record.title
