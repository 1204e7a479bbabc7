"""The ledger's own pages: the demo gateway's checkout, the QR gateways' page (the code, its
status, its image), and the Stripe webhook."""

import io
import logging
import uuid

import qrcode
import stripe
from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import translate_url
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.accounts.selectors import office_in_language
from portal.audit.services import access_refused
from portal.core.limits import rate_limit_count
from portal.core.qr import qr_svg

from .gateways.base import GatewayResult, GatewayUnavailable
from .gateways.stripe import NotAnEvent
from .ledger import OPEN
from .models import Payment, PaymentEvent
from .registry import gateway_get
from .selectors import fee_is_settled
from .services import payment_apply_result, payment_poll

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


def _payers_qr_payment(request, payment_id) -> Payment:
    """A QR payment, for the person who started it (404 for anyone else, recorded)."""
    payment = get_object_or_404(
        Payment.objects.select_related("application", "office"), pk=payment_id
    )
    if not getattr(gateway_get(payment.gateway), "confirmed_by_hand", False):
        raise Http404
    # Refused when nobody is recorded as having started it, too: an id is not a key.
    if not request.user.is_authenticated or payment.created_by_id != request.user.pk:
        raise access_refused(
            request,
            object_type="payments.payment",
            object_id=payment.pk,
            application_id=payment.application_id,
        )
    return payment


def _ask_bank(payment: Payment) -> Payment:
    """Ask the bank about the payment now, unless someone asked less than QR_CHECK_SECONDS
    ago (however many pages poll, the bank is asked about a payment at that pace at most)."""
    if payment.status not in (*OPEN, Payment.Status.EXPIRED):
        return payment
    # Counted atomically (portal.core.limits), whichever process or server the page asks.
    if settings.QR_CHECK_SECONDS > 0 and not rate_limit_count(
        f"qr-asked:{payment.pk}", limit=1, window=settings.QR_CHECK_SECONDS
    ):
        return payment
    try:
        payment_poll(payment_id=payment.pk)
    except Exception:
        # Whatever went wrong asking the bank, the payer's page still says it is waiting;
        # the poller asks again.
        logger.exception("Payment %s: the bank could not be asked", payment.pk)
    return Payment.objects.select_related("application", "office").get(pk=payment.pk)


@never_cache
def qr_checkout(request, payment_id):
    """The code to scan, for exactly the fee, with the amount, whom it pays and the
    reference beside it. "Check again" (a POST) asks the bank; the page's script asks
    ``qr_status`` and reloads the page when the payment moves."""
    payment = _payers_qr_payment(request, payment_id)
    if request.method == "POST":
        _ask_bank(payment)
        return redirect("checkout:qr_checkout", payment_id=payment.pk)
    data = payment.gateway_data
    language = translation.get_language()
    office = office_in_language(office=payment.office, language=language)
    time_zone = getattr(payment.office, "time_zone", None) or settings.TIME_ZONE
    return render(
        request,
        "payments/qr_checkout.html",
        {
            "payment": payment,
            "gateway": gateway_get(payment.gateway),
            "code": qr_svg(data.get("payload", ""), label=str(gateway_get(payment.gateway).label))
            if payment.status in OPEN
            else "",
            "office": office,
            "time_zone": time_zone,
            "return_url": _in_current_language(data.get("return_url", "/")),
            "waiting": payment.status in OPEN,
            "paid": payment.receipt_number is not None,
            "expired": payment.status == Payment.Status.EXPIRED,
            "settled": fee_is_settled(application_id=payment.application_id),
        },
    )


@never_cache
def qr_status(request, payment_id):
    """The payment's status, for the page's script (the bank is asked, at its pace)."""
    payment = _ask_bank(_payers_qr_payment(request, payment_id))
    return JsonResponse({"status": payment.status, "paid": payment.receipt_number is not None})


@never_cache
def qr_image(request, payment_id):
    """The same code as a PNG image, to save and open in a banking app."""
    payment = _payers_qr_payment(request, payment_id)
    if payment.status not in OPEN:
        raise Http404
    image = qrcode.make(
        payment.gateway_data.get("payload", ""),
        box_size=10,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    response = HttpResponse(buffer.getvalue(), content_type="image/png")
    name = f"{payment.gateway}-{payment.gateway_data.get('bill_number', payment.pk)}.png"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


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
