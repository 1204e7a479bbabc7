"""Writes to applications. Each function is one transaction and records what it did as an Event."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from portal.accounts.models import User
from portal.core.codes import code_generate
from portal.core.reference import reference_generate

from .documents import NewDocument, document_add, stored_files_delete
from .models import Application, Event
from .notify import notify_applicant
from .pins import PIN_LENGTH, tracking_pin_hash
from .workflow import application_enter_workflow, payment_stage_pass, workflow_for_service


def _unique_reference() -> str:
    while True:
        reference = reference_generate()
        if not Application.objects.filter(reference=reference).exists():
            return reference


def application_draft_start(
    *,
    applicant: User,
    service_page_id: int,
    service_title: str,
    language: str = "en",
    channel: str = Application.Channel.ONLINE,
) -> Application:
    """The applicant's draft for this service, created if there is none yet.

    There is at most one draft per person and service (a database constraint), so a second
    device or a second tab continues the same draft.
    """
    for _attempt in range(3):
        draft = Application.objects.filter(
            applicant=applicant, service_page_id=service_page_id, status=Application.Status.DRAFT
        ).first()
        if draft:
            return draft
        try:
            with transaction.atomic():
                return Application.objects.create(
                    reference=_unique_reference(),
                    applicant=applicant,
                    service_page_id=service_page_id,
                    service_title=service_title,
                    language=language,
                    channel=channel,
                    status=Application.Status.DRAFT,
                )
        except IntegrityError:
            continue  # another request created it first: read it
    raise RuntimeError("Could not start a draft application.")


def application_draft_save(*, application: Application, wizard_state: dict, language: str) -> bool:
    """Keep the wizard's state on the draft. False when it is no longer a draft (submitted
    meanwhile, from another tab): nothing is written then."""
    saved = Application.objects.filter(pk=application.pk, status=Application.Status.DRAFT).update(
        wizard_state=wizard_state, language=language, updated_at=timezone.now()
    )
    return bool(saved)


def application_submit(
    *,
    application: Application,
    form_schema: dict,
    answers: dict,
    documents: Iterable[NewDocument],
    language: str = "en",
    company_id: int | None = None,
    office_id: int | None = None,
    service_standard_days: int | None = None,
    fee_snapshot: dict | None = None,
    workflow_id: int | None = None,
) -> Application:
    """Turn a draft into a submitted application with its documents, exactly once.

    The draft moves by compare-and-set: of two requests submitting the same draft (a double
    click, a resent POST, two tabs) one wins and the other gets the winner's application with
    ``already_submitted`` set. If anything fails, nothing is kept: the draft stays a draft with
    its answers, and no document row, stored file or email is left. The new application carries
    ``tracking_pin`` (shown once, and emailed); only its hash is stored.
    """
    stored_names: list[str] = []
    try:
        with transaction.atomic():
            now = timezone.now()
            pin = code_generate(PIN_LENGTH)
            moved = Application.objects.filter(
                pk=application.pk,
                status=Application.Status.DRAFT,
                version=application.version,
            ).update(
                status=Application.Status.SUBMITTED,
                tracking_pin_hash=tracking_pin_hash(reference=application.reference, pin=pin),
                form_schema=form_schema,
                answers=answers,
                language=language,
                company_id=company_id,
                office_id=office_id,
                service_standard_days=service_standard_days,
                fee_snapshot=fee_snapshot or {},
                wizard_state={},
                submitted_at=now,
                updated_at=now,
                version=F("version") + 1,
            )
            if not moved:
                current = Application.objects.filter(pk=application.pk).first()
                if current is None:
                    raise DraftGone(application.reference)
                if current.status == Application.Status.DRAFT:
                    raise StaleApplication(current)
                current.already_submitted = True
                return current
            application.refresh_from_db()
            _finish_submission(
                application,
                pin=pin,
                documents=documents,
                stored_names=stored_names,
                actor=application.applicant,
                workflow_id=workflow_id,
            )
    except BaseException:
        stored_files_delete(stored_names)
        raise
    return application


def _finish_submission(
    application: Application,
    *,
    pin: str,
    documents: Iterable[NewDocument],
    stored_names: list[str],
    actor: User,
    workflow_id: int | None,
) -> None:
    """The rest of a submission, inside its transaction: the first stage, the documents (their
    stored names noted in ``stored_names`` so a failure can delete them), the Event and the
    confirmation email."""
    application_enter_workflow(application=application, workflow=workflow_for_service(workflow_id))
    for new in documents:
        document_add(application=application, new=new, stored_names=stored_names)
    Event.objects.create(
        application=application,
        kind=Event.Kind.SUBMITTED,
        actor=actor,
        from_status=Application.Status.DRAFT,
        to_status=Application.Status.SUBMITTED,
        created_at=application.submitted_at,
    )
    _notify_submitted(application, pin=pin)
    payment_stage_pass(application=application)
    application.refresh_from_db()
    application.tracking_pin = pin
    application.already_submitted = False


class StaleApplication(Exception):
    """The application changed since it was read; read it again and retry."""

    def __init__(self, application: Application):
        super().__init__(f"Application {application.reference} changed meanwhile.")
        self.application = application


class DraftGone(Exception):
    """The draft was deleted meanwhile (from another tab): there is nothing to submit."""


def draft_temporary_files(wizard_state: dict) -> list[str]:
    """The temporary file names a draft's wizard state refers to (formtools keeps them per
    step and field, each with a ``tmp_name``)."""
    return [
        entry["tmp_name"]
        for step_files in (wizard_state.get("step_files") or {}).values()
        for entry in step_files.values()
    ]


def application_draft_discard(*, application: Application) -> bool:
    """Delete a draft and its temporary files ("delete draft", or abandoned). False when it is
    no longer a draft (submitted meanwhile, from another tab): nothing is deleted then.

    The row is claimed first by a conditional update, which holds it until the delete commits
    (a row lock on PostgreSQL, the write lock on SQLite): a submission that comes meanwhile
    waits and then finds no draft, instead of having its application deleted under it.
    """
    with transaction.atomic():
        claimed = Application.objects.filter(
            pk=application.pk, status=Application.Status.DRAFT
        ).update(updated_at=timezone.now())
        if not claimed:
            return False
        # The state as it is now, not as the caller read it: another tab may have added files.
        wizard_state = (
            Application.objects.filter(pk=application.pk)
            .values_list("wizard_state", flat=True)
            .get()
        )
        files = draft_temporary_files(wizard_state or {})
        Application.objects.filter(pk=application.pk).delete()
    stored_files_delete(files)  # once the row is gone for good
    return True


def _notify_submitted(application: Application, *, pin: str) -> None:
    """The confirmation, in the language the applicant used, through the outbox."""
    notify_applicant(
        application,
        template="application_submitted",
        context={
            # What these answers cost; every line only while the office has still to decide.
            "fee_total": application.fee_total,
            "fee_display": application.fee_total_display,
            "fee_lines": application.fee_lines,
            "fee_on_approval": application.fee_snapshot.get("due") == "approval",
        },
        secrets={"pin": pin},
    )
