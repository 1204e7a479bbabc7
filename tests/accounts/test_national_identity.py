"""Signing in through a national identity provider (OpenID Connect), set up by configuration
only. The provider is a real HTTP server on this machine that speaks the protocol; allauth's
own code talks to it."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from allauth.account.models import EmailAddress
from cryptography.hazmat.primitives.asymmetric import rsa

from portal.accounts.models import User
from tests.factories import UserFactory

CLIENT_ID = "onedoor-portal"
CLIENT_SECRET = "client-secret-for-tests"


class FakeIdentityProvider(ThreadingHTTPServer):
    """Discovery, token, userinfo and keys endpoints of an OpenID Connect provider that has
    just authenticated ``person`` and handed out the code ``the-code``."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.person = {}
        self.token_requests: list[dict] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def _json(self, payload, status=200):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                path = urlparse(self.path).path
                if path == "/.well-known/openid-configuration":
                    self._json(provider.configuration)
                elif path == "/jwks":
                    public = json.loads(
                        jwt.algorithms.RSAAlgorithm.to_jwk(provider.key.public_key())
                    )
                    self._json({"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]})
                elif path == "/userinfo":
                    if self.headers.get("Authorization") != "Bearer access-token":
                        self._json({"error": "invalid_token"}, 401)
                    else:
                        self._json(provider.person)
                else:
                    self._json({"error": "not_found"}, 404)

            def do_POST(self):
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                provider.token_requests.append(form)
                if form.get("code") != ["the-code"] or form.get("client_secret") != [CLIENT_SECRET]:
                    self._json({"error": "invalid_grant"}, 400)
                    return
                now = int(time.time())
                id_token = jwt.encode(
                    {
                        "iss": provider.issuer,
                        "aud": CLIENT_ID,
                        "sub": provider.person["sub"],
                        "iat": now,
                        "exp": now + 300,
                    },
                    provider.key,
                    algorithm="RS256",
                    headers={"kid": "k1"},
                )
                self._json(
                    {
                        "access_token": "access-token",
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": id_token,
                    }
                )

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def configuration(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
        }


@pytest.fixture
def identity_provider(settings):
    server = FakeIdentityProvider()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "national-id",
                    "name": "LaoKYC",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": server.issuer, "scope": ["openid", "email"]},
                }
            ],
        }
    }
    yield server
    server.shutdown()
    server.server_close()


def sign_in_through_the_provider(client, language="en"):
    """From the portal's sign-in page to the provider and back; the provider's answer."""
    page = client.get(f"/{language}/accounts/login/").content.decode()
    start = f"/{language}/accounts/oidc/national-id/login/?process=login"
    assert f'href="{start}"' in page.replace("&amp;", "&")
    client.get(start)
    to_provider = client.post(start)
    location = urlparse(to_provider["Location"])
    query = parse_qs(location.query)
    return location, query


@pytest.mark.django_db
def test_no_provider_configured_no_button(client):
    assert "digital identity" not in client.get("/en/accounts/login/").content.decode()


