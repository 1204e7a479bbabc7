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
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from payments.selectors import fee_is_settled, payment_in_progress, settled_payment
from payments.services import PaymentRefused, payment_flag, payment_waive
from portal.accounts.models import Office, User
from portal.core.addresses import page_address
from portal.core.calendar import clock_start, working_days_add, working_days_between
from portal.core.money import money_format
from portal.core.reference import reference_generate

from .answers import name_given
from .documents import document_add, stored_files_delete
from .models import Application, Certificate, Event, Referral, Stage, Workflow
from .notify import notify_applicant
from .payments import fee_hold_reason, fee_status
from .selectors import (
    application_acting_allowed,
    application_list_for_officer,
    column_in,
    column_is_null,
    issued_result,
    officer_office_ids,
    officer_stages,
    results_issued,
    user_is_officer,
)

S = Application.Status
ACTIVE = (S.SUBMITTED, S.IN_REVIEW)
# After the decision an approved application still moves through the stages after it
# (a payment stage, issuance).
FORWARDABLE = (*ACTIVE, S.APPROVED)
WITHDRAWABLE = (S.SUBMITTED, S.IN_REVIEW, S.ACTION_REQUIRED)
ASSIGN_PERMISSION = "applications.assign_application"
WAIVER = "waiver"  # the ledger's key for a waived fee (payments/gateways/waiver.py)


class ActionRefused(Exception):
    """The action is not allowed now; the message says why, for the officer (next to the form's
    ``field`` when it is about what was typed in one)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


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
    """Whether this officer may act on the application now: while it is referred, any officer
    of the office it was referred to; otherwise an officer of the stage's group who serves
    the acting office."""
    if not user.is_active or application.stage_id is None:
        return False
    if user.is_superuser:
        return True
    if application.referred_to_id:
        return application.referred_to_id in officer_office_ids(user) and user_is_officer(user)
    return officer_acts_at_stage(user=user, application=application)


def officer_acts_at_stage(*, user: User, application: Application) -> bool:
    """Whether the officer acts on the application's stage (its group, in the stage's office
    or the responsible one), referred or not: while it is referred, they may take it back."""
    if not user.is_active or application.stage_id is None:
        return False
    if user.is_superuser:
        return True
    stage = application.stage
    office_id = stage.office_id or application.office_id
    return office_id in officer_office_ids(user) and user.groups.filter(pk=stage.group_id).exists()


def officer_serves_owner(*, user: User, application: Application) -> bool:
    """Whether the officer serves an office that owns the application: its responsible
    office, or the office of its current stage. Money and results are theirs to handle; an
    office the application is referred to reads it and gives its opinion, nothing more."""
    if user.is_superuser:
        return user.is_active
    offices = officer_office_ids(user)
    stage_office = application.stage.office_id if application.stage_id else None
    return user.is_active and (application.office_id in offices or stage_office in offices)


WAITING = (*ACTIVE, S.APPROVED, S.ACTION_REQUIRED)  # in an office's queue


def queue_scope(*, user: User) -> Q:
    """What waits for this officer: applications at stages their groups act on in the offices
    they serve, and those referred to their offices for an opinion. A condition on the
    application's own columns (the stages are read once, see ``officer_stages``), compared on
    the queue's index entries (``Unindexed``), so the queue is read in its order."""
    waiting = column_in("status", WAITING)
    if user.is_superuser:
        return waiting
    offices = officer_office_ids(user)
    mine = [(pk, office_id) for pk, office_id, acts in officer_stages(user) if acts]
    # A stage with an office of its own is acted on there; one without, at the responsible
    # office of each application.
    at_their_office = [pk for pk, office_id in mine if office_id in offices]
    at_responsible_office = [pk for pk, office_id in mine if office_id is None]
    at_my_stages = column_is_null("referred_to_id") & (
        column_in("stage_id", at_their_office)
        | (column_in("stage_id", at_responsible_office) & column_in("office_id", offices))
    )
    return waiting & (column_in("referred_to_id", offices) | at_my_stages)


def queue_for_officer(*, user: User) -> QuerySet[Application]:
    """The applications waiting for this officer (``queue_scope``)."""
    return Application.objects.filter(queue_scope(user=user))


