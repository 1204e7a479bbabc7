"""Clients of the API, offices and applications for the API's tests."""

import pytest
from django.contrib.auth.models import Group

from portal.api.models import Scope
from portal.api.services import api_client_create
from portal.applications.models import Application, Stage
from tests.factories import OfficeFactory, submit_application

ALL_SCOPES = [Scope.APPLICATIONS_READ, Scope.DOCUMENTS_READ, Scope.APPLICATIONS_WRITE]


@pytest.fixture
def office_a(db):
    return OfficeFactory(name="Xaysetha District")


@pytest.fixture
def office_b(db):
    return OfficeFactory(name="Chanthabouly District")


def make_client(*offices, scopes=ALL_SCOPES, groups=(), name="Tax branch system", **kwargs):
    """A registered client and its key."""
    return api_client_create(
        name=name,
        scopes=list(scopes),
        offices=list(offices),
        groups=[Group.objects.get(name=group) for group in groups],
        **kwargs,
    )


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def application_a(service_page, office_a):
    return submit_application(service_page, office=office_a)


@pytest.fixture
def application_b(service_page, office_b):
    return submit_application(service_page, office=office_b)


def at_stage(application: Application, name: str, status=Application.Status.IN_REVIEW):
    stage = Stage.objects.get(workflow=application.workflow, name=name)
    Application.objects.filter(pk=application.pk).update(stage=stage, status=status)
    application.refresh_from_db()
    return application
