"""Work shared between this process and forked copies of it, one process a core.

A `SharedWork` holds a list of items, each with a key. The parent process takes items from the
front, in order, as it reaches them; each child (a fork of the parent, so it starts with everything
the parent had in memory) takes items from the back, one at a time, until the two meet. Where they
meet depends on how fast each goes, so the work stays even however unevenly it is spread over the
items. When the parent reaches an item a child took, it waits for the children to finish and takes
over their results. What the children log is logged again by the parent; if a child fails in any way,
its items count as not done, and the parent does them itself, so a failure surfaces exactly as it
would have without children.

Forking needs os.fork (Linux, macOS) and a process with no other thread (a thread holding a lock at
the fork would leave it held in the child for ever); otherwise, or with one job, the parent does
everything. `ECKB_BUILD_JOBS=N` sets the number of processes (1: no children); by default, one per
core this process may use. `ECKB_PLAIN_BUILD=1` also means one process. Measured on 2 cores: two processes do about 1.4 times the work of one.
"""
from __future__ import annotations

import atexit
import gc
import logging
import multiprocessing
import os
import pickle
import tempfile
import threading
import traceback
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, Generic, TypeVar

log = logging.getLogger("mkdocs.eckb.workers")

Item = TypeVar("Item")
Result = TypeVar("Result")

PARENT_DOES_IT = object()
"""What `SharedWork.result_for` returns for an item the parent is to do itself."""

_children: set[int] = set()
_scratch: set[str] = set()


def plain_build() -> bool:
    """ECKB_PLAIN_BUILD=1: build as MkDocs alone would (one process, the navigation rendered for
    every page), to compare the site with."""
    return os.environ.get("ECKB_PLAIN_BUILD", "") == "1"


def jobs_wanted() -> int:
    """How many processes share work: ECKB_BUILD_JOBS, or the cores this process may run on."""
    if not hasattr(os, "fork") or threading.active_count() > 1 or plain_build():
        return 1  # e.g. under `mkdocs serve`, whose server runs in a thread
    wanted = os.environ.get("ECKB_BUILD_JOBS", "").strip()
    if wanted:
        try:
            return max(1, int(wanted))
        except ValueError:
            log.warning(f"ECKB_BUILD_JOBS={wanted!r} is not a number; using one process")
            return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class SharedWork:
    """Items shared between the parent, which takes them from the front, and children from the back."""

    def __init__(self, keys: Iterable[Hashable], what: str) -> None:
        self.what = what  # for the log: "pages read", say
        self.index = {key: number for number, key in enumerate(keys)}
        self.children: list[tuple[int, str]] = []
        self.results: dict[Hashable, Any] | None = None

    def start(self, items: Sequence[Item], work: Callable[[Item], Any]) -> None:
        """Fork jobs - 1 children, each doing `work` for the items it takes (items[i] has the i-th key)."""
        jobs = min(jobs_wanted(), len(items))
        if jobs < 2:
            return
        try:
            self.ends = multiprocessing.RawArray("q", [0, len(items) - 1])  # the parent's next item, the children's next
            self.lock = multiprocessing.Lock()
        except OSError as error:  # no shared memory here (some containers lack /dev/shm): one process
            log.debug(f"Not sharing {self.what} between processes: {error}")
            return
        keys = list(self.index)
        gc.freeze()  # what exists now is never collected, so no process copies it just to scan it
        for _ in range(jobs - 1):
            descriptor, path = tempfile.mkstemp(prefix="eckb-work-", suffix=".pickle")
            os.close(descriptor)
            _scratch.add(path)
            pid = os.fork()
            if pid == 0:
                _child(path, lambda: {keys[number]: work(items[number]) for number in iter(self._take_from_back, None)})
            _children.add(pid)
            self.children.append((pid, path))

    def _take_from_back(self) -> int | None:
        with self.lock:
            front, back = self.ends
            if back < front:
                return None
            self.ends[1] = back - 1
            return back

    def result_for(self, key: Hashable) -> Any:
        """A child's result for this item, or PARENT_DOES_IT (the item is now the parent's)."""
        number = self.index.get(key)
        if number is None or not self.children:
            return PARENT_DOES_IT
        with self.lock:
            if number <= self.ends[1]:
                self.ends[0] = max(self.ends[0], number + 1)
                return PARENT_DOES_IT
        return self.finish(number).get(key, PARENT_DOES_IT)  # the first item a child took: all from here on are theirs

    def finish(self, parent_did: int | None = None) -> dict[Hashable, Any]:
        """Wait for the children, once, and keep their results (a failed child's: none)."""
        if self.results is None:
            self.results = {}
            for pid, path in self.children:
                self.results.update(_outcome(pid, path))
            if self.children:
                done = self.ends[0] if parent_did is None else parent_did
                log.info(f"{len(self.index)} {self.what} in {len(self.children) + 1} processes: "
                         f"{done} by this one, {len(self.results)} by the other{'s' if len(self.children) > 1 else ''}")
        return self.results


