"""The public statistics: no login, no personal data, small counts withheld, cached like the
catalogue, in every language, with open data as CSV and JSON."""

import csv
import io
import json
import uuid

import pytest

from portal.dashboard.public import months_back


@pytest.fixture(autouse=True)
def _page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def personal(october) -> list[str]:
    """What would point at a person: references, names, emails, answers, comments."""
    found = []
    for application in october.values():
        found += [application.reference, application.applicant.email]
        found += [str(value) for value in application.answers.values()]
    return [*found, "Quick and clear.", "Nobody explained why.", "Add the lease."]


@pytest.mark.django_db
def test_anyone_reads_the_figures_with_small_counts_withheld(client, october):
    page = client.get("/en/statistics/")
    assert page.status_code == 200
    html = page.content.decode()
    for text in personal(october):
        assert text not in html
    october_row = html.split("October 2026</th>")[1].split("</tr>")[0]
    # 6 received; 4 completed, 3 ratings and 3 payments are fewer than 5, and what they give.
    assert ">6<" in october_row
    assert october_row.count("fewer than 5") == 5  # completed, share, days, rating, fees
    service_rows = html.split("Per service</h2>")[1].split("Per sector</h2>")[0]
    assert "Business licence" in service_rows and "Transport permit" in service_rows
    assert ">4<" not in service_rows and ">2<" not in service_rows
    tables = html.split("Open data</h2>")[0]
    assert "LAK" not in tables  # three payments took money: fewer than five, no amount shown


@pytest.mark.django_db
def test_the_open_data_has_the_same_figures_and_nothing_personal(client, october):
    raw = client.get("/en/statistics/figures.csv")
    assert raw.status_code == 200 and raw["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(raw.content.decode())))
    month = next(row for row in rows if row["table"] == "per_month" and row["key"] == "2026-10")
    assert month["received"] == "6" and month["completed"] == "<5"
    assert month["revenue_LAK"] == "<5"
    services = {row["name"]: row for row in rows if row["table"] == "per_service"}
    assert services["Business licence"]["received"] == "<5"
    assert services["Business licence"]["key"] == str(october["a1"].service_page.translation_key)
    data = json.loads(client.get("/en/statistics/figures.json").content)
    assert set(data["columns"]) >= {"received", "completed", "within_standard", "average_days"}
    per_month = [row for row in data["rows"] if row["table"] == "per_month"]
    assert len(per_month) == 12
    assert next(row for row in per_month if row["key"] == "2026-10")["completed"] is None
    for text in personal(october):
        assert text not in raw.content.decode()
        assert text not in json.dumps(data, ensure_ascii=False)
    assert client.get("/en/statistics/figures.exe").status_code == 404


@pytest.mark.django_db
def test_five_or_more_are_shown_and_each_office_has_its_page(client, world, october):
    story = world["story"]
    for day in (12, 13, 14):
        application = story.submit(world["permit"], world["xaysetha"], october["a1"].submitted_at)
        story.to_decision(application, october["a1"].submitted_at)
        story.act(application, october["a1"].submitted_at.replace(day=day), "reject", message="No.")
    from portal.dashboard.facts import facts_sweep

    facts_sweep()
    xaysetha = world["xaysetha"].translation_key
    page = client.get(f"/en/statistics/{xaysetha}/").content.decode()
    assert "Xaysetha District" in page
    row = page.split("October 2026</th>")[1].split("</tr>")[0]
    # Xaysetha: received A1-A5 and the three new ones (8); completed A1, A2, A3 and 3 (6).
    assert ">8<" in row and ">6<" in row
    assert "Chanthabouly" not in page.split("Per month</h2>")[1].split("Open data</h2>")[0]
    everyone = client.get("/en/statistics/").content.decode()
    assert f"/en/statistics/{xaysetha}/" in everyone
    assert client.get(f"/en/statistics/{uuid.uuid4()}/").status_code == 404
    data = client.get(f"/en/statistics/{xaysetha}/figures.json")
    assert json.loads(data.content)["office"] == "Xaysetha District"


@pytest.mark.django_db
def test_the_page_is_cached_for_anonymous_readers_in_each_language(client, october):
    assert client.get("/en/statistics/")["X-Page-Cache"] == "miss"
    assert client.get("/en/statistics/")["X-Page-Cache"] == "hit"
    lao = client.get("/lo/statistics/")
    assert lao.status_code == 200 and 'lang="lo"' in lao.content.decode()
    assert client.get("/km/statistics/").status_code == 200


def test_twelve_months_back_crosses_the_year():
    import datetime

    assert months_back(datetime.date(2026, 12, 2)) == datetime.date(2026, 1, 1)
    assert months_back(datetime.date(2026, 3, 31)) == datetime.date(2025, 4, 1)


@pytest.mark.django_db
def test_each_portal_counts_only_its_own_services_and_offices(client, world, october):
    from wagtail.models import Page, Site

    from portal.dashboard.facts import facts_sweep
    from tests.factories import (
        HomePageFactory,
        OfficeFactory,
        SectorPageFactory,
        ServicePageFactory,
    )

    home = HomePageFactory(parent=Page.get_first_root_node(), slug="cambodia")
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, site_name="Cambodia")
    sector = SectorPageFactory(parent=home, slug="trade", title="Trade")
    patent = ServicePageFactory(parent=sector, slug="patent", title="Patent tax", fee=[])
    phnom_penh = OfficeFactory(name="Phnom Penh One Window", country="KH")
    story = world["story"]
    for _ in range(6):
        story.submit(patent, phnom_penh, october["a1"].submitted_at)
    facts_sweep()
    lao = client.get("/en/statistics/").content.decode()
    assert "Patent tax" not in lao and "Phnom Penh One Window" not in lao
    assert "Business licence" in lao
    cambodia = client.get("/en/statistics/", HTTP_HOST="127.0.0.1").content.decode()
    assert "Patent tax" in cambodia and "Business licence" not in cambodia
    assert "Phnom Penh One Window" in cambodia and "Xaysetha District" not in cambodia
    key = phnom_penh.translation_key
    assert client.get(f"/en/statistics/{key}/").status_code == 404
    assert client.get(f"/en/statistics/{key}/", HTTP_HOST="127.0.0.1").status_code == 200
