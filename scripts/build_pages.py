#!/usr/bin/env python3
"""Generate the knowledge base's Markdown pages from data/.

As a command:
    python scripts/build_pages.py            check data/, then write every generated file into build/pages/
    python scripts/build_pages.py --check    check data/ only; write nothing
    python scripts/build_pages.py --data DIR --out DIR
    python scripts/build_pages.py new case-study "Name"    (or finding, term, action)
    python scripts/build_pages.py schemas    regenerate schemas/ from the models

As an MkDocs hook (mkdocs.yml `hooks:`), it regenerates before every build, so `mkdocs serve`
follows edits to data/ and templates/, and hands the generated pages and files to MkDocs in
memory: docs/ holds only hand-written pages, and a build never writes a file that `serve` watches.
Bad data stops `mkdocs build`; `mkdocs serve` prints the problems and keeps serving the last
good pages.
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

from eckb.link.urls import DEFAULT_SITE_URL, exclusive_folders  # noqa: E402
from eckb.load.errors import DataError  # noqa: E402
from eckb.pipeline import build_for_mkdocs, build_pages, read_all  # noqa: E402
from eckb.load.release import read_release  # noqa: E402
from eckb.scaffold import SCAFFOLD_KINDS, ScaffoldError, new_record  # noqa: E402
from eckb.write.write import is_generated  # noqa: E402
from eckb.write.schemas import write_schemas  # noqa: E402

DATA = ROOT / "data"
TEMPLATES = ROOT / "templates"


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
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pages",
                        help="folder to write the generated pages and files into, to read them or feed another site builder "
                             "(default: build/pages/; `mkdocs build` needs none of this: its hook generates in memory)")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL") or DEFAULT_SITE_URL,
                        help="the address the site is published at, for citations (default: $SITE_URL, else %(default)s)")
    args = parser.parse_args(argv)
    try:
        if args.check:
            _release, base = read_all(args.data)
            print(f"data OK: {_count(base)} records")
            return 0
        base, result = build_pages(args.data, args.out, TEMPLATES, args.site_url)
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


def _count(base) -> int:
    return sum(len(records) for records in base.by_kind.values())


# ---------------------------------------------------------------- MkDocs hook

try:
    from mkdocs.exceptions import Abort
    from mkdocs.plugins import event_priority
    from mkdocs.structure.files import File, Files
except ImportError:  # the command works without MkDocs installed
    pass
else:
    log = logging.getLogger("mkdocs.eckb")
    _serving = False
    _seconds: float | None = None
    """How long this build's generation took (the data read, checked and made into pages and files); None if it failed."""
    _generated: dict[str, str] = {}
    """Every generated file of the last good build (path under docs/ -> text), handed to MkDocs in on_files."""

    def on_startup(command: str, dirty: bool) -> None:
        global _serving
        _serving = command == "serve"

    def on_config(config):
        """Every page's footer names the content release and links the change log."""
        from urllib.parse import urlparse

        try:
            release = read_release(DATA)
        except DataError:
            return config  # reported by on_pre_build
        root = urlparse(config["site_url"] or DEFAULT_SITE_URL).path.rstrip("/")
        # The footer is the same on every page, so its link is absolute; the offline bundle
        # (file://, no directory URLs) has no root to be absolute from and names the release only.
        change_log = f' (<a href="{root}/changelog/">change log</a>)' if config["use_directory_urls"] else ""
        config["copyright"] = f"{config['copyright'] or ''} Release {release.version}{change_log}."
        return config

    @event_priority(100)  # before other plugins look at the files
    def on_pre_build(config) -> None:
        global _generated, _seconds
        started = time.perf_counter()
        _seconds = None
        try:
            _base, _generated = build_for_mkdocs(DATA, Path(config["docs_dir"]), TEMPLATES,
                                                 config["site_url"] or DEFAULT_SITE_URL, config["use_directory_urls"])
        except DataError as error:
            if _serving:
                print(f"\n{error.report()}\nStill serving the last good pages.\n", file=sys.stderr)
                return
            raise Abort(error.report()) from None
        _seconds = time.perf_counter() - started

    @event_priority(100)  # before other plugins (redirects, tags, search) look for pages
    def on_files(files, config):
        """Generated pages and files join the hand-written ones from memory; nothing is written to docs/.

        Output an earlier `build_pages.py` run left in docs/ (it carries the generated mark) is set
        aside, so a removed record's page cannot linger and the data, not an old file, decides.
        """
        exclusive = exclusive_folders()
        for file in list(files):
            if (file.src_uri in _generated or file.src_uri.split("/")[0] in exclusive
                    or (file.src_uri.endswith((".md", ".html")) and file.abs_src_path
                        and is_generated(Path(file.abs_src_path)))):
                files.remove(file)
        started = time.perf_counter()
        for path, text in _generated.items():
            files.append(File.generated(config, path, content=text.encode("utf-8")))  # bytes: RIS keeps CRLF
        files = Files(sorted(files, key=_docs_order))  # the order MkDocs reads docs/ in: pages, search index
        if _seconds is not None:  # not after a failed regeneration under `serve`, which serves the last good pages
            log.info(f"Generated {len(_generated):,} pages and files from data/ in {_seconds:.2f} seconds "
                     f"(and handed them to MkDocs in {time.perf_counter() - started:.2f} seconds)")
        return files


    def _docs_order(file: File) -> tuple:
        """MkDocs' `file_sort_key` (a folder's index first, its files before its folders), without
        making a path object for each of 80,000 files at 100x."""
        parts = file.src_uri.split("/")
        return (tuple(parts[:-1]), file.name != "index", parts[-1])


if __name__ == "__main__":
    sys.exit(main())
