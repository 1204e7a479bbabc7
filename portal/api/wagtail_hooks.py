from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.core.admin import PermissionMenuItem

from . import admin_views as views


@hooks.register("register_admin_urls")
def register_api_urls():
    return [
        path("api-clients/", views.ApiClientListView.as_view(), name="api_clients"),
        path("api-clients/add/", views.ApiClientEditView.as_view(), name="api_client_add"),
        path("api-clients/<id:pk>/", views.ApiClientEditView.as_view(), name="api_client"),
        path(
            "api-clients/<id:pk>/rotate/",
            views.ApiClientRotateView.as_view(),
            name="api_client_rotate",
        ),
        path(
            "api-clients/<id:pk>/revoke/",
            views.ApiClientRevokeView.as_view(),
            name="api_client_revoke",
        ),
        path("webhooks/add/", views.WebhookEditView.as_view(), name="api_webhook_add"),
        path("webhooks/<id:pk>/", views.WebhookEditView.as_view(), name="api_webhook"),
        path(
            "webhooks/<id:pk>/rotate/", views.WebhookRotateView.as_view(), name="api_webhook_rotate"
        ),
        path(
            "webhooks/deliveries/<id:pk>/send-again/",
            views.DeliverySendAgainView.as_view(),
            name="api_delivery_send_again",
        ),
    ]


@hooks.register("register_settings_menu_item")
def register_api_menu_item():
    return PermissionMenuItem(
        _("API clients and webhooks"),
        reverse("api_clients"),
        icon_name="cogs",
        order=900,
        permission=views.CLIENTS_PERMISSION,
    )
