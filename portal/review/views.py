"""The officers' listing of applications in the Wagtail admin.

Applications change only through ``portal.applications.services``: this viewset lists and
shows them; nobody adds, edits or deletes them here, superusers included.
"""

import datetime

import django_filters
from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple
from wagtail.admin.ui.tables import Column, Table
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from portal.accounts.models import Office
from portal.applications.answers import answers_by_step, documents_described
from portal.applications.models import Application, Stage
from portal.applications.payments import fee_hold_reason, fee_status
from portal.applications.selectors import (
    applicant_named,
    application_list_for_officer,
    column_is_null,
    form_in_reader_language,
    results_issued,
    service_title_in_language,
    service_titled,
    service_titles_in_language,
)
from portal.applications.workflow import (
    SET_FEE_PERMISSION,
    WAIVE_FEE_PERMISSION,
    acting_office,
    fee_changeable,
    officer_may_act,
    open_referral,
    queue_scope,
)
from portal.audit.models import AuditRecord
from portal.audit.selectors import audit_records_for_application
from portal.audit.services import audit_record, export_recorded, object_or_refused
from portal.core.spreadsheets import spreadsheet_cell

from .actions import available_actions
from .personal_data import manager_may_act


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Officers may view applications; the admin never writes them."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)


DUE_SOON_DAYS = 2
AUDIT_SHOWN = 100  # audit records on an application's page before "Show all"
# The statuses in which an office still has something to do.
WAITING_ON_OFFICE = (
    Application.Status.SUBMITTED,
    Application.Status.IN_REVIEW,
    Application.Status.APPROVED,
)


def offices_to_filter(request):
    """The offices an officer serves (every office, for a superuser), each once: in the
    admin's language where it has a copy in it."""
    offices = Office.objects.all()
    if not request.user.is_superuser:
        offices = offices.filter(translation_key__in=request.user.offices.values("translation_key"))
    here = get_language()
    chosen = {}
    copies = offices.order_by("pk").values_list("pk", "translation_key", "locale__language_code")
    for pk, key, language in copies:
        if key not in chosen or language == here:
            chosen[key] = pk
    return Office.objects.filter(pk__in=chosen.values()).order_by("name")


class ChoicesReadInOneQuery(django_filters.fields.ModelChoiceIterator):
    """A filter's choices of rows (the stages, the offices) read as a list in one query, where
    Django reads them through a server-side cursor: on PostgreSQL a cursor declared WITH HOLD,
    fetched from and closed, three round trips and a copy of the rows at the commit, for a few
    rows, on every page of the queue."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ModelChoiceFieldReadInOneQuery(django_filters.fields.ModelChoiceField):
    iterator = ChoicesReadInOneQuery


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceFieldReadInOneQuery


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
        choices=[("overdue", _("Overdue")), ("today", _("Due today")), ("soon", _("Due soon"))],
        method="filter_due",
    )
    stage = ModelChoiceFilter(label=_("Stage"), queryset=Stage.objects.select_related("workflow"))
    office = ModelChoiceFilter(
        label=_("Office"), queryset=offices_to_filter, method="filter_office"
    )

    class Meta:
        model = Application
        fields = ["status", "channel", "service_title"]

    def filter_queue(self, queryset, name, value):
        user = self.request.user
        if value == "assigned":
            return queryset.filter(assignee=user)
        mine = queryset.filter(queue_scope(user=user))
        return mine.filter(column_is_null("assignee_id")) if value == "unassigned" else mine

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(due_date__lt=today)
        if value == "today":
            return queryset.filter(due_date=today)
        return queryset.filter(
            due_date__gte=today, due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
        )

    def filter_office(self, queryset, name, value):
        return queryset.filter(office__translation_key=value.translation_key)


class TextColumn(Column):
    """A cell of text written without a template: a page of the queue has a hundred of them,
    and rendering a template for each cost more than reading the page's rows."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        return format_html("<td>{}</td>", "" if value is None else value)


class ReferenceColumn(Column):
    """The reference, a link to the application's page (Wagtail's ``TitleColumn`` without its
    template)."""

    def render_cell_html(self, instance, parent_context):
        url = reverse("applications:inspect", args=[instance.pk])
        return format_html(
            '<td class="title"><div class="title-wrapper"><a href="{}">{}</a></div></td>',
            url,
            self.get_value(instance),
        )


