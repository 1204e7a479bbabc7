"""Removing applications' personal data (the scheduled purge, and a manager's removal on
request) changes no figure of the dashboards or of the public statistics."""

import pytest
from django.core.cache import cache

from portal.applications.models import Application
from portal.applications.retention import (
    application_personal_data_remove,
    applications_retention_purge,
)
from portal.dashboard.facts import facts_sweep
from tests.dashboard.conftest import OCTOBER
from tests.dashboard.test_figures import manager, table

TABLES = (
    "volumes_by_service",
    "volumes_per_day",
    "standard_per_service",
    "standard_per_stage",
    "ratings",
    "satisfaction_per_service",
    "officers_per_day",
    "revenue_total",
)


@pytest.mark.django_db
def test_figures_stay_when_personal_data_is_removed(client, world, october, settings):
    national = manager(national=True)
    client.force_login(national)
    dashboard = {name: table(client, OCTOBER, name) for name in TABLES}
    client.logout()
    public = client.get("/en/statistics/figures.csv").content

    settings.PERSONAL_DATA_RETENTION_DAYS = 0
    # A manager removes A1's on request; the schedule takes A2 (its result in force keeps
    # only its holder's name), A3 (rejected) and A5 (withdrawn).
    assert application_personal_data_remove(
        application=october["a1"], user=world["officer"], reason="Asked by the applicant"
    )
    assert applications_retention_purge(retention_by_page={}) == 3
    assert Application.objects.filter(personal_data_purged_at__isnull=False).count() == 4
    facts_sweep()

    cache.clear()  # count again, not from what was kept a minute
    assert client.get("/en/statistics/figures.csv").content == public
    client.force_login(national)
    assert {name: table(client, OCTOBER, name) for name in TABLES} == dashboard
