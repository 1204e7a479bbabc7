"""The public site: a home page, sectors, and a page for each public service."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.validators import MinValueValidator
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from forms.blocks import FormStepsBlock
from forms.schema import form_schema_from_stream
from forms.wizard import ApplicationWizard
from portal.accounts.models import validate_country
from portal.applications.answers import form_words
from portal.audit.services import export_recorded
from portal.core.money import CURRENCY_CHOICES, money_format, money_to_minor

from . import catalogue
from .blocks import FeeBlock, RequiredDocumentBlock
from .editing import (
    CataloguePageForm,
    CountrySettingsForm,
    ServiceFieldPanel,
    ServiceOfficesPanel,
    ServicePageForm,
)
from .localize import localized_offices, localized_related_services
from .routing import translation_page_ids, view_restrictions_exist
from .translations import service_source_page, service_values_keep


@register_setting(icon="site")
class CountrySettings(BaseSiteSetting):
    """The country a portal (a Wagtail site) serves: the offices it lists, the currency a new
    service starts in, the languages it offers. Holidays are each office's country's. A site
    with nothing set lists every office and offers every language."""

    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        validators=[validate_country],
        help_text=_(
            "Two-letter ISO code, such as LA or KH: the portal lists this country's offices. "
            "Empty: every office."
        ),
    )
    currency = models.CharField(
        _("currency of new services"), max_length=3, choices=CURRENCY_CHOICES, default="LAK"
    )
    languages = models.CharField(
        _("languages offered"),
        max_length=64,
        blank=True,
        help_text=_(
            "Readers of a language not ticked are sent to the default language, or to the first "
            "ticked one when the default is not ticked."
        ),
    )

    base_form_class = CountrySettingsForm
    panels = [FieldPanel("country"), FieldPanel("currency"), FieldPanel("languages")]

    class Meta:
        verbose_name = _("country and languages")

    @property
    def language_codes(self) -> list[str]:
        """The languages the portal offers, in the portal's order (all of them when none is
        chosen)."""
        chosen = {code for code in self.languages.split(",") if code}
        return [code for code, _name in settings.LANGUAGES if not chosen or code in chosen]


def page_cached(view):
    """Marks a routable page's view as the same for every reader (see ``CachedPageMixin``)."""
    view.page_cached = True
    return view


class CachedPageMixin:
    """Marks the page's answers as the same for every reader signed out, and for every reader
    signed in (see cms/cache.py): the page itself, and the views of a routable page marked
    ``@page_cached`` (an application's form step is each applicant's own, never kept). A
    private page, which only some may read, is never kept for others."""

    def get_view_restrictions(self):
        """Wagtail's, without a query while no page has a restriction (cms.routing)."""
        if not view_restrictions_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        view = args[0] if args else kwargs.get("view")
        response.page_cacheable = (
            view is None or getattr(view, "page_cached", False)
        ) and not self.get_view_restrictions().exists()
        return response


class LanguagesLackedMixin:
    """In the admin's page listing, a page's title says the languages it is not published in
    yet (read with the listing, see ``cms.wagtail_hooks``); elsewhere it is the plain title."""

    def get_admin_display_title(self):
        title = super().get_admin_display_title()
        missing = catalogue.page_missing_languages(self)
        if not missing:
            return title
        return _("%(title)s · not yet in %(languages)s") % {
            "title": title,
            "languages": ", ".join(str(name) for name in missing),
        }


