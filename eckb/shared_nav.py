"""The site navigation, rendered once per folder for the pages that are not in it.

Material renders the whole navigation (`partials/nav.html`) into every page: about half of the
theme's time on a record page. A page marks its own place in the navigation, but the record pages
(findings/3-4/, glossary/ccps/ ...) are not in it (`not_in_nav` in mkdocs.yml): nothing marks them,
so their navigation differs only in its relative links, and those are the same for every page
whose address has the same folder and form. The first such page in a folder renders the
navigation; the others reuse it. Pages in the navigation are rendered as Material renders them.
A site built this way is the same, byte for byte, as one built without it (tests/test_parallel_build.py).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jinja2

from .workers import plain_build

NAVIGATION = "partials/nav.html"


def install(env: jinja2.Environment) -> None:
    """From now on, `env` renders the navigation once per folder for pages outside it (unless ECKB_PLAIN_BUILD=1)."""
    if plain_build():
        return
    template = env.get_template(NAVIGATION)  # the theme's environment keeps each template it loads
    render = template.root_render_func
    rendered: dict[str, str] = {}

    def root_render_func(context: Any) -> Iterator[str]:
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or page.url is None or page in nav.pages:
            yield from render(context)
            return
        folder_and_form = page.url.rstrip("/").rpartition("/")[0] + ("/" if page.url.endswith("/") else ".html")
        if folder_and_form not in rendered:
            rendered[folder_and_form] = "".join(render(context))
        yield rendered[folder_and_form]

    template.root_render_func = root_render_func
