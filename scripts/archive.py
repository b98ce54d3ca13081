#!/usr/bin/env python3
"""Zip a built site as dist/ethical-commissioning-kb-<version>[-offline].zip.

    python scripts/archive.py SITE_DIR [--offline]

The archive is reproducible: files in sorted order with a fixed timestamp, so the same site
always gives the same bytes.
"""
from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eckb.load.errors import DataError  # noqa: E402
from eckb.load.release import read_release  # noqa: E402

NAME = "ethical-commissioning-kb"
FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def archive(site: Path, target: Path) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(path for path in site.rglob("*") if path.is_file())
    folder = target.stem
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in files:
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, path.read_bytes())
    return len(files)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--offline", action="store_true", help="name the archive as the offline bundle")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    try:
        version = read_release(ROOT / "data").version
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site} holds no built site; build it first", file=sys.stderr)
        return 1
    target = args.dist / f"{NAME}-{version}{'-offline' if args.offline else ''}.zip"
    count = archive(args.site, target)
    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: {count} files, {target.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
