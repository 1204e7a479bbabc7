"""Reads of the service catalogue: search, the fee schedule, offices and their services."""

import csv
import re

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Locale

from portal.accounts.models import Office

from . import models as pages
from .localize import localize_all

# Lao and Khmer are written without spaces between words: a word is found inside a phrase by
# substring match, never by a tokenizer (see docs/architecture.md, "Search").
SEARCH_FIELDS = ("title", "summary", "who_can_apply", "legal_basis", "code")
MAX_TERMS = 8


def _published(locale: Locale) -> QuerySet:
    """Published services in ``locale``, and in the default language those not translated yet."""
    live = pages.ServicePage.objects.live().public()
    default = Locale.get_default()
    if locale.pk == default.pk:
        return live.filter(locale=locale)
    translated = live.filter(locale=locale).values("translation_key")
    return live.filter(Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=translated)))


def service_search(*, query: str, locale: Locale) -> list:
    """Published services in ``locale`` containing every word of ``query``; title matches first."""
    # Control characters part words too: no service holds them, and PostgreSQL refuses NUL.
    terms = [term for term in re.split(r"[\s\x00-\x1f\x7f]+", query) if term][:MAX_TERMS]
    if not terms:
        return []
    matches = _published(locale)
    for term in terms:
        matches = matches.filter(
            Q.create([(f"{field}__icontains", term) for field in SEARCH_FIELDS], connector=Q.OR)
        )
    results = list(matches.order_by("title")[:100])
    lowered = [term.lower() for term in terms]
    results.sort(key=lambda page: not all(term in page.title.lower() for term in lowered))
    return results


def fee_schedule(*, locale: Locale, sort: str = "service") -> list[dict]:
    """Every published service in ``locale`` with its sector, fee and service standard.

    ``sort`` names a column (service, sector, fee, days), with a leading ``-`` for descending;
    fees compare within a currency, free services first.
    """
    services = list(_published(locale).order_by("path"))
    sector_paths = {service.path[: pages.SectorPage.steplen * 3] for service in services}
    sectors = {
        sector.path: sector.title
        for sector in pages.SectorPage.objects.filter(path__in=sector_paths).only("path", "title")
    }
    rows = [
        {
            "service": service,
            "sector": sectors.get(service.path[: pages.SectorPage.steplen * 3], ""),
        }
        for service in services
    ]
    keys = {
        "service": lambda row: (),
        "sector": lambda row: (row["sector"].lower(),),
        "fee": lambda row: row["service"].fee_sort_key,
        "days": lambda row: (
            row["service"].service_standard_days is None,
            row["service"].service_standard_days or 0,
        ),
    }
    key = keys.get(sort.removeprefix("-"), keys["service"])
    rows.sort(key=lambda row: row["service"].title.lower())
    rows.sort(key=key, reverse=sort.startswith("-"))
    return rows


FEE_SCHEDULE_SORTS = ("service", "sector", "fee", "days")


def fee_schedule_columns(sort: str) -> list[dict]:
    """The table's headers: label, the link that sorts by it (again: the other way), and
    the ``aria-sort`` state."""
    labels = {
        "service": _("Service"),
        "sector": _("Sector"),
        "fee": _("Fee"),
        "days": _("Working days"),
    }
    descending = sort.startswith("-")
    columns = []
    for key in FEE_SCHEDULE_SORTS:
        current = sort.removeprefix("-") == key
        columns.append(
            {
                "key": key,
                "label": labels[key],
                "href": f"?sort={'-' if current and not descending else ''}{key}",
                "aria_sort": ("descending" if descending else "ascending") if current else "",
                "numeric": key == "days",
            }
        )
    return columns


def offices_list(*, locale: Locale) -> list[Office]:
    """Offices in ``locale``, and in the default language those not translated yet."""
    offices = list(Office.objects.filter(locale=locale))
    translated = {office.translation_key for office in offices}
    default = Locale.get_default()
    if locale.pk != default.pk:
        offices += [
            office
            for office in Office.objects.filter(locale=default)
            if office.translation_key not in translated
        ]
    levels = list(Office.Level.values)
    return sorted(offices, key=lambda office: (levels.index(office.level), office.name))


def office_get(*, office_id: int, locale: Locale) -> Office | None:
    """The office with this id, in ``locale`` if translated: any language's id leads to it."""
    office = Office.objects.filter(pk=office_id).first()
    return localize_all([office], locale)[0] if office else None


def office_services(*, office: Office, locale: Locale) -> list:
    """Published services in ``locale`` that the office (in any language) is responsible for."""
    return list(
        _published(locale)
        .filter(office_links__office__translation_key=office.translation_key)
        .distinct()
        .order_by("title")
    )


def fee_schedule_csv(out, *, locale: Locale, request) -> None:
    """Write the fee schedule as CSV (UTF-8 with a byte-order mark, so spreadsheets read Lao
    and Khmer) to ``out``."""
    rows = fee_schedule(locale=locale)
    links = pages.ServicePageOffice.objects.filter(
        page__in=[row["service"] for row in rows]
    ).select_related("office")
    links = list(links.order_by("sort_order"))
    localized = localize_all([link.office for link in links], locale)
    offices: dict[int, list[str]] = {}
    for link, office in zip(links, localized, strict=True):
        offices.setdefault(link.page_id, []).append(office.name)
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Sector"),
            _("Service"),
            _("Service code"),
            _("Fee"),
            _("Currency"),
            _("Service standard (working days)"),
            _("Responsible offices"),
            _("Web page"),
        ]
    )
    for row in rows:
        service = row["service"]
        lines = service.fee_lines()
        fee = (
            _("Free")
            if service.is_free
            else "; ".join(
                f"{line['label']}: {line['text']}" if line["label"] else line["text"]
                for line in lines
            )
        )
        writer.writerow(
            [
                row["sector"],
                service.title,
                service.code,
                fee,
                service.fee_currency,
                service.service_standard_days or "",
                "; ".join(offices.get(service.pk, [])),
                request.build_absolute_uri(service.get_url(request)),
            ]
        )
