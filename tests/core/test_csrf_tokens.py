"""CSRF secrets and masks are drawn with one system call (portal.core.csrf_tokens), as uniform
as Django's own, and Django's CSRF protection still works with them."""

import os
import re
from collections import Counter
from unittest import mock

import pytest
from django.middleware import csrf
from django.test import Client, RequestFactory

from portal.core.csrf_tokens import random_csrf_string


def test_django_draws_its_csrf_secrets_and_masks_with_ours():
    assert csrf._get_new_csrf_string is random_csrf_string
    request = RequestFactory().get("/")
    with mock.patch("portal.core.csrf_tokens.os.urandom", wraps=os.urandom) as urandom:
        token = csrf.get_token(request)  # a new secret, and its mask
        again = csrf.get_token(request)  # another mask of the same secret
    assert urandom.call_count == 3
    assert token != again
    assert len(token) == csrf.CSRF_TOKEN_LENGTH
    secret = request.META["CSRF_COOKIE"]
    assert csrf._unmask_cipher_token(token) == csrf._unmask_cipher_token(again) == secret


def test_each_character_is_as_likely_as_the_others():
    counts = Counter("".join(random_csrf_string() for _ in range(20_000)))
    assert set(counts) == set(csrf.CSRF_ALLOWED_CHARS)
    expected = 20_000 * csrf.CSRF_SECRET_LENGTH / len(csrf.CSRF_ALLOWED_CHARS)  # about 10,300
    # Ten standard deviations either side: a bias of the folded bytes (a fifth more often for
    # eight of the characters) would show; chance alone will not.
    assert all(abs(count - expected) < 1_000 for count in counts.values())


def test_bytes_that_would_favour_some_characters_are_skipped():
    draws = iter([bytes([248, 255, 0, 61] * 12), bytes([62] * 48)])
    with mock.patch("portal.core.csrf_tokens.os.urandom", side_effect=lambda n: next(draws)):
        drawn = random_csrf_string()
    # 248 and 255 skipped; 0 and 61 kept (24 characters), then 62 (as 0) for the rest.
    assert drawn == "a9" * 12 + "a" * 8


@pytest.mark.django_db
def test_the_menu_s_sign_out_form_is_accepted_with_its_token_and_refused_without(citizen):
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(citizen)
    page = reader.get("/en/my/applications/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert reader.post("/en/accounts/logout/", {}).status_code == 403
    signed_out = reader.post("/en/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert signed_out.status_code == 302
    assert reader.get("/en/my/applications/").status_code == 302  # to sign in
