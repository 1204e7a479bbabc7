"""The officers' queue in the admin: filters, due flags, take next, and acting on a page."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from portal.applications.models import Application, Event, Stage
from tests.factories import OfficeFactory, OfficerFactory, UserFactory, submit_application


def registrar(*offices):
    user = OfficerFactory(offices=list(offices))
    user.groups.add(Group.objects.get(name="Registration officers"))
    return user


@pytest.fixture
def office(db):
    return OfficeFactory()


@pytest.fixture
def application(service_page, office):
    return submit_application(service_page, office=office)


@pytest.mark.django_db
def test_the_queue_shows_stage_due_date_and_flags_overdue(client, application, office):
    Application.objects.filter(pk=application.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(registrar(office))
    html = client.get("/admin/applications/").content.decode()
    assert application.reference in html and "Registration" in html and "Overdue" in html
    mine = client.get("/admin/applications/", {"queue": "mine", "due": "overdue"})
    assert application.reference in mine.content.decode()
    soon = client.get("/admin/applications/", {"due": "soon"})
    assert application.reference not in soon.content.decode()
    assigned = client.get("/admin/applications/", {"queue": "assigned"})
    assert application.reference not in assigned.content.decode()


@pytest.mark.django_db
def test_each_row_shows_its_service_applicant_stage_status_assignee_and_due_date(
    client, service_page, office
):
    officer = registrar(office)
    application = submit_application(
        service_page, office=office, applicant=UserFactory(first_name="<b>Noy</b>", last_name="Keo")
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    Application.objects.filter(pk=application.pk).update(due_date=tomorrow, assignee=officer)
    application.refresh_from_db()
    client.force_login(officer)
    page = BeautifulSoup(client.get("/admin/applications/").content, "html.parser")
    row = next(row for row in page.select("tbody tr") if application.reference in row.get_text())
    cells = [" ".join(cell.get_text(" ").split()) for cell in row.find_all("td")]
    assert cells[1:7] == [
        service_page.title,
        "<b>Noy</b> Keo",  # the name as typed, shown as text
        str(application.stage),
        "Submitted",
        str(officer),
        f"{date_format(tomorrow, 'SHORT_DATE_FORMAT')} Due soon",
    ]


@pytest.mark.django_db
def test_a_stage_with_an_office_of_its_own_is_worked_there_and_read_by_both_offices(
    client, application, office
):
    province = OfficeFactory()
    Stage.objects.filter(pk=application.stage_id).update(office=province)
    cashier = OfficerFactory(offices=[province])
    cashier.groups.add(Group.objects.get(name="Cashiers"))

    def shown(officer, **params):
        client.force_login(officer)
        return application.reference in client.get("/admin/applications/", params).content.decode()

    # The stage's office works it; the responsible office still reads it, as does any
    # officer of the stage's office; nobody else.
    assert shown(registrar(province)) and shown(registrar(province), queue="mine")
    assert shown(registrar(office)) and not shown(registrar(office), queue="mine")
    assert shown(cashier) and not shown(cashier, queue="mine")
    assert not shown(registrar(OfficeFactory()))


@pytest.mark.django_db
def test_take_next_then_forward_with_a_note_from_the_admin(client, application, office):
    officer = registrar(office)
    client.force_login(officer)
    taken = client.post("/admin/applications/take-next/")
    assert taken["Location"] == f"/admin/applications/inspect/{application.pk}/"
    page = client.get(taken["Location"]).content.decode()
    assert "Send to the next stage" in page and "Return to the applicant" in page
    application.refresh_from_db()
    assert application.assignee == officer

    url = f"/admin/applications/{application.pk}/act/forward/"
    assert "Send to the next stage" in client.get(url).content.decode()
    moved = client.post(url, {"version": application.version, "note": "All documents there"})
    assert moved["Location"] == f"/admin/applications/inspect/{application.pk}/"
    application.refresh_from_db()
    assert application.stage.name == "Cashier"
    assert client.post("/admin/applications/take-next/")["Location"] == "/admin/applications/"


@pytest.mark.django_db
def test_acting_on_an_old_copy_says_who_acted_and_keeps_the_note(client, application, office):
    first, second = registrar(office), registrar(office)
    read_version = application.version
    client.force_login(first)
    client.post(f"/admin/applications/{application.pk}/act/forward/", {"version": read_version})
    client.force_login(second)
    late = client.post(
        f"/admin/applications/{application.pk}/act/return/",
        {"version": read_version, "message": "Missing the lease contract"},
    )
    html = late.content.decode()
    assert late.status_code == 200
    assert "already handled by" in html and str(first) in html
    assert "Missing the lease contract" in html
    assert not Event.objects.filter(kind=Event.Kind.RETURNED).exists()


@pytest.mark.django_db
def test_officers_of_another_office_get_404_and_other_groups_cannot_act(
    client, application, office
):
    client.force_login(registrar(OfficeFactory()))
    assert client.get(f"/admin/applications/inspect/{application.pk}/").status_code == 404
    assert (
        client.post(
            f"/admin/applications/{application.pk}/act/forward/",
            {"version": application.version},
        ).status_code
        == 404
    )
    cashier = OfficerFactory(offices=[office])
    cashier.groups.add(Group.objects.get(name="Cashiers"))
    client.force_login(cashier)
    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert "Send to the next stage" not in page
    refused = client.post(
        f"/admin/applications/{application.pk}/act/forward/", {"version": application.version}
    )
    assert "Only officers of this stage" in refused.content.decode()


@pytest.mark.django_db
def test_a_return_needs_a_message_and_the_applicant_sees_it(client, application, office):
    client.force_login(registrar(office))
    url = f"/admin/applications/{application.pk}/act/return/"
    empty = client.post(url, {"version": application.version, "note": "x", "message": " "})
    assert "Write what the applicant" in empty.content.decode()
    client.post(url, {"version": application.version, "message": "Upload a clearer ID scan"})
    application.refresh_from_db()
    assert application.status == Application.Status.ACTION_REQUIRED
    listing = client.get("/admin/applications/").content.decode()
    assert "Paused" in listing


# The views of the queue `make bench` measures with 100,000 applications, and a search that
# finds rows (the bench's name is not among seeded applicants).
BENCHED_VIEWS = {
    "my stages": {"queue": "mine"},
    "overdue": {"due": "overdue"},
    "a search": {"q": "Somchai"},
    "a search that finds rows": {"q": "seed-"},
    "second page": {"p": "2"},
}


def seed(count: int, office) -> None:
    call_command("seed_applications", count, "--not-production", stdout=io.StringIO())
    Application.objects.update(office=office)


def queue_queries(client, params) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/admin/applications/", params)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.fixture
def seeded_officer(client, service_page, office):
    """A registrar of the office every seeded application is made at, signed in, with the
    session's first visit (which writes its times once) behind them."""
    client.force_login(registrar(office))
    client.get("/admin/applications/")
    return office


