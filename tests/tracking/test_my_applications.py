import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.applications.models import Application
from tests.factories import ApplicationFactory, CompanyFactory, UserFactory, company_member


@pytest.mark.django_db
def test_applicants_see_their_own_applications_only(client):
    mine = ApplicationFactory()
    theirs = ApplicationFactory()
    client.force_login(mine.applicant)
    html = client.get("/en/my/applications/").content.decode()
    assert mine.reference in html
    assert theirs.reference not in html
    assert client.get(f"/en/my/applications/{mine.reference}/").status_code == 200
    assert client.get(f"/en/my/applications/{theirs.reference}/").status_code == 404


@pytest.mark.django_db
def test_my_applications_asks_to_sign_in(client):
    UserFactory()
    response = client.get("/en/my/applications/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/my/applications/"


@pytest.mark.django_db
def test_the_list_is_sorted_by_need_and_names_services_in_the_readers_language(
    client, service_page
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.applications.models import Application
    from tests.factories import submit_application, translate_service

    translate_service(service_page, "lo", "ການຈົດທະບຽນວິສາຫະກິດ")

    applicant = UserFactory()
    waiting = submit_application(service_page, applicant=applicant)
    done = submit_application(service_page, applicant=applicant)
    Application.objects.filter(pk=waiting.pk).update(status=Application.Status.ACTION_REQUIRED)
    Application.objects.filter(pk=done.pk).update(status=Application.Status.COMPLETED)
    client.force_login(applicant)
    client.get("/lo/my/applications/")  # the session's first visit writes its times once

    def queries():
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/lo/my/applications/").content.decode()
        return len(captured), html

    few, _html = queries()
    for _ in range(5):
        submit_application(service_page, applicant=applicant)
    many, html = queries()
    assert few == many <= 12, (few, many)  # however many applications there are
    assert html.count("ການຈົດທະບຽນວິສາຫະກິດ") == 7
    assert html.index(waiting.reference) < html.index(done.reference)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "١٢", "-1", "+1", "1.0", "1e3", " 1", "abc", "9" * 25])
def test_a_company_that_cannot_exist_in_the_address_is_not_found(client, value):
    client.force_login(UserFactory())
    assert client.get("/en/my/applications/", {"company": value}).status_code == 404


@pytest.mark.django_db
def test_no_company_in_the_address_shows_the_persons_own_list(client):
    mine = ApplicationFactory()
    client.force_login(mine.applicant)
    response = client.get("/en/my/applications/", {"company": ""})
    assert response.status_code == 200
    assert mine.reference in response.content.decode()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans")
def test_a_persons_applications_are_sought_by_applicant_and_company_never_read_all(client):
    """A person's own applications and their companies' are two sets, each sought by its
    index, not one condition with an OR: PostgreSQL could seek neither side of that OR and read
    all of a million applications (SQLite sought it as "MULTI-INDEX OR"). The list, one
    company's list and one application are read by index, never by scanning the table."""
    company = CompanyFactory()
    person = company_member(company)
    mine = ApplicationFactory(applicant=person)
    ours = ApplicationFactory(company=company)
    draft = ApplicationFactory(company=company, status=Application.Status.DRAFT)
    ApplicationFactory.create_batch(3)
    client.force_login(person)
    client.get("/en/my/applications/")  # the session's first visit writes its times once
    for address, shown in (
        ("/en/my/applications/", {mine, ours}),
        (f"/en/my/applications/?company={company.pk}", {ours}),
        (f"/en/my/applications/{ours.reference}/", {ours}),
    ):
        with CaptureQueriesContext(connection) as captured:
            html = client.get(address).content.decode()
        assert {a for a in (mine, ours, draft) if a.reference in html} == shown, address
        for query in captured.captured_queries:
            if "applications_application" not in query["sql"]:
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
                plan = [row[-1] for row in cursor.fetchall()]
            shown_plan = "\n".join([address, query["sql"], *plan])
            assert not any(step.startswith("SCAN") for step in plan), shown_plan
            assert not any("MULTI-INDEX OR" in step for step in plan), shown_plan
