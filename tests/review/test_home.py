"""The officer's home in the admin shows their work, with links into the queue's filters; the
page summary is kept for those who edit pages."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.applications.models import Application
from tests.factories import OfficeFactory, OfficerFactory, submit_application


@pytest.fixture
def office(db):
    return OfficeFactory()


def registrar(office):
    user = OfficerFactory(offices=[office])
    user.groups.add(Group.objects.get(name="Registration officers"))
    return user


def due(application, days: int) -> None:
    Application.objects.filter(pk=application.pk).update(
        due_date=timezone.localdate() + datetime.timedelta(days=days)
    )


def counts(html: str) -> dict[str, tuple[str, str]]:
    """Each line of the "Your work" panel: its words, its number and where it links."""
    panel = html[html.index('id="officer-work-section"') :]
    panel = panel[: panel.index("</section>")]
    found = re.findall(
        r'<a href="([^"]+)"[^>]*>\s*<span class="[^"]*">(\d+)</span>\s*([^<]+?)\s*</a>', panel
    )
    return {words: (number, url.replace("&amp;", "&")) for url, number, words in found}


@pytest.mark.django_db
def test_the_officers_home_shows_their_work_with_links_into_the_queue(client, service_page, office):
    officer = registrar(office)
    mine, today, late, later = (submit_application(service_page, office=office) for _ in range(4))
    Application.objects.filter(pk=mine.pk).update(assignee=officer)
    due(today, 0)
    due(late, -2)
    due(later, 5)
    due(mine, 3)
    elsewhere = submit_application(service_page, office=OfficeFactory())
    due(elsewhere, -2)

    client.force_login(officer)
    html = client.get("/admin/").content.decode()
    assert counts(html) == {
        "assigned to you": ("1", "/admin/applications/?queue=assigned"),
        "waiting at your stages": ("4", "/admin/applications/?queue=mine"),
        "due today": ("1", "/admin/applications/?queue=mine&due=today"),
        "overdue": ("1", "/admin/applications/?queue=mine&due=overdue"),
    }
    # Each link opens the queue showing what it counted.
    for words, expected in (
        ("assigned to you", [mine]),
        ("due today", [today]),
        ("overdue", [late]),
        ("waiting at your stages", [mine, today, late, later]),
    ):
        queue = client.get(counts(html)[words][1]).content.decode()
        shown = set(re.findall(r"TEST-\d{4}-X|[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]", queue))
        assert {application.reference for application in expected} <= shown, words
        assert elsewhere.reference not in queue

    # Wagtail's page summary is for those who edit pages: not here.
    assert "Search all pages" not in html
    assert "Your most recent edits" not in html


@pytest.mark.django_db
def test_a_superusers_home_counts_what_waits_in_every_office(client, service_page, office):
    """The count read from the status index agrees with the queue it links to."""
    chief = OfficerFactory(offices=[office], is_superuser=True)
    here, late = (submit_application(service_page, office=office) for _ in range(2))
    elsewhere = submit_application(service_page, office=OfficeFactory())
    due(late, -1)
    withdrawn = submit_application(service_page, office=office)
    Application.objects.filter(pk=withdrawn.pk).update(status=Application.Status.WITHDRAWN)

    client.force_login(chief)
    html = client.get("/admin/").content.decode()

    assert counts(html)["waiting at your stages"][0] == "3"
    assert counts(html)["overdue"][0] == "1"
    queue = client.get("/admin/applications/?queue=mine").content.decode()
    for waiting in (here, late, elsewhere):
        assert waiting.reference in queue
    assert withdrawn.reference not in queue


@pytest.mark.django_db
def test_editors_keep_the_page_summary_and_see_no_officers_work(client, admin_user, home_page):
    from wagtail.admin.views.home import HomeView

    editor = OfficerFactory()
    editor.groups.set([Group.objects.get(name="Editors")])
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Search all pages" in html
    assert 'id="officer-work-section"' not in html
    panels = HomeView(request=type("R", (), {"user": editor})()).get_panels()
    assert "RecentEditsPanel" in {type(panel).__name__ for panel in panels}


@pytest.mark.django_db
def test_the_home_takes_as_many_queries_with_many_applications_as_with_few(
    client, service_page, office
):
    officer = registrar(office)
    client.force_login(officer)
    client.get("/admin/")  # the session's first visit writes its times once

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/").status_code == 200
        return len(captured)

    submit_application(service_page, office=office)
    few = queries()
    for days in range(-3, 12):
        application = submit_application(service_page, office=office)
        due(application, days)
    assert queries() == few


@pytest.mark.django_db
def test_take_next_from_the_home_gives_the_oldest_due_application(client, service_page, office):
    officer = registrar(office)
    application = submit_application(service_page, office=office)
    client.force_login(officer)
    client.handler.enforce_csrf_checks = True
    html = client.get("/admin/").content.decode()
    panel = html[html.index('id="officer-work-section"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', panel).group(1)
    taken = client.post("/admin/applications/take-next/", {"csrfmiddlewaretoken": token})
    assert taken["Location"] == f"/admin/applications/inspect/{application.pk}/"


@pytest.mark.django_db
def test_the_home_counts_as_far_as_the_queue_counts(client, service_page, office, monkeypatch):
    """Beyond what the queue counts (it says "more than 1,000"), the home says "1,000+": a
    million waiting are not counted one by one on every visit."""
    from portal.review import home

    monkeypatch.setattr(home, "QUEUE_COUNTED", 2)
    officer = registrar(office)
    for _ in range(3):
        due(submit_application(service_page, office=office), -1)
    today = submit_application(service_page, office=office)
    due(today, 0)
    client.force_login(officer)
    html = client.get("/admin/").content.decode()
    panel = html[html.index('id="officer-work-section"') :]
    panel = panel[: panel.index("</section>")]
    found = dict(
        (words, number)
        for number, words in re.findall(
            r'<span class="[^"]*">([^<]+)</span>\s*([^<]+?)\s*</a>', panel
        )
    )
    assert found == {
        "assigned to you": "0",
        "waiting at your stages": "2+",
        "due today": "1",
        "overdue": "2+",
    }
