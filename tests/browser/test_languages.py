"""Lao and Khmer render with the fonts we serve, at 360 px, with nothing loaded from outside."""

import re

import pytest
from wagtail.models import Locale

from tests.factories import SectorPageFactory, ServicePageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FONT_LOADED = """async (family) => {
  await document.fonts.ready;
  return [...document.fonts].some(
    (face) => face.family.includes(family) && face.status === "loaded"
  );
}"""


@pytest.fixture
def khmer_service(home_page):
    sector = SectorPageFactory(parent=home_page, slug="civil", title="Civil registration")
    service = ServicePageFactory(parent=sector, slug="birth", title="Copy of a birth certificate")
    khmer = Locale.objects.create(language_code="km")
    for page in (home_page, sector):
        page.copy_for_translation(khmer).save_revision().publish()
    translation = service.copy_for_translation(khmer)
    translation.title = "ការចុះបញ្ជីសំបុត្រកំណើត"
    translation.summary = "សេវាផ្តល់ច្បាប់ចម្លងសំបុត្រកំណើត។"
    translation.save_revision().publish()
    return translation


def test_a_khmer_service_page_renders_in_our_khmer_font_at_360px(page, khmer_service):
    page.goto(khmer_service.url)
    assert page.locator("h1").inner_text() == "ការចុះបញ្ជីសំបុត្រកំណើត"
    assert page.evaluate(FONT_LOADED, "Noto Sans Khmer")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("html").get_attribute("lang") == "km"


@pytest.mark.parametrize(
    ("language", "family", "script"),
    [("km", "Noto Sans Khmer", "\u1780-\u17ff"), ("lo", "Noto Sans Lao", "\u0e80-\u0eff")],
)
def test_the_admin_renders_lao_and_khmer_in_our_fonts(
    browser, live_server, language, family, script
):
    """An officer reading the admin in Khmer or Lao on an office computer with no such font of
    its own still reads the script, in the font we serve."""
    from wagtail.users.models import UserProfile

    from tests.browser.test_back_office import sign_in
    from tests.factories import OfficeFactory, OfficerFactory

    officer = OfficerFactory(offices=[OfficeFactory()])
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = language
    profile.save()
    context, page = sign_in(browser, live_server, officer)
    try:
        assert page.locator("html").get_attribute("lang") == language
        assert re.search(f"[{script}]", page.locator("nav").inner_text())  # the menu in it
        assert page.evaluate(FONT_LOADED, family)
        stack = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert stack.startswith('"Noto Sans Lao", "Noto Sans Khmer"'), stack
    finally:
        context.close()