class HomePage(LanguagesLackedMixin, CachedPageMixin, RoutablePageMixin, Page):
    """The portal's front page, and the catalogue-wide pages under it: search, offices, fees."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    base_form_class = CataloguePageForm
    subpage_types = ["cms.SectorPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sectors"] = SectorPage.objects.child_of(self).live().public().order_by("title")
        return context

    @page_cached
    @path("")
    def home(self, request):
        return self.render(request)

    @page_cached
    @path("search/")
    def search(self, request):
        query = request.GET.get("q", "").strip()[:200]
        results = (
            catalogue.service_search(query=query, locale=self.locale, home=self) if query else []
        )
        return self.render(
            request,
            template="cms/search.html",
            context_overrides={"query": query, "results": results},
        )

    @page_cached
    @path("offices/")
    def offices(self, request):
        return self.render(
            request,
            template="cms/office_list.html",
            context_overrides={
                "offices": catalogue.offices_list(
                    locale=self.locale, country=catalogue.portal_country(request)
                )
            },
        )

    @page_cached
    @path("offices/<id:office_id>/")
    def office(self, request, office_id):
        office = catalogue.office_get(
            office_id=office_id, locale=self.locale, country=catalogue.portal_country(request)
        )
        if office is None:
            raise Http404
        return self.render(
            request,
            template="cms/office_detail.html",
            context_overrides={
                "office": office,
                "services": catalogue.office_services(office=office, locale=self.locale, home=self),
            },
        )

    @page_cached
    @path("fees/")
    def fees(self, request):
        sort = request.GET.get("sort", "service")
        sort = sort if sort.removeprefix("-") in catalogue.FEE_SCHEDULE_SORTS else "service"
        return self.render(
            request,
            template="cms/fees.html",
            context_overrides={
                "rows": catalogue.fee_schedule(locale=self.locale, home=self, sort=sort),
                "columns": catalogue.fee_schedule_columns(sort),
            },
        )

    @path("fees/csv/")
    def fees_csv(self, request):
        """The fee schedule as CSV: public; a download by staff is on the audit trail."""
        user = request.user
        if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
            export_recorded(request, what="cms.fees", export="csv")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="fees-and-service-standards.csv"'
        catalogue.fee_schedule_csv(response, locale=self.locale, home=self, request=request)
        return response


class SectorPage(LanguagesLackedMixin, CachedPageMixin, Page):
    """A group of services of one sector, such as tourism or construction."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    base_form_class = CataloguePageForm
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ServicePage"]

    class Meta:
        verbose_name = _("sector")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = ServicePage.objects.child_of(self).live().public().order_by("title")
        return context


