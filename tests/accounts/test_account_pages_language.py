"""The account pages (django-allauth's) speak Lao and Khmer, from catalogues of our own."""

import pytest

PAGES = ["/{lang}/accounts/login/", "/{lang}/accounts/signup/", "/{lang}/accounts/password/reset/"]
ENGLISH = [
    "Sign In",
    "Sign Up",
    "Password Reset",
    "Forgot your password?",
    "Remember Me",
    # Django's own words: the password rules and form errors (Django ships no Lao).
    "Your password",
    "This field is required",
    "digital identity",
]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["lo", "km"])
@pytest.mark.parametrize("page", PAGES)
def test_the_account_pages_are_in_the_readers_language(client, lang, page):
    html = client.get(page.format(lang=lang)).content.decode()
    main = html[html.find("<main") :]
    left = [text for text in ENGLISH if text in main]
    assert left == [], left


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["lo", "km"])
def test_django_form_errors_are_in_the_readers_language(client, lang):
    html = client.post(
        f"/{lang}/accounts/signup/", {"email": "not an address", "password1": "123"}
    ).content.decode()
    main = html[html.find("<main") :]
    for english in ("Enter a valid email address", "This field is required", "too short"):
        assert english not in main


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["lo", "km"])
def test_signing_in_and_out_from_a_page_in_lao_or_khmer_lands_on_the_home_page_in_it(client, lang):
    """The browser says English; the reader chose Lao (or Khmer) on the portal's pages."""
    from tests.factories import UserFactory

    UserFactory(email="noy@example.org")
    signed_in = client.post(
        f"/{lang}/accounts/login/",
        {"login": "noy@example.org", "password": "correct horse battery"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == f"/{lang}/"
    signed_out = client.post(f"/{lang}/accounts/logout/", HTTP_ACCEPT_LANGUAGE="en")
    assert signed_out.status_code == 302 and signed_out["Location"] == f"/{lang}/"
