"""The benchmark, as `make bench` runs it:

    python -m scripts.bench                  builds at 1x and 10x, the edit loop; writes BENCHMARKS.md
    python -m scripts.bench --sizes 1,10,100 add 100x (a report, no target; several minutes)
    python -m scripts.bench --no-edit-loop   builds only

Everything runs in scratch copies of the repository through the command line; the working tree is
never built in. Lighthouse is separate (`make lighthouse`, needs Node.js).
"""
from __future__ import annotations

import argparse
import datetime as dt
import shutil

from . import builds, edit_loop, profile, report
from .run import ROOT, load_average, machine, scratch


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10", help="data sizes, as multiples of the real data (default: 1,10)")
    parser.add_argument("--repeats", type=int, default=3, help="builds of each kind at 1x (default: 3; 2 above)")
    parser.add_argument("--edits", type=int, default=edit_loop.EDITS, help="edits timed under mkdocs serve (default: %(default)s)")
    parser.add_argument("--no-edit-loop", action="store_true", help="skip the edit loop")
    parser.add_argument("--write", default=str(ROOT / "BENCHMARKS.md"), help="report file (default: BENCHMARKS.md)")
    args = parser.parse_args()
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = load_average()
    work = scratch()
    try:
        sizes = []
        for multiple in (int(part) for part in args.sizes.split(",")):
            repeats = args.repeats if multiple == 1 else max(1, min(args.repeats, 2))
            print(f"bench: {multiple}x: full build and the same pages with no generator, {repeats} of each ...", flush=True)
            size = builds.measure(multiple, repeats, work)
            print(f"bench: {multiple}x: {size.pages:,} pages; full {size.full_seconds:.1f} s, no generator "
                  f"{size.plain_seconds:.1f} s ({size.ratio:.2f}x); {size.peak_mib:.0f} MiB", flush=True)
            sizes.append(size)
        loops, where = [], None
        if not args.no_edit_loop:
            for dirty in (False, True):
                print(f"bench: edit loop under mkdocs serve{' --dirty' if dirty else ''}, {args.edits} edits ...", flush=True)
                loop = edit_loop.measure(work, dirty, args.edits)
                print(f"bench: {loop.how}: median {loop.median:.2f} s (search index: {loop.search_pages} pages)", flush=True)
                loops.append(loop)
            if loops[0].median > report.EDIT_SECONDS:
                print("bench: the edit loop misses its target; profiling one rebuild ...", flush=True)
                where = profile.profile_build(work)
                for group, seconds in where:
                    print(f"bench:   {seconds:6.2f} s  {group}")
        report.write(ROOT / args.write, sizes, loops, where,
                     when, machine(), load, args.repeats)
        print(f"bench: wrote {args.write}")
        for verdict, text in report.targets(sizes, loops):
            print(f"bench: {verdict} {text}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
