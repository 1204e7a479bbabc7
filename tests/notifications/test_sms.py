"""Texts to applicants' phones: through the outbox, in the applicant's language, by the sender
the settings choose; the HTTP API sender talks to a real HTTP server on this machine."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from portal.applications.counter import walk_in_applicant_create
from portal.applications.workflow import application_return
from portal.notifications.models import OutboxMessage
from portal.notifications.services import outbox_deliver, outbox_sweep
from portal.notifications.sms import ConsoleSmsSender, HttpApiSmsSender, SmsNotSent
from tests.factories import OfficeFactory, OfficerFactory, UserFactory, submit_application


class FakeSmsProvider(ThreadingHTTPServer):
    """An SMS provider's HTTP API: answers each POST with the next status of ``answers``
    (then 202), and keeps what it was sent."""

    def __init__(self):
        self.received: list[dict] = []
        self.answers: list[int] = []

        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = provider.answers.pop(0) if provider.answers else 202
                provider.received.append(
                    {
                        "status": status,
                        "authorization": self.headers.get("Authorization"),
                        "idempotency_key": self.headers.get("Idempotency-Key"),
                        "json": json.loads(body),
                    }
                )
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"id": "msg-1"}' if status < 300 else b'{"error": "no"}')

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/messages"


@pytest.fixture
def provider(settings):
    server = FakeSmsProvider()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_BACKEND = "http"
    settings.SMS_HTTP_URL = server.url
    settings.SMS_HTTP_TOKEN = "provider-token"
    settings.SMS_HTTP_SENDER = "Onedoor"
    yield server
    server.shutdown()
    server.server_close()


def sms_message(phone="+8562055551234", body="ຄຳຮ້ອງຂອງທ່ານ ABCD-1234-X"):
    return OutboxMessage.objects.create(
        channel=OutboxMessage.Channel.SMS, recipient=phone, body=body, language="lo"
    )


@pytest.mark.django_db
def test_the_http_sender_posts_json_with_the_token(provider):
    message = sms_message()
    assert outbox_deliver(message_id=message.pk) is True
    assert provider.received == [
        {
            "status": 202,
            "authorization": "Bearer provider-token",
            "idempotency_key": f"onedoor-outbox-{message.key}",
            "json": {"to": "+8562055551234", "from": "Onedoor", "text": "ຄຳຮ້ອງຂອງທ່ານ ABCD-1234-X"},
        }
    ]
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT


@pytest.mark.django_db
def test_a_provider_that_fails_is_tried_again_and_the_text_sent_once(provider):
    provider.answers = [503]
    message = sms_message()
    assert outbox_deliver(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert "503" in message.last_error
    assert message.next_attempt_at > timezone.now()

    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    outbox_sweep()
    outbox_sweep()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert [hit["status"] for hit in provider.received] == [503, 202]
    # The provider can tell the retry is the same text, and another text is not.
    other = sms_message()
    outbox_deliver(message_id=other.pk)
    keys = [hit["idempotency_key"] for hit in provider.received]
    assert keys[0] == keys[1] == f"onedoor-outbox-{message.key}"
    assert keys[2] == f"onedoor-outbox-{other.key}" != keys[0]


@pytest.mark.django_db
def test_a_number_the_provider_refuses_is_not_tried_again(provider):
    provider.answers = [400]
    message = sms_message(phone="+1")
    assert outbox_deliver(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert "400" in message.last_error


@pytest.mark.django_db
def test_a_provider_that_does_not_answer_is_tried_again(settings):
    settings.SMS_BACKEND = "http"
    settings.SMS_HTTP_URL = "http://127.0.0.1:9/nothing-listens-here"
    message = sms_message()
    assert outbox_deliver(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert "No answer" in message.last_error


def test_the_http_sender_needs_an_address(settings):
    settings.SMS_HTTP_URL = ""
    with pytest.raises(SmsNotSent):
        HttpApiSmsSender()


def test_the_console_sender_prints_the_text(capsys):
    ConsoleSmsSender().send(to="+85512345678", text="ពាក្យស្នើសុំរបស់អ្នក")
    printed = capsys.readouterr().out
    assert "+85512345678" in printed and "ពាក្យស្នើសុំរបស់អ្នក" in printed


@pytest.fixture
def registrar():
    office = OfficeFactory(country="LA")
    user = OfficerFactory(offices=[office])
    user.groups.add(Group.objects.get(name="Registration officers"))
    return user, office


@pytest.mark.django_db
def test_an_applicant_with_a_phone_gets_a_text_in_the_language_they_used(
    service_page, registrar, sms_outbox, mailoutbox, django_capture_on_commit_callbacks
):
    officer, office = registrar
    applicant = UserFactory(phone="+8562055551234")
    with django_capture_on_commit_callbacks(execute=True):
        application = submit_application(
            service_page, applicant=applicant, office=office, language="lo"
        )
    assert [sms["to"] for sms in sms_outbox] == ["+8562055551234"]
    assert application.reference in sms_outbox[0]["text"]
    assert "ໄດ້ຮັບຄຳຮ້ອງ" in sms_outbox[0]["text"]  # Lao, as applied
    assert len(sms_outbox[0]["text"]) <= 134  # two SMS segments of Lao script at most
    assert f"/lo/track/?reference={application.reference}" in sms_outbox[0]["text"]
    assert len(mailoutbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        application_return(
            application=application,
            officer=officer,
            expected_version=application.version,
            message="Upload a clearer scan of the passport.",
        )
    assert len(sms_outbox) == 2
    assert "ຕ້ອງການຂໍ້ມູນເພີ່ມເຕີມ" in sms_outbox[1]["text"]
    assert len(sms_outbox[1]["text"]) <= 160  # short: a text, not the email


@pytest.mark.django_db
def test_without_a_phone_no_text_and_with_sms_off_none(
    service_page, registrar, sms_outbox, settings, django_capture_on_commit_callbacks
):
    _officer, office = registrar
    with django_capture_on_commit_callbacks(execute=True):
        submit_application(service_page, applicant=UserFactory(phone=""), office=office)
    assert sms_outbox == []
    settings.SMS_BACKEND = "off"
    with django_capture_on_commit_callbacks(execute=True):
        submit_application(service_page, applicant=UserFactory(phone="+85512345678"), office=office)
    assert sms_outbox == []
    assert not OutboxMessage.objects.filter(channel=OutboxMessage.Channel.SMS).exists()


@pytest.mark.django_db
def test_a_walk_in_without_email_gets_a_text_and_no_email(
    service_page, registrar, sms_outbox, mailoutbox, django_capture_on_commit_callbacks
):
    _officer, office = registrar
    walk_in = walk_in_applicant_create(full_name="Sok Dara", phone="012 345 678", region="KH")
    assert walk_in.phone == "+85512345678"
    with django_capture_on_commit_callbacks(execute=True):
        application = submit_application(service_page, applicant=walk_in, office=office)
    assert mailoutbox == []
    assert [sms["to"] for sms in sms_outbox] == ["+85512345678"]
    assert application.reference in sms_outbox[0]["text"]
