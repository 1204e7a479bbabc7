"""Services are found by a word in any of the three languages, even inside a Lao or Khmer phrase."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from tests.factories import SectorPageFactory, ServicePageFactory


def translate(page, code, **fields):
    translation = page.copy_for_translation(
        Locale.objects.get_or_create(language_code=code)[0], copy_parents=True
    )
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


@pytest.fixture
def catalogue(home_page):
    sector = SectorPageFactory(parent=home_page, slug="investment", title="Investment")
    investment = ServicePageFactory(
        parent=sector, slug="investment-licence", title="Investment licence"
    )
    registration = ServicePageFactory(
        parent=sector,
        slug="service-registration",
        title="Registration of a service",
        summary="Register your business activity.",
    )
    for code in ("lo", "km"):
        translate(home_page, code)
    translate(investment, "lo", title="ການອອກອະນຸຍາດການລົງທຶນ", summary="ອະນຸຍາດລົງທຶນ")
    translate(registration, "km", title="ការចុះបញ្ជីសេវា", summary="ចុះបញ្ជីអាជីវកម្ម")
    return investment, registration


@pytest.mark.django_db
def test_a_lao_word_inside_a_lao_phrase_is_found(client, catalogue):
    html = client.get("/lo/search/", {"q": "ລົງທຶນ"}).content.decode()
    assert "ການອອກອະນຸຍາດການລົງທຶນ" in html


@pytest.mark.django_db
def test_a_khmer_word_inside_a_khmer_phrase_is_found(client, catalogue):
    html = client.get("/km/search/", {"q": "ចុះបញ្ជី"}).content.decode()
    assert "ការចុះបញ្ជីសេវា" in html


@pytest.mark.django_db
def test_english_words_find_services_and_every_word_must_match(client, catalogue):
    html = client.get("/en/search/", {"q": "investment LICENCE"}).content.decode()
    assert "Investment licence" in html
    assert "Registration of a service" not in html
    html = client.get("/en/search/", {"q": "investment nothing-like-this"}).content.decode()
    assert "Investment licence</a>" not in html


@pytest.mark.django_db
def test_untranslated_services_are_found_in_the_default_language(client, catalogue):
    html = client.get("/km/search/", {"q": "investment"}).content.decode()
    assert "Investment licence" in html


@pytest.mark.django_db
def test_an_empty_search_shows_the_form(client, catalogue):
    response = client.get("/en/search/", {"q": "   "})
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


@pytest.mark.django_db
def test_control_characters_in_a_search_part_its_words(client, catalogue):
    response = client.get("/en/search/", {"q": "investment\x00licence\x1f"})
    assert response.status_code == 200
    assert "Investment licence" in response.content.decode()


@pytest.mark.django_db
def test_an_english_word_finds_the_service_in_the_readers_language(client, catalogue):
    """A reader of the Lao site types the English word they know: the Lao page is found."""
    html = client.get("/lo/search/", {"q": "investment"}).content.decode()
    assert "ການອອກອະນຸຍາດການລົງທຶນ" in html
    assert "Investment licence</a>" not in html
    html = client.get("/km/search/", {"q": "registration"}).content.decode()
    assert "ការចុះបញ្ជីសេវា" in html
    assert "Registration of a service</a>" not in html


@pytest.mark.django_db
def test_a_lao_or_khmer_word_finds_the_service_on_the_english_site(client, catalogue):
    html = client.get("/en/search/", {"q": "ລົງທຶນ"}).content.decode()
    assert "Investment licence</a>" in html
    html = client.get("/lo/search/", {"q": "ចុះបញ្ជី"}).content.decode()
    # Not translated into Lao yet: its English page.
    assert "Registration of a service</a>" in html


@pytest.mark.django_db
def test_words_of_two_languages_must_all_match_one_service(client, catalogue):
    html = client.get("/lo/search/", {"q": "licence ລົງທຶນ"}).content.decode()
    assert "ການອອກອະນຸຍາດການລົງທຶນ" in html
    html = client.get("/lo/search/", {"q": "licence ចុះបញ្ជី"}).content.decode()
    assert "ການອອກອະນຸຍາດການລົງທຶນ" not in html
    assert "Registration of a service</a>" not in html


@pytest.mark.django_db
def test_a_search_takes_the_same_queries_however_many_words_and_services(client, catalogue):
    client.get("/lo/search/", {"q": "investment"})  # the site and locales are cached
    with CaptureQueriesContext(connection) as one_word:
        client.get("/lo/search/", {"q": "investment"})
    sector = catalogue[0].get_parent()
    for number in range(5):
        ServicePageFactory(parent=sector, slug=f"more-{number}", title=f"Investment {number}")
    client.get("/lo/search/", {"q": "investment"})  # pages changed: the site is read again
    with CaptureQueriesContext(connection) as many:
        html = client.get("/lo/search/", {"q": "investment licence ລົງທຶນ"}).content.decode()
    assert "ການອອກອະນຸຍາດການລົງທຶນ" in html
    assert len(many.captured_queries) == len(one_word.captured_queries)
