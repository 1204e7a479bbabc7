"""Counter intake: an officer registers a walk-in citizen's application with the service's own
form, the paper documents scanned and uploaded, and prints a slip with the reference code, a
tracking PIN and a QR code to the public status page.

The form carries a one-time token: however often it is sent, it registers one application,
and a second send shows the slip of the first. An email address or phone number given is
never taken as proof of an account: see ``portal.applications.counter``."""

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from forms.builder import DocumentField, FormBuilder
from forms.drafts import DraftStorage, wizard_file_storage
from portal.accounts.models import Office
from portal.applications.answers import document_labels
from portal.applications.counter import (
    WalkIn,
    application_register_at_counter,
    counter_application_for_form,
    counter_form_nonce,
    counter_form_token,
)
from portal.applications.models import CounterIntake
from portal.applications.selectors import application_list_for_officer
from portal.applications.views import paper_context, printed_in
from portal.audit.services import object_or_refused
from portal.core.addresses import page_address
from portal.core.phone import phone_normalise
from portal.core.qr import qr_svg

from .models import ServicePage

logger = logging.getLogger(__name__)

PERMISSION = "applications.register_at_counter"
ONCE_FIELD = "counter-token"  # the form's one-time token
# Scans that passed their checks in a form sent back for another answer wait in private
# storage, as the wizard's files do (a day later, unclaimed, ``draft_purge`` deletes them);
# the session holds their names, per form, so only this officer's same form finds them.
KEPT_SCANS = "counter-scans:{nonce}"
SCANS = "scans"  # the one "step" of the counter form's kept files


class WalkInForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Citizen's full name"), max_length=200)
    phone = forms.CharField(
        label=gettext_lazy("Phone number"),
        max_length=32,
        required=False,
        help_text=gettext_lazy("A mobile number: news about the application is sent to it by SMS."),
    )
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        required=False,
        help_text=gettext_lazy(
            "If the citizen has one: a link goes there to add the application to the account "
            "of that address. Nothing else is emailed until the owner of the address has done "
            "so with the PIN of the slip."
        ),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("The citizen's language"),
        choices=settings.LANGUAGES,
        help_text=gettext_lazy(
            "The slip and the receipts are printed in it; the citizen's emails and SMS are "
            "written in it."
        ),
    )

    def __init__(self, *args, region: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.fields["language"].initial = get_language()

    def clean_phone(self):
        return phone_normalise(self.cleaned_data["phone"], region=self.region, mobile=True)


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
            form_token=kwargs.get("form_token") or counter_form_token(officer=self.request.user),
            once_field=ONCE_FIELD,
            walk_in=walk_in,
            form=form,
            kept_scans=self.kept_scan_entries(kwargs.get("kept")),
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
        token = request.POST.get(ONCE_FIELD, "")
        nonce = counter_form_nonce(officer=request.user, token=token)
        if nonce:
            # Sent again (a double click, the browser resending): the slip of the first send.
            registered = counter_application_for_form(nonce=nonce)
            if registered is not None:
                return self.slip_of_first_send(registered)
        kept = self.kept_scans(nonce)
        files = request.FILES
        if kept is not None:
            # A scan kept from an earlier send counts as chosen; a new one wins.
            files = {**(kept.get_step_files(SCANS) or {}), **request.FILES.dict()}
        walk_in, form = self.forms(request.POST, files)
        response = self.register_or_refuse(walk_in, form, token=token, nonce=nonce, kept=kept)
        if kept is not None:
            kept.update_response(response)  # closes the kept files; deletes replaced ones
        return response

    def register_or_refuse(self, walk_in, form, *, token: str, nonce: str | None, kept):
        request = self.request
        office_id = self.page.responsible_office_id
        serves = (
            request.user.is_superuser
            or request.user.offices.filter(
                translation_key__in=Office.objects.filter(pk=office_id).values("translation_key")
            ).exists()
        )
        if not serves:
            messages.error(request, _("You do not serve the office responsible for this service."))
        elif not nonce:
            messages.error(
                request,
                _(
                    "This form is out of date and nothing was registered. Check the answers, "
                    "choose the files again and press the button once more."
                ),
            )
            token = ""
        elif walk_in.is_valid() and form.is_valid():
            try:
                application = self.register(walk_in, form, nonce=nonce)
            except (DatabaseError, OSError):
                logger.exception(
                    "Registering a walk-in application for page %s failed", self.page.pk
                )
                messages.error(
                    request,
                    _(
                        "The application could not be registered just now, and nothing was "
                        "kept. Choose the files again and press the button again in a moment."
                    ),
                )
            else:
                self.forget_scans(kept, nonce)
                if application.already_registered:
                    return self.slip_of_first_send(application)
                # For the slip's first print only; just its hash is stored.
                request.session[f"counter-pin:{application.reference}"] = application.tracking_pin
                return redirect("counter_slip", pk=application.pk)
        if kept is not None and (walk_in.errors or form.errors):
            self.keep_good_scans(kept, form, nonce=nonce)
        return self.render_to_response(
            self.get_context_data(forms=(walk_in, form), form_token=token, kept=kept)
        )

    # --- scans kept across a form sent back -------------------------------------------------

    def kept_scans(self, nonce: str | None) -> DraftStorage | None:
        """The scans kept for this form (the wizard's temporary file store), if the form is
        one this officer was given."""
        if not nonce:
            return None
        state = self.request.session.get(KEPT_SCANS.format(nonce=nonce))
        return DraftStorage("counter", self.request, wizard_file_storage(), initial=state)

    def keep_good_scans(self, kept: DraftStorage, form, *, nonce: str) -> None:
        """The scans of this send that passed their checks wait for the next send; a kept one
        a new scan replaces is deleted."""
        good = {}
        for name, field in form.fields.items():
            key = form.add_prefix(name)
            if (
                isinstance(field, DocumentField)
                and key in self.request.FILES
                and name not in form.errors
                and form.cleaned_data.get(name)
            ):
                file, content_type = form.cleaned_data[name]
                file.content_type = content_type
                good[key] = file
        if good:
            kept.set_step_files(SCANS, good)
            self.request.session[KEPT_SCANS.format(nonce=nonce)] = kept.data

    def forget_scans(self, kept: DraftStorage | None, nonce: str) -> None:
        """Registered: the waiting copies are deleted after the response."""
        if kept is not None and self.request.session.pop(KEPT_SCANS.format(nonce=nonce), None):
            kept.reset()

    def kept_scan_entries(self, kept: DraftStorage | None) -> dict:
        """Kept scans by field name: ``{"name", "size"}``."""
        if kept is None:
            return {}
        entries = kept.data[DraftStorage.step_files_key].get(SCANS, {})
        return {key.removeprefix("form-"): entry for key, entry in entries.items()}

    def slip_of_first_send(self, application):
        """The same form sent again: its first send's slip. This request's copy of the session
        was read before the first send kept the PIN there, so it is not written back."""
        self.request.session.modified = False
        return redirect("counter_slip", pk=application.pk)

    def register(self, walk_in: WalkInForm, form, *, nonce: str):
        citizen = walk_in.cleaned_data
        answers = form.answers()
        return application_register_at_counter(
            officer=self.request.user,
            walk_in=WalkIn(
                full_name=citizen["full_name"],
                email=citizen["email"],
                phone=citizen["phone"],
                region=walk_in.region,
            ),
            form_nonce=nonce,
            service_page_id=self.page.pk,
            service_title=self.page.title,
            form_schema=self.page.form_snapshot(self.schema),
            answers=answers,
            documents=form.documents(),
            language=citizen["language"],
            office_id=self.page.responsible_office_id,
            service_standard_days=self.page.service_standard_days,
            fee_snapshot=self.page.fee_snapshot(answers),
            workflow_id=self.page.workflow_id,
        )


class CounterSlipView(CounterPage):
    """The acknowledgement slip to print and hand over; the PIN shows only the first time."""

    template_name = "cms/counter_slip.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = object_or_refused(
            self.request, application_list_for_officer(user=self.request.user), pk=kwargs["pk"]
        )
        language = application.language
        with translation.override(language):
            track_url = (
                page_address(application.service_page)
                + reverse("status_lookup")
                + "?"
                + urlencode({"reference": application.reference})
            )
        context.update(
            paper_context(application=application, language=language),
            documents=application.documents.all(),
            document_labels=document_labels(application=application, language=language),
            intake=CounterIntake.objects.filter(application=application).first(),
            claim_days=CounterIntake.CLAIM_DAYS,
            pin=self.request.session.pop(f"counter-pin:{application.reference}", None),
            track_url=track_url,
            qr=qr_svg(track_url, label=_("QR code that opens this application's status page")),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        """Printed in the language the citizen chose, whatever the officer's."""
        response = super().render_to_response(context, **response_kwargs)
        return printed_in(response, context["application"].language)
