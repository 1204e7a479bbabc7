"""Keyset pagination: a page of rows after an opaque cursor, at most ``API_MAX_PAGE_SIZE``.

The cursor holds the sort key of the last row given (for applications, when it last changed
and its id), so a row is never given twice nor skipped as rows are added; a row that changes
after it was given moves to the end, where an incremental sync finds it again.
"""

import base64
import binascii
import datetime
import json

from django.conf import settings
from django.db.models import Q, QuerySet

from .errors import ApiProblem


def page_size(limit: int | None) -> int:
    return min(limit or settings.API_PAGE_SIZE, settings.API_MAX_PAGE_SIZE)


def cursor_encode(values: list) -> str:
    text = json.dumps(values, separators=(",", ":"), default=str)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def cursor_decode(cursor: str, *, kinds: tuple) -> list:
    """The values a cursor holds, each of ``kinds`` (``int`` or ``datetime``); a problem
    naming the ``cursor`` parameter for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != len(kinds):
            raise ValueError
        decoded = []
        for value, kind in zip(values, kinds, strict=True):
            if kind is int:
                if not isinstance(value, int) or isinstance(value, bool):
                    raise ValueError
                decoded.append(value)
            else:
                moment = datetime.datetime.fromisoformat(value)
                if moment.tzinfo is None:
                    raise ValueError
                decoded.append(moment)
        return decoded
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ApiProblem(
            422,
            "cursor: not a cursor this API gave; use next_cursor from the last page.",
            errors=[{"field": "cursor", "message": "Not a cursor this API gave."}],
        ) from None


def page_by_id(queryset: QuerySet, *, cursor: str | None, limit: int | None, field: str = "pk"):
    """Rows in ``field`` order after the cursor; the rows and the next page's cursor (None on
    the last page)."""
    size = page_size(limit)
    if cursor:
        (after,) = cursor_decode(cursor, kinds=(int,))
        queryset = queryset.filter(**{f"{field}__gt": after})
    rows = list(queryset.order_by(field)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return rows, cursor_encode([getattr(rows[-1], field)]) if more else None


def page_by_change(queryset: QuerySet, *, cursor: str | None, limit: int | None):
    """Applications in the order they last changed (then id), after the cursor."""
    size = page_size(limit)
    if cursor:
        changed, pk = cursor_decode(cursor, kinds=(datetime.datetime, int))
        queryset = queryset.filter(Q(updated_at__gt=changed) | Q(updated_at=changed, pk__gt=pk))
    rows = list(queryset.order_by("updated_at", "pk")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = cursor_encode([rows[-1].updated_at.isoformat(), rows[-1].pk]) if more else None
    return rows, next_cursor
