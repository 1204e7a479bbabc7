"""Factories for the objects tests need: users, pages with a form, applications."""

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from wagtail.models import Locale

from cms.models import HomePage, SectorPage, ServicePage
from portal.accounts.models import Company, CompanyDocument, CompanyMembership, Office, User
from portal.applications.models import Application

SLICE_FORM = [
    {
        "type": "step",
        "value": {
            "title": "About you",
            "intro": "",
            "fields": [
                {
                    "type": "short_text",
                    "value": {
                        "label": "Full name",
                        "name": "full_name",
                        "help_text": "",
                        "required": True,
                        "max_length": 100,
                    },
                },
                {
                    "type": "file_upload",
                    "value": {
                        "label": "Identity document",
                        "name": "identity_document",
                        "help_text": "",
                        "required": True,
                        "accepted_types": ["pdf", "jpeg", "png"],
                        "max_size_mb": 1,
                    },
                },
            ],
        },
    }
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Somchai"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class OfficerFactory(UserFactory):
    @factory.post_generation
    def officer_group(self, create, extracted, **kwargs):
        if not create:
            return
        group, _ = Group.objects.get_or_create(name="Officers")
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
            Permission.objects.get(
                content_type__app_label="applications", codename="view_application"
            ),
        )
        self.groups.add(group)

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        """Staff have two-step verification unless ``OfficerFactory(mfa=False)``."""
        if create and extracted is not False:
            give_totp(self)

    @factory.post_generation
    def offices(self, create, extracted, **kwargs):
        """``OfficerFactory(offices=[office])``: the offices the officer serves."""
        if create and extracted:
            self.offices.set(extracted)


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    name = factory.Sequence(lambda n: f"One Door Service Centre {n}")
    level = Office.Level.DISTRICT
    country = "LA"
    address = factory.Sequence(lambda n: f"{n} Lane Xang Avenue, Vientiane")
    opening_hours = "Monday to Friday, 8:00-16:00"
    phone = factory.Sequence(lambda n: f"+856 21 000 {n:03d}")
    email = factory.Sequence(lambda n: f"office{n}@onedoor.example")
    latitude = "17.975700"
    longitude = "102.633100"
    locale = factory.LazyFunction(Locale.get_default)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Public services"


class SectorPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectorPage

    title = "Business and investment"


class ServicePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ServicePage

    title = "Enterprise registration"
    summary = "Register a new enterprise."
    who_can_apply = "Anyone founding an enterprise."
    service_standard_days = 10
    fee_currency = "LAK"
    fee = [{"type": "fixed", "value": {"amount": "50000"}}]
    application_form = SLICE_FORM


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    reference = factory.Sequence(lambda n: f"TEST-{n:04d}-X")
    service_title = "Enterprise registration"
    applicant = factory.SubFactory(UserFactory)
    office = factory.SubFactory(OfficeFactory)
    status = Application.Status.SUBMITTED
    submitted_at = factory.Faker("date_time_this_month", tzinfo=__import__("datetime").UTC)


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Mekong Trading {n} Co., Ltd")
    registration_number = factory.Sequence(lambda n: f"01-{n:06d}")
    tax_number = factory.Sequence(lambda n: f"{n:012d}")


class CompanyDocumentFactory(factory.django.DjangoModelFactory):
    """A company document's row; give ``file`` a saved file when the test reads it."""

    class Meta:
        model = CompanyDocument

    company = factory.SubFactory(CompanyFactory)
    kind = CompanyDocument.Kind.TAX
    original_name = "tax.pdf"
    content_type = "application/pdf"
    size = 10
    sha256 = "0" * 64


def company_member(company, user=None, role=CompanyMembership.Role.MEMBER):
    """A user who belongs to the company."""
    user = user or UserFactory()
    CompanyMembership.objects.create(company=company, user=user, role=role)
    return user


def submit_application(
    service_page,
    *,
    applicant=None,
    answers=None,
    documents=(),
    language="en",
    office=None,
    company=None,
    form_schema=None,
):
    """An application submitted through the service, as the wizard does at its end."""
    from portal.applications.services import application_draft_start, application_submit

    draft = application_draft_start(
        applicant=applicant or UserFactory(),
        service_page_id=service_page.pk,
        service_title=service_page.title,
        language=language,
    )
    return application_submit(
        application=draft,
        form_schema=(
            service_page.form_snapshot(service_page.form_schema())
            if form_schema is None
            else form_schema
        ),
        answers={"full_name": "Somchai"} if answers is None else answers,
        documents=list(documents),
        language=language,
        office_id=office.pk if office else None,
        company_id=company.pk if company else None,
        service_standard_days=service_page.service_standard_days,
        fee_snapshot=service_page.fee_snapshot(),
        workflow_id=service_page.workflow_id,
    )


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_totp(user) -> None:
    """An authenticator app for the user, with a known secret (see ``totp_code``)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)


def totp_code(*, lasting: float = 0) -> str:
    """The authenticator app's code now; with ``lasting``, one still good that many seconds
    from now (if the code is about to change, the new one, as a person waits for it)."""
    import time

    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    left = 30 - time.time() % 30
    if left < lasting:
        time.sleep(left + 0.1)

    counter = list(yield_hotp_counters_from_time())[len(list(yield_hotp_counters_from_time())) // 2]
    return format_hotp_value(hotp_value(TOTP_SECRET, counter))


def translate_service(service_page, language: str, title: str):
    """The service page, with its sector and home page, translated into ``language`` and
    published; returns the service's translation."""
    from wagtail.models import Locale

    locale, _created = Locale.objects.get_or_create(language_code=language)
    for page in (service_page.get_parent().get_parent(), service_page.get_parent()):
        if not page.specific.has_translation(locale):
            page.specific.copy_for_translation(locale).save_revision().publish()
    translation = service_page.copy_for_translation(locale)
    translation.title = title
    translation.save_revision().publish()
    return translation
