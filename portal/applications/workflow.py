"""The workflow engine: an application moves through its workflow's stages by these functions.

Each action is one transaction with compare-and-set on the application's ``version``: of two
officers acting at once, one wins and the other gets ``AlreadyHandled`` naming who did it, so
the page can say so and keep what they typed. Each action writes an Event; the ones meant for
the applicant go on their timeline and to their inbox through the outbox. Due dates count
working days of the office's country, and pause while the applicant is asked for more.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from payments.selectors import fee_is_settled
from portal.accounts.models import Office, User
from portal.core.calendar import clock_start, working_days_add, working_days_between
from portal.core.reference import reference_generate

from .models import Application, Certificate, Event, Stage, Workflow
from .notify import notify_applicant
from .selectors import application_acting_allowed

S = Application.Status
ACTIVE = (S.SUBMITTED, S.IN_REVIEW)
ASSIGN_PERMISSION = "applications.assign_application"
UNCHANGED = object()


class ActionRefused(Exception):
    """The action is not allowed now; the message says why, for the officer."""


class AlreadyHandled(ActionRefused):
    """Someone else changed the application since the officer read it."""


# --- who and where --------------------------------------------------------------------------


def acting_office(application: Application) -> Office | None:
    """The office whose officers act now: the referral's, the stage's own, or the
    application's responsible office."""
    if application.referred_to_id:
        return application.referred_to
    if application.stage_id and application.stage.office_id:
        return application.stage.office
    return application.office


def officer_may_act(*, user: User, application: Application) -> bool:
    """Whether this officer belongs to the stage's group and serves the acting office."""
    if not user.is_active or application.stage_id is None:
        return False
    if user.is_superuser:
        return True
    office = acting_office(application)
    return (
        office is not None
        and user.groups.filter(pk=application.stage.group_id).exists()
        and user.offices.filter(translation_key=office.translation_key).exists()
    )


def queue_for_officer(*, user: User) -> QuerySet[Application]:
    """The applications at stages this officer's groups act on, in the offices they serve."""
    queryset = Application.objects.filter(status__in=[*ACTIVE, S.APPROVED, S.ACTION_REQUIRED])
    if user.is_superuser:
        return queryset
    keys = user.offices.values("translation_key")
    return queryset.filter(stage__group__in=user.groups.all()).filter(
        Q(referred_to__translation_key__in=keys)
        | Q(referred_to__isnull=True, stage__office__translation_key__in=keys)
        | Q(referred_to__isnull=True, stage__office__isnull=True, office__translation_key__in=keys)
    )


# --- dates ------------------------------------------------------------------------------------


def _office_calendar(application: Application) -> tuple[str, zoneinfo.ZoneInfo]:
    office = acting_office(application)
    if office is None:
        return "LA", zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return office.country, zoneinfo.ZoneInfo(office.time_zone)


def _due_date(application: Application, stage: Stage, *, days: int | None = None):
    country, time_zone = _office_calendar(application)
    start = clock_start(timezone.now(), country=country, time_zone=time_zone)
    return working_days_add(start, stage.sla_days if days is None else days, country)


def _today(application: Application) -> datetime.date:
    _country, time_zone = _office_calendar(application)
    return timezone.now().astimezone(time_zone).date()


# --- the one way to change an application ------------------------------------------------------


def _move(
    application: Application,
    *,
    actor: User | None,
    expected_version: int,
    kind: str,
    note: str = "",
    visible: bool = False,
    **changes,
) -> Application:
    """Apply ``changes`` if nobody changed the application since ``expected_version``, and
    record it as an Event (and a message to the applicant when ``visible``)."""
    with transaction.atomic():
        moved = Application.objects.filter(pk=application.pk, version=expected_version).update(
            version=F("version") + 1, updated_at=timezone.now(), **changes
        )
        if not moved:
            raise _already_handled(application)
        before_status, before_stage = application.status, application.stage_id
        application.refresh_from_db()
        event = Event.objects.create(
            application=application,
            kind=kind,
            actor=actor,
            from_status=before_status,
            to_status=application.status,
            from_stage_id=before_stage,
            to_stage_id=application.stage_id,
            note=note,
            visible_to_applicant=visible,
        )
        if visible:
            _notify(application, event)
    return application


