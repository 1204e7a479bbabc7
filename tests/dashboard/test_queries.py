"""The dashboards and the public statistics count in the database: as many queries at
100,000 applications (with their events, payments, ratings) as at 10."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.dashboard.models import CaseFact
from tests.conftest import managers_group
from tests.factories import OfficeFactory, UserFactory, give_totp


def seed(count: int) -> None:
    out = io.StringIO()
    call_command("seed_applications", count, "--not-production", stdout=out)
    call_command("seed_statistics", "--not-production", stdout=out)


@pytest.mark.django_db
def test_the_dashboards_take_as_many_queries_at_100000_applications_as_at_10(
    client, service_page, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # count the page's own work every time
    settings.DASHBOARD_CACHE_SECONDS = 0  # and its figures' work
    OfficeFactory(name="Xaysetha District")
    manager = UserFactory(email="manager@onedoor.example")
    manager.groups.add(managers_group("National managers"))
    give_totp(manager)
    client.force_login(manager)
    pages = [
        "/admin/dashboard/?period=year",
        "/admin/dashboard/?period=year&channel=counter",
        "/admin/",
        "/en/statistics/",
        "/en/statistics/figures.json",
    ]

    def queries() -> list[int]:
        counts = []
        for url in pages:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200, url
            counts.append(len(captured))
        return counts

    # The first visits write once what later ones read: the session's times, the portal's
    # country settings (made when first asked for).
    for url in pages:
        client.get(url)
    seed(10)
    queries()  # what a first visit after a long pause reads once
    few = queries()
    seed(100_000)
    assert CaseFact.objects.count() == 100_010
    queries()
    many = queries()
    assert few == many


@pytest.mark.django_db
def test_a_choice_counted_a_moment_ago_is_not_counted_again(client, service_page, settings):
    """Managers opening the same dashboard within the minute share one count of its figures:
    the second visit reads them (a few queries, the same figures, the same time said)."""
    settings.DASHBOARD_CACHE_SECONDS = 60
    OfficeFactory(name="Xaysetha District")
    seed(10)
    managers = []
    for email in ("one@onedoor.example", "two@onedoor.example"):
        manager = UserFactory(email=email)
        manager.groups.add(managers_group("National managers"))
        give_totp(manager)
        managers.append(manager)
    seen = []
    for manager in managers:
        client.force_login(manager)
        client.get("/admin/")  # the session's first visit writes its times
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/admin/dashboard/?period=year")
        assert response.status_code == 200
        main = response.content.decode().split("<main", 1)[1]
        seen.append((len(captured), main))
    (first, first_page), (second, second_page) = seen
    assert "Figures as they stood at" in first_page
    assert second_page == first_page
    assert second < first - 10, (first, second)
