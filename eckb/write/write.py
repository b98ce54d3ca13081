"""Write generated pages: only files whose text changed, prune stale ones we made, never touch the rest."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from eckb.load.errors import DataError, Problem
from eckb.render.render import GENERATED_MARK


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.written)} files written, {len(self.unchanged)} unchanged, {len(self.removed)} stale removed"


GENERATED_WORDS = GENERATED_MARK.lstrip("# ")


def is_generated(path: Path) -> bool:
    """Whether the generator made this file: its mark stands in the first lines."""
    try:
        with path.open(encoding="utf-8") as handle:
            return any(GENERATED_WORDS in handle.readline() for _ in range(3))
    except (OSError, UnicodeDecodeError):
        return False


def check_hand_written(files: dict[str, str], out_dir: Path) -> None:
    """Refuse, before writing anything, to overwrite a page somebody wrote by hand."""
    existing = {path.relative_to(out_dir).as_posix() for path in out_dir.rglob("*.*") if path.suffix in (".md", ".html")} if out_dir.is_dir() else set()
    clashes = [
        Problem(str(out_dir / relative), 1, "", "is a hand-written page; the generator would overwrite it (move it, or rename the record)")
        for relative in files
        if relative in existing and not is_generated(out_dir / relative)
    ]
    if clashes:
        raise DataError(clashes)


def write_files(files: dict[str, str], out_dir: Path, owned_folders: set[str], exclusive_folders: set[str] = frozenset()) -> WriteResult:
    """Write `files` (relative path -> text) under out_dir; prune what we made that is no longer produced.

    In `owned_folders` only files carrying the generated mark are pruned (a hand-written page there
    survives); `exclusive_folders` hold nothing but our output, so anything not produced goes.
    """
    check_hand_written(files, out_dir)
    result = _write_changed(files, out_dir)
    for folder in sorted(owned_folders | set(exclusive_folders)):
        for path in sorted((out_dir / folder).rglob("*")) if (out_dir / folder).is_dir() else []:
            relative = path.relative_to(out_dir).as_posix()
            if path.is_file() and relative not in files and (folder in exclusive_folders or is_generated(path)):
                path.unlink()
                result.removed.append(relative)
    _remove_empty_folders(out_dir, owned_folders | set(exclusive_folders))
    return result


def _write_changed(files: dict[str, str] | dict[str, str | bytes], out_dir: Path) -> WriteResult:
    """Write each file whose bytes differ from what is on disk; leave the others untouched."""
    result = WriteResult()
    folders: set[Path] = set()
    for relative, content in sorted(files.items()):
        target = out_dir / relative
        data = content.encode("utf-8") if isinstance(content, str) else content  # bytes as given: RIS keeps its CRLF
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        if _same_bytes(target, data):
            result.unchanged.append(relative)
            continue
        _atomic_write(target, data)
        result.written.append(relative)
    return result


def _remove_empty_folders(out_dir: Path, folders: set[str]) -> None:
    for folder in folders:
        root = out_dir / folder
        for path in sorted(root.rglob("*"), reverse=True) if root.is_dir() else []:
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def _same_bytes(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except FileNotFoundError:
        return False


def _atomic_write(target: Path, data: bytes) -> None:
    """A reader (or mkdocs serve) never sees half a file: write beside it, then swap it in."""
    temporary = target.with_name(f".{target.name}.tmp")  # the generator is the only writer here
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


KEEP = ".gitignore"
"""The one file an engine tree keeps that the generator did not make: it is tracked in git so the
tree's folder exists on a fresh clone (an engine checks `docs_dir` before any hook can run) and it
keeps everything else in the folder out of git."""


def hand_written_files(folder: Path, generated: dict[str, str], skip_folders: set[str] = frozenset()) -> dict[str, bytes]:
    """Every file of a hand-written folder (relative path -> bytes), to be copied into an engine tree.

    Set aside, as output an older version of the generator wrote into docs/: files under
    `skip_folders` and pages carrying the generated mark. A hand-written page at an address the
    generator makes stops the build, before anything is written.
    """
    files: dict[str, bytes] = {}
    clashes: list[Problem] = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if not path.is_file():
            continue
        relative = path.relative_to(folder).as_posix()
        if relative.split("/")[0] in skip_folders or (path.suffix in (".md", ".html") and is_generated(path)):
            continue
        if relative in generated:
            clashes.append(Problem(f"{folder.name}/{relative}", 1, "",
                                   "is a hand-written page at an address the generator makes (move it, or rename the record)"))
            continue
        files[relative] = path.read_bytes()
    if clashes:
        raise DataError(clashes)
    return files


def write_tree(files: dict[str, str | bytes], out_dir: Path) -> WriteResult:
    """Make out_dir hold exactly `files` (relative path -> text or bytes): write only the files whose
    bytes changed, and remove every other file but KEEP.

    An engine reads out_dir, and `mkdocs serve` may watch it: an unchanged file is never touched,
    so regenerating unchanged data changes nothing there.
    """
    result = _write_changed(files, out_dir)
    for path in sorted(out_dir.rglob("*")):
        relative = path.relative_to(out_dir).as_posix()
        if path.is_file() and relative not in files and relative != KEEP:
            path.unlink()
            result.removed.append(relative)
    for path in sorted(out_dir.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return result
