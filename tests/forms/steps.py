"""A three-step form and the moves of an applicant through it, for the wizard's tests."""

from tests.conftest import make_pdf
from tests.forms.test_builder import OPTIONS, field, step

THREE_STEPS = [
    step(
        "About you",
        [
            field("short_text", "full_name", max_length=100),
            field("single_choice", "business_type", options=OPTIONS, display="radios"),
        ],
    ),
    step(
        "Company details",
        [field("short_text", "company_name")],
        condition={"field": "business_type", "operator": "equals", "value": "company"},
    ),
    step(
        "Documents",
        [
            field(
                "file_upload",
                "identity_document",
                accepted_types=["pdf", "jpeg", "png"],
                max_size_mb=1,
                document_types=["identity"],
            ),
            field("long_text", "notes", required=False),
        ],
    ),
]


def url(service, step=""):
    return service.url + (f"apply/{step}/" if step else "apply/")


def post_step(client, service, step_name, data=None, **extra):
    payload = {f"service-{service.pk}-current_step": step_name}
    payload.update({f"{step_name}-{key}": value for key, value in (data or {}).items()})
    payload.update(extra)
    return client.post(url(service, step_name), payload)


def fill_all(client, service, business_type="company"):
    assert (
        post_step(
            client, service, "step-1", {"full_name": "Somchai", "business_type": business_type}
        ).status_code
        == 302
    )
    if business_type == "company":
        post_step(client, service, "step-2", {"company_name": "Mekong Coffee"})
    response = post_step(client, service, "step-3", {"identity_document": make_pdf()})
    assert response["Location"] == url(service, "check"), response.content.decode()[:2000]


def submit(client, service, **extra):
    return post_step(client, service, "check", {"declaration": "on"}, **extra)
