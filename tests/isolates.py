"""Read a page's HTML without the direction isolates of ``core/templatetags/text.py``."""

import re

ISOLATE_TAGS = re.compile(r'</?bdi[^>]*>|<div class="user-text">|(?<=<p) dir="auto"')


def without_isolates(html: str) -> str:
    """The HTML with its ``<bdi>`` isolates removed, for assertions on text as it reads."""
    return ISOLATE_TAGS.sub("", html)
