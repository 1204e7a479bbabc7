"""The figures of the managers' dashboards and of the public statistics.

Every figure is an aggregate computed by the database over a selection (a period, offices,
services or sectors, a channel): the number of queries depends on the figures shown, never on
the number of applications. Counts of what happened come from the facts (``models``), which
outlive personal data; what is open now comes from the live applications; money comes from
the payments ledger, with the reconciliation report's own totals (``payment_totals``), so the
two agree to the unit.

A selection's figures are counted at most once in ``DASHBOARD_CACHE_SECONDS`` (the facts are
brought up to date once a minute too), whoever asks: the pages say when they were counted.
"""

import datetime
import hashlib
import json
import math
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone
from wagtail.models import Locale, Page

from payments.models import Payment
from payments.selectors import payment_totals
from portal.accounts.models import Office
from portal.applications.models import Application, Stage
from portal.applications.selectors import officer_office_ids
from portal.tracking.models import Feedback

from .models import ActionFact, CaseFact, StageFact

OPEN = [
    Application.Status.SUBMITTED,
    Application.Status.IN_REVIEW,
    Application.Status.ACTION_REQUIRED,
    Application.Status.APPROVED,
]
DONE = [CaseFact.Outcome.ISSUED, CaseFact.Outcome.REJECTED]
# The backlog's ages, in calendar days since submission: (label key, from, up to).
AGES = [("0-7", 0, 7), ("8-30", 8, 30), ("31-90", 31, 90), ("91+", 91, None)]
RATINGS = [1, 2, 3, 4, 5]
# A series over time has at most about this many points: a longer period is counted by week
# (from Monday), and one of more weeks than this by month. A line over a year of days cannot
# be read, and drawing and writing out each day was much of the page's work.
MOST_POINTS = 62


@dataclass(frozen=True)
class Selection:
    """What a dashboard counts: a period (both days included), and offices, services, sectors
    and a channel (empty: all). ``office_keys`` None means every office."""

    start: datetime.date
    end: datetime.date
    office_keys: frozenset | None = None
    service_keys: frozenset = field(default_factory=frozenset)
    sector_keys: frozenset = field(default_factory=frozenset)
    channel: str = ""

    @property
    def days(self) -> list[datetime.date]:
        return [
            self.start + datetime.timedelta(days=n) for n in range((self.end - self.start).days + 1)
        ]

    @property
    def unit(self) -> str:
        """What the period's series are counted by: ``day``, ``week`` or ``month``, the
        finest that keeps them to ``MOST_POINTS`` or so."""
        days = (self.end - self.start).days + 1
        if days <= MOST_POINTS:
            return "day"
        return "week" if days <= MOST_POINTS * 7 else "month"

    @property
    def parts(self) -> list:
        """What tells this selection from another, for a cache key."""
        return [
            self.start,
            self.end,
            self.office_keys,
            self.service_keys,
            self.sector_keys,
            self.channel,
        ]


