"""The cashier's desk and the finance pages, inside the Wagtail admin.

Cashiers (``payments.record_cash``) find an application by its reference code, record the cash
they took, print the receipt, see their till and close their day; supervisors
(``payments.void_payment``) void a mistaken record with a reason. Finance
(``payments.refund_payment``, ``payments.view_reconciliation``) refunds, resolves the payments
flagged for review, and reads the reconciliation report.
"""

import datetime
import re

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from payments.models import Payment, TillClosure
from payments.registry import gateway_get, gateway_keys
from payments.selectors import (
    payment_paid_twice,
    payment_totals,
    payments_to_review,
    settled_payment,
    till_figures,
    till_payments,
)
from payments.services import (
    PaymentRefused,
    RefundNotMade,
    payment_record_cash,
    payment_refund,
    payment_review_resolve,
    payment_void,
    till_close,
)
from portal.accounts.models import Office
from portal.accounts.selectors import office_in_language
from portal.applications.models import Application
from portal.applications.payments import fee_status
from portal.applications.selectors import (
    application_list_for_officer,
    service_titles_in_language,
)
from portal.applications.views import paper_context, printed_in
from portal.applications.workflow import officer_serves_owner
from portal.audit.services import access_refused, export_recorded, object_or_refused
from portal.core.admin import AdminPage
from portal.core.money import CURRENCIES, money_format, money_to_major
from portal.core.reference import reference_normalise
from portal.core.spreadsheets import spreadsheet_response

# An amount as people type it: digits, maybe grouped by commas in threes, maybe a decimal
# point. No sign, no exponent, no "NaN" or "Infinity" (which Decimal would take).
AMOUNT = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?|[0-9]+(\.[0-9]+)?")
MAX_DIGITS = 15  # a trillion and more in major units; minor units stay within 64 bits
NOT_A_NUMBER = gettext_lazy("Enter the amount as a number, such as 50000.")


def _parse_amount(text: str, currency: str) -> int | None:
    """The minor units of an amount typed by an officer, or None when it is not a plain
    amount of the currency (more decimals than it has, or more than MAX_DIGITS digits)."""
    text = text.strip()
    if currency not in CURRENCIES or not AMOUNT.fullmatch(text):
        return None
    whole, _point, fraction = text.replace(",", "").partition(".")
    exponent = CURRENCIES[currency].exponent
    if len(fraction) > exponent or len(whole) > MAX_DIGITS:
        return None
    return int(whole) * 10**exponent + int(fraction.ljust(exponent, "0") or 0)


def _amount_field(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": gettext_lazy("Enter the amount."),
            "max_length": NOT_A_NUMBER,
        },
    )


class CashForm(forms.Form):
    amount = _amount_field(gettext_lazy("Amount received"))


class CashierView(AdminPage):
    """Find an application by reference; record the cash paid for its fee."""

    permission_required = "payments.record_cash"
    template_name = "review/cashier.html"
    page_title = gettext_lazy("Cashier")
    header_icon = "form"

    def application(self) -> Application | None:
        reference = reference_normalise(self.request.GET.get("reference", "") or "")
        if not reference:
            return None
        application = (
            application_list_for_officer(user=self.request.user).filter(reference=reference).first()
        )
        # Cash is taken by the offices that own the application, not one it was referred to.
        if application and officer_serves_owner(user=self.request.user, application=application):
            return application
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = kwargs.get("application", self.application())
        if application is not None:
            service_titles_in_language([application])
        context.update(
            reference=self.request.GET.get("reference", ""),
            application=application,
            not_found=bool(self.request.GET.get("reference")) and application is None,
            form=kwargs.get("form") or CashForm(),
            settled=settled_payment(application_id=application.pk) if application else None,
            fee=fee_status(application=application) if application else None,
            closed=TillClosure.objects.filter(
                cashier=self.request.user, day=timezone.localdate()
            ).exists(),
        )
        return context

    def post(self, request, *args, **kwargs):
        application = self.application()
        if application is None:
            raise access_refused(
                request,
                object_type="applications.application",
                reference=request.GET.get("reference", ""),
            )
        form = CashForm(request.POST)
        if form.is_valid():
            amount = _parse_amount(form.cleaned_data["amount"], application.fee_currency)
            if amount is None:
                form.add_error("amount", NOT_A_NUMBER)
            elif application.fee_total is None:
                form.add_error("amount", _("The fee of this application is not set."))
            elif not fee_status(application=application)["due_now"]:
                form.add_error("amount", _("No fee is due now for this application."))
            else:
                try:
                    payment = payment_record_cash(
                        application_id=application.pk,
                        amount=amount,
                        fee_amount=application.fee_total,
                        currency=application.fee_currency,
                        cashier=request.user,
                        office_id=application.office_id,
                    )
                except PaymentRefused as refused:
                    form.add_error("amount", refused.messages[0])
                else:
                    _tell_cash_recorded(request, payment)
                    return redirect("cashier_receipt", payment_id=payment.pk)
        return self.render_to_response(self.get_context_data(application=application, form=form))


