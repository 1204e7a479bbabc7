"""Your account: a name, and a mobile number that gets texts once its owner confirms it."""

import re

import pytest

from portal.accounts.models import PhoneConfirmation

ACCOUNT = "/en/my/account/"
CONFIRM = "/en/my/account/phone/"


def change_phone(client, number, capture, language="en"):
    with capture(execute=True):
        return client.post(
            f"/{language}/my/account/", {"first_name": "Somchai", "last_name": "K", "phone": number}
        )


def texted_code(sms_outbox) -> str:
    return re.search(r"\b(\d{6})\b", sms_outbox[-1]["text"]).group(1)


@pytest.mark.django_db
def test_a_new_number_gets_texts_only_after_its_code_is_typed(
    client, citizen, sms_outbox, django_capture_on_commit_callbacks
):
    refused = client.post(ACCOUNT, {"first_name": "Somchai", "last_name": "K", "phone": "020 55"})
    assert "Enter a phone number that exists" in refused.content.decode()
    assert 'value="Somchai"' in refused.content.decode()  # nothing typed is lost

    response = change_phone(client, "020 5555 1234", django_capture_on_commit_callbacks)
    assert response["Location"] == CONFIRM
    assert [sms["to"] for sms in sms_outbox] == ["+8562055551234"]
    citizen.refresh_from_db()
    assert citizen.phone == ""  # not before the code
    assert citizen.first_name == "Somchai"
    assert "waits for the code" in client.get(ACCOUNT).content.decode()

    wrong = client.post(CONFIRM, {"code": "000000"}).content.decode()
    assert "The code is not right" in wrong
    client.post(CONFIRM, {"code": texted_code(sms_outbox)})
    citizen.refresh_from_db()
    assert citizen.phone == "+8562055551234"
    assert "+856 20 55 551 234" in client.get(ACCOUNT).content.decode()
    assert not PhoneConfirmation.objects.exists()


@pytest.mark.django_db
def test_a_code_is_good_for_a_few_tries_and_a_new_one_can_be_sent(
    client, citizen, sms_outbox, django_capture_on_commit_callbacks
):
    change_phone(client, "020 5555 1234", django_capture_on_commit_callbacks)
    code = texted_code(sms_outbox)
    for _attempt in range(5):
        client.post(CONFIRM, {"code": "999999"})
    client.post(CONFIRM, {"code": code})  # right, but too late
    citizen.refresh_from_db()
    assert citizen.phone == ""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CONFIRM, {"resend": "1"})
    assert len(sms_outbox) == 2
    client.post(CONFIRM, {"code": texted_code(sms_outbox)})
    citizen.refresh_from_db()
    assert citizen.phone == "+8562055551234"


@pytest.mark.django_db
def test_codes_are_limited_per_hour(
    client, citizen, sms_outbox, django_capture_on_commit_callbacks
):
    for number in range(5):
        change_phone(client, f"020 5555 12{number:02d}", django_capture_on_commit_callbacks)
    refused = change_phone(client, "020 5555 1299", django_capture_on_commit_callbacks)
    assert "several codes in the last hour" in refused.content.decode()
    assert len(sms_outbox) == 5


@pytest.mark.django_db
def test_removing_the_number_stops_texts_at_once(
    client, citizen, sms_outbox, django_capture_on_commit_callbacks
):
    citizen.phone = "+8562055551234"
    citizen.save()
    change_phone(client, "", django_capture_on_commit_callbacks)
    citizen.refresh_from_db()
    assert citizen.phone == "" and sms_outbox == []


@pytest.mark.django_db
def test_a_khmer_reader_types_a_cambodian_mobile_number_and_a_landline_is_refused(
    client, citizen, sms_outbox, django_capture_on_commit_callbacks
):
    change_phone(client, "012 345 678", django_capture_on_commit_callbacks, language="km")
    assert sms_outbox[-1]["to"] == "+85512345678"
    assert "លេខកូដ" in sms_outbox[-1]["text"]  # in Khmer, as the reader reads
    refused = client.post(
        ACCOUNT, {"first_name": "Dara", "last_name": "", "phone": "021 212 345"}
    ).content.decode()
    assert "Enter a mobile number, such as 020 23 123 456" in refused
