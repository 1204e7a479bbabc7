import pytest

from tests.factories import (
    ApplicationFactory,
    OfficeFactory,
    OfficerFactory,
    UserFactory,
    submit_application,
)


@pytest.mark.django_db
def test_the_officer_listing_shows_submitted_applications(client):
    application = ApplicationFactory(service_title="Construction permit")
    client.force_login(OfficerFactory(offices=[application.office]))
    response = client.get("/admin/applications/")
    assert response.status_code == 200
    html = response.content.decode()
    assert application.reference in html
    assert "Construction permit" in html


@pytest.mark.django_db
def test_drafts_are_not_in_the_officer_listing(client):
    draft = ApplicationFactory(status="draft")
    client.force_login(OfficerFactory(offices=[draft.office]))
    assert draft.reference not in client.get("/admin/applications/").content.decode()


@pytest.mark.django_db
def test_the_listing_searches_by_reference(client):
    wanted = ApplicationFactory()
    other = ApplicationFactory(office=wanted.office)
    client.force_login(OfficerFactory(offices=[wanted.office]))
    html = client.get("/admin/applications/", {"q": wanted.reference}).content.decode()
    assert wanted.reference in html
    assert other.reference not in html
    # Part of the code, typed in lower case.
    part = client.get("/admin/applications/", {"q": wanted.reference[2:7].lower()})
    assert wanted.reference in part.content.decode()


@pytest.mark.django_db
def test_the_listing_searches_by_part_of_the_applicants_name_or_email_and_of_the_title(client):
    wanted = ApplicationFactory(
        applicant=UserFactory(last_name="Phommachanh", email="noy.keo@example.org"),
        service_title="Import licence",
    )
    other = ApplicationFactory(office=wanted.office)
    client.force_login(OfficerFactory(offices=[wanted.office]))
    for words in ("ommach", "NOY.KEO", "port lic"):
        html = client.get("/admin/applications/", {"q": words}).content.decode()
        assert wanted.reference in html, words
        assert other.reference not in html, words


@pytest.mark.django_db
def test_a_search_that_finds_many_people_finds_their_applications(client, monkeypatch):
    """The people a search finds are given to the query as a list up to a limit, beyond it
    as a subquery: either way their applications are found."""
    from portal.applications import selectors

    monkeypatch.setattr(selectors, "SEARCH_FOUND_LISTED", 2)
    office = OfficeFactory()
    found = [
        ApplicationFactory(office=office, applicant=UserFactory(last_name=f"Vongsa {n}"))
        for n in range(3)
    ]
    other = ApplicationFactory(office=office)
    client.force_login(OfficerFactory(offices=[office]))
    html = client.get("/admin/applications/", {"q": "vongsa"}).content.decode()
    assert all(application.reference in html for application in found)
    assert other.reference not in html


@pytest.mark.django_db
def test_officers_see_only_the_applications_of_the_offices_they_serve(client):
    mine, theirs = ApplicationFactory(), ApplicationFactory()
    officer = OfficerFactory(offices=[mine.office])
    client.force_login(officer)
    html = client.get("/admin/applications/").content.decode()
    assert mine.reference in html
    assert theirs.reference not in html
    assert client.get(f"/admin/applications/inspect/{theirs.pk}/").status_code == 404
    assert client.get(f"/admin/applications/inspect/{mine.pk}/").status_code == 200


@pytest.mark.django_db
def test_citizens_cannot_reach_the_listing(client):
    ApplicationFactory()
    client.force_login(UserFactory())
    response = client.get("/admin/applications/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/admin/applications/"


@pytest.mark.django_db
def test_nobody_adds_edits_or_deletes_applications_in_the_admin(client, admin_user):
    application = ApplicationFactory()
    client.force_login(admin_user)
    assert client.get("/admin/applications/").status_code == 200
    for url in (
        "/admin/applications/new/",
        f"/admin/applications/edit/{application.pk}/",
        f"/admin/applications/delete/{application.pk}/",
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_an_application_made_in_lao_shows_the_officer_the_labels_of_the_officers_language(
    client, service_page
):
    import copy

    from wagtail.models import Locale

    lao = Locale.objects.create(language_code="lo")
    for page in (service_page.get_parent().get_parent(), service_page.get_parent()):
        page.copy_for_translation(lao).save_revision().publish()
    lao_page = service_page.copy_for_translation(lao)
    lao_form = copy.deepcopy(service_page.application_form.raw_data)
    lao_form[0]["value"]["title"] = "ກ່ຽວກັບທ່ານ"
    lao_form[0]["value"]["fields"][0]["value"]["label"] = "ຊື່ ແລະ ນາມສະກຸນ"
    lao_page.application_form = lao_form
    lao_page.save_revision().publish()

    office = OfficeFactory()
    application = submit_application(
        lao_page, answers={"full_name": "ສົມໃຈ ພົມມະຈັນ"}, language="lo", office=office
    )
    client.force_login(OfficerFactory(offices=[office]))
    html = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert "<dt>Full name</dt><dd>ສົມໃຈ ພົມມະຈັນ</dd>" in html
    assert "<h3>About you</h3>" in html
    assert "ຊື່ ແລະ ນາມສະກຸນ" not in html


@pytest.mark.django_db
def test_the_officer_sees_the_submission_time_in_local_time_not_utc(client, settings):
    import datetime

    settings.TIME_ZONE = "Asia/Vientiane"
    application = ApplicationFactory(
        submitted_at=datetime.datetime(2026, 11, 22, 19, 48, tzinfo=datetime.UTC)
    )
    client.force_login(OfficerFactory(offices=[application.office]))
    html = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert "23 November 2026, 02:48" in html
    # Not the UTC time (the audit trail below, in UTC by design, may show 19:48 of today).
    assert "22 November 2026, 19:48" not in html and "2026-11-22 19:48" not in html
