"""What editors are told in the admin: a slug a forgotten draft holds, the languages a service
lacks, a condition or fee on a field that is not there, required documents the form does not
ask for."""

import copy
import html as html_module
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.models import ServicePage
from tests.cms.page_form import page_edit_data
from tests.factories import ServicePageFactory, UserFactory, give_totp, translate_service
from tests.forms.test_builder import field


@pytest.fixture
def publisher(db):
    """An editor who may publish (Wagtail's moderators), with two-step verification."""
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Moderators"))
    give_totp(user)
    return user


def document(name, *, mandatory=True, types=("pdf", "jpeg", "png")):
    return {
        "type": "document",
        "value": {
            "name": name,
            "original_or_copy": "copy",
            "copies": 1,
            "mandatory": mandatory,
            "accepted_types": list(types),
            "note": "",
        },
    }


def upload(name, label, *, required=True, types=("pdf", "jpeg", "png"), condition=None):
    extra = {"accepted_types": list(types), "max_size_mb": 5}
    if condition:
        extra["condition"] = condition
    return field("file_upload", name, label, required=required, **extra)


def post(client, page, user, *, action="action-publish", url=None, **changes):
    """Post the page's admin form as an editor would, with some entries changed."""
    data = page_edit_data(page, user)
    data.update(changes)
    if action:
        data[action] = action
    return client.post(url or f"/admin/pages/{page.pk}/edit/", data)


def shown(response) -> str:
    """The page as the editor reads it: a StreamField's errors travel as JSON in an attribute."""
    text = html_module.unescape(response.content.decode())
    return re.sub(r"\\u([0-9a-f]{4})", lambda match: chr(int(match.group(1), 16)), text)


def set_stream(page, user, **streams):
    """The posted data of ``page`` with its StreamFields replaced (saved, not published)."""
    for name, value in streams.items():
        setattr(page, name, value)
    page.save_revision(user=user)


# A draft left by an abandoned "add page" holds the slug ----------------------------------