def _tell_cash_recorded(request, payment: Payment) -> None:
    """The cashier's message: the receipt number or, when the fee was settled (online, a
    moment before) while the cash was taken, that the cash goes back."""
    first = payment_paid_twice(payment=payment)
    if first is None:
        messages.success(
            request, _("Cash recorded. Receipt %(number)s.") % {"number": payment.receipt_number}
        )
        return
    messages.warning(
        request,
        _(
            "This fee was already paid (receipt %(first)s). Hand this cash back to the payer: "
            "receipt %(number)s is flagged for finance to record it as refunded."
        )
        % {"first": first.receipt_number, "number": payment.receipt_number},
    )


def _visible_payment(request, payment_id) -> Payment:
    """A payment of an application the officer may see; 404 otherwise."""
    payment = object_or_refused(
        request, Payment.objects.select_related("application", "office"), pk=payment_id
    )
    if not application_list_for_officer(user=request.user).filter(
        pk=payment.application_id
    ).exists() and not request.user.has_perm("payments.view_reconciliation"):
        raise access_refused(
            request,
            object_type="payments.payment",
            object_id=payment.pk,
            reference=payment.receipt_number or "",
            application_id=payment.application_id,
        )
    return payment


class ReceiptPrintView(AdminPage):
    """The receipt, to print at the counter."""

    permission_required = "payments.record_cash"
    template_name = "review/receipt_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        payment = _visible_payment(self.request, kwargs["payment_id"])
        language = payment.application.language
        context.update(
            paper_context(application=payment.application, language=language),
            payment=payment,
            paid_at=office_in_language(office=payment.office, language=language),
            paid_before=payment_paid_twice(payment=payment),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        """Printed in the applicant's language (the one they applied in, or chose at the
        counter), whatever the cashier's."""
        response = super().render_to_response(context, **response_kwargs)
        return printed_in(response, context["application"].language)


def _till_rows(figures: dict) -> list[dict]:
    """The till's figures by currency (see ``till_figures``), each amount also shown."""
    rows = []
    for currency, amounts in sorted(figures.items()):
        if not isinstance(amounts, dict):
            # A till closed before the figures were kept apart stored one sum per currency.
            amounts = {"collected": amounts}
        row = {"currency": currency, "payments": amounts.get("payments", "-")}
        for name in ("collected", "refunded", "net", "voided"):
            row[f"{name}_display"] = (
                money_format(amounts[name], currency) if name in amounts else "-"
            )
        if "voided" in amounts:
            row["voided_display"] += f" ({amounts['voided_payments']})"
        rows.append(row)
    return rows


class TillView(AdminPage):
    """The cashier's day: each cash payment, the totals, and closing the day. Once closed, the
    totals shown are the ones the closure stored."""

    permission_required = "payments.record_cash"
    template_name = "review/till.html"
    page_title = gettext_lazy("My till today")
    header_icon = "list-ul"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = timezone.localdate()
        closure = TillClosure.objects.filter(cashier=self.request.user, day=day).first()
        figures = closure.totals if closure else till_figures(cashier=self.request.user, day=day)
        context.update(
            day=day,
            payments=till_payments(cashier=self.request.user, day=day).select_related(
                "application"
            ),
            totals=_till_rows(figures),
            closure=closure,
        )
        return context

    def post(self, request, *args, **kwargs):
        closure = till_close(cashier=request.user)
        messages.success(
            request,
            _("Your till for %(day)s is closed: %(count)s payment(s).")
            % {"day": closure.day, "count": closure.count},
        )
        return redirect("cashier_till")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": gettext_lazy("Say why.")},
    )


