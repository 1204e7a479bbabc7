"""Reads of the service catalogue: search, the fee schedule, offices and their services, each
of one portal (a Wagtail site: its home page and the home's translations); the portal's
country and languages; what editors check the catalogue with."""

import csv
import re

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from portal.accounts.models import Office

from . import models as pages
from .localize import localize_all
from .routing import country_settings

# Lao and Khmer are written without spaces between words: a word is found inside a phrase by
# substring match, never by a tokenizer (see docs/architecture.md, "Search").
SEARCH_FIELDS = ("title", "summary", "who_can_apply", "legal_basis", "code")
MAX_TERMS = 8


def _home_paths(home) -> list[str]:
    """The tree paths of the portal's home page in every language (read once per home)."""
    if not hasattr(home, "_home_paths"):
        home._home_paths = list(
            Page.objects.filter(translation_key=home.translation_key).values_list("path", flat=True)
        )
    return home._home_paths


def _published(locale: Locale, home=None) -> QuerySet:
    """Published services in ``locale``, and in the default language those not translated yet;
    of the portal whose home page is ``home`` (every portal's when None)."""
    live = pages.ServicePage.objects.live().public()
    if home is not None:
        live = live.filter(
            Q.create([("path__startswith", path) for path in _home_paths(home)], connector=Q.OR)
        )
    default = Locale.get_default()
    if locale.pk == default.pk:
        return live.filter(locale=locale)
    translated = live.filter(locale=locale).values("translation_key")
    return live.filter(Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=translated)))


def service_search(*, query: str, locale: Locale, home=None) -> list:
    """Published services in ``locale`` containing every word of ``query`` in any of their
    languages (a Lao reader may know the English word); title matches first.

    One query, whatever the number of words or services: each word is a subquery of the
    services (by ``translation_key``) one of whose language versions holds it.
    """
    # Control characters part words too: no service holds them, and PostgreSQL refuses NUL.
    terms = [term for term in re.split(r"[\s\x00-\x1f\x7f]+", query) if term][:MAX_TERMS]
    if not terms:
        return []
    matches = _published(locale, home)
    live = pages.ServicePage.objects.live().public()  # reads the view restrictions once
    for term in terms:
        holding = live.filter(
            Q.create([(f"{field}__icontains", term) for field in SEARCH_FIELDS], connector=Q.OR)
        )
        matches = matches.filter(translation_key__in=holding.values("translation_key"))
    results = list(matches.order_by("title")[:100])
    lowered = [term.lower() for term in terms]
    results.sort(key=lambda page: not all(term in page.title.lower() for term in lowered))
    return results


def fee_schedule(*, locale: Locale, home=None, sort: str = "service") -> list[dict]:
    """Every published service of the portal in ``locale`` with its sector, fee and service
    standard.

    ``sort`` names a column (service, sector, fee, days), with a leading ``-`` for descending;
    fees compare within a currency, free services first.
    """
    services = list(_published(locale, home).order_by("path"))
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


def offices_list(*, locale: Locale, country: str = "") -> list[Office]:
    """Offices (of ``country`` when given) in ``locale``, and in the default language those not
    translated yet."""
    of_country = Office.objects.filter(country=country) if country else Office.objects.all()
    offices = list(of_country.filter(locale=locale))
    translated = {office.translation_key for office in offices}
    default = Locale.get_default()
    if locale.pk != default.pk:
        offices += [
            office
            for office in of_country.filter(locale=default)
            if office.translation_key not in translated
        ]
    levels = list(Office.Level.values)
    return sorted(offices, key=lambda office: (levels.index(office.level), office.name))


def office_get(*, office_id: int, locale: Locale, country: str = "") -> Office | None:
    """The office with this id (of ``country`` when given), in ``locale`` if translated: any
    language's id leads to it."""
    office = Office.objects.filter(pk=office_id).first()
    if office is None or (country and office.country != country):
        return None
    return localize_all([office], locale)[0]


def office_services(*, office: Office, locale: Locale, home=None) -> list:
    """Published services of the portal in ``locale`` that the office (in any language) is
    responsible for."""
    return list(
        _published(locale, home)
        .filter(office_links__office__translation_key=office.translation_key)
        .distinct()
        .order_by("title")
    )


