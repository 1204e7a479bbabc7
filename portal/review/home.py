"""The admin's home for officers: their work, with links into the queue's filters, instead of
Wagtail's summary of pages they cannot edit."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import reverse
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.ui.components import Component

from portal.applications.selectors import user_is_officer
from portal.applications.workflow import queue_counts

from .views import QUEUE_COUNTED

# Wagtail's home panels about pages (moderation, recent edits, locked pages).
PAGE_PANELS = {
    "WorkflowObjectsToModeratePanel",
    "UserObjectsInWorkflowModerationPanel",
    "RecentEditsPanel",
    "LockedPagesPanel",
}


class OfficerWorkPanel(Component):
    """Assigned to me, waiting at my stages, due today, overdue: each a link into the queue."""

    name = "officer_work"
    template_name = "review/home_work.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        counts = queue_counts(user=self.user, up_to=QUEUE_COUNTED)
        queue = reverse("applications:index")
        return {
            # Counted as far as the queue counts: beyond, "1,000+" (the queue says "more
            # than 1,000").
            "counts": {
                name: intcomma(count) if count <= QUEUE_COUNTED else f"{intcomma(QUEUE_COUNTED)}+"
                for name, count in counts.items()
            },
            "overdue": counts["overdue"] > 0,
            "links": {
                "assigned": f"{queue}?queue=assigned",
                "waiting": f"{queue}?queue=mine",
                "due_today": f"{queue}?queue=mine&due=today",
                "overdue": f"{queue}?queue=mine&due=overdue",
            },
            "queue_url": queue,
            "take_next_url": reverse("applications_take_next"),
            # A component renders with its own context: the form needs the page's token.
            "csrf_token": (parent_context or {}).get("csrf_token"),
        }


def home_panels(request, panels: list) -> None:
    """Officers see their work first; who cannot edit pages does not see the page panels."""
    user = request.user
    if not user_has_any_page_permission(user):
        panels[:] = [panel for panel in panels if type(panel).__name__ not in PAGE_PANELS]
    if user_is_officer(user):
        panels.insert(0, OfficerWorkPanel(user))