def _notify(application: Application, event: Event) -> None:
    notify_applicant(
        application,
        template="application_event",
        context={
            "event": event,
            "stage": application.stage.name_in(application.language) if application.stage else "",
        },
    )


def _already_handled(application: Application) -> AlreadyHandled:
    last = (
        Event.objects.filter(application=application)
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )
    who = str(last.actor) if last and last.actor else _("someone else")
    return AlreadyHandled(
        _(
            "This application was already handled by %(who)s. Nothing of yours was saved; "
            "read it again."
        )
        % {"who": who}
    )


def _require_fresh(application: Application, expected_version: int) -> None:
    """The officer acts on what they read: if it changed since, say who changed it."""
    if application.version != expected_version:
        raise _already_handled(application)


def _next_stage(application: Application) -> Stage | None:
    """The stage after the application's current one in its workflow, if any."""
    return (
        application.workflow.stages.filter(sort_order__gt=application.stage.sort_order)
        .order_by("sort_order")
        .first()
    )


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ActionRefused(message)


def _require_actor(user: User, application: Application) -> None:
    _require(
        officer_may_act(user=user, application=application),
        _("Only officers of this stage's group and office can act on it."),
    )


# --- actions ----------------------------------------------------------------------------------


def workflow_for_service(workflow_id: int | None) -> Workflow | None:
    if workflow_id:
        return Workflow.objects.filter(pk=workflow_id).first()
    return Workflow.objects.filter(is_default=True).first()


def application_enter_workflow(*, application: Application, workflow: Workflow | None) -> None:
    """Put a just-submitted application at its workflow's first stage (inside submission)."""
    first = workflow.stages.order_by("sort_order").first() if workflow else None
    if first is None:
        return
    application.workflow = workflow
    application.stage = first
    Application.objects.filter(pk=application.pk).update(
        workflow=workflow,
        stage=first,
        stage_entered_at=timezone.now(),
        due_date=_due_date(application, first),
    )
    application.refresh_from_db()


def application_claim(*, application: Application, officer: User, expected_version: int):
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require(
        application.assignee_id in (None, officer.pk),
        _("%(who)s is already working on it.") % {"who": application.assignee},
    )
    return _move(
        application,
        actor=officer,
        expected_version=expected_version,
        kind=Event.Kind.CLAIMED,
        assignee=officer,
    )


def application_assign(
    *, application: Application, chief: User, officer: User, expected_version: int
):
    """A chief gives the application to an officer of the stage."""
    _require_fresh(application, expected_version)
    _require_actor(chief, application)
    _require(chief.has_perm(ASSIGN_PERMISSION), _("Only a chief can assign applications."))
    _require_actor(officer, application)
    return _move(
        application,
        actor=chief,
        expected_version=expected_version,
        kind=Event.Kind.ASSIGNED,
        note=str(officer),
        assignee=officer,
    )


def application_take_next(*, officer: User) -> Application | None:
    """The oldest due application nobody holds in this officer's queue, now assigned to them.

    Two officers pressing "take next" at once never get the same one.
    """
    candidates = (
        queue_for_officer(user=officer)
        .filter(status__in=ACTIVE, assignee__isnull=True)
        .order_by(F("due_date").asc(nulls_last=True), "submitted_at", "pk")
    )
    for _attempt in range(20):
        with transaction.atomic():
            if connection.vendor == "postgresql":
                application = candidates.select_for_update(skip_locked=True, of=("self",)).first()
            else:
                application = candidates.first()
            if application is None:
                return None
            moved = Application.objects.filter(
                pk=application.pk, version=application.version, assignee__isnull=True
            ).update(assignee=officer, version=F("version") + 1, updated_at=timezone.now())
            if not moved:
                continue  # another officer took it a moment ago: look again
            application.refresh_from_db()
            Event.objects.create(
                application=application,
                kind=Event.Kind.CLAIMED,
                actor=officer,
                from_status=application.status,
                to_status=application.status,
                from_stage=application.stage,
                to_stage=application.stage,
            )
            return application
    return None


