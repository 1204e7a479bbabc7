"""Django's and allauth's authentication backends, refusing service accounts (an API
client's): no password, code or session ever makes one of them the signed-in user."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend


def _may_sign_in(user) -> bool:
    return not getattr(user, "is_service_account", False)


class ModelBackend(DjangoModelBackend):
    def user_can_authenticate(self, user):
        return _may_sign_in(user) and super().user_can_authenticate(user)


class AuthenticationBackend(AllauthBackend):
    def user_can_authenticate(self, user):
        return _may_sign_in(user) and super().user_can_authenticate(user)
