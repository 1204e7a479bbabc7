"""Counter intake: a walk-in application registered by an officer, with a printed slip."""

import re
import threading

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import DatabaseError, connection
from django.test import Client

from cms.models import ServicePageOffice
from portal.accounts.models import User
from portal.applications.models import Application, Document, Event
from portal.notifications.models import OutboxMessage
from tests.conftest import make_pdf
from tests.factories import OfficeFactory, OfficerFactory


@pytest.fixture
def office(db):
    return OfficeFactory()


@pytest.fixture
def clerk(office):
    user = OfficerFactory(offices=[office])
    user.user_permissions.add(Permission.objects.get(codename="register_at_counter"))
    return user


@pytest.fixture
def counter(service_page, office, clerk, client):
    """The counter form's address, with the clerk signed in at a counter of the service's office."""
    ServicePageOffice.objects.create(page=service_page, office=office)
    client.force_login(clerk)
    return f"/admin/counter/{service_page.pk}/"


def open_form(client, url) -> dict:
    """The form's one-time token, as the officer's browser gets it with the form."""
    found = re.search(r'name="counter-token" value="([^"]+)"', client.get(url).content.decode())
    return {"counter-token": found.group(1)} if found else {}


def walk_in(*, email="", phone="", name="Noy Sisouk", language="en") -> dict:
    return {
        "citizen-full_name": name,
        "citizen-email": email,
        "citizen-phone": phone,
        "citizen-language": language,
        "form-full_name": name,
        "form-identity_document": make_pdf("passport-scan.pdf"),
    }


def slip_pin(client, slip_url) -> str:
    slip = client.get(slip_url).content.decode()
    return re.search(r'<strong class="onedoor-reference">(\d{6})</strong>', slip).group(1)