def queue_counts(*, user: User, up_to: int) -> dict[str, int]:
    """What waits for this officer, counted as the queue's filters count it: assigned to them,
    waiting at their stages, and of those, due today and overdue. Each is counted up to
    ``up_to`` + 1 rows, as the queue counts its own (``QUEUE_COUNTED``): more than ``up_to``
    is shown as that many and more, and four queries each stop at that many rows, however
    many applications there are.

    Counting every row was most of the admin home's time at 1,000,000 applications on
    PostgreSQL: everything waiting, for a superuser, is 860,000 rows ("Parallel Seq Scan",
    200 ms; 350 ms for an officer of every office by "Parallel Bitmap Heap Scan"), and a p95
    of 850 ms with four readers. Stopping at 1,001, EXPLAIN ANALYZE reads: "Limit -> Index
    Only Scan using application_draft_age (status = ANY ...)" for a superuser's waiting, and
    application_open for an officer's (their offices and stages compared on its entries);
    "Index Only Scan using application_queue_order (due_date = ...)" or "(due_date < ...)"
    due today and overdue; the assignee's index for those assigned: each under a
    millisecond. SQLite: "SEARCH" or "SCAN ... USING COVERING INDEX" application_open,
    application_queue_order or application_assigned, up to as many entries."""
    today = timezone.localdate()
    # Everything waiting, for a superuser: counted from the status index, which the queue's
    # own condition (compared beside the index, for the listing's order) would not use.
    waiting = (
        Application.objects.filter(status__in=WAITING)
        if user.is_superuser
        else queue_for_officer(user=user)
    ).order_by()
    assigned = application_list_for_officer(user=user).filter(assignee=user).order_by()
    return {
        name: queryset[: up_to + 1].count()
        for name, queryset in (
            ("assigned", assigned),
            ("waiting", waiting),
            ("due_today", waiting.filter(due_date=today)),
            ("overdue", waiting.filter(due_date__lt=today)),
        )
    }


# --- dates ------------------------------------------------------------------------------------


def _calendar(office: Office | None) -> tuple[str, zoneinfo.ZoneInfo]:
    """The country (for its public holidays) and time zone an office counts days in."""
    if office is None:
        return settings.PHONE_REGION or "LA", zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return office.country, zoneinfo.ZoneInfo(office.time_zone)


def _due_in(office: Office | None, days: int) -> datetime.date:
    """The day by which ``days`` working days of the office, counted from now, end."""
    country, time_zone = _calendar(office)
    start = clock_start(timezone.now(), country=country, time_zone=time_zone)
    return working_days_add(start, days, country)


def _due_date(application: Application, stage: Stage, *, days: int | None = None):
    """When the stage is due, in working days of the office that acts on it."""
    office = stage.office if stage.office_id else application.office
    return _due_in(office, stage.sla_days if days is None else days)


def _days_left(application: Application) -> int:
    """The working days left before the current due date (the stage's time if none)."""
    if not application.due_date:
        return application.stage.sla_days
    country, time_zone = _calendar(acting_office(application))
    today = timezone.now().astimezone(time_zone).date()
    return working_days_between(today, application.due_date, country)


# --- the one way to change an application ------------------------------------------------------


def _move(
    application: Application,
    *,
    actor: User | None,
    expected_version: int,
    kind: str,
    note: str = "",
    message: str = "",
    visible: bool = False,
    ask_fee: bool = False,
    **changes,
) -> Application:
    """Apply ``changes`` if nobody changed the application since ``expected_version``, and
    record it as an Event: ``note`` for officers only, ``message`` for the applicant too (on
    their timeline, and in the email and SMS sent when ``visible``, with the fee to pay when
    ``ask_fee`` and it is due now)."""
    _require_personal_data_kept(application)
    if changes.get("status") in Application.FINISHED:
        # The retention time of its personal data counts from here.
        changes.setdefault("finished_at", timezone.now())
    with transaction.atomic():
        moved = Application.objects.filter(pk=application.pk, version=expected_version).update(
            version=F("version") + 1, updated_at=timezone.now(), **changes
        )
        if not moved:
            raise _already_handled(application)
        before_status, before_stage = application.status, application.stage_id
        before_name = application.stage.name if before_stage else ""
        after_name = before_name
        if "stage" in changes:
            after_name = changes["stage"].name if changes["stage"] else ""
        application.refresh_from_db()
        event = Event.objects.create(
            application=application,
            kind=kind,
            actor=actor,
            from_status=before_status,
            to_status=application.status,
            from_stage_id=before_stage,
            to_stage_id=application.stage_id,
            from_stage_name=before_name,
            to_stage_name=after_name,
            note=note.strip(),
            message=message.strip(),
            visible_to_applicant=visible,
        )
        if visible:
            _notify(application, event, ask_fee=ask_fee)
    return application


