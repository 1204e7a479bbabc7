"""Officers' actions on an application: each a page with its note, calling the workflow engine.

When someone else acted first, the page says who and keeps what the officer typed.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.accounts.models import Office, User
from portal.applications import workflow
from portal.applications.selectors import application_list_for_officer
from portal.applications.views import certificate_print_context

OFFICER_PERMISSION = "applications.view_application"


class ActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReferForm(ActionForm):
    office = forms.ModelChoiceField(label=gettext_lazy("Refer to"), queryset=Office.objects.none())
    field_order = ["office", "note", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from wagtail.models import Locale

        self.fields["office"].queryset = Office.objects.filter(locale=Locale.get_default())


class IssueForm(ActionForm):
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Empty: valid without end."),
    )
    field_order = ["valid_until", "note", "version"]


class AssignForm(ActionForm):
    officer = forms.ModelChoiceField(label=gettext_lazy("Officer"), queryset=User.objects.none())
    field_order = ["officer", "note", "version"]


def stage_officers(application):
    """The officers who may act on the application's current stage."""
    office = workflow.acting_office(application)
    if application.stage_id is None or office is None:
        return User.objects.none()
    return (
        User.objects.filter(
            is_active=True,
            groups=application.stage.group_id,
            offices__translation_key=office.translation_key,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


# action: (label, function, form, note required)
ACTIONS = {
    "claim": (gettext_lazy("Take it"), workflow.application_claim, ActionForm, False),
    "forward": (
        gettext_lazy("Send to the next stage"),
        workflow.application_forward,
        ActionForm,
        False,
    ),
    "return": (
        gettext_lazy("Return to the applicant for more information"),
        workflow.application_return,
        ActionForm,
        True,
    ),
    "refer": (
        gettext_lazy("Refer to another office"),
        workflow.application_refer,
        ReferForm,
        False,
    ),
    "receive_back": (
        gettext_lazy("Receive back from the other office"),
        workflow.application_receive_back,
        ActionForm,
        False,
    ),
    "reject": (gettext_lazy("Reject"), workflow.application_reject, ActionForm, True),
    "approve": (gettext_lazy("Approve"), workflow.application_approve, ActionForm, False),
    "issue": (gettext_lazy("Issue the result"), workflow.application_issue, IssueForm, False),
    "complete": (
        gettext_lazy("Record that the result was collected or delivered"),
        workflow.application_complete,
        ActionForm,
        False,
    ),
    "note": (gettext_lazy("Add an internal note"), None, ActionForm, True),
    "assign": (
        gettext_lazy("Assign to an officer"),
        workflow.application_assign,
        AssignForm,
        False,
    ),
}


def available_actions(*, user, application) -> list[tuple[str, str]]:
    """The actions this officer can take now, for the buttons of the application's page."""
    if not workflow.officer_may_act(user=user, application=application):
        return []
    stage = application.stage
    active = application.status in workflow.ACTIVE
    names = ["note"]
    if active and application.assignee_id != user.pk:
        names.append("claim")
    if active and user.has_perm(workflow.ASSIGN_PERMISSION):
        names.append("assign")
    if active and stage.kind not in (stage.Kind.DECISION, stage.Kind.ISSUANCE):
        names.append("forward")
    if active and stage.kind == stage.Kind.DECISION:
        names.append("approve")
    if active and stage.can_return:
        names.append("return")
    if active and stage.can_refer and not application.referred_to_id:
        names.append("refer")
    if application.referred_to_id:
        names.append("receive_back")
    if active and (stage.can_reject or stage.kind == stage.Kind.DECISION):
        names.append("reject")
    if stage.kind == stage.Kind.ISSUANCE and application.status == application.Status.APPROVED:
        issued = hasattr(application, "certificate")
        names.append("complete" if issued else "issue")
    return [(name, ACTIONS[name][0]) for name in names]


class ApplicationActionView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = OFFICER_PERMISSION
    raise_exception = True
    template_name = "review/application_action.html"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["action"] not in ACTIONS:
            raise Http404
        self.label, self.function, self.form_class, self.note_required = ACTIONS[kwargs["action"]]
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.label

    def application(self):
        return get_object_or_404(
            application_list_for_officer(user=self.request.user).select_related(
                "stage", "assignee", "office", "referred_to"
            ),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = kwargs.get("application") or self.application()
        form = kwargs.get("form") or self.form_class(initial={"version": application.version})
        self._limit(form, application)
        context.update(
            application=application,
            form=form,
            action=self.kwargs["action"],
            label=self.label,
        )
        return context

    def _limit(self, form, application) -> None:
        if "officer" in form.fields:
            form.fields["officer"].queryset = stage_officers(application)

    def post(self, request, *args, **kwargs):
        application = self.application()
        form = self.form_class(request.POST)
        self._limit(form, application)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(application=application, form=form)
            )
        note = form.cleaned_data["note"]
        if self.note_required and not note.strip():
            form.add_error("note", _("Write what the applicant (or your colleagues) must know."))
            return self.render_to_response(
                self.get_context_data(application=application, form=form)
            )
        try:
            if self.function is None:
                workflow.application_note(application=application, officer=request.user, note=note)
            else:
                extra = {
                    name: form.cleaned_data[name]
                    for name in ("office", "valid_until")
                    if name in form.fields
                }
                arguments = {
                    "application": application,
                    "officer": request.user,
                    "expected_version": form.cleaned_data["version"],
                    **extra,
                }
                if self.kwargs["action"] == "assign":
                    arguments.update(chief=request.user, officer=form.cleaned_data["officer"])
                elif self.kwargs["action"] != "claim":
                    arguments["note"] = note
                self.function(**arguments)
        except workflow.ActionRefused as refused:
            # The officer's note stays in the form; the version shown is the one they read.
            form.add_error(None, str(refused))
            return self.render_to_response(
                self.get_context_data(application=self.application(), form=form)
            )
        messages.success(request, _("Done: %(action)s.") % {"action": self.label})
        return redirect("applications:inspect", application.pk)


class TakeNextView(PermissionRequiredMixin, View):
    """The oldest due application nobody holds at the officer's stages, now theirs."""

    permission_required = OFFICER_PERMISSION
    raise_exception = True

    def post(self, request):
        application = workflow.application_take_next(officer=request.user)
        if application is None:
            messages.info(request, _("Nothing is waiting at your stages."))
            return redirect("applications:index")
        messages.success(
            request, _("%(reference)s is yours now.") % {"reference": application.reference}
        )
        return redirect("applications:inspect", application.pk)


class CertificatePrintView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """The issued certificate or licence, to print, with the QR code of its public check."""

    permission_required = OFFICER_PERMISSION
    raise_exception = True
    template_name = "applications/certificate.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = get_object_or_404(
            application_list_for_officer(user=self.request.user), pk=kwargs["pk"]
        )
        certificate = getattr(application, "certificate", None)
        if certificate is None:
            raise Http404
        context.update(
            certificate_print_context(certificate=certificate),
            back_url=reverse("applications:inspect", args=[application.pk]),
        )
        return context
