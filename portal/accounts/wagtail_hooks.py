from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Office


class OfficeViewSet(SnippetViewSet):
    model = Office
    icon = "site"
    menu_label = _("Offices")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "level", "country", "locale", "phone"]
    list_filter = ["level", "country", "locale"]
    search_fields = ["name", "address"]
    search_backend_name = None


register_snippet(OfficeViewSet)
