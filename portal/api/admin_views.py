"""The admin's pages for API clients and webhook subscriptions, in the Wagtail admin: a key or
secret is shown once, on the page that answers its creation or change, and never again."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.models import Group
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from portal.accounts.models import Office
from portal.notifications.webhooks import webhook_address_problem

from .models import ApiClient, Scope, WebhookDelivery, WebhookEvent, WebhookSubscription
from .services import (
    api_client_create,
    api_client_revoke,
    api_client_rotate,
    api_client_update,
    webhook_secret_rotate,
    webhook_send_again,
    webhook_subscription_create,
    webhook_subscription_update,
)

CLIENTS_PERMISSION = "api.change_apiclient"
WEBHOOKS_PERMISSION = "api.change_webhooksubscription"


def _offices():
    return Office.objects.filter(locale=Locale.get_default()).order_by("name")


class ApiClientForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=255)
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Scopes"),
        choices=Scope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    offices = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Offices it may see"),
        queryset=Office.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("It reads and acts on these offices' applications only."),
    )
    groups = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Acts as an officer of"),
        queryset=Group.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "With the write scope, it takes the actions these groups take at their stages."
        ),
    )
    rate_limit = forms.IntegerField(
        label=gettext_lazy("Calls allowed per minute"), min_value=1, max_value=100000, initial=120
    )

    def __init__(self, *args, client: ApiClient | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.fields["offices"].queryset = _offices()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = ApiClient.objects.filter(name=name)
        if self.client is not None:
            taken = taken.exclude(pk=self.client.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another client has this name."))
        return name


class AdminPage(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    raise_exception = True
    header_icon = "cogs"


class ApiClientListView(AdminPage):
    permission_required = CLIENTS_PERMISSION
    template_name = "api/admin/clients.html"
    page_title = gettext_lazy("API clients")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["clients"] = ApiClient.objects.prefetch_related("offices").order_by("name")
        context["webhooks"] = WebhookSubscription.objects.order_by("name")
        return context


class ApiClientEditView(AdminPage):
    """A new client (no ``pk``) or an existing one; its key on the page that answers."""

    permission_required = CLIENTS_PERMISSION
    template_name = "api/admin/client_form.html"

    def get_page_title(self):
        return _("API client") if self.kwargs.get("pk") else _("New API client")

    def client(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(ApiClient, pk=pk) if pk else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        client = kwargs.get("client", self.client())
        if "form" not in kwargs:
            initial = {}
            if client is not None:
                initial = {
                    "name": client.name,
                    "scopes": client.scopes,
                    "offices": client.offices.all(),
                    "groups": client.user.groups.all(),
                    "rate_limit": client.rate_limit,
                }
            context["form"] = ApiClientForm(initial=initial, client=client)
        context["client"] = client
        return context

    def post(self, request, *args, **kwargs):
        client = self.client()
        form = ApiClientForm(request.POST, client=client)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, client=client))
        data = form.cleaned_data
        if client is None:
            client, key = api_client_create(
                name=data["name"],
                scopes=data["scopes"],
                offices=list(data["offices"]),
                groups=list(data["groups"]),
                rate_limit=data["rate_limit"],
                created_by=request.user,
            )
            return key_page(request, client=client, key=key)
        api_client_update(
            client=client,
            name=data["name"],
            scopes=data["scopes"],
            offices=list(data["offices"]),
            groups=list(data["groups"]),
            rate_limit=data["rate_limit"],
        )
        messages.success(request, _("Saved."))
        return redirect("api_clients")


def key_page(request, *, client: ApiClient, key: str):
    view = KeyShownView.as_view()
    return view(request, client=client, key=key)


class KeyShownView(AdminPage):
    permission_required = CLIENTS_PERMISSION
    template_name = "api/admin/key_shown.html"
    page_title = gettext_lazy("The client's key")

    def post(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(**kwargs))


class ApiClientRotateView(AdminPage):
    permission_required = CLIENTS_PERMISSION

    def post(self, request, pk):
        client = get_object_or_404(ApiClient, pk=pk, revoked_at=None)
        return key_page(request, client=client, key=api_client_rotate(client=client))


class ApiClientRevokeView(AdminPage):
    permission_required = CLIENTS_PERMISSION

    def post(self, request, pk):
        client = get_object_or_404(ApiClient, pk=pk)
        api_client_revoke(client=client)
        messages.success(request, _("The key of %(name)s no longer works.") % {"name": client})
        return redirect("api_clients")


class WebhookForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=255)
    url = forms.URLField(
        label=gettext_lazy("Address (URL)"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy(
            "Each event is sent there as a signed POST. An https:// address on the internet."
        ),
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    offices = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Offices"),
        queryset=Office.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Only events about these offices' applications. Empty: every office."
        ),
    )
    active = forms.BooleanField(label=gettext_lazy("Active"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offices"].queryset = _offices()

    def clean_url(self):
        """https, no credentials, a host on the internet (each delivery checks it again)."""
        url = self.cleaned_data["url"]
        refused = webhook_address_problem(url)
        if refused:
            raise forms.ValidationError(refused)
        return url


class WebhookEditView(AdminPage):
    permission_required = WEBHOOKS_PERMISSION
    template_name = "api/admin/webhook_form.html"

    def get_page_title(self):
        return _("Webhook") if self.kwargs.get("pk") else _("New webhook")

    def subscription(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(WebhookSubscription, pk=pk) if pk else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subscription = kwargs.get("subscription", self.subscription())
        if "form" not in kwargs:
            initial = {"active": True}
            if subscription is not None:
                initial = {
                    "name": subscription.name,
                    "url": subscription.url,
                    "events": subscription.events,
                    "offices": subscription.offices.all(),
                    "active": subscription.active,
                }
            context["form"] = WebhookForm(initial=initial)
        context["subscription"] = subscription
        if subscription is not None:
            context["deliveries"] = (
                WebhookDelivery.objects.filter(subscription=subscription)
                .select_related("message")
                .order_by("-created_at", "-id")[:100]
            )
        return context

    def post(self, request, *args, **kwargs):
        subscription = self.subscription()
        form = WebhookForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(form=form, subscription=subscription)
            )
        data = form.cleaned_data
        if subscription is None:
            subscription = webhook_subscription_create(
                name=data["name"],
                url=data["url"],
                events=data["events"],
                offices=list(data["offices"]),
                active=data["active"],
            )
            return SecretShownView.as_view()(request, subscription=subscription)
        webhook_subscription_update(
            subscription=subscription,
            name=data["name"],
            url=data["url"],
            events=data["events"],
            offices=list(data["offices"]),
            active=data["active"],
        )
        messages.success(request, _("Saved."))
        return redirect("api_webhook", pk=subscription.pk)


class SecretShownView(AdminPage):
    permission_required = WEBHOOKS_PERMISSION
    template_name = "api/admin/secret_shown.html"
    page_title = gettext_lazy("The webhook's signing secret")

    def post(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(**kwargs))


class WebhookRotateView(AdminPage):
    permission_required = WEBHOOKS_PERMISSION

    def post(self, request, pk):
        subscription = get_object_or_404(WebhookSubscription, pk=pk)
        webhook_secret_rotate(subscription=subscription)
        return SecretShownView.as_view()(request, subscription=subscription)


class DeliverySendAgainView(AdminPage):
    permission_required = WEBHOOKS_PERMISSION

    def post(self, request, pk):
        delivery = get_object_or_404(WebhookDelivery.objects.select_related("message"), pk=pk)
        if webhook_send_again(delivery=delivery) is None:
            messages.warning(request, _("This event is waiting to be sent already."))
        else:
            messages.success(request, _("It will be sent again."))
        return redirect("api_webhook", pk=delivery.subscription_id)
