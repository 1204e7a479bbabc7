"""Fixtures of the form engine's tests: a service with a three-step form, a signed-in citizen."""

import copy

import pytest

from tests.factories import UserFactory
from tests.forms.steps import THREE_STEPS


@pytest.fixture
def service(service_page):
    service_page.application_form = copy.deepcopy(THREE_STEPS)
    service_page.save_revision().publish()
    return service_page


@pytest.fixture
def citizen(client):
    user = UserFactory(email="somchai@example.org")
    client.force_login(user)
    return user
