"""The demo payment page is in the applicant's language, under its language prefix, and its
language links keep the payment: paying after changing language comes back in that one."""

import pytest
from bs4 import BeautifulSoup

from payments.models import Payment

# "Demo payment", as the portal says it in each language.
DEMO_PAYMENT = {"en": "Demo payment", "lo": "ການຊຳລະເງິນທົດລອງ", "km": "ការបង់ប្រាក់សាកល្បង"}


def page(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "other"), [("lo", "km"), ("km", "lo")])
def test_the_demo_payment_page_is_in_the_applicants_language_and_keeps_the_payment(
    client, application, language, other
):
    reference = application.reference
    started = client.post(f"/{language}/my/applications/{reference}/pay/", {"method": "demo"})
    payment = Payment.objects.get()
    checkout = f"/{language}/payments/demo/{payment.pk}/"
    assert started["Location"] == checkout

    shown = page(client.get(checkout))
    assert shown.html["lang"] == language
    assert shown.h1.get_text(strip=True) == DEMO_PAYMENT[language]
    links = {
        link["hreflang"]: link["href"] for link in shown.select(".govuk-language-navigation__link")
    }
    assert links == {
        code: f"/{code}/payments/demo/{payment.pk}/"
        for code in ("en", "lo", "km")
        if code != language
    }

    # The applicant switches language on the payment page, then pays: back in that language.
    switched = page(client.get(links[other]))
    assert switched.h1.get_text(strip=True) == DEMO_PAYMENT[other]
    back = client.post(links[other], {"outcome": "succeed"})
    assert back["Location"] == f"/{other}/my/applications/{reference}/pay/return/"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
