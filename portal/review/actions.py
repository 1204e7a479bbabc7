"""Officers' actions on an application: each a page with its note, calling the workflow engine.

When someone else acted first, the page says who and keeps what the officer typed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.accounts.models import Office, User
from portal.applications import workflow
from portal.applications.selectors import (
    application_list_for_officer,
    issued_result,
    results_issued,
    service_titles_in_language,
)
from portal.applications.views import certificate_print_context, printed_in
from portal.audit.services import object_or_refused

OFFICER_PERMISSION = "applications.view_application"


class ActionForm(forms.Form):
    """The form of an action: the version the officer read, and the note and message fields
    the action takes (see ``Action``)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("Internal note"),
        help_text=gettext_lazy("Only officers read it: never the applicant."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    message = forms.CharField(
        label=gettext_lazy("Message to the applicant"),
        help_text=gettext_lazy(
            "The applicant reads it on their application's page and in the email and text "
            "message sent to them."
        ),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, action: "Action", **kwargs):
        super().__init__(*args, **kwargs)
        for name, need in (("note", action.note), ("message", action.message)):
            if not need:
                del self.fields[name]
            elif need == REQUIRED:
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = action.required_text[name]
        if action.note_label and "note" in self.fields:
            self.fields["note"].label = action.note_label
            self.fields["note"].help_text = action.note_help
        if action.message_label and "message" in self.fields:
            self.fields["message"].label = action.message_label
            self.fields["message"].help_text = action.message_help

    def arguments(self) -> dict:
        """The note and message, for the workflow function."""
        return {
            name: self.cleaned_data[name] for name in ("note", "message") if name in self.fields
        }


class ReferForm(ActionForm):
    office = forms.ModelChoiceField(label=gettext_lazy("Refer to"), queryset=Office.objects.none())
    days = forms.IntegerField(
        label=gettext_lazy("Answer within (working days of that office)"),
        min_value=1,
        max_value=60,
        required=False,
        help_text=gettext_lazy("Empty: the time allowed for this stage."),
    )
    field_order = ["office", "days", "note", "message", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from wagtail.models import Locale

        self.fields["office"].queryset = Office.objects.filter(locale=Locale.get_default())

    def arguments(self) -> dict:
        return {
            **super().arguments(),
            "office": self.cleaned_data["office"],
            "days": self.cleaned_data["days"],
        }


class IssueForm(ActionForm):
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Empty: valid without end."),
    )
    field_order = ["valid_until", "note", "message", "version"]

    def arguments(self) -> dict:
        return {**super().arguments(), "valid_until": self.cleaned_data["valid_until"]}


class ReissueForm(IssueForm):
    field_order = ["valid_until", "message", "note", "version"]


class AssignForm(ActionForm):
    officer = forms.ModelChoiceField(label=gettext_lazy("Officer"), queryset=User.objects.none())
    field_order = ["officer", "note", "version"]

    def arguments(self) -> dict:
        return {**super().arguments(), "officer": self.cleaned_data["officer"]}


def stage_officers(application):
    """The officers who may act on the application now (at its stage, or in the office it is
    referred to). Never an API client's account: it acts on its own, when its system asks."""
    office = workflow.acting_office(application)
    if application.stage_id is None or office is None:
        return User.objects.none()
    officers = User.objects.filter(
        is_active=True, is_service_account=False, offices__translation_key=office.translation_key
    ).filter(
        Q(groups__permissions__codename="view_application") | Q(is_superuser=True)
        if application.referred_to_id
        else Q(groups=application.stage.group_id)
    )
    return officers.distinct().order_by("first_name", "last_name")


OPTIONAL, REQUIRED = "optional", "required"


@dataclass(frozen=True)
class Action:
    """One action on an application's page: its button, the workflow function it calls, its
    form, and whether it takes an internal note and a message to the applicant."""

    label: str
    function: Callable | None
    form: type[ActionForm] = ActionForm
    note: str = OPTIONAL
    message: str = ""
    note_label: str = ""
    note_help: str = ""
    message_label: str = ""
    message_help: str = ""
    required_text: dict = field(default_factory=dict)


ACTIONS = {
    "claim": Action(gettext_lazy("Take it"), workflow.application_claim, note=""),
    "forward": Action(
        gettext_lazy("Send to the next stage"),
        workflow.application_forward,
        message=OPTIONAL,
    ),
    "return": Action(
        gettext_lazy("Return to the applicant for more information"),
        workflow.application_return,
        message=REQUIRED,
        required_text={"message": gettext_lazy("Write what the applicant must add or correct.")},
    ),
    "refer": Action(
        gettext_lazy("Refer to another office"),
        workflow.application_refer,
        ReferForm,
        message=OPTIONAL,
        note_label=gettext_lazy("What the other office is asked"),
        note_help=gettext_lazy("Its officers read it; the applicant does not."),
    ),
    "receive_back": Action(
        gettext_lazy("Give your office's opinion and send it back"),
        workflow.application_receive_back,
        note=REQUIRED,
        note_label=gettext_lazy("Your office's opinion"),
        note_help=gettext_lazy("The referring office reads it; the applicant does not."),
        required_text={"note": gettext_lazy("Write your office's opinion.")},
    ),
    "recall": Action(
        gettext_lazy("Take it back from the other office"),
        workflow.application_referral_recall,
    ),
    "reject": Action(
        gettext_lazy("Reject"),
        workflow.application_reject,
        message=REQUIRED,
        required_text={
            "message": gettext_lazy("Tell the applicant why the application is rejected.")
        },
    ),
    "approve": Action(gettext_lazy("Approve"), workflow.application_approve, message=OPTIONAL),
    "issue": Action(
        gettext_lazy("Issue the result"), workflow.application_issue, IssueForm, message=OPTIONAL
    ),
    "complete": Action(
        gettext_lazy("Record that the result was collected or delivered"),
        workflow.application_complete,
        message=OPTIONAL,
    ),
    "note": Action(
        gettext_lazy("Add an internal note"),
        None,
        note=REQUIRED,
        required_text={"note": gettext_lazy("Write the note.")},
    ),
    "assign": Action(gettext_lazy("Assign to an officer"), workflow.application_assign, AssignForm),
    "reissue": Action(
        gettext_lazy("Issue the result again"),
        workflow.certificate_reissue,
        ReissueForm,
        message=REQUIRED,
        message_label=gettext_lazy("Why it is issued again (public)"),
        message_help=gettext_lazy(
            "The holder is told. The result issued before is revoked, and anyone who checks it "
            "by its code or QR code reads this: write nothing private."
        ),
        required_text={"message": gettext_lazy("Give the reason.")},
    ),
    "revoke": Action(
        gettext_lazy("Revoke the result"),
        None,
        note="",
        message=REQUIRED,
        message_label=gettext_lazy("Why it is revoked (public)"),
        message_help=gettext_lazy(
            "The holder is told, and anyone who checks the result by its code or QR code reads "
            "it: write nothing private."
        ),
        required_text={"message": gettext_lazy("Tell the holder why the result is revoked.")},
    ),
}


def available_actions(*, user, application) -> list[tuple[str, str]]:
    """The actions this officer can take now, for the buttons of the application's page.
    None that writes on an application whose personal data was removed, but revoking a result
    still in force."""
    purged = application.personal_data_purged_at is not None
    names = []
    if not purged and workflow.officer_may_act(user=user, application=application):
        names = _acting_names(user, application)
    elif (
        not purged
        and application.referred_to_id
        and workflow.officer_acts_at_stage(user=user, application=application)
    ):
        names = ["recall"]
    results = results_issued(application=application)
    if (
        results
        and user.has_perm(workflow.ASSIGN_PERMISSION)
        and workflow.officer_serves_owner(user=user, application=application)
    ):
        if not purged and application.status in (
            application.Status.APPROVED,
            application.Status.COMPLETED,
        ):
            names.append("reissue")
        if results[0].revoked_at is None:
            names.append("revoke")
    return [(name, ACTIONS[name].label) for name in names]


def _acting_names(user, application) -> list[str]:
    stage = application.stage
    active = application.status in workflow.ACTIVE
    names = ["note"]
    if active and application.assignee_id != user.pk:
        names.append("claim")
    if active and user.has_perm(workflow.ASSIGN_PERMISSION):
        names.append("assign")
    if application.referred_to_id:
        return [*names, "receive_back"]
    if application.status in workflow.FORWARDABLE and stage.kind not in (
        stage.Kind.DECISION,
        stage.Kind.ISSUANCE,
    ):
        names.append("forward")
    if active and stage.kind == stage.Kind.DECISION:
        names.append("approve")
    if active and stage.can_return:
        names.append("return")
    if active and stage.can_refer:
        names.append("refer")
    if active and (stage.can_reject or stage.kind == stage.Kind.DECISION):
        names.append("reject")
    if stage.kind == stage.Kind.ISSUANCE and application.status == application.Status.APPROVED:
        if not results_issued(application=application):
            names.append("issue")
        elif issued_result(application=application) is not None:
            names.append("complete")
    return names


class ApplicationActionView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = OFFICER_PERMISSION
    raise_exception = True
    template_name = "review/application_action.html"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["action"] not in ACTIONS:
            raise Http404
        self.action = ACTIONS[kwargs["action"]]
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.action.label

    def application(self):
        return object_or_refused(
            self.request,
            application_list_for_officer(user=self.request.user).select_related(
                "stage", "assignee", "office", "referred_to"
            ),
            pk=self.kwargs["pk"],
        )

    def make_form(self, application, data=None):
        form = self.action.form(data, action=self.action, initial={"version": application.version})
        if "officer" in form.fields:
            form.fields["officer"].queryset = stage_officers(application)
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = kwargs.get("application") or self.application()
        service_titles_in_language([application])
        context.update(
            application=application,
            form=kwargs.get("form") or self.make_form(application),
            action=self.kwargs["action"],
            label=self.action.label,
        )
        return context

    def post(self, request, *args, **kwargs):
        application = self.application()
        form = self.make_form(application, request.POST)
        if form.is_valid():
            try:
                self.perform(application, form)
            except workflow.ActionRefused as refused:
                # What the officer typed stays in the form; the version is the one they read.
                form.add_error(
                    refused.field if refused.field in form.fields else None, str(refused)
                )
            else:
                messages.success(request, _("Done: %(action)s.") % {"action": self.action.label})
                return redirect("applications:inspect", application.pk)
            application = self.application()
        return self.render_to_response(self.get_context_data(application=application, form=form))

    def perform(self, application, form) -> None:
        name, officer = self.kwargs["action"], self.request.user
        arguments = form.arguments()
        if name == "note":
            workflow.application_note(application=application, officer=officer, **arguments)
        elif name == "revoke":
            certificate = issued_result(application=application)
            if certificate is None:
                raise workflow.ActionRefused(_("No result was issued."))
            workflow.certificate_revoke(
                certificate=certificate, officer=officer, reason=arguments["message"]
            )
        else:
            expected = form.cleaned_data["version"]
            if name == "assign":
                arguments["chief"] = officer
            else:
                arguments["officer"] = officer
            self.action.function(application=application, expected_version=expected, **arguments)


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
        application = object_or_refused(
            self.request, application_list_for_officer(user=self.request.user), pk=kwargs["pk"]
        )
        results = results_issued(application=application)
        if not results:
            raise Http404
        certificate = results[0]
        context.update(
            certificate_print_context(certificate=certificate, language=application.language),
            back_url=reverse("applications:inspect", args=[application.pk]),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        """Printed in the applicant's language, whatever the officer's."""
        response = super().render_to_response(context, **response_kwargs)
        return printed_in(response, context["application"].language)
