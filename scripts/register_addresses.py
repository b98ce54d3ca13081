#!/usr/bin/env python3
"""Add the addresses a built site publishes to published-addresses.txt (never removes any).

    python scripts/register_addresses.py [SITE_DIR]     (default: site/)
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eckb.write.published_addresses import read_registry, site_addresses, unresolved, write_registry  # noqa: E402

REGISTRY = ROOT / "published-addresses.txt"


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "site"
    registered = read_registry(REGISTRY)
    lost = unresolved(registered, site)
    if lost:
        print("These published addresses no longer resolve; fix them before registering:", *lost, sep="\n  ", file=sys.stderr)
        return 1
    published = site_addresses(site)
    new = published - set(registered)
    write_registry(REGISTRY, set(registered) | published)
    print(f"{len(new)} new addresses registered; {len(registered) + len(new)} in all.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
