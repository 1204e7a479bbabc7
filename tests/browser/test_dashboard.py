"""A district manager reads the dashboard in Lao, on a desk and on a phone, in real Chromium:
the page fits, the charts are named images, the period is chosen with the form and kept in
the address, a table downloads as CSV, and axe finds nothing serious. The public statistics
fit a phone too. The words are not asserted (their Lao is being written): the language of the
page, its layout and its behaviour are."""

import csv
import io
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.users.models import UserProfile

from tests.dashboard.conftest import october, world  # noqa: F401 (their fixtures)
from tests.factories import UserFactory, give_totp, totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
  });
  return result.violations.map(
    (v) => ({id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" "))})
  );
}"""
# How far the page is wider than the window (0 when it fits): the document, and <main>, which
# in the Wagtail admin scrolls by itself and would cut off, not scroll, what is too wide.
OVERFLOW = """() => Math.max(
  document.documentElement.scrollWidth - window.innerWidth,
  ...[document.body, document.querySelector("main")].map((e) => e.scrollWidth - e.clientWidth)
)"""
# The table regions whose table is wider than the region: they scroll inside themselves.
SCROLLING_REGIONS = """() => [...document.querySelectorAll("[role=region] > table")]
  .map((table) => table.parentElement)
  .filter((region) => region.scrollWidth > region.clientWidth)
  .map((region) => getComputedStyle(region).overflowX)"""
# The smallest size, in screen pixels, at which the charts' words are drawn.
SMALLEST_CHART_WORDS = """() => Math.min(...[...document.querySelectorAll("svg.od-chart text")]
  .map((text) => text.getScreenCTM().d * parseFloat(text.getAttribute("font-size"))))"""
OCTOBER = {"period": "dates", "start": "2026-10-01", "end": "2026-10-31"}


@pytest.fixture
def xaysetha(request):
    """The office of the hand-counted October of tests/dashboard (five of its six applications
    came to Xaysetha)."""
    request.getfixturevalue("october")
    return request.getfixturevalue("world")["xaysetha"]


def axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


def serious(found: list[dict]) -> list[dict]:
    return [v for v in found if v["impact"] in ("serious", "critical")]


def district_manager(office):
    """A manager of one office, with the admin in Lao (Wagtail's own preference)."""
    manager = UserFactory(email="manager@onedoor.test", is_staff=False)
    # The group its migration makes (a transactional test before this one flushed it).
    managers, _created = Group.objects.get_or_create(name="Managers")
    for app, codename in import_module("portal.dashboard.migrations.0002_managers").GROUPS[
        "Managers"
    ]:
        managers.permissions.add(
            Permission.objects.get(content_type__app_label=app, codename=codename)
        )
    manager.groups.add(managers)
    manager.offices.add(office)
    give_totp(manager)
    profile = UserProfile.get_for_user(manager)
    profile.preferred_language = "lo"
    profile.save()
    return manager


def sign_in(browser, live_server, user):
    """A browser of the manager's own, signed in with the password and the second factor."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.goto("/admin/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", "correct horse battery")
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.fill("input[name=code]", totp_code())
    page.click("main button[type=submit]")
    page.wait_for_url("**/admin/")
    return context, page


def headline(page) -> list[str]:
    return page.locator(".od-headline dd").all_inner_texts()


def charts_named(page) -> list[str]:
    """The charts' names, each checked to be found by a screen reader: an image by that name."""
    names = [chart.get_attribute("aria-label") for chart in page.locator("main svg").all()]
    names = [name for name in names if name is not None]  # not the plots inside a chart
    for name in names:
        assert name.strip()
        assert page.get_by_role("img", name=name, exact=True).count() >= 1, name
    return names


def test_a_district_manager_reads_the_dashboard_in_lao_on_a_desk_and_a_phone(
    browser, live_server, xaysetha
):
    context, page = sign_in(browser, live_server, district_manager(xaysetha))
    try:
        # The admin's home page opens with the headline of the manager's office.
        assert page.locator("html").get_attribute("lang") == "lo"
        assert page.locator(".od-headline dd").count() == 5
        page.goto("/admin/dashboard/")
        assert page.locator("html").get_attribute("lang") == "lo"
        # The header shows the page's name (its heading is for screen readers only), not
        # only the way back home.
        title = page.locator("header h1").inner_text().strip()
        assert page.locator(".w-breadcrumbs li").last.inner_text().strip() == title
        this_month = headline(page)  # December: nothing received yet
        assert this_month[0] == "0"

        # The period chosen with the form: between two dates in October.
        form = page.locator("main form").filter(has=page.locator("select[name=period]"))
        form.locator("select[name=period]").select_option("dates")
        form.locator("input[name=start]").fill(OCTOBER["start"])
        form.locator("input[name=end]").fill(OCTOBER["end"])
        form.locator("button[type=submit]").click()
        page.wait_for_url("**/admin/dashboard/?*period=dates*")
        for name, value in OCTOBER.items():
            assert f"{name}={value}" in page.url
        assert page.locator("html").get_attribute("lang") == "lo"
        october_figures = headline(page)
        assert october_figures != this_month
        assert october_figures[0] == "5"  # A1 to A5 came to Xaysetha; A6 to the other office
        assert form.locator("select[name=period]").input_value() == "dates"
        assert form.locator("input[name=start]").input_value() == OCTOBER["start"]

        # Every chart is an image named by its title; the tables scroll in their own regions.
        named = charts_named(page)
        assert len(named) >= 10
        assert page.evaluate(OVERFLOW) <= 0
        assert serious(axe(page)) == []

        # One table, downloaded as CSV, as the manager's choice counts it.
        link = page.locator("a[href*='table=volumes_by_service'][href*='export=csv']")
        with page.expect_download() as waiting:
            link.click()
        download = waiting.value
        assert download.suggested_filename == "volumes_by_service-20261001-20261031.csv"
        rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
        # service, received, completed, withdrawn, referred, counter, fee waived
        assert len(rows[0]) == 7
        counts = {row[0]: row[1:] for row in rows[1:]}
        assert counts == {
            "Business licence": ["3", "2", "0", "1", "0", "0"],  # A1 A2 A4; A4 referred
            "Transport permit": ["2", "1", "1", "0", "1", "0"],  # A3 at the counter, A5 withdrawn
        }  # A6, whose fee was waived, came to the other office

        # On a phone: the document does not scroll sideways; the wide tables do, inside.
        page.set_viewport_size({"width": 360, "height": 740})
        page.reload()
        assert page.evaluate(OVERFLOW) <= 0
        scrolling = page.evaluate(SCROLLING_REGIONS)
        assert scrolling and set(scrolling) == {"auto"}
        assert len(charts_named(page)) == len(named)
        assert page.evaluate(SMALLEST_CHART_WORDS) >= 11  # not shrunk with the chart
        assert serious(axe(page)) == []
    finally:
        context.close()


def test_the_public_statistics_in_lao_fit_a_phone(page, xaysetha):
    page.goto("/lo/statistics/")
    assert page.locator("html").get_attribute("lang") == "lo"
    assert page.locator("table").count() == 3
    assert page.evaluate(OVERFLOW) <= 0
    assert axe(page) == []