@pytest.mark.django_db
def test_a_slug_a_forgotten_draft_holds_names_the_draft_and_links_to_it(
    client, publisher, service_page
):
    sector = service_page.get_parent()
    draft = ServicePageFactory(
        parent=sector, slug="tax-registration", title="Tax registration", live=False
    )
    client.force_login(publisher)
    response = post(
        client,
        service_page,
        publisher,
        action=None,
        url=f"/admin/pages/add/cms/servicepage/{sector.pk}/",
        title="Tax registration",
        slug="tax-registration",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "A draft page, “Tax registration”, already has this slug" in html
    assert f'href="/admin/pages/{draft.pk}/edit/"' in html
    assert ServicePage.objects.filter(slug="tax-registration").count() == 1


@pytest.mark.django_db
def test_a_slug_a_published_page_holds_keeps_wagtails_message(client, publisher, service_page):
    sector = service_page.get_parent()
    client.force_login(publisher)
    html = post(
        client,
        service_page,
        publisher,
        action=None,
        url=f"/admin/pages/add/cms/servicepage/{sector.pk}/",
        slug=service_page.slug,
    ).content.decode()
    assert "is already in use within the parent page" in html
    assert "A draft page" not in html


# The languages a service lacks ------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_listing_says_which_languages_a_service_lacks(client, publisher, service_page):
    sector = service_page.get_parent()
    translate_service(service_page, "lo", "ການຈົດທະບຽນວິສາຫະກິດ")
    english_only = ServicePageFactory(parent=sector, slug="tax", title="Tax registration")
    Locale.objects.get_or_create(language_code="km")
    client.force_login(publisher)
    html = client.get(f"/admin/pages/{sector.pk}/").content.decode()
    assert "Tax registration · not yet in Lao, Khmer" in html
    assert "Enterprise registration · not yet in Khmer" in html
    # Another page's title elsewhere in the admin stays plain.
    html = client.get(f"/admin/pages/{english_only.pk}/edit/").content.decode()
    assert "· not yet in" not in html


@pytest.mark.django_db
def test_the_listing_reads_the_languages_in_the_same_queries_however_many_services(
    client, publisher, service_page
):
    sector = service_page.get_parent()
    translate_service(service_page, "lo", "ການຈົດທະບຽນວິສາຫະກິດ")
    client.force_login(publisher)
    client.get(f"/admin/pages/{sector.pk}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/admin/pages/{sector.pk}/")
    for number in range(4):
        ServicePageFactory(parent=sector, slug=f"more-{number}", title=f"More {number}")
    client.get(f"/admin/pages/{sector.pk}/")  # pages changed: the site is read once again
    with CaptureQueriesContext(connection) as many:
        html = client.get(f"/admin/pages/{sector.pk}/").content.decode()
    assert "More 3 · not yet in Lao" in html
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.django_db
def test_the_fees_report_lists_each_service_with_the_languages_it_lacks(
    client, publisher, service_page
):
    sector = service_page.get_parent()
    translate_service(service_page, "lo", "ການຈົດທະບຽນວິສາຫະກິດ")
    ServicePageFactory(parent=sector, slug="tax", title="Tax registration", code="TX-1")
    client.force_login(publisher)
    response = client.get("/admin/reports/fees-and-languages/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tax registration" in html and "TX-1" in html
    assert "ການຈົດທະບຽນວິສາຫະກິດ" not in html  # each service once, in the default language
    rows = html.split('<tr class="onedoor-service-row">')[1:]
    tax = next(row for row in rows if "Tax registration" in row)
    enterprise = next(row for row in rows if "Enterprise registration" in row)
    assert "Lao" in tax and "Lao" not in enterprise
    assert "LAK\xa050,000" in enterprise
    # The admin's menu leads there.
    assert "/admin/reports/fees-and-languages/" in client.get("/admin/").content.decode()


# Conditions and fees on fields that are not there ------------------------------------------


@pytest.mark.django_db
def test_a_condition_on_a_missing_field_is_refused_and_offers_the_earlier_names(
    client, publisher, service
):
    form = copy.deepcopy(service.application_form.raw_data)
    form[1]["value"]["condition"]["field"] = "business_kind"  # a typo of business_type
    set_stream(service, publisher, application_form=form)
    client.force_login(publisher)
    html = shown(post(client, service, publisher))
    assert "no field before it has that machine name" in html
    assert "Earlier fields: full_name, business_type." in html
    assert "company_name" not in html.split("Earlier fields:")[1].split(".")[0]


@pytest.mark.django_db
def test_a_condition_on_a_value_no_option_has_is_refused_with_the_values(
    client, publisher, service
):
    form = copy.deepcopy(service.application_form.raw_data)
    form[1]["value"]["condition"]["value"] = "Company"  # the label, not the stored value
    set_stream(service, publisher, application_form=form)
    client.force_login(publisher)
    html = shown(post(client, service, publisher))
    assert "“business_type” has no option with the value “Company”" in html
    assert "Its values: sole, company." in html


@pytest.mark.django_db
def test_a_fee_chosen_by_a_field_the_form_does_not_have_is_refused(client, publisher, service):
    fee = [
        {
            "type": "options",
            "value": {
                "option_field": "business_kind",
                "options": [
                    {"label": "Sole trader", "amount": "10000", "value": "sole"},
                    {"label": "Company", "amount": "50000", "value": "company"},
                ],
            },
        }
    ]
    set_stream(service, publisher, fee=fee)
    client.force_login(publisher)
    html = shown(post(client, service, publisher))
    assert "The fee is chosen by “business_kind”, but the form has no such choice field." in html
    assert "Choice fields: business_type." in html
    fee[0]["value"]["option_field"] = "business_type"
    set_stream(service, publisher, fee=fee)
    assert post(client, service, publisher).status_code == 302


# Required documents and the form's uploads ------------------------------------------------


@pytest.fixture
def documented(service, publisher):
    """The service's page listing the identity document its form asks for."""
    set_stream(service, publisher, required_documents=[document("Identity document")])
    return service


@pytest.mark.django_db
def test_documents_and_uploads_that_agree_publish(client, publisher, documented):
    client.force_login(publisher)
    assert post(client, documented, publisher).status_code == 302
    assert ServicePage.objects.get(pk=documented.pk).required_documents[0].value["name"]


@pytest.mark.django_db
def test_a_required_document_the_form_does_not_ask_for_is_refused_on_publish(
    client, publisher, documented
):
    set_stream(
        documented,
        publisher,
        required_documents=[document("Identity document"), document("Family book")],
    )
    client.force_login(publisher)
    response = post(client, documented, publisher)
    assert response.status_code == 200
    html = shown(response)
    assert "“Family book” is a required document, but the form has no upload field" in html
    # A draft keeps what was typed.
    assert post(client, documented, publisher, action=None).status_code == 302


@pytest.mark.django_db
def test_an_upload_not_in_the_required_documents_is_refused_on_publish(
    client, publisher, documented
):
    form = copy.deepcopy(documented.application_form.raw_data)
    form[2]["value"]["fields"].append(upload("site_plan", "Site plan"))
    set_stream(documented, publisher, application_form=form)
    client.force_login(publisher)
    html = shown(post(client, documented, publisher, action="action-submit"))
    assert "The form asks for “Site plan”, which is not in the required documents" in html


@pytest.mark.django_db
def test_a_mandatory_document_with_an_optional_upload_is_refused(client, publisher, documented):
    form = copy.deepcopy(documented.application_form.raw_data)
    form[2]["value"]["fields"][0]["value"]["required"] = False
    set_stream(documented, publisher, application_form=form)
    client.force_login(publisher)
    html = shown(post(client, documented, publisher))
    assert "“Identity document” is mandatory, but its upload field is optional" in html


@pytest.mark.django_db
def test_an_upload_taking_a_type_its_document_does_not_is_refused(client, publisher, documented):
    set_stream(
        documented, publisher, required_documents=[document("Identity document", types=["pdf"])]
    )
    client.force_login(publisher)
    html = shown(post(client, documented, publisher))
    assert "The upload “Identity document” takes JPEG image and PNG image" in html


@pytest.mark.django_db
def test_a_service_without_an_online_form_needs_no_uploads(client, publisher, service_page):
    set_stream(
        service_page,
        publisher,
        application_form=[],
        required_documents=[document("Family book")],
    )
    client.force_login(publisher)
    assert post(client, service_page, publisher).status_code == 302
