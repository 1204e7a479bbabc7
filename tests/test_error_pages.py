"""An unknown address and a server error show the portal's own light pages, in the reader's
language, with a way back; the error page tells nothing of the error."""

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import translation

HEADINGS = {
    "en": ("Page not found", "Sorry, there is a problem with the service"),
    "lo": ("ບໍ່ພົບໜ້ານີ້", "ຂໍອະໄພ, ລະບົບມີບັນຫາ"),
    "km": ("រកមិនឃើញទំព័រនេះទេ", "សូមអភ័យទោស សេវាកំពុងមានបញ្ហា"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("language", ["en", "lo", "km"])
def test_an_unknown_address_shows_our_page_not_found(client, home_page, settings, language, debug):
    """In the demo (DEBUG) too: Django's technical page is for developers, not visitors."""
    settings.DEBUG = debug
    response = client.get(f"/{language}/no-such-service/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert HEADINGS[language][0] in html
    assert f'href="/{language}/"' in html
    assert f'href="/{language}/search/"' in html
    assert "URLconf" not in html and "technical" not in html.lower()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "lo", "km"])
def test_a_server_error_shows_our_page_without_detail(home_page, monkeypatch, language):
    def broken(**kwargs):
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr("cms.catalogue.service_search", broken)
    client = Client(raise_request_exception=False)
    response = client.get(f"/{language}/search/", {"q": "tax"})
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert HEADINGS[language][1] in html
    assert f'href="/{language}/"' in html
    assert "secret detail" not in html and "RuntimeError" not in html
    assert "Traceback" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "lo", "km"])
def test_both_error_templates_render_in_every_language(home_page, language):
    request = RequestFactory().get(f"/{language}/missing/")
    with translation.override(language):
        not_found = render_to_string("404.html", request=request)
        # Django renders 500.html with no context and no request: nothing may need them.
        error = render_to_string("500.html")
    assert HEADINGS[language][0] in not_found
    assert HEADINGS[language][1] in error
    assert f'lang="{language}"' in error


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "The files you sent are too large"),
        ("lo", "ໄຟລ໌ທີ່ທ່ານສົ່ງມີຂະໜາດໃຫຍ່ເກີນໄປ"),
        ("km", "ឯកសារដែលអ្នកបានផ្ញើធំពេក"),
    ],
)
def test_a_request_too_large_to_read_shows_our_page_in_the_readers_language(
    client, home_page, settings, language, heading
):
    settings.UPLOAD_REQUEST_MAX_MB = 2
    response = client.generic(
        "POST",
        f"/{language}/companies/new/",
        b"x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(3 * 1024 * 1024),
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert heading in html
    assert f'href="/{language}/"' in html
