"""The case file: an Application, its Documents and the Events of its history."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from portal.core.money import money_format
from portal.core.storage import private_storage
from portal.core.uploads import upload_stored_name


def document_upload_to(instance: "Document", filename: str) -> str:
    return upload_stored_name("documents", instance.content_type)


class Workflow(ClusterableModel):
    """A template of ordered stages that an application goes through in the back office.

    Not Wagtail's page workflow (that one moderates page revisions). Each service page chooses
    one; without a choice, the default one applies.
    """

    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("Used by services that choose no workflow.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("is_default"),
        InlinePanel("stages", heading=_("Stages, in order"), label=_("Stage"), min_num=1),
    ]

    class Meta:
        verbose_name = _("workflow")
        verbose_name_plural = _("workflows")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Stage(Orderable):
    """One step of a workflow: who acts on it, where, in how long, and what they may do."""

    class Kind(models.TextChoices):
        INTAKE = "intake", _("Intake")
        PAYMENT = "payment", _("Payment")
        REVIEW = "review", _("Review")
        APPROVAL = "approval", _("Approval")
        DECISION = "decision", _("Decision")
        ISSUANCE = "issuance", _("Issuance")

    workflow = ParentalKey(Workflow, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(_("name"), max_length=255)
    name_lo = models.CharField(_("name in Lao"), max_length=255, blank=True)
    name_km = models.CharField(_("name in Khmer"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("officers who act"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    office = models.ForeignKey(
        "accounts.Office",
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the office responsible for the application."),
    )
    sla_days = models.PositiveSmallIntegerField(_("time allowed (working days)"), default=1)
    can_return = models.BooleanField(_("may return to the applicant"), default=True)
    can_refer = models.BooleanField(_("may refer to another office"), default=False)
    can_reject = models.BooleanField(_("may reject"), default=False)
    archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_(
            "No application enters an archived stage; those at it move on from it. A stage "
            "that applications or their history use is archived when it is removed."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("name_lo"), FieldPanel("name_km")]),
        FieldRowPanel([FieldPanel("group"), FieldPanel("office"), FieldPanel("sla_days")]),
        FieldRowPanel(
            [
                FieldPanel("can_return"),
                FieldPanel("can_refer"),
                FieldPanel("can_reject"),
                FieldPanel("archived"),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("stage")
        verbose_name_plural = _("stages")

    def __str__(self) -> str:
        return f"{self.workflow} · {self.name}"

    def name_in(self, language: str) -> str:
        """The stage's name in a language, as applicants see it on their timeline."""
        return getattr(self, f"name_{language}", "") or self.name


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
    workflow = models.ForeignKey(
        Workflow,
        verbose_name=_("workflow"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    stage = models.ForeignKey(
        Stage,
        verbose_name=_("stage"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_applications",
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    paused_days_left = models.SmallIntegerField(
        _("working days left when paused"), null=True, blank=True, editable=False
    )
    referred_to = models.ForeignKey(
        "accounts.Office",
        verbose_name=_("referred to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_applications",
    )
    stage_entered_at = models.DateTimeField(_("at this stage since"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # When it became completed, rejected or withdrawn: its personal data is kept for the
    # service's retention time from then (see ``retention``).
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, editable=False)
    # When its answers, documents, names and contact details were removed; what the
    # statistics and the accounts need stays. Set once: a purge never runs twice on it.
    personal_data_purged_at = models.DateTimeField(
        _("personal data removed"), null=True, blank=True, editable=False
    )

    FINISHED = (Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [
            ("assign_application", _("Can assign applications to officers (chief)")),
            ("register_at_counter", _("Can register walk-in applications at the counter")),
            ("set_fee", _("Can set the fee of an application")),
            ("waive_fee", _("Can waive the fee of an application (supervisor)")),
            (
                "manage_personal_data",
                _("Can export or remove an application's personal data on request (manager)"),
            ),
        ]
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["status", "updated_at"], name="application_draft_age"),
            models.Index(fields=["stage", "status", "due_date"], name="application_queue"),
            models.Index(fields=["assignee", "status", "due_date"], name="application_assigned"),
            models.Index(fields=["office", "status", "due_date"], name="application_office"),
            # The officers' queue (portal/review/views.py): its order, then every column its
            # filters and search compare, so that a page is read in this order, each entry
            # compared here and the row read only when it is shown (plans in views.py).
            models.Index(
                fields=[
                    "due_date",
                    "submitted_at",
                    "status",
                    "office",
                    "referred_to",
                    "stage",
                    "assignee",
                    "applicant",
                    "service_page",
                    "service_title",
                    "reference",
                ],
                name="application_queue_order",
            ),
            models.Index(fields=["service_title", "status"], name="application_service"),
            # What is open now, counted by the dashboards from the index alone (SQLite reads
            # "SEARCH ... USING COVERING INDEX application_open (status=?)"), not row by row.
            models.Index(
                fields=[
                    "status",
                    "stage",
                    "due_date",
                    "submitted_at",
                    "referred_to",
                    "office",
                    "assignee",
                ],
                name="application_open",
            ),
            # The retention purge reads only the finished applications not purged yet.
            models.Index(
                fields=["finished_at"],
                condition=models.Q(personal_data_purged_at__isnull=True, finished_at__isnull=False),
                name="application_retention_due",
            ),
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

    class Source(models.TextChoices):
        """How it came: with the application (uploaded, or scanned at the counter), attached
        from the company's documents, or with an answer to a request for information."""

        FORM = "form", _("With the application")
        COMPANY = "company", _("From the company's documents")
        ANSWER = "answer", _("With an answer to a request")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    field_name = models.CharField(_("form field"), max_length=64)
    source = models.CharField(
        _("how it came"), max_length=16, choices=Source.choices, default=Source.FORM
    )
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
        CLAIMED = "claimed", _("Taken by an officer")
        ASSIGNED = "assigned", _("Assigned")
        FORWARDED = "forwarded", _("Moved to the next stage")
        RETURNED = "returned", _("Returned for more information")
        RESUBMITTED = "resubmitted", _("Information sent by the applicant")
        REFERRED = "referred", _("Referred to another office")
        RECEIVED_BACK = "received_back", _("Back from the other office")
        REJECTED = "rejected", _("Rejected")
        APPROVED = "approved", _("Approved")
        ISSUED = "issued", _("Result issued")
        COLLECTED = "collected", _("Result collected or delivered")
        REVOKED = "revoked", _("Result revoked")
        REISSUED = "reissued", _("Result issued again")
        WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")
        FEE_SET = "fee_set", _("Fee set by the office")
        FEE_WAIVED = "fee_waived", _("Fee waived")
        ADDED_TO_ACCOUNT = "added_to_account", _("Added to the applicant's account")
        NOTE = "note", _("Internal note")

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
    # A stage that events name is archived, never deleted; the names are copied as they were
    # when it happened, so renaming a stage later does not rewrite the history.
    from_stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_stage_name = models.CharField(_("from stage"), max_length=255, blank=True)
    to_stage_name = models.CharField(_("to stage"), max_length=255, blank=True)
    note = models.TextField(
        _("internal note"),
        blank=True,
        help_text=_("For officers only; never shown to the applicant."),
    )
    message = models.TextField(
        _("message to the applicant"),
        blank=True,
        help_text=_(
            "What the applicant reads of this event (or, for their answer, what they wrote)."
        ),
    )
    visible_to_applicant = models.BooleanField(_("shown to the applicant"), default=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.application.reference}"


class Referral(models.Model):
    """An application sent to another office for its opinion (such as the tax branch), and that
    office's answer. While it is open, the other office's officers act on the application and
    the referring office reads it; the referral's time is counted in the other office's
    working days."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="referrals")
    from_office = models.ForeignKey(
        "accounts.Office",
        verbose_name=_("referred by office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    to_office = models.ForeignKey(
        "accounts.Office",
        verbose_name=_("referred to"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    question = models.TextField(_("what the other office is asked"), blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    referred_at = models.DateTimeField(_("referred"), default=timezone.now)
    due_date = models.DateField(_("answer due"))
    stage_days_left = models.SmallIntegerField(
        _("working days the stage had left"), null=True, blank=True, editable=False
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opinion = models.TextField(_("opinion"), blank=True)
    recalled = models.BooleanField(
        _("taken back"), default=False, help_text=_("Taken back by the referring office.")
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["referred_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(answered_at__isnull=True),
                name="one_open_referral",
            )
        ]
        indexes = [models.Index(fields=["to_office", "application"], name="referral_office")]

    def __str__(self) -> str:
        return f"{self.application.reference} → {self.to_office}"


class CounterIntake(models.Model):
    """How a walk-in application came in at the counter.

    The form's one-time token is unique: the same form sent twice (a double click, two
    requests at once) registers one application. When the citizen gave an email address, or a
    phone number an account has, a link went to that address for its owner to add the
    application to their account; only the hash of its token is kept, and it works once,
    for a while, for a few tries of the slip's PIN.
    """

    CLAIM_DAYS = 14
    CLAIM_TRIES = 5

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="counter_intake"
    )
    form_token = models.CharField(max_length=64, unique=True, editable=False)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    claim_email = models.EmailField(_("link sent to"), blank=True)
    claim_by_phone = models.BooleanField(
        default=False, help_text="The address is that of the account with the phone number given."
    )
    claim_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    claim_expires_at = models.DateTimeField(_("link works until"), null=True, blank=True)
    claim_tries = models.PositiveSmallIntegerField(default=0, editable=False)
    claimed_at = models.DateTimeField(_("added to the account"), null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added to the account of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("counter intake")
        verbose_name_plural = _("counter intakes")
        constraints = [
            models.UniqueConstraint(
                fields=["claim_token_hash"],
                condition=~models.Q(claim_token_hash=""),
                name="one_claim_per_link",
            )
        ]

    def __str__(self) -> str:
        return str(self.application)

    @property
    def claim_open(self) -> bool:
        """Whether the link sent can still add the application to an account."""
        return (
            bool(self.claim_token_hash)
            and self.claimed_at is None
            and self.claim_tries < self.CLAIM_TRIES
            and self.claim_expires_at is not None
            and self.claim_expires_at > timezone.now()
        )


class Certificate(models.Model):
    """The result issued to the applicant: a certificate or licence whose QR code opens a public
    page that says whether it is valid. An application has one that is not revoked at most;
    one issued again replaces the one before, which stays revoked (its code still checks)."""

    code = models.CharField(_("verification code"), max_length=32, unique=True)
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="certificates"
    )
    holder = models.CharField(_("issued to"), max_length=255)
    service_title = models.CharField(_("service"), max_length=255)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.TextField(_("why it was revoked"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_result_in_force",
            )
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_valid(self) -> bool:
        if self.revoked_at:
            return False
        return self.valid_until is None or self.valid_until >= timezone.localdate()