def application_forward(
    *, application: Application, officer: User, expected_version: int, note: str = ""
):
    """On to the next stage of the workflow, with a note."""
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require(application.status in ACTIVE, _("Only an application in review moves on."))
    stage = application.stage
    if stage.kind == Stage.Kind.PAYMENT:
        _require(
            not application.fee_total or fee_is_settled(application_id=application.pk),
            _("The fee is not paid yet."),
        )
    _require(stage.kind != Stage.Kind.DECISION, _("At the decision stage, approve or reject."))
    next_stage = _next_stage(application)
    _require(next_stage is not None, _("This is the last stage."))
    return _move(
        application,
        actor=officer,
        expected_version=expected_version,
        kind=Event.Kind.FORWARDED,
        note=note,
        visible=True,
        status=S.IN_REVIEW,
        stage=next_stage,
        assignee=None,
        stage_entered_at=timezone.now(),
        due_date=_due_date(application, next_stage),
    )


def application_return(
    *, application: Application, officer: User, expected_version: int, note: str
):
    """Back to the applicant, saying what is missing; the clock stops until they answer."""
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require(application.stage.can_return, _("This stage cannot return applications."))
    _require(application.status in ACTIVE, _("Only an application in review can be returned."))
    _require(bool(note.strip()), _("Say what the applicant must add or correct."))
    days_left = (
        working_days_between(
            _today(application), application.due_date, _office_calendar(application)[0]
        )
        if application.due_date
        else application.stage.sla_days
    )
    return _move(
        application,
        actor=officer,
        expected_version=expected_version,
        kind=Event.Kind.RETURNED,
        note=note.strip(),
        visible=True,
        status=S.ACTION_REQUIRED,
        paused_days_left=days_left,
        due_date=None,
    )


def application_resubmit(
    *, application: Application, applicant: User, note: str = "", documents=()
):
    """The applicant answered (a message, more documents): back to the same stage, the clock
    running again with the working days that were left."""
    from .services import document_add

    _require(
        application_acting_allowed(user=applicant, application=application),
        _("Only the applicant, or a member of the company applied for, can answer."),
    )
    _require(application.status == S.ACTION_REQUIRED, _("Nothing was asked."))
    _require(bool(note.strip()) or bool(documents), _("Write an answer or add a document."))
    days = max(application.paused_days_left or 0, 1)
    stored: list[str] = []
    try:
        with transaction.atomic():
            for new in documents:
                document_add(application=application, new=new, stored_names=stored)
            return _move(
                application,
                actor=applicant,
                expected_version=application.version,
                kind=Event.Kind.RESUBMITTED,
                note=note.strip(),
                visible=True,
                status=S.IN_REVIEW,
                paused_days_left=None,
                due_date=_due_date(application, application.stage, days=days),
            )
    except BaseException:
        _delete_stored(stored)
        raise


def _delete_stored(names: list[str]) -> None:
    from .services import _delete_files

    _delete_files(names)


def application_refer(
    *, application: Application, officer: User, expected_version: int, office: Office, note: str
):
    """Send to another office (such as the tax branch), to come back here."""
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require(application.stage.can_refer, _("This stage cannot refer applications."))
    _require(application.referred_to_id is None, _("It is with another office already."))
    return _move(
        application,
        actor=officer,
        expected_version=expected_version,
        kind=Event.Kind.REFERRED,
        note=f"{office.name}: {note.strip()}".strip(": "),
        visible=True,
        referred_to=office,
        assignee=None,
    )


def application_receive_back(
    *, application: Application, officer: User, expected_version: int, note: str = ""
):
    """The other office is done: back to the stage's own office."""
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require(application.referred_to_id is not None, _("It was not referred."))
    return _move(
        application,
        actor=officer,
        expected_version=expected_version,
        kind=Event.Kind.RECEIVED_BACK,
        note=note.strip(),
        visible=True,
        referred_to=None,
        assignee=None,
    )


