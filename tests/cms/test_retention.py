"""An editor sets how long a service keeps its finished applications' personal data, on the
service's page in the admin; every language version has the same time; empty is the
portal's default."""

import pytest
from django.contrib.auth.models import Group

from cms.models import ServicePage
from cms.retention import retention_by_page
from tests.cms.page_form import page_edit_data
from tests.factories import UserFactory, give_totp, translate_service


@pytest.fixture
def publisher(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Moderators"))
    give_totp(user)
    return user


@pytest.mark.django_db
def test_an_editor_sets_a_services_retention_time_for_every_language(client, publisher, service):
    lao = translate_service(service, "lo", "ການຈົດທະບຽນວິສາຫະກິດ")
    client.force_login(publisher)
    form = client.get(f"/admin/pages/{service.pk}/edit/").content.decode()
    assert "personal data kept (days)" in form.lower()
    assert retention_by_page() == {}  # empty: the portal's default

    data = page_edit_data(service, publisher)
    data.update({"retention_days": "3650", "action-publish": "action-publish"})
    response = client.post(f"/admin/pages/{service.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ServicePage.objects.get(pk=service.pk).retention_days == 3650
    assert ServicePage.objects.get(pk=lao.pk).retention_days == 3650
    assert retention_by_page() == {service.pk: 3650, lao.pk: 3650}
    translation_form = client.get(f"/admin/pages/{lao.pk}/edit/").content.decode()
    assert "3650" in translation_form  # shown read-only, edited on the source page


@pytest.mark.django_db
def test_a_retention_time_under_30_days_is_refused_next_to_the_field(client, publisher, service):
    client.force_login(publisher)
    data = page_edit_data(service, publisher)
    data.update({"retention_days": "7", "action-publish": "action-publish"})
    response = client.post(f"/admin/pages/{service.pk}/edit/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Keep personal data at least 30 days" in html
    assert ServicePage.objects.get(pk=service.pk).retention_days is None
    data["retention_days"] = "30"
    assert client.post(f"/admin/pages/{service.pk}/edit/", data).status_code == 302
    assert ServicePage.objects.get(pk=service.pk).retention_days == 30
