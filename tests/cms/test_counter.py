"""Counter intake: a walk-in application registered by an officer, with a printed slip; an
email address or phone number given at the counter never hands the application to an account
without its owner's confirmation."""

import re
import threading

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import DatabaseError, connection
from django.test import Client
from django.utils import timezone

from cms.models import ServicePageOffice
from portal.accounts.models import User
from portal.applications.models import Application, Document, Event
from portal.notifications.models import OutboxMessage
from tests.conftest import make_eicar, make_pdf
from tests.factories import OfficeFactory, OfficerFactory, UserFactory


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
    landline = client.post(counter, {**open_form(client, counter), **walk_in(phone="021 212 862")})
    assert "texts cannot reach a landline" in landline.content.decode()
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
    assert f"/lo/track/?reference={application.reference}" in slip
    assert "ສະແດງສະເພາະໃນການພິມຄັ້ງທຳອິດ" in client.get(response["Location"]).content.decode()

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


# --- An email address or phone number of an existing account ---------------------------------


@pytest.mark.django_db
def test_an_accounts_email_typed_at_the_counter_does_not_give_it_the_application(
    client, service_page, counter, mailoutbox, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="somchai@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            counter,
            {**open_form(client, counter), **walk_in(email=" Somchai@Example.org ")},
            follow=True,
        )
    application = Application.objects.get()
    assert application.applicant != owner
    assert not owner.applications.exists()
    assert not application.applicant.has_usable_password()
    # The officer is told what happens, and so is the citizen, on the slip.
    page = response.content.decode()
    assert "emailed to somchai@example.org for the owner of that address to confirm" in page
    assert "until then the slip tracks it" in page
    assert "open the link we emailed" in page
    pin = re.search(r'<strong class="onedoor-reference">(\d{6})</strong>', page).group(1)

    # The account's owner gets a link, and nothing of the application: no answer, no file,
    # no service, no reference, no PIN. And nothing else goes to that address.
    [email] = mailoutbox
    assert email.to == ["somchai@example.org"]
    for secret in ("Noy Sisouk", "passport-scan", service_page.title, application.reference, pin):
        assert secret not in email.subject + email.body
    link = re.search(r"http://[^/]+(/en/my/walk-in/[^/\s]+/)", email.body).group(1)
    assert link not in OutboxMessage.objects.get(recipient="somchai@example.org").body

    # Someone else with the link and even the PIN gets nothing.
    client.force_login(UserFactory(email="stranger@example.org"))
    assert client.post(link, {"pin": pin}).status_code == 200
    assert Application.objects.get().applicant == application.applicant
    client.logout()
    signed_out = client.get(link).content.decode()
    assert "Sign in with somchai@example.org" in signed_out and "Noy Sisouk" not in signed_out

    # The owner, signed in, must type the PIN of the slip too.
    client.force_login(owner)
    page = client.get(link).content.decode()
    assert "PIN" in page
    for secret in ("Noy Sisouk", "passport-scan", service_page.title, application.reference):
        assert secret not in page
    wrong = "000000" if pin != "000000" else "111111"
    assert "not the PIN" in client.post(link, {"pin": wrong}).content.decode()
    assert not owner.applications.exists()

    walk_in_applicant = application.applicant
    confirmed = client.post(link, {"pin": pin})
    assert confirmed["Location"] == f"/en/my/applications/{application.reference}/"
    application.refresh_from_db()
    assert application.applicant == owner
    # The walk-in applicant's name and phone number are not kept beyond their application.
    assert not User.objects.filter(pk=walk_in_applicant.pk).exists()
    added = Event.objects.get(application=application, kind=Event.Kind.ADDED_TO_ACCOUNT)
    assert added.actor == owner and added.visible_to_applicant
    assert service_page.title in client.get(confirmed["Location"]).content.decode()
    # The link works once.
    assert client.get(link).status_code == 404


@pytest.mark.django_db
def test_a_phone_of_an_account_gets_its_owner_the_link_at_the_accounts_own_address(
    client, service_page, counter, mailoutbox, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="dara@example.org", phone="+8562055551234")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            counter, {**open_form(client, counter), **walk_in(phone="020 5555 1234")}, follow=True
        )
    assert not owner.applications.exists()
    page = response.content.decode()
    assert "The phone number belongs to an account" in page
    assert "dara@example.org" not in page  # the slip goes to whoever stands at the counter
    [email] = mailoutbox
    assert email.to == ["dara@example.org"]


