"""Stop a release that would publish local addresses: SITE_URL must be the site's real address.

Every citation, permanent link, canonical tag, BibTeX and RIS file carries the site address, so a
release built without it would hand readers links to http://127.0.0.1:8000/. Used by `make
release` and the Pages workflow; prints one line and exits 1 when SITE_URL is unset or local.
"""
from __future__ import annotations

import os
import sys
from urllib.parse import urlsplit

LOCAL_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "::1"}


def problem(site_url: str) -> str | None:
    if not site_url.strip():
        return "SITE_URL is not set: set it to the published address, e.g. SITE_URL=https://example.org/kb/ make release"
    parts = urlsplit(site_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"SITE_URL={site_url!r} is not a web address: set it to the published address, e.g. https://example.org/kb/"
    if parts.hostname in LOCAL_HOSTS:
        return f"SITE_URL={site_url!r} is this computer: set it to the published address, e.g. https://example.org/kb/"
    return None


def main() -> int:
    message = problem(os.environ.get("SITE_URL", ""))
    if message:
        print(f"release refused: {message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