def period_start(unit: str, day: datetime.date) -> datetime.date:
    """The first day of the ``unit`` (day, week from Monday, month, year) that holds ``day``."""
    if unit == "week":
        return day - datetime.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def counted_once(name: str, parts, count) -> dict:
    """``count()``, the figures ``name`` of what ``parts`` says (a selection, a portal), kept
    for ``DASHBOARD_CACHE_SECONDS`` (0: counted every time), with ``counted_at``: when."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if not seconds:
        return {**count(), "counted_at": timezone.now()}
    key = _cache_key(name, parts)
    figures = cache.get(key)
    if figures is None:
        figures = {**count(), "counted_at": timezone.now()}
        cache.set(key, figures, seconds)
    return figures


def made_once(name: str, parts, make) -> dict:
    """``make()``, something made from counted figures (a page's tables and charts, rendered
    in a language), kept as long as those figures are and no longer: ``make`` returns it with
    the figures' ``counted_at``, and it is dropped when they are due to be counted again, so
    a page never shows figures older than ``DASHBOARD_CACHE_SECONDS``. ``parts`` must hold
    all that the made thing depends on (the choice, the reader's offices, their language)."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if not seconds:
        return make()
    key = _cache_key(name, parts)
    made = cache.get(key)
    if made is None:
        made = make()
        left = int(seconds - (timezone.now() - made["counted_at"]).total_seconds())
        if left > 0:
            cache.set(key, made, left)
    return made


def _cache_key(name: str, parts) -> str:
    digest = hashlib.sha256(
        json.dumps([timezone.localdate(), parts], default=_canonical, sort_keys=True).encode()
    ).hexdigest()
    return f"dashboard:{name}:{digest}"


def _canonical(value):
    """Sets in one order, whatever the process: their keys are the same in every process."""
    if isinstance(value, (set, frozenset)):
        return sorted(str(item) for item in value)
    return str(value)


def selection_figures(selection: Selection) -> dict:
    """Every figure of the managers' dashboard for the selection."""
    # Named anew when the figures' shape changes: the release before may have left some.
    return counted_once(
        "selection-2",
        selection.parts,
        lambda: {
            "volumes": volumes(selection),
            "backlog": backlog(selection),
            "standard": standard(selection),
            "officers": officers(selection),
            "revenue": revenue(selection),
            "satisfaction": satisfaction(selection),
        },
    )


# --- who sees which offices ------------------------------------------------------------------


def dashboard_office_keys(user) -> frozenset | None:
    """The offices (translation keys) a manager's dashboards cover: None for every office (a
    superuser, or a national manager), else the offices they serve."""
    if user.is_superuser or user.has_perm("dashboard.view_all_offices"):
        return None
    return frozenset(
        Office.objects.filter(pk__in=officer_office_ids(user)).values_list(
            "translation_key", flat=True
        )
    )


def offices_named(keys=None) -> dict:
    """Office names by translation key, in the reader's language (falling back to the
    default language's name)."""
    offices = Office.objects.filter(locale__in=_locales())
    if keys is not None:
        offices = offices.filter(translation_key__in=keys)
    return _by_language(offices.values_list("translation_key", "locale__language_code", "name"))


def pages_named(keys) -> dict:
    """Page titles (services, sectors) by translation key, in the reader's language."""
    pages = Page.objects.filter(translation_key__in=keys, locale__in=_locales())
    return _by_language(pages.values_list("translation_key", "locale__language_code", "title"))


def _locales():
    return Locale.objects.filter(
        language_code__in={Locale.get_active().language_code, Locale.get_default().language_code}
    )


def _by_language(rows) -> dict:
    reader = Locale.get_active().language_code
    names: dict = {}
    for key, language, name in rows:
        if language == reader or key not in names:
            names[key] = name
    return names


def sector_services(sector_keys) -> frozenset:
    """The translation keys of the services of these sectors (their pages' children)."""
    if not sector_keys:
        return frozenset()
    paths = Page.objects.filter(translation_key__in=sector_keys).values_list("path", flat=True)
    children = Q()
    for path in paths:
        children |= Q(path__startswith=path, depth=len(path) // Page.steplen + 1)
    if not children:
        return frozenset({uuid.UUID(int=0)})
    return frozenset(Page.objects.filter(children).values_list("translation_key", flat=True))


# --- the selection applied to each source -----------------------------------------------------


def _case_scope(selection: Selection, prefix: str = "") -> Q:
    """The cases the selection keeps, on CaseFact (``prefix`` empty) or through a fact's
    ``case__``. Empty when it keeps every case: a stage or action fact is then read by its
    day alone, not case by case."""
    scope = Q()
    if selection.office_keys is not None:
        scope &= Q(**{f"{prefix}office_key__in": selection.office_keys})
    if selection.service_keys:
        scope &= Q(**{f"{prefix}service_key__in": selection.service_keys})
    if selection.sector_keys:
        scope &= Q(**{f"{prefix}sector_key__in": selection.sector_keys})
    if selection.channel:
        scope &= Q(**{f"{prefix}channel": selection.channel})
    return scope


def _facts(selection: Selection) -> QuerySet[CaseFact]:
    return CaseFact.objects.filter(_case_scope(selection))


def _service_filter(selection: Selection, prefix: str) -> Q:
    scope = Q()
    if selection.service_keys:
        scope &= Q(**{f"{prefix}service_page__translation_key__in": selection.service_keys})
    if selection.sector_keys:
        sectors = sector_services(selection.sector_keys)
        scope &= Q(**{f"{prefix}service_page__translation_key__in": sectors})
    if selection.channel:
        scope &= Q(**{f"{prefix}channel": selection.channel})
    return scope


def _applications(selection: Selection) -> QuerySet[Application]:
    applications = Application.objects.filter(status__in=OPEN).filter(
        _service_filter(selection, "")
    )
    if selection.office_keys is not None:
        applications = applications.filter(office__translation_key__in=selection.office_keys)
    return applications


def _payments(selection: Selection) -> QuerySet[Payment]:
    payments = Payment.objects.filter(
        created_on__gte=selection.start, created_on__lte=selection.end
    ).filter(_service_filter(selection, "application__"))
    if selection.office_keys is not None:
        payments = payments.filter(office__translation_key__in=selection.office_keys)
    return payments


def _in(name: str, selection: Selection) -> Q:
    return Q(**{f"{name}__gte": selection.start, f"{name}__lte": selection.end})


# --- the figures -------------------------------------------------------------------------------


DIMENSIONS = ("service_key", "sector_key", "office_key", "channel")


def _roll_up(rows: list[dict], by: str, names: list[str]) -> list[dict]:
    """Rows grouped finely, summed into groups of ``by`` (groups, not applications: their
    number is bounded by the catalogue, not by the rows)."""
    groups: dict = {}
    for row in rows:
        group = groups.setdefault(row[by], {by: row[by], **dict.fromkeys(names, 0)})
        for name in names:
            group[name] += row[name]
    return list(groups.values())


def volumes(selection: Selection) -> dict:
    """Applications received (submitted) and completed (a result given: issued or rejected),
    and withdrawn, in the period: per day, week, month and year (every one in the period,
    those with nothing too), and by service, sector, office and channel; with how many of
    those received were referred, came to the counter, or had their fee waived. Four
    grouped queries, whatever the rows."""
    facts = _facts(selection)
    received = {
        "received": Count("id"),
        "referred": Count("id", filter=Q(referred=True)),
        "counter": Count("id", filter=Q(channel=Application.Channel.COUNTER)),
        "waived": Count("id", filter=Q(fee_waived=True)),
    }
    ended = {
        "completed": Count("id", filter=Q(outcome__in=DONE)),
        "withdrawn": Count("id", filter=Q(outcome=CaseFact.Outcome.WITHDRAWN)),
    }
    counts = ["received", "completed", "withdrawn", "referred", "counter", "waived"]
    # Those received and those that ended in the period, each through its own day's index:
    # SQLite answers one query asking for either day by merging both indexes, slower by a
    # quarter for a year (the same on PostgreSQL).
    groups: dict = {}
    for query in (
        facts.filter(_in("submitted_on", selection)).values(*DIMENSIONS).annotate(**received),
        facts.filter(_in("result_on", selection), outcome__in=[*DONE, CaseFact.Outcome.WITHDRAWN])
        .values(*DIMENSIONS)
        .annotate(**ended),
    ):
        for row in query.order_by():
            group = groups.setdefault(
                tuple(row[name] for name in DIMENSIONS),
                {**{name: row[name] for name in DIMENSIONS}, **dict.fromkeys(counts, 0)},
            )
            for name in counts:
                group[name] += row.get(name, 0)
    rows = list(groups.values())
    result: dict = {"total": dict.fromkeys(counts, 0)}
    for row in rows:
        for name in counts:
            result["total"][name] += row[name]
    for dimension in DIMENSIONS:
        grouped = _roll_up(rows, dimension, list(counts))
        result[dimension] = sorted(grouped, key=lambda row: (-row["received"], str(row[dimension])))
    days = _per_day(facts, selection)
    nothing = {"received": 0, "completed": 0}
    for unit in ("day", "week", "month", "year"):
        periods: dict = {}
        for day in selection.days:
            period = periods.setdefault(period_start(unit, day), {"received": 0, "completed": 0})
            counted = days.get(day, nothing)
            period["received"] += counted["received"]
            period["completed"] += counted["completed"]
        result[f"per_{unit}"] = [{"period": key, **value} for key, value in periods.items()]
    return result


def _per_day(facts, selection: Selection) -> dict:
    """Received and completed on each day of the period that had any: two grouped queries."""
    days: dict = defaultdict(lambda: {"received": 0, "completed": 0})
    for column, name, extra in (
        ("submitted_on", "received", Q()),
        ("result_on", "completed", Q(outcome__in=DONE)),
    ):
        rows = (
            facts.filter(_in(column, selection) & extra)
            .values(column)
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            days[row[column]][name] = row["n"]
    return days


def backlog(selection: Selection) -> dict:
    """What is open now (the period does not apply): per stage, with how many are overdue,
    wait for the applicant or are at another office; and by age since submission. One
    grouped query."""
    today = timezone.localdate()
    now = timezone.now()
    overdue = Q(due_date__lt=today) & ~Q(status=Application.Status.ACTION_REQUIRED)
    ages = {}
    for key, first, last in AGES:
        age = Q(submitted_at__lte=now - datetime.timedelta(days=first))
        if last is not None:
            age &= Q(submitted_at__gt=now - datetime.timedelta(days=last + 1))
        ages[f"age_{key}"] = Count("id", filter=age)
        ages[f"overdue_{key}"] = Count("id", filter=age & overdue)
    per_stage = list(
        _applications(selection)
        .values("stage_id")
        .annotate(
            open=Count("id"),
            overdue=Count("id", filter=overdue),
            waiting=Count("id", filter=Q(status=Application.Status.ACTION_REQUIRED)),
            referred=Count("id", filter=Q(referred_to__isnull=False)),
            **ages,
        )
        .order_by("stage__sort_order", "stage_id")
    )
    return {
        "per_stage": per_stage,
        "by_age": [
            {
                "age": key,
                "open": sum(row[f"age_{key}"] for row in per_stage),
                "overdue": sum(row[f"overdue_{key}"] for row in per_stage),
            }
            for key, _first, _last in AGES
        ],
        "open": sum(row["open"] for row in per_stage),
        "overdue": sum(row["overdue"] for row in per_stage),
    }


def percentile(histogram: dict[int, int], share: float) -> int | None:
    """The value under which ``share`` of the counted values fall, from a histogram of
    values (working days) and how often each occurs: the nearest-rank method."""
    total = sum(histogram.values())
    if not total:
        return None
    rank = max(math.ceil(round(total * share, 6)), 1)
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return max(histogram)


def _kept(rows, group: str) -> list[dict]:
    """Rows of (group, working days, count, within) into a row per group with its share
    within the time allowed, the average and the 90th percentile of working days."""
    groups: dict = defaultdict(lambda: {"histogram": {}, "count": 0, "within": 0, "days": 0})
    for row in rows:
        entry = groups[row[group]]
        entry["histogram"][row["working_days"]] = row["n"]
        entry["count"] += row["n"]
        entry["within"] += row["within"]
        entry["days"] += row["working_days"] * row["n"]
    return [
        {
            group: key,
            "count": entry["count"],
            "within": entry["within"],
            "share": entry["within"] / entry["count"],
            "average": entry["days"] / entry["count"],
            "p90": percentile(entry["histogram"], 0.9),
        }
        for key, entry in sorted(groups.items(), key=lambda item: -item[1]["count"])
    ]


def standard(selection: Selection) -> dict:
    """The service standard kept, for the results given in the period: the share given within
    the service's standard, and the average and 90th percentile of working days from
    submission to result (days waiting for the applicant not counted), in all, per service and
    per stage (the stages' visits that ended in the period, against each stage's time)."""
    done = _facts(selection).filter(_in("result_on", selection), outcome__in=DONE)
    rows = (
        done.values("service_key", "working_days")
        .annotate(n=Count("id"), within=Count("id", filter=Q(within_standard=True)))
        .order_by()
    )
    per_service = _kept(rows, "service_key")
    overall = _kept([{**row, "all": True} for row in _merge(rows, "working_days")], "all") or [
        {"count": 0, "within": 0, "share": None, "average": None, "p90": None}
    ]
    visits = StageFact.objects.filter(_in("left_on", selection), _case_scope(selection, "case__"))
    stage_rows = (
        visits.values("stage_id", "working_days")
        .annotate(
            n=Count("id"),
            within=Count("id", filter=Q(working_days__lte=F("sla_days"))),
        )
        .order_by()
    )
    return {
        "all": overall[0],
        "per_service": per_service,
        "per_stage": _kept(stage_rows, "stage_id"),
    }


def _merge(rows, value: str) -> list[dict]:
    """Rows of one histogram per group merged into one histogram."""
    merged: dict = defaultdict(lambda: {"n": 0, "within": 0})
    for row in rows:
        merged[row[value]]["n"] += row["n"]
        merged[row[value]]["within"] += row["within"]
    return [{value: key, **counts} for key, counts in merged.items()]


def officers(selection: Selection) -> dict:
    """Officers' work: the actions each completed per day in the period (a workflow move, a
    fee set, a note), and the open applications each holds now. API clients' accounts are
    not officers and are left out."""
    clients = get_user_model().objects.filter(is_service_account=True).values("pk")
    actions = ActionFact.objects.filter(
        _in("done_on", selection), _case_scope(selection, "case__")
    ).exclude(officer_id__in=clients)
    per_day = list(
        actions.values("officer_id", "done_on").annotate(n=Count("id")).order_by("done_on")
    )
    holds = dict(
        _applications(selection)
        .exclude(assignee=None)
        .exclude(assignee__in=clients)
        .values("assignee_id")
        .annotate(n=Count("id"))
        .values_list("assignee_id", "n")
    )
    totals: dict = defaultdict(lambda: {"actions": 0, "days": 0})
    for row in per_day:
        totals[row["officer_id"]]["actions"] += row["n"]
        totals[row["officer_id"]]["days"] += 1
    ids = set(totals) | set(holds)
    names = {
        user.pk: user.get_full_name() or user.email
        for user in get_user_model()
        .objects.filter(pk__in=ids)
        .only("first_name", "last_name", "email")
    }
    people = [
        {
            "officer_id": pk,
            "officer": names.get(pk, "-"),
            "actions": totals[pk]["actions"],
            "days": totals[pk]["days"],
            "per_day": totals[pk]["actions"] / totals[pk]["days"] if totals[pk]["days"] else 0,
            "holds": holds.get(pk, 0),
        }
        for pk in ids
    ]
    people.sort(key=lambda row: (-row["actions"], row["officer"]))
    for row in per_day:
        row["officer"] = names.get(row["officer_id"], "-")
    return {"people": people, "per_day": per_day}


MONEY = ["payments", "paid", "amount", "collected", "refunded", "net"]


def revenue(selection: Selection) -> dict:
    """Fee revenue of the payments made in the period, net of refunds, per day (and week and
    month), office, service and gateway, by currency: the reconciliation report's totals
    (``payment_totals``), so both agree to the unit for the same period. Two grouped queries:
    by day, and by office, service and gateway (groups bounded by the catalogue), summed here
    into each table (the language copies of an office or a service are one)."""
    payments = _payments(selection)
    per_day = payment_totals(payments, by=["created_on", "currency"])
    rows = payment_totals(
        payments, by=["office_id", "application__service_page_id", "gateway", "currency"]
    )
    offices = dict(Office.objects.values_list("pk", "translation_key"))
    services = dict(
        Page.objects.filter(
            pk__in={row["application__service_page_id"] for row in rows}
        ).values_list("pk", "translation_key")
    )
    for row in rows:
        row["amount"] = row["amount"] or 0
        row["office_key"] = offices.get(row["office_id"])
        row["service_key"] = services.get(row["application__service_page_id"])

    def per(column):
        groups: dict = {}
        for row in rows:
            key = (row[column], row["currency"]) if column else row["currency"]
            group = groups.setdefault(
                key, {"key": row[column] if column else None, "currency": row["currency"]}
            )
            for name in MONEY:
                group[name] = group.get(name, 0) + row[name]
        return sorted(groups.values(), key=lambda group: (str(group["key"]), group["currency"]))

    def per_period(unit):
        groups: dict = {}
        for row in per_day:
            key = (period_start(unit, row["created_on"]), row["currency"])
            group = groups.setdefault(
                key, {"key": key[0], "currency": key[1], **dict.fromkeys(MONEY, 0)}
            )
            for name in MONEY:
                group[name] += row[name] or 0
        return [groups[key] for key in sorted(groups)]

    return {
        "total": per(None),
        "per_day": [{**row, "key": row["created_on"]} for row in per_day],
        "per_week": per_period("week"),
        "per_month": per_period("month"),
        "per_office": per("office_key"),
        "per_service": per("service_key"),
        "per_gateway": per("gateway"),
    }


def satisfaction(selection: Selection, *, comments: int = 10) -> dict:
    """Ratings given in the period: the average, how many of each rating, per office and
    service (one grouped query); and the latest comments with their application's reference
    (live, so a comment purged with its application's personal data is gone)."""
    rated = _facts(selection).filter(_in("rated_on", selection), rating__isnull=False)
    rows = list(rated.values("office_key", "service_key", "rating").annotate(n=Count("id")))
    for row in rows:
        row["sum"] = row["rating"] * row["n"]

    def averaged(groups):
        return [
            {**group, "count": group["n"], "average": group["sum"] / group["n"]}
            for group in sorted(groups, key=lambda group: -group["n"])
        ]

    count = sum(row["n"] for row in rows)
    latest = (
        Feedback.objects.filter(application__fact__in=rated.values("pk"))
        .exclude(comment="")
        .select_related("application")
        .order_by("-created_at", "-pk")[:comments]
    )
    return {
        "all": {
            "count": count,
            "average": sum(row["sum"] for row in rows) / count if count else None,
        },
        "distribution": [
            {"rating": n, "count": sum(row["n"] for row in rows if row["rating"] == n)}
            for n in RATINGS
        ],
        "per_office": averaged(_roll_up(rows, "office_key", ["n", "sum"])),
        "per_service": averaged(_roll_up(rows, "service_key", ["n", "sum"])),
        "comments": [
            {
                "reference": item.application.reference,
                "application_id": item.application_id,
                "rating": item.rating,
                "comment": item.comment,
                "given": item.created_at,
            }
            for item in latest
        ],
    }


def headline(*, office_keys: frozenset | None) -> dict:
    """The figures of the admin home page's panel: applications received today, overdue now,
    the service standard kept this month, revenue this month, the average rating this month."""
    return counted_once("headline", [office_keys], lambda: _headline(office_keys))


def _headline(office_keys: frozenset | None) -> dict:
    today = timezone.localdate()
    month = Selection(start=today.replace(day=1), end=today, office_keys=office_keys)
    # Only the facts some figure counts, each sought by its day's index: the aggregate's
    # filters alone read every fact ("Parallel Seq Scan on dashboard_casefact", 300 ms at a
    # million; a "BitmapOr" of fact_submitted, fact_result and fact_rated instead).
    facts = _facts(month).filter(
        Q(submitted_on=today) | _in("result_on", month) | _in("rated_on", month)
    )
    figures = facts.aggregate(
        today=Count("id", filter=Q(submitted_on=today)),
        done=Count("id", filter=_in("result_on", month) & Q(outcome__in=DONE)),
        within=Count(
            "id", filter=_in("result_on", month) & Q(outcome__in=DONE, within_standard=True)
        ),
        average_rating=Avg("rating", filter=_in("rated_on", month)),
        ratings=Count("id", filter=_in("rated_on", month) & Q(rating__isnull=False)),
    )
    overdue = (
        _applications(month)
        .filter(due_date__lt=today)
        .exclude(status=Application.Status.ACTION_REQUIRED)
        .count()
    )
    return {
        **figures,
        "share": figures["within"] / figures["done"] if figures["done"] else None,
        "overdue": overdue,
        "revenue": payment_totals(_payments(month), by=["currency"]),
    }


def stage_names(ids) -> dict:
    language = Locale.get_active().language_code
    return {stage.pk: stage.name_in(language) for stage in Stage.objects.filter(pk__in=ids)}
