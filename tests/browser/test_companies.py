"""A company's owner keeps a document, in real Chromium at 360 px: the upload shows its
progress, the page it leads to says it is kept, and the company's page fits the phone."""

import pytest

from portal.accounts.models import CompanyDocument, CompanyMembership
from tests.conftest import make_pdf
from tests.factories import CompanyFactory, UserFactory, company_member

from .test_apply import no_violations, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_owner_keeps_a_company_document_and_is_told_so(page, tmp_path):
    company = CompanyFactory(name="Mekong Coffee Co., Ltd")
    owner = company_member(company, UserFactory(), role=CompanyMembership.Role.OWNER)
    for number in range(3):
        company_member(company, UserFactory(first_name=f"Member{number}", last_name="Phommachanh"))
    scan = tmp_path / "registration certificate 2026.pdf"
    scan.write_bytes(make_pdf().read())

    sign_in(page, owner)
    page.wait_for_load_state("networkidle")
    page.goto(f"/en/my/companies/{company.pk}/documents/new/")
    page.select_option("select[name=kind]", "registration")
    page.fill("input[name=title]", "Enterprise registration certificate 01-000123")
    page.set_input_files("input[type=file]", str(scan))
    with page.expect_request(lambda request: request.method == "POST") as sent:
        page.click("main form button[type=submit]")
    assert sent.value.resource_type == "xhr"  # sent with progress shown
    page.wait_for_url(lambda url: url.endswith(f"/en/my/companies/{company.pk}/"))
    banner = page.locator(".govuk-notification-banner--success").inner_text()
    assert "Enterprise registration certificate 01-000123 is kept" in banner
    assert CompanyDocument.objects.get().original_name == "registration certificate 2026.pdf"

    # The company's page, with its documents and members, fits a phone.
    no_violations(page, javascript=True)
    assert page.locator("text=Make an owner").first.is_visible()
