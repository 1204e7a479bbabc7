"""The public statistics page and its open data (CSV and JSON), cached like the catalogue."""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Site

from portal.core.money import money_format, money_to_major

from .public import COLUMNS, REVENUE, portal_offices, portal_services, public_statistics

TABLES = ["per_month", "per_service", "per_sector"]


def _cacheable(response):
    """The page cache keeps it for its readers (emptied on publishing; it expires)."""
    response.page_cacheable = True
    return response


def _portal(request, office_key):
    """The services of the portal being served and its offices; 404 for an office that
    served none of them (another country's)."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    services = portal_services(site.root_page)
    offices = portal_offices(services)
    if office_key is not None and office_key not in offices:
        raise Http404
    return services, offices


def statistics(request, office_key=None):
    services, offices = _portal(request, office_key)
    figures = public_statistics(services=services, office_key=office_key)
    for name in TABLES:
        figures[name] = [
            (label, row, _revenue_shown(row, figures["currencies"])) for label, row in figures[name]
        ]
    offices = sorted(offices.items(), key=lambda item: item[1])
    return _cacheable(
        render(
            request,
            "dashboard/statistics.html",
            {
                "figures": figures,
                "offices": offices,
                "office_key": office_key,
                "columns": COLUMNS,
                "revenue_meaning": REVENUE,
            },
        )
    )


def _revenue_shown(row: dict, currencies: list[str]) -> list[str]:
    """The row's revenue in each currency it has: the amount, or "fewer than 5" withheld."""
    return [
        _("fewer than 5") if row[f"revenue_{c}"] is None else money_format(row[f"revenue_{c}"], c)
        for c in currencies
        if f"revenue_{c}" in row
    ]


def _lines(figures: dict) -> tuple[list[str], list[dict]]:
    """Every row of the three tables for the downloads, amounts in major units."""
    header = ["table", "key", "name", *(name for name, _meaning in COLUMNS)]
    header += [f"revenue_{currency}" for currency in figures["currencies"]]
    lines = []
    for table in TABLES:
        for label, row in figures[table]:
            line = {"table": table, "key": row.get("key", ""), "name": str(label)}
            if table == "per_month":
                line.update(key=label.strftime("%Y-%m"), name=label.strftime("%Y-%m"))
            line.update({name: row.get(name) for name, _meaning in COLUMNS})
            for currency in figures["currencies"]:
                minor = row.get(f"revenue_{currency}", 0)  # absent: no payment in it
                line[f"revenue_{currency}"] = (
                    None if minor is None else money_to_major(minor, currency)
                )
            lines.append(line)
    return header, lines


def statistics_download(request, export, office_key=None):
    if export not in ("csv", "json"):
        raise Http404
    services, _offices = _portal(request, office_key)
    figures = public_statistics(services=services, office_key=office_key)
    header, lines = _lines(figures)
    name = f"statistics-{figures['start']:%Y%m}-{figures['end']:%Y%m}"
    if export == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.writer(response)
        writer.writerow(header)
        for line in lines:
            writer.writerow(["<5" if line[key] is None else line[key] for key in header])
    else:
        meanings = {name: str(meaning) for name, meaning in COLUMNS}
        meanings.update({f"revenue_{c}": str(REVENUE) for c in figures["currencies"]})
        body = {
            "from": figures["start"],
            "to": figures["end"],
            "office": figures["office"],
            "columns": meanings,
            "withheld": "null: fewer than 5 cases, withheld so that nobody can be recognised",
            "rows": lines,
        }
        response = HttpResponse(
            json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{export}"'
    return _cacheable(response)
