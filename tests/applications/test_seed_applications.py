"""`manage.py seed_applications` writes fake cases: never into a production database by mistake."""

import io

import pytest
from django.core.management import CommandError, call_command

from portal.applications.models import Application
from tests.factories import OfficeFactory


@pytest.mark.django_db
def test_seeding_refuses_with_debug_off_unless_told_it_is_not_production(settings, service):
    OfficeFactory()
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--not-production"):
        call_command("seed_applications", 5, stdout=io.StringIO())
    assert not Application.objects.exists()

    call_command("seed_applications", 5, "--not-production", stdout=io.StringIO())
    assert Application.objects.count() == 5
