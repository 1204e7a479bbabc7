"""The dashboard's built page (its form, tables and charts, in the reader's language) is kept
as long as the figures it shows: a second visit of the same choice within the minute reads it
whole; another choice, language or time zone, or a manager serving other offices, never reads
it. A long period is drawn by week or by month, and says so."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.users.models import UserProfile

from portal.dashboard import selectors
from tests.conftest import managers_group
from tests.dashboard.conftest import OCTOBER
from tests.factories import UserFactory, give_totp

# What counting the figures reads, and what building the page reads (the stages' names).
COUNTING = ("dashboard_casefact", "payments_payment")
BUILDING = ("applications_stage",)


def manager(email: str, *, offices=(), national=False, language="", time_zone=""):
    user = UserFactory(email=email, is_staff=False)
    user.groups.add(managers_group("National managers" if national else "Managers"))
    user.offices.add(*offices)
    give_totp(user)
    if language or time_zone:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.current_time_zone = time_zone
        profile.save()
    return user


class Visit:
    def __init__(self, client, query: str):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/admin/dashboard/?{query}")
        assert response.status_code == 200
        self.html = response.content.decode()
        self.main = self.html.split("<main", 1)[1]
        self.sql = [query["sql"] for query in captured.captured_queries]

    def read(self, tables) -> bool:
        return any(table in sql for sql in self.sql for table in tables)

    def headline(self, label: str) -> str:
        return self.main.split(f"<dt>{label}</dt><dd>", 1)[1].split("</dd>", 1)[0]


def signed_in(client, user):
    client.force_login(user)
    client.get("/admin/")  # the session's first visit writes its times


@pytest.mark.django_db
def test_the_same_choice_within_the_minute_reads_the_built_page(client, world, october):
    signed_in(client, manager("chief@onedoor.example", national=True))
    first = Visit(client, OCTOBER)
    assert first.read(COUNTING) and first.read(BUILDING)
    again = Visit(client, OCTOBER)
    assert not again.read(COUNTING) and not again.read(BUILDING)
    assert len(again.sql) < len(first.sql)
    assert again.main == first.main
    # Another choice is counted and built for itself.
    counter = Visit(client, f"{OCTOBER}&channel=counter")
    assert counter.read(COUNTING) and counter.read(BUILDING)
    assert counter.headline("Received") == "1" and first.headline("Received") == "6"


@pytest.mark.django_db
def test_another_language_builds_its_own_page_from_the_same_figures(client, world, october):
    english = manager("chief@onedoor.example", national=True)
    lao = manager("lao@onedoor.example", national=True, language="lo")
    signed_in(client, english)
    first = Visit(client, OCTOBER)
    assert "Applications per day" in first.main
    signed_in(client, lao)
    in_lao = Visit(client, OCTOBER)
    assert not in_lao.read(COUNTING)  # the figures were counted a moment ago
    assert in_lao.read(BUILDING)  # but their tables are built in Lao
    assert "ຄຳຮ້ອງແຕ່ລະມື້" in in_lao.main and "Applications per day" not in in_lao.main
    assert not Visit(client, OCTOBER).read(BUILDING)
    signed_in(client, english)
    back = Visit(client, OCTOBER)
    assert not back.read(BUILDING)
    assert "Applications per day" in back.main and "ຄຳຮ້ອງແຕ່ລະມື້" not in back.main


@pytest.mark.django_db
def test_another_time_zone_builds_its_own_page(client, world, october, monkeypatch):
    # At ten in the morning in Vientiane, three in UTC: the same day in both, so the same
    # figures (what is overdue depends on the reader's day).
    moment = datetime.datetime(2026, 11, 16, 3, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    signed_in(client, manager("chief@onedoor.example", national=True))
    vientiane = Visit(client, OCTOBER)
    signed_in(client, manager("utc@onedoor.example", national=True, time_zone="UTC"))
    utc = Visit(client, OCTOBER)
    assert utc.read(BUILDING) and not utc.read(COUNTING)
    said = [
        visit.main.split("Figures as they stood at ", 1)[1].split(".", 1)[0]
        for visit in (vientiane, utc)
    ]
    assert said[0] != said[1]  # the same moment, seven hours apart


def test_a_built_page_is_kept_no_longer_than_its_figures(monkeypatch, settings):
    """A page built from figures counted 45 seconds ago is kept for the 15 seconds they have
    left; one built from figures due to be counted again is not kept."""
    settings.DASHBOARD_CACHE_SECONDS = 60
    kept = []
    monkeypatch.setattr(
        selectors.cache, "set", lambda key, value, timeout: kept.append((value, timeout))
    )
    monkeypatch.setattr(selectors.cache, "get", lambda key: None)
    for age in (45, 60):
        counted_at = timezone.now() - datetime.timedelta(seconds=age)
        selectors.made_once("dashboard", [age], lambda: {"html": "", "counted_at": counted_at})  # noqa: B023
    assert [timeout for _value, timeout in kept] in ([15], [14])


@pytest.mark.django_db
def test_a_manager_never_reads_the_built_page_of_offices_they_do_not_serve(client, world, october):
    xaysetha, chanthabouly = world["xaysetha"], world["chanthabouly"]
    signed_in(client, manager("xay@onedoor.example", offices=[xaysetha]))
    theirs = Visit(client, OCTOBER)
    assert theirs.headline("Received") == "5"  # A1 to A5
    assert "Xaysetha District" in theirs.main

    # The manager of the other office asks the very same address a moment later.
    signed_in(client, manager("chan@onedoor.example", offices=[chanthabouly]))
    other = Visit(client, OCTOBER)
    assert other.read(COUNTING) and other.read(BUILDING)
    assert other.headline("Received") == "1"  # A6 alone
    assert "Xaysetha District" not in other.main

    # A second manager of Xaysetha alone reads the first one's page.
    signed_in(client, manager("xay2@onedoor.example", offices=[xaysetha]))
    same = Visit(client, OCTOBER)
    assert not same.read(COUNTING) and not same.read(BUILDING)
    assert same.headline("Received") == "5"

    # A national manager: every office.
    signed_in(client, manager("chief@onedoor.example", national=True))
    national = Visit(client, OCTOBER)
    assert national.read(COUNTING)
    assert national.headline("Received") == "6"
    assert "Only the offices you serve." not in national.main
    # The national manager chooses Xaysetha: the figures the first manager counted.
    xaysetha_only = f"{OCTOBER}&office={xaysetha.translation_key}"
    chosen = Visit(client, xaysetha_only)
    assert not chosen.read(COUNTING) and chosen.read(BUILDING)
    assert chosen.headline("Received") == "5"

    # A manager of both offices asks the very same address: the same figures, but not the
    # national manager's page, for the offices one serves are part of what keeps it.
    signed_in(client, manager("both@onedoor.example", offices=[xaysetha, chanthabouly]))
    both = Visit(client, xaysetha_only)
    assert both.read(BUILDING) and not both.read(COUNTING)
    assert both.headline("Received") == "5"
    assert "Only the offices you serve." in both.main


@pytest.mark.django_db
def test_with_no_time_to_keep_figures_the_page_is_built_every_time(
    client, world, october, settings
):
    settings.DASHBOARD_CACHE_SECONDS = 0
    signed_in(client, manager("chief@onedoor.example", national=True))
    Visit(client, OCTOBER)
    again = Visit(client, OCTOBER)
    assert again.read(COUNTING) and again.read(BUILDING)


# --- the series of a long period ----------------------------------------------------------------


def charts(visit: Visit) -> list[str]:
    return [
        part.split('"', 1)[0]
        for part in visit.main.split('class="od-chart" role="img" aria-label="')[1:]
    ]


def table(client, query: str, name: str) -> list[dict]:
    response = client.get(f"/admin/dashboard/?{query}&table={name}&export=csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.django_db
def test_a_month_is_drawn_by_day(client, world, october):
    signed_in(client, manager("chief@onedoor.example", national=True))
    page = Visit(client, OCTOBER)
    assert "Applications per day" in charts(page)
    assert "Fee revenue per day" in charts(page)
    assert "Applications per week" not in page.main
    weeks = client.get(f"/admin/dashboard/?{OCTOBER}&table=volumes_per_week&export=csv")
    assert weeks.status_code == 404


@pytest.mark.django_db
def test_a_quarter_is_drawn_by_week(client, world, october):
    signed_in(client, manager("chief@onedoor.example", national=True))
    quarter = "period=dates&start=2026-08-01&end=2026-10-31"
    page = Visit(client, quarter)
    drawn = charts(page)
    assert "Applications per week" in drawn and "Fee revenue per week" in drawn
    # The days are still there to read and download, but not drawn: 92 points are not read.
    assert "Applications per day" not in drawn and "Fee revenue per day" not in drawn
    assert 'id="volumes_per_day"' in page.main
    assert "Counted by week" in page.main
    weeks = table(client, quarter, "volumes_per_week")
    # From the Monday of the week of Saturday 1 August to that of Saturday 31 October.
    assert [row["Week beginning"] for row in weeks][:2] == ["2026-07-27", "2026-08-03"]
    assert len(weeks) == 14 and weeks[-1]["Week beginning"] == "2026-10-26"
    counted = {row["Week beginning"]: (row["Received"], row["Completed"]) for row in weeks}
    assert counted["2026-10-05"] == ("6", "2")  # all six in; A1 issued, A3 rejected
    assert counted["2026-10-12"] == ("0", "1")  # A2 issued on Tuesday 13
    assert counted["2026-10-26"] == ("0", "1")  # A6 issued on Friday 30
    assert counted["2026-08-03"] == ("0", "0")
    assert len(table(client, quarter, "volumes_per_day")) == 92
    money = table(client, quarter, "revenue_per_week")
    assert [(row["Week beginning"], row["Payments"], row["Net"]) for row in money] == [
        ("2026-10-05", "6", "80000.00")
    ]


@pytest.mark.django_db
def test_two_years_are_drawn_by_month(client, world, october):
    signed_in(client, manager("chief@onedoor.example", national=True))
    years = "period=dates&start=2025-01-01&end=2026-10-31"
    page = Visit(client, years)
    drawn = charts(page)
    assert "Applications per month" in drawn and "Fee revenue per month" in drawn
    assert "Applications per week" not in page.main and "Applications per day" not in drawn
    assert "Counted by month" in page.main
    months = table(client, years, "volumes_per_month")
    assert len(months) == 22  # every month, those with nothing too
    assert (months[-1]["Period"], months[-1]["Received"], months[-1]["Completed"]) == (
        "2026-10-01",
        "6",
        "4",
    )
    assert {row["Received"] for row in months[:-1]} == {"0"}
    money = table(client, years, "revenue_per_month")
    assert [(row["Month"], row["Net"]) for row in money] == [("2026-10-01", "80000.00")]


@pytest.mark.django_db
def test_the_long_periods_say_their_unit_in_lao_and_khmer(client, world, october):
    quarter = "period=dates&start=2026-08-01&end=2026-10-31"
    signed_in(client, manager("lao@onedoor.example", national=True, language="lo"))
    lao = Visit(client, quarter)
    assert "ຄຳຮ້ອງແຕ່ລະອາທິດ" in charts(lao)
    assert "Counted by week" not in lao.main and "Week beginning" not in lao.main
    signed_in(client, manager("khmer@onedoor.example", national=True, language="km"))
    khmer = Visit(client, quarter)
    assert "ពាក្យស្នើសុំប្រចាំសប្តាហ៍" in charts(khmer)
    assert "Counted by week" not in khmer.main and "Week beginning" not in khmer.main
