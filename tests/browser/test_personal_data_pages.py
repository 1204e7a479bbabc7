"""The personal-data pages in a real browser, in English, Lao and Khmer: a person downloads
what is held about them and deletes their account after giving their password again; a
manager finds an application in the admin, exports it and removes its personal data with the
request's reason. On every page axe-core finds nothing, nothing is wider than a 360 px phone,
and a wrong answer is told beside its field with what was typed kept."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from portal.accounts.models import User
from portal.applications.models import Application
from tests.browser.test_accessibility import AXE, RUN_AXE
from tests.browser.test_back_office import sign_in
from tests.browser.test_officer_pages import RUN_AXE_AND_BEST_PRACTICE
from tests.conftest import managers_group
from tests.factories import OfficeFactory, UserFactory, give_totp, submit_application

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = ["en", "lo", "km"]
# Each language's script (English: Latin letters).
SCRIPTS = {"en": "A-Za-z", "lo": "\u0e80-\u0eff", "km": "\u1780-\u17ff"}
PASSWORD = "correct horse battery"
# How far the page is wider than the window (0 when it fits): the document, and <main>, which
# in the Wagtail admin scrolls by itself and would cut off, not scroll, what is too wide.
OVERFLOW = """() => Math.max(
  document.documentElement.scrollWidth - window.innerWidth,
  ...[document.body, document.querySelector("main")].map((e) => e.scrollWidth - e.clientWidth)
)"""

# Nothing moving on the page any more (a repeating animation, the pulse of Wagtail's badge on a
# new feature, is not waited for). The messages the server wrote into the admin's page are
# shown as they are, with no class added.
SETTLED = """() => document.getAnimations().every(
  (a) => a.playState !== "running" || a.effect.getTiming().iterations > 1
)"""
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def finished_application(service_page, **kwargs) -> Application:
    application = submit_application(service_page, **kwargs)
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.COMPLETED, finished_at=timezone.now()
    )
    application.refresh_from_db()
    return application


def in_language(text: str, language: str) -> str:
    """The text, checked to be written in the language's script (translated, not English)."""
    assert re.search(f"[{SCRIPTS[language]}]", text), (language, text)
    return text


def zip_names(download) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())).namelist()


# The citizen's side ---------------------------------------------------------------------------


def fits_and_passes_axe(page, language, *, heading="main h1"):
    """The public page is in the language (its heading in our words), fits a phone and axe
    finds nothing on it."""
    assert page.locator("html").get_attribute("lang") == language, page.url
    in_language(page.locator(heading).first.inner_text(), language)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE) == [], page.url


def field_error(page, name):
    """The error message in the form group of the input named ``name`` (beside it)."""
    group = page.locator(".govuk-form-group--error").filter(has=page.locator(f"[name='{name}']"))
    message = group.locator(".govuk-error-message")
    expect(message).to_be_visible()
    return message.inner_text().strip()


