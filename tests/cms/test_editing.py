"""Editors work in the Wagtail admin; without publish permission they submit for moderation."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState

from tests.factories import UserFactory, give_totp


@pytest.fixture
def editor(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    give_totp(user)
    return user


@pytest.mark.django_db
def test_an_editor_can_edit_but_not_publish_a_service(client, editor, service_page):
    permissions = service_page.permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert permissions.can_submit_for_moderation()

    client.force_login(editor)
    html = client.get(f"/admin/pages/{service_page.pk}/edit/").content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


@pytest.mark.django_db
def test_an_editors_change_waits_for_a_moderator(client, editor, service_page):
    service_page.title = "Enterprise registration (new rules)"
    revision = service_page.save_revision(user=editor)
    workflow = service_page.get_workflow()
    assert workflow.name == "Moderators approval"
    workflow.start(service_page, editor)

    state = WorkflowState.objects.get(
        base_content_type__isnull=False, object_id=str(service_page.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    service_page.refresh_from_db()
    assert service_page.live_revision_id != revision.pk
    assert "new rules" not in client.get(service_page.url).content.decode()


@pytest.mark.django_db
def test_editors_see_preview_and_scheduling(client, editor, service_page):
    client.force_login(editor)
    html = client.get(f"/admin/pages/{service_page.pk}/edit/").content.decode()
    assert "go_live_at" in html
    assert 'data-side-panel="preview"' in html
    assert f'data-w-preview-url-value="/admin/pages/{service_page.pk}/edit/preview/"' in html


@pytest.mark.django_db
def test_an_editor_translates_a_service_into_lao(client, editor, service_page):
    from django.contrib.auth.models import Permission
    from wagtail.models import Locale

    lao = Locale.objects.create(language_code="lo")
    editor.groups.get(name="Editors").permissions.add(
        Permission.objects.get(codename="submit_translation")
    )
    client.force_login(editor)
    home = service_page.get_parent().get_parent()
    response = client.post(
        f"/admin/translation/submit/page/{home.pk}/",
        {"locales": [lao.pk], "include_subtree": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    translation = service_page.get_translation(lao).specific
    assert translation.title == service_page.title
    assert translation.url.startswith("/lo/")
    assert client.get(f"/admin/pages/{translation.pk}/edit/").status_code == 200