def stored_files() -> list[str]:
    """Every file in private storage (earlier tests' included)."""
    root = settings.PRIVATE_STORAGE_ROOT
    return [str(path) for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.django_db
def test_a_walk_in_application_gets_a_slip_whose_pin_and_qr_work(
    client, service_page, counter, clerk
):
    assert service_page.title in client.get("/admin/counter/").content.decode()
    form = client.get(counter).content.decode()
    assert 'name="form-full_name"' in form and 'type="file"' in form

    refused = client.post(
        counter,
        {"citizen-full_name": "", "citizen-phone": "020 55", "form-full_name": "Noy Sisouk"},
    )
    assert refused.status_code == 200
    assert 'value="Noy Sisouk"' in refused.content.decode()
    assert "Enter a phone number that exists" in refused.content.decode()
    assert not Application.objects.exists()

    response = client.post(
        counter, {**open_form(client, counter), **walk_in(phone="020 5555 1234", language="lo")}
    )
    application = Application.objects.get()
    assert response["Location"] == f"/admin/counter/slips/{application.pk}/"
    assert application.channel == Application.Channel.COUNTER
    assert application.stage.name == "Registration"
    assert application.documents.get().original_name == "passport-scan.pdf"
    assert not application.applicant.has_usable_password()
    # The office is in Laos: the number is read as a Lao one; messages go in Lao.
    assert application.applicant.phone == "+8562055551234"
    assert application.language == "lo"
    assert Event.objects.get(kind=Event.Kind.SUBMITTED).actor == clerk

    slip = client.get(response["Location"]).content.decode()
    pin = re.search(r'<strong class="onedoor-reference">(\d{6})</strong>', slip).group(1)
    assert application.reference in slip and "<svg" in slip
    assert f"/en/track/?reference={application.reference}" in slip
    assert "Shown only on the first print" in client.get(response["Location"]).content.decode()

    client.logout()
    status = client.post("/en/track/", {"reference": application.reference, "pin": pin})
    assert service_page.title in status.content.decode()


@pytest.mark.django_db
def test_only_officers_with_the_counter_permission_and_the_office(client, service_page, office):
    ServicePageOffice.objects.create(page=service_page, office=office)
    client.force_login(OfficerFactory(offices=[office]))
    assert client.get("/admin/counter/")["Location"] == "/admin/"
    elsewhere = OfficerFactory(offices=[OfficeFactory()])
    elsewhere.user_permissions.add(Permission.objects.get(codename="register_at_counter"))
    client.force_login(elsewhere)
    url = f"/admin/counter/{service_page.pk}/"
    response = client.post(url, {**open_form(client, url), **walk_in()})
    assert "You do not serve the office" in response.content.decode()
    assert not Application.objects.exists()


# --- Once, whatever happens -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_form_sent_twice_registers_one_application(client, counter):
    token = open_form(client, counter)
    first = client.post(counter, {**token, **walk_in(phone="020 5555 1234")})
    again = client.post(counter, {**token, **walk_in(phone="020 5555 1234")})
    application = Application.objects.get()
    assert first["Location"] == again["Location"] == f"/admin/counter/slips/{application.pk}/"
    assert Document.objects.count() == 1
    assert User.objects.filter(phone="+8562055551234").count() == 1
    # The PIN is still shown on the slip the officer sees.
    assert slip_pin(client, again["Location"])
    # A new form is a new application.
    client.post(counter, {**open_form(client, counter), **walk_in()})
    assert Application.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_form_sent_twice_at_the_same_moment_registers_one_application(
    service_page, monkeypatch
):
    import cms.counter

    office = OfficeFactory()
    clerk = OfficerFactory(offices=[office])
    clerk.user_permissions.add(Permission.objects.get(codename="register_at_counter"))
    ServicePageOffice.objects.create(page=service_page, office=office)
    browser = Client()
    browser.force_login(clerk)
    url = f"/admin/counter/{service_page.pk}/"
    token = open_form(browser, url)
    session = browser.session
    session["last_seen"] -= 120  # each request of the race writes its copy of the session
    session.save()
    files = set(stored_files())

    # Both requests are past every check before either registers: only the database can
    # tell them apart now.
    both_checked = threading.Barrier(2, timeout=30)
    register = cms.counter.application_register_at_counter

    def register_together(**kwargs):
        both_checked.wait()
        return register(**kwargs)

    monkeypatch.setattr(cms.counter, "application_register_at_counter", register_together)
    responses, errors = [], []

    def press():
        try:
            tab = Client()
            tab.cookies[settings.SESSION_COOKIE_NAME] = session.session_key  # the same browser
            responses.append(tab.post(url, {**token, **walk_in(phone="020 5555 1234")}))
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    application = Application.objects.get()
    assert [response["Location"] for response in responses] == [
        f"/admin/counter/slips/{application.pk}/"
    ] * 2
    assert Document.objects.count() == 1
    assert User.objects.filter(phone="+8562055551234").count() == 1
    assert len(set(stored_files()) - files) == 1  # the second one's copy is deleted
    # The slip the officer is shown has the PIN: the second request did not write back its
    # copy of the session, from before the first one kept the PIN there.
    assert slip_pin(browser, responses[1]["Location"])


@pytest.mark.django_db
def test_a_failure_while_registering_leaves_no_user_application_or_file(
    client, counter, monkeypatch, mailoutbox, sms_outbox, django_capture_on_commit_callbacks
):
    users = User.objects.count()
    files = set(stored_files())
    real_create = Event.objects.create

    def failing_create(*args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(Event.objects, "create", failing_create)
    token = open_form(client, counter)
    data = walk_in(email="new@example.org", phone="020 5555 1234")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(counter, {**token, **data})
    assert response.status_code == 200
    page = response.content.decode()
    assert "could not be registered" in page and 'value="Noy Sisouk"' in page
    assert User.objects.count() == users
    assert not Application.objects.exists()
    assert not Document.objects.exists()
    assert set(stored_files()) == files
    assert not OutboxMessage.objects.exists() and mailoutbox == [] and sms_outbox == []

    # Pressed again once it works, the same form registers it, once.
    monkeypatch.setattr(Event.objects, "create", real_create)
    response = client.post(counter, {**token, **walk_in(email="new@example.org")})
    assert response["Location"] == f"/admin/counter/slips/{Application.objects.get().pk}/"
    assert User.objects.count() == users + 1
