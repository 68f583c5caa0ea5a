"""What every route of the dashboard needs, made once by `create_app` and kept on `app.state.web`.

Its own module so that the app and the routes both import it and not each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi.templating import Jinja2Templates

from mubiao.store import Store
from mubiao.web.cache import StoreCache


@dataclass(slots=True)
class WebState:
    """The store, its cache, the write token, the upload limit, the page templates and the static flag."""

    store: Store
    cache: StoreCache
    token: str | None
    max_upload: int
    templates: Jinja2Templates
    #: True when the pages are rendered for `mubiao publish` (no forms, no API, links made relative after)
    static: bool = False
