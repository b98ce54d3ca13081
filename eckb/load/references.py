"""Find the reference fields of a record by reading its model: fields typed Ref("kind")."""
from __future__ import annotations

import typing
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from eckb.load.models import RefTo


Reference = tuple[tuple[Any, ...], str, str]
"""(field path, target kind, target ID), e.g. (('findings', 2, 'finding'), 'finding', '3.4')."""


def references(model: BaseModel, path: tuple[Any, ...] = ()) -> Iterator[Reference]:
    """Yield (field path, target kind, target ID) for every reference inside `model`."""
    for name, alias, target in _fields(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        if isinstance(value, BaseModel):
            yield from references(value, path + (alias,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from references(item, path + (alias, index))
                elif target:
                    yield path + (alias, index), target, item
        elif target and isinstance(value, str):
            yield path + (alias,), target, value


@lru_cache(maxsize=None)
def _fields(model: type[BaseModel]) -> tuple[tuple[str, str, str | None], ...]:
    """(name, alias, target kind or None) of each field: read from the model once, not per record."""
    return tuple((name, info.alias or name, ref_target(info.metadata, info.annotation)) for name, info in model.model_fields.items())


def ref_target(metadata: list[Any], annotation: Any) -> str | None:
    for item in metadata:
        if isinstance(item, RefTo):
            return item.kind
    for arg in typing.get_args(annotation):
        for extra in getattr(arg, "__metadata__", ()):
            if isinstance(extra, RefTo):
                return extra.kind
        found = ref_target([], arg)
        if found:
            return found
    return None