def _back(request) -> str:
    """Where a payment's page returns to when done: the page that sent the officer there
    (``?next=``, on this site only), or the payments to review."""
    back = request.GET.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return reverse("payments_review")


class VoidView(AdminPage):
    """A supervisor voids a mistaken cash record: a reversal with a reason, never a delete."""

    permission_required = "payments.void_payment"
    template_name = "review/payment_action.html"
    page_title = gettext_lazy("Void a cash payment")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ReasonForm())
        context.update(
            payment=_visible_payment(self.request, self.kwargs["payment_id"]),
            action=_("Void the payment"),
            back=_back(self.request),
        )
        return context

    def post(self, request, *args, **kwargs):
        payment = _visible_payment(request, kwargs["payment_id"])
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                payment_void(
                    payment=payment, reason=form.cleaned_data["reason"], supervisor=request.user
                )
            except PaymentRefused as refused:
                form.add_error("reason", refused.messages[0])
            else:
                messages.success(request, _("The payment is voided."))
                return redirect(_back(request))
        return self.render_to_response(self.get_context_data(form=form))


class RefundForm(ReasonForm):
    amount = _amount_field(gettext_lazy("Amount to refund"))
    field_order = ["amount", "reason"]


class RefundView(AdminPage):
    """Finance refunds a paid fee, in full or in part."""

    permission_required = "payments.refund_payment"
    template_name = "review/payment_action.html"
    page_title = gettext_lazy("Refund a payment")
    header_icon = "undo"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        payment = _visible_payment(self.request, self.kwargs["payment_id"])
        context.setdefault("form", RefundForm())
        context.update(
            payment=payment,
            back=_back(self.request),
            action=_("Refund"),
            through=_("through the gateway")
            if gateway_get(payment.gateway).supports_refunds
            else _("as a cash refund at the counter"),
        )
        return context

    def post(self, request, *args, **kwargs):
        payment = _visible_payment(request, kwargs["payment_id"])
        form = RefundForm(request.POST)
        if form.is_valid():
            amount = _parse_amount(form.cleaned_data["amount"], payment.currency)
            if amount is None:
                form.add_error("amount", NOT_A_NUMBER)
            else:
                try:
                    payment_refund(
                        payment=payment,
                        amount=amount,
                        reason=form.cleaned_data["reason"],
                        actor=request.user,
                    )
                except RefundNotMade as not_made:
                    form.add_error(None, not_made.messages[0])
                except PaymentRefused as refused:
                    form.add_error("amount", refused.messages[0])
                else:
                    messages.success(request, _("The refund is recorded."))
                    return redirect(_back(request))
        return self.render_to_response(self.get_context_data(form=form))


class ResolveView(VoidView):
    """Finance says a flagged payment needs nothing more."""

    permission_required = "payments.refund_payment"
    page_title = gettext_lazy("Resolve a review")
    header_icon = "tick"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action"] = _("Mark as resolved")
        return context

    def post(self, request, *args, **kwargs):
        payment = _visible_payment(request, kwargs["payment_id"])
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                payment_review_resolve(
                    payment=payment, actor=request.user, note=form.cleaned_data["reason"]
                )
            except PaymentRefused as refused:
                form.add_error("reason", refused.messages[0])
            else:
                messages.success(request, _("The review is resolved."))
                return redirect(_back(request))
        return self.render_to_response(self.get_context_data(form=form))


class ReviewListView(AdminPage):
    """Payments flagged for review: late successes, mismatches, fees paid twice."""

    permission_required = "payments.refund_payment"
    template_name = "review/payments_review.html"
    page_title = gettext_lazy("Payments to review")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["payments"] = payments_to_review().select_related("application", "office")
        return context


