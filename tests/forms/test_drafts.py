"""Abandoned drafts and stray temporary files are purged; drafts in use are not touched."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from forms.drafts import DRAFT_RETENTION, draft_purge, wizard_file_storage, wizard_state_files
from forms.tasks import purge_drafts
from portal.applications.models import Application
from tests.conftest import make_pdf
from tests.factories import UserFactory
from tests.forms.steps import fill_all, post_step, submit


def age(application, days):
    Application.objects.filter(pk=application.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=days)
    )


def stray_file(days_old: int) -> str:
    day = (timezone.now() - datetime.timedelta(days=days_old)).strftime("%Y/%m/%d")
    return wizard_file_storage().save(f"wizard/{day}/stray", ContentFile(b"%PDF-1.4 left over"))


@pytest.mark.django_db
def test_an_abandoned_draft_goes_with_its_files_and_a_recent_one_stays(client, service, citizen):
    fill_all(client, service)
    abandoned = Application.objects.get()
    [abandoned_file] = wizard_state_files(abandoned.wizard_state)
    age(abandoned, DRAFT_RETENTION.days + 1)

    client.force_login(UserFactory())
    fill_all(client, service)
    recent = Application.objects.exclude(pk=abandoned.pk).get()
    [recent_file] = wizard_state_files(recent.wizard_state)

    assert draft_purge() == {"drafts": 1, "files": 0}
    storage = wizard_file_storage()
    assert not Application.objects.filter(pk=abandoned.pk).exists()
    assert not storage.exists(abandoned_file)
    assert Application.objects.filter(pk=recent.pk).exists()
    assert storage.exists(recent_file)


@pytest.mark.django_db
def test_temporary_files_no_draft_uses_are_deleted_once_a_day_old(client, service, citizen):
    old, today = stray_file(days_old=2), stray_file(days_old=0)
    fill_all(client, service)
    draft = Application.objects.get()
    # An open draft keeps its file, however old the file's folder.
    in_use = stray_file(days_old=7)
    state = draft.wizard_state
    state["step_files"]["step-3"]["step-3-identity_document"]["tmp_name"] = in_use
    Application.objects.filter(pk=draft.pk).update(wizard_state=state)

    counts = purge_drafts.enqueue().return_value
    storage = wizard_file_storage()
    assert not storage.exists(old)
    assert storage.exists(today)
    assert storage.exists(in_use)
    assert counts == {"drafts": 0, "files": 1}


@pytest.mark.django_db
def test_a_submitted_application_keeps_its_documents(client, service, citizen):
    fill_all(client, service)
    submit(client, service)
    application = Application.objects.get()
    age(application, 365)
    call_command("purge_drafts")
    document = Application.objects.get().documents.get()
    assert document.file.storage.exists(document.file.name)


@pytest.mark.django_db
def test_a_replaced_upload_does_not_leave_its_old_file(client, service, citizen):
    fill_all(client, service)
    [first] = wizard_state_files(Application.objects.get().wizard_state)
    post_step(client, service, "step-3", {"identity_document": make_pdf("second.pdf")})
    [second] = wizard_state_files(Application.objects.get().wizard_state)
    assert first != second
    assert not wizard_file_storage().exists(first)
    assert wizard_file_storage().exists(second)