@pytest.mark.django_db
def test_a_citizen_signs_in_with_the_national_identity_and_gets_an_account(
    client, identity_provider
):
    identity_provider.person = {
        "sub": "LA-0123456789",
        "email": "Somchai.P@example.la",
        "email_verified": True,
        "given_name": "Somchai",
        "family_name": "Phommachanh",
        "phone_number": "+856 20 5555 1234",
        "phone_number_verified": True,
    }
    location, query = sign_in_through_the_provider(client, language="lo")
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        f"{identity_provider.issuer}/authorize"
    )
    assert query["client_id"] == [CLIENT_ID]
    assert query["code_challenge_method"] == ["S256"]  # PKCE
    # One callback address to register at the provider, whatever the language.
    assert query["redirect_uri"] == ["http://testserver/accounts/oidc/national-id/login/callback/"]

    back = client.get(
        "/accounts/oidc/national-id/login/callback/",
        {"code": "the-code", "state": query["state"][0]},
    )
    assert back.status_code == 302, back.content.decode()[:3000]
    assert identity_provider.token_requests[0]["code_verifier"]
    user = User.objects.get(email__iexact="somchai.p@example.la")
    assert (user.first_name, user.last_name, user.phone) == (
        "Somchai",
        "Phommachanh",
        "+8562055551234",
    )
    assert EmailAddress.objects.get(user=user).verified
    assert not user.has_usable_password()
    assert client.get("/en/my/applications/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_state_signs_nobody_in(client, identity_provider):
    identity_provider.person = {"sub": "LA-1", "email": "a@example.la", "email_verified": True}
    _location, _query = sign_in_through_the_provider(client)
    response = client.get(
        "/accounts/oidc/national-id/login/callback/", {"code": "the-code", "state": "forged"}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 401 and not User.objects.exists()
    assert "Signing in through the identity service failed" in response.content.decode()


@pytest.mark.django_db
def test_an_identity_with_the_email_of_an_existing_account_does_not_take_it_over(
    client, identity_provider
):
    existing = UserFactory(email="noy@example.la")
    identity_provider.person = {"sub": "LA-2", "email": "noy@example.la", "email_verified": True}
    _location, query = sign_in_through_the_provider(client)
    client.get(
        "/accounts/oidc/national-id/login/callback/",
        {"code": "the-code", "state": query["state"][0]},
    )
    assert client.session.get("_auth_user_id") != str(existing.pk)
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_an_email_the_provider_calls_verified_only_in_words_must_be_confirmed(
    client, identity_provider, mailoutbox
):
    identity_provider.person = {
        "sub": "LA-3",
        "email": "dara@example.la",
        "email_verified": "false",
    }
    _location, query = sign_in_through_the_provider(client)
    client.get(
        "/accounts/oidc/national-id/login/callback/",
        {"code": "the-code", "state": query["state"][0]},
    )
    address = EmailAddress.objects.get(email="dara@example.la")
    assert not address.verified
    assert "_auth_user_id" not in client.session  # not until the address is confirmed
    assert "confirm-email" in mailoutbox[-1].body


@pytest.mark.django_db
def test_a_national_identity_account_is_not_opened_by_a_guest_email_code(
    client, identity_provider, mailoutbox
):
    from allauth.socialaccount.models import SocialAccount

    from portal.applications.guests import _full_account

    user = UserFactory(email="somchai@example.la")
    user.set_unusable_password()
    user.save()
    assert not _full_account(user)
    SocialAccount.objects.create(user=user, provider="national-id", uid="LA-0123456789")
    assert _full_account(user)


@pytest.mark.django_db
def test_who_signs_in_with_the_national_identity_signs_in_again_before_deleting_their_account(
    client, identity_provider
):
    """Without a password, a recent sign-in through the provider stands for "it is me"; an
    older one sends the person through the provider again, and back."""
    identity_provider.person = {
        "sub": "LA-0123456789",
        "email": "somchai.p@example.la",
        "email_verified": True,
    }
    _location, query = sign_in_through_the_provider(client)
    client.get(
        "/accounts/oidc/national-id/login/callback/",
        {"code": "the-code", "state": query["state"][0]},
    )
    user = User.objects.get(email="somchai.p@example.la")
    assert not user.has_usable_password()
    assert client.get("/en/my/account/delete/").status_code == 200  # signed in a moment ago

    session = client.session  # an hour later
    records = session["account_authentication_methods"]
    for record in records:
        record["at"] -= 3600
    session["account_authentication_methods"] = records
    session.save()
    asked = client.get("/en/my/account/delete/")
    assert asked.status_code == 302
    assert asked["Location"] == (
        "/en/accounts/oidc/national-id/login/?process=login&next=%2Fen%2Fmy%2Faccount%2Fdelete%2F"
    )
    assert client.post("/en/my/account/delete/").status_code == 302
    assert User.objects.get(pk=user.pk).is_active  # nothing deleted without the step

    to_provider = client.post(asked["Location"])
    query = parse_qs(urlparse(to_provider["Location"]).query)
    back = client.get(
        "/accounts/oidc/national-id/login/callback/",
        {"code": "the-code", "state": query["state"][0]},
    )
    assert back["Location"] == "/en/my/account/delete/"
    assert client.get("/en/my/account/delete/").status_code == 200
    assert client.post("/en/my/account/delete/").status_code == 302
    assert not User.objects.filter(email="somchai.p@example.la").exists()
