"""What applicants see of their applications: their own list, and the look-up by reference
code and tracking PIN that needs no account."""

import contextlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache.backends.locmem import LocMemCache
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from payments.services import PaymentRefused, payment_start
from portal.accounts.selectors import office_in_language
from portal.applications.answers import documents_described
from portal.applications.models import Document
from portal.applications.payments import fee_status, payment_refresh, receipt_payment
from portal.applications.selectors import (
    LookedUp,
    application_for_lookup,
    application_get_for_applicant,
    application_list_for_applicant,
    application_looked_up,
    certificate_get,
    companies_for_applicant,
    form_in_reader_language,
    issued_result,
    last_request,
    service_titles_in_language,
)
from portal.applications.services import NewDocument, application_draft_discard
from portal.applications.views import certificate_print_context, paper_context
from portal.applications.workflow import (
    WITHDRAWABLE,
    ActionRefused,
    AlreadyHandled,
    application_resubmit,
    application_withdraw,
)
from portal.audit.services import access_refused
from portal.core.ids import id_parse
from portal.core.limits import rate_limit_allows

from .forms import AnswerForm, FeedbackForm, StatusLookupForm, WithdrawForm
from .selectors import applications_by_need, what_happens_next
from .services import FeedbackRefused, feedback_give


@login_required
@never_cache
def application_list(request):
    """The person's applications, sorted by what they need: an answer, a fee, nothing yet
    (in progress), a result; and the drafts to continue. ``?company=`` shows one company's."""
    company = None
    asked = request.GET.get("company", "")
    if asked:
        company_id = id_parse(asked)
        if company_id is not None:
            company = next(
                (c for c in companies_for_applicant(user=request.user) if c.pk == company_id), None
            )
        if company is None:
            raise access_refused(request, object_type="accounts.company", object_id=asked)
    applications = application_list_for_applicant(
        user=request.user, company_id=company.pk if company else None
    )
    return render(
        request,
        "tracking/application_list.html",
        {"sections": applications_by_need(applications, user=request.user), "company": company},
    )


@login_required
@never_cache
def application_detail(request, reference):
    """One application; right after submitting, its tracking PIN, shown this once."""
    application = application_get_for_applicant(user=request.user, reference=reference)
    if application is None:
        raise _refused(request, reference)
    if application.status == application.Status.DRAFT and application.service_page:
        return redirect(application.service_page.get_url(request) + "apply/")
    pin = request.session.pop(f"tracking-pin:{reference}", None)
    service_titles_in_language([application])
    fee = fee_status(application=application)
    certificate = issued_result(application=application)
    return render(
        request,
        "tracking/application_detail.html",
        {
            "application": application,
            "pin": pin,
            "fee": fee,
            "documents": documents_described(
                schema=application.form_schema,
                documents=application.documents.all(),
                labels_from=form_in_reader_language(application=application),
            ),
            "asked": last_request(application=application),
            "certificate": certificate,
            "next_step": what_happens_next(
                application=application, fee=fee, certificate=certificate
            ),
            "timeline": application.events.filter(visible_to_applicant=True).select_related(
                "to_stage"
            ),
        },
    )


@login_required
@never_cache
def application_answer(request, reference):
    """The applicant answers what the officer asked, with a message and maybe a document."""
    application = _own_submitted(request, reference)
    if application.status != application.Status.ACTION_REQUIRED:
        if request.method == "POST":
            messages.info(request, _("Nothing is asked of you now: your answer was not needed."))
        return redirect("tracking:application_detail", reference=reference)
    form = AnswerForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        documents = []
        if form.cleaned_data.get("document"):
            file, content_type = form.cleaned_data["document"]
            documents.append(
                NewDocument("additional", file, content_type, source=Document.Source.ANSWER)
            )
        try:
            application_resubmit(
                application=application,
                applicant=request.user,
                note=form.cleaned_data["message"],
                documents=documents,
            )
        except ActionRefused:
            # The office changed it while the applicant was writing: nothing was sent; what
            # they wrote stays in the form.
            form.add_error(
                None,
                _(
                    "The office changed your application while you were writing, so your "
                    "answer was not sent. Read the application again; your text is still here "
                    "(choose the file again if you added one)."
                ),
            )
        else:
            messages.success(
                request, _("Your answer is sent. The office carries on with your application.")
            )
            return redirect("tracking:application_detail", reference=reference)
    service_titles_in_language([application])
    return render(
        request,
        "tracking/application_answer.html",
        {"application": application, "form": form, "asked": last_request(application=application)},
    )


