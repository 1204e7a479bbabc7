"""What the statistics keep of each application, apart from its personal data.

The figures of the dashboards and of the public statistics count these rows, not the case
files: when an application's personal data is purged (its answers, documents, applicant, even
the application itself), its facts stay, so a past month's figures do not change. A fact holds
no name, contact, answer, reference or comment: dates, the service, sector, office and channel,
the stages and their working days, and the rating.

The task worker keeps them up to date (``facts.facts_sweep``, scheduled every minute): every
change of an application writes an Event, and the sweep rebuilds the facts of the applications
with events (or feedback) it has not seen yet.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseFact(models.Model):
    """One submitted application, as the statistics count it."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("Open")
        ISSUED = "issued", _("Result issued")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    application = models.OneToOneField(
        "applications.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fact",
    )
    service_key = models.UUIDField(_("service"), null=True, blank=True)
    sector_key = models.UUIDField(_("sector"), null=True, blank=True)
    office_key = models.UUIDField(_("office"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=16)
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_on = models.DateField(_("submitted on"))
    result_on = models.DateField(_("result on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.OPEN
    )
    standard_days = models.PositiveSmallIntegerField(_("service standard (working days)"))
    working_days = models.PositiveIntegerField(
        _("working days to the result"),
        null=True,
        blank=True,
        help_text=_("Days waiting for the applicant's answer are not counted."),
    )
    paused_days = models.PositiveIntegerField(
        _("working days waiting for the applicant"), default=0
    )
    within_standard = models.BooleanField(_("within the service standard"), null=True, blank=True)
    referred = models.BooleanField(_("referred to another office"), default=False)
    fee_waived = models.BooleanField(_("fee waived"), default=False)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rated_on = models.DateField(_("rated on"), null=True, blank=True)
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application counted")
        verbose_name_plural = _("applications counted")
        indexes = [
            models.Index(fields=["submitted_on", "office_key"], name="fact_submitted"),
            models.Index(fields=["result_on", "office_key"], name="fact_result"),
            models.Index(fields=["rated_on", "office_key"], name="fact_rated"),
        ]
        permissions = [
            ("view_dashboard", "Can see the dashboards of the offices they serve"),
            ("view_all_offices", "Can see the dashboards of every office"),
        ]

    def __str__(self) -> str:
        return f"{self.submitted_on} {self.service_key} {self.outcome}"


class StageFact(models.Model):
    """The time one application spent at one stage of its workflow (one row per visit)."""

    case = models.ForeignKey(CaseFact, on_delete=models.CASCADE, related_name="stages")
    stage = models.ForeignKey(
        "applications.Stage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    working_days = models.PositiveIntegerField(_("working days"), null=True, blank=True)
    sla_days = models.PositiveSmallIntegerField(_("time allowed (working days)"))

    class Meta:
        indexes = [models.Index(fields=["left_on", "stage"], name="stage_fact_left")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.stage_id} {self.working_days}"


class ActionFact(models.Model):
    """One action an officer took on an application (a workflow move, a fee set, a note)."""

    event_id = models.BigIntegerField(unique=True)
    case = models.ForeignKey(CaseFact, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("what"), max_length=32)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    done_on = models.DateField(_("day"))

    class Meta:
        indexes = [models.Index(fields=["done_on", "officer"], name="action_fact_day")]

    def __str__(self) -> str:
        return f"{self.done_on} {self.officer_id} {self.kind}"


class FactsProgress(models.Model):
    """How far the sweep has read: the last event and the last feedback it has counted."""

    last_event_id = models.BigIntegerField(default=0)
    last_feedback_id = models.BigIntegerField(default=0)
    swept_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"events to {self.last_event_id}, feedback to {self.last_feedback_id}"
