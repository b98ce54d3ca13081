"""Write generated pages: only files whose text changed, prune stale ones we made, never touch the rest."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError, Problem
from .render import GENERATED_MARK


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.written)} files written, {len(self.unchanged)} unchanged, {len(self.removed)} stale removed"


def is_generated(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as handle:
            return handle.readline() == "---\n" and handle.readline().startswith(GENERATED_MARK)
    except (OSError, UnicodeDecodeError):
        return False


def check_hand_written(files: dict[str, str], out_dir: Path) -> None:
    """Refuse, before writing anything, to overwrite a page somebody wrote by hand."""
    clashes = [
        Problem(str(out_dir / relative), 1, "", "is a hand-written page; the generator would overwrite it (move it, or rename the record)")
        for relative in files
        if relative.endswith(".md") and (out_dir / relative).exists() and not is_generated(out_dir / relative)
    ]
    if clashes:
        raise DataError(clashes)


def write_files(files: dict[str, str], out_dir: Path, owned_folders: set[str]) -> WriteResult:
    """Write `files` (relative path -> text) under out_dir; prune generated pages no longer produced.

    Pruning looks only inside `owned_folders` and only at files carrying the generated mark.
    """
    check_hand_written(files, out_dir)
    result = WriteResult()
    for relative, text in sorted(files.items()):
        target = out_dir / relative
        if target.exists() and target.read_text(encoding="utf-8") == text:
            result.unchanged.append(relative)
            continue
        _atomic_write(target, text)
        result.written.append(relative)
    for folder in sorted(owned_folders):
        for path in sorted((out_dir / folder).rglob("*.md")) if (out_dir / folder).is_dir() else []:
            relative = path.relative_to(out_dir).as_posix()
            if relative not in files and is_generated(path):
                path.unlink()
                result.removed.append(relative)
    return result


def _atomic_write(target: Path, text: str) -> None:
    """A reader (or mkdocs serve) never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
