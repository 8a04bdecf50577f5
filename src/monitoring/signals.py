"""What monitoring tells the layers above it (analysis, findings) without importing them.

Receivers must be quick: they enqueue durable jobs (``core.jobs.enqueue``) that take the article id,
never do the work inline. Each signal is sent with ``sender=Article`` and ``article_id``.

- :data:`article_stored` — an article's text was stored or changed (first extraction, push, file
  import, or an edit found on re-check). ``edited`` is True for a later version.
- :data:`article_removed` — a re-check found the article gone (``removal_kind`` says how).
"""

from __future__ import annotations

from django.dispatch import Signal

article_stored = Signal()
article_removed = Signal()
