"""Managers act on a person's request about an application's personal data: export it, or
remove it (after the application is finished). Each is recorded in the audit trail, which is
kept for ever: so the manager gives the request's reference (a ticket or letter number), a
reason chosen from a short list and at most a short note, not a free account naming people.
A removal cannot be undone. Both need the manager's second factor a moment before.

A manager reaches an application of the offices they serve (every office for national
managers), as on the dashboards, by its reference code."""

from django import forms
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.accounts.reauthentication import second_factor_required
from portal.applications.archive import application_archive
from portal.applications.models import Application
from portal.applications.retention import application_personal_data_remove
from portal.applications.selectors import (
    officer_office_ids,
    results_issued,
    service_titles_in_language,
)
from portal.audit.models import AuditRecord
from portal.audit.services import audit_record, object_or_refused
from portal.core.admin import AdminPage

PERMISSION = "applications.manage_personal_data"


def applications_for_manager(user):
    """The submitted applications of the offices a manager serves; every one for a national
    manager or a superuser."""
    applications = Application.objects.exclude(status=Application.Status.DRAFT)
    if user.is_superuser or user.has_perm("dashboard.view_all_offices"):
        return applications
    return applications.filter(office_id__in=officer_office_ids(user))


class FindForm(forms.Form):
    reference = forms.CharField(label=_("Reference code"), max_length=32)


class RequestForm(forms.Form):
    """Why a manager exports or removes: what the audit trail keeps of it, for ever."""

    REASONS = {
        "request": ("the person's request", _("The person's own request")),
        "court_order": ("a court order", _("A court order")),
        "other": ("other", _("Other")),
    }

    reference = forms.CharField(
        label=_("Reference of the request"),
        help_text=_("The ticket or letter number under which the request was received."),
        max_length=64,
        error_messages={
            "required": _("Give the request's reference (its ticket or letter number).")
        },
    )
    reason = forms.ChoiceField(
        label=_("Why it is asked"),
        choices=[(key, label) for key, (_recorded, label) in REASONS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why it is asked.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_(
            "A few words, kept in the audit trail for ever. Do not write names, contact "
            "details or anything else about the person."
        ),
        max_length=200,
        required=False,
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def detail(self) -> str:
        """What the audit trail records, in the portal's words."""
        recorded = self.REASONS[self.cleaned_data["reason"]][0]
        detail = f"reason: {recorded}; request: {self.cleaned_data['reference'].strip()}"
        note = self.cleaned_data["note"].strip()
        return f"{detail}; note: {note}" if note else detail


class PersonalDataFindView(AdminPage):
    """Find an application by its reference code."""

    permission_required = PERMISSION
    template_name = "review/personal_data_find.html"
    page_title = _("Personal data requests")
    header_icon = "user"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or FindForm()
        return context

    def post(self, request):
        form = FindForm(request.POST)
        if form.is_valid():
            reference = form.cleaned_data["reference"].strip().upper()
            application = applications_for_manager(request.user).filter(reference=reference).first()
            if application is not None:
                return redirect("application_personal_data", pk=application.pk)
            form.add_error("reference", gettext("No application of your offices has this code."))
        return self.render_to_response(self.get_context_data(form=form))


# allauth's page asks for the second factor, then sends the request on: nothing typed is lost.
@method_decorator(second_factor_required, name="post")
class PersonalDataView(AdminPage):
    """One application's personal data: export it, or remove it, on request."""

    permission_required = PERMISSION
    template_name = "review/personal_data.html"
    page_title = _("Personal data")
    header_icon = "user"

    def application(self):
        application = object_or_refused(
            self.request,
            applications_for_manager(self.request.user).select_related("office"),
            pk=self.kwargs["pk"],
        )
        service_titles_in_language([application])
        return application

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = kwargs.get("application") or self.application()
        context.update(
            application=application,
            finished=application.status in Application.FINISHED,
            result_in_force=any(
                certificate.is_valid for certificate in results_issued(application=application)
            ),
            export_form=kwargs.get("export_form") or RequestForm(prefix="export"),
            remove_form=kwargs.get("remove_form") or RequestForm(prefix="remove"),
            confirming=kwargs.get("confirming", False),
        )
        return context

    def post(self, request, pk):
        application = self.application()
        if "export-reference" in request.POST:
            form = RequestForm(request.POST, prefix="export")
            if not form.is_valid():
                return self.render_to_response(
                    self.get_context_data(application=application, export_form=form)
                )
            archive = application_archive(application=application)
            audit_record(  # once built: nothing is recorded as given that was not
                action=AuditRecord.Action.DATA_EXPORTED,
                request=request,
                object_type="applications.application",
                object_id=application.pk,
                reference=application.reference,
                application_id=application.pk,
                detail=form.detail(),
            )
            return FileResponse(
                archive,
                as_attachment=True,
                filename=f"{application.reference}.zip",
                content_type="application/zip",
            )
        form = RequestForm(request.POST, prefix="remove")
        if not form.is_valid() or application.status not in Application.FINISHED:
            return self.render_to_response(
                self.get_context_data(application=application, remove_form=form)
            )
        if not form.cleaned_data["confirm"]:  # the page that says it cannot be undone
            confirm = RequestForm(prefix="remove", initial={**form.cleaned_data, "confirm": True})
            return self.render_to_response(
                self.get_context_data(application=application, remove_form=confirm, confirming=True)
            )
        if application_personal_data_remove(
            application=application, user=request.user, reason=form.detail(), request=request
        ):
            messages.success(
                request,
                gettext("The personal data of %(reference)s is removed.")
                % {"reference": application.reference},
            )
        return redirect(reverse("application_personal_data", args=[application.pk]))


def manager_may_act(*, user, application: Application) -> bool:
    """Whether ``user`` may export or remove this application's personal data."""
    return (
        user.has_perm(PERMISSION)
        and applications_for_manager(user).filter(pk=application.pk).exists()
    )