def _notify(application: Application, event: Event, *, ask_fee: bool = False) -> None:
    """Tell the applicant about the event; with ``ask_fee``, also the fee to pay, when it is
    due now, and how."""
    context = {
        "event": event,
        "stage": application.stage.name_in(application.language) if application.stage else "",
    }
    fee = fee_status(application=application) if ask_fee else {"due_now": False}
    if fee["due_now"]:
        context.update(fee_to_pay=fee["display"], pay_at_counter=fee["counter"])
        if fee["payable_online"]:
            with translation.override(application.language):
                context["pay_url"] = page_address(application.service_page) + reverse(
                    "tracking:application_pay", args=[application.reference]
                )
    notify_applicant(application, template="application_event", context=context)


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
    """The stage after the application's current one in its workflow, if any (archived ones
    are passed over)."""
    return (
        application.workflow.stages.filter(
            sort_order__gt=application.stage.sort_order, archived=False
        )
        .order_by("sort_order")
        .first()
    )


def _in_portal_language(text: str) -> str:
    """A note the portal writes by itself, in the portal's language (``LANGUAGE_CODE``), not
    in that of whoever happened to cause it: officers of any office read it later."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(text)


def _require(condition: bool, message: str, *, field: str | None = None) -> None:
    if not condition:
        raise ActionRefused(message, field=field)


def _require_actor(user: User, application: Application) -> None:
    _require(
        officer_may_act(user=user, application=application),
        _("Only officers of this stage's group and office can act on it."),
    )


def _require_not_referred(application: Application) -> None:
    _require(
        not application.referred_to_id,
        _("It is with %(office)s for an opinion: only sending it back is possible.")
        % {"office": application.referred_to},
    )


def _require_personal_data_kept(application: Application) -> None:
    """Once an application's personal data is removed, nothing that may name the person is
    written on it again: no note, no result bearing a holder's name. A result still in force
    can still be revoked: its reason is public by nature, and the office must be able to."""
    _require(
        application.personal_data_purged_at is None,
        _(
            "This application's personal data was removed: no note, reason or result can be "
            "added to it any more."
        ),
    )


def _require_message(message: str, text: str) -> None:
    _require(bool(message.strip()), text)


def _require_fee(application: Application, *, for_result: bool = False) -> None:
    reason = fee_hold_reason(application, for_result=for_result)
    _require(not reason, reason)


# --- actions ----------------------------------------------------------------------------------


def workflow_for_service(workflow_id: int | None) -> Workflow | None:
    if workflow_id:
        return Workflow.objects.filter(pk=workflow_id).first()
    return Workflow.objects.filter(is_default=True).first()


def application_enter_workflow(*, application: Application, workflow: Workflow | None) -> None:
    """Put a just-submitted application at its workflow's first stage (inside submission)."""
    first = (
        workflow.stages.filter(archived=False).order_by("sort_order").first() if workflow else None
    )
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
    *, application: Application, chief: User, officer: User, expected_version: int, note: str = ""
):
    """A chief gives the application to an officer of the stage (or of the office it is
    referred to)."""
    _require_fresh(application, expected_version)
    _require_actor(chief, application)
    _require(chief.has_perm(ASSIGN_PERMISSION), _("Only a chief can assign applications."))
    _require_actor(officer, application)
    return _move(
        application,
        actor=chief,
        expected_version=expected_version,
        kind=Event.Kind.ASSIGNED,
        note=f"{officer}: {note.strip()}".strip(": "),
        assignee=officer,
    )


def application_take_next(*, officer: User) -> Application | None:
    """The oldest due application nobody holds in this officer's queue, now assigned to them.

    Two officers pressing "take next" at once never get the same one.
    """
    waiting = queue_for_officer(user=officer).filter(
        column_in("status", ACTIVE), column_is_null("assignee_id")
    )
    # Those with a due date, the earliest first, then those without, the first submitted first:
    # each read in the order of the queue's index (application_queue_order), which keeps no
    # date last. Sorting every candidate to hand out one cost more than the rest of the request
    # at 100,000 applications.
    candidates = (
        waiting.filter(due_date__isnull=False).order_by("due_date", "submitted_at", "pk"),
        waiting.filter(due_date__isnull=True).order_by("submitted_at", "pk"),
    )
    for _attempt in range(20):
        with transaction.atomic():
            application = next(filter(None, map(_first_free, candidates)), None)
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
                from_stage_name=application.stage.name if application.stage else "",
                to_stage_name=application.stage.name if application.stage else "",
            )
            return application
    return None


