"""Load the demo: site, locales, a sector with a service and its form, groups and accounts.

Idempotent: a second run finds everything in place and changes nothing.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.models import HomePage, SectorPage, ServicePage
from portal.accounts.models import User

ACCOUNTS = [
    # (role, email, password, groups, superuser)
    ("admin", "admin@onedoor.example", "onedoor-admin", [], True),
    ("editor", "editor@onedoor.example", "onedoor-editor", ["Editors"], False),
    ("officer", "officer@onedoor.example", "onedoor-officer", ["Officers"], False),
    ("citizen", "citizen@onedoor.example", "onedoor-citizen", [], False),
]

OFFICER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("applications", "view_application"),
]

ENTERPRISE_REGISTRATION_FORM = [
    {
        "type": "step",
        "value": {
            "title": "About the enterprise",
            "intro": "Give the enterprise's name as it will appear on the certificate, "
            "and attach the signed application letter.",
            "fields": [
                {
                    "type": "short_text",
                    "value": {
                        "label": "Name of the enterprise",
                        "name": "enterprise_name",
                        "help_text": "In Lao or Latin letters, as in the articles of association.",
                        "required": True,
                        "max_length": 200,
                    },
                },
                {
                    "type": "file_upload",
                    "value": {
                        "label": "Signed application letter",
                        "name": "application_letter",
                        "help_text": "A scan or photo: PDF, JPEG or PNG, up to 5 MB.",
                        "required": True,
                        "accepted_types": ["pdf", "jpeg", "png"],
                        "max_size_mb": 5,
                    },
                },
            ],
        },
    }
]


class Command(BaseCommand):
    help = "Create or complete the demo content and accounts, and print how to sign in."

    @transaction.atomic
    def handle(self, *args, **options):
        self.ensure_locales()
        home = self.ensure_home()
        sector = self.ensure_child(
            home,
            SectorPage,
            slug="business",
            title="Business and investment",
            intro="Registering and licensing enterprises, investment and trade.",
        )
        self.ensure_child(
            sector,
            ServicePage,
            slug="enterprise-registration",
            title="Enterprise registration",
            summary="Register a new enterprise and receive its enterprise registration "
            "certificate, which also serves as its tax registration.",
            who_can_apply="Lao citizens, foreigners and legal entities founding an "
            "enterprise in Lao PDR, or their authorised representative.",
            service_standard_days=10,
            application_form=ENTERPRISE_REGISTRATION_FORM,
        )
        self.ensure_officer_group()
        self.ensure_accounts()
        self.print_accounts()

    def ensure_locales(self):
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            Locale.objects.get_or_create(language_code=code)

    def ensure_home(self) -> HomePage:
        home = HomePage.objects.filter(depth=2).first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's installation leaves a plain welcome page where our home belongs.
            for page in root.get_children().filter(slug="home"):
                if page.specific_class is Page and not page.get_children().exists():
                    page.delete()
            home = root.add_child(
                instance=HomePage(
                    title="Public services",
                    slug="home",
                    intro="Find a public service, see what it needs and what it costs, "
                    "apply online and follow your application.",
                )
            )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=settings.WAGTAIL_SITE_NAME,
            )
        elif site.root_page_id != home.pk or site.site_name != settings.WAGTAIL_SITE_NAME:
            site.root_page = home
            site.site_name = settings.WAGTAIL_SITE_NAME
            site.save()
        return home

    def ensure_child(self, parent: Page, page_class, *, slug: str, **fields) -> Page:
        existing = page_class.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing
        page = parent.add_child(instance=page_class(slug=slug, **fields))
        page.save_revision().publish()
        return page

    def ensure_officer_group(self):
        group, _created = Group.objects.get_or_create(name="Officers")
        wanted = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in OFFICER_PERMISSIONS
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

    def print_accounts(self):
        self.stdout.write(self.style.SUCCESS("Demo content is ready. Sign in with:"))
        for role, email, password, _groups, _superuser in ACCOUNTS:
            self.stdout.write(f"  {role:<8} {email:<28} password: {password}")
        self.stdout.write("Portal: http://127.0.0.1:8000/   Admin: http://127.0.0.1:8000/admin/")
