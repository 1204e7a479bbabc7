from django.contrib import messages
from django.urls import path, reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks

from portal.core.admin import PermissionMenuItem

from . import counter
from .models import ServicePage
from .translations import service_source_page


@hooks.register("register_admin_urls")
def register_counter_urls():
    return [
        path("counter/", counter.CounterStartView.as_view(), name="counter"),
        path("counter/<id:page_id>/", counter.CounterFormView.as_view(), name="counter_form"),
        path("counter/slips/<id:pk>/", counter.CounterSlipView.as_view(), name="counter_slip"),
    ]


@hooks.register("register_admin_menu_item")
def register_counter_menu():
    return PermissionMenuItem(
        _("Walk-in application"),
        reverse("counter"),
        icon_name="user",
        order=155,
        permission=counter.PERMISSION,
    )


@hooks.register("after_publish_page")
def tell_what_the_translations_took(request, page):
    """After publishing a service's source page now, say that its translations took the
    service's values (cms.translations did it while publishing)."""
    page = page.specific
    if not isinstance(page, ServicePage) or page.live_revision_id != page.latest_revision_id:
        return  # another kind of page, or scheduled for later
    if service_source_page(page).pk != page.pk:
        return
    languages = [
        translation.locale.get_display_name()
        for translation in page.get_translations().select_related("locale").order_by("pk")
    ]
    if not languages:
        return
    messages.info(
        request,
        ngettext(
            "The fee and how it is paid, the service standard, how to apply, guests, the "
            "responsible offices and the workflow are the same in every language: they were "
            "copied to the %(languages)s page.",
            "The fee and how it is paid, the service standard, how to apply, guests, the "
            "responsible offices and the workflow are the same in every language: they were "
            "copied to the %(languages)s pages.",
            len(languages),
        )
        % {"languages": get_text_list(languages, _("and"))},
    )
