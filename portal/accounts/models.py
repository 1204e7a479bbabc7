"""Users (one account per email address), the companies they act for, and the offices that
serve the public."""

import zoneinfo

import holidays
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin


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
