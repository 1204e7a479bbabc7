"""axe-core, in real Chromium, finds no WCAG 2.2 A/AA problem on the public catalogue pages."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from cms.models import ServicePageOffice
from tests.factories import OfficeFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`);
}"""


def violations(page, url):
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


@pytest.mark.parametrize("width", [360, 1280])
def test_catalogue_pages_have_no_accessibility_violations(page, service_page, width):
    ServicePageOffice.objects.create(page=service_page, office=OfficeFactory())
    page.set_viewport_size({"width": width, "height": 900})
    for url in (
        "/en/",
        service_page.get_parent().url,
        service_page.url,
        "/en/fees/",
        "/en/offices/",
        "/en/search/?q=enterprise",
        "/en/accounts/login/",
    ):
        assert violations(page, url) == [], url


def test_the_application_form_with_every_field_type_and_its_errors(page, service_page):
    from tests.factories import UserFactory
    from tests.forms.test_builder import EVERY_TYPE

    service_page.application_form = EVERY_TYPE
    service_page.save_revision().publish()
    user = UserFactory()
    page.goto("/en/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", "correct horse battery")
    page.click("main button[type=submit]")
    page.goto(service_page.url + "apply/")
    assert page.url.endswith("/apply/step-1/")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE) == []
    page.click("main button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
