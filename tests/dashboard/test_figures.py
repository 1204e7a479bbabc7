"""Every figure of the managers' dashboard against a small set of applications counted by hand,
read through the admin pages a manager uses (the dashboard and its downloads)."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group

from portal.applications import workflow
from portal.applications.models import Application
from portal.dashboard.facts import facts_sweep
from portal.dashboard.models import CaseFact
from portal.tracking.models import Feedback
from tests.conftest import managers_group
from tests.dashboard.conftest import OCTOBER, Story, at
from tests.factories import UserFactory, give_totp


def manager(*, offices=(), national=False):
    user = UserFactory(email=f"manager{len(offices)}{national}@onedoor.example", is_staff=False)
    user.groups.add(managers_group("National managers" if national else "Managers"))
    user.offices.add(*offices)
    give_totp(user)
    return user


def table(client, query: str, name: str) -> list[dict]:
    response = client.get(f"/admin/dashboard/?{query}&table={name}&export=csv")
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def by(rows, column):
    return {row[column]: row for row in rows}


@pytest.mark.django_db
def test_each_figure_matches_the_hand_count(client, world, october):
    client.force_login(manager(national=True))
    page = client.get(f"/admin/dashboard/?{OCTOBER}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 October 2026 to 31 October 2026" in html
    assert html.count("<svg") >= 10

    services = by(table(client, OCTOBER, "volumes_by_service"), "Service")
    assert services["Business licence"]["Received"] == "4"  # A1 A2 A4 A6
    assert services["Business licence"]["Completed"] == "3"  # A1 A2 A6
    assert services["Business licence"]["Referred to another office"] == "1"  # A4
    assert services["Business licence"]["Fee waived"] == "1"  # A6
    assert services["Transport permit"]["Received"] == "2"  # A3 A5
    assert services["Transport permit"]["Completed"] == "1"  # A3 rejected
    assert services["Transport permit"]["Withdrawn"] == "1"  # A5
    assert services["Transport permit"]["At the counter"] == "1"  # A3
    sectors = by(table(client, OCTOBER, "volumes_by_sector"), "Sector")
    assert sectors["Business"]["Received"] == "4" and sectors["Transport"]["Received"] == "2"
    offices = by(table(client, OCTOBER, "volumes_by_office"), "Office")
    assert offices["Xaysetha District"]["Received"] == "5"
    assert offices["Chanthabouly District"]["Completed"] == "1"
    channels = by(table(client, OCTOBER, "volumes_by_channel"), "Channel")
    assert channels["At the counter"]["Received"] == "1" and channels["Online"]["Received"] == "5"
    days = by(table(client, OCTOBER, "volumes_per_day"), "Period")
    assert days["2026-10-05"]["Received"] == "2" and days["2026-10-07"]["Received"] == "3"
    assert days["2026-10-30"]["Completed"] == "1" and days["2026-10-31"]["Received"] == "0"
    assert len(days) == 31
    months = table(client, OCTOBER, "volumes_per_month")
    assert [(m["Received"], m["Completed"]) for m in months] == [("6", "4")]

    kept = by(table(client, OCTOBER, "standard_per_service"), "Service")
    licence = kept["Business licence"]  # 3, 5 and 18 working days; 10 allowed
    assert licence["Results given"] == "3" and licence["Within the time allowed"] == "2"
    assert float(licence["Share within"]) == pytest.approx(2 / 3)
    assert float(licence["Average working days"]) == pytest.approx((3 + 5 + 18) / 3)
    assert licence["90% given within (working days)"] == "18"
    assert kept["Transport permit"]["Average working days"] == "3.0"

    ratings = by(table(client, OCTOBER, "ratings"), "Rating")
    assert [ratings[str(n)]["Ratings"] for n in range(1, 6)] == ["1", "0", "1", "0", "1"]
    per_office = by(table(client, OCTOBER, "satisfaction_per_office"), "Office")
    assert per_office["Xaysetha District"]["Average rating"] == "3.0"
    comments = table(client, OCTOBER, "comments")
    assert [c["Comment"] for c in comments] == ["Nobody explained why.", "Quick and clear."]
    assert comments[0]["Reference"] == october["a3"].reference

    money = table(client, OCTOBER, "revenue_total")
    # Collected: 50,000 (A1) + 50,000 (A2 at the counter) + 30,000 (A3) = 130,000;
    # refunded 20,000 + 30,000; net 80,000. The voided, failed and waived took nothing.
    assert money == [
        {
            "Currency": "LAK",
            "Payments": "6",
            "Collected": "130000.00",
            "Refunded": "50000.00",
            "Net": "80000.00",
        }
    ]
    methods = by(table(client, OCTOBER, "revenue_per_gateway"), "Method")
    assert methods["Cash at the counter"]["Net"] == "30000.00"
    assert methods["Demo payment (no money moves)"]["Net"] == "50000.00"

    open_now = by(table(client, OCTOBER, "backlog_per_stage"), "Stage")
    assert {stage: row["Open"] for stage, row in open_now.items()} == {
        "Technical review": "1",  # A4, referred from there
        "Returned to the customer": "1",  # A6, issued, not handed over yet
    }
    assert open_now["Technical review"]["At another office"] == "1"


@pytest.mark.django_db
def test_revenue_matches_the_reconciliation_report_to_the_unit(client, world, october):
    finance = UserFactory(email="finance@onedoor.example", is_superuser=True, is_staff=True)
    give_totp(finance)
    client.force_login(finance)
    report = client.get(
        "/admin/payments/reconciliation/?start=2026-10-01&end=2026-10-31&export=csv"
    ).content.decode()
    totals = [row for row in csv.DictReader(io.StringIO(report)) if row["day"] == "total"]
    everything = next(row for row in totals if row["status"] == "All statuses")
    dashboard = table(client, OCTOBER, "revenue_total")[0]
    assert dashboard["Collected"] == everything["collected"]
    assert dashboard["Refunded"] == everything["refunded"]
    assert dashboard["Net"] == everything["net"]


@pytest.mark.django_db
def test_a_district_manager_sees_only_their_office(client, world, october):
    client.force_login(manager(offices=[world["chanthabouly"]]))
    offices = table(client, OCTOBER, "volumes_by_office")
    assert [row["Office"] for row in offices] == ["Chanthabouly District"]
    assert table(client, OCTOBER, "revenue_total")[0]["Net"] == "0.00"
    assert table(client, OCTOBER, "comments") == []
    xlsx = client.get(f"/admin/dashboard/?{OCTOBER}&table=volumes_by_service&export=xlsx")
    assert xlsx.status_code == 200 and b"Transport permit" not in xlsx.content
    page = client.get(f"/admin/dashboard/?{OCTOBER}").content.decode()
    assert "Xaysetha District" not in page
    # Asking for another office by its key in the address is an error on the field.
    other = world["xaysetha"].translation_key
    refused = client.get(f"/admin/dashboard/?{OCTOBER}&office={other}").content.decode()
    assert "Select a valid choice" in refused
    assert "Xaysetha District" not in refused.split("Select a valid choice")[1]


@pytest.mark.django_db
def test_the_choice_is_in_the_address_and_every_figure_follows_it(client, world, october):
    client.force_login(manager(national=True))
    counter = f"{OCTOBER}&channel=counter"
    assert by(table(client, counter, "volumes_by_channel"), "Channel").keys() == {"At the counter"}
    permit = f"{OCTOBER}&service={world['permit'].translation_key}"
    assert [row["Service"] for row in table(client, permit, "volumes_by_service")] == [
        "Transport permit"
    ]
    assert table(client, permit, "revenue_total")[0]["Net"] == "0.00"  # A3 refunded whole
    sector = f"{OCTOBER}&sector={world['licence'].get_parent().translation_key}"
    assert {row["Service"] for row in table(client, sector, "volumes_by_service")} == {
        "Business licence"
    }
    first_week = "period=dates&start=2026-10-05&end=2026-10-09"
    week = by(table(client, first_week, "volumes_by_service"), "Service")
    assert week["Business licence"]["Completed"] == "1"  # only A1 by Friday 9
    wrong = client.get("/admin/dashboard/?period=dates&start=2026-10-09&end=2026-10-01")
    assert "The last day must not be before the first." in wrong.content.decode()


@pytest.mark.django_db
def test_figures_stay_when_personal_data_is_purged(client, world, october):
    client.force_login(manager(national=True))
    names = (
        "volumes_by_service",
        "volumes_per_day",
        "standard_per_service",
        "standard_per_stage",
        "ratings",
        "satisfaction_per_service",
        "officers_per_day",
        "revenue_total",
    )
    before = {name: table(client, OCTOBER, name) for name in names}
    # A1 keeps its row (the ledger and its certificate hold on to it) but loses everything
    # personal; A4 is deleted whole.
    a1 = october["a1"]
    a1.answers = {}
    a1.applicant = UserFactory()
    a1.save()
    a1.events.all().delete()
    Feedback.objects.filter(application=a1).delete()
    Application.objects.filter(pk=october["a4"].pk).delete()
    facts_sweep()
    after = {name: table(client, OCTOBER, name) for name in names}
    assert after == before
    assert CaseFact.objects.filter(application=None).count() == 1


@pytest.mark.django_db
def test_officers_work_per_day_and_what_each_holds(client, world):
    story, xay = world["story"], world["xaysetha"]
    worker = UserFactory(email="noy@onedoor.example", first_name="Noy", last_name="Keo")
    worker.is_superuser = True
    worker.save()
    one = story.submit(world["licence"], xay, at(5))
    two = story.submit(world["licence"], xay, at(5))
    desk = Story(worker)
    desk.act(one, at(5, 10), "claim")
    desk.dated(at(5, 11), workflow.application_note, application=one, officer=worker, note="ok")
    desk.act(two, at(6, 10), "claim")
    facts_sweep()
    client.force_login(manager(national=True))
    people = by(table(client, OCTOBER, "officers"), "Officer")
    assert people["Noy Keo"]["Actions completed"] == "3"
    assert people["Noy Keo"]["Days with actions"] == "2"
    assert people["Noy Keo"]["Actions per day"] == "1.5"
    assert people["Noy Keo"]["Applications held now"] == "2"
    per_day = table(client, OCTOBER, "officers_per_day")
    assert [(row["Day"], row["Actions"]) for row in per_day] == [
        ("2026-10-05", "2"),
        ("2026-10-06", "1"),
    ]


@pytest.mark.django_db
def test_officers_and_citizens_cannot_open_the_dashboard(client, world):
    officer = UserFactory(email="clerk@onedoor.example")
    officer.groups.add(Group.objects.get_or_create(name="Officers")[0])
    from django.contrib.auth.models import Permission

    officer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    give_totp(officer)
    client.force_login(officer)
    refused = client.get("/admin/dashboard/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert 'href="/admin/dashboard/"' not in client.get("/admin/").content.decode()
    citizen = UserFactory(email="somebody@example.org")
    client.force_login(citizen)
    assert client.get("/admin/dashboard/").status_code == 302


@pytest.mark.django_db
def test_the_admin_home_shows_a_manager_the_headline_of_their_offices(client, world, october):
    # The story dates events, not due dates: A4's referral was due in October.
    Application.objects.filter(pk=october["a4"].pk).update(due_date=datetime.date(2026, 10, 9))
    boss = manager(offices=[world["xaysetha"]])
    client.force_login(boss)
    home = client.get("/admin/").content.decode()
    panel = home.split('id="od-headline-title"')[1].split("</section>")[0]
    # This month (December 2026) nothing was received yet; A4 (referred) is open, due long ago.
    assert "Your offices at a glance" in home
    figures = dict(
        (label.strip(), value.strip())
        for label, value in (
            pair.split("</dt><dd>") for pair in panel.split("<dt>")[1:] if "</dt><dd>" in pair
        )
    )
    figures = {label: value.split("</dd>")[0] for label, value in figures.items()}
    assert figures["Applications today"] == "0"
    assert figures["Overdue now"] == "1"
    assert figures["Within the service standard this month"] == "-"
    assert figures["Average rating this month"] == "-"


@pytest.mark.django_db
def test_the_headline_counts_the_facts_of_today_and_this_month_only():
    """The headline reads only the facts one of its figures counts (by their days' indexes):
    received today, given a result this month (within the standard or not), rated this
    month; a fact of another day or month counts for none of them."""
    from django.utils import timezone

    from portal.dashboard.selectors import _headline

    today = timezone.localdate()
    first = today.replace(day=1)
    before = first - datetime.timedelta(days=1)
    noon = timezone.now()

    def fact(submitted_on, **kwargs):
        CaseFact.objects.create(
            channel="online",
            submitted_at=noon,
            submitted_on=submitted_on,
            standard_days=5,
            **kwargs,
        )

    issued, rejected = CaseFact.Outcome.ISSUED, CaseFact.Outcome.REJECTED
    fact(today)
    fact(today, result_on=today, outcome=issued, within_standard=True, rating=4, rated_on=today)
    fact(before, result_on=first, outcome=rejected, within_standard=False)
    fact(before, result_on=first, outcome=CaseFact.Outcome.WITHDRAWN)
    fact(before, result_on=before, outcome=issued, within_standard=True, rating=1, rated_on=first)
    fact(before, result_on=before, outcome=issued, within_standard=True, rating=5, rated_on=before)
    figures = _headline(None)
    assert (figures["today"], figures["done"], figures["within"]) == (2, 2, 1)
    assert (figures["ratings"], figures["average_rating"]) == (2, 2.5)
    assert figures["share"] == 0.5
