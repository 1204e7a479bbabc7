"""Django's and allauth's authentication backends, refusing service accounts (an API
client's): no password, code or session ever makes one of them the signed-in user."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.exceptions import ValidationError
from django.db import connection


def _may_sign_in(user) -> bool:
    return not getattr(user, "is_service_account", False)


class _SignedInRead:
    """The signed-in person, read on each of their requests with one plain statement: building
    the query with the ORM cost more than reading the row. Who may sign in is unchanged."""

    def get_user(self, user_id):
        model = get_user_model()
        try:
            user_id = model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        table = connection.ops.quote_name(model._meta.db_table)
        column = connection.ops.quote_name(model._meta.pk.column)
        found = list(
            model._default_manager.raw(
                f"SELECT * FROM {table} WHERE {column} = %s",  # noqa: S608 (names are the model's)
                [user_id],
            )
        )
        return found[0] if found and self.user_can_authenticate(found[0]) else None

    def user_can_authenticate(self, user):
        return _may_sign_in(user) and super().user_can_authenticate(user)


class ModelBackend(_SignedInRead, DjangoModelBackend):
    """Django's backend, first in ``AUTHENTICATION_BACKENDS``, with the person read as above."""


class AuthenticationBackend(_SignedInRead, AllauthBackend):
    """allauth's backend (its sign-in by email and password), with the person read as above."""
