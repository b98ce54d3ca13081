"""ProperDocs 1.6 (MkDocs' maintained fork) builds the whole site, with the hook, as MkDocs does."""
from __future__ import annotations

from .engine_checks import *  # noqa: F401,F403 - the checks every engine passes

ENGINE = "properdocs"