def sign_in_as(page, user, language):
    """Signed in on the sign-in page, then in the language chosen with the language links
    (signing in lands on the home page in the browser's language)."""
    page.goto(f"/{language}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    choose = page.locator(f".govuk-language-navigation a[hreflang={language}]")
    if choose.count():
        choose.click()
        page.wait_for_url(f"**/{language}/**")


def open_your_account(page):
    """The header's link to the account, behind the menu button on a phone."""
    toggle = page.locator(".govuk-service-navigation__toggle")
    if toggle.is_visible():
        toggle.click()
    page.locator("#navigation a[href$='/my/account/']").click()
    page.wait_for_url("**/my/account/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_person_downloads_their_data_and_deletes_their_account(page, service_page, language):
    user = UserFactory(email="somchai@example.org")
    finished_application(service_page, applicant=user, office=OfficeFactory())
    sign_in_as(page, user, language)
    open_your_account(page)
    fits_and_passes_axe(page, language)

    # "Download my data": the password first, again.
    page.locator("main form[action$='/my/account/data/'] button[type=submit]").click()
    page.wait_for_url("**/accounts/reauthenticate/**")
    fits_and_passes_axe(page, language)
    page.fill("input[name=password]", "not my password")
    page.click("main button[type=submit]")
    in_language(field_error(page, "password"), language)
    # The summary above leads to the field.
    summary_link = page.locator(".govuk-error-summary a[href='#id_password']")
    assert summary_link.is_visible()
    fits_and_passes_axe(page, language)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_download() as waiting:
        page.click("main button[type=submit]")
    download = waiting.value
    assert download.suggested_filename.startswith("my-data-")
    assert download.suggested_filename.endswith(".zip")
    assert zip_names(download)

    # "Delete my account", from the account page: what goes and what stays.
    page.goto(f"/{language}/my/account/")
    page.locator("main a[href$='/my/account/delete/']").click()
    page.wait_for_url("**/my/account/delete/")
    fits_and_passes_axe(page, language)
    # Its link to the download page, and back.
    page.locator("main a[href$='/my/account/data/']").click()
    page.wait_for_url("**/my/account/data/")
    fits_and_passes_axe(page, language)
    download_button = page.locator("main form[action$='/my/account/data/'] button[type=submit]")
    with page.expect_download() as waiting:
        download_button.click()
    assert zip_names(waiting.value)
    with page.expect_download():
        download_button.click()
    # A fourth in the hour: told to wait, above the button.
    download_button.click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    fits_and_passes_axe(page, language)
    page.locator("a.govuk-back-link").click()
    page.wait_for_url("**/my/account/")
    page.locator("main a[href$='/my/account/delete/']").click()
    page.wait_for_url("**/my/account/delete/")
    page.locator("main form button.govuk-button--warning").click()
    # Signed out, on the home page in the language they read, told so in it.
    page.wait_for_url(f"**/{language}/")
    with translation.override(language):
        told = translation.gettext("Your account is deleted.")
    assert page.locator(".govuk-notification-banner").inner_text().count(told) == 1
    # The home page's title is the editors' content, not ours: the banner is.
    fits_and_passes_axe(page, language, heading=".govuk-notification-banner")
    assert not User.objects.filter(email="somchai@example.org").exists()


def test_a_person_told_what_keeps_their_account_fits_a_phone(page, service_page):
    """An application still open keeps the account: the page says which, and leads to it."""
    user = UserFactory(email="somchai@example.org")
    open_one = submit_application(service_page, applicant=user, office=OfficeFactory())
    sign_in_as(page, user, "en")
    page.goto("/en/my/account/delete/")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/my/account/delete/")
    for language in LANGUAGES:
        page.goto(f"/{language}/my/account/delete/")
        assert page.locator(f"main a:has-text('{open_one.reference}')").is_visible()
        assert page.locator("main form button.govuk-button--warning").count() == 0
        fits_and_passes_axe(page, language)


def age_sign_ins(page, seconds=3600):
    """Every sign-in of the browser's session ``seconds`` older, as if the person had left
    the page open that long."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    [key] = [
        c["value"] for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME
    ]
    session = SessionStore(session_key=key)
    records = session["account_authentication_methods"]
    for record in records:
        record["at"] -= seconds
    session["account_authentication_methods"] = records
    session.save()


def code_in(mail) -> str:
    return re.search(r"\b(\d{6})\b", mail.body).group(1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_guest_proves_their_address_again_with_a_code_before_deleting(page, mailoutbox, language):
    guest = User(email="noy@example.org", first_name="Noy")
    guest.set_unusable_password()
    guest.save()
    account = f"/{language}/my/account/"
    page.goto(f"/{language}/accounts/guest/?next={account}")
    page.fill("input[name=email]", guest.email)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/guest/code/")
    page.fill("input[name=code]", code_in(mailoutbox[-1]))
    page.click("main button[type=submit]")
    page.wait_for_url(f"**{account}")

    age_sign_ins(page)  # an hour later: the code again, before the account goes
    page.locator("main a[href$='/my/account/delete/']").click()
    page.wait_for_url("**/accounts/guest/?next=*")
    fits_and_passes_axe(page, language)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/guest/code/")
    fits_and_passes_axe(page, language)
    right = code_in(mailoutbox[-1])
    wrong = "000000" if right != "000000" else "111111"
    page.fill("input[name=code]", wrong)
    page.click("main button[type=submit]")
    in_language(field_error(page, "code"), language)
    assert page.input_value("input[name=code]") == wrong
    fits_and_passes_axe(page, language)
    page.fill("input[name=code]", right)
    page.click("main button[type=submit]")
    page.wait_for_url("**/my/account/delete/")
    fits_and_passes_axe(page, language)
    page.locator("main form button.govuk-button--warning").click()
    page.wait_for_url(f"**/{language}/")
    assert not User.objects.filter(email="noy@example.org").exists()


# The manager's side, in the Wagtail admin -----------------------------------------------------


def manager(office, language):
    user = UserFactory(email="manager@onedoor.test", is_staff=False)
    user.groups.add(managers_group("Managers"))
    user.offices.add(office)
    give_totp(user)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def admin_fits_and_passes_axe(page, language):
    """The admin page is in the manager's language, fits a phone, and axe finds nothing."""
    page.wait_for_function(SETTLED)
    assert page.locator("html").get_attribute("lang") == language, page.url
    in_language(page.locator("main .nice-padding").first.inner_text(), language)
    page.set_viewport_size({"width": 360, "height": 740})
    try:
        # The admin lays itself out again for a phone (its sidebar folds away): once drawn
        # twice and nothing moves any more.
        page.evaluate(TWO_FRAMES)
        page.wait_for_function(SETTLED)
        assert page.evaluate(OVERFLOW) <= 0, page.url
        page.add_script_tag(path=str(AXE))
        assert page.evaluate(RUN_AXE_AND_BEST_PRACTICE) == [], page.url
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def admin_field_error(page, name):
    """The error message of the admin field holding the input named ``name`` (beside it)."""
    wrapper = page.locator(".w-field__wrapper").filter(has=page.locator(f"[name='{name}']"))
    message = wrapper.locator(".error-message")
    expect(message).to_be_visible()
    return message.inner_text().strip()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_manager_finds_exports_and_removes_an_applications_personal_data(
    browser, live_server, service_page, language
):
    office = OfficeFactory(name="Xaysetha District")
    application = finished_application(service_page, office=office)
    context, page = sign_in(browser, live_server, manager(office, language))
    try:
        page.locator("a[href='/admin/personal-data/']").first.click()
        page.wait_for_url("**/admin/personal-data/")
        admin_fits_and_passes_axe(page, language)

        # Nothing typed; then a code of no application: told beside the field, kept.
        page.click("main form button[type=submit]")
        in_language(admin_field_error(page, "reference"), language)
        admin_fits_and_passes_axe(page, language)
        page.fill("input[name=reference]", "NO-SUCH-CODE")
        page.click("main form button[type=submit]")
        in_language(admin_field_error(page, "reference"), language)
        assert page.input_value("input[name=reference]") == "NO-SUCH-CODE"
        page.fill("input[name=reference]", application.reference.lower())
        page.click("main form button[type=submit]")
        page.wait_for_url(f"**/admin/applications/{application.pk}/personal-data/")
        admin_fits_and_passes_axe(page, language)

        # Export: no reason chosen is told beside the reasons; the reference typed stays.
        page.fill("input[name=export-reference]", "LTR-2026-118")
        page.fill("input[name=export-note]", "Letter of 2 December")
        page.locator("form:has([name=export-reference]) button[type=submit]").click()
        page.wait_for_load_state()
        in_language(admin_field_error(page, "export-reason"), language)
        assert page.input_value("input[name=export-reference]") == "LTR-2026-118"
        assert page.input_value("input[name=export-note]") == "Letter of 2 December"
        admin_fits_and_passes_axe(page, language)
        page.check("input[name=export-reason][value=request]")
        with page.expect_download() as waiting:
            page.locator("form:has([name=export-reference]) button[type=submit]").click()
        assert waiting.value.suggested_filename == f"{application.reference}.zip"
        assert zip_names(waiting.value)

        # Removal: an empty reference is told beside it; the reason and note chosen stay.
        page.check("input[name=remove-reason][value=court_order]")
        page.fill("input[name=remove-note]", "Order 7/2026")
        page.locator("form:has([name=remove-reference]) button[type=submit]").click()
        page.wait_for_load_state()
        in_language(admin_field_error(page, "remove-reference"), language)
        assert page.is_checked("input[name=remove-reason][value=court_order]")
        assert page.input_value("input[name=remove-note]") == "Order 7/2026"
        admin_fits_and_passes_axe(page, language)
        page.fill("input[name=remove-reference]", "CRT-7-2026")
        page.locator("form:has([name=remove-reference]) button[type=submit]").click()
        # The page that says it cannot be undone, with what was given.
        page.wait_for_selector("main form input[name=remove-confirm]", state="attached")
        assert page.input_value("input[name=remove-reference]") == "CRT-7-2026"
        assert page.is_checked("input[name=remove-reason][value=court_order]")
        admin_fits_and_passes_axe(page, language)
        page.locator("main form button.no").click()
        page.wait_for_url(f"**/admin/applications/{application.pk}/personal-data/")
        with translation.override(language):
            told = translation.gettext("The personal data of %(reference)s is removed.")
        expect(page.locator(".messages li")).to_have_text(
            told % {"reference": application.reference}
        )
        assert page.locator("main form").count() == 0
        admin_fits_and_passes_axe(page, language)
    finally:
        context.close()
    application.refresh_from_db()
    assert application.personal_data_purged_at is not None
