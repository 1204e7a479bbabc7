import pytest

from tests.factories import ApplicationFactory, UserFactory


@pytest.mark.django_db
def test_applicants_see_their_own_applications_only(client):
    mine = ApplicationFactory()
    theirs = ApplicationFactory()
    client.force_login(mine.applicant)
    html = client.get("/en/my/applications/").content.decode()
    assert mine.reference in html
    assert theirs.reference not in html
    assert client.get(f"/en/my/applications/{mine.reference}/").status_code == 200
    assert client.get(f"/en/my/applications/{theirs.reference}/").status_code == 404


@pytest.mark.django_db
def test_my_applications_asks_to_sign_in(client):
    UserFactory()
    response = client.get("/en/my/applications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
