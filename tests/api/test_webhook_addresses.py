"""Where webhooks may go: with DEBUG off, an https:// address without a user name or password,
on the internet. A loopback, private or link-local address is refused when it is typed, and
again when a delivery connects, so a name that resolves inside later (DNS rebinding) gets
nothing."""

import socket

import pytest

from portal.api.models import WebhookDelivery, WebhookSubscription
from portal.api.services import webhook_subscription_create
from portal.notifications.models import OutboxMessage
from tests.api.test_webhooks import Receiver
from tests.factories import submit_application

REFUSED = {
    "http://hooks.example.org/onedoor": "Give an https:// address.",
    "https://tax:secret@hooks.example.org/onedoor": "without a user name or password",
    "https://127.0.0.1/onedoor": "private or local network",
    "https://localhost:8443/onedoor": "private or local network",
    "https://10.1.2.3/onedoor": "private or local network",
    "https://192.168.0.10/onedoor": "private or local network",
    "https://169.254.169.254/latest/meta-data/": "private or local network",
    "https://[::1]/onedoor": "private or local network",
    "https://[::ffff:127.0.0.1]/onedoor": "private or local network",
    "https://[fe80::1]/onedoor": "private or local network",
}


def add(client, url):
    return client.post(
        "/admin/webhooks/add/",
        {"name": "Tax branch", "url": url, "events": ["application.submitted"], "active": "on"},
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "said"), REFUSED.items())
def test_an_address_inside_or_without_https_is_refused_when_typed(
    client, admin_user, settings, url, said
):
    settings.DEBUG = False
    client.force_login(admin_user)
    refused = add(client, url)
    assert refused.status_code == 200
    assert said in refused.content.decode()
    assert not WebhookSubscription.objects.exists()


@pytest.mark.django_db
def test_an_https_address_on_the_internet_is_taken_and_loopback_with_debug(
    client, admin_user, settings
):
    client.force_login(admin_user)
    settings.DEBUG = False
    assert add(client, "https://93.184.215.14/onedoor").status_code == 200
    assert WebhookSubscription.objects.get().url == "https://93.184.215.14/onedoor"
    settings.DEBUG = True
    add(client, "http://127.0.0.1:8000/onedoor")
    assert WebhookSubscription.objects.count() == 2


@pytest.mark.django_db
def test_a_name_that_resolves_inside_at_delivery_gets_nothing(
    service_page, office_a, settings, monkeypatch, django_capture_on_commit_callbacks
):
    with Receiver(failures=0) as receiver:
        port = receiver.server.server_address[1]
        subscriptions = [
            webhook_subscription_create(
                name=name, url=url, events=["application.submitted"], offices=[]
            )
            for name, url in (
                ("Rebound", f"https://hooks.example.org:{port}/onedoor"),
                ("Saved with DEBUG on", receiver.url),
            )
        ]
        settings.DEBUG = False
        real = socket.getaddrinfo

        lookups = []

        def rebound(host, port, *args, **kwargs):
            """On the internet when first asked, on loopback when connected to."""
            if host == "hooks.example.org":
                lookups.append(host)
                inside = "127.0.0.1" if len(lookups) > 1 else "93.184.215.14"
                return real(inside, port, *args, **kwargs)
            return real(host, port, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", rebound)
        with django_capture_on_commit_callbacks(execute=True):
            submit_application(service_page, office=office_a)
    assert receiver.requests == []
    assert len(lookups) == 2  # checked, then checked again as it connected
    for subscription in subscriptions:
        message = WebhookDelivery.objects.get(subscription=subscription).message
        assert message.status == OutboxMessage.Status.FAILED
        assert "private or local" in message.last_error or "https://" in message.last_error
