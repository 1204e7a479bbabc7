"""Editing a workflow in the admin (Settings → Workflows) keeps the history of applications:
a stage that applications or their events use is archived, not deleted, and the history keeps
each stage's name as it was."""

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from portal.applications.models import Application, Event, Stage, Workflow
from portal.applications.workflow import application_forward
from tests.factories import OfficeFactory, OfficerFactory, submit_application


def registrar(office):
    user = OfficerFactory(offices=[office])
    user.groups.add(Group.objects.get(name="Registration officers"))
    return user


def edit_url(workflow) -> str:
    return f"/admin/snippets/applications/workflow/edit/{workflow.pk}/"


def workflow_form(workflow, *, delete=(), rename=None) -> dict:
    """The edit form as the admin posts it: every stage in order, some marked deleted, some
    renamed (``rename``: {old name: new name})."""
    rename = rename or {}
    stages = list(workflow.stages.order_by("sort_order"))
    forms = []
    for order, stage in enumerate(stages):
        form = {
            "id": stage.pk,
            "ORDER": order,
            "name": rename.get(stage.name, stage.name),
            "kind": stage.kind,
            "name_lo": stage.name_lo,
            "name_km": stage.name_km,
            "group": stage.group_id,
            "office": stage.office_id or "",
            "sla_days": stage.sla_days,
        }
        for flag in ("can_return", "can_refer", "can_reject", "archived"):
            if getattr(stage, flag):
                form[flag] = "on"
        if stage.name in delete:
            form["DELETE"] = "1"
        forms.append(form)
    return nested_form_data(
        {
            "name": workflow.name,
            "description": workflow.description,
            "is_default": "on" if workflow.is_default else "",
            "stages": inline_formset(forms, initial=len(forms)),
        }
    )


@pytest.fixture
def office(db):
    return OfficeFactory()


@pytest.fixture
def workflow(db):
    return Workflow.objects.get(is_default=True)


@pytest.mark.django_db
def test_a_stage_applications_sit_at_is_archived_and_the_editor_is_told_why(
    client, admin_user, service_page, office, workflow
):
    application = submit_application(service_page, office=office)
    assert application.stage.name == "Registration"
    client.force_login(admin_user)

    response = client.post(edit_url(workflow), workflow_form(workflow, delete={"Registration"}))

    assert response.status_code == 302
    stage = Stage.objects.get(pk=application.stage_id)
    assert stage.archived
    page = client.get(response["Location"]).content.decode()
    assert "Registration" in page and "archived" in page
    assert "applications or their history use it" in page
    # The application stays where it is, and its page still opens.
    officer = registrar(office)
    client.force_login(officer)
    assert client.get(f"/admin/applications/inspect/{application.pk}/").status_code == 200


@pytest.mark.django_db
def test_a_stage_only_past_events_name_is_archived_and_they_keep_it(
    client, admin_user, service_page, office, workflow
):
    application = submit_application(service_page, office=office)
    application = application_forward(
        application=application, officer=registrar(office), expected_version=application.version
    )
    assert application.stage.name == "Cashier"
    client.force_login(admin_user)

    client.post(edit_url(workflow), workflow_form(workflow, delete={"Registration"}))

    forwarded = Event.objects.get(application=application, kind=Event.Kind.FORWARDED)
    assert forwarded.from_stage is not None and forwarded.from_stage.archived
    assert forwarded.from_stage_name == "Registration"


@pytest.mark.django_db
def test_a_stage_nothing_uses_is_deleted(client, admin_user, workflow):
    client.force_login(admin_user)

    response = client.post(
        edit_url(workflow), workflow_form(workflow, delete={"Returned to the customer"})
    )

    assert response.status_code == 302
    assert not workflow.stages.filter(name="Returned to the customer").exists()
    page = client.get(response["Location"]).content.decode()
    assert "archived" not in page


@pytest.mark.django_db
def test_the_history_keeps_a_stage_name_as_it_was_when_the_stage_is_renamed(
    client, admin_user, service_page, office, workflow
):
    application = submit_application(service_page, office=office)
    officer = registrar(office)
    application_forward(
        application=application, officer=officer, expected_version=application.version
    )
    client.force_login(admin_user)

    client.post(edit_url(workflow), workflow_form(workflow, rename={"Cashier": "Fee desk"}))

    assert workflow.stages.filter(name="Fee desk").exists()
    client.force_login(officer)
    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert "→ Cashier" in page


@pytest.mark.django_db
def test_no_application_enters_an_archived_stage_and_those_at_it_move_on(
    client, admin_user, service_page, office, workflow
):
    at_cashier = submit_application(service_page, office=office)
    at_cashier = application_forward(
        application=at_cashier, officer=registrar(office), expected_version=at_cashier.version
    )
    waiting = submit_application(service_page, office=office)
    client.force_login(admin_user)
    client.post(edit_url(workflow), workflow_form(workflow, delete={"Cashier"}))
    assert Stage.objects.get(pk=at_cashier.stage_id).archived

    # The archived stage keeps its place: the one at Registration skips it.
    moved = application_forward(
        application=waiting, officer=registrar(office), expected_version=waiting.version
    )
    assert moved.stage.name == "Office chief's check"
    assert moved.status == Application.Status.IN_REVIEW


@pytest.mark.django_db
def test_a_new_application_starts_at_the_first_stage_not_archived(
    client, admin_user, service_page, office, workflow
):
    first = submit_application(service_page, office=office)
    client.force_login(admin_user)
    client.post(edit_url(workflow), workflow_form(workflow, delete={"Registration"}))

    second = submit_application(service_page, office=office)

    assert first.stage.name == "Registration"
    assert second.stage.name != "Registration"
    assert not second.stage.archived
