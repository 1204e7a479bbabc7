"""Load the demo: locales, offices, two portals (Wagtail sites: Lao PDR's and Cambodia's), each
with its sectors and services in its languages, groups and accounts.

Idempotent: a second run finds everything in place and changes nothing. It makes accounts with
known passwords, so with DEBUG off it refuses unless told ``--not-production``.
"""

import io
import json
from pathlib import Path
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont
from wagtail.models import Locale, Page, Site

from cms.models import (
    CountrySettings,
    HomePage,
    SectorPage,
    ServicePage,
    ServicePageOffice,
    ServicePageRelated,
)
from payments.services import payment_record_cash
from portal.accounts.models import Company, CompanyDocument, CompanyMembership, Office, User
from portal.accounts.services import CheckedFile, company_document_add
from portal.applications.documents import NewDocument
from portal.applications.models import Application, Stage
from portal.applications.services import application_draft_start, application_submit
from portal.applications.workflow import (
    application_approve,
    application_forward,
    application_return,
)
from portal.core.commands import NotForProductionCommand

ACCOUNTS = [
    # (role, email, password, groups, superuser)
    ("admin", "admin@onedoor.example", "onedoor-admin", [], True),
    ("editor", "editor@onedoor.example", "onedoor-editor", ["Editors"], False),
    (
        "officer",
        "officer@onedoor.example",
        "onedoor-officer",
        ["Officers", "Cashiers", "Registration officers", "Technical officers"],
        False,
    ),
    # Someone for each group that acts on the default workflow's other stages.
    (
        "chief",
        "chief@onedoor.example",
        "onedoor-chief",
        ["Office chiefs", "Cashier supervisors"],
        False,
    ),
    (
        "director",
        "director@onedoor.example",
        "onedoor-director",
        ["Administrative directors"],
        False,
    ),
    (
        "decision-maker",
        "decision-maker@onedoor.example",
        "onedoor-decision-maker",
        ["Decision-makers"],
        False,
    ),
    ("cashier", "cashier@onedoor.example", "onedoor-cashier", ["Officers", "Cashiers"], False),
    # A manager watches the dashboards of the offices they serve.
    ("manager", "manager@onedoor.example", "onedoor-manager", ["Managers"], False),
    ("citizen", "citizen@onedoor.example", "onedoor-citizen", [], False),
]
# The staff who serve every demo office (the others are the admin, the editor and the citizen).
OFFICE_STAFF = ["officer", "chief", "director", "decision-maker", "cashier", "manager"]
# The demo user who acts for each group of the default workflow's stages.
ACTS_FOR = {
    "Registration officers": "officer",
    "Technical officers": "officer",
    "Cashiers": "cashier",
    "Office chiefs": "chief",
    "Administrative directors": "director",
    "Decision-makers": "decision-maker",
}
# Applications waiting in the back office when the demo opens, each at a stage of the default
# workflow: (service, the name typed in its form, the stage it waits at, for the company?, what
# the office asked the applicant, if it was returned to them). Moved there by the workflow's
# own functions, each step by the demo user of that stage's group.
WAITING = [
    ("residence-certificate", "Bounmy Sisouk", "Registration", False, ""),
    ("border-pass", "Khamla Phommachanh", "Cashier", False, ""),
    ("official-seal-permit", "Mekong Coffee Co., Ltd", "Office chief's check", True, ""),
    ("tax-clearance-certificate", "Mekong Coffee Co., Ltd", "Technical review", True, ""),
    (
        "environmental-certificate",
        "Vanh Keomany",
        "Technical review",
        False,
        "The site plan is unreadable: upload a clearer scan of it.",
    ),
    ("construction-permit", "Somphone Vongsa", "Office chief's opinion", False, ""),
    ("investment-licence", "Mekong Coffee Co., Ltd", "Administrative director's opinion", True, ""),
    ("foreign-work-permit", "Noy Inthavong", "Authorised decision", False, ""),
    ("birth-registration", "Dao Sengdara", "Returned to the customer", False, ""),
]

