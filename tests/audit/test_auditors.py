"""Auditors read the whole trail in the admin (Reports → Audit trail): searched, filtered by
what, who and when, exported; nobody edits or deletes a record there. Changes made in the admin
(workflows, offices, staff permissions) are on it, and what people typed cannot forge a line."""

import csv
import datetime
import io
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import NoReverseMatch, reverse

from portal.audit.models import AuditRecord
from portal.audit.services import audit_record
from tests.factories import OfficeFactory, OfficerFactory, UserFactory, give_totp

Action = AuditRecord.Action
LISTING = "/admin/audit_trail/"
FORGED = "AB12\n2026-12-01 09:00:00 UTC signed_in admin@example.org"


@pytest.fixture
def auditor(db):
    user = UserFactory(email="auditor@onedoor.example")
    user.groups.add(Group.objects.get(name="Auditors"))
    give_totp(user)
    return user


def export(client, **params) -> list[dict]:
    response = client.get(LISTING, {"export": "csv", **params})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


@pytest.mark.django_db
def test_an_auditor_searches_filters_and_exports_the_trail(client, auditor):
    audit_record(action=Action.SIGNED_IN, user=None, email="somchai@example.org")
    audit_record(action=Action.DATA_EXPORTED, user=None, email="finance@example.org")
    audit_record(
        action=Action.APPLICATION_OPENED, user=None, email="officer@example.org", reference="AB12"
    )
    client.force_login(auditor)

    page = client.get(LISTING).content.decode()
    assert "somchai@example.org" in page and "finance@example.org" in page
    by_action = client.get(LISTING, {"action": Action.DATA_EXPORTED}).content.decode()
    assert "finance@example.org" in by_action and "somchai@example.org" not in by_action
    by_person = client.get(LISTING, {"person": "somchai"}).content.decode()
    assert "somchai@example.org" in by_person and "finance@example.org" not in by_person
    by_search = client.get(LISTING, {"q": "AB12"}).content.decode()
    assert "officer@example.org" in by_search and "finance@example.org" not in by_search
    by_application = client.get(LISTING, {"application": "ab12"}).content.decode()
    assert "officer@example.org" in by_application and "somchai" not in by_application
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    later = client.get(LISTING, {"at_from": tomorrow.isoformat()}).content.decode()
    assert "somchai@example.org" not in later
    today = client.get(LISTING, {"at_to": tomorrow.isoformat()}).content.decode()
    assert "somchai@example.org" in today

    rows = export(client, action=Action.SIGNED_IN, person="example.org")
    assert [row["Person"] for row in rows] == ["somchai@example.org"]
    # The export is itself on record.
    exported = AuditRecord.objects.filter(
        action=Action.DATA_EXPORTED, object_type="audit.auditrecord"
    ).get()
    assert exported.user_id == auditor.pk and "action=signed_in" in exported.detail


@pytest.mark.django_db
def test_what_someone_typed_cannot_forge_a_line(client, auditor):
    # A reference code in an address may hold any character, a line break included.
    client.force_login(UserFactory(email="curious@example.org"))
    assert client.get(f"/en/my/applications/{quote(FORGED)}/").status_code == 404
    client.force_login(auditor)

    page = client.get(LISTING, {"action": Action.ACCESS_REFUSED}).content.decode()
    (row,) = export(client, action=Action.ACCESS_REFUSED)

    shown = FORGED.replace("\n", "\\n")
    assert shown in page and FORGED not in page
    assert row["Object"] == shown
    assert "\n" not in "".join(row.values())


@pytest.mark.django_db
def test_nobody_adds_edits_or_deletes_a_record_in_the_admin(client, auditor, admin_user):
    record = audit_record(action=Action.SIGNED_IN, user=None, email="somchai@example.org")
    for name in ("add", "edit", "delete", "inspect"):
        with pytest.raises(NoReverseMatch):
            reverse(f"audit_trail:{name}", args=[] if name == "add" else [record.pk])
    for user in (auditor, admin_user):
        client.force_login(user)
        assert client.get(LISTING).status_code == 200
        for page in ("new/", f"edit/{record.pk}/", f"delete/{record.pk}/"):
            url = LISTING + page
            assert client.get(url).status_code == 404
            assert client.post(url, {"user_email": "x@example.org"}).status_code in (403, 404, 405)
    record.refresh_from_db()
    assert record.user_email == "somchai@example.org"