def _first_free(candidates: QuerySet[Application]) -> Application | None:
    """The first of ``candidates``; on PostgreSQL, locked, passing over those another officer's
    "take next" holds."""
    if connection.vendor == "postgresql":
        candidates = candidates.select_for_update(skip_locked=True, of=("self",))
    return candidates.first()


def _enter_stage(application: Application, stage: Stage) -> dict:
    """The changes that put the application at ``stage``, nobody on it, its clock started."""
    return {
        "stage": stage,
        "assignee": None,
        "stage_entered_at": timezone.now(),
        "due_date": _due_date(application, stage),
    }


def application_forward(
    *,
    application: Application,
    officer: User,
    expected_version: int,
    note: str = "",
    message: str = "",
):
    """On to the next stage of the workflow, with an internal note and maybe a message to the
    applicant. A payment stage lets it go only with the fee set, and paid if it is due now."""
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require(application.status in FORWARDABLE, _("Only an application in review moves on."))
    _require_not_referred(application)
    stage = application.stage
    if stage.kind == Stage.Kind.PAYMENT:
        _require_fee(application)
    _require(stage.kind != Stage.Kind.DECISION, _("At the decision stage, approve or reject."))
    next_stage = _next_stage(application)
    _require(next_stage is not None, _("This is the last stage."))
    application = _move(
        application,
        actor=officer,
        expected_version=expected_version,
        kind=Event.Kind.FORWARDED,
        note=note,
        message=message,
        visible=True,
        status=S.IN_REVIEW if application.status in ACTIVE else application.status,
        **_enter_stage(application, next_stage),
    )
    return payment_stage_pass(application=application)


def payment_stage_pass(*, application: Application) -> Application:
    """Move an application on from a payment stage by itself when there is nothing to collect
    there (a free service, a fee paid or waived already, a fee due only on approval), so
    nobody waits at the cashier for nothing. A fee not set yet, or due and unpaid, keeps it
    there. Returns the application as it is after."""
    for _step in range(10):  # a workflow may have several payment stages in a row
        stage = application.stage
        if (
            stage is None
            or stage.kind != Stage.Kind.PAYMENT
            or application.status not in FORWARDABLE
            or application.referred_to_id
            or fee_hold_reason(application)
        ):
            return application
        next_stage = _next_stage(application)
        if next_stage is None:
            return application
        application = _move(
            application,
            actor=None,
            expected_version=application.version,
            kind=Event.Kind.FORWARDED,
            note=_in_portal_language(gettext_noop("No fee to collect at this stage now.")),
            visible=False,
            status=S.IN_REVIEW if application.status in ACTIVE else application.status,
            **_enter_stage(application, next_stage),
        )
    return application


def application_return(
    *,
    application: Application,
    officer: User,
    expected_version: int,
    message: str,
    note: str = "",
):
    """Back to the applicant, saying what is missing; the clock stops until they answer."""
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require_not_referred(application)
    _require(application.stage.can_return, _("This stage cannot return applications."))
    _require(application.status in ACTIVE, _("Only an application in review can be returned."))
    _require_message(message, _("Say what the applicant must add or correct."))
    return _move(
        application,
        actor=officer,
        expected_version=expected_version,
        kind=Event.Kind.RETURNED,
        note=note,
        message=message,
        visible=True,
        status=S.ACTION_REQUIRED,
        paused_days_left=_days_left(application),
        due_date=None,
    )


def application_resubmit(
    *, application: Application, applicant: User, note: str = "", documents=()
):
    """The applicant answered (a message, more documents): back to the same stage, the clock
    running again with the working days that were left. Refused (``AlreadyHandled``) when the
    office changed the application since the applicant read it."""
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
                message=note,
                visible=True,
                status=S.IN_REVIEW,
                paused_days_left=None,
                due_date=_due_date(application, application.stage, days=days),
            )
    except BaseException:
        stored_files_delete(stored)
        raise


