"""The dashboard's region track comes from one read of the region's records (`service.judged`).

It must hold what the stored tables say: each verdict with its target's record and
document ids and report year, and every stored achievement of the region as a
chart point with its stored canonical name.
"""

from __future__ import annotations

import pandas as pd

from mubiao.store import Store
from mubiao.web.cache import StoreCache
from mubiao.web.tracking import region_track


def test_region_track_holds_the_stored_targets_and_achievements(web_store: tuple[str, dict[str, int]]) -> None:
    url, _ = web_store
    with Store(url) as store:
        track = region_track(StoreCache(store), "衡阳市")
        targets = store.records(region="衡阳市", kind="target")
        achievements = store.records(region="衡阳市", kind="achievement")
    assert [(t.record_id, t.document_id, t.report_year) for t in track.items] == [
        (int(r), int(d), None if pd.isna(y) else int(y)) for r, d, y in zip(targets["record_id"], targets["document_id"], targets["report_year"], strict=True)
    ]
    assert all(t.verdict.target_record_id == t.record_id for t in track.items)
    stored = [o for o in track.outcomes if not o["manual"]]
    assert [(o["record_id"], o["document_id"], o["quote"], o["value"], o["canonical"]) for o in stored] == [
        (int(r), int(d), q, float(v), c if isinstance(c, str) else None)
        for r, d, q, v, c in zip(achievements["record_id"], achievements["document_id"], achievements["quote"],
                                 achievements["value"], achievements["canonical"], strict=True)
    ]
    assert any(o["canonical"] for o in stored)
