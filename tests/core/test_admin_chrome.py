"""The admin's sidebar and keyboard shortcuts dialog, kept between pages (portal.core.admin_chrome):
the same as Wagtail builds them, and each person's own."""

import contextlib
import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.template import Library, engines
from wagtail.admin.templatetags import wagtailadmin_tags
from wagtail.users.models import UserProfile

from portal.core import admin_chrome
from tests.factories import OfficeFactory, OfficerFactory

SIDEBAR = re.compile(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>')
# A form's token, and the one the admin's scripts read from its configuration.
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value="|"CSRF_TOKEN": ")[^"]+"')


def templates_parsed_again() -> None:
    for loader in engines["django"].engine.template_loaders:
        if hasattr(loader, "reset"):
            loader.reset()


@contextlib.contextmanager
def wagtails_own_tags():
    """Wagtail's own two tags in its library, as without ``admin_chrome.install``."""
    library = wagtailadmin_tags.register
    library.simple_tag(admin_chrome.wagtail_sidebar_props, takes_context=True, name="sidebar_props")
    library.tag("keyboard_shortcuts_dialog", kept_inclusion_tag())
    templates_parsed_again()
    try:
        yield
    finally:
        admin_chrome.install()
        templates_parsed_again()


def kept_inclusion_tag():
    """Wagtail's inclusion tag for the dialog, as its module registers it."""
    library = Library()
    library.inclusion_tag("wagtailadmin/shared/keyboard_shortcuts_dialog.html", takes_context=True)(
        admin_chrome.wagtail_keyboard_shortcuts_dialog
    )
    return library.tags["keyboard_shortcuts_dialog"]


def page(client, path="/admin/applications/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return CSRF.sub(r"\1", response.content.decode())


def sidebar(html: str) -> str:
    """The sidebar's menu and person, as the admin's script reads them."""
    return json.dumps(json.loads(SIDEBAR.search(html).group(1)), ensure_ascii=False)


@pytest.mark.django_db
def test_an_admin_page_is_the_same_as_with_wagtails_own_tags(client):
    officer = OfficerFactory(first_name="Noy", last_name="Keo", offices=[OfficeFactory()])
    client.force_login(officer)
    with wagtails_own_tags():
        wagtails = page(client)
    ours = page(client)  # built and kept
    kept = page(client)  # read from where it was kept
    assert ours == wagtails
    assert kept == wagtails
    assert "Noy" in sidebar(kept) and 'id="keyboard-shortcuts-dialog"' in kept


@pytest.mark.django_db
def test_each_person_sees_their_own_name_and_menu(client):
    office = OfficeFactory()
    first = OfficerFactory(first_name="Noy", last_name="Keo", offices=[office])
    second = OfficerFactory(first_name="Dara", last_name="Sok", offices=[office])
    second.user_permissions.add(
        Permission.objects.get(content_type__app_label="payments", codename="record_cash")
    )
    client.force_login(first)
    first_sidebar = sidebar(page(client))
    client.force_login(second)
    second_sidebar = sidebar(page(client))
    assert '"Noy"' in first_sidebar and "Cashier" not in first_sidebar
    assert '"Dara"' in second_sidebar and '"Noy"' not in second_sidebar
    assert "Cashier" in second_sidebar


@pytest.mark.django_db
def test_a_permission_given_shows_in_the_menu_on_the_next_page(client):
    officer = OfficerFactory(offices=[OfficeFactory()])
    client.force_login(officer)
    assert "Cashier" not in sidebar(page(client))
    officer.user_permissions.add(
        Permission.objects.get(content_type__app_label="payments", codename="record_cash")
    )
    assert "Cashier" in sidebar(page(client))


@pytest.mark.django_db
def test_the_menu_and_shortcuts_are_in_the_readers_language(client):
    officer = OfficerFactory(offices=[OfficeFactory()])
    client.force_login(officer)
    english = page(client)
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "lo"
    profile.save()
    lao = page(client)
    assert sidebar(lao) != sidebar(english)
    assert re.search("[\u0e80-\u0eff]", sidebar(lao))  # the menu in Lao script
    dialog = lao[lao.index('id="keyboard-shortcuts-dialog"') :][:3000]
    assert re.search("[\u0e80-\u0eff]", dialog)
