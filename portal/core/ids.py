"""Row ids read from addresses and query strings.

An id is a number of ASCII digits that fits a signed 64-bit integer, the largest the databases
store: anything else (a larger number, "²", "-1") is no id, so its page does not exist (404)
instead of failing in the database (SQLite raises OverflowError past 2**63 - 1).
"""

MAX_ID = 2**63 - 1


def id_parse(text: str | None) -> int | None:
    """The id written in ``text``, or None when it cannot be one."""
    if not text or not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    value = int(text)
    return value if value <= MAX_ID else None


class IdConverter:
    """``<id:name>`` in a route: like ``<int:name>``, but only for ids that can exist."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        parsed = id_parse(value.lstrip("0") or "0")
        if parsed is None:
            raise ValueError(f"{value!r} is not an id")  # no match: 404
        return parsed

    def to_url(self, value) -> str:
        return str(value)