@pytest.mark.django_db
def test_each_benchmarked_view_of_the_queue_takes_as_many_queries_with_many_rows_as_with_few(
    client, seeded_officer
):
    seed(25, seeded_officer)  # a second page, and rows in each view
    client.get("/admin/applications/")  # what a first visit after a long pause reads once
    few = {name: len(queue_queries(client, params)) for name, params in BENCHED_VIEWS.items()}
    seed(300, seeded_officer)
    client.get("/admin/applications/")
    many = {name: len(queue_queries(client, params)) for name, params in BENCHED_VIEWS.items()}
    assert few == many


@pytest.mark.django_db
def test_a_page_of_the_queue_takes_as_many_queries_for_one_row_as_for_twenty(
    client, seeded_officer
):
    """Every cell of a row is written from what the page's query read (the listing reads only
    the columns it shows): nothing is read row by row, whoever holds the application."""
    holder = registrar(seeded_officer)

    def page() -> tuple[int, int]:
        Application.objects.update(assignee=holder)
        client.get("/admin/applications/")
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/admin/applications/").content
        rows = BeautifulSoup(html, "html.parser").select("tbody tr")
        assert str(holder) in rows[0].get_text()
        return len(captured.captured_queries), len(rows)

    seed(1, seeded_officer)
    one = page()
    seed(30, seeded_officer)
    twenty = page()
    assert (one[1], twenty[1]) == (1, 20)
    assert one[0] == twenty[0]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans")