GROUP_PERMISSIONS = {
    "Officers": [("wagtailadmin", "access_admin"), ("applications", "view_application")],
    # The groups that act on the default workflow's stages.
    **{
        group: [("wagtailadmin", "access_admin"), ("applications", "view_application")]
        for group in (
            "Technical officers",
            "Administrative directors",
            "Decision-makers",
        )
    },
    "Registration officers": [
        ("wagtailadmin", "access_admin"),
        ("applications", "view_application"),
        ("applications", "register_at_counter"),
    ],
    "Office chiefs": [
        ("wagtailadmin", "access_admin"),
        ("applications", "view_application"),
        ("applications", "assign_application"),
        ("applications", "set_fee"),
        ("applications", "waive_fee"),
    ],
    # Officers at the cashier's desk (they price a fee the rule cannot); supervisors void
    # mistaken cash records.
    "Cashiers": [("payments", "record_cash"), ("applications", "set_fee")],
    "Cashier supervisors": [("payments", "record_cash"), ("payments", "void_payment")],
    "Finance": [
        ("wagtailadmin", "access_admin"),
        ("payments", "refund_payment"),
        ("payments", "view_reconciliation"),
        ("payments", "confirm_payment"),
    ],
    # Wagtail's Editors edit and submit for moderation; they also translate and keep offices.
    "Editors": [
        ("simple_translation", "submit_translation"),
        ("accounts", "add_office"),
        ("accounts", "change_office"),
    ],
}

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


