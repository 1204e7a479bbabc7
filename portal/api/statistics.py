"""The public statistics (the open data of the statistics page), as JSON: no key, no personal
data, small counts withheld as on the page."""

import uuid

from django.utils import translation
from ninja import Field, Query, Router, Schema
from wagtail.models import Site

from portal.core.money import money_to_major
from portal.dashboard.public import (
    COLUMNS,
    REVENUE,
    portal_offices,
    portal_services,
    public_statistics,
)

from .errors import ApiProblem, Problem
from .pagination import cursor_decode, cursor_encode, page_size
from .schemas import Language, Statistics

router = Router(tags=["statistics"])
TABLES = ("per_month", "per_service", "per_sector")


class StatisticsQuery(Schema):
    office: uuid.UUID | None = Field(None, description="An office's key: its figures only.")
    language: Language = "en"
    cursor: str | None = Field(None, max_length=200)
    limit: int | None = Field(None, ge=1, le=200)


def _rows(figures: dict) -> list[dict]:
    rows = []
    for table in TABLES:
        for label, row in figures[table]:
            if table == "per_month":
                key = name = label.strftime("%Y-%m")
            else:
                key, name = row.get("key", ""), str(label)
            revenue = {}
            for currency in figures["currencies"]:
                minor = row.get(f"revenue_{currency}", 0)
                revenue[currency] = None if minor is None else str(money_to_major(minor, currency))
            rows.append(
                {
                    "table": table,
                    "key": key,
                    "name": name,
                    **{column: row.get(column) for column, _meaning in COLUMNS},
                    "revenue": revenue,
                }
            )
    return rows


@router.get(
    "/statistics",
    auth=None,
    response={200: Statistics, frozenset({404, 422}): Problem},
    summary="Public statistics",
)
def statistics(request, query: Query[StatisticsQuery]):
    """The last twelve months per month, service and sector: applications received and
    completed, the share within the service standard, average days and rating, net revenue.
    A figure from fewer than 5 cases is null (withheld)."""
    site = Site.find_for_request(request)
    if site is None:
        raise ApiProblem(404, "No portal is served at this address.")
    with translation.override(query.language):
        services = portal_services(site.root_page)
        if query.office is not None and query.office not in portal_offices(services):
            raise ApiProblem(404, "office: no office of this portal has this key.")
        figures = public_statistics(services=services, office_key=query.office)
        rows = _rows(figures)
        columns = {name: str(meaning) for name, meaning in COLUMNS}
        columns["revenue"] = str(REVENUE)
    start = 0
    if query.cursor:
        (start,) = cursor_decode(query.cursor, kinds=(int,))
    size = page_size(query.limit)
    page = rows[max(start, 0) : max(start, 0) + size]
    more = max(start, 0) + size < len(rows)
    return {
        "start": figures["start"],
        "end": figures["end"],
        "office": str(figures["office"]) if figures["office"] else None,
        "columns": columns,
        "withheld": "null: fewer than 5 cases, withheld so that nobody can be recognised",
        "results": page,
        "next_cursor": cursor_encode([max(start, 0) + size]) if more else None,
    }
