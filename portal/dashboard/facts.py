"""Building the statistics' facts from the case files (see ``models``).

A fact is rebuilt whole from its application's events each time, so building it twice gives
the same row: the sweep may run again after a crash, and ``manage.py dashboard_facts
--rebuild`` rebuilds every one.

How the working days are counted, in the calendar of the application's office:
- a span runs from the working day its clock starts (the day it began, or the next working day
  when it began after closing time or on a day off) to the day it ended, both counted;
- while the application waits for the applicant (returned for information, until they answer),
  the days after the return up to the day before the answer's clock starts are not counted:
  neither against the office nor against the stage.
"""

import datetime
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from payments.models import Payment
from portal.applications.models import Application, Event, Stage
from portal.core.calendar import clock_start, working_days_between
from portal.tracking.models import Feedback

from .models import ActionFact, CaseFact, FactsProgress, StageFact

BATCH = 500
# What an officer does that counts as work done (the applicant's own moves and the system's
# passing of a stage with nothing to collect are not an officer's work).
OFFICER_ACTIONS = {
    Event.Kind.CLAIMED,
    Event.Kind.ASSIGNED,
    Event.Kind.FORWARDED,
    Event.Kind.RETURNED,
    Event.Kind.REFERRED,
    Event.Kind.RECEIVED_BACK,
    Event.Kind.REJECTED,
    Event.Kind.APPROVED,
    Event.Kind.ISSUED,
    Event.Kind.COLLECTED,
    Event.Kind.REVOKED,
    Event.Kind.REISSUED,
    Event.Kind.FEE_SET,
    Event.Kind.FEE_WAIVED,
    Event.Kind.NOTE,
}
OPEN_STATUSES = {
    Application.Status.SUBMITTED,
    Application.Status.IN_REVIEW,
    Application.Status.ACTION_REQUIRED,
    Application.Status.APPROVED,
}
OUTCOMES = {
    Event.Kind.ISSUED: CaseFact.Outcome.ISSUED,
    Event.Kind.COLLECTED: CaseFact.Outcome.ISSUED,
    Event.Kind.REJECTED: CaseFact.Outcome.REJECTED,
    Event.Kind.WITHDRAWN: CaseFact.Outcome.WITHDRAWN,
}


def _local_day(moment: datetime.datetime) -> datetime.date:
    """The day in the portal's time zone (the day the reconciliation report counts too)."""
    return timezone.localtime(moment).date()


class _Clock:
    """Working days in the calendar of one office."""

    def __init__(self, office) -> None:
        if office is None:
            self.country = settings.PHONE_REGION or "LA"
            self.zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        else:
            self.country, self.zone = office.country, zoneinfo.ZoneInfo(office.time_zone)

    def days(self, start: datetime.datetime, end: datetime.datetime) -> int:
        first = clock_start(start, country=self.country, time_zone=self.zone)
        return working_days_between(first, end.astimezone(self.zone).date(), self.country)

    def paused(self, returned: datetime.datetime, answered: datetime.datetime | None) -> tuple:
        """The first and last day not counted while waiting for the applicant's answer."""
        first = returned.astimezone(self.zone).date() + datetime.timedelta(days=1)
        if answered is None:
            return first, datetime.date.max
        last = clock_start(answered, country=self.country, time_zone=self.zone)
        return first, last - datetime.timedelta(days=1)

    def overlap(self, pauses: list[tuple], start: datetime.datetime, end: datetime.datetime):
        """The working days of ``pauses`` inside the span from ``start`` to ``end``."""
        first = clock_start(start, country=self.country, time_zone=self.zone)
        last = end.astimezone(self.zone).date()
        return sum(
            working_days_between(max(first, pause_first), min(last, pause_last), self.country)
            for pause_first, pause_last in pauses
        )


def _sectors(service_page_ids: set[int]) -> dict[int, tuple]:
    """For each service page: its own translation key and its parent's (the sector)."""
    pages = list(
        Page.objects.filter(pk__in=service_page_ids).values("pk", "path", "translation_key")
    )
    parent_paths = {page["path"][: -Page.steplen] for page in pages}
    parents = dict(
        Page.objects.filter(path__in=parent_paths).values_list("path", "translation_key")
    )
    return {
        page["pk"]: (page["translation_key"], parents.get(page["path"][: -Page.steplen]))
        for page in pages
    }


