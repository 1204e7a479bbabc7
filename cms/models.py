"""The public site: a home page, sectors, and a page for each public service."""

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from forms.blocks import FormStepsBlock
from forms.schema import form_schema_from_stream
from forms.wizard import ApplicationWizard
from portal.core.money import CURRENCY_CHOICES, money_format, money_to_minor

from . import catalogue
from .blocks import FeeBlock, RequiredDocumentBlock
from .editing import ServiceFieldPanel, ServiceOfficesPanel, ServicePageForm
from .localize import localized_offices, localized_related_services
from .translations import service_source_page, service_values_keep


class CachedForAnonymousMixin:
    """Marks the page's answers as the same for every anonymous reader (see cms/cache.py)."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response.page_cacheable = True
        return response


class HomePage(CachedForAnonymousMixin, RoutablePageMixin, Page):
    """The portal's front page, and the catalogue-wide pages under it: search, offices, fees."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.SectorPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sectors"] = SectorPage.objects.child_of(self).live().public().order_by("title")
        return context

    @path("")
    def home(self, request):
        return self.render(request)

    @path("search/")
    def search(self, request):
        query = request.GET.get("q", "").strip()[:200]
        results = catalogue.service_search(query=query, locale=self.locale) if query else []
        return self.render(
            request,
            template="cms/search.html",
            context_overrides={"query": query, "results": results},
        )

    @path("offices/")
    def offices(self, request):
        return self.render(
            request,
            template="cms/office_list.html",
            context_overrides={"offices": catalogue.offices_list(locale=self.locale)},
        )

    @path("offices/<id:office_id>/")
    def office(self, request, office_id):
        office = catalogue.office_get(office_id=office_id, locale=self.locale)
        if office is None:
            raise Http404
        return self.render(
            request,
            template="cms/office_detail.html",
            context_overrides={
                "office": office,
                "services": catalogue.office_services(office=office, locale=self.locale),
            },
        )

    @path("fees/")
    def fees(self, request):
        sort = request.GET.get("sort", "service")
        sort = sort if sort.removeprefix("-") in catalogue.FEE_SCHEDULE_SORTS else "service"
        return self.render(
            request,
            template="cms/fees.html",
            context_overrides={
                "rows": catalogue.fee_schedule(locale=self.locale, sort=sort),
                "columns": catalogue.fee_schedule_columns(sort),
            },
        )

    @path("fees/csv/")
    def fees_csv(self, request):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="fees-and-service-standards.csv"'
        catalogue.fee_schedule_csv(response, locale=self.locale, request=request)
        return response


class SectorPage(CachedForAnonymousMixin, Page):
    """A group of services of one sector, such as tourism or construction."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ServicePage"]

    class Meta:
        verbose_name = _("sector")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = ServicePage.objects.child_of(self).live().public().order_by("title")
        return context


class ServicePage(CachedForAnonymousMixin, RoutablePageMixin, Page):
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

    def fee_lines(self) -> list[dict]:
        """The fee as lines to show: ``{"label", "amount" (minor units), "text"}``."""
        lines = []
        currency = self.fee_currency
        for rule in self.fee:
            value = rule.value
            if rule.block_type == "fixed":
                amounts = [("", value["amount"])]
            elif rule.block_type == "per_quantity":
                amounts = [(_("per %(unit)s") % {"unit": value["unit"]}, value["amount"])]
            else:
                amounts = [(option["label"], option["amount"]) for option in value["options"]]
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
        """This service's page in every language."""
        return list(
            Page.objects.filter(translation_key=self.translation_key).values_list("pk", flat=True)
        )

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
            return redirect(self.url)
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
