"""Diagrams drawn at build time as inline SVG: no library, no request, a text alternative always."""
from __future__ import annotations

import html
import math

from markupsafe import Markup

from eckb.load.models import Diagram

WIDTH, HEIGHT = 560, 400
BOX_W, BOX_H = 150, 52


def cycle_svg(diagram: Diagram) -> Markup:
    """Steps placed clockwise round a circle, each joined to the next by an arrow."""
    count = len(diagram.steps)
    cx, cy, radius = WIDTH / 2, HEIGHT / 2, min(WIDTH, HEIGHT) / 2 - BOX_H
    centres = [
        (cx + radius * 1.25 * math.sin(2 * math.pi * index / count), cy - radius * math.cos(2 * math.pi * index / count))
        for index in range(count)
    ]
    title_id, desc_id = f"{diagram.id}-title", f"{diagram.id}-desc"
    parts = [
        f'<svg class="kb-diagram" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{html.escape(diagram.title)}</title>',
        f'<desc id="{desc_id}">{html.escape(diagram.summary)}</desc>',
        '<defs><marker id="%s-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>' % diagram.id,
    ]
    joins = count if diagram.cyclic else count - 1
    for index in range(joins):
        (x1, y1), (x2, y2) = centres[index], centres[(index + 1) % count]
        start, end = _edge_point(x1, y1, x2, y2), _edge_point(x2, y2, x1, y1)
        parts.append(
            f'<line x1="{start[0]:.1f}" y1="{start[1]:.1f}" x2="{end[0]:.1f}" y2="{end[1]:.1f}" '
            f'stroke="currentColor" stroke-width="2" marker-end="url(#{diagram.id}-arrow)"/>'
        )
    for number, ((x, y), step) in enumerate(zip(centres, diagram.steps), start=1):
        parts.append(
            f'<rect x="{x - BOX_W / 2:.1f}" y="{y - BOX_H / 2:.1f}" width="{BOX_W}" height="{BOX_H}" rx="8" '
            'class="kb-diagram__step" fill="none" stroke="currentColor" stroke-width="2"/>'
            f'<text x="{x:.1f}" y="{y + 5:.1f}" text-anchor="middle" fill="currentColor" font-size="16">'
            f"{number}. {html.escape(step)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _edge_point(x1: float, y1: float, x2: float, y2: float) -> tuple[float, float]:
    """Where the line from box 1's centre towards box 2 leaves box 1."""
    dx, dy = x2 - x1, y2 - y1
    scale = min((BOX_W / 2 + 6) / abs(dx) if dx else math.inf, (BOX_H / 2 + 6) / abs(dy) if dy else math.inf)
    return x1 + dx * scale, y1 + dy * scale
