"""The article form as the back office posts it, for tests that write articles there."""

import json


def draftail(text: str) -> dict:
    """Rich text as the editor's widget posts it."""
    block = {"key": "a", "text": text, "type": "unstyled", "depth": 0}
    return {"blocks": [{**block, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}


def article_form(
    title: str,
    slug: str = "",
    *,
    standfirst: str = "Les troupes sont entrées au matin.",
    paragraph: str = "Les combats ont cessé.",
    **fields,
) -> dict:
    """A new article's form with a one-paragraph body; `fields` add or replace any field
    (`"action-submit": "1"` sends it to review)."""
    return {
        "title": title,
        "slug": slug,
        "standfirst": standfirst,
        "kicker": "",
        "body-count": "1",
        "body-0-type": "paragraph",
        "body-0-value": json.dumps(draftail(paragraph)),
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        "tags": "",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "3",
        **fields,
    }
