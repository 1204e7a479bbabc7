"""The catalogue as editors check it in the admin (Reports → Fees and languages): every service
once, with its code, sector, fee and service standard, and the languages it is not published in
yet."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import catalogue

EDITING = {"add", "change", "publish"}


def may_edit_pages(user) -> bool:
    return PagePermissionPolicy().user_has_any_permission(user, EDITING)


class FeesAndLanguagesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_edit_pages(request.user)


class FeesAndLanguagesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cms/fees_report.html"
    page_title = gettext_lazy("Fees and languages")
    header_icon = "tag"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not may_edit_pages(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "rows": catalogue.service_report()}