def application_refer(
    *,
    application: Application,
    officer: User,
    expected_version: int,
    office: Office,
    note: str = "",
    message: str = "",
    days: int | None = None,
) -> Application:
    """Send to another office (such as the tax branch) for its opinion, to come back here.

    Until it answers, that office's officers act on it (see ``officer_may_act``) and this
    office reads it. The answer is due in ``days`` working days of that office (the stage's
    time by default); the stage gets back the working days it had left when it returns.
    """
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require(application.stage.can_refer, _("This stage cannot refer applications."))
    _require_not_referred(application)
    _require(application.status in ACTIVE, _("Only an application in review can be referred."))
    here = acting_office(application)
    _require(
        here is None or office.translation_key != here.translation_key,
        _("Choose another office than the one acting on it now."),
    )
    days = days or application.stage.sla_days
    due = _due_in(office, days)
    with transaction.atomic():
        Referral.objects.create(
            application=application,
            from_office=here,
            to_office=office,
            stage=application.stage,
            question=note.strip(),
            referred_by=officer,
            due_date=due,
            stage_days_left=_days_left(application),
        )
        return _move(
            application,
            actor=officer,
            expected_version=expected_version,
            kind=Event.Kind.REFERRED,
            note=f"{office.name}: {note.strip()}".strip(": "),
            message=message,
            visible=True,
            referred_to=office,
            assignee=None,
            due_date=due,
        )


def application_receive_back(
    *, application: Application, officer: User, expected_version: int, note: str
):
    """The other office gives its opinion (``note``, for officers) and sends the application
    back to the stage it was referred at, which gets back the working days it had left."""
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require(application.referred_to_id is not None, _("It was not referred."))
    _require(bool(note.strip()), _("Write your office's opinion."))
    return _referral_close(
        application,
        officer=officer,
        expected_version=expected_version,
        note=f"{application.referred_to.name}: {note.strip()}",
        opinion=note.strip(),
    )


def application_referral_recall(
    *, application: Application, officer: User, expected_version: int, note: str = ""
):
    """The referring office takes the application back before the other office answers (it
    was sent to the wrong office, or it waits too long). The stage gets back the working days
    it had left."""
    _require_fresh(application, expected_version)
    _require(application.referred_to_id is not None, _("It was not referred."))
    _require(
        officer_acts_at_stage(user=officer, application=application),
        _("Only officers of this stage's group and office can take it back."),
    )
    taken_back = _("Taken back from %(office)s.") % {"office": application.referred_to}
    return _referral_close(
        application,
        officer=officer,
        expected_version=expected_version,
        note=f"{taken_back} {note.strip()}",
        recalled=True,
    )


def _referral_close(
    application: Application, *, officer: User, expected_version: int, note: str, **answer
) -> Application:
    """The referral answered (``opinion``) or taken back (``recalled``): the application goes
    back to its stage, which gets back the working days it had left."""
    referral = Referral.objects.filter(application=application, answered_at__isnull=True).first()
    days = max(referral.stage_days_left or 0, 1) if referral else application.stage.sla_days
    with transaction.atomic():
        if referral is not None:
            closed = Referral.objects.filter(pk=referral.pk, answered_at__isnull=True).update(
                answered_at=timezone.now(), answered_by=officer, **answer
            )
            if not closed:
                raise _already_handled(application)
        office = application.stage.office if application.stage.office_id else application.office
        return _move(
            application,
            actor=officer,
            expected_version=expected_version,
            kind=Event.Kind.RECEIVED_BACK,
            note=note,
            visible=True,
            referred_to=None,
            assignee=None,
            due_date=_due_in(office, days),
        )


def open_referral(*, application: Application) -> Referral | None:
    """The referral the application waits on, if it is referred."""
    if not application.referred_to_id:
        return None
    return (
        Referral.objects.filter(application=application, answered_at__isnull=True)
        .select_related("to_office", "from_office", "referred_by")
        .first()
    )


def application_reject(
    *,
    application: Application,
    officer: User,
    expected_version: int,
    message: str,
    note: str = "",
):
    """Refuse the application, telling the applicant why (``message``)."""
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require_not_referred(application)
    _require(
        application.stage.can_reject or application.stage.kind == Stage.Kind.DECISION,
        _("This stage cannot reject applications."),
    )
    _require(application.status in ACTIVE, _("Only an application in review can be rejected."))
    _require_message(message, _("Tell the applicant why the application is rejected."))
    return _move(
        application,
        actor=officer,
        expected_version=expected_version,
        kind=Event.Kind.REJECTED,
        note=note,
        message=message,
        visible=True,
        status=S.REJECTED,
        assignee=None,
        due_date=None,
    )


