"""The city's social-media guideline as data, plus a Finnish-aware search.

Importing this package is cheap: the search index (and simplemma) load only on
the first get_index() call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Guideline, Passage, Section, get_guideline

if TYPE_CHECKING:
    from .search import Index


def get_index() -> Index:
    from .search import get_index as _get_index

    return _get_index()


__all__ = ["Guideline", "Passage", "Section", "get_guideline", "get_index"]
