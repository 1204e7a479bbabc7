"""The form engine: every field type built from the blocks, conditions, and the admin's checks."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from forms.blocks import FormStepsBlock
from forms.builder import FormBuilder
from forms.schema import form_schema_from_stream
from tests.conftest import make_pdf


def field(type_, name, label=None, **extra):
    value = {
        "label": label or name.replace("_", " ").capitalize(),
        "name": name,
        "help_text": "",
        "required": True,
        "condition": {"field": "", "operator": "equals", "value": ""},
        **extra,
    }
    return {"type": type_, "value": value}


def step(title, fields, condition=None):
    return {
        "type": "step",
        "value": {
            "title": title,
            "intro": "",
            "condition": condition or {"field": "", "operator": "equals", "value": ""},
            "fields": fields,
        },
    }


OPTIONS = [{"label": "Sole trader", "value": "sole"}, {"label": "Company", "value": "company"}]

EVERY_TYPE = [
    step(
        "About you",
        [
            field("short_text", "full_name", max_length=100),
            field("long_text", "activity", max_length=500),
            field("number", "workers", min_value="1", max_value="100", whole_number=True),
            field("date", "date_of_birth", allow="past"),
            field("email", "email"),
            field("phone", "phone"),
            field("single_choice", "kind", options=OPTIONS, display="radios"),
            field("single_choice", "province_choice", options=OPTIONS, display="select"),
            field("multiple_choice", "sectors", options=OPTIONS),
            field("yes_no", "has_premises"),
            field("national_id", "national_id", pattern="[0-9]{9}", example="012345678"),
            field("address", "address"),
            field("file_upload", "id_card", accepted_types=["pdf"], max_size_mb=1),
        ],
    )
]

GOOD = {
    "full_name": "ສົມໃຈ ພົມມະຈັນ",
    "activity": "Selling coffee",
    "workers": "12",
    "date_of_birth": "1990-04-13",
    "email": "somjai@example.org",
    "phone": "+856 20 5555 1234",
    "kind": "company",
    "province_choice": "sole",
    "sectors": ["sole", "company"],
    "has_premises": "yes",
    "national_id": "012345678",
    "address_0": "Vientiane Capital",
    "address_1": "Xaysetha",
    "address_2": "Phonxay",
}


def build(steps_data):
    steps = FormStepsBlock().to_python(steps_data)
    return FormBuilder(form_schema_from_stream(steps)).get_form_class()


def test_a_form_with_every_field_type_cleans_to_json_ready_answers():
    form = build(EVERY_TYPE)(GOOD, {"id_card": make_pdf()})
    assert form.is_valid(), form.errors
    assert form.answers() == {
        "full_name": "ສົມໃຈ ພົມມະຈັນ",
        "activity": "Selling coffee",
        "workers": "12",
        "date_of_birth": "1990-04-13",
        "email": "somjai@example.org",
        "phone": "+856 20 5555 1234",
        "kind": "company",
        "province_choice": "sole",
        "sectors": ["sole", "company"],
        "has_premises": True,
        "national_id": "012345678",
        "address": {"province": "Vientiane Capital", "district": "Xaysetha", "village": "Phonxay"},
    }
    assert [document.field_name for document in form.documents()] == ["id_card"]


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("100", "100"), ("20", "20"), ("1e1", "10"), ("020", "20"), ("12.0", None)],
)
def test_a_whole_number_is_kept_as_plain_digits(typed, kept):
    form = build(EVERY_TYPE)({**GOOD, "workers": typed}, {"id_card": make_pdf()})
    assert form.is_valid() is (kept is not None), form.errors
    if kept is not None:
        assert form.answers()["workers"] == kept


@pytest.mark.django_db
def test_a_fee_per_unit_counts_a_quantity_of_20_as_20(service_page):
    service_page.fee_currency = "LAK"
    service_page.fee = [
        {
            "type": "per_quantity",
            "value": {"amount": "5000", "unit": "copy", "quantity_field": "workers"},
        }
    ]
    form = build(EVERY_TYPE)({**GOOD, "workers": "20"}, {"id_card": make_pdf()})
    assert form.is_valid(), form.errors
    assert service_page.fee_total(form.answers()) == 20 * 500_000


def test_a_number_is_kept_in_plain_digits_and_has_at_most_18():
    schema = [
        step(
            "Capital",
            [
                field("number", "capital", whole_number=False),
                field("number", "count", whole_number=False),
            ],
        )
    ]
    form = build(schema)({"capital": "2.50E+3", "count": "0.000001"})
    assert form.is_valid(), form.errors
    assert form.answers() == {"capital": "2500", "count": "0.000001"}
    huge = build(schema)({"capital": "1e999999999", "count": "1" * 19})
    assert not huge.is_valid()
    assert huge.errors == {
        "capital": ["Enter a number with at most 18 digits."],
        "count": ["Enter a number with at most 18 digits."],
    }


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("workers", "12.5", "Enter a whole number."),
        ("workers", "0", "Ensure this value is greater than or equal to 1."),
        ("date_of_birth", "2999-01-01", "The date must be today or in the past."),
        ("date_of_birth", "31/02/2020", "Enter a real date, such as 2026-03-27."),
        (
            "email",
            "somjai-at-example",
            "Enter an email address in the right form, such as name@example.com.",
        ),
        ("phone", "call me", "Enter a phone number, such as 020 5555 1234 or +856 20 5555 1234."),
        ("national_id", "12345", "Enter the number as it is on the card, such as 012345678."),
        ("kind", "", "Select “Kind”."),
        ("address_2", "", "Enter the province, district and village of “Address”."),
    ],
)
def test_each_wrong_answer_gets_its_own_message(name, value, message):
    form = build(EVERY_TYPE)({**GOOD, name: value}, {"id_card": make_pdf()})
    assert not form.is_valid()
    field_name = name.split("_")[0] if name.startswith("address") else name
    assert form.errors == {field_name: [message]}


CONDITIONAL = [
    step(
        "Business",
        [
            field("yes_no", "has_premises"),
            field(
                "short_text",
                "premises_address",
                condition={"field": "has_premises", "operator": "equals", "value": "yes"},
            ),
        ],
    ),
    step(
        "Company details",
        [field("short_text", "company_name")],
        condition={"field": "has_premises", "operator": "differs", "value": "no"},
    ),
]


def test_a_hidden_field_and_a_skipped_step_drop_their_answers():
    form = build(CONDITIONAL)(
        {"has_premises": "no", "premises_address": "Old answer", "company_name": "Old name"}
    )
    assert form.is_valid(), form.errors
    assert form.answers() == {"has_premises": False}


def test_a_shown_conditional_field_is_required():
    form = build(CONDITIONAL)({"has_premises": "yes"})
    assert not form.is_valid()
    assert set(form.errors) == {"premises_address", "company_name"}


def definition_errors(steps_data):
    block = FormStepsBlock()
    with pytest.raises(ValidationError) as raised:
        block.clean(block.to_python(steps_data))
    return " ".join(str(error) for error in raised.value.non_block_errors)


def test_the_admin_refuses_a_machine_name_used_twice():
    message = definition_errors(
        [step("One", [field("short_text", "name")]), step("Two", [field("email", "name")])]
    )
    assert "“name” is used by more than one field" in message


def test_the_admin_refuses_a_condition_on_a_later_or_missing_field():
    later = definition_errors(
        [
            step(
                "One",
                [
                    field(
                        "short_text",
                        "first",
                        condition={"field": "second", "operator": "equals", "value": "x"},
                    ),
                    field("short_text", "second"),
                ],
            )
        ]
    )
    assert "no field before it has that machine name" in later
    missing = definition_errors(
        [step("One", [field("short_text", "a")], condition={"field": "nowhere", "value": "x"})]
    )
    assert "Step “One” is shown only when “nowhere”" in missing


def test_the_admin_refuses_an_upload_without_accepted_types():
    message = definition_errors(
        [step("One", [field("file_upload", "scan", accepted_types=[], max_size_mb=1)])]
    )
    assert "accepts no file type" in message


def test_a_valid_definition_is_accepted():
    block = FormStepsBlock()
    assert block.clean(block.to_python(EVERY_TYPE + CONDITIONAL[1:]))


def test_the_admin_refuses_an_upload_larger_than_the_portal_accepts(settings):
    settings.UPLOAD_MAX_MB = 20
    message = definition_errors(
        [step("One", [field("file_upload", "scan", accepted_types=["pdf"], max_size_mb=50)])]
    )
    assert (
        "The upload “Scan” accepts 50 MB, but the portal accepts files of at most 20 MB. "
        "Enter 20 or less." in message
    )
    block = FormStepsBlock()
    at_the_ceiling = [
        step("One", [field("file_upload", "scan", accepted_types=["pdf"], max_size_mb=20)])
    ]
    assert block.clean(block.to_python(at_the_ceiling))


def test_a_stored_upload_size_above_the_ceiling_is_held_to_it(settings):
    """A form saved when the ceiling was higher (or before it was checked) accepts no more than
    UPLOAD_MAX_MB, and says so."""
    settings.UPLOAD_MAX_MB = 2
    stored = [step("One", [field("file_upload", "scan", accepted_types=["pdf"], max_size_mb=50)])]
    form = build(stored)()
    scan = form.fields["scan"]
    assert scan.max_bytes == 2 * 1024 * 1024
    assert scan.help_text.endswith("PDF, at most 2.0\u00a0MB.")
    assert scan.widget.attrs["data-max-bytes"] == str(2 * 1024 * 1024)
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b" " * (3 * 1024 * 1024))
    refused = build(stored)(data={}, files={"scan": big})
    assert not refused.is_valid()
    assert "smaller than 2.0\u00a0MB" in str(refused.errors["scan"])
