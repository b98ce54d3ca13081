#!/usr/bin/env python3
"""Generate the knowledge base's pages from data/, into the folders every engine reads.

As a command (run it before an engine that runs no hooks, such as Zensical):
    python scripts/build_pages.py            check data/, then assemble build/docs/ (docs/ + every generated
                                             page and file) and build/overrides/ (overrides/ + the release partial)
    python scripts/build_pages.py --check    check data/ only; write nothing
    python scripts/build_pages.py --data DIR --out DIR
    python scripts/build_pages.py new case-study "Name"    (or finding, term, action)
    python scripts/build_pages.py schemas    regenerate schemas/ from the models

As an MkDocs or ProperDocs hook (mkdocs.yml `hooks:`), it does the same before every build, so
`mkdocs serve` follows edits to data/, templates/, docs/ and overrides/. Only files whose bytes
changed are written. Bad data stops `mkdocs build`; `mkdocs serve` prints the problems, writes
nothing, keeps serving the last good pages and says so in its last line.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eckb.link.urls import DEFAULT_SITE_URL  # noqa: E402
from eckb.load.errors import DataError  # noqa: E402
from eckb.pipeline import build_engine_trees, read_all  # noqa: E402
from eckb.scaffold import SCAFFOLD_KINDS, ScaffoldError, new_record  # noqa: E402
from eckb.write.schemas import write_schemas  # noqa: E402

DATA = ROOT / "data"
TEMPLATES = ROOT / "templates"
DOCS = ROOT / "docs"
"""Hand-written pages and assets only."""
OVERRIDES = ROOT / "overrides"
"""Hand-written theme overrides only."""
OUT = ROOT / "build"
"""What the engines read (mkdocs.yml): OUT/docs as `docs_dir`, OUT/overrides as `theme.custom_dir`."""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["new"]:
        return new(argv[1:])
    if argv[:1] == ["schemas"]:
        written = write_schemas(ROOT)
        print(f"schemas/: {len(written)} files rewritten")
        return 0
    parser = argparse.ArgumentParser(description="Generate the knowledge base's pages from data/.")
    parser.add_argument("--check", action="store_true", help="check the data; write nothing")
    parser.add_argument("--data", type=Path, default=DATA, help="data folder (default: data/)")
    parser.add_argument("--out", type=Path, default=OUT,
                        help="folder to assemble OUT/docs/ and OUT/overrides/ in, which the engine reads (default: build/)")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL") or DEFAULT_SITE_URL,
                        help="the address the site is published at, for citations (default: $SITE_URL, else %(default)s)")
    args = parser.parse_args(argv)
    try:
        if args.check:
            _release, base = read_all(args.data)
            print(f"data OK: {_count(base)} records")
            return 0
        base, result = generate(args.data, args.out / "docs", args.out / "overrides", args.site_url)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"{_count(base)} records; {result.summary()}")
    return 0


def new(argv: list[str]) -> int:
    """Scaffold a new record's data file, then say what to fill in."""
    parser = argparse.ArgumentParser(prog="build_pages.py new", description="Write a new data file to fill in.")
    parser.add_argument("kind", choices=SCAFFOLD_KINDS)
    parser.add_argument("name", help="the new record's title, e.g. \"Highland HSCP\"")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    try:
        _release, base = read_all(args.data)
        path, text = new_record(base, args.data, args.kind, args.name)
    except (DataError, ScaffoldError) as error:
        print(error.report() if isinstance(error, DataError) else f"error: {error}", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(args.data.parent) if path.is_relative_to(args.data.parent) else path}")
    print("Next: replace every 'FILL IN' (the comments above each field say what goes there),")
    print("then run `make check` until it reports no problems, and `make serve` to see the page.")
    return 0


def generate(data: Path, docs_tree: Path, theme_tree: Path, site_url: str, directory_urls: bool = True):
    """The one way generated pages reach every engine: both trees assembled on disk."""
    return build_engine_trees(data, DOCS, OVERRIDES, docs_tree, theme_tree, TEMPLATES, site_url, directory_urls)


def _count(base) -> int:
    return sum(len(records) for records in base.by_kind.values())


# ------------------------------------------------- MkDocs and ProperDocs hook

try:
    import mkdocs
    from mkdocs.exceptions import Abort
    from mkdocs.plugins import event_priority
except ImportError:  # the command works without MkDocs installed
    pass
else:
    log = logging.getLogger("mkdocs.eckb")

    class NotRebuiltNotice(logging.Filter):
        """After a failed regeneration under `serve`, the engine's closing lines ("Documentation built",
        "Reloading browsers", "Serving on") say that the site was NOT rebuilt, instead of reading like success."""

        NOTICE = "The site was NOT rebuilt: data/ has the problems listed above; the last good pages are still served."

        def __init__(self) -> None:
            super().__init__()
            self.failed = False

        def filter(self, record: logging.LogRecord) -> bool:
            if self.failed:
                message = record.getMessage()
                if message.startswith("Documentation built in"):
                    record.msg, record.args = message.replace("Documentation built", "Last good pages built again", 1), ()
                elif message.endswith("Reloading browsers") or "Serving on " in message:  # after serve's "[time] "
                    record.msg, record.args = f"{message}. {self.NOTICE}", ()
                    record.levelno, record.levelname = logging.ERROR, "ERROR"
            return True

    _serving = False
    _not_rebuilt = NotRebuiltNotice()

    def on_startup(command: str, dirty: bool) -> None:
        global _serving
        _serving = command == "serve"
        if _serving:
            for name in ("commands.build", "livereload"):  # the engine's own loggers (mkdocs.* or properdocs.*)
                logging.getLogger(f"{mkdocs.__name__}.{name}").addFilter(_not_rebuilt)

    @event_priority(100)  # before other plugins (redirects, tags, search) look at docs_dir
    def on_pre_build(config) -> None:
        started = time.perf_counter()
        try:
            _base, result = generate(DATA, Path(config["docs_dir"]), Path(config["theme"].custom_dir),
                                    config["site_url"] or DEFAULT_SITE_URL, config["use_directory_urls"])
        except DataError as error:
            if not _serving:
                raise Abort(error.report()) from None
            _not_rebuilt.failed = True  # nothing was written: the engine builds the last good pages again
            print(f"\n{error.report()}\n", file=sys.stderr)
            return
        _not_rebuilt.failed = False
        log.info(f"Generated {len(result.written) + len(result.unchanged):,} pages and files from data/ "
                 f"in {time.perf_counter() - started:.2f} seconds ({result.summary()})")

    def on_serve(server, config, builder):
        """The generator writes into docs_dir, so `serve` watches the sources (mkdocs.yml `watch:`) instead:
        one edit, one rebuild."""
        server.unwatch(config["docs_dir"])
        return server


if __name__ == "__main__":
    sys.exit(main())
