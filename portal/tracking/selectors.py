"""Reads of the applicant's side: their applications, sorted by what each needs from them."""

from django.utils.translation import gettext_lazy as _

from payments.registry import gateways_for
from portal.applications.models import Application
from portal.applications.payments import fee_payable_now
from portal.applications.selectors import service_titles_in_language

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


def what_happens_next(*, application: Application, fee: dict, certificate) -> str:
    """What the applicant reads under "What happens next", true of where the application
    stands: ``fee`` is ``fee_status``'s, ``certificate`` the result issued (or None)."""
    status = application.status
    if status == S.ACTION_REQUIRED:
        return _(
            "It is your turn: answer what the office asked. The time limit stops until you do."
        )
    if status == S.WITHDRAWN:
        return _("You withdrew this application: the office no longer works on it.")
    if status == S.REJECTED:
        return _(
            "The office rejected your application: its reason is under Progress. You may apply "
            "again once you can meet what it asked."
        )
    if status == S.COMPLETED:
        return _(
            "Your application is complete and its result was handed over to you. Nothing more "
            "is needed from you."
        )
    if status == S.APPROVED:
        if certificate is not None:
            return _(
                "Your result is ready. Collect it at the office with your reference code, or "
                "view and print it from your application when you are signed in."
            )
        if fee["total"] is None and not fee["settled"]:
            return _(
                "Your application is approved. The office will tell you the fee; your result "
                "is issued once it is paid."
            )
        if fee["due_now"]:
            return _(
                "Your application is approved. Pay the fee: the office issues your result once "
                "it is paid."
            )
        return _(
            "Your application is approved. The office is preparing your result: we will email "
            "you when it is ready."
        )
    if fee["due_now"]:
        return _(
            "Pay the fee: the office goes on with your application once it is paid. We will "
            "email you when there is news, or if we need more information from you."
        )
    if status == S.IN_REVIEW:
        return _(
            "Officers are reviewing your application. We will email you when there is news, or "
            "if we need more information from you."
        )
    return _(
        "An officer will check your application and documents. We will email you when there "
        "is news, or if we need more information from you."
    )
