import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision

from cms.models import HomePage, SectorPage, ServicePage
from portal.accounts.models import User


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "users": list(User.objects.order_by("email").values_list("email", "password")),
        "groups": list(Group.objects.order_by("name").values_list("name", "permissions")),
        "emails": EmailAddress.objects.count(),
        "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
    }


@pytest.mark.django_db
def test_demo_is_idempotent_and_prints_the_accounts(capsys):
    call_command("demo")
    first = snapshot()
    printed = capsys.readouterr().out
    call_command("demo")
    assert snapshot() == first

    for role in ("admin", "editor", "officer", "citizen"):
        assert f"{role}@onedoor.example" in printed
    assert first["locales"] == ["en", "km", "lo"]
    assert HomePage.objects.live().count() == 1
    assert SectorPage.objects.live().count() >= 1
    assert ServicePage.objects.live().count() >= 1


@pytest.mark.django_db
def test_demo_passwords_work(client):
    call_command("demo")
    for email, password in [
        ("admin@onedoor.example", "onedoor-admin"),
        ("citizen@onedoor.example", "onedoor-citizen"),
    ]:
        response = client.post(
            "/en/accounts/login/", {"login": email, "password": password}, follow=False
        )
        assert response.status_code == 302, email
        client.logout()


@pytest.mark.django_db
def test_demo_pages_render_for_anonymous_users(client):
    call_command("demo")
    service = ServicePage.objects.live().first()
    for url in ["/en/", service.get_parent().url, service.url, "/lo/", "/km/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert b"Apply online" in client.get(service.url).content