def _build(application: Application, pages: dict[int, tuple], waived: set[int]):
    """The fact, its stage visits and its officers' actions, computed from the events."""
    clock = _Clock(application.office)
    events = sorted(application.events.all(), key=lambda event: (event.created_at, event.pk))
    service_key, sector_key = pages.get(application.service_page_id, (None, None))
    fact = CaseFact(
        application=application,
        service_key=service_key,
        sector_key=sector_key,
        office_key=application.office.translation_key if application.office else None,
        channel=application.channel,
        submitted_at=application.submitted_at,
        submitted_on=_local_day(application.submitted_at),
        standard_days=application.service_standard_days or 0,
        fee_waived=application.pk in waived,
    )
    pauses: list[tuple] = []
    returned_at = None
    result_at = None
    visits: list[StageFact] = []
    stage_id, entered_at = None, application.submitted_at
    actions: list[ActionFact] = []
    for event in events:
        if event.kind == Event.Kind.RETURNED:
            returned_at = event.created_at
        elif event.kind == Event.Kind.RESUBMITTED and returned_at is not None:
            pauses.append(clock.paused(returned_at, event.created_at))
            returned_at = None
        if event.kind == Event.Kind.REFERRED:
            fact.referred = True
        if event.kind in OUTCOMES and result_at is None:
            result_at = event.created_at
            fact.outcome = OUTCOMES[event.kind]
        if event.kind in OFFICER_ACTIONS and event.actor_id:
            actions.append(
                ActionFact(
                    event_id=event.pk,
                    kind=event.kind,
                    officer_id=event.actor_id,
                    done_on=_local_day(event.created_at),
                )
            )
        if event.from_stage_id != event.to_stage_id and event.from_stage_id is not None:
            visits.append(StageFact(stage_id=event.from_stage_id, entered_at=entered_at))
            visits[-1].left_at = event.created_at
            stage_id, entered_at = event.to_stage_id, event.created_at
        elif stage_id is None and event.to_stage_id is not None:
            stage_id = event.to_stage_id
    if returned_at is not None:
        pauses.append(clock.paused(returned_at, None))
    current = stage_id or application.stage_id
    if current and application.status in OPEN_STATUSES:
        visits.append(StageFact(stage_id=current, entered_at=entered_at))
        visits[-1].left_at = None
    for visit in visits:
        if visit.left_at is not None:
            visit.left_on = _local_day(visit.left_at)
            visit.working_days = clock.days(visit.entered_at, visit.left_at) - clock.overlap(
                pauses, visit.entered_at, visit.left_at
            )
    if result_at is not None:
        fact.result_on = _local_day(result_at)
        if fact.outcome != CaseFact.Outcome.WITHDRAWN:
            fact.paused_days = clock.overlap(pauses, application.submitted_at, result_at)
            fact.working_days = clock.days(application.submitted_at, result_at) - fact.paused_days
            fact.within_standard = fact.working_days <= fact.standard_days
    feedback = getattr(application, "feedback", None)
    if feedback is not None:
        fact.rating = feedback.rating
        fact.rated_on = _local_day(feedback.created_at)
    return fact, visits, actions


def facts_build(*, application_ids: Iterable[int]) -> int:
    """Rebuild the facts of these applications (those submitted; drafts have none)."""
    ids = list(application_ids)
    sla = dict(Stage.objects.values_list("pk", "sla_days"))
    built = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        applications = list(
            Application.objects.filter(pk__in=chunk)
            .exclude(status=Application.Status.DRAFT)
            .exclude(submitted_at=None)
            .select_related("office", "feedback")
            .prefetch_related("events")
        )
        pages = _sectors({a.service_page_id for a in applications if a.service_page_id})
        waived = set(
            Payment.objects.filter(
                application_id__in=chunk, status=Payment.Status.WAIVED
            ).values_list("application_id", flat=True)
        )
        with transaction.atomic():
            CaseFact.objects.filter(application_id__in=chunk).delete()
            for application in applications:
                fact, visits, actions = _build(application, pages, waived)
                fact.save()
                for row in (*visits, *actions):
                    row.case = fact
                for visit in visits:
                    visit.sla_days = sla.get(visit.stage_id, 0)
                StageFact.objects.bulk_create(visits)
                ActionFact.objects.bulk_create(actions)
                built += 1
    return built


def facts_sweep() -> int:
    """Rebuild the facts of the applications with events or feedback not counted yet."""
    with transaction.atomic():
        progress = (
            FactsProgress.objects.select_for_update().first() or FactsProgress.objects.create()
        )
        events = Event.objects.filter(pk__gt=progress.last_event_id)
        feedback = Feedback.objects.filter(pk__gt=progress.last_feedback_id)
        last_event = events.order_by("-pk").values_list("pk", flat=True).first()
        last_feedback = feedback.order_by("-pk").values_list("pk", flat=True).first()
        ids = set(events.values_list("application_id", flat=True))
        ids |= set(feedback.values_list("application_id", flat=True))
        built = facts_build(application_ids=sorted(ids))
        progress.last_event_id = last_event or progress.last_event_id
        progress.last_feedback_id = last_feedback or progress.last_feedback_id
        progress.swept_at = timezone.now()
        progress.save()
    return built


def facts_rebuild() -> int:
    """Rebuild every fact from the case files (after a change in how facts are counted).
    Facts of applications deleted since are kept: they are all that is left of them."""
    FactsProgress.objects.all().delete()
    return facts_sweep()