def application_approve(
    *,
    application: Application,
    officer: User,
    expected_version: int,
    note: str = "",
    message: str = "",
):
    """The decision: approved, and on to the next stage (issuance) when the workflow has one.
    A fee due on approval is asked for now: the applicant's message says so, with "Pay now"."""
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require_not_referred(application)
    _require(application.stage.kind == Stage.Kind.DECISION, _("Only the decision stage approves."))
    _require(application.status in ACTIVE, _("Only an application in review can be approved."))
    next_stage = _next_stage(application)
    changes = {"status": S.APPROVED, "assignee": None}
    if next_stage is not None:
        changes.update(_enter_stage(application, next_stage))
    application = _move(
        application,
        actor=officer,
        expected_version=expected_version,
        kind=Event.Kind.APPROVED,
        note=note,
        message=message,
        visible=True,
        ask_fee=True,
        **changes,
    )
    return payment_stage_pass(application=application)


def application_note(*, application: Application, officer: User, note: str) -> Event:
    """An internal note: officers see it, the applicant does not."""
    _require_actor(officer, application)
    _require_personal_data_kept(application)
    _require(bool(note.strip()), _("Write the note."))
    return Event.objects.create(
        application=application,
        kind=Event.Kind.NOTE,
        actor=officer,
        from_status=application.status,
        to_status=application.status,
        from_stage=application.stage,
        to_stage=application.stage,
        from_stage_name=application.stage.name if application.stage else "",
        to_stage_name=application.stage.name if application.stage else "",
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
    message: str = "",
) -> Certificate:
    """At the issuance stage: the certificate or licence, with its verification code. Never
    while the fee is not set or not settled."""
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require_not_referred(application)
    _require(application.stage.kind == Stage.Kind.ISSUANCE, _("Only the issuance stage issues."))
    _require(application.status == S.APPROVED, _("Only an approved application gets a result."))
    _require(not results_issued(application=application), _("The result is issued already."))
    _require_fee(application, for_result=True)
    _require_valid_until(application, valid_until)
    with transaction.atomic():
        application = _move(
            application,
            actor=officer,
            expected_version=expected_version,
            kind=Event.Kind.ISSUED,
            note=note,
            message=message,
            visible=True,
        )
        return _certificate_create(application, officer=officer, valid_until=valid_until)


def certificate_reissue(
    *,
    application: Application,
    officer: User,
    expected_version: int,
    message: str,
    valid_until: datetime.date | None = None,
    note: str = "",
) -> Certificate:
    """A chief issues the result again (its validity date or its holder was wrong, or it was
    revoked by mistake): a new certificate with a new code; the one in force before is revoked
    with the reason (``message``), which anyone checking its code reads. The holder is told
    once, with the reason."""
    _require_fresh(application, expected_version)
    _require(
        officer.has_perm(ASSIGN_PERMISSION)
        and officer_serves_owner(user=officer, application=application),
        _("Only a chief of the application's office can issue its result again."),
    )
    _require_personal_data_kept(application)
    _require_not_referred(application)
    _require(bool(results_issued(application=application)), _("No result was issued."))
    _require(
        application.status in (S.APPROVED, S.COMPLETED),
        _("Only an approved application gets a result."),
    )
    _require_fee(application, for_result=True)
    _require_valid_until(application, valid_until)
    _require_message(message, _("Give the reason."))
    code = _certificate_code()
    with transaction.atomic():
        before = issued_result(application=application)
        if before is not None:
            Certificate.objects.filter(pk=before.pk, revoked_at__isnull=True).update(
                revoked_at=timezone.now(), revoked_reason=message.strip()
            )
        replaced = f"{before.code} → {code}" if before is not None else code
        application = _move(
            application,
            actor=officer,
            expected_version=expected_version,
            kind=Event.Kind.REISSUED,
            note=f"{replaced}. {note.strip()}".strip(),
            message=message,
            visible=True,
        )
        return _certificate_create(application, officer=officer, valid_until=valid_until, code=code)