@login_required
@never_cache
def application_withdraw_view(request, reference):
    """Withdraw an application before its decision, after saying what happens to it and to a
    fee already paid."""
    application = _own_submitted(request, reference)
    if application.status not in WITHDRAWABLE:
        return redirect("tracking:application_detail", reference=reference)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            application_withdraw(
                application=application,
                applicant=request.user,
                reason=form.cleaned_data["reason"],
            )
        except AlreadyHandled:
            form.add_error(
                None,
                _("The office changed your application just now: read it again, then decide."),
            )
        except ActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                _("Your application %(reference)s is withdrawn.") % {"reference": reference},
            )
            return redirect("tracking:application_detail", reference=reference)
    service_titles_in_language([application])
    return render(
        request,
        "tracking/application_withdraw.html",
        {"application": application, "form": form, "fee": fee_status(application=application)},
    )


@login_required
@never_cache
def application_feedback(request, reference):
    """Rate the service, once, when the application is complete."""
    application = _own_submitted(request, reference)
    if application.applicant_id != request.user.pk:
        raise _refused(request, reference)  # the person who applied rates the service, once
    if application.status != application.Status.COMPLETED or hasattr(application, "feedback"):
        return redirect("tracking:application_detail", reference=reference)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # Given meanwhile, from another tab: the first rating stands.
        with contextlib.suppress(FeedbackRefused):
            feedback_give(
                application=application,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        messages.success(request, _("Thank you: your rating helps the office improve."))
        return redirect("tracking:application_detail", reference=reference)
    service_titles_in_language([application])
    return render(
        request, "tracking/application_feedback.html", {"application": application, "form": form}
    )


@login_required
@never_cache
def draft_discard(request, reference):
    """Delete a draft, after asking: its answers and files go."""
    draft = application_get_for_applicant(user=request.user, reference=reference)
    if draft is None:
        raise _refused(request, reference)
    service_titles_in_language([draft])
    if draft.status == draft.Status.DRAFT and request.method == "POST":
        if application_draft_discard(application=draft):
            messages.success(
                request,
                _("Your draft for %(service)s is deleted.") % {"service": draft.title_here},
            )
            return redirect("tracking:application_list")
        # Submitted meanwhile, from another tab: what it is now decides what to say.
        draft = application_get_for_applicant(user=request.user, reference=reference)
        if draft is None:
            return redirect("tracking:application_list")
        service_titles_in_language([draft])
    if draft.status != draft.Status.DRAFT:
        messages.info(
            request,
            _("Your application for %(service)s was already submitted, so it was not deleted.")
            % {"service": draft.title_here},
        )
        return redirect("tracking:application_detail", reference=reference)
    return render(request, "tracking/draft_discard.html", {"draft": draft})


@never_cache
def status_lookup(request):
    """Anyone with a reference code and its tracking PIN sees where the application is.

    A wrong reference and a wrong PIN get the same answer; each address may try a few times.
    """
    found = None
    not_found = False
    if request.method == "POST":
        # A POST keeps the PIN out of addresses, browser history and server logs.
        if not rate_limit_allows(
            request,
            scope="tracking-lookup",
            limit=settings.TRACKING_LOOKUP_LIMIT,
            window=settings.TRACKING_LOOKUP_WINDOW,
        ):
            response = render(request, "tracking/status_lookup.html", {"limited": True}, status=429)
            response["Retry-After"] = str(settings.TRACKING_LOOKUP_WINDOW)
            return response
        form = StatusLookupForm(request.POST)
        if form.is_valid():
            found = application_looked_up(
                reference=form.cleaned_data["reference"], pin=form.cleaned_data["pin"]
            )
            not_found = found is None
    else:
        # A link or QR code may carry the reference code; the PIN is always typed.
        form = StatusLookupForm(initial={"reference": request.GET.get("reference", "")[:20]})
    response = render(
        request,
        "tracking/status_lookup.html",
        {
            "form": form,
            "found": found,
            "answer": lookup_answer(found) if found else "",
            "not_found": not_found,
        },
    )
    # The empty form is the same for every reader: the page cache keeps it (cms.cache).
    response.page_cacheable = request.method == "GET" and not request.GET
    return response


# What the look-up showed of an application lately, in this process's memory only (it holds
# personal data: never in a shared cache or on disk). Every change of the application an
# applicant may see moves its version (a new key); the language and the day are in the key too;
# a stage renamed or a service retitled shows within the timeout.
LOOKUP_ANSWERS = LocMemCache(
    "onedoor-lookup-answers", {"TIMEOUT": 300, "OPTIONS": {"MAX_ENTRIES": 2000}}
)


def lookup_answer(found: LookedUp) -> str:
    """The look-up's answer for the application ``found`` (status, fee, timeline, what happens
    next), rendered once per version of it and language."""
    key = (
        f"{found.pk}:{found.version}:{found.updated_at.timestamp()}:"
        f"{get_language()}:{timezone.localdate()}"
    )
    answer = LOOKUP_ANSWERS.get(key)
    if answer is None:
        application = application_for_lookup(pk=found.pk)
        service_titles_in_language([application])
        fee = fee_status(application=application)
        events = (
            application.events.filter(visible_to_applicant=True)
            .select_related("to_stage")
            .order_by("created_at")
        )
        answer = render_to_string(
            "tracking/includes/lookup_answer.html",
            {
                "application": application,
                "events": events,
                "fee": fee,
                "next_step": what_happens_next(
                    application=application,
                    fee=fee,
                    certificate=issued_result(application=application),
                ),
            },
        )
        LOOKUP_ANSWERS.set(key, answer)
    return answer


def _own_submitted(request, reference):
    application = application_get_for_applicant(user=request.user, reference=reference)
    if application is None or application.status == application.Status.DRAFT:
        raise _refused(request, reference)
    return application


def _refused(request, reference: str):
    """The 404 of an application that is not this person's (or does not exist), recorded."""
    return access_refused(request, object_type="applications.application", reference=reference)


@login_required
@never_cache
def application_pay(request, reference):
    """Choose how to pay the fee, and go to the chosen gateway."""
    application = _own_submitted(request, reference)
    fee = fee_status(application=application)
    if not fee["payable_online"]:
        return redirect("tracking:application_detail", reference=reference)
    error = ""
    if request.method == "POST":
        key = request.POST.get("method", "")
        if key not in {gateway.key for gateway in fee["gateways"]}:
            error = _("Select how you want to pay.")
        else:
            return_url = reverse("tracking:payment_return", args=[reference])
            try:
                _payment, redirect_url = payment_start(
                    application_id=application.pk,
                    amount=application.fee_total,
                    currency=application.fee_currency,
                    gateway_key=key,
                    user=request.user,
                    return_url=return_url,
                    office_id=application.office_id,
                )
            except PaymentRefused as refused:
                error = refused.messages[0]
            else:
                return redirect(redirect_url)
    service_titles_in_language([application])
    return render(
        request,
        "tracking/application_pay.html",
        {"application": application, "fee": fee, "error": error},
    )


@login_required
@never_cache
def payment_return(request, reference):
    """Back from the gateway: ask the gateway what happened (the browser's word is not taken)."""
    application = _own_submitted(request, reference)
    payment = payment_refresh(application_id=application.pk)
    if payment is None:
        raise Http404
    if payment.status == payment.Status.PAID:
        messages.success(
            request,
            _("Payment received. Your receipt number is %(number)s.")
            % {"number": payment.receipt_number},
        )
    elif payment.status in (payment.Status.FAILED, payment.Status.CANCELLED):
        messages.error(request, _("The payment did not go through. Nothing was taken: try again."))
    elif payment.status == payment.Status.EXPIRED:
        messages.error(request, _("The payment took too long and expired. Try again."))
    else:
        messages.info(
            request,
            _("We are waiting for the payment service to confirm. This page will show it."),
        )
    return redirect("tracking:application_detail", reference=reference)


@login_required
@never_cache
def receipt(request, reference, payment_id):
    """A printable receipt, in the applicant's language."""
    application = _own_submitted(request, reference)
    payment = receipt_payment(application_id=application.pk, payment_id=payment_id)
    if payment is None:
        raise access_refused(
            request,
            object_type="payments.payment",
            object_id=payment_id,
            application_id=application.pk,
        )
    return render(
        request,
        "tracking/receipt.html",
        {
            **paper_context(application=application),
            "payment": payment,
            "paid_at": office_in_language(office=payment.office, language=get_language()),
        },
    )


@login_required
@never_cache
def certificate(request, reference):
    """The result issued to the applicant, to print or save, with the QR code of its check."""
    application = _own_submitted(request, reference)
    found = issued_result(application=application)
    if found is None:
        raise Http404
    return render(
        request,
        "applications/certificate.html",
        {
            **certificate_print_context(certificate=found),
            "back_url": reverse("tracking:application_detail", args=[reference]),
        },
    )


@never_cache
def verify(request, code=""):
    """Anyone checks a certificate or licence by the code printed under its QR code."""
    code = (code or request.GET.get("code", "")).strip().upper()[:32]
    certificate = certificate_get(code=code) if code else None
    if certificate is not None:
        service_titles_in_language([certificate.application])
    return render(
        request,
        "tracking/verify.html",
        {"code": code, "certificate": certificate, "asked": bool(code)},
        status=404 if code and certificate is None else 200,
    )
