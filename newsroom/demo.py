"""Sample articles and photos written for Newsroom, so a new newsroom never opens empty.

The stories are invented and the photos drawn by ``packaging/make_demo_photos.py``.
"""

from __future__ import annotations

import json

from newsroom import resources
from newsroom.store import ImportResult, Newsroom


def load_demo(newsroom: Newsroom) -> list[ImportResult]:
    """Import the demo articles (with their photos), all in one transaction.

    Articles whose slugs are already in the newsroom are left as they are.
    """
    document = json.loads(resources.read_text("demo", "articles.json"))
    fresh = [item for item in document if not newsroom.exists(item["slug"])]
    if not fresh:
        return []
    with resources.as_folder("demo") as folder:
        return newsroom.import_json(fresh, base_dir=folder, summary="Demo article")
