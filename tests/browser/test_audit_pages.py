"""The audit trail's pages in a real browser: an application's records on its page, and the
Auditors' listing, with no problem axe-core finds."""

from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission

from tests.browser.test_back_office import chain_officer, sign_in
from tests.browser.test_officer_pages import problems
from tests.factories import OfficeFactory, UserFactory, give_totp, submit_application

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_applications_records_and_the_auditors_listing_pass_axe(
    browser, live_server, service_page
):
    office = OfficeFactory(name="Xaysetha District")
    application = submit_application(service_page, office=office)
    officer = chain_officer(office, "officer@onedoor.test")
    context, page = sign_in(browser, live_server, officer)
    url = f"/admin/applications/inspect/{application.pk}/?audit=all"
    assert problems(page, url) == []
    assert page.get_by_text("Application opened").first.is_visible()
    context.close()

    auditor = UserFactory(email="auditor@onedoor.test")
    # The group its data migration makes (an earlier transactional test may have flushed it).
    auditors, _created = Group.objects.get_or_create(name="Auditors")
    for app, codename in import_module("portal.audit.migrations.0003_auditors").PERMISSIONS:
        auditors.permissions.add(
            Permission.objects.get(content_type__app_label=app, codename=codename)
        )
    auditor.groups.add(auditors)
    give_totp(auditor)
    context, page = sign_in(browser, live_server, auditor)
    assert problems(page, "/admin/audit_trail/") == []
    assert page.get_by_role("cell", name="officer@onedoor.test").first.is_visible()
    # Filtered, the listing's count of matches is Wagtail's own <h2 role="alert">, which axe
    # finds fault with; nothing else.
    found = problems(page, "/admin/audit_trail/?action=signed_in&person=officer")
    assert found in ([], ['aria-allowed-role: h2[role="alert"]'])
    assert page.get_by_role("cell", name="officer@onedoor.test").first.is_visible()
    context.close()
