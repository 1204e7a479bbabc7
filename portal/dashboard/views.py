"""The managers' dashboard in the Wagtail admin, and its downloads."""

from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.audit.services import export_recorded
from portal.core.admin import AdminPage
from portal.core.spreadsheets import spreadsheet_response

from .forms import SelectionForm
from .selectors import Selection, dashboard_office_keys, made_once
from .tables import dashboard_tables

SECTIONS = [
    ("volumes", _("Applications received and completed")),
    ("backlog", _("Open now")),
    ("standard", _("Service standard kept")),
    ("officers", _("Officers' work")),
    ("revenue", _("Fee revenue")),
    ("satisfaction", _("Satisfaction")),
]


class DashboardView(AdminPage):
    """Every figure follows the choice in the address (period, offices, sectors, services,
    channel); a manager sees only the offices they serve (every office with
    ``view_all_offices``). Any table downloads as CSV or XLSX with ``?table=…&export=…``.

    The page's content (the form, the figures, their tables and charts) is built once for a
    choice, the reader's offices, language and time zone, and kept as long as the figures it
    shows (``made_once``): a second visit within the minute reads it whole."""

    permission_required = "dashboard.view_dashboard"
    template_name = "dashboard/dashboard.html"
    page_title = _("Dashboard")
    header_icon = "site"

    def get_breadcrumbs_items(self):
        """Home, then this page: without it the header names only "Home"."""
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        office_keys = dashboard_office_keys(request.user)
        form = SelectionForm(request.GET or None, office_keys=office_keys)
        selection = form.selection()
        export = request.GET.get("export")
        if export:
            sections = dashboard_tables(selection)
            wanted = request.GET.get("table", "")
            table = next(
                (t for key, _t in SECTIONS for t in sections[key] if t.slug == wanted), None
            )
            if table is None or export not in ("csv", "xlsx"):
                raise Http404
            name = f"{table.slug}-{selection.start:%Y%m%d}-{selection.end:%Y%m%d}"
            export_recorded(request, what=f"dashboard.{table.slug}", export=export)
            return spreadsheet_response(
                name=name, header=table.headers, lines=table.lines(), export=export
            )
        query = request.GET.copy()
        query.pop("export", None)
        query.pop("table", None)
        query = query.urlencode()
        page = made_once(
            "dashboard",
            [
                selection.parts,
                office_keys,  # the offices this reader serves: never another's page
                query,  # the form's answers and the downloads' links
                get_language(),
                timezone.get_current_timezone_name(),
            ],
            lambda: _built(form, selection, query, national=office_keys is None),
        )
        return self.render_to_response(
            self.get_context_data(content=mark_safe(page["html"]))  # noqa: S308 (our template's)
        )


def _built(form, selection: Selection, query: str, *, national: bool) -> dict:
    """The page's content (the form, the figures, tables and charts of the selection) as HTML
    in the reader's language, with when the figures were counted."""
    sections = dashboard_tables(selection)
    html = render_to_string(
        "dashboard/includes/content.html",
        {
            "form": form,
            "period": _("%(start)s to %(end)s")
            % {
                "start": date_format(selection.start, "j F Y"),
                "end": date_format(selection.end, "j F Y"),
            },
            "national": national,
            "as_of": sections["counted_at"],
            "sections": [(key, title, sections[key]) for key, title in SECTIONS],
            "summary": sections["summary"],
            "query": query,
        },
    )
    return {"html": html, "counted_at": sections["counted_at"]}
