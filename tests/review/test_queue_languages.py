"""Officers read each application in their own language, whatever language it was made in: the
queue, the application's page and the pages of its actions, in a number of queries that does
not grow with the rows of the queue."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import ServicePage
from portal.applications.models import Application
from tests.factories import OfficeFactory, OfficerFactory, submit_application
from tests.languages import ENGLISH, KHMER, LAO, service_in_lao_and_khmer


@pytest.fixture
def office(db):
    return OfficeFactory()


@pytest.fixture
def officer(office):
    user = OfficerFactory(offices=[office])
    user.groups.add(Group.objects.get(name="Registration officers"))
    return user


@pytest.fixture
def pages(service_page):
    return {
        language: ServicePage.objects.get(pk=page.pk)
        for language, page in service_in_lao_and_khmer(service_page).items()
    }


def apply_in(pages, language, office):
    return submit_application(pages[language], office=office, language=language)


def text(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join((soup.select_one("main") or soup).get_text(" ").split())


@pytest.mark.django_db
def test_the_queue_names_lao_and_khmer_applications_in_the_officers_language(
    client, pages, office, officer
):
    apply_in(pages, "lo", office)
    client.force_login(officer)
    client.get("/admin/applications/")  # the session's first visit writes its times once

    def queue():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/admin/applications/")
        return len(captured), text(response)

    few, _listing = queue()
    for language in ("lo", "km", "lo", "km", "en"):
        apply_in(pages, language, office)
    many, listing = queue()
    assert few == many, (few, many)
    assert listing.count(ENGLISH["title"]) == 6
    assert LAO["title"] not in listing and KHMER["title"] not in listing


@pytest.mark.django_db
def test_the_application_and_its_action_pages_read_in_the_officers_language(
    client, pages, office, officer
):
    made_in_khmer = apply_in(pages, "km", office)
    client.force_login(officer)
    inspect = text(client.get(f"/admin/applications/inspect/{made_in_khmer.pk}/"))
    assert ENGLISH["title"] in inspect and KHMER["title"] not in inspect
    # The answers under the labels of the form in English, as it was at submission.
    assert f"{ENGLISH['full_name']} Somchai" in inspect
    assert KHMER["full_name"] not in inspect
    action = text(client.get(f"/admin/applications/{made_in_khmer.pk}/act/note/"))
    assert ENGLISH["title"] in action and KHMER["title"] not in action


@pytest.mark.django_db
def test_a_khmer_reading_officer_reads_a_lao_application_in_khmer(client, pages, office, officer):
    from wagtail.users.models import UserProfile

    made_in_lao = apply_in(pages, "lo", office)
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "km"
    profile.save()
    client.force_login(officer)
    listing = text(client.get("/admin/applications/"))
    assert KHMER["title"] in listing and LAO["title"] not in listing
    inspect = text(client.get(f"/admin/applications/inspect/{made_in_lao.pk}/"))
    assert f"{KHMER['full_name']} Somchai" in inspect


@pytest.mark.django_db
def test_the_queue_finds_an_application_by_its_service_in_any_language(
    client, pages, office, officer
):
    made_in_lao = apply_in(pages, "lo", office)
    client.force_login(officer)
    for word in (ENGLISH["title"].split()[0], LAO["title"], KHMER["title"]):
        listing = text(client.get("/admin/applications/", {"q": word}))
        assert made_in_lao.reference in listing, word
    assert made_in_lao.reference not in text(client.get("/admin/applications/", {"q": "zzz"}))


@pytest.mark.django_db
def test_the_queue_export_names_each_service_in_the_officers_language(
    client, pages, office, officer
):
    import csv
    import io

    references = {apply_in(pages, language, office).reference for language in ("lo", "km", "en")}
    client.force_login(officer)
    response = client.get("/admin/applications/", {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert {row["Reference code"] for row in rows} == references
    assert {row["Service"] for row in rows} == {ENGLISH["title"]}
    # What the officer reads in the queue: the status by name, the time in the office's zone.
    assert {row["Status"] for row in rows} == {"Submitted"}
    assert {row["Channel"] for row in rows} == {"Online"}
    submitted = timezone.localtime(Application.objects.latest("submitted_at").submitted_at)
    assert submitted.strftime("%Y-%m-%d %H:%M") in {row["Submitted"][:16] for row in rows}
