"""Admins assign officers to the offices they serve, in the Wagtail admin's user form."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import OfficeFactory, OfficerFactory


@pytest.mark.django_db
def test_an_admin_gives_an_officer_offices_and_groups(client, admin_user):
    vientiane, luang_prabang = OfficeFactory(), OfficeFactory()
    officer = OfficerFactory()
    client.force_login(admin_user)
    page = client.get(f"/admin/users/edit/{officer.pk}/").content.decode()
    assert "Offices served" in page and vientiane.name in page
    group = Group.objects.get(name="Registration officers")
    response = client.post(
        f"/admin/users/edit/{officer.pk}/",
        {
            "email": officer.email,
            "first_name": officer.first_name,
            "last_name": officer.last_name,
            "phone": "+856 20 5555 1234",
            "offices": [vientiane.pk, luang_prabang.pk],
            "groups": [group.pk, *officer.groups.values_list("pk", flat=True)],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    officer.refresh_from_db()
    assert set(officer.offices.all()) == {vientiane, luang_prabang}
    assert officer.groups.filter(pk=group.pk).exists()
    assert officer.phone == "+8562055551234"
    assert client.get("/admin/users/").status_code == 200
