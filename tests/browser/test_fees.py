"""The fees page on a phone: each service's fee and working days are on screen, labelled,
without scrolling sideways."""

import pytest
from wagtail.models import Locale

from tests.factories import SectorPageFactory, ServicePageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

IN_VIEW = """(element) => {
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth;
}"""


@pytest.fixture
def lao_fees(home_page):
    sector = SectorPageFactory(parent=home_page, slug="business", title="Business and commerce")
    service = ServicePageFactory(
        parent=sector,
        slug="enterprise-registration",
        title="Enterprise registration for a sole trader, a partnership or a company",
        service_standard_days=15,
        fee_currency="LAK",
        fee=[
            {
                "type": "options",
                "value": {
                    "options": [
                        {"label": "Sole trader", "amount": "100000"},
                        {"label": "Limited company with foreign shareholders", "amount": "500000"},
                    ]
                },
            }
        ],
    )
    lao = Locale.objects.create(language_code="lo")
    for page in (home_page, sector):
        page.copy_for_translation(lao).save_revision().publish()
    translation = service.copy_for_translation(lao)
    translation.title = "ການຈົດທະບຽນວິສາຫະກິດ ສຳລັບວິສາຫະກິດສ່ວນບຸກຄົນ, ຫຸ້ນສ່ວນ ຫຼື ບໍລິສັດ"
    translation.save_revision().publish()
    return translation


def test_at_360px_each_service_shows_its_fee_and_days_on_screen(page, lao_fees):
    page.goto("/lo/fees/")
    row = page.locator("main tbody tr").first
    fee = row.locator("td").nth(2)
    days = row.locator("td").nth(3)
    assert "500,000" in fee.inner_text()
    assert "15" in days.inner_text()
    for cell in (fee, days):
        assert cell.evaluate(IN_VIEW), cell.inner_text()
    # Each value says what it is, in the reader's language.
    assert "ຄ່າທຳນຽມ" in fee.inner_text()
    assert "ວັນລັດຖະການ" in days.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    region = page.locator(".onedoor-table-scroll")
    assert region.evaluate("(element) => element.scrollWidth <= element.clientWidth")
    # The sort links stay within reach.
    for link in page.locator("main thead a").all():
        assert link.evaluate(IN_VIEW), link.inner_text()
    page.screenshot(path="/tmp/fees-lo-360.png", full_page=True)


def test_at_1280px_the_fees_are_a_table_with_headers(page, lao_fees):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/lo/fees/")
    headers = page.locator("main thead th")
    assert headers.count() == 4
    assert all(header.is_visible() for header in headers.all())
    row = page.locator("main tbody tr").first
    # Labels are the column headers' job on a wide screen.
    assert "ຄ່າທຳນຽມ" not in row.locator("td").nth(2).inner_text()
    top = {round(cell.bounding_box()["y"]) for cell in row.locator("td").all()}
    assert len(top) == 1  # one line of cells
    page.screenshot(path="/tmp/fees-lo-1280.png", full_page=True)
