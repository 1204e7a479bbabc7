"""A service has one fee, workflow, service standard, set of channels and offices, whatever the
language its applicant reads: they are edited on the service's page in its source language and
the Lao and Khmer pages follow it at once, while their words stay their own."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages

from cms.models import ServicePage
from portal.applications.models import Application, Stage, Workflow
from portal.core.money import money_to_minor
from tests.cms.page_form import page_edit_data
from tests.factories import OfficeFactory, UserFactory, give_totp, translate_service
from tests.forms.steps import fill_all, submit


@pytest.fixture
def publisher(db):
    """An editor who may publish (Wagtail's moderators), with two-step verification."""
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Moderators"))
    give_totp(user)
    return user


@pytest.fixture
def lao(service):
    return translate_service(service, "lo", "ການຈົດທະບຽນວິສາຫະກິດ")


def edit(client, page, user, *, publish=True, **changes):
    """Post the page's admin edit form as an editor would, with some entries changed."""
    data = page_edit_data(page, user)
    data.update(changes)
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def fast_track():
    workflow = Workflow.objects.create(name="Fast track")
    Stage.objects.create(
        workflow=workflow,
        name="Decision",
        kind=Stage.Kind.DECISION,
        group=Group.objects.get_or_create(name="Decision-makers")[0],
    )
    return workflow


def fresh(page) -> ServicePage:
    return ServicePage.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_a_fee_changed_in_english_is_what_the_lao_applicant_pays_and_how_it_is_routed(
    client, publisher, service, lao
):
    office, workflow = OfficeFactory(), fast_track()
    client.force_login(publisher)
    response = edit(
        client,
        service,
        publisher,
        **{
            "fee-0-value-amount": "80000",
            "fee_due": "approval",
            "service_standard_days": 3,
            "workflow": workflow.pk,
            "office_links-TOTAL_FORMS": 1,
            "office_links-0-office": office.pk,
            "office_links-0-id": "",
            "office_links-0-ORDER": 1,
            "office_links-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    told = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "copied to the Lao page" in told

    english, lao = fresh(service), fresh(lao)
    assert lao.fee_snapshot() == english.fee_snapshot()
    assert lao.fee_snapshot()["total"] == money_to_minor("80000", "LAK")
    assert lao.fee_snapshot()["due"] == "approval"
    assert (lao.workflow_id, lao.responsible_office_id) == (workflow.pk, office.pk)
    assert lao.service_standard_days == 3
    assert lao.title == "ການຈົດທະບຽນວິສາຫະກິດ"  # its words stay its own

    citizen = UserFactory()
    client.force_login(citizen)
    fill_all(client, lao)
    assert submit(client, lao).status_code == 302
    application = Application.objects.get(applicant=citizen)
    assert application.language == "lo"
    assert application.fee_snapshot["total"] == money_to_minor("80000", "LAK")
    assert application.fee_snapshot["due"] == "approval"
    assert (application.workflow_id, application.office_id) == (workflow.pk, office.pk)
    assert application.service_standard_days == 3


@pytest.mark.django_db
def test_the_lao_page_shows_them_read_only_and_keeps_the_english_values(
    client, publisher, service, lao
):
    client.force_login(publisher)
    html = client.get(f"/admin/pages/{lao.pk}/edit/").content.decode()
    assert "Edited on the English page" in html
    assert 'name="workflow"' not in html
    assert 'name="service_standard_days"' not in html
    assert 'name="office_links-TOTAL_FORMS"' not in html

    refused = edit(client, lao, publisher, **{"fee-0-value-amount": "1"})
    assert refused.status_code == 200
    assert "on the English page" in refused.content.decode()
    assert fresh(lao).fee_snapshot()["total"] == money_to_minor("50000", "LAK")

    # Values posted for fields the Lao form does not have change nothing; its words do change.
    response = edit(
        client,
        lao,
        publisher,
        title="ການຈົດທະບຽນວິສາຫະກິດ (ໃໝ່)",
        service_standard_days=1,
        workflow=fast_track().pk,
        fee_due="approval",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    lao = fresh(lao)
    assert lao.title == "ການຈົດທະບຽນວິສາຫະກິດ (ໃໝ່)"
    assert (lao.service_standard_days, lao.workflow_id, lao.fee_due) == (10, None, "submission")


@pytest.mark.django_db
def test_a_lao_draft_saved_before_the_change_publishes_with_the_new_fee(
    client, publisher, service, lao
):
    client.force_login(publisher)
    saved = edit(client, lao, publisher, publish=False, title="ການຈົດທະບຽນວິສາຫະກິດ (ຮ່າງ)")
    assert saved.status_code == 302
    assert edit(client, service, publisher, **{"fee-0-value-amount": "80000"}).status_code == 302

    # Later a moderator approves the Lao draft, or the scheduler publishes it.
    fresh(lao).get_latest_revision().publish()
    lao = fresh(lao)
    assert lao.title == "ການຈົດທະບຽນວິສາຫະກິດ (ຮ່າງ)"
    assert lao.fee_snapshot()["total"] == money_to_minor("80000", "LAK")


@pytest.mark.django_db
def test_option_names_stay_in_each_language_while_amounts_follow_the_english_page(
    client, publisher, service
):
    service.fee = [
        {
            "type": "options",
            "value": {
                "option_field": "business_type",
                "options": [
                    {"label": "Individual enterprise", "amount": "200000", "value": "sole"},
                    {"label": "Company", "amount": "600000", "value": "company"},
                ],
            },
        }
    ]
    service.save_revision().publish()
    lao = translate_service(service, "lo", "ການຈົດທະບຽນວິສາຫະກິດ")
    client.force_login(publisher)
    names = {
        "fee-0-value-options-0-value-label": "ວິສາຫະກິດສ່ວນບຸກຄົນ",
        "fee-0-value-options-1-value-label": "ບໍລິສັດ",
    }
    assert edit(client, lao, publisher, **names).status_code == 302
    changed = {"fee-0-value-options-1-value-amount": "700000"}
    assert edit(client, service, publisher, **changed).status_code == 302

    lao, english = fresh(lao), fresh(service)
    assert [(line["label"], line["amount"]) for line in lao.fee_lines()] == [
        ("ວິສາຫະກິດສ່ວນບຸກຄົນ", money_to_minor("200000", "LAK")),
        ("ບໍລິສັດ", money_to_minor("700000", "LAK")),
    ]
    assert [line["label"] for line in english.fee_lines()] == ["Individual enterprise", "Company"]
    assert lao.fee_total({"business_type": "company"}) == money_to_minor("700000", "LAK")


@pytest.mark.django_db
def test_versions_that_disagreed_before_the_upgrade_agree_after_it(service, lao):
    import importlib

    from django.apps import apps

    from cms.models import ServicePageOffice

    office = OfficeFactory()
    ServicePageOffice.objects.create(page=service, office=office)
    ServicePage.objects.filter(pk=lao.pk).update(fee_due="approval", service_standard_days=30)
    stale = fresh(lao)
    stale.fee = [{"type": "fixed", "value": {"amount": "1000"}}]
    stale.save(update_fields=["fee"], clean=False)

    migration = importlib.import_module("cms.migrations.0007_language_versions_agree")
    migration.agree(apps, None)

    lao = fresh(lao)
    assert lao.fee_snapshot() == fresh(service).fee_snapshot()
    assert (lao.service_standard_days, lao.responsible_office_id) == (10, office.pk)