def test_the_queue_reads_its_index_in_the_queues_order_and_counts_from_an_index(
    client, seeded_officer
):
    """SQLite keeps no statistics: left to itself it looked up every visible row by each
    office and sorted them all for one page. Each query of the queue reads an index (the
    page's rows in the queue's order, no sort), never the table row by row."""
    seed(30, seeded_officer)
    for name, params in BENCHED_VIEWS.items():
        for sql in queue_queries(client, params):
            if '"applications_application"' not in sql or "django_session" in sql:
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                plan = [row[-1] for row in cursor.fetchall()]
            shown = "\n".join([name, sql, *plan])
            assert not any("TEMP B-TREE" in step or "MULTI-INDEX OR" in step for step in plan), (
                shown
            )
            reads = [
                step
                for step in plan
                if step.split(" ")[:2]
                in (["SCAN", "applications_application"], ["SEARCH", "applications_application"])
            ]
            assert reads, shown
            if "COUNT(*)" in sql:
                assert all("USING COVERING INDEX" in step for step in reads), shown
            elif "LIMIT" in sql:
                assert reads[0].startswith(
                    (
                        "SCAN applications_application USING INDEX application_queue_order",
                        "SEARCH applications_application USING INDEX application_queue_order",
                    )
                ), shown


@pytest.mark.django_db
def test_a_chief_assigns_to_an_officer_of_the_stage(client, application, office):
    from django.contrib.auth.models import Permission

    chief = registrar(office)
    chief.user_permissions.add(Permission.objects.get(codename="assign_application"))
    clerk = registrar(office)
    outsider = registrar(OfficeFactory())
    client.force_login(chief)
    url = f"/admin/applications/{application.pk}/act/assign/"
    page = client.get(url).content.decode()
    assert str(clerk) in page and str(outsider) not in page
    client.post(url, {"version": application.version, "officer": clerk.pk})
    application.refresh_from_db()
    assert application.assignee == clerk
    client.force_login(clerk)
    mine = client.get("/admin/applications/", {"queue": "assigned"}).content.decode()
    assert application.reference in mine
    assert (
        "/act/assign/"
        not in client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    )


@pytest.mark.django_db
def test_a_long_queue_is_counted_up_to_a_limit_and_says_more_than(
    client, seeded_officer, monkeypatch
):
    """Counting every row of a long queue cost more than the rest of its page: it counts to
    a limit and says "more than", and pages no further than the limit."""
    from portal.review import views

    monkeypatch.setattr(views, "QUEUE_COUNTED", 40)
    seed(45, seeded_officer)
    with CaptureQueriesContext(connection) as captured:
        first = BeautifulSoup(client.get("/admin/applications/").content, "html.parser")
    assert any("LIMIT 41" in query["sql"] for query in captured.captured_queries)
    nav = " ".join(first.select_one("nav.pagination").get_text(" ").split())
    assert "More than 40 applications" in nav and "Page 1" in nav and " of " not in nav
    assert len(first.select("tbody tr")) == 20
    last = BeautifulSoup(client.get("/admin/applications/?p=2").content, "html.parser")
    assert len(last.select("tbody tr")) == 20
    assert not last.select_one("nav.pagination li.next a").has_attr("href")
    filtered = client.get("/admin/applications/", {"office": seeded_officer.pk}).content.decode()
    assert "More than 40 matches" in filtered

    monkeypatch.setattr(views, "QUEUE_COUNTED", 1000)  # fewer rows than the limit
    whole = BeautifulSoup(client.get("/admin/applications/").content, "html.parser")
    nav = " ".join(whole.select_one("nav.pagination").get_text(" ").split())
    assert "Page 1 of 3" in nav and "45 applications" in nav


