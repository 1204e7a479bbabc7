"""The dashboard's figures as tables in the reader's language: each with its columns, its rows
as shown and as downloaded, and a chart of one of its columns."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from payments.registry import gateway_get
from portal.applications.models import Application
from portal.core.money import money_format, money_to_major

from . import charts, selectors
from .selectors import Selection

CHANNELS = dict(Application.Channel.choices)
AGE_LABELS = {
    "0-7": gettext_lazy("Up to a week"),
    "8-30": gettext_lazy("8 to 30 days"),
    "31-90": gettext_lazy("31 to 90 days"),
    "91+": gettext_lazy("More than 90 days"),
}
SHOWN_ROWS = 100  # a longer table is downloaded, not shown (its chart still is)


@dataclass
class Table:
    slug: str
    title: str
    columns: list[tuple[str, str]]
    rows: list[dict]
    chart: str = ""
    note: str = ""
    shown: list[list] = field(default_factory=list)

    def lines(self) -> list[list]:
        """The rows as downloaded: plain numbers (money in major units), plain dates."""
        return [[row.get(key, "") for key, _heading in self.columns] for row in self.rows]

    @property
    def headers(self) -> list[str]:
        return [heading for _key, heading in self.columns]


def _share(value) -> str:
    return "-" if value is None else f"{number_format(round(value * 100, 1), 1)}%"


def _number(value, places: int = 1) -> str:
    return "-" if value is None else number_format(round(value, places), places)


def _day(value) -> str:
    return date_format(value, "j F Y") if value else ""


def _month(value) -> str:
    return date_format(value, "F Y")


def _with_shown(table: Table, formats: dict) -> Table:
    """Fill ``shown``: each row's cells as the screen shows them (none for a table too long
    to read on screen: it is downloaded)."""
    if len(table.rows) > SHOWN_ROWS:
        return table
    table.shown = [
        [formats.get(key, str)(row.get(key, "")) for key, _heading in table.columns]
        for row in table.rows
    ]
    return table


def _counts_chart(title: str, rows: list[dict], label: str, value: str) -> SafeString:
    return charts.bar_chart(
        title, [(str(row[label]), row[value], number_format(row[value])) for row in rows]
    )


# Said under a series counted by week or by month, because the period is long.
UNIT_NOTES = {
    "week": gettext_lazy(
        "Counted by week, from Monday: a chart of each day of so long a period could not be "
        "read. The table per day has each day."
    ),
    "month": gettext_lazy(
        "Counted by month: a chart of each day or week of so long a period could not be "
        "read. The table per day has each day."
    ),
}


def _series_chart(title: str, labels: list[str], series: list[tuple[str, list]]) -> SafeString:
    """A line over time; a bar when there is one point only."""
    if not labels:
        return SafeString("")
    if len(labels) > 1:
        return charts.line_chart(title, labels, series)
    return charts.bar_chart(
        title,
        [(name, values[0], number_format(values[0])) for name, values in series[:1]],
    )


def volume_tables(selection: Selection, figures: dict, names: dict) -> list[Table]:
    """The applications over time (per day, per week for a long period, per month and per
    year; the days of a long period are listed, not drawn) and by service, sector, office
    and channel."""
    counts = [
        ("received", _("Received")),
        ("completed", _("Completed")),
        ("withdrawn", _("Withdrawn")),
        ("referred", _("Referred to another office")),
        ("counter", _("At the counter")),
        ("waived", _("Fee waived")),
    ]
    unit = selection.unit
    tables = []
    for slug, title, heading, show in (
        ("day", _("Applications per day"), _("Period"), _day),
        ("week", _("Applications per week"), _("Week beginning"), _day),
        ("month", _("Applications per month"), _("Period"), _month),
        ("year", _("Applications per year"), _("Period"), lambda value: str(value.year)),
    ):
        if slug == "week" and unit != "week":
            continue
        rows = figures[f"per_{slug}"]
        drawn = slug != "day" or unit == "day"
        table = Table(
            slug=f"volumes_per_{slug}",
            title=title,
            columns=[
                ("period", heading),
                ("received", _("Received")),
                ("completed", _("Completed")),
            ],
            rows=rows,
            chart=_series_chart(
                title,
                [show(row["period"]) for row in rows],
                [
                    (_("Received"), [row["received"] for row in rows]),
                    (_("Completed"), [row["completed"] for row in rows]),
                ],
            )
            if drawn
            else SafeString(""),
            note=str(UNIT_NOTES.get(slug, "")) if slug == unit else "",
        )
        tables.append(_with_shown(table, {"period": show}))
    for slug, dimension, title, heading in (
        ("service", "service_key", _("Applications by service"), _("Service")),
        ("sector", "sector_key", _("Applications by sector"), _("Sector")),
        ("office", "office_key", _("Applications by office"), _("Office")),
        ("channel", "channel", _("Applications by channel"), _("Channel")),
    ):
        rows = [
            {**row, "name": names[dimension].get(row[dimension], "-")} for row in figures[dimension]
        ]
        table = Table(
            slug=f"volumes_by_{slug}",
            title=title,
            columns=[("name", heading), *counts],
            rows=rows,
            chart=_counts_chart(title, rows, "name", "received"),
        )
        tables.append(_with_shown(table, {}))
    return tables


def backlog_tables(figures: dict, stage_names: dict) -> list[Table]:
    stages = [
        {**row, "stage": stage_names.get(row["stage_id"], _("No stage"))}
        for row in figures["per_stage"]
    ]
    ages = [{**row, "age_label": str(AGE_LABELS[row["age"]])} for row in figures["by_age"]]
    return [
        _with_shown(
            Table(
                slug="backlog_per_stage",
                title=_("Open now, per stage"),
                columns=[
                    ("stage", _("Stage")),
                    ("open", _("Open")),
                    ("overdue", _("Overdue")),
                    ("waiting", _("Waiting for the applicant")),
                    ("referred", _("At another office")),
                ],
                rows=stages,
                chart=_counts_chart(_("Open now, per stage"), stages, "stage", "open"),
            ),
            {},
        ),
        _with_shown(
            Table(
                slug="backlog_by_age",
                title=_("Open now, by days since submission"),
                columns=[("age_label", _("Age")), ("open", _("Open")), ("overdue", _("Overdue"))],
                rows=ages,
                chart=_counts_chart(
                    _("Open now, by days since submission"), ages, "age_label", "open"
                ),
            ),
            {},
        ),
    ]


def standard_tables(figures: dict, names: dict, stage_names: dict) -> list[Table]:
    columns = [
        ("count", _("Results given")),
        ("within", _("Within the time allowed")),
        ("share", _("Share within")),
        ("average", _("Average working days")),
        ("p90", _("90% given within (working days)")),
    ]
    formats = {"share": _share, "average": _number}
    per_service = [
        {**row, "name": names["service_key"].get(row["service_key"], "-")}
        for row in figures["per_service"]
    ]
    per_stage = [
        {**row, "name": stage_names.get(row["stage_id"], _("No stage"))}
        for row in figures["per_stage"]
    ]
    note = _(
        "Working days from submission to the result (issued or rejected), in the office's "
        "calendar; days waiting for the applicant's answer are not counted."
    )
    return [
        _with_shown(
            Table(
                slug="standard_per_service",
                title=_("Service standard kept, per service"),
                columns=[("name", _("Service")), *columns],
                rows=per_service,
                chart=charts.bar_chart(
                    _("Share within the service standard, per service"),
                    [(row["name"], row["share"], _share(row["share"])) for row in per_service],
                ),
                note=note,
            ),
            formats,
        ),
        _with_shown(
            Table(
                slug="standard_per_stage",
                title=_("Time at each stage"),
                columns=[("name", _("Stage")), *columns],
                rows=per_stage,
                chart=charts.bar_chart(
                    _("Average working days at each stage"),
                    [(row["name"], row["average"], _number(row["average"])) for row in per_stage],
                ),
                note=_(
                    "Each stage against its own time allowed, for visits that ended in the period."
                ),
            ),
            formats,
        ),
    ]


def officer_tables(figures: dict) -> list[Table]:
    people = figures["people"]
    return [
        _with_shown(
            Table(
                slug="officers",
                title=_("Officers' work"),
                columns=[
                    ("officer", _("Officer")),
                    ("actions", _("Actions completed")),
                    ("days", _("Days with actions")),
                    ("per_day", _("Actions per day")),
                    ("holds", _("Applications held now")),
                ],
                rows=people,
                chart=_counts_chart(
                    _("Actions completed per officer"), people, "officer", "actions"
                ),
            ),
            {"per_day": _number},
        ),
        _with_shown(
            Table(
                slug="officers_per_day",
                title=_("Actions per officer per day"),
                columns=[("done_on", _("Day")), ("officer", _("Officer")), ("n", _("Actions"))],
                rows=figures["per_day"],
            ),
            {"done_on": _day},
        ),
    ]


def _money(row: dict) -> dict:
    currency = row["currency"]
    return {
        **row,
        **{name: money_to_major(row[name], currency) for name in ("collected", "refunded", "net")},
        "net_display": money_format(row["net"], currency),
        "minor_net": row["net"],
    }


def _amount(value) -> str:
    return number_format(value, force_grouping=True)


MONEY_SHOWN = {"collected": _amount, "refunded": _amount, "net": _amount}


def revenue_tables(selection: Selection, figures: dict, names: dict) -> list[Table]:
    money = [
        ("currency", _("Currency")),
        ("payments", _("Payments")),
        ("collected", _("Collected")),
        ("refunded", _("Refunded")),
        ("net", _("Net")),
    ]
    unit = selection.unit
    over_time = [("per_day", _("Fee revenue per day"), _("Day"), _day)]
    if unit == "week":
        over_time.append(("per_week", _("Fee revenue per week"), _("Week beginning"), _day))
    if unit == "month":
        over_time.append(("per_month", _("Fee revenue per month"), _("Month"), _month))
    tables = []
    # Over time: the day (or week, or month) as it is, shown in words on screen only.
    for slug, title, heading, show in over_time:
        rows = [{**_money(row), "name": row["key"]} for row in figures[slug]]
        drawn = slug == f"per_{unit}" and len({row["currency"] for row in rows}) == 1
        table = Table(
            slug=f"revenue_{slug}",
            title=title,
            columns=[("name", heading), *money],
            rows=rows,
            chart=charts.bar_chart(
                title, [(show(row["name"]), row["minor_net"], row["net_display"]) for row in rows]
            )
            if drawn
            else SafeString(""),
            note=str(UNIT_NOTES.get(unit, "")) if slug == f"per_{unit}" else "",
        )
        tables.append(_with_shown(table, {**MONEY_SHOWN, "name": show}))
    for slug, key, title, heading, label in (
        ("per_office", "key", _("Fee revenue per office"), _("Office"),
         lambda key: names["office_key"].get(key, "-")),
        ("per_service", "key",
         _("Fee revenue per service"), _("Service"),
         lambda key: names["service_key"].get(key, "-")),
        ("per_gateway", "key", _("Fee revenue per method"), _("Method"),
         lambda key: str(gateway_get(key).label)),
    ):  # fmt: skip
        rows = [{**_money(row), "name": label(row[key])} for row in figures[slug]]
        table = Table(
            slug=f"revenue_{slug}",
            title=title,
            columns=[("name", heading), *money],
            rows=rows,
            chart=charts.bar_chart(
                title, [(row["name"], row["minor_net"], row["net_display"]) for row in rows]
            )
            if len({row["currency"] for row in rows}) == 1
            else SafeString(""),
        )
        tables.append(_with_shown(table, MONEY_SHOWN))
    tables.insert(
        0,
        _with_shown(
            Table(
                slug="revenue_total",
                title=_("Fee revenue"),
                columns=money,
                rows=[_money(row) for row in figures["total"]],
                note=_(
                    "Payments made in the period, as the reconciliation report counts them: "
                    "collected by payments that were paid, less what was refunded."
                ),
            ),
            MONEY_SHOWN,
        ),
    )
    return tables


def satisfaction_tables(figures: dict, names: dict) -> list[Table]:
    distribution = [
        {"rating": row["rating"], "label": "★" * row["rating"], "count": row["count"]}
        for row in figures["distribution"]
    ]
    columns = [("name", None), ("count", _("Ratings")), ("average", _("Average rating"))]
    tables = [
        _with_shown(
            Table(
                slug="ratings",
                title=_("Ratings given"),
                columns=[("rating", _("Rating")), ("count", _("Ratings"))],
                rows=distribution,
                chart=_counts_chart(_("Ratings given"), distribution, "label", "count"),
            ),
            {},
        )
    ]
    for slug, key, title, heading in (
        ("office", "office_key", _("Satisfaction per office"), _("Office")),
        ("service", "service_key", _("Satisfaction per service"), _("Service")),
    ):
        rows = [
            {**row, "name": names[key].get(row[key], "-"), "average": round(row["average"], 2)}
            for row in figures[f"per_{slug}"]
        ]
        tables.append(
            _with_shown(
                Table(
                    slug=f"satisfaction_per_{slug}",
                    title=title,
                    columns=[("name", heading), *columns[1:]],
                    rows=rows,
                    chart=charts.bar_chart(
                        title,
                        [(row["name"], row["average"], _number(row["average"], 2)) for row in rows],
                    ),
                ),
                {"average": lambda value: _number(value, 2)},
            )
        )
    comments = [
        {**row, "given_on": timezone.localtime(row["given"]).date()} for row in figures["comments"]
    ]
    tables.append(
        _with_shown(
            Table(
                slug="comments",
                title=_("Latest comments"),
                columns=[
                    ("given_on", _("Day")),
                    ("reference", _("Reference")),
                    ("rating", _("Rating")),
                    ("comment", _("Comment")),
                ],
                rows=comments,
            ),
            {"given_on": _day},
        )
    )
    return tables


def dashboard_tables(selection: Selection) -> dict[str, list[Table]]:
    """Every section of the dashboard: its tables, in the reader's language."""
    figures = selectors.selection_figures(selection)
    volumes = figures["volumes"]
    backlog = figures["backlog"]
    standard = figures["standard"]
    officers = figures["officers"]
    revenue = figures["revenue"]
    satisfaction = figures["satisfaction"]
    service_keys = {row["service_key"] for row in volumes["service_key"]}
    service_keys |= {row["service_key"] for row in satisfaction["per_service"]}
    service_keys |= {row["key"] for row in revenue["per_service"]}
    sector_keys = {row["sector_key"] for row in volumes["sector_key"]}
    pages = selectors.pages_named((service_keys | sector_keys) - {None})
    names = {
        "service_key": pages,
        "sector_key": pages,
        "office_key": selectors.offices_named(),
        "channel": CHANNELS,
    }
    stage_ids = {row["stage_id"] for row in backlog["per_stage"]}
    stage_ids |= {row["stage_id"] for row in standard["per_stage"]}
    stage_names = selectors.stage_names(stage_ids - {None})
    return {
        "volumes": volume_tables(selection, volumes, names),
        "backlog": backlog_tables(backlog, stage_names),
        "standard": standard_tables(standard, names, stage_names),
        "officers": officer_tables(officers),
        "revenue": revenue_tables(selection, revenue, names),
        "satisfaction": satisfaction_tables(satisfaction, names),
        "counted_at": figures["counted_at"],
        "summary": {
            "volumes": volumes["total"],
            "backlog": backlog,
            "standard": standard["all"],
            "revenue": [_money(row) for row in revenue["total"]],
            "satisfaction": satisfaction["all"],
        },
    }


def revenue_line(totals: list[dict]) -> str:
    """Net revenue per currency on one line: ``LAK 1,200,000 · USD 25.00``."""
    return " · ".join(money_format(row["net"], row["currency"]) for row in totals) or "-"
