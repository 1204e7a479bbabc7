"""How allauth makes our users from a national identity provider's answer (OpenID Connect)."""

import contextlib

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.core.exceptions import ValidationError

from portal.core.phone import phone_normalise


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request, sociallogin, data):
        """Name and email as allauth takes them; and the phone number, when the provider says
        it verified it (the ``phone_number`` and ``phone_number_verified`` claims)."""
        user = super().populate_user(request, sociallogin, data)
        claims = sociallogin.account.extra_data
        claims = claims.get("userinfo") or claims.get("id_token") or claims
        if claims.get("phone_number") and claims.get("phone_number_verified"):
            # A number we cannot read is not worth refusing the sign-in for.
            with contextlib.suppress(ValidationError):
                user.phone = phone_normalise(str(claims["phone_number"]))
        return user
