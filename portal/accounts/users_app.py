"""Wagtail's users app, with our user forms (see ``admin_users``)."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "portal.accounts.admin_users.UserViewSet"