class SharedMap(Generic[Item, Result]):
    """[work(item) for item in items], begun by the children as soon as it is made; this process
    joins in when it asks for the results, so it can do other work first."""

    def __init__(self, work: Callable[[Item], Result], items: Sequence[Item], what: str) -> None:
        self.work, self.items = work, items
        self.shared = SharedWork(range(len(items)), what)
        self.shared.start(items, work)

    def results(self) -> list[Result]:
        results = []
        for number, item in enumerate(self.items):
            result = self.shared.result_for(number)
            results.append(self.work(item) if result is PARENT_DOES_IT else result)
        self.shared.finish()  # the children may have found nothing left to take
        return results


def shared_map(work: Callable[[Item], Result], items: Sequence[Item], what: str) -> list[Result]:
    """[work(item) for item in items], the items shared out between processes."""
    return SharedMap(work, items, what).results()


def _child(path: str, work: Callable[[], dict[Hashable, Any]]) -> None:
    """In a forked child: do the work, leave the outcome in `path`, and exit without returning."""
    status = 1
    try:
        records = _capture_logs()
        outcome: dict[str, Any] = {"results": work(), "records": records}
        status = 0
    except BaseException:  # noqa: BLE001 - anything at all: the parent does these items itself
        outcome = {"error": traceback.format_exc()}
    try:
        with open(path, "wb") as stream:
            pickle.dump(outcome, stream, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        os._exit(status)


def _capture_logs() -> list[tuple[str, int, str]]:
    """In a child, log messages are kept for the parent to log, not printed."""
    records: list[tuple[str, int, str]] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append((record.name, record.levelno, record.getMessage()))

    loggers = (logging.getLogger(), logging.getLogger("mkdocs"))  # MkDocs' own does not propagate
    levels = [handler.level for logger in loggers for handler in logger.handlers]
    keep = Keep(min(levels, default=logging.WARNING))
    for logger in loggers:
        logger.handlers = [keep]
    return records


def _outcome(pid: int, path: str) -> dict[Hashable, Any]:
    _, status = os.waitpid(pid, 0)
    _children.discard(pid)
    try:
        with open(path, "rb") as stream:
            outcome = pickle.load(stream)
    except (OSError, EOFError, pickle.UnpicklingError):
        outcome = {"error": f"it exited with status {status} and left no results"}
    finally:
        _remove(path)
    if "error" in outcome:
        log.debug(f"A worker process failed, so the main process does its share:\n{outcome['error']}")
        return {}
    for name, level, message in outcome["records"]:
        logging.getLogger(name).log(level, message)
    return outcome["results"]


def _remove(path: str) -> None:
    _scratch.discard(path)
    try:
        os.remove(path)
    except OSError:
        pass


@atexit.register
def _tidy() -> None:
    """A run that stopped early leaves no child running and no scratch file behind."""
    for pid in list(_children):
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except OSError:
            pass
    for path in list(_scratch):
        _remove(path)
