"""What an officer may do with a payment, as links on the application's page."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from payments.selectors import payment_refundable, payment_void_problem

register = template.Library()


@register.simple_tag(takes_context=True)
def payment_links(context, payment) -> list[tuple[str, str]]:
    """(label, address) of each thing the signed-in officer may do with ``payment``: refund it
    (finance, while money is left to give back) and void it (a supervisor, for a cash record
    of someone else's open till). Each page brings the officer back to this one."""
    request = context["request"]
    user = request.user
    back = "?" + urlencode({"next": request.get_full_path()})
    links = []
    if user.has_perm("payments.refund_payment") and payment_refundable(payment=payment):
        links.append((_("Refund"), reverse("payment_refund", args=[payment.pk]) + back))
    if user.has_perm("payments.void_payment") and not payment_void_problem(
        payment=payment, supervisor=user
    ):
        links.append((_("Void"), reverse("payment_void", args=[payment.pk]) + back))
    return links