class ReconciliationFilter(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    office = forms.ModelChoiceField(
        label=gettext_lazy("Office"),
        queryset=Office.objects.none(),
        required=False,
        empty_label=gettext_lazy("All offices"),
    )
    gateway = forms.ChoiceField(label=gettext_lazy("Method"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All statuses")), *Payment.Status.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from wagtail.models import Locale

        self.fields["office"].queryset = Office.objects.filter(locale=Locale.get_default())
        self.fields["gateway"].choices = [
            ("", _("All methods")),
            *((key, gateway_get(key).label) for key in gateway_keys()),
        ]


COLUMNS = [
    "day", "office", "method", "status", "currency", "payments",
    "amount", "collected", "refunded", "net",
]  # fmt: skip
MONEY = ["amount", "collected", "refunded", "net"]
# The line of the CSV and XLSX that holds a total says so in its first column.
TOTAL = "total"


STATUSES = dict(Payment.Status.choices)


def _money_row(row: dict, currency: str) -> dict:
    """A row of ``payment_totals``, each amount also in major units and shown."""
    row = dict(row)
    for name in MONEY:
        minor = row.get(name)
        row[name] = "" if minor is None else money_to_major(minor, currency)
        row[f"{name}_display"] = "" if minor is None else money_format(minor, currency)
    return row


class ReconciliationView(AdminPage):
    """Totals by day, office, method and status, on screen or as CSV or XLSX; then the totals
    by currency and status, with what was collected, refunded and the net kept apart (an
    attempt that failed, expired or was voided took no money, whatever it asked for)."""

    permission_required = "payments.view_reconciliation"
    template_name = "review/reconciliation.html"
    page_title = gettext_lazy("Reconciliation")
    header_icon = "table"

    def payments(self, form):
        today = timezone.localdate()
        data = form.cleaned_data if form.is_valid() else {}
        start = data.get("start") or today - datetime.timedelta(days=30)
        end = data.get("end") or today
        payments = Payment.objects.filter(created_on__gte=start, created_on__lte=end)
        if data.get("office"):
            payments = payments.filter(office__translation_key=data["office"].translation_key)
        if data.get("gateway"):
            payments = payments.filter(gateway=data["gateway"])
        if data.get("status"):
            payments = payments.filter(status=data["status"])
        return payments

    def rows(self, payments) -> list[dict]:
        grouped = payment_totals(
            payments, by=["created_on", "office__name", "gateway", "status", "currency"]
        )
        grouped.sort(key=lambda row: row["created_on"], reverse=True)  # stable: newest first
        return [
            _money_row(
                {
                    **row,
                    "day": row["created_on"],
                    "office": row["office__name"] or "",
                    "method": str(gateway_get(row["gateway"]).label),
                    "status": str(STATUSES.get(row["status"], row["status"])),
                },
                row["currency"],
            )
            for row in grouped
        ]

    def totals(self, payments) -> list[dict]:
        """By currency: a row per status in the ledger's order, then all statuses together
        (with no amount asked: adding what failed attempts asked for means nothing)."""
        order = list(STATUSES)
        rows = sorted(
            payment_totals(payments, by=["currency", "status"]),
            key=lambda row: (row["currency"], order.index(row["status"])),
        )
        totals = []
        for currency in sorted({row["currency"] for row in rows}):
            of_currency = [row for row in rows if row["currency"] == currency]
            for row in of_currency:
                totals.append(
                    _money_row(
                        {**row, "status": str(STATUSES.get(row["status"], row["status"]))},
                        currency,
                    )
                )
            everything = {
                name: sum(row[name] for row in of_currency)
                for name in ("payments", "collected", "refunded", "net")
            }
            totals.append(
                _money_row(
                    {
                        "currency": currency,
                        "status": _("All statuses"),
                        "all": True,
                        "amount": None,
                        **everything,
                    },
                    currency,
                )
            )
        return totals

    def get(self, request, *args, **kwargs):
        form = ReconciliationFilter(request.GET or None)
        payments = self.payments(form)
        rows = self.rows(payments)
        totals = self.totals(payments)
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            lines = [[row[column] for column in COLUMNS] for row in rows]
            lines += [
                [row.get(column, "") for column in COLUMNS]
                for row in ({**total, "day": TOTAL, "office": "", "method": ""} for total in totals)
            ]
            export_recorded(request, what="payments.reconciliation", export=export)
            return spreadsheet_response(
                name="reconciliation", header=COLUMNS, lines=lines, export=export
            )
        return self.render_to_response(
            self.get_context_data(
                form=form, rows=rows, totals=totals, query=request.GET.urlencode()
            )
        )
