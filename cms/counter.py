"""Counter intake: an officer registers a walk-in citizen's application with the service's own
form, the paper documents scanned and uploaded, and prints a slip with the reference code, a
tracking PIN and a QR code to the public status page."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from forms.builder import FormBuilder
from portal.accounts.models import Office
from portal.applications.selectors import application_list_for_officer
from portal.applications.services import applicant_for_counter, application_register_at_counter
from portal.core.phone import phone_normalise
from portal.core.qr import qr_svg

from .models import ServicePage

PERMISSION = "applications.register_at_counter"


class WalkInForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Citizen's full name"), max_length=200)
    phone = forms.CharField(
        label=gettext_lazy("Phone number"),
        max_length=32,
        required=False,
        help_text=gettext_lazy("News about the application is sent to it by SMS."),
    )
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        required=False,
        help_text=gettext_lazy("If the citizen has one: the confirmation and news go there."),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language for messages"),
        choices=settings.LANGUAGES,
        help_text=gettext_lazy("The citizen's emails and SMS are written in it."),
    )

    def __init__(self, *args, region: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.fields["language"].initial = get_language()

    def clean_phone(self):
        return phone_normalise(self.cleaned_data["phone"], region=self.region)


class CounterPage(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = PERMISSION
    raise_exception = True
    header_icon = "user"


class CounterStartView(CounterPage):
    """Choose the service the citizen applies for."""

    template_name = "cms/counter_start.html"
    page_title = gettext_lazy("Register a walk-in application")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        locale = Locale.get_active()
        services = [
            page
            for page in ServicePage.objects.live().filter(locale=locale).order_by("title")
            if page.application_form and page.offers_counter
        ]
        context["services"] = services
        return context


class CounterFormView(CounterPage):
    """The service's form, all steps on one page, for the officer to fill with the citizen."""

    template_name = "cms/counter_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(ServicePage.objects.live(), pk=kwargs["page_id"])
        if not self.page.application_form:
            raise Http404
        self.schema = self.page.form_schema()

    def get_page_title(self):
        return _("Walk-in application: %(service)s") % {"service": self.page.title}

    def forms(self, data=None, files=None):
        form_class = FormBuilder(self.schema).get_form_class()
        office = Office.objects.filter(pk=self.page.responsible_office_id).first()
        walk_in = WalkInForm(data, prefix="citizen", region=office.country if office else "")
        return walk_in, form_class(data, files, prefix="form")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        walk_in, form = kwargs.get("forms") or self.forms()
        context.update(
            page=self.page,
            walk_in=walk_in,
            form=form,
            steps=[
                {
                    "title": step["title"],
                    "fields": [form[field["name"]] for field in step["fields"]],
                }
                for step in self.schema["steps"]
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        walk_in, form = self.forms(request.POST, request.FILES)
        office_id = self.page.responsible_office_id
        serves = (
            request.user.is_superuser
            or request.user.offices.filter(
                translation_key__in=Office.objects.filter(pk=office_id).values("translation_key")
            ).exists()
        )
        if not serves:
            messages.error(request, _("You do not serve the office responsible for this service."))
        elif walk_in.is_valid() and form.is_valid():
            citizen_data = dict(walk_in.cleaned_data)
            language = citizen_data.pop("language")
            citizen = applicant_for_counter(**citizen_data, region=walk_in.region)
            answers = form.answers()
            application = application_register_at_counter(
                officer=request.user,
                applicant=citizen,
                service_page_id=self.page.pk,
                service_title=self.page.title,
                form_schema=self.schema,
                answers=answers,
                documents=form.documents(),
                language=language,
                office_id=office_id,
                service_standard_days=self.page.service_standard_days,
                fee_snapshot=self.page.fee_snapshot(answers),
                workflow_id=self.page.workflow_id,
            )
            request.session[f"counter-pin:{application.reference}"] = application.tracking_pin
            return redirect("counter_slip", pk=application.pk)
        return self.render_to_response(self.get_context_data(forms=(walk_in, form)))


class CounterSlipView(CounterPage):
    """The acknowledgement slip to print and hand over; the PIN shows only the first time."""

    template_name = "cms/counter_slip.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = get_object_or_404(
            application_list_for_officer(user=self.request.user), pk=kwargs["pk"]
        )
        track_url = (
            settings.PORTAL_BASE_URL
            + reverse("status_lookup")
            + "?"
            + urlencode({"reference": application.reference})
        )
        context.update(
            application=application,
            pin=self.request.session.pop(f"counter-pin:{application.reference}", None),
            track_url=track_url,
            qr=qr_svg(track_url),
        )
        return context
