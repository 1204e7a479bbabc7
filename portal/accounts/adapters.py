"""How allauth makes our users from a national identity provider's answer (OpenID Connect)."""

import contextlib

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.core.exceptions import ValidationError

from portal.core.phone import phone_normalise


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
