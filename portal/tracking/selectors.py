"""Reads of the applicant's side: their applications, sorted by what each needs from them."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from payments.registry import gateways_for
from portal.applications.models import Application
from portal.applications.payments import fee_payable_now

S = Application.Status

SECTIONS = [
    ("action", _("Action needed")),
    ("pay", _("Fees to pay")),
    ("progress", _("In progress")),
    ("drafts", _("Drafts")),
    ("done", _("Finished")),
]


def _need(application: Application) -> str:
    if application.status == S.DRAFT:
        return "drafts"
    if application.status == S.ACTION_REQUIRED:
        return "action"
    if application.fee_total and not application.fee_settled and fee_payable_now(application):
        return "pay"
    if application.status in (S.COMPLETED, S.REJECTED, S.WITHDRAWN) or application.has_result:
        return "done"
    return "progress"


def applications_by_need(applications, *, user) -> list[dict]:
    """``[{"key", "title", "applications"}]``, the sections that have any, in the order of
    ``SECTIONS``; each application of "pay" knows whether it can be paid online. Takes the
    annotated list of ``application_list_for_applicant``."""
    grouped: dict[str, list] = {key: [] for key, _title in SECTIONS}
    online: dict[str, bool] = {}
    applications = list(applications)
    service_titles_in_language(applications)
    for application in applications:
        need = _need(application)
        if need == "pay":
            currency = application.fee_currency
            if currency not in online:
                online[currency] = bool(gateways_for(currency=currency))
            application.payable_online = online[currency] and application.fee_snapshot.get(
                "pay_online", True
            )
        application.made_by_other = application.applicant_id != user.pk
        grouped[need].append(application)
    return [
        {"key": key, "title": title, "applications": grouped[key]}
        for key, title in SECTIONS
        if grouped[key]
    ]


def service_titles_in_language(applications) -> None:
    """Give each application ``title_here``: its service's title in the reader's language when
    the service has a live translation, else the title it was submitted under. One query."""
    applications = list(applications)
    keys = {a.service_page.translation_key for a in applications if a.service_page_id}
    titles = {}
    if keys:
        titles = dict(
            Page.objects.filter(
                translation_key__in=keys, locale=Locale.get_active(), live=True
            ).values_list("translation_key", "title")
        )
    for application in applications:
        page = application.service_page if application.service_page_id else None
        application.title_here = titles.get(page.translation_key) if page else None
        application.title_here = application.title_here or application.service_title
