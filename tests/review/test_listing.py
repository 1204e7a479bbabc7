import pytest

from tests.factories import ApplicationFactory, OfficerFactory, UserFactory


@pytest.mark.django_db
def test_the_officer_listing_shows_submitted_applications(client):
    application = ApplicationFactory(service_title="Construction permit")
    client.force_login(OfficerFactory())
    response = client.get("/admin/applications/")
    assert response.status_code == 200
    html = response.content.decode()
    assert application.reference in html
    assert "Construction permit" in html


@pytest.mark.django_db
def test_drafts_are_not_in_the_officer_listing(client):
    draft = ApplicationFactory(status="draft")
    client.force_login(OfficerFactory())
    assert draft.reference not in client.get("/admin/applications/").content.decode()


@pytest.mark.django_db
def test_the_listing_searches_by_reference(client):
    wanted, other = ApplicationFactory(), ApplicationFactory()
    client.force_login(OfficerFactory())
    html = client.get("/admin/applications/", {"q": wanted.reference}).content.decode()
    assert wanted.reference in html
    assert other.reference not in html


@pytest.mark.django_db
def test_citizens_cannot_reach_the_listing(client):
    ApplicationFactory()
    client.force_login(UserFactory())
    response = client.get("/admin/applications/")
    assert response.status_code in (302, 403)


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
