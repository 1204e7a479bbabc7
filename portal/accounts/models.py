"""Users (one account per email address), the companies they act for, and the offices that
serve the public."""

import uuid
import zoneinfo

import holidays
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin

from portal.core.storage import private_storage
from portal.core.uploads import DocumentType, upload_stored_name


class EmailUserManager(UserManager):
    """Creates users identified by their email address."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in. Staff are users in officer, editor or manager groups."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    offices = models.ManyToManyField(
        "accounts.Office",
        verbose_name=_("offices served"),
        blank=True,
        related_name="officers",
        help_text=_("Officers see and act on the applications of these offices only."),
    )
    # An account another system acts through (an API client's): it never signs in, is never
    # an officer to assign to or count, and is managed with its client, not as a user.
    is_service_account = models.BooleanField(default=False, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        # Officers search the queue by the applicant's name.
        indexes = [models.Index(fields=["last_name", "first_name"], name="user_name")]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


def validate_country(value: str) -> None:
    if value not in holidays.list_supported_countries():
        raise ValidationError(
            _("%(value)s is not a country code with a holiday calendar (ISO 3166, e.g. LA)."),
            params={"value": value},
        )


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not a time zone name (e.g. Asia/Vientiane)."), params={"value": value}
        )


class Office(TranslatableMixin, models.Model):
    """A place that serves the public: a ministry's one-door office, a province's, a district's.

    Officers work for offices; service pages name the offices responsible for them.
    """

    class Level(models.TextChoices):
        MINISTRY = "ministry", _("Ministry (central)")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")

    name = models.CharField(_("name"), max_length=255)
    level = models.CharField(_("administrative level"), max_length=16, choices=Level.choices)
    country = models.CharField(
        _("country"),
        max_length=2,
        validators=[validate_country],
        help_text=_("Two-letter ISO code, such as LA or KH: it sets the public holidays."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Vientiane", validators=[validate_time_zone]
    )
    address = models.TextField(_("address"))
    opening_hours = models.TextField(_("opening hours"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("level"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("time_zone")]),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def map_url(self) -> str:
        """A link to the office on OpenStreetMap; nothing is loaded from there until followed."""
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=17/{self.latitude}/{self.longitude}"
        )


class Company(models.Model):
    """A business that applies for services; its members apply on its behalf."""

    name = models.CharField(_("name"), max_length=255)
    registration_number = models.CharField(_("registration number"), max_length=64, blank=True)
    tax_number = models.CharField(_("tax number"), max_length=64, blank=True)
    address = models.TextField(_("address"), blank=True)
    members = models.ManyToManyField(
        User, through="CompanyMembership", related_name="companies", verbose_name=_("members")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("registration_number"), FieldPanel("tax_number")]),
        FieldPanel("address"),
    ]

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CompanyMembership(models.Model):
    """A person who may act for a company."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="company_memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("company member")
        verbose_name_plural = _("company members")
        constraints = [
            models.UniqueConstraint(fields=["company", "user"], name="one_membership_per_company")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.company}"


class CompanyInvitation(models.Model):
    """An owner's invitation to an email address to join a company; the link in the email
    carries a token of which only the hash is kept."""

    LIFETIME_DAYS = 14

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("invited by")
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("company invitation")
        verbose_name_plural = _("company invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "email"],
                condition=models.Q(accepted_at__isnull=True, cancelled_at__isnull=True),
                name="one_open_invitation_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} · {self.company}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.cancelled_at is None
            and self.expires_at > timezone.now()
        )


def company_document_upload_to(instance: "CompanyDocument", filename: str) -> str:
    return upload_stored_name("companies", instance.content_type)


class CompanyDocument(models.Model):
    """A document a company keeps (its registration certificate, tax certificate, ...):
    uploaded once by a member, attached to later applications without uploading again."""

    Kind = DocumentType  # what the document is; upload fields name the kinds they take

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255, blank=True)
    file = models.FileField(
        storage=private_storage, upload_to=company_document_upload_to, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("company document")
        verbose_name_plural = _("company documents")
        ordering = ["kind", "-uploaded_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """What the document is called: its title, else its kind."""
        return self.title or self.get_kind_display()

    @property
    def is_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < timezone.localdate()


class PhoneConfirmation(models.Model):
    """A new phone number waiting for its owner to type the code texted to it: texts about
    applications go only to a number its owner confirmed (or that an officer or the national
    identity provider vouched for)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="phone_confirmation")
    phone = models.CharField(max_length=32)
    code_hash = models.CharField(max_length=64)
    tries = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user} · {self.phone}"


class GuestCode(models.Model):
    """The one-time code (hashed) that proves a guest's email address, and the tries made.

    Kept in the database so that tries are counted atomically, however many requests come at
    once and whatever cache the portal runs with.
    """

    email = models.EmailField(unique=True)
    code_hash = models.CharField(max_length=64)
    tries = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.email