def application_reject(
    *, application: Application, officer: User, expected_version: int, note: str
):
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require(
        application.stage.can_reject or application.stage.kind == Stage.Kind.DECISION,
        _("This stage cannot reject applications."),
    )
    _require(application.status in ACTIVE, _("Only an application in review can be rejected."))
    _require(bool(note.strip()), _("Give the reason for the rejection."))
    return _move(
        application,
        actor=officer,
        expected_version=expected_version,
        kind=Event.Kind.REJECTED,
        note=note.strip(),
        visible=True,
        status=S.REJECTED,
        assignee=None,
        due_date=None,
    )


def application_approve(
    *, application: Application, officer: User, expected_version: int, note: str = ""
):
    """The decision: approved, and on to issuance when the workflow has it."""
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require(application.stage.kind == Stage.Kind.DECISION, _("Only the decision stage approves."))
    _require(application.status in ACTIVE, _("Only an application in review can be approved."))
    next_stage = _next_stage(application)
    changes = {"status": S.APPROVED, "assignee": None}
    if next_stage is not None:
        changes.update(
            stage=next_stage,
            stage_entered_at=timezone.now(),
            due_date=_due_date(application, next_stage),
        )
    return _move(
        application,
        actor=officer,
        expected_version=expected_version,
        kind=Event.Kind.APPROVED,
        note=note.strip(),
        visible=True,
        **changes,
    )


def application_note(*, application: Application, officer: User, note: str) -> Event:
    """An internal note: officers see it, the applicant does not."""
    _require_actor(officer, application)
    _require(bool(note.strip()), _("Write the note."))
    return Event.objects.create(
        application=application,
        kind=Event.Kind.NOTE,
        actor=officer,
        from_status=application.status,
        to_status=application.status,
        from_stage=application.stage,
        to_stage=application.stage,
        note=note.strip(),
        visible_to_applicant=False,
    )


def application_issue(
    *,
    application: Application,
    officer: User,
    expected_version: int,
    valid_until: datetime.date | None = None,
    note: str = "",
) -> Certificate:
    """At the issuance stage: the certificate or licence, with its verification code."""
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require(application.stage.kind == Stage.Kind.ISSUANCE, _("Only the issuance stage issues."))
    _require(application.status == S.APPROVED, _("Only an approved application gets a result."))
    _require(not hasattr(application, "certificate"), _("The result is issued already."))
    with transaction.atomic():
        application = _move(
            application,
            actor=officer,
            expected_version=expected_version,
            kind=Event.Kind.ISSUED,
            note=note.strip(),
            visible=True,
        )
        holder = application.company.name if application.company_id else str(application.applicant)
        return Certificate.objects.create(
            code=_certificate_code(),
            application=application,
            holder=holder,
            service_title=application.service_title,
            issued_by=officer,
            valid_until=valid_until,
        )


def _certificate_code() -> str:
    while True:
        code = f"C-{reference_generate()}"
        if not Certificate.objects.filter(code=code).exists():
            return code


def application_complete(
    *, application: Application, officer: User, expected_version: int, note: str = ""
) -> Application:
    """The result was collected at the counter or delivered: the application is complete."""
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require(hasattr(application, "certificate"), _("Issue the result first."))
    return _move(
        application,
        actor=officer,
        expected_version=expected_version,
        kind=Event.Kind.COLLECTED,
        note=note.strip(),
        visible=True,
        status=S.COMPLETED,
        assignee=None,
        due_date=None,
    )


def certificate_revoke(*, certificate: Certificate, officer: User, reason: str) -> Certificate:
    """Withdraw an issued result; its verification page says so from now on."""
    _require(officer.has_perm(ASSIGN_PERMISSION), _("Only a chief can revoke a result."))
    _require(bool(reason.strip()), _("Give the reason."))
    with transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_reason=reason.strip()
        )
        event = Event.objects.create(
            application=certificate.application,
            kind=Event.Kind.REVOKED,
            actor=officer,
            note=reason.strip(),
            visible_to_applicant=True,
        )
        _notify(certificate.application, event)  # the holder learns it from us, not at a check
    certificate.refresh_from_db()
    return certificate
