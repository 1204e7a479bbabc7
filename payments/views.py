"""The ledger's own pages: the demo gateway's checkout, and the Stripe webhook."""

import logging
import uuid

import stripe
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import translate_url
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.audit.services import access_refused

from .gateways.base import GatewayResult, GatewayUnavailable
from .gateways.stripe import NotAnEvent
from .models import Payment, PaymentEvent
from .registry import gateway_get
from .services import payment_apply_result

logger = logging.getLogger(__name__)

DEMO_OUTCOMES = {"succeed": Payment.Status.PAID, "fail": Payment.Status.FAILED}


def _in_current_language(url: str) -> str:
    """``url`` (an address of ours, under a language prefix) in the language the payer reads
    now: they may have changed it on the payment page."""
    now, written_in = translation.get_language(), translation.get_language_from_path(url)
    if not written_in or written_in == now:
        return url
    with translation.override(written_in):
        return translate_url(url, now)


@never_cache
def demo_checkout(request, payment_id):
    """The demo gateway's page: the payer chooses to pay, to fail, or to abandon."""
    gateway = gateway_get("demo")
    if not gateway.is_enabled():
        raise Http404
    payment = get_object_or_404(Payment, pk=payment_id, gateway="demo")
    if payment.created_by_id and payment.created_by_id != request.user.pk:
        raise access_refused(
            request,
            object_type="payments.payment",
            object_id=payment.pk,
            application_id=payment.application_id,
        )
    return_url = _in_current_language(payment.gateway_data.get("return_url", "/"))
    if request.method == "POST":
        choice = request.POST.get("outcome")
        if choice in DEMO_OUTCOMES:
            Payment.objects.filter(pk=payment.pk).update(
                gateway_data={**payment.gateway_data, "outcome": DEMO_OUTCOMES[choice]}
            )
            payment_apply_result(
                payment_id=payment.pk,
                result=GatewayResult(
                    status=DEMO_OUTCOMES[choice], amount=payment.amount, currency=payment.currency
                ),
                source=PaymentEvent.Source.USER,
                actor=request.user if request.user.is_authenticated else None,
            )
        return redirect(return_url)
    return render(
        request, "payments/demo_checkout.html", {"payment": payment, "return_url": return_url}
    )


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's notifications: verified on the raw body; each event applied once."""
    gateway = gateway_get("stripe")
    if not gateway.is_enabled():
        raise Http404
    try:
        payment_id, result = gateway.parse_webhook(
            body=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except NotAnEvent as error:
        logger.warning("Stripe webhook refused: %s", error)
        return HttpResponseBadRequest("not an event")
    except (ValueError, stripe.SignatureVerificationError):
        logger.warning("Stripe webhook with a bad or stale signature refused")
        return HttpResponseBadRequest("bad signature")
    except GatewayUnavailable as error:
        # Stripe sends the event again later: by then it can be asked.
        logger.warning("Stripe webhook not handled now, Stripe could not be asked: %s", error)
        return HttpResponse("try again later", status=503)
    if result is None:
        return HttpResponse("ignored")
    try:
        payment_id = uuid.UUID(str(payment_id))
    except ValueError:
        payment_id = None
    payment = (
        Payment.objects.filter(pk=payment_id, gateway="stripe").first() if payment_id else None
    )
    if payment is None or (
        result.provider_reference and result.provider_reference != payment.provider_reference
    ):
        logger.warning("Stripe event %s names no payment of ours", result.event_id)
        return HttpResponse("unknown payment")
    payment_apply_result(payment_id=payment_id, result=result, source=PaymentEvent.Source.WEBHOOK)
    if result.problem:
        # Answered with success all the same: Stripe would only send the same event again.
        logger.warning(
            "Stripe event %s for payment %s not applicable: %s",
            result.event_id,
            payment_id,
            result.problem,
        )
        return HttpResponse("not applicable")
    return HttpResponse("ok")
