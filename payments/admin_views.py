"""Finance's pages for QR payments, in the Wagtail admin: find a QR payment and confirm it by
hand when the bank's API cannot, and import the receiving account's bank statement into the
reconciliation. For staff with ``payments.confirm_payment`` (they see every office's)."""

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audit.services import audit_record
from portal.core.admin import AdminPage

from .gateways.emvco import payment_id_of
from .models import Payment
from .registry import gateway_get, gateway_keys
from .services import PaymentRefused, payment_confirm_by_hand
from .statements import StatementError, statement_import, statement_read

PERMISSION = "payments.confirm_payment"
MAX_STATEMENT_MB = 10


def qr_gateway_choices() -> list[tuple[str, str]]:
    return [
        (key, str(gateway_get(key).label))
        for key in gateway_keys()
        if getattr(gateway_get(key), "confirmed_by_hand", False)
    ]


class QRPaymentsView(AdminPage):
    """QR payments by application reference or bill number, newest first."""

    permission_required = PERMISSION
    template_name = "payments/admin/qr_payments.html"
    page_title = gettext_lazy("QR payments")
    header_icon = "search"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        wanted = (self.request.GET.get("q") or "").strip()
        payments = Payment.objects.filter(gateway__in=[key for key, _l in qr_gateway_choices()])
        if wanted:
            bill = payment_id_of(wanted)
            payments = payments.filter(
                Q(pk=bill) if bill else Q(application__reference__iexact=wanted.replace(" ", ""))
            )
        context.update(
            q=wanted,
            payments=payments.select_related("application", "office").order_by("-created_at")[:50],
        )
        return context


class ConfirmForm(forms.Form):
    transaction_id = forms.CharField(
        label=gettext_lazy("The bank's transaction id"),
        max_length=128,
        help_text=gettext_lazy("As the receiving account's history shows it."),
        error_messages={"required": gettext_lazy("Enter the bank's transaction id.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=gettext_lazy("Why by hand: the bank's API is down, the bank has none ..."),
        error_messages={"required": gettext_lazy("Say why the payment is confirmed by hand.")},
    )


class ConfirmByHandView(AdminPage):
    """A finance officer confirms a QR payment by hand, with the bank's transaction id."""

    permission_required = PERMISSION
    template_name = "payments/admin/confirm.html"
    page_title = gettext_lazy("Confirm a QR payment by hand")
    header_icon = "tick"

    def payment(self) -> Payment:
        return get_object_or_404(
            Payment.objects.select_related("application", "office"),
            pk=self.kwargs["payment_id"],
            gateway__in=[key for key, _l in qr_gateway_choices()],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ConfirmForm())
        context["payment"] = self.payment()
        return context

    def post(self, request, *args, **kwargs):
        payment = self.payment()
        form = ConfirmForm(request.POST)
        if form.is_valid():
            try:
                confirmed = payment_confirm_by_hand(
                    payment=payment,
                    transaction_id=form.cleaned_data["transaction_id"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            except PaymentRefused as refused:
                form.add_error("transaction_id", refused.messages[0])
            else:
                messages.success(
                    request,
                    _("The payment is confirmed by hand. Receipt %(number)s.")
                    % {"number": confirmed.receipt_number},
                )
                return redirect("payments_qr")
        return self.render_to_response(self.get_context_data(form=form))


class StatementForm(forms.Form):
    gateway = forms.ChoiceField(label=gettext_lazy("Payments by"))
    statement = forms.FileField(
        label=gettext_lazy("Bank statement (CSV or XLSX)"),
        help_text=gettext_lazy(
            "The receiving account's export. Its first line names the columns: a date, an "
            "amount, and the bill number (or a description that holds it); a currency and "
            "the bank's transaction id when it has them."
        ),
        error_messages={"required": gettext_lazy("Choose the statement's file.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gateway"].choices = qr_gateway_choices()

    def clean_statement(self):
        upload = self.cleaned_data["statement"]
        if upload.size > MAX_STATEMENT_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB: import it in parts.")
                % {"size": MAX_STATEMENT_MB}
            )
        try:
            return statement_read(content=upload.read(), name=upload.name)
        except StatementError as error:
            raise forms.ValidationError(error.messages) from error


class StatementImportView(AdminPage):
    """Import a bank statement: each line matched to a payment; the rest listed."""

    permission_required = PERMISSION
    template_name = "payments/admin/statement.html"
    page_title = gettext_lazy("Import a bank statement")
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", StatementForm())
        return context

    def post(self, request, *args, **kwargs):
        form = StatementForm(request.POST, request.FILES)
        report = None
        if form.is_valid():
            report = statement_import(
                gateway=form.cleaned_data["gateway"],
                lines=form.cleaned_data["statement"],
                actor=request.user,
            )
            audit_record(
                action="payment_changed",
                request=request,
                object_type="payments.payment",
                reference=request.FILES["statement"].name[:100],
                detail=(
                    f"bank statement imported, {form.cleaned_data['gateway']}: "
                    f"{len(form.cleaned_data['statement'])} "
                    f"line(s), {len(report.recorded)} recorded, {len(report.unmatched)} unmatched"
                ),
            )
            form = StatementForm(initial={"gateway": form.cleaned_data["gateway"]})
        return self.render_to_response(self.get_context_data(form=form, report=report))
