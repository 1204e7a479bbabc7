"""The audit trail in the admin (Reports → Audit trail), for the Auditors group: every record,
searchable, filtered by what, who and when, and exported as CSV or XLSX. Read only: nobody
adds, edits or deletes a record here, superusers included."""

import datetime

import django_filters
from django.db.models import Q
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from portal.core.spreadsheets import spreadsheet_cell

from .models import AuditRecord
from .services import audit_text, export_recorded


class AuditRecordPermissionPolicy(ModelPermissionPolicy):
    """Auditors may view the trail; nobody changes it."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)


class AuditRecordFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label=_("What"), choices=AuditRecord.Action.choices)
    person = django_filters.CharFilter(
        label=_("Person"),
        method="filter_person",
        help_text=_("Their email address, or a part of it, or their id."),
    )
    at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    application = django_filters.CharFilter(
        label=_("Application"), method="filter_application", help_text=_("Its reference code.")
    )

    class Meta:
        model = AuditRecord
        fields = ["action", "person", "at", "application"]

    def filter_person(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(Q(user_id=int(value)) | Q(user_email__icontains=value))
        return queryset.filter(user_email__icontains=value)

    def filter_application(self, queryset, name, value):
        return queryset.filter(object_reference__iexact=value.strip())


def _when(record: AuditRecord) -> str:
    return record.at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _object(record: AuditRecord) -> str:
    return audit_text(" ".join(part for part in (record.object_type, record.object_id) if part))


class AuditRecordIndexView(IndexView):
    def preprocess_field_value(self, field, value, export_format):
        """Every text as one line (control characters written out), never a formula; times in
        UTC."""
        if isinstance(value, datetime.datetime):
            return value.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")
        value = super().preprocess_field_value(field, value, export_format)
        if isinstance(value, str):
            value = spreadsheet_cell(audit_text(value))
        return value

    def as_spreadsheet(self, queryset, spreadsheet_format):
        export_recorded(self.request, what="audit.auditrecord", export=spreadsheet_format)
        return super().as_spreadsheet(queryset, spreadsheet_format)


class AuditRecordViewSet(ModelViewSet):
    model = AuditRecord
    icon = "history"
    menu_label = _("Audit trail")
    add_to_admin_menu = False
    index_view_class = AuditRecordIndexView
    inspect_view_enabled = False
    copy_view_enabled = False
    filterset_class = AuditRecordFilterSet
    search_fields = ["user_email", "object_reference", "object_id", "detail"]
    search_backend_name = None
    ordering = ["-at", "-id"]
    list_per_page = 50
    list_display = [
        Column("at", label=_("When (UTC)"), accessor=_when, sort_key="at"),
        Column("action", label=_("What"), accessor="get_action_display", sort_key="action"),
        Column("user_email", label=_("Person"), accessor=lambda r: audit_text(r.user_email)),
        Column("object", label=_("Object"), accessor=_object),
        Column(
            "object_reference",
            label=_("Reference"),
            accessor=lambda r: audit_text(r.object_reference),
        ),
        Column("address", label=_("From address")),
        Column("detail", label=_("Detail"), accessor=lambda r: audit_text(r.detail)),
    ]
    list_export = [
        "at",
        "action",
        "user_id",
        "user_email",
        "object_type",
        "object_id",
        "object_reference",
        "application_id",
        "address",
        "detail",
    ]
    export_headings = {"at": _("When (UTC)")}
    export_filename = "audit-trail"

    def get_urlpatterns(self):
        """The listing only."""
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
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
                "inspect_url_name": None,
                **kwargs,
            }
        )
