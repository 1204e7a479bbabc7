"""Where allauth sends people after signing in and out, and how it makes our users from a
national identity provider's answer (OpenID Connect)."""

import contextlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.core.exceptions import ValidationError
from django.utils.translation import get_language

from portal.core.phone import phone_normalise


def _home_in_reader_language(url: str) -> str:
    """The home page ("/") in the language of the page the person was on: the bare address
    would pick the browser's language, and a Lao reader would land on the English home."""
    return f"/{get_language()}/" if url == "/" else url


class AccountAdapter(DefaultAccountAdapter):
    def pre_login(self, request, user, **kwargs):
        """A service account (an API client's) never signs in, however it was found: allauth
        lets a right password through to here even when the backends refuse the user."""
        if getattr(user, "is_service_account", False):
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            return self.respond_user_inactive(request, user)
        return super().pre_login(request, user, **kwargs)

    def get_login_redirect_url(self, request):
        return _home_in_reader_language(super().get_login_redirect_url(request))

    def get_logout_redirect_url(self, request):
        return _home_in_reader_language(super().get_logout_redirect_url(request))


def _claims(sociallogin) -> dict:
    data = sociallogin.account.extra_data
    return data.get("userinfo") or data.get("id_token") or data


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request, sociallogin):
        """An email counts as verified only when the provider says so with a JSON true (some
        send the string "false", which allauth would take for yes)."""
        verified = _claims(sociallogin).get("email_verified") is True
        for address in sociallogin.email_addresses:
            address.verified = address.verified and verified
        super().pre_social_login(request, sociallogin)

    def populate_user(self, request, sociallogin, data):
        """Name and email as allauth takes them; and the phone number, when the provider says
        it verified it (the ``phone_number`` and ``phone_number_verified`` claims)."""
        user = super().populate_user(request, sociallogin, data)
        claims = _claims(sociallogin)
        if claims.get("phone_number") and claims.get("phone_number_verified") is True:
            # A number we cannot read is not worth refusing the sign-in for.
            with contextlib.suppress(ValidationError):
                user.phone = phone_normalise(str(claims["phone_number"]))
        return user