def catalogue_load(directory: Path = DEMO_DIR) -> dict:
    """The demo catalogue from its data files: ``catalogue.json`` (the home page, the words of
    the demo forms, the sectors with the services each lists, the countries) and one file per
    country (its portal, offices and services). Each country is a portal of its own (a Wagtail
    site) with the sectors that list its services. Refuses a catalogue that cannot load whole,
    or a service that names another country's office or service."""

    def read(name: str) -> dict:
        try:
            return json.loads((directory / name).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Demo catalogue {directory / name}: {error}") from error

    catalogue = read("catalogue.json")
    offices: list[dict] = []
    services: dict[str, dict] = {}
    portals = []
    for country in catalogue["countries"]:
        data = read(f"{country}.json")
        offices += data["offices"]
        own_offices = {office["key"] for office in data["offices"]}
        own_services = {service["slug"] for service in data["services"]}
        for service in data["services"]:
            if service["slug"] in services:
                raise CommandError(f"Demo catalogue: the service {service['slug']} twice.")
            foreign = [key for key in service["offices"] if key not in own_offices] + [
                slug for slug in service["related"] if slug not in own_services
            ]
            if foreign:
                raise CommandError(
                    f"Demo catalogue: the service {service['slug']} of {country} names what "
                    f"{country}.json does not have: {', '.join(foreign)}."
                )
            services[service["slug"]] = service
        portals.append({**data["portal"], "key": country, "slugs": own_services})
    sectors = []
    for sector in catalogue["sectors"]:
        missing = [slug for slug in sector["services"] if slug not in services]
        if missing:
            raise CommandError(
                f"Demo catalogue: the sector {sector['slug']} lists services no country file "
                f"has: {', '.join(missing)}."
            )
        sectors.append({**sector, "services": [services.pop(slug) for slug in sector["services"]]})
    if services:
        raise CommandError(
            f"Demo catalogue: services in no sector of catalogue.json: {', '.join(services)}."
        )
    for portal in portals:
        portal["sectors"] = [
            {**sector, "services": kept}
            for sector in sectors
            if (kept := [data for data in sector["services"] if data["slug"] in portal["slugs"]])
        ]
    return {
        "home": catalogue["home"],
        "form_words": catalogue["form_words"],
        "offices": offices,
        "sectors": sectors,
        "portals": portals,
    }


def service_form(service: dict, language: str, words: dict) -> list[dict]:
    """A two-step form: the applicant's name, then one upload per required document."""
    uploads = [
        {
            "type": "file_upload",
            "value": {
                "label": document["name"][language],
                "name": f"document_{number}",
                "help_text": "",
                "required": document["mandatory"],
                "accepted_types": document["accepted_types"] or ["pdf", "jpeg", "png"],
                "max_size_mb": 5,
                # The company documents that answer it (none: a file is always uploaded).
                "document_types": document.get("company_document_types", []),
            },
        }
        for number, document in enumerate(service["documents"], start=1)
    ]
    return [
        {
            "type": "step",
            "value": {
                "title": words["about_you"][language],
                "intro": "",
                "fields": [
                    {
                        "type": "short_text",
                        "value": {
                            "label": words["full_name"][language],
                            "name": "full_name",
                            "help_text": words["full_name_help"][language],
                            "required": True,
                            "max_length": 200,
                        },
                    },
                    *fee_fields(service["fee"], language, words),
                ],
            },
        },
        {
            "type": "step",
            "value": {
                "title": words["documents"][language],
                "intro": words["documents_intro"][language],
                "fields": uploads,
            },
        },
    ]


def fee_fields(fee: dict, language: str, words: dict) -> list[dict]:
    """The question that decides the fee, when it depends on the applicant's answer."""
    if fee["kind"] == "options":
        return [
            {
                "type": "single_choice",
                "value": {
                    "label": words["fee_option"][language],
                    "name": "fee_option",
                    "help_text": words["fee_option_help"][language],
                    "required": True,
                    "display": "radios",
                    "options": [
                        {"label": option["label"][language], "value": f"option_{number}"}
                        for number, option in enumerate(fee["options"], start=1)
                    ],
                },
            }
        ]
    if fee["kind"] == "per_quantity":
        return [
            {
                "type": "number",
                "value": {
                    "label": f"{words['quantity'][language]} ({fee['unit'][language]})",
                    "name": "quantity",
                    "help_text": "",
                    "required": True,
                    "whole_number": True,
                    "min_value": "1",
                    "max_value": "1000",
                },
            }
        ]
    return []


def fee_stream(fee: dict, language: str) -> list[dict]:
    if fee["kind"] == "free":
        return []
    if fee["kind"] == "fixed":
        return [{"type": "fixed", "value": {"amount": fee["amount"]}}]
    if fee["kind"] == "per_quantity":
        return [
            {
                "type": "per_quantity",
                "value": {
                    "amount": fee["amount"],
                    "unit": fee["unit"][language],
                    "quantity_field": "quantity",
                },
            }
        ]
    return [
        {
            "type": "options",
            "value": {
                "option_field": "fee_option",
                "options": [
                    {
                        "label": option["label"][language],
                        "amount": option["amount"],
                        "value": f"option_{number}",
                    }
                    for number, option in enumerate(fee["options"], start=1)
                ],
            },
        }
    ]


def documents_stream(documents: list[dict], language: str) -> list[dict]:
    return [
        {
            "type": "document",
            "value": {
                "name": document["name"][language],
                "original_or_copy": document["original_or_copy"],
                "copies": document["copies"],
                "mandatory": document["mandatory"],
                "accepted_types": document["accepted_types"],
                "note": "",
            },
        }
        for document in documents
    ]


class Command(NotForProductionCommand):
    help = "Create or complete the demo content and accounts, and print how to sign in."
    writes = "demo accounts with known passwords"

    @transaction.atomic
    def handle(self, *args, **options):
        self.catalogue = catalogue_load()
        self.locales = {
            code: Locale.objects.get_or_create(language_code=code)[0]
            for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        }
        self.languages = [code for code in self.locales if code != settings.LANGUAGE_CODE]
        offices = self.ensure_offices()
        # Each country is a portal (a Wagtail site) of its own: its home, the sectors that list
        # its services, in the languages it offers. English pages first (drafts when new), so
        # that services can link to each other; then each is published once with its links,
        # and translated with them.
        sectors, services, new = {}, {}, []
        for portal in self.catalogue["portals"]:
            home = self.ensure_home(portal)
            self.remove_misplaced(portal, home)
            for sector_data in portal["sectors"]:
                sector, created = self.ensure_draft(
                    home,
                    SectorPage,
                    slug=sector_data["slug"],
                    fields=self.sector_fields(sector_data, "en"),
                )
                sectors[portal["key"], sector_data["slug"]] = sector
                new += [sector] if created else []
                for data in sector_data["services"]:
                    service, created = self.ensure_draft(
                        sector,
                        ServicePage,
                        slug=data["slug"],
                        fields=self.service_fields(data, "en"),
                    )
                    services[data["slug"]] = service
                    new += [service] if created else []
        for portal in self.catalogue["portals"]:
            for sector_data in portal["sectors"]:
                for data in sector_data["services"]:
                    service = services[data["slug"]]
                    if service in new:
                        self.link(service, data, offices, services)
        for page in new:
            page.save_revision().publish()
        for portal in self.catalogue["portals"]:
            languages = [code for code in portal["languages"] if code != settings.LANGUAGE_CODE]
            for sector_data in portal["sectors"]:
                sector = sectors[portal["key"], sector_data["slug"]]
                self.ensure_translations(
                    sector, lambda lang, d=sector_data: self.sector_fields(d, lang), languages
                )
                for data in sector_data["services"]:
                    self.ensure_translations(
                        services[data["slug"]],
                        lambda lang, d=data: self.service_fields(d, lang),
                        languages,
                    )
                    self.ensure_code(services[data["slug"]], data["code"])
        self.ensure_groups()
        self.ensure_accounts()
        self.ensure_officer_offices_and_company(offices)
        self.ensure_waiting_applications(services)
        self.print_accounts()

    # Content ------------------------------------------------------------------------------

    def sector_fields(self, data: dict, language: str) -> dict:
        return {"title": data["title"][language], "intro": data["intro"][language]}

    def service_fields(self, data: dict, language: str) -> dict:
        return {
            "title": data["title"][language],
            "code": data["code"],
            "summary": data["summary"][language],
            "who_can_apply": data["who_can_apply"][language],
            "legal_basis": data["legal_basis"][language],
            "service_standard_days": data["service_standard_days"],
            "fee_currency": data["currency"],
            "fee": fee_stream(data["fee"], language),
            "required_documents": documents_stream(data["documents"], language),
            "channels": data["channels"],
            "application_form": (
                service_form(data, language, self.catalogue["form_words"])
                if data["online_form"]
                else []
            ),
        }

    def ensure_offices(self) -> dict[str, Office]:
        offices = {}
        default = self.locales[settings.LANGUAGE_CODE]
        for data in self.catalogue["offices"]:
            office = Office.objects.filter(locale=default, email=data["email"]).first()
            if office is None:
                office = Office.objects.create(locale=default, **self.office_fields(data, "en"))
            for language in self.languages:
                if office.get_translation_or_none(self.locales[language]) is None:
                    translation = office.copy_for_translation(self.locales[language])
                    for name, value in self.office_fields(data, language).items():
                        setattr(translation, name, value)
                    translation.save()
            offices[data["key"]] = office
        return offices

    def office_fields(self, data: dict, language: str) -> dict:
        return {
            "name": data["name"][language],
            "level": data["level"],
            "country": data["country"],
            "time_zone": "Asia/Phnom_Penh" if data["country"] == "KH" else "Asia/Vientiane",
            "address": data["address"][language],
            "opening_hours": data["opening_hours"][language],
            "phone": data["phone"],
            "email": data["email"],
            "latitude": data["latitude"],
            "longitude": data["longitude"],
        }

    def ensure_home(self, portal: dict) -> HomePage:
        """The portal's home page in its languages, its Wagtail site (the host name of its data
        file, the port of PORTAL_BASE_URL) and its country settings."""
        words = self.catalogue["home"]
        languages = [code for code in portal["languages"] if code != settings.LANGUAGE_CODE]
        home = HomePage.objects.filter(
            depth=2, locale=self.locales["en"], slug=portal["home_slug"]
        ).first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's installation leaves a plain welcome page where our home belongs.
            for page in root.get_children().filter(slug=portal["home_slug"]):
                if page.specific_class is Page and not page.get_children().exists():
                    page.delete()
            home = root.add_child(
                instance=HomePage(
                    slug=portal["home_slug"],
                    locale=self.locales["en"],
                    title=words["title"]["en"],
                    intro=words["intro"]["en"],
                )
            )
            home.save_revision().publish()
        self.ensure_translations(
            home,
            lambda lang: {"title": words["title"][lang], "intro": words["intro"][lang]},
            languages,
        )
        address = urlsplit(settings.PORTAL_BASE_URL)
        wanted = {
            "hostname": portal["hostname"],
            "port": address.port or (443 if address.scheme == "https" else 80),
            "root_page_id": home.pk,
            "is_default_site": portal["default"],
            "site_name": f"{settings.WAGTAIL_SITE_NAME} {portal['name']}",
        }
        site = Site.objects.filter(root_page=home).first()
        if site is None and portal["default"]:
            site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(**wanted)
        elif any(getattr(site, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(site, name, value)
            site.save()
        country = CountrySettings.for_site(site)
        wanted = {
            "country": portal["country"],
            "currency": portal["currency"],
            "languages": ",".join(portal["languages"]),
        }
        if any(getattr(country, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(country, name, value)
            country.save()
        return home

    def remove_misplaced(self, portal: dict, home: HomePage) -> None:
        """What an older demo left where this portal's visitors would see it: the portal's
        services under another portal's home (made again here), and the home's pages in a
        language the portal does not offer."""
        own = Page.objects.filter(translation_key=home.translation_key)
        for translation in own.exclude(locale__language_code__in=portal["languages"]):
            translation.delete()
        paths = list(own.values_list("path", flat=True))
        for page in ServicePage.objects.filter(slug__in=portal["slugs"], locale=self.locales["en"]):
            if not any(page.path.startswith(path) for path in paths):
                for version in Page.objects.filter(translation_key=page.translation_key):
                    version.delete()

    def ensure_draft(self, parent, page_class, *, slug, fields) -> tuple[Page, bool]:
        """The English page under ``parent``, created as a draft if it is not there."""
        page = page_class.objects.child_of(parent).filter(slug=slug).first()
        if page is not None:
            return page, False
        return parent.add_child(instance=page_class(slug=slug, live=False, **fields)), True

    def ensure_code(self, page: ServicePage, code: str) -> None:
        """The service's code in every language, for a page an older demo made without it."""
        for version in ServicePage.objects.filter(translation_key=page.translation_key, code=""):
            version.code = code
            version.save_revision().publish()

    def ensure_translations(self, page, fields, languages):
        for language in languages:
            locale = self.locales[language]
            if page.get_translation_or_none(locale) is not None:
                continue
            translation = page.copy_for_translation(locale, copy_parents=True)
            for name, value in fields(language).items():
                setattr(translation, name, value)
            translation.save_revision().publish()

    def link(self, page: ServicePage, data: dict, offices: dict, services: dict) -> None:
        """The responsible offices and related services of a new page (saved by its revision)."""
        for order, key in enumerate(data["offices"]):
            page.office_links.add(ServicePageOffice(office=offices[key], sort_order=order))
        for order, slug in enumerate(data["related"]):
            page.related_links.add(ServicePageRelated(related=services[slug], sort_order=order))

    # Accounts -----------------------------------------------------------------------------

    def ensure_groups(self):
        for name, permissions in GROUP_PERMISSIONS.items():
            group, _created = Group.objects.get_or_create(name=name)
            wanted = [
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in permissions
            ]
            missing = [p for p in wanted if not group.permissions.filter(pk=p.pk).exists()]
            if missing:
                group.permissions.add(*missing)

    def ensure_accounts(self):
        for role, email, password, groups, superuser in ACCOUNTS:
            user = User.objects.filter(email=email).first()
            changed = user is None
            if user is None:
                user = User(email=email, first_name=role.capitalize(), last_name="Demo")
            if user.is_superuser != superuser or user.is_staff != superuser:
                user.is_superuser = user.is_staff = superuser
                changed = True
            if not user.check_password(password):
                # Someone changed it: the printed password must work again.
                user.set_password(password)
                changed = True
            if changed:
                user.save()
            for name in groups:
                group = Group.objects.get(name=name)
                if not user.groups.filter(pk=group.pk).exists():
                    user.groups.add(group)
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )

    def ensure_officer_offices_and_company(self, offices: dict) -> None:
        """The demo's officers serve every demo office; the demo citizen owns a company."""
        for staff in User.objects.filter(
            email__in=[f"{role}@onedoor.example" for role in OFFICE_STAFF]
        ):
            staff.offices.add(*offices.values())
        citizen = User.objects.get(email="citizen@onedoor.example")
        company, _created = Company.objects.get_or_create(
            registration_number="01-000123",
            defaults={
                "name": "Mekong Coffee Co., Ltd",
                "tax_number": "123456789000",
                "address": "Ban Phonxay, Xaysetha District, Vientiane Capital",
            },
        )
        CompanyMembership.objects.get_or_create(
            company=company, user=citizen, defaults={"role": CompanyMembership.Role.OWNER}
        )
        if not citizen.phone:
            citizen.phone = "+8562055551234"  # texts show in the worker's console
            citizen.save(update_fields=["phone"])
        if not company.documents.exists():
            company_document_add(
                company=company,
                user=citizen,
                kind=CompanyDocument.Kind.REGISTRATION,
                title="Enterprise registration certificate 01-000123",
                checked=CheckedFile(file=demo_certificate(company), content_type="application/pdf"),
            )

    # Applications ---------------------------------------------------------------------------

    def ensure_waiting_applications(self, services: dict) -> None:
        """The demo citizen's applications of ``WAITING``, submitted and moved to their stages
        as officers would move them, unless they are there already (whatever became of them
        since). A service for which the citizen keeps a draft of their own is left alone."""
        citizen = User.objects.get(email="citizen@onedoor.example")
        company = Company.objects.get(registration_number="01-000123")
        users = {role: User.objects.get(email=f"{role}@onedoor.example") for role in OFFICE_STAFF}
        acting = {group: users[role] for group, role in ACTS_FOR.items()}
        for slug, name, stage_name, for_company, asked in WAITING:
            page = services[slug].specific
            mine = Application.objects.filter(applicant=citizen, service_page=page)
            if mine.filter(answers__full_name=name).exists():
                continue
            if mine.filter(status=Application.Status.DRAFT).exists():
                continue
            application = self.submit(page, citizen, name, company if for_company else None)
            application = walk_to_stage(application, stage_name, acting)
            if asked:
                application = application_return(
                    application=application,
                    officer=acting[application.stage.group.name],
                    expected_version=application.version,
                    message=asked,
                )

    def submit(self, page: ServicePage, citizen: User, name: str, company) -> Application:
        """An application made online with the service's form, as its wizard submits it."""
        draft = application_draft_start(
            applicant=citizen, service_page_id=page.pk, service_title=page.title
        )
        answers = {"full_name": name}
        if page.fee and page.fee[0].block_type == "options":
            answers["fee_option"] = "option_1"
        elif page.fee and page.fee[0].block_type == "per_quantity":
            answers["quantity"] = 1
        return application_submit(
            application=draft,
            form_schema=page.form_schema(),
            answers=answers,
            documents=[
                NewDocument(
                    field_name="document_1",
                    file=demo_scan(name),
                    content_type="application/pdf",
                )
            ],
            company_id=company.pk if company else None,
            office_id=page.responsible_office_id,
            service_standard_days=page.service_standard_days,
            fee_snapshot=page.fee_snapshot(answers),
            workflow_id=page.workflow_id,
        )

    def print_accounts(self):
        self.stdout.write(self.style.SUCCESS("Demo content is ready. Sign in with:"))
        for role, email, password, _groups, _superuser in ACCOUNTS:
            self.stdout.write(f"  {role:<14} {email:<30} password: {password}")
        address = urlsplit(settings.PORTAL_BASE_URL)
        for portal in self.catalogue["portals"]:
            url = (
                settings.PORTAL_BASE_URL
                if portal["default"]
                else f"{address.scheme}://{portal['hostname']}"
                + (f":{address.port}" if address.port else "")
            )
            self.stdout.write(f"Portal of {portal['name']}: {url}/")
        self.stdout.write(f"Admin: {settings.PORTAL_BASE_URL}/admin/")


def walk_to_stage(application: Application, stage_name: str, acting: dict) -> Application:
    """Move the application on, stage by stage, until it waits at ``stage_name``: each stage's
    officer forwards it (the cashier takes the fee in cash; the decision-maker approves)."""
    for _step in range(20):
        stage = application.stage
        if stage is None or stage.name == stage_name or stage.kind == Stage.Kind.ISSUANCE:
            break
        officer = acting[stage.group.name]
        if stage.kind == Stage.Kind.PAYMENT:
            payment_record_cash(
                application_id=application.pk,
                amount=application.fee_total,
                fee_amount=application.fee_total,
                currency=application.fee_currency,
                cashier=officer,
                office_id=application.office_id,
            )
        elif stage.kind == Stage.Kind.DECISION:
            application_approve(
                application=application, officer=officer, expected_version=application.version
            )
        else:
            application_forward(
                application=application, officer=officer, expected_version=application.version
            )
        application.refresh_from_db()
    return application


def demo_scan(name: str) -> SimpleUploadedFile:
    """A one-page PDF standing for the scan of the applicant's papers."""
    page = Image.new("RGB", (620, 877), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=28)
    for index, line in enumerate(["SCANNED DOCUMENT", "", name, "", "Demo document."]):
        draw.text((60, 120 + index * 50), line, fill="black", font=font)
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=75)
    return SimpleUploadedFile("scan.pdf", buffer.getvalue(), content_type="application/pdf")


def demo_certificate(company: Company) -> SimpleUploadedFile:
    """A one-page PDF that reads like a registration certificate, for the demo company."""
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=48)
    lines = [
        "ENTERPRISE REGISTRATION CERTIFICATE",
        "",
        company.name,
        f"Registration number: {company.registration_number}",
        f"Tax number: {company.tax_number}",
        company.address,
        "",
        "Demo document: not valid for any purpose.",
    ]
    for index, line in enumerate(lines):
        draw.text((100, 200 + index * 90), line, fill="black", font=font)
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=150)
    return SimpleUploadedFile(
        "registration-certificate.pdf", buffer.getvalue(), content_type="application/pdf"
    )