class WhenColumn(Column):
    """A time as "3 days ago", the date and time in its tooltip (Wagtail's ``DateColumn``
    without its templates)."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        if not value:
            return mark_safe("<td></td>")
        local = timezone.localtime(value)
        return format_html(
            '<td><button type="button" class="w-human-readable-date" data-controller="w-tooltip"'
            ' data-w-tooltip-content-value="{}" data-w-tooltip-placement-value="top">'
            '<time class="w-human-readable-date__date" datetime="{}">{}</time></button></td>',
            date_format(local, "DATETIME_FORMAT"),
            local.isoformat(),
            capfirst(timesince_simple(value)),
        )


class DueColumn(Column):
    """The due date, flagged when overdue or due soon (written without a template, as
    ``TextColumn``)."""

    def render_cell_html(self, instance, parent_context):
        if instance.status == Application.Status.ACTION_REQUIRED:
            return format_html(
                '<td><span class="w-status w-status--label">{}</span></td>', gettext("Paused")
            )
        due = instance.due_date
        if not due:
            return mark_safe("<td>-</td>")
        today = timezone.localdate()
        flag = ""
        if due < today:
            flag = format_html(
                ' <span class="w-status w-status--primary">{}</span>', gettext("Overdue")
            )
        elif due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
            flag = format_html(
                ' <span class="w-status w-status--label">{}</span>', gettext("Due soon")
            )
        return format_html("<td>{}{}</td>", date_format(due, "SHORT_DATE_FORMAT"), flag)


# The columns the queue's listing and its export show, and no more: each row read is made into
# five objects (the application, its applicant, assignee, stage and workflow), and the others
# (the large JSON columns, a password hash, a workflow's description) cost the page without
# being shown. A cell that needs another column reads it here, not row by row (a test counts).
LISTED_FIELDS = (
    "reference",
    "service_page_id",
    "service_title",
    "language",
    "channel",
    "status",
    "due_date",
    "submitted_at",
    "stage__name",
    "stage__workflow__name",
    "applicant__first_name",
    "applicant__last_name",
    "applicant__email",
    "assignee__first_name",
    "assignee__last_name",
    "assignee__email",
)


class QueueTable(Table):
    """Wagtail's table, its rows written without a template: a page of the queue has twenty
    rows of eight cells, and rendering each row and each cell through the template engine
    cost more than writing the cells' text (``TextColumn``). Every column of the queue writes
    its cell in ``render_cell_html``; a row has no attributes of its own."""

    template_name = "review/queue_table.html"

    def get_context_data(self, parent_context):
        self._parent_context = parent_context
        return super().get_context_data(parent_context)

    def rows_html(self):
        """The page's rows, each cell written by its column (with ``format_html``, which
        escapes what it is given)."""
        columns = list(self.columns.values())
        context = self._parent_context
        rows = (
            "".join(column.render_cell_html(instance, context) for column in columns)
            for instance in self.data
        )
        return mark_safe("".join(f"<tr>{cells}</tr>" for cells in rows))  # noqa: S308 - escaped cells


# The queue counts its rows up to this many; beyond, it says "more than".
QUEUE_COUNTED = 1000


class QueuePaginator(WagtailPaginator):
    """Counts at most ``QUEUE_COUNTED`` + 1 rows: an officer works from the top of the queue
    and narrows it with its filters, and counting every one of 100,000 rows cost more than
    the rest of the page. Beyond the cap it says "more than 1,000", and pages up to the cap."""

    @cached_property
    def count(self):
        return self.object_list[: QUEUE_COUNTED + 1].count()

    @cached_property
    def beyond_count(self) -> bool:
        return self.count > QUEUE_COUNTED

    @cached_property
    def num_pages(self):
        if self.beyond_count:
            return -(-QUEUE_COUNTED // self.per_page)
        return super().num_pages

    @cached_property
    def matches_label(self):
        return ngettext(
            "More than %(count)s match", "More than %(count)s matches", QUEUE_COUNTED
        ) % {"count": intcomma(QUEUE_COUNTED)}

    @cached_property
    def items_count_label(self):
        if self.beyond_count:
            return ngettext(
                "More than %(count)s application",
                "More than %(count)s applications",
                QUEUE_COUNTED,
            ) % {"count": intcomma(QUEUE_COUNTED)}
        return ngettext("%(count)s application", "%(count)s applications", self.count) % {
            "count": intcomma(self.count)
        }


class ApplicationIndexView(IndexView):
    """The queue. Each page takes the same number of queries whatever the number of rows; on
    SQLite its two queries on applications read an index, never the table row by row. Their
    plans, read with EXPLAIN QUERY PLAN on SQLite at 100,000 applications and EXPLAIN (ANALYZE,
    BUFFERS) on PostgreSQL at 1,000,000, warm, for the demo officer, who may read all of them
    (the bench's four views: ?queue=mine, ?due=overdue, ?q=Somchai, ?p=2):

    - The page (ORDER BY due_date, submitted_at LIMIT 20 OFFSET n). SQLite: "SCAN
      applications_application USING INDEX application_queue_order" ("SEARCH ... (due_date<?)"
      when filtered by due date), with no "USE TEMP B-TREE FOR ORDER BY": entries are read in
      the queue's order, each compared on the entry itself (status, offices, stage, assignee,
      applicant, service, reference: ``Unindexed``), and a row is read only when it is shown,
      with its applicant, assignee and stage by primary key. PostgreSQL: "Limit -> Nested Loop
      -> Index Scan using application_queue_order", each row's applicant, assignee, stage and
      workflow by primary key: under a millisecond.
    - The count, up to 1,001 rows (``QueuePaginator``). SQLite: "SCAN applications_application
      USING COVERING INDEX application_open" for everything and ?queue=mine; "SEARCH ... USING
      COVERING INDEX application_queue_order (due_date<?)" by due date; "SCAN ... USING
      COVERING INDEX application_queue_order" for a search, whose reference and title only
      that index holds: a fraction of a millisecond, but a search that finds few rows compares
      every entry (about 35 ms at 100,000). PostgreSQL: "Aggregate -> Limit -> Index Scan
      using application_queue_order", the rows read in the queue's order until 1,001 match:
      about 1 ms (1,033 buffers) for everything and by due date, 5 ms for ?queue=mine (2,443
      buffers: more than half the entries read do not wait at the officer's stages).
    - A search. Its applicants and service pages are read first (two queries; people on
      PostgreSQL by "BitmapOr" of user_email_trgm and user_last_name_trgm, 0.1 ms of 50,000)
      and compared as lists of ids (``selectors._found``). PostgreSQL estimates each part from
      its statistics: for a name nobody has, "Sort -> Bitmap Heap Scan -> BitmapOr" of
      application_title_trgm and application_reference_trgm (with the applicant's and service
      page's indexes when people or pages were found), 0.2 ms; the queue's order read every
      application, 5 s, when the people were a subquery, which it can neither seek by an index
      nor estimate. A word that many applications hold (a service's title) is estimated so and
      read in the queue's order, which soon finds a page of them (about 15 ms to count 1,001).
    - In both, the applications referred to the officer's offices are a "LIST SUBQUERY"
      (PostgreSQL: a hashed SubPlan) made once per query from a small table, each entry probed
      in it.

    tests/review/test_queue.py pins the SQLite plans and the number of queries.
    """

    paginator_class = QueuePaginator
    table_class = QueueTable

    def get_base_queryset(self):
        queryset = (
            application_list_for_officer(user=self.request.user)
            .select_related("stage__workflow", "assignee", "applicant")
            .only(*LISTED_FIELDS)
        )
        if self.is_export:  # every row, each service named in the officer's language
            queryset = queryset.annotate(title_here=service_title_in_language())
        return queryset

    def search_queryset(self, queryset):
        """By reference, applicant, or a word of the service's title in any of its languages
        (an English-reading officer finds an application made in Lao by its English title)."""
        if not self.is_searching:
            return queryset
        words = self.search_query
        # A reference is written in capitals (portal.core.reference): compared as it is, not
        # upper-cased row by row.
        return queryset.filter(
            service_titled(words) | Q(reference__contains=words.upper()) | applicant_named(words)
        )

    def paginate_queryset(self, queryset, page_size):
        """The page of rows, each with its service's title in the officer's language (one
        query for the page)."""
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = rows = list(rows)
        service_titles_in_language(rows)
        return paginator, page, rows, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["take_next_url"] = reverse("applications_take_next")
        return context

    def as_spreadsheet(self, queryset, spreadsheet_format):
        export_recorded(self.request, what="applications.application", export=spreadsheet_format)
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):  # in the office's time, to the minute
            value = timezone.localtime(value).replace(tzinfo=None, second=0, microsecond=0)
        return spreadsheet_cell(super().preprocess_field_value(field, value, export_format))


class ApplicationInspectView(InspectView):
    template_name = "review/application_inspect.html"

    def get_object(self, queryset=None):
        return object_or_refused(
            self.request, application_list_for_officer(user=self.request.user), pk=self.pk
        )

    def get(self, request, *args, **kwargs):
        audit_record(
            action=AuditRecord.Action.APPLICATION_OPENED,
            request=request,
            object_type="applications.application",
            object_id=self.object.pk,
            reference=self.object.reference,
            application_id=self.object.pk,
        )
        return super().get(request, *args, **kwargs)

    def get_submitted_at_display_value(self):
        """In the officer's time zone, like every other time in the admin (not UTC)."""
        submitted = self.object.submitted_at
        return date_format(timezone.localtime(submitted), "DATETIME_FORMAT") if submitted else "-"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        service_titles_in_language([self.object])

    def get_page_subtitle(self):
        return f"{self.object.reference} · {self.object.title_here}"

    def get_service_title_display_value(self):
        return self.object.title_here

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schema = self.object.form_schema
        labels_from = form_in_reader_language(application=self.object)
        context["answer_steps"] = answers_by_step(
            schema=schema,
            answers=self.object.answers,
            labels_from=labels_from,
        )
        context["documents"] = documents_described(
            schema=self.object.form_schema,
            documents=self.object.documents.all(),
            labels_from=labels_from,
        )
        context["events"] = self.object.events.select_related("actor")
        context["actions"] = available_actions(user=self.request.user, application=self.object)
        context["fee"] = fee_status(application=self.object)
        context["results"] = results_issued(application=self.object)
        context["may_manage_personal_data"] = manager_may_act(
            user=self.request.user, application=self.object
        )
        context.update(self._audit_records())
        context.update(self._who_acts())
        return context

    def _audit_records(self) -> dict:
        """The application's audit records, newest first: the latest ``AUDIT_SHOWN`` unless
        the officer asks for all (``?audit=all``), so a page opened often stays light."""
        records = audit_records_for_application(
            application_id=self.object.pk, reference=self.object.reference
        )
        if self.request.GET.get("audit") == "all":
            return {"audit_records": list(records), "audit_more": False}
        shown = list(records[: AUDIT_SHOWN + 1])
        return {"audit_records": shown[:AUDIT_SHOWN], "audit_more": len(shown) > AUDIT_SHOWN}

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
        ReferenceColumn("reference", label=_("Reference code"), sort_key="reference"),
        TextColumn("title_here", label=_("Service"), sort_key="service_title"),
        TextColumn("applicant", label=_("Applicant")),
        TextColumn("stage", label=_("Stage"), sort_key="stage__sort_order"),
        TextColumn("get_status_display", label=_("Status"), sort_key="status"),
        TextColumn("assignee", label=_("Assigned to")),
        DueColumn("due_date", label=_("Due"), sort_key="due_date"),
        WhenColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
    ]
    filterset_class = ApplicationFilterSet
    index_template_name = "review/application_index.html"
    index_results_template_name = "review/application_results.html"
    search_fields = ["reference", "service_title", "applicant__email", "applicant__last_name"]
    search_backend_name = None
    ordering = ["due_date", "submitted_at"]
    list_export = [
        "reference",
        "title_here",
        "applicant",
        "stage",
        "get_status_display",
        "assignee",
        "due_date",
        "get_channel_display",
        "submitted_at",
    ]
    export_headings = {
        "title_here": _("Service"),
        "get_status_display": _("Status"),
        "get_channel_display": _("Channel"),
    }

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
