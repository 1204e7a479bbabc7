"""Open statistics: the figures anyone may read, for the whole portal or one office, with no
login and no personal data.

The last twelve months (this one included), per month, per service and per sector: applications
received and completed, the share completed within the service standard, the average working
days to the result, the average rating, and the net fee revenue per currency. A count from 1
to 4 could point at a person, so it is withheld ("fewer than 5"), and so is every figure
computed from fewer than 5 cases (the share, the average days, the average rating, the revenue
of fewer than 5 payments).
"""

import datetime
from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from payments.models import Payment
from payments.selectors import payment_totals

from .models import CaseFact
from .selectors import DONE, counted_once, offices_named, pages_named

SMALLEST = 5
COLUMNS = [
    ("received", _("Applications received (submitted) in the period.")),
    ("completed", _("Applications completed: a result given, issued or refused.")),
    (
        "within_standard",
        _("Share of the completed applications given within the service standard (0 to 1)."),
    ),
    (
        "average_days",
        _(
            "Average working days from submission to result; days waiting for the applicant's "
            "answer are not counted."
        ),
    ),
    ("average_rating", _("Average rating given by applicants, from 1 to 5.")),
    ("ratings", _("How many ratings were given.")),
]
REVENUE = _("Net fee revenue in that currency: collected, less refunded.")


def months_back(today: datetime.date, count: int = 12) -> datetime.date:
    """The first day of the month ``count - 1`` months before this one."""
    month = today.month - (count - 1)
    year = today.year + (month - 1) // 12
    return datetime.date(year, (month - 1) % 12 + 1, 1)


def _withhold(count: int, value):
    return value if count >= SMALLEST else None


def _count(value: int):
    return value if value == 0 or value >= SMALLEST else None


def _row(counts: dict, money: dict) -> dict:
    """One line of figures from summed counts, with what could point at a person withheld."""
    done, rated = counts.get("completed", 0), counts.get("ratings", 0)
    return {
        "received": _count(counts.get("received", 0)),
        "completed": _count(done),
        "within_standard": _withhold(done, round(counts["within"] / done, 3) if done else None),
        "average_days": _withhold(done, round(counts["days"] / done, 1) if done else None),
        "average_rating": _withhold(rated, round(counts["rating"] / rated, 2) if rated else None),
        "ratings": _count(rated),
        **{f"revenue_{currency}": _withhold(paid, net) for currency, (paid, net) in money.items()},
    }


# Each table, and the column its facts are grouped by (days are summed into months here).
GROUPS = {"per_month": None, "per_service": "service_key", "per_sector": "sector_key"}


def portal_services(root: Page) -> frozenset:
    """The services (translation keys) of one portal: the pages under its home page (a
    portal's other languages share its pages' translation keys)."""
    return frozenset(Page.objects.descendant_of(root).values_list("translation_key", flat=True))


def portal_offices(services: frozenset) -> dict:
    """The offices that served a portal's services (names in the reader's language)."""
    keys = CaseFact.objects.filter(service_key__in=services).values("office_key").distinct()
    return offices_named(keys)


def public_statistics(*, services: frozenset, office_key=None) -> dict:
    """The tables of the public statistics page of one portal (its ``services``): per month,
    per service, per sector; each figure grouped in the database by day (summed into months
    here), service or sector. Counted at most once in ``DASHBOARD_CACHE_SECONDS``."""
    return counted_once(
        "public",
        [services, office_key, get_language()],
        lambda: _public_statistics(services=services, office_key=office_key),
    )


def _public_statistics(*, services: frozenset, office_key=None) -> dict:
    today = timezone.localdate()
    start = months_back(today)
    facts = CaseFact.objects.filter(service_key__in=services)
    payments = Payment.objects.filter(
        created_on__gte=start,
        created_on__lte=today,
        application__service_page__translation_key__in=services,
    )
    if office_key is not None:
        facts = facts.filter(office_key=office_key)
        payments = payments.filter(office__translation_key=office_key)
    queries = (
        ("submitted_on", {}, {"received": Count("id")}),
        (
            "result_on",
            {"outcome__in": DONE},
            {
                "completed": Count("id"),
                "within": Count("id", filter=Q(within_standard=True)),
                "days": Sum("working_days"),
            },
        ),
        ("rated_on", {"rating__isnull": False}, {"ratings": Count("id"), "rating": Sum("rating")}),
    )
    tables: dict = {}
    for table, group in GROUPS.items():
        sums: dict = defaultdict(lambda: defaultdict(int))
        for column, extra, aggregates in queries:
            rows = (
                facts.filter(**{f"{column}__gte": start, f"{column}__lte": today}, **extra)
                .values(group or column)
                .annotate(**aggregates)
                .order_by()
            )
            for row in rows:
                key = row[group] if group else row[column].replace(day=1)
                for name in aggregates:
                    sums[key][name] += row[name] or 0
        tables[table] = sums
    money = _money(payments, facts)
    currencies = sorted({currency for table in money.values() for row in table.values()
                         for currency in row})  # fmt: skip
    months = []
    month = start
    while month <= today:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    figures = {
        table: {
            key: _row(tables[table].get(key, {}), money[table].get(key, {}))
            for key in set(tables[table]) | set(money[table])
        }
        for table in GROUPS
    }
    return {
        "start": start,
        "end": today,
        "currencies": currencies,
        "per_month": [(month, figures["per_month"].get(month, _row({}, {}))) for month in months],
        "per_service": _named(figures["per_service"]),
        "per_sector": _named(figures["per_sector"]),
        "office": offices_named([office_key]).get(office_key) if office_key else None,
    }


def _money(payments, facts) -> dict:
    """Payments that took money and the net kept, per month, service and sector, by currency:
    the reconciliation report's totals, grouped by day and by service."""
    money: dict = {name: defaultdict(dict) for name in GROUPS}

    def add(table, key, row):
        paid, net = money[table][key].get(row["currency"], (0, 0))
        money[table][key][row["currency"]] = (paid + row["paid"], net + row["net"])

    for row in payment_totals(payments, by=["created_on", "currency"]):
        add("per_month", row["created_on"].replace(day=1), row)
    rows = payment_totals(payments, by=["application__service_page_id", "currency"])
    services = dict(
        Page.objects.filter(
            pk__in={row["application__service_page_id"] for row in rows}
        ).values_list("pk", "translation_key")
    )
    sectors = dict(facts.values_list("service_key", "sector_key").distinct().order_by())
    for row in rows:
        service = services.get(row["application__service_page_id"])
        add("per_service", service, row)
        add("per_sector", sectors.get(service), row)
    return money


def _named(table: dict) -> list[tuple[str, dict]]:
    names = pages_named([key for key in table if key is not None])
    rows = [(names[key], {**row, "key": str(key)}) for key, row in table.items() if key in names]
    return sorted(rows, key=lambda item: item[0])
