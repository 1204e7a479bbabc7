"""A client's account exists only to act through the API: it never signs in (not with a
password someone gives it, nor with a session made for it), is never offered as an officer to
assign to, nor counted among the officers, and is not in the admin's list of users (it is
managed on the API clients' page)."""

import datetime
import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from portal.applications.models import Event
from portal.dashboard import selectors as dashboard
from portal.dashboard.facts import facts_sweep
from tests.api.conftest import at_stage, bearer, make_client
from tests.factories import OfficerFactory


@pytest.mark.django_db
def test_a_clients_account_never_signs_in(client, office_a):
    api_client, key = make_client(office_a, groups=["Registration officers"])
    user = api_client.user
    assert not user.has_usable_password()
    assert user.is_service_account

    # Even with a password given to it by mistake.
    user.set_password("correct horse battery")
    user.save()
    client.post(
        reverse("account_login"), {"login": user.email, "password": "correct horse battery"}
    )
    assert "_auth_user_id" not in client.session

    # A session made for it holds nothing.
    client.force_login(user)
    assert client.get("/admin/").status_code == 302
    assert client.get("/api/v1/me/applications").status_code == 401
    # Its key still works.
    client.logout()
    assert client.get("/api/v1/applications", **bearer(key)).status_code == 200


@pytest.mark.django_db
def test_a_clients_account_is_never_an_officer_to_assign_to(client, application_a, office_a):
    api_client, _key = make_client(office_a, groups=["Registration officers"])
    at_stage(application_a, "Registration")
    chief = OfficerFactory(offices=[office_a])
    chief.groups.add(*api_client.user.groups.all())
    chief.user_permissions.add(Permission.objects.get(codename="assign_application"))
    clerk = OfficerFactory(offices=[office_a], first_name="Clerk")
    clerk.groups.add(*api_client.user.groups.all())
    client.force_login(chief)
    url = f"/admin/applications/{application_a.pk}/act/assign/"
    page = client.get(url).content.decode()
    assert str(clerk) in page and str(api_client.user) not in page
    refused = client.post(url, {"version": application_a.version, "officer": api_client.user.pk})
    assert refused.status_code == 200
    application_a.refresh_from_db()
    assert application_a.assignee is None


@pytest.mark.django_db
def test_a_clients_account_is_not_among_the_officers_of_the_dashboard(
    client, application_a, office_a
):
    api_client, key = make_client(office_a, groups=["Registration officers"])
    at_stage(application_a, "Registration")
    moved = client.post(
        f"/api/v1/applications/{application_a.reference}/actions/claim",
        json.dumps({"version": application_a.version}),
        content_type="application/json",
        **bearer(key),
    )
    assert moved.status_code == 200, moved.content
    assert Event.objects.filter(actor=api_client.user).exists()
    application_a.refresh_from_db()
    assert application_a.assignee == api_client.user
    facts_sweep()
    today = timezone.localdate()
    selection = dashboard.Selection(
        start=today - datetime.timedelta(days=2), end=today + datetime.timedelta(days=2)
    )
    people = dashboard.officers(selection)["people"]
    assert api_client.user.pk not in {row["officer_id"] for row in people}


@pytest.mark.django_db
def test_the_users_list_leaves_clients_accounts_to_their_own_page(client, admin_user, office_a):
    api_client, _key = make_client(office_a)
    client.force_login(admin_user)
    listing = client.get("/admin/users/").content.decode()
    assert api_client.user.email not in listing
    assert client.get(f"/admin/users/edit/{api_client.user.pk}/").status_code == 404
    assert client.get(f"/admin/users/delete/{api_client.user.pk}/").status_code == 404