@pytest.mark.django_db
def test_officers_without_the_auditors_group_do_not_read_the_trail(client):
    client.force_login(OfficerFactory())
    response = client.get(LISTING)
    assert response.status_code in (302, 403)
    assert "Audit trail" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_an_office_edited_in_the_admin_is_recorded(client, admin_user):
    office = OfficeFactory(name="Chanthabouly District")
    client.force_login(admin_user)
    url = f"/admin/snippets/accounts/office/edit/{office.pk}/"
    form = client.get(url).context["form"]
    data = {
        name: field.widget.format_value(form.initial.get(name)) or ""
        for name, field in form.fields.items()
    }
    data["phone"] = "+856 21 999 999"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    (changed,) = AuditRecord.objects.filter(action=Action.ADMIN_CHANGE)
    assert changed.user_id == admin_user.pk
    assert changed.object_type == "accounts.office"
    assert changed.object_id == str(office.pk)
    assert changed.object_reference == "Chanthabouly District"
    assert changed.detail == "wagtail.edit"


@pytest.mark.django_db
def test_staff_permissions_given_in_the_admin_are_recorded(client, admin_user):
    officer = OfficerFactory(email="newcashier@onedoor.example")
    cashiers = Group.objects.get(name="Cashiers")
    client.force_login(admin_user)
    before = set(AuditRecord.objects.values_list("pk", flat=True))

    url = f"/admin/users/edit/{officer.pk}/"
    data = {
        "email": officer.email,
        "first_name": officer.first_name,
        "last_name": officer.last_name,
        "groups": [cashiers.pk, *officer.groups.values_list("pk", flat=True)],
        "is_active": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    new = AuditRecord.objects.exclude(pk__in=before)
    given = new.get(action=Action.PERMISSIONS_CHANGED)
    assert given.user_id == admin_user.pk
    assert given.object_type == "accounts.user" and given.object_id == str(officer.pk)
    assert given.object_reference == "newcashier@onedoor.example"
    assert given.detail == "groups added: Cashiers"
    assert new.filter(action=Action.ADMIN_CHANGE, object_type="accounts.user").exists()

    waive = Permission.objects.get(codename="waive_fee")
    cashiers.permissions.add(waive)
    assert AuditRecord.objects.filter(
        action=Action.PERMISSIONS_CHANGED,
        object_type="auth.group",
        detail="permissions added: applications.waive_fee",
    ).exists()


@pytest.mark.django_db
def test_a_service_fee_and_a_workflow_changed_in_the_admin_are_recorded(
    client, admin_user, service
):
    from portal.applications.models import Workflow
    from tests.cms.page_form import page_edit_data
    from tests.review.test_workflow_editing import edit_url, workflow_form

    client.force_login(admin_user)
    data = page_edit_data(service, admin_user)
    data.update({"fee_note": "Paid at the district office", "action-publish": "action-publish"})
    response = client.post(f"/admin/pages/{service.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    workflow = Workflow.objects.get(is_default=True)
    client.post(edit_url(workflow), workflow_form(workflow, rename={"Cashier": "Fee desk"}))

    changes = AuditRecord.objects.filter(action=Action.ADMIN_CHANGE, user_id=admin_user.pk)
    page_changes = changes.filter(object_type="cms.servicepage", object_id=str(service.pk))
    assert {record.detail for record in page_changes} >= {"wagtail.edit", "wagtail.publish"}
    assert changes.filter(
        object_type="applications.workflow", object_id=str(workflow.pk), detail="wagtail.edit"
    ).exists()