class ServicePage(LanguagesLackedMixin, CachedPageMixin, RoutablePageMixin, Page):
    """One public service: what it is, who may apply, what it needs and costs, and its form."""

    class Channels(models.TextChoices):
        ONLINE = "online", _("Online")
        COUNTER = "counter", _("At the counter")
        BOTH = "both", _("Online or at the counter")

    code = models.CharField(
        _("service code"), max_length=32, blank=True, help_text=_("The catalogue's own code.")
    )
    summary = models.TextField(_("what the service is"))
    who_can_apply = models.TextField(_("who can apply"), blank=True)
    required_documents = StreamField(
        [("document", RequiredDocumentBlock())],
        blank=True,
        verbose_name=_("required documents"),
    )
    fee_currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, default="LAK"
    )
    fee = StreamField(
        FeeBlock(),
        blank=True,
        verbose_name=_("fee"),
        help_text=_("Leave empty for a free service."),
    )
    fee_note = models.CharField(_("about the fee"), max_length=255, blank=True)
    fee_due = models.CharField(
        _("the fee is paid"),
        max_length=16,
        choices=[
            ("submission", _("When applying")),
            ("approval", _("When approved, before the result is issued")),
        ],
        default="submission",
    )
    pay_online = models.BooleanField(
        _("can be paid online"),
        default=True,
        help_text=_("Through the online payment methods that take the fee's currency."),
    )
    pay_at_counter = models.BooleanField(_("can be paid in cash at the counter"), default=True)
    service_standard_days = models.PositiveSmallIntegerField(
        _("service standard (working days)"), null=True, blank=True
    )
    retention_days = models.PositiveIntegerField(
        _("personal data kept (days)"),
        null=True,
        blank=True,
        # Less would remove a person's data before they could ask for a copy or complain.
        validators=[
            MinValueValidator(
                30,
                message=_(
                    "Keep personal data at least 30 days after an application finishes, or "
                    "leave it empty for the portal's default."
                ),
            )
        ],
        help_text=_(
            "How long a finished application's answers, documents, names and contact details "
            "are kept before they are removed; the statistics keep their figures. Empty: the "
            "portal's default."
        ),
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    channels = models.CharField(
        _("how to apply"), max_length=16, choices=Channels.choices, default=Channels.BOTH
    )
    how_to_apply = models.TextField(_("how to apply, step by step"), blank=True)
    workflow = models.ForeignKey(
        "applications.Workflow",
        verbose_name=_("back-office workflow"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The stages its applications go through. Empty: the default workflow."),
    )
    allow_guests = models.BooleanField(
        _("guests may apply"),
        default=False,
        help_text=_(
            "Applicants may apply without an account, after proving their email address "
            "with a code."
        ),
    )
    application_form = StreamField(
        FormStepsBlock(),
        blank=True,
        verbose_name=_("application form"),
        help_text=_("The steps and fields applicants fill in online. Empty: no online form."),
    )

    # The fee rule (but its words), how it is paid, the service standard, the channels, guests,
    # the offices and the workflow are the service's, whatever the language (cms.translations):
    # edited on the source page, read-only on its translations.
    content_panels = [
        *Page.content_panels,
        FieldPanel("code"),
        FieldPanel("summary"),
        FieldPanel("who_can_apply"),
        FieldPanel("required_documents"),
        MultiFieldPanel(
            [
                ServiceFieldPanel("fee_currency"),
                FieldPanel("fee"),
                FieldPanel("fee_note"),
                ServiceFieldPanel("fee_due"),
                FieldRowPanel(
                    [ServiceFieldPanel("pay_online"), ServiceFieldPanel("pay_at_counter")]
                ),
            ],
            heading=_("Fee"),
        ),
        ServiceFieldPanel("service_standard_days"),
        ServiceFieldPanel("retention_days", empty_text=_("The portal's default")),
        FieldPanel("legal_basis"),
        MultiFieldPanel(
            [
                ServiceFieldPanel("channels"),
                ServiceFieldPanel("allow_guests"),
                FieldPanel("how_to_apply"),
            ],
            heading=_("How to apply"),
        ),
        ServiceOfficesPanel("office_links", heading=_("Responsible offices"), label=_("Office")),
        ServiceFieldPanel("workflow", empty_text=_("The default workflow")),
        InlinePanel("related_links", heading=_("Related services"), label=_("Service")),
        FieldPanel("application_form"),
    ]
    base_form_class = ServicePageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("who_can_apply"),
        index.SearchField("legal_basis"),
    ]
    parent_page_types = ["cms.SectorPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service")

    @property
    def is_free(self) -> bool:
        return not self.fee or all(line["amount"] == 0 for line in self.fee_lines())

    def fee_lines(self, answers: dict | None = None) -> list[dict]:
        """The fee as lines to show: ``{"label", "amount" (minor units), "text"}``. Given the
        applicant's ``answers``, a fee by option is the line of the option they chose."""
        lines = []
        currency = self.fee_currency
        for rule in self.fee:
            value = rule.value
            if rule.block_type == "fixed":
                amounts = [("", value["amount"])]
            elif rule.block_type == "per_quantity":
                amounts = [(_("per %(unit)s") % {"unit": value["unit"]}, value["amount"])]
            else:
                chosen = (answers or {}).get(value.get("option_field") or "")
                options = [
                    option
                    for option in value["options"]
                    if chosen and chosen in (option["value"], option["label"])
                ] or value["options"]
                amounts = [(option["label"], option["amount"]) for option in options]
            for label, amount in amounts:
                minor = money_to_minor(amount, currency)
                lines.append(
                    {"label": label, "amount": minor, "text": money_format(minor, currency)}
                )
        return lines

    def fee_snapshot(self, answers: dict | None = None) -> dict:
        """The fee as frozen on an application: the currency, the fee lines (minor units), the
        total due for these answers (None when the answers do not decide it), and when it is
        due."""
        return {
            "currency": self.fee_currency,
            "lines": [
                {"label": str(line["label"]), "amount": line["amount"]} for line in self.fee_lines()
            ],
            "total": self.fee_total(answers or {}),
            "due": self.fee_due,
            "pay_online": self.pay_online,
            "pay_at_counter": self.pay_at_counter,
        }

    def fee_total(self, answers: dict) -> int | None:
        """What an applicant with these answers pays, in minor units, computed here on the
        server from the fee rule: fixed, per quantity, or by the option chosen in the form."""
        if not self.fee:
            return 0
        rule = self.fee[0]
        value = rule.value
        if rule.block_type == "fixed":
            return money_to_minor(value["amount"], self.fee_currency)
        if rule.block_type == "per_quantity":
            field = value.get("quantity_field") or ""
            try:
                quantity = int(answers.get(field, 1)) if field else 1
            except (TypeError, ValueError):
                return None
            if quantity < 1:
                return None  # not a quantity to charge for: the office sets the fee
            return money_to_minor(value["amount"], self.fee_currency) * quantity
        chosen = answers.get(value.get("option_field") or "")
        for option in value["options"]:
            if len(value["options"]) == 1 or (
                chosen and chosen in (option["value"], option["label"])
            ):
                return money_to_minor(option["amount"], self.fee_currency)
        return None

    @property
    def fee_sort_key(self) -> tuple:
        """Free first, then by currency and the lowest amount."""
        amounts = [line["amount"] for line in self.fee_lines()]
        return (
            (0, "", 0) if not amounts or max(amounts) == 0 else (1, self.fee_currency, min(amounts))
        )

    @property
    def how_to_apply_label(self) -> str:
        """How to apply as it really is: online needs a form."""
        if self.accepts_online_applications:
            return self.get_channels_display()
        return self.Channels.COUNTER.label

    @property
    def offers_online(self) -> bool:
        return self.channels in (self.Channels.ONLINE, self.Channels.BOTH)

    @property
    def offers_counter(self) -> bool:
        return self.channels in (self.Channels.COUNTER, self.Channels.BOTH)

    @property
    def accepts_online_applications(self) -> bool:
        return self.offers_online and bool(self.application_form)

    def form_schema(self) -> dict:
        return form_schema_from_stream(self.application_form)

    def form_snapshot(self, schema: dict) -> dict:
        """What an application keeps of the form at submission: ``schema``, with the form's
        words in every language the service is published in, so that it reads in each."""
        pages = (
            ServicePage.objects.live()
            .filter(translation_key=self.translation_key)
            .select_related("locale")
        )
        translations = {page.locale.language_code: form_words(page.form_schema()) for page in pages}
        return {**schema, "translations": translations}

    @page_cached
    @path("")
    def service(self, request):
        return self.render(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["offices"] = localized_offices(self)
        context["related_services"] = localized_related_services(self)
        return context

    def with_content_json(self, content):
        """This page as a revision has it; a translation keeps the service's values of its
        page row, which follow the source page (see cms.translations)."""
        page = super().with_content_json(content)
        if service_source_page(self).pk != self.pk:
            service_values_keep(page=page, kept=self)
        return page

    def translation_page_ids(self) -> list[int]:
        """This service's page in every language (kept until a page changes: cms.routing)."""
        return translation_page_ids(self.translation_key)

    @property
    def responsible_office_id(self) -> int | None:
        """The office whose officers handle this service's applications: the first one named."""
        link = self.office_links.order_by("sort_order").first()
        return link.office_id if link else None

    @path("apply/", name="apply")
    @path("apply/<slug:step>/", name="apply_step")
    def apply(self, request, step=None):
        """The application form, step by step. Applicants sign in first."""
        if not self.accepts_online_applications:
            return redirect(self.get_url(request))
        if request.session.get("guest") and not self.allow_guests:
            # Signed in by an email code: this service wants a full account.
            return redirect_to_login(request.get_full_path())
        if not request.user.is_authenticated:
            if self.allow_guests:
                return redirect(f"{reverse('guest_start')}?{urlencode({'next': request.path})}")
            return redirect_to_login(request.get_full_path())
        return ApplicationWizard.for_page(self)(request, step=step)


class ServicePageOffice(Orderable):
    """An office responsible for a service."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="office_links")
    office = models.ForeignKey(
        "accounts.Office", on_delete=models.PROTECT, related_name="service_links"
    )

    panels = [FieldPanel("office")]

    class Meta(Orderable.Meta):
        verbose_name = _("responsible office")


class ServicePageRelated(Orderable):
    """Another service an applicant of this one often needs."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(ServicePage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = _("related service")
