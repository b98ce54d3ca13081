"""What a first visit to the home page downloads: index.html, the CSS and JavaScript it references
(the search worker included) and the search index, uncompressed and gzipped file by file as a
compressing host (GitHub Pages) sends them. The site loads no web fonts."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

ASSET = re.compile(r"""["']([^"'\s<>]+?\.(?:css|js))(?:\?[^"']*)?["']""")


def home_transfer(site: Path) -> tuple[int, int]:
    """(bytes, gzipped bytes) of the home page's first visit."""
    home = site / "index.html"
    files = {home, site / "search" / "search_index.json"}
    for reference in ASSET.findall(home.read_text(encoding="utf-8")):
        if "://" not in reference:
            files.add((site / reference.lstrip("./")).resolve())
    files |= {path for path in site.glob("assets/javascripts/workers/search.*.js")}
    present = [path for path in files if path.is_file()]
    return sum(path.stat().st_size for path in present), sum(len(gzip.compress(path.read_bytes(), 6)) for path in present)