def _require_valid_until(application: Application, valid_until: datetime.date | None) -> None:
    """A result is never born expired: it is valid at least on the day it is issued (in the
    office's own calendar)."""
    if valid_until is None:
        return
    _country, time_zone = _calendar(acting_office(application))
    today = timezone.now().astimezone(time_zone).date()
    _require(
        valid_until >= today,
        _("A result cannot end before the day it is issued: give a date from today on, or none."),
        field="valid_until",
    )


def _certificate_create(
    application: Application, *, officer: User, valid_until: datetime.date | None, code: str = ""
) -> Certificate:
    return Certificate.objects.create(
        code=code or _certificate_code(),
        application=application,
        holder=certificate_holder(application),
        service_title=application.service_title,
        issued_by=officer,
        valid_until=valid_until,
    )


def certificate_holder(application: Application) -> str:
    """Whom the result is issued to: the company applied for; else the applicant's name as
    they gave it in the form; else the name of the account (a walk-in applicant's is the name
    given at the counter)."""
    if application.company_id:
        return application.company.name
    return name_given(application) or str(application.applicant)


def _certificate_code() -> str:
    while True:
        code = f"C-{reference_generate()}"
        if not Certificate.objects.filter(code=code).exists():
            return code


def application_complete(
    *,
    application: Application,
    officer: User,
    expected_version: int,
    note: str = "",
    message: str = "",
) -> Application:
    """The result was collected at the counter or delivered: the application is complete.
    Never handed over while the fee is not settled."""
    _require_fresh(application, expected_version)
    _require_actor(officer, application)
    _require_not_referred(application)
    _require(issued_result(application=application) is not None, _("Issue the result first."))
    _require(application.status == S.APPROVED, _("Only an approved application is handed over."))
    _require_fee(application, for_result=True)
    return _move(
        application,
        actor=officer,
        expected_version=expected_version,
        kind=Event.Kind.COLLECTED,
        note=note,
        message=message,
        visible=True,
        status=S.COMPLETED,
        assignee=None,
        due_date=None,
    )


def application_withdraw(*, application: Application, applicant: User, reason: str = ""):
    """The applicant withdraws an application before its decision. It leaves the officers'
    queues; a referral still open is closed; a paid fee is not refunded by itself: the payment
    is flagged for finance, who refund it or keep it as the service's rules say."""
    _require(
        application_acting_allowed(user=applicant, application=application),
        _("Only the applicant, or a member of the company applied for, can withdraw it."),
    )
    _require(
        application.status in WITHDRAWABLE,
        _("An application can be withdrawn only before its decision."),
    )
    _require(
        not payment_in_progress(application_id=application.pk),
        _(
            "A payment of the fee is under way. Wait until it is finished or has expired (an "
            "hour at most), then withdraw the application."
        ),
    )
    with transaction.atomic():
        Referral.objects.filter(application=application, answered_at__isnull=True).update(
            answered_at=timezone.now(),
            opinion=_in_portal_language(gettext_noop("Withdrawn by the applicant.")),
        )
        application = _move(
            application,
            actor=applicant,
            expected_version=application.version,
            kind=Event.Kind.WITHDRAWN,
            message=reason,
            visible=True,
            status=S.WITHDRAWN,
            assignee=None,
            due_date=None,
            referred_to=None,
            paused_days_left=None,
        )
        paid = settled_payment(application_id=application.pk)
        if paid is not None and paid.gateway != WAIVER:
            payment_flag(
                payment=paid,
                reason="The application was withdrawn: refund the fee or keep it, as the "
                "service's rules say.",
            )
    return application


# --- fees -------------------------------------------------------------------------------------

SET_FEE_PERMISSION = "applications.set_fee"
WAIVE_FEE_PERMISSION = "applications.waive_fee"
FEE_OPEN = (*WITHDRAWABLE, S.APPROVED)


def _require_fee_changeable(application: Application, officer: User, permission: str) -> None:
    _require(
        officer.has_perm(permission)
        and officer_serves_owner(user=officer, application=application),
        _("You may not change the fee of this application."),
    )
    _require_not_referred(application)
    _require(application.status in FEE_OPEN, _("The fee of a closed application stays as it is."))
    _require(bool(application.fee_currency), _("This application has no fee currency."))
    _require(not fee_is_settled(application_id=application.pk), _("This fee is paid already."))
    _require(
        not payment_in_progress(application_id=application.pk),
        _("A payment of this fee is under way: wait until it is paid or has expired."),
    )