@pytest.mark.django_db
def test_the_link_stops_after_a_few_wrong_pins_and_when_it_is_old(
    client, counter, clerk, mailoutbox, django_capture_on_commit_callbacks
):
    from portal.applications.models import CounterIntake

    owner = UserFactory(email="somchai@example.org")
    links, pins = [], []
    for _application in range(2):
        client.force_login(clerk)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                counter, {**open_form(client, counter), **walk_in(email=owner.email)}
            )
        pins.append(slip_pin(client, response["Location"]))
        links.append(
            re.search(r"http://[^/]+(/en/my/walk-in/[^/\s]+/)", mailoutbox[-1].body).group(1)
        )
    client.force_login(owner)

    wrong = "000000" if pins[0] != "000000" else "111111"
    for _try in range(4):
        assert "not the PIN" in client.post(links[0], {"pin": wrong}).content.decode()
    assert "no longer works" in client.post(links[0], {"pin": wrong}).content.decode()
    assert client.post(links[0], {"pin": pins[0]}).status_code == 404

    CounterIntake.objects.update(claim_expires_at=timezone.now())
    assert client.post(links[1], {"pin": pins[1]}).status_code == 404
    assert not owner.applications.exists()


# --- The phone --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["", "new@example.org", "somchai@example.org"])
def test_the_phone_given_at_the_counter_gets_the_texts(
    client, service_page, counter, email, sms_outbox, django_capture_on_commit_callbacks
):
    UserFactory(email="somchai@example.org", phone="")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            counter, {**open_form(client, counter), **walk_in(email=email, phone="020 5555 1234")}
        )
    application = Application.objects.get()
    assert application.applicant.phone == "+8562055551234"
    assert [sms["to"] for sms in sms_outbox] == ["+8562055551234"]
    assert application.reference in sms_outbox[0]["text"]


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


@pytest.mark.django_db
def test_a_scan_that_passed_its_checks_stays_chosen_when_another_answer_is_refused(client, counter):
    files = set(stored_files())
    token = open_form(client, counter)
    # Only the citizen's name is missing, above the service's own form.
    refused = client.post(counter, {**token, **walk_in(), "citizen-full_name": ""})
    page = refused.content.decode()
    assert refused.status_code == 200 and "This field is required" in page
    assert "passport-scan.pdf" in page and "Choose another file only to replace it" in page
    assert len(set(stored_files()) - files) == 1  # waiting in private storage

    # Sent again with the name and no file: the scan kept is the application's document.
    again = {key: value for key, value in walk_in().items() if key != "form-identity_document"}
    response = client.post(counter, {**token, **again})
    application = Application.objects.get()
    assert response["Location"] == f"/admin/counter/slips/{application.pk}/"
    assert application.documents.get().original_name == "passport-scan.pdf"
    # Only the document is stored now: the waiting copy is deleted.
    assert len(set(stored_files()) - files) == 1


@pytest.mark.django_db
def test_a_refused_scan_is_not_kept_and_a_new_scan_replaces_a_kept_one(client, counter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    token = open_form(client, counter)
    bad = SimpleUploadedFile("notes.pdf", b"not a pdf", content_type="application/pdf")
    page = client.post(
        counter, {**token, **walk_in(name=""), "form-identity_document": bad}
    ).content.decode()
    assert "Choose another file only to replace it" not in page
    client.post(counter, {**token, **walk_in(name="")})  # a good scan, kept
    replaced = client.post(
        counter, {**token, **walk_in(name=""), "form-identity_document": make_pdf("second.pdf")}
    ).content.decode()
    assert "second.pdf" in replaced and "passport-scan.pdf" not in replaced
    again = {key: value for key, value in walk_in().items() if key != "form-identity_document"}
    client.post(counter, {**token, **again})
    assert Application.objects.get().documents.get().original_name == "second.pdf"


@pytest.mark.django_db
def test_scans_kept_for_one_officers_form_are_not_anothers(client, counter, office, service_page):
    token = open_form(client, counter)
    client.post(counter, {**token, **walk_in(name="")})
    other = OfficerFactory(offices=[office])
    other.user_permissions.add(Permission.objects.get(codename="register_at_counter"))
    other_browser = Client()
    other_browser.force_login(other)
    again = {key: value for key, value in walk_in().items() if key != "form-identity_document"}
    page = other_browser.post(counter, {**open_form(other_browser, counter), **again})
    assert page.status_code == 200 and "Choose a file for" in page.content.decode()
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_scan_with_a_virus_is_refused_at_the_counter_and_the_answers_stay(client, counter, clamd):
    files = set(stored_files())
    token = open_form(client, counter)
    refused = client.post(
        counter, {**token, **walk_in(), "form-identity_document": make_eicar("scan.pdf")}
    )
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "refused because our virus check found it unsafe" in page
    assert 'value="Noy Sisouk"' in page
    assert not Application.objects.exists()
    assert set(stored_files()) == files  # nothing of it kept
    response = client.post(counter, {**token, **walk_in()})
    assert Application.objects.get().documents.get().original_name == "passport-scan.pdf"
    assert response.status_code == 302
