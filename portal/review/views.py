"""The officers' listing of applications in the Wagtail admin.

Applications change only through ``portal.applications.services``: this viewset lists and
shows them; nobody adds, edits or deletes them here, superusers included.
"""

import datetime

import django_filters
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies.base import ModelPermissionPolicy

from portal.accounts.models import Office
from portal.applications.answers import answers_by_step
from portal.applications.models import Application, Stage
from portal.applications.payments import fee_hold_reason, fee_status
from portal.applications.selectors import application_list_for_officer
from portal.applications.workflow import (
    SET_FEE_PERMISSION,
    WAIVE_FEE_PERMISSION,
    acting_office,
    fee_changeable,
    officer_may_act,
    open_referral,
    queue_for_officer,
)

from .actions import available_actions
from .export import spreadsheet_cell


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Officers may view applications; the admin never writes them."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)


DUE_SOON_DAYS = 2
# The statuses in which an office still has something to do.
WAITING_ON_OFFICE = (
    Application.Status.SUBMITTED,
    Application.Status.IN_REVIEW,
    Application.Status.APPROVED,
)


class ApplicationFilterSet(WagtailFilterSet):
    """The queue's filters: whose it is, where it stands, and how urgent it is."""

    queue = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[
            ("mine", _("At my stages")),
            ("assigned", _("Assigned to me")),
            ("unassigned", _("At my stages, nobody on it")),
        ],
        method="filter_queue",
        empty_label=_("Everything in my offices"),
    )
    due = django_filters.ChoiceFilter(
        label=_("Due"),
        choices=[("overdue", _("Overdue")), ("soon", _("Due soon"))],
        method="filter_due",
    )
    stage = django_filters.ModelChoiceFilter(
        label=_("Stage"), queryset=Stage.objects.select_related("workflow")
    )
    office = django_filters.ModelChoiceFilter(
        label=_("Office"), queryset=Office.objects.all(), method="filter_office"
    )

    class Meta:
        model = Application
        fields = ["status", "channel", "service_title"]

    def filter_queue(self, queryset, name, value):
        user = self.request.user
        if value == "assigned":
            return queryset.filter(assignee=user)
        mine = queryset.filter(pk__in=queue_for_officer(user=user).values("pk"))
        return mine.filter(assignee__isnull=True) if value == "unassigned" else mine

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(due_date__lt=today)
        return queryset.filter(
            due_date__gte=today, due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
        )

    def filter_office(self, queryset, name, value):
        return queryset.filter(office__translation_key=value.translation_key)


class DueColumn(Column):
    """The due date, flagged when overdue or due soon."""

    cell_template_name = "review/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        today = timezone.localdate()
        due = instance.due_date
        context["due"] = due
        context["overdue"] = bool(due and due < today)
        context["soon"] = bool(
            due and today <= due <= today + datetime.timedelta(days=DUE_SOON_DAYS)
        )
        context["paused"] = instance.status == Application.Status.ACTION_REQUIRED
        return context


class ApplicationIndexView(IndexView):
    def get_base_queryset(self):
        # The listing needs none of the large JSON columns (answers, form, wizard state).
        return (
            application_list_for_officer(user=self.request.user)
            .select_related("stage__workflow", "assignee", "office", "applicant")
            .defer("answers", "form_schema", "wizard_state", "fee_snapshot")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["take_next_url"] = reverse("applications_take_next")
        return context

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_cell(super().preprocess_field_value(field, value, export_format))


class ApplicationInspectView(InspectView):
    template_name = "review/application_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(application_list_for_officer(user=self.request.user), pk=self.pk)

    def get_submitted_at_display_value(self):
        """In the officer's time zone, like every other time in the admin (not UTC)."""
        submitted = self.object.submitted_at
        return date_format(timezone.localtime(submitted), "DATETIME_FORMAT") if submitted else "-"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["answer_steps"] = answers_by_step(
            schema=self.object.form_schema,
            answers=self.object.answers,
            labels_from=self._form_in_reader_language(),
        )
        context["documents"] = self.object.documents.all()
        context["events"] = self.object.events.select_related("actor", "to_stage")
        context["actions"] = available_actions(user=self.request.user, application=self.object)
        context["fee"] = fee_status(application=self.object)
        context.update(self._who_acts())
        return context

    def _who_acts(self) -> dict:
        """Who acts on the application now, and why this reader cannot (if they cannot): the
        office it is referred to, or the group and office of its stage."""
        application = self.object
        referral = open_referral(application=application)
        referrals = application.referrals.select_related(
            "to_office", "referred_by", "answered_by"
        ).order_by("referred_at")
        may_act = officer_may_act(user=self.request.user, application=application)
        waiting_for = ""
        if not may_act and application.stage and application.status in WAITING_ON_OFFICE:
            office = acting_office(application)
            if application.referred_to_id:
                waiting_for = gettext("Officers of %(office)s") % {"office": office}
            else:
                waiting_for = gettext("%(group)s of %(office)s") % {
                    "group": application.stage.group.name,
                    "office": office or "-",
                }
        hold = ""
        stage = application.stage
        if stage and application.status in WAITING_ON_OFFICE:
            if stage.kind == Stage.Kind.PAYMENT:
                hold = fee_hold_reason(application)
            elif stage.kind == Stage.Kind.ISSUANCE:
                hold = fee_hold_reason(application, for_result=True)
        user = self.request.user
        return {
            "referral": referral,
            "referrals": referrals,
            "waiting_for": waiting_for,
            "fee_hold": hold,
            "may_set_fee": fee_changeable(
                application=application, user=user, permission=SET_FEE_PERMISSION
            ),
            "may_waive_fee": fee_changeable(
                application=application, user=user, permission=WAIVE_FEE_PERMISSION
            ),
        }

    def _form_in_reader_language(self) -> dict | None:
        """The service's current form in the officer's language, for its labels, if any."""
        page = self.object.service_page
        if page is None:
            return None
        locale = Locale.get_active()
        translation = page.get_translation_or_none(locale) if page.locale_id != locale.pk else page
        form_schema = getattr(translation and translation.specific, "form_schema", None)
        return form_schema() if form_schema else None


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "tasks"
    menu_label = _("Applications")
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        TitleColumn(
            "reference",
            label=_("Reference code"),
            sort_key="reference",
            url_name="applications:inspect",
        ),
        "service_title",
        Column("applicant", label=_("Applicant")),
        Column("stage", label=_("Stage"), sort_key="stage__sort_order"),
        Column("get_status_display", label=_("Status"), sort_key="status"),
        Column("assignee", label=_("Assigned to")),
        DueColumn("due_date", label=_("Due"), sort_key="due_date"),
        DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
    ]
    filterset_class = ApplicationFilterSet
    index_template_name = "review/application_index.html"
    search_fields = ["reference", "service_title", "applicant__email", "applicant__last_name"]
    search_backend_name = None
    ordering = ["due_date", "submitted_at"]
    list_export = [
        "reference",
        "service_title",
        "applicant",
        "stage",
        "status",
        "assignee",
        "due_date",
        "channel",
        "submitted_at",
    ]

    def get_urlpatterns(self):
        """Only the listing and the read-only view of one application."""
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<id:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                "copy_url_name": None,
                **kwargs,
            }
        )

    inspect_view_fields = [
        "reference",
        "service_title",
        "applicant",
        "status",
        "channel",
        "submitted_at",
    ]