def fee_changeable(*, application: Application, user: User, permission: str) -> bool:
    """Whether this officer may set (``SET_FEE_PERMISSION``) or waive the fee now."""
    try:
        _require_fee_changeable(application, user, permission)
    except ActionRefused:
        return False
    return True


def application_fee_set(
    *,
    application: Application,
    officer: User,
    expected_version: int,
    lines: list[tuple[str, int]],
    message: str,
    note: str = "",
) -> Application:
    """The office sets the fee (when the service's rule cannot price it, or it must be
    assessed): its lines in minor units, and the reason the applicant reads. The applicant is
    told, with "Pay now" when the fee is due already."""
    _require_fresh(application, expected_version)
    _require_fee_changeable(application, officer, SET_FEE_PERMISSION)
    _require(bool(lines), _("Give at least one line of the fee."))
    _require(all(amount >= 0 for _label, amount in lines), _("Amounts cannot be negative."))
    _require_message(message, _("Tell the applicant how the fee was set."))
    total = sum(amount for _label, amount in lines)
    # Lowering a fee the rule priced, or setting none, is letting the applicant off: a
    # supervisor's decision (a waiver), not an assessment.
    supervisor = officer.has_perm(WAIVE_FEE_PERMISSION)
    priced_by_rule = application.fee_total is not None and not application.fee_snapshot.get(
        "set_by_office"
    )
    _require(
        supervisor or total > 0,
        _("A fee of nothing is a waiver: a supervisor waives it, with the reason."),
    )
    _require(
        supervisor or not priced_by_rule or total >= application.fee_total,
        _("The service's rule priced this fee: only a supervisor may lower it."),
    )
    snapshot = {
        **application.fee_snapshot,
        "lines": [{"label": label, "amount": amount} for label, amount in lines],
        "total": total,
        "set_by_office": True,
    }
    before = (
        money_format(application.fee_total, application.fee_currency)
        if (application.fee_total is not None)
        else _("not set")
    )
    application = _move(
        application,
        actor=officer,
        expected_version=expected_version,
        kind=Event.Kind.FEE_SET,
        note=f"{before} → {money_format(total, application.fee_currency)}. {note.strip()}",
        message=message,
        visible=True,
        ask_fee=True,
        fee_snapshot=snapshot,
    )
    return payment_stage_pass(application=application)


def application_fee_waive(
    *,
    application: Application,
    supervisor: User,
    expected_version: int,
    message: str,
    note: str = "",
) -> Application:
    """A supervisor waives the fee, with the reason the applicant reads: the ledger records the
    waiver (it settles the fee without money) and the application's history says who and why."""
    _require_fresh(application, expected_version)
    _require_fee_changeable(application, supervisor, WAIVE_FEE_PERMISSION)
    _require_message(message, _("Tell the applicant why the fee is waived."))
    with transaction.atomic():
        try:
            payment_waive(
                application_id=application.pk,
                amount=application.fee_total or 0,
                currency=application.fee_currency,
                supervisor=supervisor,
                reason=f"{message.strip()} {note.strip()}".strip(),
                office_id=application.office_id,
            )
        except PaymentRefused as refused:
            raise ActionRefused(refused.messages[0]) from refused
        application = _move(
            application,
            actor=supervisor,
            expected_version=expected_version,
            kind=Event.Kind.FEE_WAIVED,
            note=note,
            message=message,
            visible=True,
        )
    return payment_stage_pass(application=application)


def certificate_revoke(*, certificate: Certificate, officer: User, reason: str) -> Certificate:
    """Withdraw an issued result, once; its verification page says so from now on, and the
    holder is told. Revoking it again changes nothing and tells nobody."""
    _require(
        officer.has_perm(ASSIGN_PERMISSION)
        and officer_serves_owner(user=officer, application=certificate.application),
        _("Only a chief of the application's office can revoke its result."),
    )
    _require(bool(reason.strip()), _("Give the reason."))
    with transaction.atomic():
        revoked = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_reason=reason.strip()
        )
        if revoked:
            # A change the applicant sees: a new version of the application, as every other.
            Application.objects.filter(pk=certificate.application_id).update(
                version=F("version") + 1, updated_at=timezone.now()
            )
            event = Event.objects.create(
                application=certificate.application,
                kind=Event.Kind.REVOKED,
                actor=officer,
                message=reason.strip(),
                visible_to_applicant=True,
            )
            _notify(certificate.application, event)  # the holder learns it from us
    certificate.refresh_from_db()
    return certificate