def fee_schedule_csv(out, *, locale: Locale, request, home=None) -> None:
    """Write the portal's fee schedule as CSV (UTF-8 with a byte-order mark, so spreadsheets
    read Lao and Khmer) to ``out``."""
    rows = fee_schedule(locale=locale, home=home)
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


# The portal: its country and languages -----------------------------------------------------


def portal_settings(request):
    """The country settings of the portal (Wagtail site) the request is for; None when no
    site answers."""
    site = Site.find_for_request(request)
    return country_settings(site) if site else None


def portal_country(request) -> str:
    """The country whose offices the portal lists; empty: every office."""
    found = portal_settings(request)
    return found.country if found else ""


def portal_languages(request) -> list[str]:
    """The languages the portal offers, in the portal's order."""
    found = portal_settings(request)
    return found.language_codes if found else [code for code, _name in settings.LANGUAGES]


def portal_settings_of_page(page):
    """The country settings of the portal a page belongs to; None outside every portal."""
    site = page.get_site()
    return pages.CountrySettings.for_site(site) if site else None


def site_languages(site) -> list[str]:
    """The languages a site offers (every language when there is no site)."""
    if site is None:
        return [code for code, _name in settings.LANGUAGES]
    return pages.CountrySettings.for_site(site).language_codes


# The languages a page lacks (for editors) ---------------------------------------------------

LIVE_IN = "_live_in_"


def page_languages_annotate(pages_queryset: QuerySet, languages: list[str]) -> QuerySet:
    """``pages_queryset``, each page marked with whether it is published in each of
    ``languages`` (one subquery per language, in the same query): what
    ``page_missing_languages`` reads."""
    return pages_queryset.annotate(
        **{
            f"{LIVE_IN}{locale.language_code.replace('-', '_')}": Exists(
                Page.objects.filter(
                    translation_key=OuterRef("translation_key"), locale_id=locale.pk, live=True
                )
            )
            for locale in Locale.objects.filter(language_code__in=languages)
        }
    )


def page_missing_languages(page) -> list[str]:
    """The names of the languages ``page`` is not published in (but its own), in the order of
    the portal's languages; empty unless ``page_languages_annotate`` marked it."""
    marks = {
        key.removeprefix(LIVE_IN).replace("_", "-"): live
        for key, live in vars(page).items()
        if key.startswith(LIVE_IN)
    }
    if not marks:
        return []
    own = page.locale.language_code
    return [
        Locale(language_code=code).get_display_name()
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        if code != own and code in marks and not marks[code]
    ]


def service_report() -> list[dict]:
    """Every service once, on its page in the source language (the default one's, else the
    first made), with its portal, sector, fee, service standard and the languages of its
    portal it is not published in: what editors check the catalogue with. A fixed number of
    queries."""
    sites = list(Site.objects.select_related("root_page"))
    languages = {site.pk: site_languages(site) for site in sites}
    home_keys = {site.root_page.translation_key: site for site in sites}
    site_of_home = {
        path: home_keys[key]
        for path, key in Page.objects.filter(translation_key__in=home_keys).values_list(
            "path", "translation_key"
        )
    }
    home_length = Page.steplen * 2
    versions_by_key: dict = {}
    for page in pages.ServicePage.objects.select_related("locale").order_by("pk"):
        versions_by_key.setdefault(page.translation_key, []).append(page)
    default = Locale.get_default()
    all_languages = [code for code, _name in settings.LANGUAGES]
    sources = []
    for versions in versions_by_key.values():
        source = next((page for page in versions if page.locale_id == default.pk), versions[0])
        site = site_of_home.get(source.path[:home_length])
        live = {page.locale.language_code for page in versions if page.live}
        source.portal = site
        source.missing_languages = [
            Locale(language_code=code).get_display_name()
            for code in (languages[site.pk] if site else all_languages)
            if code not in live
        ]
        sources.append(source)
    sector_length = pages.SectorPage.steplen * 3
    sectors = dict(
        pages.SectorPage.objects.filter(
            path__in={page.path[:sector_length] for page in sources}
        ).values_list("path", "title")
    )
    rows = [
        {
            "service": page,
            "portal": page.portal.site_name if page.portal else "",
            "sector": sectors.get(page.path[:sector_length], ""),
        }
        for page in sources
    ]
    rows.sort(key=lambda row: (row["portal"], row["sector"].lower(), row["service"].title.lower()))
    return rows
