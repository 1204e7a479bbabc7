"""The case file: an Application, its Documents and the Events of its history."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.money import money_format


def private_storage():
    """The storage for applicant documents: never under a public URL."""
    return storages["private"]


SUFFIXES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def document_upload_to(instance: "Document", filename: str) -> str:
    """A random name in a dated folder, its suffix from the checked type, never from the name
    the applicant gave (kept only as data)."""
    suffix = SUFFIXES.get(instance.content_type, "")
    return timezone.now().strftime(f"documents/%Y/%m/{uuid.uuid4().hex}{suffix}")


class Application(models.Model):
    """One request for one public service, from submission to result."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        ACTION_REQUIRED = "action_required", _("More information needed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        COUNTER = "counter", _("At the counter")

    reference = models.CharField(_("reference code"), max_length=16, unique=True)
    service_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("service"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    service_title = models.CharField(_("service"), max_length=255)
    form_schema = models.JSONField(_("form at submission"), default=dict)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    company = models.ForeignKey(
        "accounts.Company",
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    office = models.ForeignKey(
        "accounts.Office",
        verbose_name=_("responsible office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    channel = models.CharField(
        _("channel"), max_length=16, choices=Channel.choices, default=Channel.ONLINE
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    answers = models.JSONField(_("answers"), default=dict)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.DRAFT
    )
    wizard_state = models.JSONField(
        default=dict,
        editable=False,
        help_text="A draft's form wizard data: steps, answers as typed, temporary file names.",
    )
    tracking_pin_hash = models.CharField(max_length=64, blank=True, editable=False)
    service_standard_days = models.PositiveSmallIntegerField(
        _("service standard (working days)"), null=True, blank=True
    )
    fee_snapshot = models.JSONField(
        _("fee at submission"),
        default=dict,
        help_text=_("The service's currency and fee lines (minor units) when it was submitted."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["status", "updated_at"], name="application_draft_age"),
        ]
        constraints = [
            # One draft per person and service: "Continue" finds it from any device.
            models.UniqueConstraint(
                fields=["applicant", "service_page"],
                condition=models.Q(status="draft"),
                name="one_draft_per_service",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.service_title}"

    @property
    def fee_total(self) -> int | None:
        """The fee due in minor units, as computed at submission (None: set by the office)."""
        return self.fee_snapshot.get("total")

    @property
    def fee_currency(self) -> str:
        return self.fee_snapshot.get("currency", "")

    @property
    def fee_total_display(self) -> str:
        total = self.fee_total
        return money_format(total, self.fee_currency) if total else ""

    @property
    def fee_lines(self) -> list[dict]:
        """The fee frozen at submission, as ``{"label", "text"}`` lines to show."""
        currency = self.fee_snapshot.get("currency", "")
        return [
            {"label": line.get("label", ""), "text": money_format(line["amount"], currency)}
            for line in self.fee_snapshot.get("lines", [])
        ]


class Document(models.Model):
    """A file an applicant (or an officer at the counter) attached to an application."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    field_name = models.CharField(_("form field"), max_length=64)
    file = models.FileField(storage=private_storage, upload_to=document_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class Event(models.Model):
    """One thing that happened to an application: who, when, what, from, to, and a note."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        FEE_PAID = "fee_paid", _("Fee paid")
        FEE_REFUNDED = "fee_refunded", _("Fee refunded")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    from_status = models.CharField(_("from"), max_length=24, blank=True)
    to_status = models.CharField(_("to"), max_length=24, blank=True)
    note = models.TextField(_("note"), blank=True)
    visible_to_applicant = models.BooleanField(_("shown to the applicant"), default=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.application.reference}"