@pytest.mark.django_db
def test_the_office_filter_names_each_office_once_in_the_officers_language(client, office):
    from wagtail.models import Locale

    other = OfficeFactory()
    lao = Locale.objects.get_or_create(language_code="lo")[0]
    in_lao = office.copy_for_translation(lao)
    in_lao.name = "ຫ້ອງການ ນະຄອນຫຼວງ"
    in_lao.save()
    client.force_login(registrar(office))
    page = BeautifulSoup(client.get("/admin/applications/").content, "html.parser")
    names = [option.get_text() for option in page.select("select[name=office] option")][1:]
    assert names == [office.name]  # not the office it does not serve, not the Lao copy
    assert other.name not in names


def take_next_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/admin/applications/take-next/")
    assert response.status_code == 302
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.django_db
def test_take_next_gives_the_earliest_due_then_the_undated_by_submission(
    client, service_page, office
):
    today = timezone.localdate()
    undated, later, earliest_second, earliest_first = (
        submit_application(service_page, office=office) for _ in range(4)
    )
    for application, due in (
        (undated, None),
        (later, today + datetime.timedelta(days=3)),
        (earliest_first, today - datetime.timedelta(days=2)),
        (earliest_second, today - datetime.timedelta(days=2)),
    ):
        Application.objects.filter(pk=application.pk).update(due_date=due)
    Application.objects.filter(pk=earliest_second.pk).update(
        submitted_at=earliest_first.submitted_at + datetime.timedelta(minutes=1)
    )
    client.force_login(registrar(office))
    taken = []
    for _ in range(5):
        location = client.post("/admin/applications/take-next/")["Location"]
        taken.append(location)
    expected = [
        f"/admin/applications/inspect/{application.pk}/"
        for application in (earliest_first, earliest_second, later, undated)
    ]
    assert taken[:4] == expected
    assert taken[4] == "/admin/applications/"  # nothing left: back to the queue


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans")
def test_take_next_reads_the_queues_index_in_its_order_without_sorting_every_candidate(
    client, seeded_officer
):
    """An officer's "Take next" at 100,000 applications sorted every one waiting at their
    stages to hand out the first: it reads the queue's index in its order instead."""
    seed(30, seeded_officer)
    looks = [
        sql
        for sql in take_next_queries(client)
        # The look for the first candidate (not the re-reading of the one taken).
        if sql.startswith("SELECT") and '"applications_application"' in sql and "ORDER BY" in sql
    ]
    assert looks
    for sql in looks:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = [row[-1] for row in cursor.fetchall()]
        shown = "\n".join([sql, *plan])
        assert not any("TEMP B-TREE FOR ORDER BY" in step for step in plan), shown
        reads = [step for step in plan if "applications_application" in step.split(" ")[:2][-1]]
        assert reads[0].startswith(
            (
                "SCAN applications_application USING INDEX application_queue_order",
                "SEARCH applications_application USING INDEX application_queue_order",
            )
        ), shown


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's trigram indexes")
def test_the_queues_search_has_trigram_indexes_on_postgresql():
    """A search compares parts of the reference, the title and the applicant's email address
    and last name (LIKE '%...%'): pg_trgm's indexes serve them at a million applications."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
        indexes = dict(cursor.fetchall())
    assert "(reference gin_trgm_ops)" in indexes["application_reference_trgm"]
    assert "upper((service_title)::text) gin_trgm_ops" in indexes["application_title_trgm"]
    assert "upper((email)::text) gin_trgm_ops" in indexes["user_email_trgm"]
    assert "upper((last_name)::text) gin_trgm_ops" in indexes["user_last_name_trgm"]
