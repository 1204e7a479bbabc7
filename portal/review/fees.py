"""Setting and waiving an application's fee in the admin: officers who may set fees price what
the service's rule cannot (lines, amounts, and a reason the applicant reads); supervisors
waive a fee with a reason. Both call the workflow engine, which records them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.validators import DecimalValidator
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.applications import workflow
from portal.applications.selectors import (
    application_list_for_officer,
    service_titles_in_language,
)
from portal.audit.services import object_or_refused
from portal.core.money import CURRENCIES, money_to_major, money_to_minor

MAX_LINES = 8


class FeeLineForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("What it is for"), max_length=200, required=False)
    amount = forms.DecimalField(
        label=gettext_lazy("Amount"),
        min_value=0,
        max_digits=15,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"invalid": gettext_lazy("Enter the amount as a number, such as 50000.")},
    )

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        # The currency's minor units (the field's validators are shared: replace, not change).
        places = CURRENCIES[currency].exponent
        amount = self.fields["amount"]
        amount.decimal_places = places
        amount.validators = [
            *(v for v in amount.validators if not isinstance(v, DecimalValidator)),
            DecimalValidator(amount.max_digits, places),
        ]

    def clean(self):
        data = super().clean()
        if data.get("label") and data.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Enter the amount of this line."))
        return data


FeeLineFormSet = forms.formset_factory(FeeLineForm, extra=0, max_num=MAX_LINES, absolute_max=20)


class FeeMessageForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=gettext_lazy("Message to the applicant"),
        help_text=gettext_lazy("Why the fee is what it is: the applicant reads it."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Tell the applicant how the fee was set.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Internal note"),
        help_text=gettext_lazy("Only officers read it: never the applicant."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WaiveForm(FeeMessageForm):
    message = forms.CharField(
        label=gettext_lazy("Message to the applicant"),
        help_text=gettext_lazy("Why the fee is waived: the applicant reads it."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Tell the applicant why the fee is waived.")},
    )


class FeePage(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    raise_exception = True
    template_name = "review/application_fee.html"
    header_icon = "form"

    def application(self):
        return object_or_refused(
            self.request, application_list_for_officer(user=self.request.user), pk=self.kwargs["pk"]
        )

    def done(self, application):
        messages.success(self.request, _("Done: %(action)s.") % {"action": self.page_title})
        return redirect("applications:inspect", application.pk)


class FeeSetView(FeePage):
    """Set the fee: its lines and the reason the applicant reads."""

    permission_required = workflow.SET_FEE_PERMISSION
    page_title = gettext_lazy("Set the fee")

    def forms(self, application, data=None):
        currency = application.fee_currency
        initial = []
        if application.fee_total is not None:
            initial = [
                {"label": line["label"], "amount": money_to_major(line["amount"], currency)}
                for line in application.fee_snapshot.get("lines", [])
            ]
        lines = FeeLineFormSet(
            data,
            initial=initial,
            prefix="line",
            form_kwargs={"currency": currency},
        )
        lines.extra = max(1, 3 - len(initial))
        return lines, FeeMessageForm(data, initial={"version": application.version})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = kwargs.get("application") or self.application()
        lines, form = kwargs.get("forms") or self.forms(application)
        service_titles_in_language([application])
        context.update(application=application, lines=lines, form=form, rule=True)
        return context

    def post(self, request, *args, **kwargs):
        application = self.application()
        lines, form = self.forms(application, request.POST)
        if lines.is_valid() and form.is_valid():
            currency = application.fee_currency
            priced = [
                (line["label"].strip(), money_to_minor(line["amount"], currency))
                for line in lines.cleaned_data
                if line and line.get("amount") is not None
            ]
            try:
                workflow.application_fee_set(
                    application=application,
                    officer=request.user,
                    expected_version=form.cleaned_data["version"],
                    lines=priced,
                    message=form.cleaned_data["message"],
                    note=form.cleaned_data["note"],
                )
            except workflow.ActionRefused as refused:
                form.add_error(None, str(refused))
            else:
                return self.done(application)
        return self.render_to_response(
            self.get_context_data(application=application, forms=(lines, form))
        )


class FeeWaiveView(FeePage):
    """Waive the fee, with the reason the applicant reads."""

    permission_required = workflow.WAIVE_FEE_PERMISSION
    page_title = gettext_lazy("Waive the fee")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = kwargs.get("application") or self.application()
        form = kwargs.get("form") or WaiveForm(initial={"version": application.version})
        service_titles_in_language([application])
        context.update(application=application, form=form)
        return context

    def post(self, request, *args, **kwargs):
        application = self.application()
        form = WaiveForm(request.POST)
        if form.is_valid():
            try:
                workflow.application_fee_waive(
                    application=application,
                    supervisor=request.user,
                    expected_version=form.cleaned_data["version"],
                    message=form.cleaned_data["message"],
                    note=form.cleaned_data["note"],
                )
            except workflow.ActionRefused as refused:
                form.add_error(None, str(refused))
            else:
                return self.done(application)
        return self.render_to_response(self.get_context_data(application=application, form=form))
