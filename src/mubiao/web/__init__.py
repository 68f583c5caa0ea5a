"""The web dashboard: `mubiao serve` (FastAPI, Jinja2 pages, a JSON API under /api).

    >>> from mubiao.web import create_app
    >>> app = create_app("sqlite:////tmp/mubiao.db")

See docs/web.md for the pages, the API, uploads and security.
"""

from __future__ import annotations

from mubiao.web.app import create_app

__all__ = ["create_app"]
