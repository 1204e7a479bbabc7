from django.contrib import messages
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks

from portal.core.admin import PermissionMenuItem

from . import catalogue, counter, reports
from .models import ServicePage
from .translations import service_source_page


@hooks.register("insert_global_admin_css")
def lao_and_khmer_fonts():
    """The admin in Lao and Khmer on an office computer with no font for them."""
    return format_html('<link rel="stylesheet" href="{}">', static("onedoor/css/admin.css"))


@hooks.register("register_admin_urls")
def register_counter_urls():
    return [
        path("counter/", counter.CounterStartView.as_view(), name="counter"),
        path("counter/<id:page_id>/", counter.CounterFormView.as_view(), name="counter_form"),
        path("counter/slips/<id:pk>/", counter.CounterSlipView.as_view(), name="counter_slip"),
    ]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/fees-and-languages/",
            reports.FeesAndLanguagesView.as_view(),
            name="fees_and_languages",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_fees_report_menu():
    return reports.FeesAndLanguagesMenuItem(
        _("Fees and languages"), reverse("fees_and_languages"), icon_name="tag", order=50
    )


@hooks.register("construct_explorer_page_queryset")
def say_which_languages_pages_lack(parent_page, pages, request):
    """The page listing reads, with its pages, which of their portal's languages each is
    published in."""
    languages = catalogue.site_languages(parent_page.get_site())
    return catalogue.page_languages_annotate(pages, languages)


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
